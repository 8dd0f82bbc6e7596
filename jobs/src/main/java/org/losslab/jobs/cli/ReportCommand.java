package org.losslab.jobs.cli;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.spark.sql.SparkSession;
import org.losslab.jobs.grokking.GrokkingRuns;
import org.losslab.jobs.report.BuildReport;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code losslab report}: a static HTML report of the warehouse in one folder. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write a static HTML report of the warehouse (HTML and SVG/PNG plots in one folder; nothing"
                + " fetched from the network, opens from file://): tables and ingest figures, runs with a page and"
                + " loss curves per selected run, sweeps and scaling fits, grokking, logs and anomaly detection,"
                + " rejects. Without --sweep or --runs every run gets a page.")
final class ReportCommand extends SparkCommand {

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    RunSelection runs;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "./work/report",
            description = "Local folder for the report (created; an earlier report in it is replaced; any other"
                    + " non-empty folder is refused). Default: ${DEFAULT-VALUE}.")
    String out;

    @Override
    CommandResult run(SparkSession spark) {
        GrokkingRuns.Selection selection = runs == null ? new GrokkingRuns.Selection(null, null, true)
                : runs.selection();
        BuildReport.Result result = new BuildReport(new BuildReport.Options(warehouse(), selection, out)).run(spark);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("index", result.index().toString());
        json.put("pages", result.pages().size());
        json.put("run_pages", result.runPages());
        json.put("plots", result.plots());
        String text = String.format("Report of %d pages (%d runs with a page, %d plots): %s%nOpen it with: %s",
                result.pages().size(), result.runPages().size(), result.plots(), result.out(),
                result.index().toUri());
        return new CommandResult(text, json);
    }
}
