package org.losslab.jobs.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.SparkSession;
import org.losslab.jobs.bench.IngestLogsBenchmark;
import org.losslab.jobs.bench.IngestLogsBenchmark.Run;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code losslab bench ingest-logs}: log ingest with template mining against a plain Spark read and write. */
@Command(name = "ingest-logs", mixinStandardHelpOptions = true,
        description = "Replicate the Loghub samples to many lines (digits re-randomised), ingest them with template"
                + " mining and print lines/s per core next to a plain Spark read-and-write of the same lines, as a"
                + " ratio; also the mining itself on one thread, and pass 2 alone with the model given (all columns,"
                + " and only file, line_number, raw, template_id, variables): the bounds for an ingest that reads"
                + " the input once.")
final class BenchIngestLogsCommand extends SparkCommand {

    @Option(names = "--loghub", paramLabel = "DIR", defaultValue = "../shared/data/loghub-2k",
            description = "Loghub-layout directory to replicate. Default: ${DEFAULT-VALUE}.")
    Path loghub;

    @Option(names = "--systems", split = ",", paramLabel = "A,B",
            defaultValue = "Apache,BGL,HDFS,HPC,Hadoop,Linux,Spark,Zookeeper",
            description = "Systems to replicate. Default: ${DEFAULT-VALUE}.")
    List<String> systems;

    @Option(names = "--lines", paramLabel = "N", defaultValue = "10000000",
            description = "Lines in all, split evenly over the systems. Default: ${DEFAULT-VALUE}.")
    long lines;

    @Option(names = "--sample-lines", paramLabel = "N", defaultValue = "2000000",
            description = "Lines for the one-thread mining measurement. Default: ${DEFAULT-VALUE}.")
    int sampleLines;

    @Option(names = "--work-dir", paramLabel = "DIR", defaultValue = "./work/bench-logs",
            description = "Scratch folder: the replicated input (kept for reruns) and outputs."
                    + " Default: ${DEFAULT-VALUE}.")
    Path workDir;

    @Option(names = "--repetitions", paramLabel = "N", defaultValue = "3",
            description = "Timed runs of each side, alternating. Default: ${DEFAULT-VALUE}.")
    int repetitions;

    @Override
    CommandResult run(SparkSession spark) {
        IngestLogsBenchmark.Result result = new IngestLogsBenchmark(new IngestLogsBenchmark.Options(
                loghub.toAbsolutePath(), systems, lines, workDir.toAbsolutePath(), sampleLines, repetitions))
                .run(spark);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("baseline", run(result.baseline()));
        json.put("ingest", run(result.ingest()));
        json.put("ingest_without_writing", run(result.ingestWithoutWriting()));
        json.put("ingest_without_writing_seconds", result.unwrittenSeconds());
        json.put("ratio", result.ratio());
        json.put("ratios", result.ratios());
        json.put("baseline_seconds", result.baselineSeconds());
        json.put("ingest_seconds", result.ingestSeconds());
        json.put("pass_two_alone", run(result.passTwo()));
        json.put("pass_two_alone_seconds", result.passTwoSeconds());
        json.put("pass_two_alone_ratios", result.passTwoRatios());
        json.put("pass_two_lean", run(result.passTwoLean()));
        json.put("pass_two_lean_columns", IngestLogsBenchmark.LEAN_COLUMNS);
        json.put("pass_two_lean_seconds", result.passTwoLeanSeconds());
        json.put("pass_two_lean_ratios", result.passTwoLeanRatios());
        json.put("mining_one_thread", run(result.miningOneThread()));
        json.put("mining_seconds", result.miningSeconds());
        json.put("lines_by_system", result.linesBySystem());
        return new CommandResult(IngestLogsBenchmark.report(result), json);
    }

    private static Map<String, Object> run(Run run) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lines", run.lines());
        m.put("seconds", run.seconds());
        m.put("cores", run.cores());
        m.put("lines_per_second_per_core", run.linesPerSecondPerCore());
        return m;
    }
}
