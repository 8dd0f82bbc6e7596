package org.losslab.jobs.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.losslab.common.features.ClassIndex;
import org.losslab.jobs.features.BuildFeatures;
import org.losslab.jobs.plasticc.IngestPlasticc;
import org.losslab.jobs.plasticc.SimulatePlasticc;
import org.losslab.jobs.testing.SparkTestSession;
import org.losslab.jobs.warehouse.TableSchemas;
import org.losslab.jobs.warehouse.Warehouse;

class TrainModelTest {
    private static final int LENGTH = 32;
    private static SparkSession spark;
    private static Path warehouse;

    @BeforeAll
    static void simulateIngestAndBuildFeatures() {
        spark = SparkTestSession.get();
        Path dir = SparkTestSession.tempDir("train");
        warehouse = dir.resolve("warehouse");
        SimulatePlasticc.Result sim = new SimulatePlasticc(new SimulatePlasticc.Options(600, dir.resolve("sim")
                .toString(), SimulatePlasticc.Format.CSV, 5, 2, 0.3)).run(spark);
        new IngestPlasticc(new IngestPlasticc.Options(warehouse.toString(), List.of(sim.observationsPath()),
                List.of(sim.metadataPath()))).run(spark);
        new BuildFeatures(new BuildFeatures.Options(warehouse.toString(), LENGTH, 42, 0.7, 0.15)).run(spark);
    }

    private static TrainModel.Options options(Models.Kind kind, int epochs, double lr, String runId, boolean resume) {
        return new TrainModel.Options(warehouse.toString(), "plasticc", kind, 32, 2, epochs, 16, 2, 2, lr, "constant",
                0, 0.0, 7, runId, null, "none", 10, 1, resume, 1.0, LENGTH, "softmax", false, null, null, "export", 60);
    }

    private static List<Row> metrics(String runId) {
        return Warehouse.open(spark, warehouse.toString()).read(TableSchemas.RUN_METRICS)
                .filter("run_id = '" + runId + "'").orderBy("step").collectAsList();
    }

    private static Row run(String runId) {
        return Warehouse.open(spark, warehouse.toString()).read(TableSchemas.RUNS).filter("run_id = '" + runId + "'")
                .first();
    }

    @Test
    void aRunReducesTrainingLossBeatsTheClassPriorAndRecordsEveryStep() {
        TrainModel.Result result = new TrainModel(options(Models.Kind.MLP, 8, 0.005, "mlp-run", false)).run(spark);
        assertTrue(result.finished(), result.failureReason());

        List<Row> steps = metrics("mlp-run");
        assertEquals(result.steps(), steps.size());
        long previousExamples = 0;
        for (int i = 0; i < steps.size(); i++) {
            Row s = steps.get(i);
            assertEquals(i, s.<Long>getAs("step"), "one row per step, numbered from 0");
            assertTrue(s.<Long>getAs("examples_seen") >= previousExamples, "examples seen never decrease");
            assertTrue(s.<Long>getAs("examples_seen") > previousExamples, "every step sees examples");
            previousExamples = s.getAs("examples_seen");
            assertEquals(2, s.<Integer>getAs("workers"));
            assertEquals(0.005, s.<Double>getAs("learning_rate"), 1e-12);
        }
        double first = steps.subList(0, 5).stream().mapToDouble(r -> r.<Double>getAs("train_loss")).average()
                .orElseThrow();
        double last = steps.subList(steps.size() - 5, steps.size()).stream()
                .mapToDouble(r -> r.<Double>getAs("train_loss")).average().orElseThrow();
        assertTrue(last < first, "training loss went from " + first + " to " + last);
        assertNotNull(steps.get(steps.size() - 1).getAs("val_loss"), "validated at the end");

        // the class prior (training frequencies) on the validation split, in the same unweighted cross-entropy
        List<Row> train = Warehouse.open(spark, warehouse.toString()).read(TableSchemas.PLASTICC_FEATURES)
                .filter("split = 'train' AND target_index >= 0").select("target_index").collectAsList();
        double[] prior = new double[ClassIndex.COUNT];
        train.forEach(r -> prior[r.getInt(0)] += 1.0 / train.size());
        List<Row> validation = Warehouse.open(spark, warehouse.toString()).read(TableSchemas.PLASTICC_FEATURES)
                .filter("split = 'validation' AND target_index >= 0").select("target_index").collectAsList();
        double priorLoss = validation.stream().mapToDouble(r -> -Math.log(Math.max(prior[r.getInt(0)], 1e-15)))
                .average().orElseThrow();
        assertTrue(result.finalValLoss() < priorLoss, "validation loss " + result.finalValLoss()
                + " does not beat the class prior " + priorLoss);
        assertTrue(result.test().get("test_weighted_log_loss") < result.priorWeightedLogLoss());

        Row runRow = run("mlp-run");
        assertEquals("finished", runRow.getAs("status"));
        assertEquals("cpu", runRow.getAs("backend"));
        assertEquals(result.params(), runRow.<Long>getAs("params"));
        assertEquals((long) train.size(), runRow.<Long>getAs("train_examples"));
        Row summary = Warehouse.open(spark, warehouse.toString()).read(TableSchemas.RUN_SUMMARY)
                .filter("run_id = 'mlp-run'").first();
        assertEquals(result.test().get("test_accuracy"), summary.<Double>getAs("test_accuracy"));
    }

    @Test
    void anAbsurdLearningRateEndsTheRunFailedWithTheNonFiniteLoss() {
        TrainModel.Result result = new TrainModel(options(Models.Kind.MLP, 3, 1e30, "nan-run", false)).run(spark);
        assertEquals("failed", result.status());
        assertTrue(result.failureReason().contains("training loss is NaN")
                || result.failureReason().contains("training loss is Infinity"), result.failureReason());
        Row runRow = run("nan-run");
        assertEquals("failed", runRow.getAs("status"));
        assertEquals(result.failureReason(), runRow.getAs("failure_reason"));
        for (Row step : metrics("nan-run")) {
            assertTrue(Double.isFinite(step.<Double>getAs("train_loss")), "no garbage rows");
        }
    }

    @Test
    void aResumedRunContinuesItsStepNumbering() {
        TrainModel.Result first = new TrainModel(options(Models.Kind.LSTM, 2, 0.005, "resumed-run", false)).run(spark);
        assertTrue(first.finished(), first.failureReason());
        long stepsBefore = first.steps();

        TrainModel.Result resumed = new TrainModel(options(Models.Kind.LSTM, 3, 0.005, "resumed-run", true))
                .run(spark);
        assertTrue(resumed.finished(), resumed.failureReason());
        List<Row> steps = metrics("resumed-run");
        assertTrue(steps.size() > stepsBefore, steps.size() + " steps after resuming from " + stepsBefore);
        for (int i = 0; i < steps.size(); i++) {
            assertEquals(i, steps.get(i).<Long>getAs("step"));
        }
        assertEquals(2, steps.get(steps.size() - 1).<Integer>getAs("epoch"));
        assertTrue(steps.get((int) stepsBefore).<Long>getAs("examples_seen")
                > steps.get((int) stepsBefore - 1).<Long>getAs("examples_seen"));
        assertTrue(resumed.checkpoint().endsWith("epoch-0003.zip"), resumed.checkpoint());
    }

    @Test
    void attentionTrainsOverTheMaskedSequence() {
        TrainModel.Result result = new TrainModel(new TrainModel.Options(warehouse.toString(), "plasticc",
                Models.Kind.ATTENTION, 16, 1, 2, 16, 2, 2, 0.005, "cosine", 4, 0.01, 3, "attention-run", null,
                "kaggle", 0, 0, false, 1.0, LENGTH, "softmax", false, null, null, "export", 60)).run(spark);
        assertTrue(result.finished(), result.failureReason());
        List<Row> steps = metrics("attention-run");
        assertEquals(0.0, steps.get(0).<Double>getAs("learning_rate"), 1e-12, "cosine warm-up starts at 0");
        double peak = steps.stream().mapToDouble(r -> r.<Double>getAs("learning_rate")).max().orElseThrow();
        assertEquals(0.005, peak, 1e-9, "cosine reaches the peak after warm-up");
        assertTrue(steps.get(steps.size() - 1).<Double>getAs("learning_rate") < peak, "then decays");
    }
}
