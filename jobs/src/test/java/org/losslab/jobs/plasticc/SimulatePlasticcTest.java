package org.losslab.jobs.plasticc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.losslab.jobs.testing.PlasticcFiles;
import org.losslab.jobs.testing.SparkTestSession;

class SimulatePlasticcTest {
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkTestSession.get();
    }

    private static SimulatePlasticc.Result simulate(Path out, SimulatePlasticc.Format format, long seed, int partitions) {
        return new SimulatePlasticc(new SimulatePlasticc.Options(25, out.toString(), format, seed, partitions, 0.3))
                .run(spark);
    }

    @Test
    void writesTheTwoKaggleFilesIdenticallyWhateverThePartitioning() throws IOException {
        Path one = SparkTestSession.tempDir("sim-one");
        Path three = SparkTestSession.tempDir("sim-three");
        SimulatePlasticc.Result a = simulate(one, SimulatePlasticc.Format.CSV, 5, 1);
        simulate(three, SimulatePlasticc.Format.CSV, 5, 3);

        for (String file : List.of("training_set.csv", "training_set_metadata.csv")) {
            assertArrayEquals(Files.readAllBytes(one.resolve(file)), Files.readAllBytes(three.resolve(file)), file);
        }
        List<String> observations = Files.readAllLines(one.resolve("training_set.csv"));
        assertEquals(PlasticcFiles.OBSERVATIONS_HEADER, observations.get(0));
        assertEquals(PlasticcFiles.METADATA_HEADER, Files.readAllLines(one.resolve("training_set_metadata.csv")).get(0));
        assertEquals(a.observations(), observations.size() - 1);
        assertEquals(25, a.objectsByClass().values().stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void anotherSeedGivesAnotherSet() throws IOException {
        Path a = SparkTestSession.tempDir("sim-a");
        Path b = SparkTestSession.tempDir("sim-b");
        simulate(a, SimulatePlasticc.Format.CSV, 1, 2);
        simulate(b, SimulatePlasticc.Format.CSV, 2, 2);
        assertFalse(Files.readAllLines(a.resolve("training_set.csv"))
                .equals(Files.readAllLines(b.resolve("training_set.csv"))));
    }

    @Test
    void parquetHoldsTheSameRowsAsCsv() {
        Path csv = SparkTestSession.tempDir("sim-csv");
        Path parquet = SparkTestSession.tempDir("sim-parquet");
        simulate(csv, SimulatePlasticc.Format.CSV, 8, 2);
        SimulatePlasticc.Result p = simulate(parquet, SimulatePlasticc.Format.PARQUET, 8, 2);
        List<Row> fromCsv = spark.read().schema(SimulatePlasticc.OBSERVATIONS_CSV_SCHEMA).option("header", "true")
                .csv(csv.resolve("training_set.csv").toString()).orderBy("object_id", "mjd").collectAsList();
        List<Row> fromParquet = spark.read().parquet(p.observationsPath()).orderBy("object_id", "mjd")
                .collectAsList();
        assertEquals(fromCsv, fromParquet);
    }
}
