package org.losslab.jobs.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.losslab.jobs.testing.CliRunner;
import org.losslab.jobs.testing.SparkTestSession;
import org.losslab.jobs.warehouse.TableSchemas;
import org.losslab.jobs.warehouse.Warehouse;

/**
 * The whole logs path on simulated HDFS-style sessions, as a user runs it: simulate, ingest, session windows with
 * the label file, train an LSTM, detect. What the model must get right whatever the seed: a window holding an
 * error event (a template never in a normal window) is flagged, and anomalous windows score higher than normal
 * ones.
 */
class SimulatedSessionsTest {

    @Test
    void theNextEventModelFlagsErrorEventsAndRanksAnomalousSessionsAboveNormalOnes() throws IOException {
        SparkSession spark = SparkTestSession.get();
        Path dir = SparkTestSession.tempDir("logs-sessions");
        String wh = dir.resolve("warehouse").toString();
        Path sim = dir.resolve("sim");
        assertEquals(0, CliRunner.run("--warehouse", wh, "simulate-logs", "--style", "hdfs", "--lines", "40000",
                "--anomaly-rate", "0.1", "--seed", "11", "--out", sim.toString()).exitCode());
        assertEquals(0, CliRunner.run("--warehouse", wh, "ingest-logs", "--system", "hdfs-sim", "--input",
                sim.resolve("hdfs-sim.log").toString()).exitCode());
        assertEquals(0, CliRunner.run("--warehouse", wh, "build-log-sequences", "--system", "hdfs-sim", "--window",
                "session", "--session-key", "blk_-?[0-9]+", "--labels", sim.resolve("anomaly_label.csv").toString())
                .exitCode());
        CliRunner.Outcome trained = CliRunner.run("--warehouse", wh, "--json", "train", "--task", "logs", "--system",
                "hdfs-sim", "--model", "lstm", "--width", "32", "--depth", "1", "--epochs", "3",
                "--batch-size-per-worker", "64", "--workers", "2", "--learning-rate", "0.005", "--eval-every", "50",
                "--run-id", "sim-lstm");
        assertEquals(0, trained.exitCode(), trained.out());
        CliRunner.Outcome detected = CliRunner.run("--warehouse", wh, "--json", "detect-anomalies", "--run",
                "sim-lstm");
        assertEquals(0, detected.exitCode(), detected.out());

        Map<String, String> kinds = new HashMap<>();
        for (String line : Files.readAllLines(sim.resolve("anomaly_kinds.csv")).subList(1, Files.readAllLines(
                sim.resolve("anomaly_kinds.csv")).size())) {
            String[] f = line.split(",");
            kinds.put(f[0], f[1]);
        }
        List<Row> windows = Warehouse.open(spark, wh).read(TableSchemas.LOG_ANOMALIES)
                .filter("run_id = 'sim-lstm'").collectAsList();
        long errors = 0;
        long errorsFlagged = 0;
        double[] anomalous = windows.stream().filter(w -> w.<Integer>getAs("label") == 1)
                .mapToDouble(w -> w.<Double>getAs("score")).toArray();
        double[] normal = windows.stream().filter(w -> w.<Integer>getAs("label") == 0)
                .mapToDouble(w -> w.<Double>getAs("score")).toArray();
        for (Row w : windows) {
            if ("error_event".equals(kinds.get(w.<String>getAs("window_id")))) {
                errors++;
                if (w.<Boolean>getAs("flagged")) {
                    errorsFlagged++;
                }
            }
        }
        assertTrue(errors > 0 && anomalous.length > 0, "the test split holds anomalies: " + detected.out());
        assertTrue(errorsFlagged >= 0.9 * errors, errorsFlagged + " of " + errors + " error-event sessions flagged");
        double auc = auc(anomalous, normal);
        System.out.printf("SimulatedSessionsTest: %d of %d error-event sessions flagged, score AUC %.3f%n", errorsFlagged,
                errors, auc);
        assertTrue(auc >= AUC_FLOOR, "score AUC " + auc + "\n" + detected.out());

        // the benchmark builds other windows in its scratch warehouse and leaves the user's tables as they were
        CliRunner.Outcome bench = CliRunner.run("--warehouse", wh, "bench", "log-sequences", "--system", "hdfs-sim",
                "--window", "fixed", "--size", "20", "--run", "sim-lstm", "--repetitions", "1", "--work-dir",
                dir.resolve("bench").toString());
        assertEquals(0, bench.exitCode(), bench.out());
        assertTrue(bench.out().contains("ratio copy/build") && bench.out().contains("windows/s per core"), bench.out());
        assertEquals(List.of("session"), Warehouse.open(spark, wh).read(TableSchemas.LOG_SEQUENCES)
                .select("window_kind").distinct().collectAsList().stream().map(r -> r.getString(0)).toList());
    }

    /**
     * Measured 0.970 with event counts, the default (seed 11, 40,000 lines, this network; 0.897 and 0.928 without
     * them): the floor is above what the sequence alone reached and leaves room for run-to-run spread.
     */
    static final double AUC_FLOOR = 0.9;

    /** The probability that an anomalous window scores above a normal one (ties count half). */
    static double auc(double[] positive, double[] negative) {
        double wins = 0;
        for (double p : positive) {
            for (double n : negative) {
                wins += p > n ? 1 : p == n ? 0.5 : 0;
            }
        }
        return wins / ((double) positive.length * negative.length);
    }
}
