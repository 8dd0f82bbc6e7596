package org.losslab.jobs.cli;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.spark.sql.SparkSession;
import org.losslab.common.features.FeatureConfig;
import org.losslab.common.features.SplitAssigner;
import org.losslab.jobs.features.BuildFeatures;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code losslab build-features}: light curves to fixed-size tensors and a stratified split. */
@Command(name = "build-features", mixinStandardHelpOptions = true,
        description = "Turn plasticc_observations + plasticc_objects into plasticc_features: each light curve a"
                + " fixed-length masked sequence plus metadata and summary features, each labelled object in a"
                + " train/validation/test split by object id hash, stratified by class.")
final class BuildFeaturesCommand extends SparkCommand {

    @Option(names = "--sequence-length", paramLabel = "L", defaultValue = "" + FeatureConfig.DEFAULT_SEQUENCE_LENGTH,
            description = "Time steps per light curve (longer ones keep a window around the brightest detection)."
                    + " Default: ${DEFAULT-VALUE}.")
    int sequenceLength;

    @Option(names = "--split-seed", paramLabel = "S", defaultValue = "42",
            description = "Seed of the object id hash that splits. Default: ${DEFAULT-VALUE}.")
    long splitSeed;

    @Option(names = "--train-fraction", paramLabel = "F", defaultValue = "" + SplitAssigner.DEFAULT_TRAIN_FRACTION,
            description = "Share of each class for training. Default: ${DEFAULT-VALUE}.")
    double trainFraction;

    @Option(names = "--validation-fraction", paramLabel = "F",
            defaultValue = "" + SplitAssigner.DEFAULT_VALIDATION_FRACTION,
            description = "Share of each class for validation; the rest is test. Default: ${DEFAULT-VALUE}.")
    double validationFraction;

    @Override
    CommandResult run(SparkSession spark) {
        BuildFeatures.Result result = new BuildFeatures(new BuildFeatures.Options(warehouse(), sequenceLength,
                splitSeed, trainFraction, validationFraction)).run(spark);
        return new CommandResult(summary(result), json(result));
    }

    static Map<String, Object> json(BuildFeatures.Result result) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("objects", result.objects());
        json.put("objects_by_split", result.objectsBySplit());
        json.put("channels", result.channels());
        json.put("sequence_length", result.sequenceLength());
        json.put("metadata_length", result.metadataLength());
        json.put("summary_length", result.summaryLength());
        json.put("table", result.table());
        return json;
    }

    static String summary(BuildFeatures.Result result) {
        return String.format("Built features of %,d objects %s%n  sequence %d channels x %d steps, %d metadata,"
                + " %d summary features%n  %s", result.objects(), result.objectsBySplit(), result.channels(),
                result.sequenceLength(), result.metadataLength(), result.summaryLength(), result.table());
    }
}
