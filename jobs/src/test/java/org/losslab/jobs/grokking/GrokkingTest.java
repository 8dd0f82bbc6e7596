package org.losslab.jobs.grokking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.losslab.jobs.testing.CliRunner;
import org.losslab.jobs.testing.SparkTestSession;
import org.losslab.jobs.warehouse.TableSchemas;
import org.losslab.jobs.warehouse.Warehouse;

/**
 * The grokking probe end to end on Spark: a tiny modular addition (p = 31) with weight decay, trained full batch
 * on two workers with parameter averaging, memorises early and reaches validation accuracy 1 much later; the
 * run_metrics rows carry the per-evaluation figures and grokking / plot-grokking read them back.
 */
class GrokkingTest {
    private static SparkSession spark;
    private static Path dir;
    private static Map<String, Object> train;

    @BeforeAll
    static void trainATinyModularAddition() {
        spark = SparkTestSession.get();
        dir = SparkTestSession.tempDir("grokking");
        CliRunner.Outcome outcome = CliRunner.run("--warehouse", dir.resolve("warehouse").toString(), "--json",
                "train", "--task", "modadd", "--p", "31", "--train-fraction", "0.8", "--width", "200", "--depth",
                "1", "--learning-rate", "0.01", "--weight-decay", "1.0", "--epochs", "1000", "--workers", "2",
                "--averaging-frequency", "25", "--eval-every", "25", "--class-weighting", "none", "--run-id", "grok");
        assertEquals(0, outcome.exitCode(), outcome.out());
        train = outcome.json();
    }

    @Test
    void tinyModularAdditionWithWeightDecayGroks() {
        assertEquals("finished", train.get("status"));
        assertEquals(1.0, ((Number) train.get("final_train_accuracy")).doubleValue());
        double validation = ((Number) train.get("final_val_accuracy")).doubleValue();
        assertTrue(validation >= 0.99, "generalised past the grokking threshold: " + validation);
        List<Row> evaluated = Warehouse.open(spark, dir.resolve("warehouse").toString()).read(TableSchemas.RUN_METRICS)
                .filter("run_id = 'grok' and train_accuracy is not null").orderBy("step").collectAsList();
        assertTrue(evaluated.size() >= 40, "evaluated every round: " + evaluated.size());
        for (Row r : evaluated) {
            assertNotNull(r.getAs("val_accuracy"));
            assertNotNull(r.getAs("eval_train_loss"));
            assertTrue(r.<Double>getAs("weight_norm") > 0);
            double sc = r.<Double>getAs("sc_fraction");
            assertTrue(sc >= 0 && sc <= 1);
        }
        Row first = evaluated.get(0);
        assertTrue(first.<Double>getAs("val_accuracy") < 0.5, "not generalised after one round");
    }

    @Test
    void grokkingMetricsShowTheDelayAndTheRegressionSaysWhyItCannotRun() {
        CliRunner.Outcome outcome = CliRunner.run("--warehouse", dir.resolve("warehouse").toString(), "--json",
                "grokking", "--runs", "grok");
        assertEquals(0, outcome.exitCode(), outcome.out());
        Row m = Warehouse.open(spark, dir.resolve("warehouse").toString()).read(TableSchemas.GROKKING_METRICS)
                .filter("run_id = 'grok'").collectAsList().get(0);
        assertTrue(m.<Boolean>getAs("grokked"));
        long memorized = m.<Long>getAs("memorization_step");
        long generalized = m.<Long>getAs("generalization_step");
        assertTrue(memorized < generalized, memorized + " < " + generalized);
        assertEquals(generalized - memorized, m.<Long>getAs("delay"));
        assertTrue(m.<Double>getAs("delay_ratio") > 2, "generalised well after memorising: " + m.getAs("delay_ratio"));
        assertEquals(0.99, m.<Double>getAs("threshold"));
        assertEquals("softmax", m.getAs("output_activation"));
        assertEquals(0.8, m.<Double>getAs("train_fraction"));
        Map<String, Object> json = outcome.json();
        assertNull(json.get("regression"));
        assertTrue(String.valueOf(json.get("regression_skipped")).contains("usable runs"), json.toString());
    }

    @Test
    void plotGrokkingWritesSvgAndPngPerRun() throws Exception {
        Path out = dir.resolve("plots");
        CliRunner.Outcome outcome = CliRunner.run("--warehouse", dir.resolve("warehouse").toString(),
                "plot-grokking", "--runs", "grok", "--out", out.toString());
        assertEquals(0, outcome.exitCode(), outcome.out());
        assertTrue(Files.readString(out.resolve("grokking-grok.svg")).contains("validation accuracy"));
        assertTrue(Files.size(out.resolve("grokking-grok.png")) > 1000);
    }

    @Test
    void stableMaxAndThePerpendicularGradientTrainThroughSpark() {
        CliRunner.Outcome outcome = CliRunner.run("--warehouse", dir.resolve("warehouse").toString(), "--json",
                "train", "--task", "modadd", "--p", "13", "--op", "sub", "--train-fraction", "0.5", "--width", "32",
                "--learning-rate", "0.01", "--epochs", "100", "--workers", "2", "--averaging-frequency", "50",
                "--eval-every", "50", "--class-weighting", "none", "--output-activation", "stablemax", "--perp-grad",
                "--run-id", "stable");
        assertEquals(0, outcome.exitCode(), outcome.out());
        assertTrue(((Number) outcome.json().get("final_train_accuracy")).doubleValue() > 0.5, outcome.out());
        Row run = Warehouse.open(spark, dir.resolve("warehouse").toString()).read(TableSchemas.RUNS)
                .filter("run_id = 'stable'").collectAsList().get(0);
        Map<String, String> hyper = scala.collection.JavaConverters.mapAsJavaMap(run.getAs("hyperparameters"));
        assertEquals("stablemax", hyper.get("output_activation"));
        assertEquals("true", hyper.get("perp_grad"));
        assertEquals("sub", hyper.get("op"));
        assertEquals(43, run.<Integer>getAs("batch_size_per_worker"), "full batch: half of the 85 training pairs each");
    }

    @Test
    void impossibleTasksAreRefusedWithTheReason() {
        String warehouse = dir.resolve("warehouse").toString();
        CliRunner.Outcome division = CliRunner.run("--warehouse", warehouse, "--json", "train", "--task", "modadd",
                "--p", "8", "--op", "div");
        assertEquals(1, division.exitCode());
        assertTrue(String.valueOf(division.json().get("error")).contains("division needs a prime p"), division.out());
        CliRunner.Outcome fraction = CliRunner.run("--warehouse", warehouse, "--json", "train", "--task", "modadd",
                "--p", "7", "--train-fraction", "1.0");
        assertEquals(1, fraction.exitCode());
        assertTrue(String.valueOf(fraction.json().get("error")).contains("train fraction of 1.0"), fraction.out());
        CliRunner.Outcome activation = CliRunner.run("--warehouse", warehouse, "--json", "train", "--task", "modadd",
                "--p", "7", "--output-activation", "sparsemax");
        assertEquals(1, activation.exitCode());
        assertTrue(String.valueOf(activation.json().get("error")).contains("Unknown output activation"),
                activation.out());
    }

    @Test
    void unknownRunsAreAClearError() {
        CliRunner.Outcome outcome = CliRunner.run("--warehouse", dir.resolve("warehouse").toString(), "--json",
                "grokking", "--runs", "grok,nope");
        assertEquals(1, outcome.exitCode());
        assertTrue(String.valueOf(outcome.json().get("error")).contains("no runs [nope]"), outcome.out());
        assertEquals(2, CliRunner.run("--warehouse", dir.resolve("warehouse").toString(), "grokking").exitCode(),
                "no selection is a usage error");
    }
}
