package org.losslab.jobs.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.losslab.common.anomaly.WindowKind;
import org.losslab.jobs.testing.CliRunner;
import org.losslab.jobs.testing.SparkTestSession;
import org.losslab.jobs.warehouse.TableSchemas;
import org.losslab.jobs.warehouse.Warehouse;

/** BGL 2k in fixed 20-line windows: a logs run trains through the shared trainer and scores its test windows. */
class DetectAnomaliesTest {
    private static SparkSession spark;
    private static Path warehouse;

    @BeforeAll
    static void start() {
        spark = SparkTestSession.get();
        assumeTrue(SparkTestSession.sharedData().isPresent(), "../shared/data is absent: BGL tests skipped");
        warehouse = SparkTestSession.tempDir("detect-bgl");
        new IngestLogs(new IngestLogs.Options(warehouse.toString(), "BGL", List.of(SparkTestSession.sharedData().get()
                .resolve("loghub-2k/BGL/BGL_2k.log").toString()), null, null)).run(spark);
        new BuildLogSequences(BuildLogSequencesTest.options(warehouse, "BGL", WindowKind.FIXED, 20, 0, 0, null, null))
                .run(spark);
    }

    private static Warehouse tables() {
        return Warehouse.open(spark, warehouse.toString());
    }

    private static CliRunner.Outcome train(String runId, String model) {
        return CliRunner.run("--warehouse", warehouse.toString(), "--json", "train", "--task", "logs", "--system",
                "BGL", "--model", model, "--width", "16", "--depth", "1", "--epochs", "2", "--batch-size-per-worker",
                "16", "--workers", "2", "--averaging-frequency", "2", "--learning-rate", "0.01", "--eval-every", "5",
                "--history", "5", "--run-id", runId);
    }

    @Test
    void aLogsRunRecordsNextEventMetricsAndScoresItsTestWindowsNextToTheBaselines() {
        CliRunner.Outcome trained = train("bgl-lstm", "lstm");
        assertEquals(0, trained.exitCode(), trained.out());
        Row run = tables().read(TableSchemas.RUNS).filter("run_id = 'bgl-lstm'").first();
        assertEquals("logs", run.getAs("task"));
        Map<String, String> hyper = scala.collection.JavaConverters.mapAsJavaMap(run.getAs("hyperparameters"));
        assertEquals("BGL", hyper.get("systems"));
        assertEquals("fixed", hyper.get("window"));
        assertEquals("5", hyper.get("history"));
        Row summary = tables().read(TableSchemas.RUN_SUMMARY).filter("run_id = 'bgl-lstm'").first();
        double top1 = summary.getAs("test_top1_accuracy");
        double topK = summary.getAs("test_topk_accuracy");
        assertTrue(top1 >= 0 && top1 <= topK && topK <= 1, top1 + " " + topK);
        assertTrue(summary.<Double>getAs("test_cross_entropy") > 0);
        assertTrue(summary.<Long>getAs("test_events") > 0);
        long steps = tables().read(TableSchemas.RUN_METRICS).filter("run_id = 'bgl-lstm'").count();
        assertEquals(summary.<Long>getAs("steps"), steps, "one run_metrics row per step");
        assertTrue(tables().read(TableSchemas.RUN_METRICS).filter("run_id = 'bgl-lstm' and val_loss is not null")
                .count() > 0, "validation loss recorded");

        CliRunner.Outcome detected = CliRunner.run("--warehouse", warehouse.toString(), "--json", "detect-anomalies",
                "--run", "bgl-lstm");
        assertEquals(0, detected.exitCode(), detected.out());
        Map<String, Object> json = detected.json();
        List<Row> test = tables().read(TableSchemas.LOG_SEQUENCES).filter("system = 'BGL' and split = 'test'")
                .collectAsList();
        assertEquals((long) test.size(), ((Number) json.get("test_windows")).longValue());
        assertEquals(test.stream().filter(r -> r.<Integer>getAs("label") == 1).count(),
                ((Number) json.get("anomalous_test_windows")).longValue());
        for (String method : List.of("model", "pca", "logistic_regression")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> scores = (Map<String, Object>) json.get(method);
            assertNotNull(scores, method + " in " + json);
            for (String key : List.of("precision", "recall", "f1")) {
                double value = ((Number) scores.get(key)).doubleValue();
                assertTrue(value >= 0 && value <= 1, method + " " + key + " " + value);
            }
        }
        @SuppressWarnings("unchecked")
        Object validationF1 = ((Map<String, Object>) json.get("model_threshold")).get("validation_f1");
        assertTrue(validationF1 instanceof Number f && f.doubleValue() >= 0 && f.doubleValue() <= 1,
                "the threshold's F1 on the validation windows it was chosen on: " + json);
        List<Row> anomalies = tables().read(TableSchemas.LOG_ANOMALIES).filter("run_id = 'bgl-lstm'").collectAsList();
        assertEquals(test.size(), anomalies.size(), "one row per test window");
        @SuppressWarnings("unchecked")
        long flagged = ((Number) ((Map<String, Object>) json.get("model")).get("flagged")).longValue();
        assertEquals(flagged, anomalies.stream().filter(r -> r.<Boolean>getAs("flagged")).count());
        assertTrue(anomalies.stream().allMatch(r -> r.<Double>getAs("score") >= 0));
        assertTrue(tables().read(TableSchemas.ANOMALY_SCORES).filter("run_id = 'bgl-lstm' and method = 'pca'")
                .count() == 1);
    }

    @Test
    void anMlpTrainsOnTheSameWindows() {
        CliRunner.Outcome trained = train("bgl-mlp", "mlp");
        assertEquals(0, trained.exitCode(), trained.out());
        assertEquals("finished", trained.json().get("status"));
        double first = tables().read(TableSchemas.RUN_METRICS).filter("run_id = 'bgl-mlp'").orderBy("step").first()
                .getAs("train_loss");
        double last = ((Number) trained.json().get("final_train_loss")).doubleValue();
        assertTrue(last < 0.5 * first, "the next-event loss falls from " + first + " to " + last);
        double top1 = ((Number) trained.json().get("test_top1_accuracy")).doubleValue();
        assertTrue(top1 <= ((Number) trained.json().get("test_topk_accuracy")).doubleValue(), trained.out());
    }

    @Test
    void anUnknownRunOrARunOfAnotherTaskExitsOneAndWritesNothing() {
        CliRunner.Outcome unknown = CliRunner.run("--warehouse", warehouse.toString(), "detect-anomalies", "--run",
                "no-such-run");
        assertEquals(1, unknown.exitCode());
        CliRunner.Outcome modadd = CliRunner.run("--warehouse", warehouse.toString(), "--json", "train", "--task",
                "modadd", "--p", "7", "--epochs", "2", "--averaging-frequency", "1", "--workers", "1", "--run-id",
                "not-logs");
        assertEquals(0, modadd.exitCode(), modadd.out());
        CliRunner.Outcome other = CliRunner.run("--warehouse", warehouse.toString(), "detect-anomalies", "--run",
                "not-logs");
        assertEquals(1, other.exitCode());
        Warehouse w = tables();
        for (String table : List.of(TableSchemas.LOG_ANOMALIES, TableSchemas.ANOMALY_SCORES)) {
            assertFalse(w.exists(table) && w.read(table).filter("run_id in ('no-such-run', 'not-logs')").count() > 0,
                    table);
        }
    }
}
