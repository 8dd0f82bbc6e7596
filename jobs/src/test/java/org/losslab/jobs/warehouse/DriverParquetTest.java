package org.losslab.jobs.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.losslab.jobs.testing.SparkTestSession;

class DriverParquetTest {
    private static SparkSession spark;
    private static Configuration conf;

    private static final StructType SCHEMA = new StructType()
            .add("name", DataTypes.StringType, false)
            .add("note", DataTypes.StringType, true)
            .add("count", DataTypes.LongType, false)
            .add("width", DataTypes.IntegerType, true)
            .add("share", DataTypes.DoubleType, false)
            .add("kept", DataTypes.BooleanType, false);

    @BeforeAll
    static void start() {
        spark = SparkTestSession.get();
        conf = spark.sparkContext().hadoopConfiguration();
    }

    @Test
    void sparkReadsTheRowsBackWithTheirTypesWhetherTheSchemaIsGivenOrInferred() {
        Path folder = SparkTestSession.tempDir("driver-parquet").resolve("t");
        List<Row> rows = List.of(
                RowFactory.create("alpha", "first", 3L, 7, 0.25, true),
                RowFactory.create("béta ünïcode", null, Long.MAX_VALUE, null, -1.5, false));
        DriverParquet.write(conf, new org.apache.hadoop.fs.Path(folder.toUri()), SCHEMA, rows);

        Dataset<Row> inferred = spark.read().parquet(folder.toString());
        assertEquals(SCHEMA.simpleString(), inferred.schema().simpleString());
        assertEquals(rows, inferred.orderBy("name").collectAsList());
        assertEquals(rows, spark.read().schema(SCHEMA).parquet(folder.toString()).orderBy("name").collectAsList());
    }

    @Test
    void noRowsStillGiveAFileWithTheSchema() {
        Path folder = SparkTestSession.tempDir("driver-parquet-empty").resolve("t");
        DriverParquet.write(conf, new org.apache.hadoop.fs.Path(folder.toUri()), SCHEMA, List.of());

        Dataset<Row> read = spark.read().parquet(folder.toString());
        assertEquals(SCHEMA.simpleString(), read.schema().simpleString());
        assertEquals(0, read.count());
        assertEquals(0, DriverParquet.rowCount(conf, new org.apache.hadoop.fs.Path(folder.toUri())));
    }

    @Test
    void rowCountAddsTheFootersOfEverySparkOutputFileAndSkipsTheRest() {
        Path folder = SparkTestSession.tempDir("driver-parquet-count").resolve("t");
        List<Row> rows = new ArrayList<>();
        for (long i = 0; i < 1_234; i++) {
            rows.add(RowFactory.create("n" + i, null, i, (int) i, i / 2.0, i % 2 == 0));
        }
        // Spark's own output: several part files, .crc files and _SUCCESS, in a partition folder below
        spark.createDataFrame(rows, SCHEMA).repartition(3).write().partitionBy("kept").parquet(folder.toString());
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(folder.toUri());
        assertTrue(new java.io.File(folder.toFile(), "_SUCCESS").exists());

        assertEquals(1_234, DriverParquet.rowCount(conf, path));
        DriverParquet.write(conf, new org.apache.hadoop.fs.Path(path, "kept=true"), SCHEMA.add("x", "string"),
                List.of());
        assertEquals(1_234, DriverParquet.rowCount(conf, path));
    }

    @Test
    void nestedColumnsAndNullsInRequiredColumnsAreRefusedByName() {
        org.apache.hadoop.fs.Path folder = new org.apache.hadoop.fs.Path(
                SparkTestSession.tempDir("driver-parquet-bad").resolve("t").toUri());
        IllegalArgumentException nested = assertThrows(IllegalArgumentException.class, () -> DriverParquet.write(conf,
                folder, new StructType().add("tags", DataTypes.createArrayType(DataTypes.StringType)), List.of()));
        assertTrue(nested.getMessage().contains("tags"), nested.getMessage());

        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> DriverParquet.write(
                conf, folder, SCHEMA, List.of(RowFactory.create(null, null, 1L, 1, 1.0, true))));
        assertTrue(missing.getMessage().contains("name"), missing.getMessage());
    }
}
