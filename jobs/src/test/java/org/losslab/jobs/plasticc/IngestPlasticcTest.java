package org.losslab.jobs.plasticc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.losslab.common.plasticc.PlasticcLayout;
import org.losslab.jobs.testing.PlasticcFiles;
import org.losslab.jobs.testing.PlasticcFiles.Lines;
import org.losslab.jobs.testing.SparkTestSession;
import org.losslab.jobs.warehouse.TableSchemas;
import org.losslab.jobs.warehouse.Warehouse;

class IngestPlasticcTest {
    private static SparkSession spark;
    private static Lines simulated;

    @BeforeAll
    static void start() {
        spark = SparkTestSession.get();
        simulated = PlasticcFiles.simulate(12, 7);
    }

    private static IngestPlasticc.Result ingest(Path warehouse, Path observations, Path metadata) {
        return new IngestPlasticc(new IngestPlasticc.Options(warehouse.toString(), List.of(observations.toString()),
                List.of(metadata.toString()))).run(spark);
    }

    private static long count(Path warehouse, String table) {
        return Warehouse.open(spark, warehouse.toString()).read(table).count();
    }

    @Test
    void ingestsTheRealSampleWithoutRejects() {
        Optional<Path> shared = SparkTestSession.sharedData();
        assumeTrue(shared.isPresent(), "../shared/data is absent: the real-sample test is skipped");
        Path sample = shared.get().resolve("plasticc-sample");
        Path warehouse = SparkTestSession.tempDir("wh-real");

        IngestPlasticc.Result result = ingest(warehouse, sample.resolve("training_set.csv"),
                sample.resolve("training_set_metadata.csv"));

        // 3,280 lines: the header and 3,279 observations (the file has no final newline, so wc -l says 3,279)
        assertEquals(new IngestPlasticc.TableCounts(3279, 3279, 0, Map.of()), result.observations());
        assertEquals(new IngestPlasticc.TableCounts(10, 10, 0, Map.of()), result.objects());
        assertEquals(Map.of(42, 2L, 65, 2L, 88, 1L, 90, 4L, 92, 1L), result.objectsByClass());
        assertEquals(3279, count(warehouse, TableSchemas.PLASTICC_OBSERVATIONS));
        assertEquals(0, count(warehouse, TableSchemas.PLASTICC_REJECTS));

        StructType schema = Warehouse.open(spark, warehouse.toString()).read(TableSchemas.PLASTICC_OBSERVATIONS)
                .schema();
        assertEquals(DataTypes.LongType, schema.apply("object_id").dataType());
        assertEquals(DataTypes.DoubleType, schema.apply("mjd").dataType());
        assertEquals(DataTypes.ByteType, schema.apply("passband").dataType());
        assertEquals(DataTypes.FloatType, schema.apply("flux").dataType());
        assertEquals(DataTypes.FloatType, schema.apply("flux_err").dataType());
        assertEquals(DataTypes.BooleanType, schema.apply("detected").dataType());
        assertEquals(DataTypes.IntegerType, schema.apply(TableSchemas.OBJECT_BLOCK).dataType());
        Row galactic = Warehouse.open(spark, warehouse.toString()).read(TableSchemas.PLASTICC_OBJECTS)
                .filter("object_id = 615").first();
        assertTrue(galactic.isNullAt(galactic.fieldIndex("distmod")));
        assertTrue(galactic.getBoolean(galactic.fieldIndex("galactic")));
    }

    @Test
    void ingestsASimulatedSetWrittenAsCsvAndAsParquet() {
        for (SimulatePlasticc.Format format : SimulatePlasticc.Format.values()) {
            Path dir = SparkTestSession.tempDir("sim-" + format);
            SimulatePlasticc.Result sim = new SimulatePlasticc(new SimulatePlasticc.Options(40, dir.toString(), format,
                    3, 3, 0.3)).run(spark);
            Path warehouse = dir.resolve("warehouse");
            IngestPlasticc.Result result = new IngestPlasticc(new IngestPlasticc.Options(warehouse.toString(),
                    List.of(sim.observationsPath()), List.of(sim.metadataPath()))).run(spark);
            assertEquals(new IngestPlasticc.TableCounts(sim.observations(), sim.observations(), 0, Map.of()),
                    result.observations(), format.toString());
            assertEquals(new IngestPlasticc.TableCounts(40, 40, 0, Map.of()), result.objects(), format.toString());
            assertEquals(sim.objectsByClass(), result.objectsByClass());
        }
    }

    @Test
    void quarantinesOneOfEachBadRowKindWithFileLineColumnAndReason() throws IOException {
        Lines damaged = simulated.copy();
        List<String> obs = damaged.observations();
        long unknownId = 999_999_999L;
        // line number (1-based, header = 1) -> damaged text, spread over the file so several splits hold them
        Map<Integer, String> bad = new HashMap<>();
        int n = obs.size();
        bad.put(2, "615,59750.4,2,1.0,1.0");
        bad.put(n / 7, replaceField(obs.get(n / 7 - 1), 3, "abc"));
        bad.put(n / 5, replaceField(obs.get(n / 5 - 1), 3, "nan"));
        bad.put(n / 4, replaceField(obs.get(n / 4 - 1), 1, "inf"));
        bad.put(n / 3, replaceField(obs.get(n / 3 - 1), 2, "7"));
        bad.put(n / 2, replaceField(obs.get(n / 2 - 1), 4, "0"));
        bad.put(2 * n / 3, replaceField(obs.get(2 * n / 3 - 1), 5, "2"));
        bad.put(n, replaceField(obs.get(n - 1), 0, Long.toString(unknownId)));
        bad.forEach((line, text) -> obs.set(line - 1, text));

        List<String> meta = damaged.metadata();
        meta.add(meta.get(1));                                              // duplicate of the first object
        String template = meta.get(2);
        meta.add(replaceField(replaceField(template, 0, "123456789"), 11, "17"));   // unknown class
        meta.add(replaceField(replaceField(template, 0, "123456790"), 1, "east"));  // non-numeric ra
        int duplicateLine = meta.size() - 2;

        Path dir = SparkTestSession.tempDir("damaged");
        Path obsFile = PlasticcFiles.write(dir.resolve("training_set.csv"), obs);
        Path metaFile = PlasticcFiles.write(dir.resolve("training_set_metadata.csv"), meta);
        Path warehouse = dir.resolve("warehouse");
        String before = spark.conf().get("spark.sql.files.maxPartitionBytes");
        spark.conf().set("spark.sql.files.maxPartitionBytes", "16384"); // many splits: line numbers across them
        IngestPlasticc.Result result;
        try {
            assertTrue(Files.size(obsFile) > 4 * 16384, "the observations must span several splits");
            result = ingest(warehouse, obsFile, metaFile);
        } finally {
            spark.conf().set("spark.sql.files.maxPartitionBytes", before);
        }

        long rows = damaged.observationRows();
        assertEquals(new IngestPlasticc.TableCounts(rows, rows - 8, 8, Map.of("wrong_column_count", 1L,
                "non_numeric", 1L, "non_finite", 2L, "passband_out_of_range", 1L, "flux_err_not_positive", 1L,
                "not_0_or_1", 1L, "no_metadata", 1L)), result.observations());
        assertEquals(new IngestPlasticc.TableCounts(15, 12, 3, Map.of("non_numeric", 1L, "unknown_target", 1L,
                "duplicate_metadata", 1L)), result.objects());

        List<Row> rejects = Warehouse.open(spark, warehouse.toString()).read(TableSchemas.PLASTICC_REJECTS)
                .orderBy("target_table", "line").collectAsList();
        assertEquals(11, rejects.size());
        Map<Long, Row> observationRejects = rejects.stream()
                .filter(r -> r.getAs("target_table").equals(TableSchemas.PLASTICC_OBSERVATIONS))
                .collect(Collectors.toMap(r -> r.<Long>getAs("line"), r -> r));
        assertEquals(bad.keySet().stream().map(Long::valueOf).collect(Collectors.toSet()), observationRejects.keySet());
        Map<Integer, String> expectedReason = Map.of(2, "wrong_column_count", n / 7, "non_numeric",
                n / 5, "non_finite", n / 4, "non_finite", n / 3, "passband_out_of_range", n / 2,
                "flux_err_not_positive", 2 * n / 3, "not_0_or_1", n, "no_metadata");
        Map<Integer, String> expectedColumn = new HashMap<>(Map.of(n / 7, "flux", n / 5, "flux", n / 4, "mjd",
                n / 3, "passband", n / 2, "flux_err", 2 * n / 3, "detected", n, "object_id"));
        bad.forEach((line, text) -> {
            Row r = observationRejects.get((long) line);
            assertEquals(expectedReason.get(line), r.getAs("reason"), "line " + line);
            assertEquals(expectedColumn.get(line), r.getAs("column"), "line " + line);
            assertEquals(text, r.getAs("raw"), "line " + line);
            assertTrue(r.<String>getAs("file").endsWith("training_set.csv"));
            assertTrue(r.isNullAt(r.fieldIndex("row_index")));
        });
        assertTrue(observationRejects.get((long) n).<String>getAs("detail").contains(Long.toString(unknownId)));

        Map<String, Row> objectRejects = rejects.stream()
                .filter(r -> r.getAs("target_table").equals(TableSchemas.PLASTICC_OBJECTS))
                .collect(Collectors.toMap(r -> r.<String>getAs("reason"), r -> r));
        Row duplicate = objectRejects.get("duplicate_metadata");
        assertEquals((long) duplicateLine, duplicate.<Long>getAs("line"));
        assertTrue(duplicate.<String>getAs("detail").endsWith("training_set_metadata.csv:2"),
                duplicate.<String>getAs("detail"));
        assertEquals((long) meta.size() - 1, objectRejects.get("unknown_target").<Long>getAs("line"));
        assertEquals("target", objectRejects.get("unknown_target").getAs("column"));
        assertEquals((long) meta.size(), objectRejects.get("non_numeric").<Long>getAs("line"));
        assertEquals(12, count(warehouse, TableSchemas.PLASTICC_OBJECTS));
        assertEquals(rows - 8, count(warehouse, TableSchemas.PLASTICC_OBSERVATIONS));
    }

    @Test
    void readsTheUnblindedZenodoLayoutGzipped() {
        Lines zenodo = simulated.copy();
        zenodo.observations().set(0, "object_id,mjd,passband,flux,flux_err,detected_bool");
        // Zenodo metadata: ddf_bool, true_target, extra truth columns, no gal_l/gal_b
        List<String> meta = zenodo.metadata().stream().map(line -> {
            String[] f = line.split(",");
            return String.join(",", f[0], f[1], f[2], f[5], f[6], f[7], f[8], f[9], f[10], f[11],
                    line.startsWith("object_id") ? "true_z" : "0.5");
        }).collect(Collectors.toList());
        meta.set(0, "object_id,ra,decl,ddf_bool,hostgal_specz,hostgal_photoz,hostgal_photoz_err,distmod,mwebv,"
                + "true_target,true_z");
        Path dir = SparkTestSession.tempDir("zenodo");
        Path obs = PlasticcFiles.writeGzip(dir.resolve("plasticc_train_lightcurves.csv.gz"), zenodo.observations());
        Path metaFile = PlasticcFiles.write(dir.resolve("plasticc_train_metadata.csv"), meta);
        Path warehouse = dir.resolve("warehouse");

        IngestPlasticc.Result result = ingest(warehouse, obs, metaFile);

        assertEquals(zenodo.observationRows(), result.observations().rowsWritten());
        assertEquals(0, result.observations().rowsRejected());
        assertEquals(12, result.objects().rowsWritten());
        assertEquals(java.util.Set.of("unblinded Zenodo"), result.observationLayouts());
        // gal_l/gal_b computed from ra/decl agree with the simulator's own
        Map<Long, Double> galL = simulated.metadata().stream().skip(1).map(l -> l.split(","))
                .collect(Collectors.toMap(f -> Long.parseLong(f[0]), f -> Double.parseDouble(f[3])));
        for (Row row : Warehouse.open(spark, warehouse.toString()).read(TableSchemas.PLASTICC_OBJECTS)
                .select("object_id", "gal_l").collectAsList()) {
            assertEquals(galL.get(row.getLong(0)), row.getDouble(1), 1e-3);
        }
    }

    @Test
    void parquetInputRejectsCarryTheirRowIndex() {
        Path dir = SparkTestSession.tempDir("parquet-in");
        Lines lines = simulated.copy();
        lines.observations().set(5, replaceField(lines.observations().get(5), 2, "9"));
        Path csv = PlasticcFiles.write(dir.resolve("obs.csv"), lines.observations());
        Path parquet = dir.resolve("obs.parquet");
        spark.read().option("header", "true").option("inferSchema", "true").csv(csv.toString()).coalesce(1)
                .write().parquet(parquet.toString());
        Path meta = PlasticcFiles.write(dir.resolve("meta.csv"), lines.metadata());

        IngestPlasticc.Result result = ingest(dir.resolve("warehouse"), parquet, meta);

        assertEquals(Map.of("passband_out_of_range", 1L), result.observations().rejectsByReason());
        Row reject = Warehouse.open(spark, dir.resolve("warehouse").toString()).read(TableSchemas.PLASTICC_REJECTS)
                .first();
        assertEquals(4L, reject.<Long>getAs("row_index")); // data row 5 of the file, 0-based
        assertTrue(reject.isNullAt(reject.fieldIndex("line")));
        assertTrue(reject.<String>getAs("file").contains("obs.parquet"));
    }

    @Test
    void aHeaderThatFitsNoLayoutFailsNamingTheFileAndKeepsThePreviousTables() {
        Path dir = SparkTestSession.tempDir("bad-header");
        Path obs = PlasticcFiles.write(dir.resolve("obs.csv"), simulated.observations());
        Path meta = PlasticcFiles.write(dir.resolve("meta.csv"), simulated.metadata());
        Path warehouse = dir.resolve("warehouse");
        ingest(warehouse, obs, meta);

        List<String> renamed = simulated.copy().observations();
        renamed.set(0, "id,time,band,flux,flux_err,detected");
        Path badFile = PlasticcFiles.write(dir.resolve("renamed.csv"), renamed);
        PlasticcLayout.LayoutException e = assertThrows(PlasticcLayout.LayoutException.class,
                () -> ingest(warehouse, badFile, meta));
        assertTrue(e.getMessage().contains("renamed.csv"), e.getMessage());
        assertTrue(e.getMessage().contains("[id, time, band, flux, flux_err, detected]"), e.getMessage());
        assertEquals(simulated.observationRows(), count(warehouse, TableSchemas.PLASTICC_OBSERVATIONS));
    }

    @Test
    void aJobThatFailsHalfWayLeavesThePreviousTablesAndNoStagedOutput() throws IOException {
        Path dir = SparkTestSession.tempDir("half-way");
        Path obs = PlasticcFiles.write(dir.resolve("obs.csv"), simulated.observations());
        Path meta = PlasticcFiles.write(dir.resolve("meta.csv"), simulated.metadata());
        Path warehouse = dir.resolve("warehouse");
        ingest(warehouse, obs, meta);

        // a gzip cut in half: its header reads, the Spark pass over it fails after metadata was staged
        Path full = PlasticcFiles.writeGzip(dir.resolve("full.csv.gz"), PlasticcFiles.simulate(40, 9).observations());
        byte[] bytes = Files.readAllBytes(full);
        Path truncated = dir.resolve("truncated.csv.gz");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
        Lines other = PlasticcFiles.simulate(40, 9);
        Path otherMeta = PlasticcFiles.write(dir.resolve("other-meta.csv"), other.metadata());
        RuntimeException failure = assertThrows(RuntimeException.class, () -> ingest(warehouse, truncated, otherMeta));
        String messages = Stream.iterate((Throwable) failure, t -> t != null, Throwable::getCause)
                .map(String::valueOf).collect(Collectors.joining(" / "));
        assertTrue(messages.contains("Cannot read input file") && messages.contains("truncated.csv.gz"), messages);

        assertEquals(simulated.observationRows(), count(warehouse, TableSchemas.PLASTICC_OBSERVATIONS));
        assertEquals(12, count(warehouse, TableSchemas.PLASTICC_OBJECTS));
        try (Stream<Path> staged = Files.list(warehouse.resolve(".staging"))) {
            assertEquals(List.of(), staged.toList());
        }
    }

    @Test
    void rerunningReplacesTheTablesWhole() {
        Path dir = SparkTestSession.tempDir("rerun");
        Path warehouse = dir.resolve("warehouse");
        ingest(warehouse, PlasticcFiles.write(dir.resolve("a/obs.csv"), simulated.observations()),
                PlasticcFiles.write(dir.resolve("a/meta.csv"), simulated.metadata()));
        Lines smaller = PlasticcFiles.simulate(3, 11);
        IngestPlasticc.Result second = ingest(warehouse,
                PlasticcFiles.write(dir.resolve("b/obs.csv"), smaller.observations()),
                PlasticcFiles.write(dir.resolve("b/meta.csv"), smaller.metadata()));
        assertEquals(smaller.observationRows(), second.observations().rowsWritten());
        assertEquals(smaller.observationRows(), count(warehouse, TableSchemas.PLASTICC_OBSERVATIONS));
        assertEquals(3, count(warehouse, TableSchemas.PLASTICC_OBJECTS));
        assertFalse(Warehouse.open(spark, warehouse.toString()).tables().contains(".trash"));
        assertNotNull(second.tables().get(TableSchemas.PLASTICC_REJECTS));
    }

    private static String replaceField(String line, int index, String value) {
        String[] fields = line.split(",", -1);
        fields[index] = value;
        return String.join(",", fields);
    }
}
