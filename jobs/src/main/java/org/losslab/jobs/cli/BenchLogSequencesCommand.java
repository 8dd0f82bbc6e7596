package org.losslab.jobs.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.SparkSession;
import org.losslab.common.anomaly.WindowKind;
import org.losslab.jobs.bench.LogSequencesBenchmark;
import org.losslab.jobs.logs.BuildLogSequences;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code losslab bench log-sequences}: window building and scoring against a plain Spark read and write. */
@Command(name = "log-sequences", mixinStandardHelpOptions = true,
        description = "Time build-log-sequences on an ingested system next to a plain Spark copy of its log_lines,"
                + " and (with --run) the scoring of detect-anomalies next to a copy of the same windows, alternating;"
                + " print the ratios (median and range) and windows scored per second per core.")
final class BenchLogSequencesCommand extends SparkCommand {

    @Option(names = "--system", required = true, paramLabel = "NAME", description = "An ingested system. Default: none (required).")
    String system;

    @Option(names = "--window", defaultValue = "session", paramLabel = "KIND",
            description = "Default: ${DEFAULT-VALUE}.")
    String window;

    @Option(names = "--size", defaultValue = "20", paramLabel = "N", description = "Default: ${DEFAULT-VALUE}.")
    int size;

    @Option(names = "--session-key", defaultValue = "blk_-?[0-9]+", paramLabel = "REGEX",
            description = "Default: ${DEFAULT-VALUE}.")
    String sessionKey;

    @Option(names = "--labels", paramLabel = "CSV", description = "As for build-log-sequences. Default: none.")
    String labels;

    @Option(names = "--run", paramLabel = "ID", description = "A logs run whose scoring to time. Default: none.")
    String runId;

    @Option(names = "--repetitions", defaultValue = "3", paramLabel = "N", description = "Default: ${DEFAULT-VALUE}.")
    int repetitions;

    @Option(names = "--work-dir", defaultValue = "./work/bench-log-sequences", paramLabel = "DIR",
            description = "Scratch folder for the copies. Default: ${DEFAULT-VALUE}.")
    Path workDir;

    @Override
    CommandResult run(SparkSession spark) {
        WindowKind kind = WindowKind.parse(window);
        BuildLogSequences.Options build = new BuildLogSequences.Options(warehouse(), List.of(system), kind, size,
                Math.max(1, size / 2), 3600, kind == WindowKind.SESSION ? sessionKey : null, null, labels,
                "chronological", 0.7, 0.1, 42);
        LogSequencesBenchmark.Result result = new LogSequencesBenchmark(new LogSequencesBenchmark.Options(build,
                runId, repetitions, workDir.toAbsolutePath())).run(spark);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("lines", result.lines());
        json.put("copy_lines_seconds", result.copyLines());
        json.put("build_seconds", result.build());
        json.put("build_ratios", result.buildRatios());
        if (runId != null) {
            json.put("windows_scored", result.windowsScored());
            json.put("copy_windows_seconds", result.copyWindows());
            json.put("score_seconds", result.score());
            json.put("score_ratios", result.scoreRatios());
            json.put("windows_per_second_per_core", result.windowsPerSecondPerCore());
        }
        return new CommandResult(LogSequencesBenchmark.report(result), json);
    }
}
