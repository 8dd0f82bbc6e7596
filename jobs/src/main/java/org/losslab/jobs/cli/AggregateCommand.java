package org.losslab.jobs.cli;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.spark.sql.SparkSession;
import org.losslab.jobs.sweep.AggregateSweep;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code losslab aggregate --sweep ID}: a sweep's finished runs into sweep_points. */
@Command(name = "aggregate", mixinStandardHelpOptions = true,
        description = "Write sweep_points for a sweep: per finished run N (parameters), D (examples seen), C = 6ND,"
                + " final/best/smoothed-final validation loss and its axis values.")
final class AggregateCommand extends SparkCommand {

    @Option(names = "--sweep", required = true, paramLabel = "ID", description = "Sweep id. Default: none (required).")
    String sweepId;

    @Override
    CommandResult run(SparkSession spark) {
        AggregateSweep.Result result = new AggregateSweep(new AggregateSweep.Options(warehouse(), sweepId)).run(spark);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("sweep_id", result.sweepId());
        json.put("points", result.points());
        json.put("unfinished_runs", result.unfinishedRuns());
        json.put("axes", result.axes());
        json.put("table", result.table());
        return new CommandResult(String.format("Sweep %s: %d points (%d runs not finished, left out), axes %s%n  %s",
                result.sweepId(), result.points(), result.unfinishedRuns(), result.axes(), result.table()), json);
    }
}
