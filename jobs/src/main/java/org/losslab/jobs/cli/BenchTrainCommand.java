package org.losslab.jobs.cli;

import java.nio.file.Files;
import java.nio.file.Path;
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
import org.losslab.jobs.train.TrainBenchmark;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code losslab bench train}: parameter averaging's examples/s and final loss next to single-JVM DL4J. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train the same network on the same simulated PLAsTiCC features with Spark parameter averaging"
                + " and with plain single-JVM DL4J; print examples/s of both as a ratio, and both final losses.")
final class BenchTrainCommand extends SparkCommand {

    @Option(names = "--objects", paramLabel = "N", defaultValue = "8000",
            description = "Simulated objects (made once into <work-dir>/warehouse). Default: ${DEFAULT-VALUE}.")
    long objects;

    @Option(names = "--work-dir", paramLabel = "DIR", defaultValue = "./work/bench-train",
            description = "Scratch folder (local: the single-JVM side reads it too). Default: ${DEFAULT-VALUE}.")
    Path workDir;

    @Option(names = "--model", paramLabel = "mlp|lstm|attention", defaultValue = "lstm",
            description = "Default: ${DEFAULT-VALUE}.")
    String model;

    @Option(names = "--width", paramLabel = "N", defaultValue = "64", description = "Default: ${DEFAULT-VALUE}.")
    int width;

    @Option(names = "--depth", paramLabel = "N", defaultValue = "2", description = "Default: ${DEFAULT-VALUE}.")
    int depth;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "6", description = "Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "32",
            description = "Minibatch size of the single JVM and of each worker. Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Option(names = "--workers", paramLabel = "N", defaultValue = "2", description = "Default: ${DEFAULT-VALUE}.")
    int workers;

    @Option(names = "--averaging-frequency", paramLabel = "N", defaultValue = "5",
            description = "Default: ${DEFAULT-VALUE}.")
    int averagingFrequency;

    @Option(names = "--learning-rate", paramLabel = "LR", defaultValue = "0.001",
            description = "Default: ${DEFAULT-VALUE}.")
    double learningRate;

    @Option(names = "--sequence-length", paramLabel = "L", defaultValue = "64",
            description = "Default: ${DEFAULT-VALUE}.")
    int sequenceLength;

    @Option(names = "--direct", description = "DL4J's Direct approach (examples cached in Spark, re-split every"
            + " round) instead of train's default, minibatch files read per round. Default: ${DEFAULT-VALUE}.")
    boolean direct;

    @Option(names = "--repetitions", paramLabel = "N", defaultValue = "3",
            description = "Alternating timed runs of each side after a warm-up; the ratio is of the medians."
                    + " Default: ${DEFAULT-VALUE}.")
    int repetitions;

    @Override
    Map<String, String> sessionDefaults() {
        return SparkSessions.TRAINING_DEFAULTS;
    }

    @Override
    CommandResult run(SparkSession spark) {
        Path warehouse = workDir.toAbsolutePath().resolve("warehouse-" + objects + "-" + sequenceLength);
        if (!Files.isDirectory(warehouse.resolve("plasticc_features"))) {
            Path input = workDir.toAbsolutePath().resolve("input-" + objects);
            SimulatePlasticc.Result sim = new SimulatePlasticc(new SimulatePlasticc.Options(objects, input.toString(),
                    SimulatePlasticc.Format.CSV, 1, 0, SimulationConfig.DEFAULT_DDF_FRACTION)).run(spark);
            new IngestPlasticc(new IngestPlasticc.Options(warehouse.toString(), List.of(sim.observationsPath()),
                    List.of(sim.metadataPath()))).run(spark);
            new BuildFeatures(new BuildFeatures.Options(warehouse.toString(), sequenceLength, 42,
                    SplitAssigner.DEFAULT_TRAIN_FRACTION, SplitAssigner.DEFAULT_VALIDATION_FRACTION)).run(spark);
        }
        TrainBenchmark.Result result = new TrainBenchmark(new TrainBenchmark.Options(warehouse.toString(),
                Models.Kind.parse(model), width, depth, epochs, batchSize, workers, averagingFrequency, learningRate,
                7, sequenceLength, direct, repetitions)).run(spark);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("master", spark.sparkContext().master());
        json.put("params", result.params());
        json.put("train_examples", result.trainExamples());
        List<Map<String, Object>> runs = new java.util.ArrayList<>();
        for (TrainBenchmark.Side side : result.runs()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("run", side.what());
            m.put("examples", side.examples());
            m.put("seconds", side.seconds());
            m.put("examples_per_second", side.examplesPerSecond());
            m.put("final_loss", side.finalLoss());
            runs.add(m);
        }
        json.put("runs", runs);
        json.put("throughput_ratios", result.ratios());
        json.put("median_throughput_ratio", result.medianRatio());
        json.put("final_loss_difference", result.lossDifference());
        json.put("averaging_rounds", result.rounds());
        json.put("round_costs_ms", result.roundCosts());
        return new CommandResult(TrainBenchmark.report(result), json);
    }
}
