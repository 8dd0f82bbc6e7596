package org.losslab.jobs.cli;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.spark.sql.SparkSession;
import org.losslab.common.plasticc.sim.SimulationConfig;
import org.losslab.jobs.plasticc.SimulatePlasticc;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code losslab simulate-plasticc}: a simulated PLAsTiCC training set in the Kaggle layout. */
@Command(name = "simulate-plasticc", mixinStandardHelpOptions = true,
        description = "Simulate PLAsTiCC objects (per-class physical light-curve models, LSST-like cadence and"
                + " noise) and write training_set and training_set_metadata in the Kaggle layout, as a Spark job."
                + " Deterministic for a seed.")
final class SimulatePlasticcCommand extends SparkCommand {

    @Option(names = "--objects", paramLabel = "N", defaultValue = "1000",
            description = "Number of objects (the real training set has 7,848; ~181 observations each)."
                    + " Default: ${DEFAULT-VALUE}.")
    long objects;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "./work/plasticc-sim",
            description = "Output folder. Default: ${DEFAULT-VALUE}.")
    String out;

    @Option(names = "--format", paramLabel = "csv|parquet", defaultValue = "csv",
            description = "csv: one file each, as Kaggle distributed them; parquet: one folder each."
                    + " Default: ${DEFAULT-VALUE}.")
    SimulatePlasticc.Format format;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--partitions", paramLabel = "P", defaultValue = "0",
            description = "Spark tasks to spread the objects over; 0 = default parallelism."
                    + " Default: ${DEFAULT-VALUE}.")
    int partitions;

    @Option(names = "--ddf-fraction", paramLabel = "F", defaultValue = "" + SimulationConfig.DEFAULT_DDF_FRACTION,
            description = "Share of objects in the deep-drilling fields. Default: ${DEFAULT-VALUE}.")
    double ddfFraction;

    @Override
    CommandResult run(SparkSession spark) {
        SimulatePlasticc.Result result = new SimulatePlasticc(new SimulatePlasticc.Options(objects, out, format,
                seed, partitions, ddfFraction)).run(spark);
        return new CommandResult(summary(result), json(result));
    }

    static Map<String, Object> json(SimulatePlasticc.Result result) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("objects", result.objects());
        json.put("observations", result.observations());
        json.put("observations_path", result.observationsPath());
        json.put("metadata_path", result.metadataPath());
        json.put("objects_by_class", result.objectsByClass());
        return json;
    }

    static String summary(SimulatePlasticc.Result result) {
        StringBuilder text = new StringBuilder(String.format("Simulated %,d objects, %,d observations%n",
                result.objects(), result.observations()));
        text.append("  objects by class:");
        result.objectsByClass().forEach((target, count) -> text.append(' ').append(target).append('=').append(count));
        text.append(String.format("%n  %s%n  %s", result.observationsPath(), result.metadataPath()));
        return text.toString();
    }
}
