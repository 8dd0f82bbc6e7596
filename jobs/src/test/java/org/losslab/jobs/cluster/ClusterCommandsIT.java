package org.losslab.jobs.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.losslab.jobs.plasticc.SimulatePlasticc;
import org.losslab.jobs.testing.CliRunner;
import org.losslab.jobs.testing.SparkTestSession;
import org.losslab.jobs.testing.StandaloneTestCluster;
import org.losslab.jobs.testing.StandaloneTestCluster.Submission;
import org.losslab.jobs.warehouse.TableSchemas;
import org.losslab.jobs.warehouse.Warehouse;

/**
 * losslab's commands submitted with deploy/spark-submit.sh to a standalone cluster whose two executors run in
 * their own JVMs, checked against the same commands on local[*] (in this JVM): ingests give identical tables,
 * training averages over both executors (each task with its own, fake, GPU address) and records every step, a
 * sweep's tables feed aggregate, fit-scaling and grokking, and a command in cluster deploy mode (the driver on a
 * worker) writes its plots through Hadoop's FileSystem.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterCommandsIT {
    private static StandaloneTestCluster cluster;
    private static SparkSession spark;
    private static Path dir;
    private static Path simObservations;
    private static Path simMetadata;

    @BeforeAll
    static void startClusterAndSimulate() throws Exception {
        assumeTrue(StandaloneTestCluster.built(), "losslab.jar and the Spark home are built by `mvn package`");
        cluster = StandaloneTestCluster.get();
        spark = SparkTestSession.get();
        dir = SparkTestSession.tempDir("cluster-commands");
        SimulatePlasticc.Result sim = new SimulatePlasticc(new SimulatePlasticc.Options(500,
                dir.resolve("sim").toString(), SimulatePlasticc.Format.CSV, 11, 2, 0.3)).run(spark);
        simObservations = Path.of(java.net.URI.create(sim.observationsPath()));
        simMetadata = Path.of(java.net.URI.create(sim.metadataPath()));
        // a few bad rows, so that the rejects are compared too
        Files.writeString(simObservations, "615,59750.4,9,1.0,0.5,1\n615,not-a-date,2,1.0,0.5,1\n615,59751.0,2,1.0\n",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        Files.deleteIfExists(simObservations.resolveSibling("." + simObservations.getFileName() + ".crc"));
    }

    private static Map<String, Object> local(String... args) {
        CliRunner.Outcome outcome = CliRunner.run(args);
        assertEquals(0, outcome.exitCode(), outcome.out());
        return outcome.json();
    }

    private static Map<String, Object> onCluster(String... args) {
        Submission s = cluster.submit(args);
        assertEquals(0, s.exitCode(), "spark-submit " + List.of(args) + " failed:\n" + s.tail());
        return s.json();
    }

    private static Warehouse warehouse(Path path) {
        return Warehouse.open(spark, path.toString());
    }

    @Test
    @Order(1)
    void ingestOfTheRealSampleAndASimulatedSetGivesTheSameTablesAsLocal() {
        List<String[]> inputs = new java.util.ArrayList<>();
        inputs.add(new String[] {"simulated", simObservations.toString(), simMetadata.toString()});
        SparkTestSession.sharedData().ifPresent(data -> inputs.add(new String[] {"real",
            data.resolve("plasticc-sample/training_set.csv").toString(),
            data.resolve("plasticc-sample/training_set_metadata.csv").toString()}));
        for (String[] input : inputs) {
            Path onCluster = dir.resolve("wh-cluster-" + input[0]);
            Path onLocal = dir.resolve("wh-local-" + input[0]);
            Map<String, Object> clusterJson = onCluster("--warehouse", onCluster.toString(), "--json",
                    "ingest-plasticc", "--observations", input[1], "--metadata", input[2]);
            Map<String, Object> localJson = local("--warehouse", onLocal.toString(), "--json", "ingest-plasticc",
                    "--observations", input[1], "--metadata", input[2]);
            assertEquals(localJson.get("observations"), clusterJson.get("observations"), input[0]);
            assertEquals(localJson.get("objects"), clusterJson.get("objects"), input[0]);
            for (String table : List.of(TableSchemas.PLASTICC_OBJECTS, TableSchemas.PLASTICC_OBSERVATIONS,
                    TableSchemas.PLASTICC_REJECTS)) {
                assertEquals(warehouse(onLocal).read(table).count(), warehouse(onCluster).read(table).count(),
                        input[0] + " " + table);
            }
            String rejectKey = "concat_ws('|', file, cast(line as string), column, reason)";
            assertEquals(keys(warehouse(onLocal), TableSchemas.PLASTICC_REJECTS, rejectKey),
                    keys(warehouse(onCluster), TableSchemas.PLASTICC_REJECTS, rejectKey), input[0] + " rejects");
        }
        Map<?, ?> simulated = (Map<?, ?>) onClusterCounts(dir.resolve("wh-cluster-simulated"));
        assertEquals(3L, ((Number) simulated.get("rejected")).longValue(), "the three damaged lines");
    }

    private static Map<String, Object> onClusterCounts(Path warehouse) {
        Map<String, Object> counts = new HashMap<>();
        counts.put("rejected", warehouse(warehouse).read(TableSchemas.PLASTICC_REJECTS).count());
        return counts;
    }

    private static Set<String> keys(Warehouse warehouse, String table, String expression) {
        Set<String> keys = new HashSet<>();
        for (Row row : warehouse.read(table).selectExpr(expression).collectAsList()) {
            keys.add(row.getString(0));
        }
        return keys;
    }

    @Test
    @Order(2)
    void ingestLogsGivesTheSameTemplatesAndLineAssignmentsAsLocal() {
        Path hdfsLog = SparkTestSession.sharedData().map(d -> d.resolve("loghub-2k/HDFS/HDFS_2k.log")).orElse(null);
        assumeTrue(hdfsLog != null && Files.exists(hdfsLog), "../shared/data/loghub-2k is not beside the checkout");
        Path onCluster = dir.resolve("wh-cluster-logs");
        Path onLocal = dir.resolve("wh-local-logs");
        Map<String, Object> clusterJson = onCluster("--warehouse", onCluster.toString(), "--json", "ingest-logs",
                "--system", "HDFS", "--input", hdfsLog.toString());
        Map<String, Object> localJson = local("--warehouse", onLocal.toString(), "--json", "ingest-logs", "--system",
                "HDFS", "--input", hdfsLog.toString());
        assertEquals(localJson.get("rows_written"), clusterJson.get("rows_written"));
        assertEquals(localJson.get("templates"), clusterJson.get("templates"));
        String template = "concat_ws('|', template_id, template, cast(occurrences as string))";
        assertEquals(keys(warehouse(onLocal), TableSchemas.LOG_TEMPLATES, template),
                keys(warehouse(onCluster), TableSchemas.LOG_TEMPLATES, template));
        String assignment = "concat_ws('|', cast(line_number as string), template_id)";
        Set<String> lines = keys(warehouse(onCluster), TableSchemas.LOG_LINES, assignment);
        assertEquals(2000, lines.size());
        assertEquals(keys(warehouse(onLocal), TableSchemas.LOG_LINES, assignment), lines);
    }

    @Test
    @Order(3)
    void trainAveragesOverBothExecutorsWithTheirGpusRecordsEveryStepAndBeatsTheClassPrior() throws Exception {
        Path wh = dir.resolve("wh-cluster-simulated");
        // with GPU scheduling: each worker advertises one fake GPU, each training task asks for one
        Submission submission = cluster.submit(List.of("--conf", "spark.executor.resource.gpu.amount=1",
                "--conf", "spark.task.resource.gpu.amount=1"), "--warehouse", wh.toString(), "--json", "train",
                "--model", "mlp", "--width", "32", "--depth", "2", "--epochs", "6", "--workers", "2",
                "--batch-size-per-worker", "16", "--averaging-frequency", "3", "--learning-rate", "0.005",
                "--eval-every", "10", "--sequence-length", "32", "--run-id", "cluster-mlp");
        assertEquals(0, submission.exitCode(), submission.tail());
        Map<String, Object> run = submission.json();
        assertEquals("finished", run.get("status"), run.toString());
        double test = ((Number) run.get("test_weighted_log_loss")).doubleValue();
        double prior = ((Number) run.get("prior_weighted_log_loss")).doubleValue();
        assertTrue(test < prior, "test weighted log-loss " + test + " beats the class prior " + prior);

        List<Row> steps = warehouse(wh).read(TableSchemas.RUN_METRICS).filter("run_id = 'cluster-mlp'")
                .orderBy("step").collectAsList();
        assertEquals(((Number) run.get("steps")).longValue(), steps.size(), "one row per step");
        assertEquals(steps.size(), steps.stream().map(r -> r.<Long>getAs("step")).distinct().count(),
                "no step twice");
        long both = steps.stream().filter(r -> r.<Integer>getAs("workers") == 2).count();
        assertTrue(both >= steps.size() * 2 / 3, both + " of " + steps.size() + " steps reported by both workers");
        Row runRow = warehouse(wh).read(TableSchemas.RUNS).filter("run_id = 'cluster-mlp'").first();
        assertEquals(cluster.masterUrl(), runRow.getAs("spark_master"));
        assertTrue(runRow.<String>getAs("app_id").startsWith("app-"), "a standalone application id");
        assertEquals("export", runRow.<scala.collection.Map<String, String>>getAs("hyperparameters")
                .get("rdd_approach").get());
        assertEquals("cpu", runRow.getAs("backend"), "the CPU backend: the GPU addresses are scheduled, not used");
        assertEquals("fake-1,fake-2", runRow.getAs("accelerators"), "each worker's task reported its own GPU");

        String checkpoint = (String) run.get("checkpoint");
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(checkpoint);
        FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
        try (InputStream in = fs.open(path)) {
            MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(in, false);
            assertEquals(((Number) run.get("params")).longValue(), net.numParams(), "the checkpoint loads");
        }
        assertFalse(fs.exists(new org.apache.hadoop.fs.Path(wh.toUri().toString(), "_tmp/dl4j-export/cluster-mlp")),
                "the exported minibatches are removed after the run");
    }

    @Test
    @Order(4)
    void aTwoRunSweepFeedsAggregateFitScalingAndGrokkingAndPlotsInClusterDeployMode() throws Exception {
        Path wh = dir.resolve("wh-cluster-simulated");
        Path spec = dir.resolve("two-runs.conf");
        Files.writeString(spec, "sweep {\n  id = \"two-runs\"\n  fixed {\n    model = mlp\n    depth = 1\n"
                + "    epochs = 4\n    batch-size-per-worker = 16\n    workers = 2\n    averaging-frequency = 2\n"
                + "    learning-rate = 0.01\n    lr-schedule = cosine\n    warmup-steps = 4\n"
                + "    class-weighting = none\n    eval-every = 6\n    checkpoint-every = 0\n    sequence-length = 32\n"
                + "  }\n  axes {\n    width = [8, 24]\n  }\n}\n");
        Map<String, Object> sweep = onCluster("--warehouse", wh.toString(), "--json", "sweep", "--spec",
                spec.toUri().toString());
        assertEquals(2, ((Number) sweep.get("finished")).intValue(), sweep.toString());

        Map<String, Object> points = onCluster("--warehouse", wh.toString(), "--json", "aggregate", "--sweep",
                "two-runs");
        assertEquals(2, ((Number) points.get("points")).intValue(), points.toString());
        List<String> runIds = warehouse(wh).read(TableSchemas.RUNS).filter("sweep_id = 'two-runs'")
                .orderBy("width").select("run_id").as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
        // the analyses read the cluster-written tables (here on local[2], to spare the suite two submissions)
        Map<String, Object> fit = local("--warehouse", wh.toString(), "--json", "fit-scaling", "--law",
                "lr-annealing", "--fit-runs", runIds.get(0), "--predict-run", runIds.get(1), "--bootstrap", "10");
        assertTrue(Double.isFinite(((Number) fit.get("objective")).doubleValue()), fit.toString());
        Map<String, Object> grokking = local("--warehouse", wh.toString(), "--json", "grokking", "--sweep",
                "two-runs");
        assertEquals(2L, warehouse(wh).read(TableSchemas.GROKKING_METRICS).filter("sweep_id = 'two-runs'").count(),
                grokking.toString());

        // cluster deploy mode: the driver runs on a worker; its output path goes through Hadoop's FileSystem
        Path plots = dir.resolve("plots");
        Submission plot = cluster.submit(List.of("--deploy-mode", "cluster",
                "--conf", "spark.standalone.submit.waitAppCompletion=true"), "--warehouse", wh.toUri().toString(),
                "plot-grokking", "--sweep", "two-runs", "--out", plots.toUri().toString());
        assertEquals(0, plot.exitCode(), plot.tail());
        for (String runId : runIds) {
            assertTrue(Files.readString(plots.resolve("grokking-" + runId + ".svg")).contains("<svg"), runId);
            assertTrue(Files.size(plots.resolve("grokking-" + runId + ".png")) > 1000, runId);
        }
        try (Stream<Path> drivers = Files.walk(cluster.dir(), 3)) {
            assertTrue(drivers.anyMatch(p -> p.getFileName().toString().startsWith("driver-")),
                    "the driver ran on a worker (a driver-* folder in a worker's work dir)");
        }
        assertNotNull(sweep.get("outcomes"));
    }
}
