package org.losslab.jobs.cli;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.spark.sql.SparkSession;
import org.losslab.jobs.logs.SimulateLogs;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code losslab simulate-logs}: a labelled simulated log (HDFS block lifecycles) with its anomaly labels. */
@Command(name = "simulate-logs", mixinStandardHelpOptions = true,
        description = "Simulate labelled HDFS logs (block allocation, write pipelines, blockMap updates, scans,"
                + " reads, re-replication, deletes; a share of blocks with a missing step, an error, steps out of"
                + " order or a repeated step) and write DIR/" + SimulateLogs.LOG_FILE + " in Loghub's HDFS layout"
                + " and time order, DIR/" + SimulateLogs.LABEL_FILE + " (BlockId,Label) and DIR/"
                + SimulateLogs.KINDS_FILE + " (BlockId,Kind), as a Spark job. Deterministic for a seed. Ingest"
                + " the log with: ingest-logs --system " + SimulateLogs.LAYOUT + " --input DIR/" + SimulateLogs.LOG_FILE)
final class SimulateLogsCommand extends SparkCommand {

    @Option(names = "--style", paramLabel = "hdfs", defaultValue = "hdfs",
            description = "Log style; hdfs (HDFS NameNode and DataNode lines, as in Loghub's HDFS log) is the only"
                    + " one. Default: ${DEFAULT-VALUE}.")
    SimulateLogs.Style style;

    @Option(names = "--lines", paramLabel = "N", defaultValue = "100000",
            description = "Target line count: blocks (~17 lines each) are added until their lines reach it."
                    + " Default: ${DEFAULT-VALUE}.")
    long lines;

    @Option(names = "--anomaly-rate", paramLabel = "F", defaultValue = "0.03",
            description = "Share of blocks that are anomalous, 0 to 1 (Loghub's HDFS log: 0.029)."
                    + " Default: ${DEFAULT-VALUE}.")
    double anomalyRate;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "./work/logs-sim",
            description = "Output folder (local or a Hadoop URI). Default: ${DEFAULT-VALUE}.")
    String out;

    @Option(names = "--partitions", paramLabel = "P", defaultValue = "0",
            description = "Spark tasks to spread the blocks over; 0 = default parallelism."
                    + " Default: ${DEFAULT-VALUE}.")
    int partitions;

    @Override
    CommandResult run(SparkSession spark) {
        SimulateLogs.Result result = new SimulateLogs(new SimulateLogs.Options(style, lines, anomalyRate, seed, out,
                partitions)).run(spark);
        return new CommandResult(summary(result), json(result));
    }

    static Map<String, Object> json(SimulateLogs.Result result) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("lines", result.lines());
        json.put("blocks", result.blocks());
        json.put("anomalous_blocks", result.anomalousBlocks());
        json.put("anomalous_blocks_by_kind", result.blocksByKind());
        json.put("log_path", result.logPath());
        json.put("labels_path", result.labelsPath());
        json.put("kinds_path", result.kindsPath());
        json.put("layout", SimulateLogs.LAYOUT);
        return json;
    }

    static String summary(SimulateLogs.Result result) {
        StringBuilder text = new StringBuilder(String.format("Simulated %,d log lines of %,d blocks, %,d anomalous"
                + " (%.2f%%)%n", result.lines(), result.blocks(), result.anomalousBlocks(),
                100.0 * result.anomalousBlocks() / result.blocks()));
        text.append("  anomalous blocks by kind:");
        result.blocksByKind().forEach((kind, count) -> text.append(' ').append(kind).append('=').append(count));
        text.append(String.format("%n  %s%n  %s%n  %s%n  ingest with: losslab ingest-logs --system %s --input %s",
                result.logPath(), result.labelsPath(), result.kindsPath(), SimulateLogs.LAYOUT, result.logPath()));
        return text.toString();
    }
}
