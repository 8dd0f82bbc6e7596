package org.losslab.jobs.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.losslab.jobs.features.BuildFeatures;
import org.losslab.jobs.plasticc.IngestPlasticc;
import org.losslab.jobs.plasticc.SimulatePlasticc;
import org.losslab.jobs.testing.CliRunner;
import org.losslab.jobs.testing.SparkTestSession;
import org.losslab.jobs.warehouse.TableSchemas;
import org.losslab.jobs.warehouse.Warehouse;


/** The small sweep end to end through the CLI: runs, points, a chinchilla fit with finite parameters, plots. */
class SweepEndToEndTest {
    private static SparkSession spark;
    private static Path dir;
    private static Path warehouse;

    @BeforeAll
    static void simulateAndIngest() {
        spark = SparkTestSession.get();
        dir = SparkTestSession.tempDir("sweep");
        warehouse = dir.resolve("warehouse");
        SimulatePlasticc.Result sim = new SimulatePlasticc(new SimulatePlasticc.Options(500, dir.resolve("sim")
                .toString(), SimulatePlasticc.Format.CSV, 9, 2, 0.3)).run(spark);
        new IngestPlasticc(new IngestPlasticc.Options(warehouse.toString(), List.of(sim.observationsPath()),
                List.of(sim.metadataPath()))).run(spark);
        new BuildFeatures(new BuildFeatures.Options(warehouse.toString(), 16, 42, 0.7, 0.15)).run(spark);
    }

    private static Map<String, Object> cli(String... args) {
        CliRunner.Outcome outcome = CliRunner.run(args);
        assertEquals(0, outcome.exitCode(), outcome.out());
        return outcome.json();
    }

    private static Path spec(String name, String axes) throws Exception {
        Path file = dir.resolve(name + ".conf");
        Files.writeString(file, "sweep {\n  id = \"" + name + "\"\n  fixed {\n    model = mlp\n    depth = 1\n"
                + "    epochs = 3\n    batch-size-per-worker = 16\n    workers = 2\n    averaging-frequency = 2\n"
                + (axes.contains("learning-rate") ? "" : "    learning-rate = 0.01\n")
                + "    class-weighting = none\n    eval-every = 4\n"
                + "    checkpoint-every = 0\n    sequence-length = 16\n  }\n  axes {\n" + axes + "\n  }\n}\n");
        return file;
    }

    @Test
    void theSmallSweepRunsAggregatesFitsAndPlots() throws Exception {
        Path spec = spec("e2e", "    width = [4, 8, 16]\n    data-fraction = [0.5, 1.0]");
        Map<String, Object> sweep = cli("--warehouse", warehouse.toString(), "--json", "sweep", "--spec",
                spec.toString());
        assertEquals(6, ((Number) sweep.get("finished")).intValue(), sweep.toString());

        Map<String, Object> again = cli("--warehouse", warehouse.toString(), "--json", "sweep", "--spec",
                spec.toString());
        assertEquals(6, ((Number) again.get("skipped")).intValue(), "a rerun skips finished runs: " + again);

        Map<String, Object> aggregate = cli("--warehouse", warehouse.toString(), "--json", "aggregate", "--sweep", "e2e");
        assertEquals(6, ((Number) aggregate.get("points")).intValue());
        assertEquals(List.of("data_fraction", "width"), aggregate.get("axes"));
        List<Row> points = Warehouse.open(spark, warehouse.toString()).read(TableSchemas.SWEEP_POINTS)
                .filter("sweep_id = 'e2e'").collectAsList();
        for (Row p : points) {
            assertEquals(6.0 * p.<Long>getAs("params") * p.<Long>getAs("examples_seen"), p.<Double>getAs("compute"));
            assertTrue(p.<Double>getAs("best_val_loss") <= p.<Double>getAs("final_val_loss"));
        }

        Map<String, Object> fit = cli("--warehouse", warehouse.toString(), "--json", "fit-scaling", "--law",
                "chinchilla", "--sweep", "e2e", "--bootstrap", "20");
        for (String parameter : List.of("A", "B", "E", "alpha", "beta", "objective")) {
            assertTrue(Double.isFinite(((Number) fit.get(parameter)).doubleValue()), parameter + " in " + fit);
        }
        assertEquals(6, ((Number) fit.get("points")).intValue());
        assertTrue(((Map<?, ?>) fit.get("se")).keySet().containsAll(List.of("A", "B", "E", "alpha", "beta")));
        assertEquals(1, Warehouse.open(spark, warehouse.toString()).read(TableSchemas.SCALING_FITS)
                .filter("fit_id = '" + fit.get("fit_id") + "'").count());

        Path plots = dir.resolve("plots");
        Map<String, Object> plot = cli("--warehouse", warehouse.toString(), "--json", "plot-scaling", "--sweep", "e2e",
                "--bootstrap", "0", "--out", plots.toString());
        assertEquals(4, ((List<?>) plot.get("files")).size());
        assertTrue(Files.readString(plots.resolve("loss_vs_params.svg")).contains("<svg"));
        byte[] png = Files.readAllBytes(plots.resolve("loss_vs_compute.png"));
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);
    }

    @Test
    void aFailedRunIsRecordedAndTheSweepGoesOnThenARerunRetriesIt() throws Exception {
        Path spec = spec("with-failure", "    width = [8]\n    learning-rate = [0.01, 1e30]");
        Map<String, Object> sweep = cli("--warehouse", warehouse.toString(), "--json", "sweep", "--spec",
                spec.toString());
        assertEquals(1, ((Number) sweep.get("finished")).intValue(), sweep.toString());
        assertEquals(1, ((Number) sweep.get("failed")).intValue(), sweep.toString());
        Row failed = Warehouse.open(spark, warehouse.toString()).read(TableSchemas.RUNS)
                .filter("sweep_id = 'with-failure' AND status = 'failed'").first();
        assertTrue(failed.<String>getAs("failure_reason").contains("training loss is"), failed.toString());

        Map<String, Object> again = cli("--warehouse", warehouse.toString(), "--json", "sweep", "--spec",
                spec.toString());
        assertEquals(1, ((Number) again.get("skipped")).intValue(), again.toString());
        assertEquals(1, ((Number) again.get("failed")).intValue(), "the failed run was tried again: " + again);
    }
}
