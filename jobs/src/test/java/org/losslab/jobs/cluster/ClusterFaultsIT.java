package org.losslab.jobs.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.losslab.jobs.features.BuildFeatures;
import org.losslab.jobs.plasticc.IngestPlasticc;
import org.losslab.jobs.plasticc.SimulatePlasticc;
import org.losslab.jobs.testing.SparkTestSession;
import org.losslab.jobs.testing.StandaloneTestCluster;
import org.losslab.jobs.testing.StandaloneTestCluster.Submission;
import org.losslab.jobs.warehouse.TableSchemas;
import org.losslab.jobs.warehouse.Warehouse;

/**
 * Faults on the standalone cluster, each killing only a process this test's cluster or submission started, by
 * PID: an executor JVM in the middle of training, the driver half-way through an ingest, the driver during a
 * sweep; and a cluster with fewer task slots than workers, or none. Nothing hangs, nothing is lost.
 */
class ClusterFaultsIT {
    private static StandaloneTestCluster cluster;
    private static SparkSession spark;
    private static Path dir;
    private static SimulatePlasticc.Result small;
    private static SimulatePlasticc.Result large;

    @BeforeAll
    static void prepare() {
        assumeTrue(StandaloneTestCluster.built(), "losslab.jar and the Spark home are built by `mvn package`");
        cluster = StandaloneTestCluster.get();
        spark = SparkTestSession.get();
        dir = SparkTestSession.tempDir("cluster-faults");
        small = new SimulatePlasticc(new SimulatePlasticc.Options(300, dir.resolve("small").toString(),
                SimulatePlasticc.Format.CSV, 21, 2, 0.3)).run(spark);
        large = new SimulatePlasticc(new SimulatePlasticc.Options(6000, dir.resolve("large").toString(),
                SimulatePlasticc.Format.CSV, 22, 2, 0.3)).run(spark);
    }

    private static Warehouse warehouse(Path path) {
        return Warehouse.open(spark, path.toString());
    }

    /** A warehouse holding the small set's tables and features, built here on local[2]. */
    private static Path trainingWarehouse(String name) {
        Path wh = dir.resolve(name);
        new IngestPlasticc(new IngestPlasticc.Options(wh.toString(), List.of(small.observationsPath()),
                List.of(small.metadataPath()))).run(spark);
        new BuildFeatures(new BuildFeatures.Options(wh.toString(), 32, 42, 0.7, 0.15)).run(spark);
        return wh;
    }

    private static void await(String what, long timeoutSeconds, BooleanSupplier condition) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutSeconds * 1000;
        while (!reading(condition::getAsBoolean)) {
            assertTrue(System.currentTimeMillis() < deadline, "timed out waiting for " + what);
            Thread.sleep(250);
        }
    }

    /**
     * A read of a table the running job is rewriting: a partition swap between this reader's file listing and its
     * read moves the listed files away (the read fails, it never mixes versions: HdfsWarehouseIT); read again.
     */
    private static <T> T reading(java.util.function.Supplier<T> read) throws InterruptedException {
        for (int attempt = 1;; attempt++) {
            try {
                return read.get();
            } catch (Exception e) { // SparkException is a checked exception that Java code sees undeclared
                if (attempt >= 10 || !String.valueOf(e.getMessage()).contains("does not exist")) {
                    throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
                }
                Thread.sleep(100);
            }
        }
    }

    private static long stepsRecorded(Path wh, String runId) {
        Warehouse w = warehouse(wh);
        return w.exists(TableSchemas.RUN_METRICS) ? w.read(TableSchemas.RUN_METRICS)
                .filter("run_id = '" + runId + "'").count() : 0;
    }

    private static String status(Path wh, String runId) {
        Warehouse w = warehouse(wh);
        if (!w.exists(TableSchemas.RUNS)) {
            return null;
        }
        List<Row> rows = w.read(TableSchemas.RUNS).filter("run_id = '" + runId + "'").collectAsList();
        return rows.isEmpty() ? null : rows.get(0).getAs("status");
    }

    private static Set<Long> steps(Path wh, String runId) {
        Set<Long> steps = new HashSet<>();
        List<Row> rows = warehouse(wh).read(TableSchemas.RUN_METRICS).filter("run_id = '" + runId + "'")
                .select("step").collectAsList();
        for (Row r : rows) {
            assertTrue(steps.add(r.getLong(0)), "step " + r.getLong(0) + " appears twice");
        }
        return steps;
    }

    @Test
    void anExecutorKilledMidTrainingIsReplacedAndTheRunEndsWithNoStepLostOrRepeated() throws Exception {
        Path wh = trainingWarehouse("wh-executor-kill");
        Path out = dir.resolve("executor-kill.out");
        Path err = dir.resolve("executor-kill.err");
        Process driver = cluster.start(List.of(), out, err, "--warehouse", wh.toString(), "--json", "train",
                "--model", "lstm", "--width", "16", "--depth", "1", "--epochs", "12", "--workers", "2",
                "--batch-size-per-worker", "8", "--averaging-frequency", "2", "--eval-every", "0",
                "--sequence-length", "32", "--run-id", "executor-kill");
        await("two epochs of steps", 300, () -> stepsRecorded(wh, "executor-kill") > 0
                && warehouse(wh).read(TableSchemas.RUN_METRICS).filter("run_id = 'executor-kill' and epoch >= 1")
                        .count() > 0);
        Set<Long> before = reading(() -> steps(wh, "executor-kill"));
        List<ProcessHandle> executors = cluster.executors();
        assertFalse(executors.isEmpty(), "executors of this cluster's workers");
        ProcessHandle victim = executors.get(0);
        assertTrue(victim.destroyForcibly(), "killed executor pid " + victim.pid());
        assertTrue(driver.waitFor(10, TimeUnit.MINUTES), "the run ends: it does not hang on the lost executor");
        String status = status(wh, "executor-kill");
        String stderr = Files.readString(err);
        if (driver.exitValue() == 0) {
            assertEquals("finished", status, stderr);
        } else {
            assertEquals("failed", status, "a failed run says so: " + stderr);
            Row run = warehouse(wh).read(TableSchemas.RUNS).filter("run_id = 'executor-kill'").first();
            assertFalse(String.valueOf(run.<String>getAs("failure_reason")).isBlank());
        }
        Set<Long> after = steps(wh, "executor-kill");
        assertTrue(after.containsAll(before), "steps recorded before the kill stay");
        assertTrue(after.size() > before.size(), "and training went on after it");
    }

    @Test
    void aDriverKilledHalfWayThroughAnIngestLeavesThePreviousTablesAndTheRerunSucceeds() throws Exception {
        Path wh = dir.resolve("wh-driver-kill");
        Submission first = cluster.submit("--warehouse", wh.toString(), "--json", "ingest-plasticc",
                "--observations", small.observationsPath(), "--metadata", small.metadataPath());
        assertEquals(0, first.exitCode(), first.tail());
        long objects = warehouse(wh).read(TableSchemas.PLASTICC_OBJECTS).count();
        long observations = warehouse(wh).read(TableSchemas.PLASTICC_OBSERVATIONS).count();

        Path err = dir.resolve("ingest-kill.err");
        Process driver = cluster.start(List.of(), dir.resolve("ingest-kill.out"), err, "--warehouse", wh.toString(),
                "--json", "ingest-plasticc", "--observations", large.observationsPath(), "--metadata",
                large.metadataPath());
        // half-way: the metadata is parsed and the staged tables are being written
        await("the ingest to be half-way", 180, () -> {
            try {
                return Files.readString(err).contains("parse metadata took");
            } catch (java.io.IOException e) {
                return false;
            }
        });
        driver.destroyForcibly(); // the spark-submit JVM (the wrapper execs it): the driver in client mode
        assertTrue(driver.waitFor(60, TimeUnit.SECONDS));

        assertEquals(objects, warehouse(wh).read(TableSchemas.PLASTICC_OBJECTS).count(), "previous objects intact");
        assertEquals(observations, warehouse(wh).read(TableSchemas.PLASTICC_OBSERVATIONS).count(),
                "previous observations intact and readable");
        Submission rerun = cluster.submit("--warehouse", wh.toString(), "--json", "ingest-plasticc",
                "--observations", large.observationsPath(), "--metadata", large.metadataPath());
        assertEquals(0, rerun.exitCode(), rerun.tail());
        assertEquals(6000L, warehouse(wh).read(TableSchemas.PLASTICC_OBJECTS).count());
        Submission tables = cluster.submit("--warehouse", wh.toString(), "--json", "tables");
        assertEquals(0, tables.exitCode(), tables.tail());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> listed = (List<Map<String, Object>>) tables.json().get("tables");
        assertEquals(Set.of(TableSchemas.PLASTICC_OBJECTS, TableSchemas.PLASTICC_OBSERVATIONS,
                TableSchemas.PLASTICC_REJECTS), listed.stream().map(t -> (String) t.get("name"))
                        .collect(java.util.stream.Collectors.toSet()), "no staging folder shows up as a table");
    }

    @Test
    void aSweepRerunAfterItsDriverWasKilledSkipsFinishedRunsAndRestartsTheInterruptedOneClean() throws Exception {
        Path wh = trainingWarehouse("wh-sweep-kill");
        Path spec = dir.resolve("three-runs.conf");
        Files.writeString(spec, "sweep {\n  id = \"three-runs\"\n  fixed {\n    model = mlp\n    depth = 1\n"
                + "    epochs = 6\n    batch-size-per-worker = 8\n    workers = 2\n    averaging-frequency = 2\n"
                + "    learning-rate = 0.01\n    class-weighting = none\n    eval-every = 0\n    checkpoint-every = 0\n"
                + "    sequence-length = 32\n  }\n  axes {\n    width = [8, 16, 24]\n  }\n}\n");
        Path err = dir.resolve("sweep-kill.err");
        Process driver = cluster.start(List.of(), dir.resolve("sweep-kill.out"), err, "--warehouse", wh.toString(),
                "--json", "sweep", "--spec", spec.toString());
        await("the first run to finish and the second to be training", 300, () -> {
            Warehouse w = warehouse(wh);
            if (!w.exists(TableSchemas.RUNS) || !w.exists(TableSchemas.RUN_METRICS)) {
                return false;
            }
            List<Row> runs = w.read(TableSchemas.RUNS).filter("sweep_id = 'three-runs'").collectAsList();
            return runs.stream().anyMatch(r -> "finished".equals(r.getAs("status")))
                    && runs.stream().anyMatch(r -> "running".equals(r.getAs("status"))
                            && stepsRecorded(wh, r.getAs("run_id")) > 0);
        });
        driver.destroyForcibly();
        assertTrue(driver.waitFor(60, TimeUnit.SECONDS));
        List<Row> left = warehouse(wh).read(TableSchemas.RUNS).filter("sweep_id = 'three-runs'").collectAsList();
        long finishedBefore = left.stream().filter(r -> "finished".equals(r.getAs("status"))).count();
        String interrupted = left.stream().filter(r -> "running".equals(r.getAs("status"))).findFirst()
                .map(r -> r.<String>getAs("run_id")).orElseThrow();

        Submission rerun = cluster.submit("--warehouse", wh.toString(), "--json", "sweep", "--spec", spec.toString());
        assertEquals(0, rerun.exitCode(), rerun.tail());
        Map<String, Object> json = rerun.json();
        assertEquals(finishedBefore, ((Number) json.get("skipped")).longValue(), json.toString());
        assertEquals(3 - finishedBefore, ((Number) json.get("finished")).longValue(), json.toString());
        assertTrue(rerun.err().contains("left behind: its driver (pid " + driver.pid()), "recognised as stale by"
                + " its dead driver's pid:\n" + rerun.tail());
        Row run = warehouse(wh).read(TableSchemas.RUNS).filter("run_id = '" + interrupted + "'").first();
        assertEquals("finished", run.getAs("status"));
        Set<Long> steps = steps(wh, interrupted);
        assertTrue(steps.contains(0L), "restarted from step 0");
        long maxStep = steps.stream().mapToLong(Long::longValue).max().orElseThrow();
        assertTrue(steps.size() <= maxStep + 1, "one row per step, none left from the killed attempt");
    }

    @Test
    void fewerTaskSlotsThanWorkersWarnsAndTrainsAndNoExecutorAtAllFailsWithTheReason() throws Exception {
        Path wh = trainingWarehouse("wh-slots");
        Submission waves = cluster.submit(List.of(), "--warehouse", wh.toString(), "--json", "train", "--model", "mlp",
                "--width", "8", "--depth", "1", "--epochs", "1", "--workers", "3", "--batch-size-per-worker", "16",
                "--averaging-frequency", "2", "--eval-every", "0", "--sequence-length", "32", "--slot-wait", "5",
                "--run-id", "three-workers");
        assertEquals(0, waves.exitCode(), waves.tail());
        assertTrue(waves.err().contains("3 workers, but the cluster gives this application 2 task slot(s)"),
                waves.tail());

        long started = System.currentTimeMillis();
        Submission none = cluster.submit(List.of("--conf", "spark.executor.cores=2",
                "--conf", "spark.losslab.executor-wait-seconds=15"), "--warehouse", wh.toString(), "tables");
        assertEquals(1, none.exitCode(), none.tail());
        String last = none.err().strip().lines().reduce((a, b) -> b).orElse("");
        assertTrue(last.startsWith("losslab tables: No executor registered with " + cluster.masterUrl()), last);
        assertTrue(last.contains("spark.executor.cores=2"), last);
        assertTrue(System.currentTimeMillis() - started < 120_000, "a bounded wait, not a hang");
    }
}
