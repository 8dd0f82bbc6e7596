package org.losslab.jobs.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.losslab.jobs.plasticc.SimulatePlasticc;
import org.losslab.jobs.testing.SparkTestSession;
import org.losslab.jobs.testing.StandaloneTestCluster;
import org.losslab.jobs.testing.StandaloneTestCluster.Submission;
import org.losslab.jobs.warehouse.TableSchemas;
import org.losslab.jobs.warehouse.Warehouse;

/**
 * The warehouse on HDFS (Hadoop's MiniDFSCluster in this JVM, on 127.0.0.1, at the Hadoop version Spark ships):
 * ingest, train (minibatch export under the warehouse, on HDFS) and tables on the standalone cluster; and the
 * staged swaps as HDFS renames, read concurrently: a reader sees the old or the new version, never a mix.
 */
class HdfsWarehouseIT {
    private static MiniDFSCluster hdfs;
    private static String uri;
    private static SparkSession spark;
    private static Path dir;

    @BeforeAll
    static void startHdfs() throws IOException {
        assumeTrue(StandaloneTestCluster.built(), "losslab.jar and the Spark home are built by `mvn package`");
        spark = SparkTestSession.get();
        dir = SparkTestSession.tempDir("hdfs-warehouse");
        Configuration conf = new Configuration();
        conf.set("dfs.namenode.http-address", "127.0.0.1:0");
        conf.set("dfs.datanode.address", "127.0.0.1:0");
        conf.set("dfs.datanode.http.address", "127.0.0.1:0");
        conf.set("dfs.datanode.ipc.address", "127.0.0.1:0");
        conf.set("dfs.datanode.hostname", "127.0.0.1");
        conf.setBoolean("dfs.permissions.enabled", false);
        hdfs = new MiniDFSCluster.Builder(conf, dir.resolve("dfs").toFile()).numDataNodes(1).build();
        hdfs.waitActive();
        uri = "hdfs://127.0.0.1:" + hdfs.getNameNodePort();
    }

    @AfterAll
    static void stopHdfs() {
        if (hdfs != null) {
            hdfs.shutdown();
        }
    }

    @Test
    void ingestTrainAndTablesOnTheClusterWithTheWarehouseOnHdfs() throws IOException {
        StandaloneTestCluster cluster = StandaloneTestCluster.get();
        SimulatePlasticc.Result sim = new SimulatePlasticc(new SimulatePlasticc.Options(400,
                dir.resolve("sim").toString(), SimulatePlasticc.Format.CSV, 31, 2, 0.3)).run(spark);
        // the inputs on HDFS too, as on a cluster without shared local disks
        FileSystem fs = FileSystem.get(java.net.URI.create(uri), spark.sparkContext().hadoopConfiguration());
        fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(sim.observationsPath()),
                new org.apache.hadoop.fs.Path(uri + "/input/training_set.csv"));
        fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(sim.metadataPath()),
                new org.apache.hadoop.fs.Path(uri + "/input/training_set_metadata.csv"));
        String wh = uri + "/wh";

        Submission ingest = cluster.submit("--warehouse", wh, "--json", "ingest-plasticc", "--observations",
                uri + "/input/training_set.csv", "--metadata", uri + "/input/training_set_metadata.csv");
        assertEquals(0, ingest.exitCode(), ingest.tail());
        assertEquals(400L, Warehouse.open(spark, wh).read(TableSchemas.PLASTICC_OBJECTS).count());

        Submission train = cluster.submit("--warehouse", wh, "--json", "train", "--model", "mlp", "--width", "32",
                "--epochs", "5", "--workers", "2", "--batch-size-per-worker", "16", "--averaging-frequency", "2",
                "--learning-rate", "0.005", "--eval-every", "0", "--sequence-length", "32", "--run-id", "on-hdfs");
        assertEquals(0, train.exitCode(), train.tail());
        Map<String, Object> run = train.json();
        assertEquals("finished", run.get("status"));
        assertTrue(((Number) run.get("test_weighted_log_loss")).doubleValue()
                < ((Number) run.get("prior_weighted_log_loss")).doubleValue(), run.toString());
        assertTrue(String.valueOf(run.get("checkpoint")).startsWith(uri + "/wh/_checkpoints/on-hdfs/"),
                String.valueOf(run.get("checkpoint")));
        List<Row> steps = Warehouse.open(spark, wh).read(TableSchemas.RUN_METRICS).filter("run_id = 'on-hdfs'")
                .collectAsList();
        assertEquals(((Number) run.get("steps")).longValue(), steps.size(), "one row per step");
        assertTrue(steps.stream().filter(r -> r.<Integer>getAs("workers") == 2).count() >= steps.size() * 2 / 3,
                "both workers reported most steps");
        try (java.io.InputStream in = fs.open(new org.apache.hadoop.fs.Path((String) run.get("checkpoint")))) {
            assertEquals(((Number) run.get("params")).longValue(),
                    org.deeplearning4j.util.ModelSerializer.restoreMultiLayerNetwork(in, false).numParams(),
                    "the checkpoint on HDFS loads");
        }
        assertTrue(!fs.exists(new org.apache.hadoop.fs.Path(wh + "/_tmp/dl4j-export/on-hdfs")),
                "the minibatch files on HDFS are removed after the run");

        Submission tables = cluster.submit("--warehouse", wh, "--json", "tables");
        assertEquals(0, tables.exitCode(), tables.tail());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> listed = (List<Map<String, Object>>) tables.json().get("tables");
        List<String> names = listed.stream().map(t -> (String) t.get("name")).sorted().toList();
        assertEquals(List.of("plasticc_features", "plasticc_objects", "plasticc_observations", "plasticc_rejects",
                "run_metrics", "run_summary", "runs"), names);
    }

    @Test
    void aReaderDuringCommitsSeesTheOldOrTheNewVersionNeverAMix() throws Exception {
        String wh = uri + "/swaps";
        StructType schema = new StructType().add("version", DataTypes.IntegerType).add("i", DataTypes.IntegerType);
        Warehouse warehouse = Warehouse.open(spark, wh);
        commitVersion(warehouse, schema, 0);
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger consistent = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        List<String> mixes = new ArrayList<>();
        Thread reader = new Thread(() -> {
            while (writing.get()) {
                try {
                    Row r = Warehouse.open(spark, wh).read("versions")
                            .selectExpr("min(version)", "max(version)", "count(*)").first();
                    if (r.getInt(0) != r.getInt(1) || r.getLong(2) != ROWS) {
                        synchronized (mixes) {
                            mixes.add(r.toString());
                        }
                    } else {
                        consistent.incrementAndGet();
                    }
                } catch (Exception e) { // SparkException, which Java sees undeclared, included
                    failed.incrementAndGet(); // the files it listed were swapped out under it: no rows, no mix
                }
            }
        });
        reader.start();
        for (int version = 1; version <= 12; version++) {
            commitVersion(warehouse, schema, version);
        }
        writing.set(false);
        reader.join();
        assertEquals(List.of(), mixes, "no read mixed two versions");
        assertTrue(consistent.get() > 0, "reads succeeded during the commits (" + failed.get() + " failed)");
        assertEquals(12, Warehouse.open(spark, wh).read("versions").selectExpr("max(version)").first().getInt(0));
    }

    private static final long ROWS = 3000;

    private static void commitVersion(Warehouse warehouse, StructType schema, int version) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            rows.add(RowFactory.create(version, i));
        }
        Warehouse.StagedTable staged = warehouse.stage("versions");
        spark.createDataFrame(rows, schema).repartition(3).write().parquet(staged.writeLocation());
        warehouse.commit(List.of(staged));
    }
}
