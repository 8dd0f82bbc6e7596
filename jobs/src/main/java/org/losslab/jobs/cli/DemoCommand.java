package org.losslab.jobs.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.SparkSession;
import org.losslab.common.features.SplitAssigner;
import org.losslab.common.plasticc.sim.SimulationConfig;
import org.losslab.jobs.features.BuildFeatures;
import org.losslab.jobs.plasticc.IngestPlasticc;
import org.losslab.jobs.plasticc.SimulatePlasticc;
import org.losslab.jobs.spark.SparkSessions;
import org.losslab.jobs.train.Models;
import org.losslab.jobs.train.TrainModel;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code losslab demo}: the whole present chain on the embedded default in a few minutes — simulate PLAsTiCC
 * objects, ingest them, build features, train a small self-attention model and an MLP data-parallel with
 * parameter averaging, print the runs with their losses and test metrics, and say where the tables are.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the chain end to end: simulate PLAsTiCC objects, ingest them, build features, train a"
                + " small attention model and an MLP with parameter averaging, print the runs and where the tables"
                + " are.")
final class DemoCommand extends SparkCommand {

    @Option(names = "--objects", paramLabel = "N", defaultValue = "3000",
            description = "Objects to simulate. Default: ${DEFAULT-VALUE}.")
    long objects;

    @Option(names = "--input-dir", paramLabel = "DIR", defaultValue = "./work/demo",
            description = "Where the simulated CSV files go. Default: ${DEFAULT-VALUE}.")
    String inputDir;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--workers", paramLabel = "N", defaultValue = "2",
            description = "Data-parallel workers of both runs. Default: ${DEFAULT-VALUE}.")
    int workers;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "8",
            description = "Epochs of each run. Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--sequence-length", paramLabel = "L", defaultValue = "64",
            description = "Time steps of the light-curve tensors (short, so attention is quick). Default:"
                    + " ${DEFAULT-VALUE}.")
    int sequenceLength;

    @Override
    Map<String, String> sessionDefaults() {
        return SparkSessions.TRAINING_DEFAULTS;
    }

    @Override
    CommandResult run(SparkSession spark) {
        SimulatePlasticc.Result simulated = new SimulatePlasticc(new SimulatePlasticc.Options(objects, inputDir,
                SimulatePlasticc.Format.CSV, seed, 0, SimulationConfig.DEFAULT_DDF_FRACTION)).run(spark);
        IngestPlasticc.Result ingested = new IngestPlasticc(new IngestPlasticc.Options(warehouse(),
                List.of(simulated.observationsPath()), List.of(simulated.metadataPath()))).run(spark);
        BuildFeatures.Result features = new BuildFeatures(new BuildFeatures.Options(warehouse(), sequenceLength, seed,
                SplitAssigner.DEFAULT_TRAIN_FRACTION, SplitAssigner.DEFAULT_VALIDATION_FRACTION)).run(spark);
        List<TrainModel.Result> runs = new ArrayList<>();
        runs.add(train(spark, Models.Kind.ATTENTION, 32, 1, 0.003));
        runs.add(train(spark, Models.Kind.MLP, 64, 2, 0.003));

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("simulate", SimulatePlasticcCommand.json(simulated));
        json.put("ingest", IngestPlasticcCommand.json(ingested));
        json.put("features", BuildFeaturesCommand.json(features));
        json.put("runs", runs.stream().map(TrainCommand::json).toList());
        StringBuilder summary = new StringBuilder()
                .append(SimulatePlasticcCommand.summary(simulated)).append('\n')
                .append(IngestPlasticcCommand.summary(ingested)).append('\n')
                .append(BuildFeaturesCommand.summary(features)).append('\n');
        for (TrainModel.Result run : runs) {
            summary.append(TrainCommand.summary(run)).append('\n');
        }
        summary.append("Tables in ").append(warehouse()).append(": plasticc_*, runs, run_metrics, run_summary.")
                .append(" Query them with: bin/losslab sql \"SELECT run_id, model, params, status FROM runs\"");
        return new CommandResult(summary.toString(), json);
    }

    private TrainModel.Result train(SparkSession spark, Models.Kind kind, int width, int depth, double lr) {
        TrainModel.Result result = new TrainModel(new TrainModel.Options(warehouse(), "plasticc", kind, width, depth,
                epochs, 32, workers, 5, lr, "cosine", 10, 0.0001, seed, null, "demo", "kaggle", 20, 0, false, 1.0,
                sequenceLength, "softmax", false, null, null, "export", 60)).run(spark);
        if (!result.finished()) {
            throw new TrainCommand.TrainingFailedException(result);
        }
        return result;
    }
}
