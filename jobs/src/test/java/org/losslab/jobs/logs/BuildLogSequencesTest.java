package org.losslab.jobs.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.losslab.common.anomaly.WindowKind;
import org.losslab.jobs.testing.SparkTestSession;
import org.losslab.jobs.warehouse.TableSchemas;
import org.losslab.jobs.warehouse.Warehouse;

class BuildLogSequencesTest {
    private static SparkSession spark;
    private static Path bglWarehouse;
    private static List<String> bglLines;

    @BeforeAll
    static void start() throws IOException {
        spark = SparkTestSession.get();
        assumeTrue(SparkTestSession.sharedData().isPresent(), "../shared/data is absent: BGL tests skipped");
        Path bgl = SparkTestSession.sharedData().get().resolve("loghub-2k/BGL/BGL_2k.log");
        bglLines = Files.readAllLines(bgl);
        bglWarehouse = SparkTestSession.tempDir("sequences-bgl");
        new IngestLogs(new IngestLogs.Options(bglWarehouse.toString(), "BGL", List.of(bgl.toString()), null, null))
                .run(spark);
    }

    static BuildLogSequences.Options options(Path warehouse, String system, WindowKind kind, int size, int step,
            long duration, String key, String labels) {
        return new BuildLogSequences.Options(warehouse.toString(), List.of(system), kind, size, step, duration, key,
                null, labels, "chronological", 0.7, 0.1, 42);
    }

    private static List<Row> sequences(Path warehouse, String system) {
        return Warehouse.open(spark, warehouse.toString()).read(TableSchemas.LOG_SEQUENCES)
                .filter("system = '" + system + "'").orderBy("first_line", "window_id").collectAsList();
    }

    @Test
    void fixedWindowsOfBglCarryTheLineLabelsAndSplitByTime() {
        BuildLogSequences.Result result = new BuildLogSequences(options(bglWarehouse, "BGL", WindowKind.FIXED, 20, 0,
                0, null, null)).run(spark);
        List<Row> windows = sequences(bglWarehouse, "BGL");
        assertEquals(100, windows.size());
        assertEquals(100, result.systems().get(0).windows());
        Set<Integer> anomalous = new HashSet<>();
        for (int i = 0; i < bglLines.size(); i++) {
            if (!bglLines.get(i).startsWith("- ")) {
                anomalous.add(i / 20); // BGL: a line whose first field is not '-' is an alert
            }
        }
        for (Row w : windows) {
            int index = (int) ((w.<Long>getAs("first_line") - 1) / 20);
            assertEquals(anomalous.contains(index) ? 1 : 0, w.<Integer>getAs("label"), w.<String>getAs("window_id"));
            assertEquals(20, w.<Integer>getAs("length"));
            assertEquals(w.<Long>getAs("first_line") + 19, w.<Long>getAs("last_line"));
        }
        assertEquals((long) anomalous.size(), result.systems().get(0).anomalousWindows());
        long latestTrain = windows.stream().filter(w -> "train".equals(w.getAs("split")))
                .mapToLong(w -> w.<java.sql.Timestamp>getAs("start_time").getTime()).max().orElseThrow();
        long earliestTest = windows.stream().filter(w -> "test".equals(w.getAs("split")))
                .mapToLong(w -> w.<java.sql.Timestamp>getAs("start_time").getTime()).min().orElseThrow();
        assertTrue(latestTrain <= earliestTest, "chronological: every train window starts before any test window");
        Map<String, Long> bySplit = windows.stream().collect(Collectors.groupingBy(w -> w.getAs("split"),
                Collectors.counting()));
        assertEquals(Map.of("train", 70L, "validation", 10L, "test", 20L), bySplit);

        List<Row> vocabulary = Warehouse.open(spark, bglWarehouse.toString()).read(TableSchemas.LOG_VOCABULARY)
                .filter("system = 'BGL'").orderBy("event_index").collectAsList();
        assertEquals(1, vocabulary.get(0).<Integer>getAs("event_index"));
        for (int i = 1; i < vocabulary.size(); i++) {
            assertTrue(vocabulary.get(i - 1).<Long>getAs("occurrences") >= vocabulary.get(i).<Long>getAs("occurrences"),
                    "indexes by falling frequency");
        }
        assertEquals(2000L, vocabulary.stream().mapToLong(v -> v.<Long>getAs("occurrences")).sum());
    }

    @Test
    void slidingAndTimeWindowsCoverTheLinesTheyShould() {
        Path warehouse = SparkTestSession.tempDir("sequences-bgl-sliding");
        new IngestLogs(new IngestLogs.Options(warehouse.toString(), "BGL", List.of(SparkTestSession.sharedData().get()
                .resolve("loghub-2k/BGL/BGL_2k.log").toString()), null, null)).run(spark);
        new BuildLogSequences(options(warehouse, "BGL", WindowKind.SLIDING, 20, 10, 0, null, null)).run(spark);
        List<Row> sliding = sequences(warehouse, "BGL");
        assertEquals(200, sliding.size(), "starts every 10 lines of 2,000");
        assertEquals(199 * 20 + 10, sliding.stream().mapToInt(w -> w.<Integer>getAs("length")).sum(),
                "all full but the last, which holds lines 1991-2000");

        new BuildLogSequences(options(warehouse, "BGL", WindowKind.TIME, 0, 0, 3600, null, null)).run(spark);
        List<Row> hours = sequences(warehouse, "BGL");
        Set<Long> expected = bglLines.stream().map(l -> Long.parseLong(l.split(" ")[1]) / 3600)
                .collect(Collectors.toSet());
        assertEquals(expected.size(), hours.size(), "one window per hour that has lines");
        assertEquals(2000, hours.stream().mapToInt(w -> w.<Integer>getAs("length")).sum());
        assertTrue(hours.stream().allMatch(w -> "time".equals(w.getAs("window_kind"))));
    }

    @Test
    void sessionsGroupLinesByEveryIdTheyNameWithLabelsFromAFile() throws IOException {
        Path dir = SparkTestSession.tempDir("sequences-sessions");
        Path log = dir.resolve("store.log");
        // invented lines in the HDFS header layout; the third names two blocks
        Files.write(log, List.of(
                "200101 100000 11 INFO store.Allocator: allocate blk_100 on disk-a",
                "200101 100001 11 INFO store.Allocator: allocate blk_-200 on disk-b",
                "200101 100002 12 INFO store.Copier: copy blk_100 to blk_-200",
                "200101 100003 13 INFO store.Checker: verified blk_100",
                "200101 100004 14 WARN store.Checker: checksum mismatch in blk_-200",
                "200101 100005 15 INFO store.Sweeper: sweep started"));
        Path labels = dir.resolve("labels.csv");
        Files.write(labels, List.of("BlockId,Label", "blk_100,Normal", "blk_-200,Anomaly"));
        Path warehouse = dir.resolve("warehouse");
        new IngestLogs(new IngestLogs.Options(warehouse.toString(), "store", List.of(log.toString()),
                "<Date> <Time> <Pid> <Level> <Component>: <Content>", null)).run(spark);
        BuildLogSequences.Result result = new BuildLogSequences(options(warehouse, "store", WindowKind.SESSION, 0, 0,
                0, "blk_-?[0-9]+", labels.toString())).run(spark);
        Map<String, Row> byId = sequences(warehouse, "store").stream()
                .collect(Collectors.toMap(r -> r.getAs("window_id"), r -> r));
        assertEquals(Set.of("blk_100", "blk_-200"), byId.keySet());
        assertSpan(byId.get("blk_100"), 1, 4, 3);
        assertSpan(byId.get("blk_-200"), 2, 5, 3);
        assertEquals(0, byId.get("blk_100").<Integer>getAs("label"));
        assertEquals(1, byId.get("blk_-200").<Integer>getAs("label"));
        assertEquals(1L, result.systems().get(0).linesWithoutWindow(), "the sweep line names no block");
        assertEquals(byId.get("blk_100").<scala.collection.Seq<Integer>>getAs("events").apply(1),
                byId.get("blk_-200").<scala.collection.Seq<Integer>>getAs("events").apply(1),
                "the shared line is the same event in both");
    }

    private static void assertSpan(Row window, long first, long last, int length) {
        assertEquals(first, window.<Long>getAs("first_line"), window.<String>getAs("window_id"));
        assertEquals(last, window.<Long>getAs("last_line"), window.<String>getAs("window_id"));
        assertEquals(length, window.<Integer>getAs("length"), window.<String>getAs("window_id"));
    }

    @Test
    void aKeyThatNeverMatchesOrASystemWithoutLinesFailsAndWritesNothing() {
        Path warehouse = SparkTestSession.tempDir("sequences-bad");
        new IngestLogs(new IngestLogs.Options(warehouse.toString(), "BGL", List.of(SparkTestSession.sharedData().get()
                .resolve("loghub-2k/BGL/BGL_2k.log").toString()), null, null)).run(spark);
        IllegalArgumentException noMatch = assertThrows(IllegalArgumentException.class, () -> new BuildLogSequences(
                options(warehouse, "BGL", WindowKind.SESSION, 0, 0, 0, "blk_-?[0-9]+", null)).run(spark));
        assertTrue(noMatch.getMessage().contains("no line's Content matches --session-key 'blk_-?[0-9]+'"),
                noMatch.getMessage());
        IllegalArgumentException noLines = assertThrows(IllegalArgumentException.class, () -> new BuildLogSequences(
                options(warehouse, "HDFS", WindowKind.FIXED, 20, 0, 0, null, null)).run(spark));
        assertTrue(noLines.getMessage().contains("system 'HDFS': it has no lines"), noLines.getMessage());
        String missing = warehouse.resolve("no-such-labels.csv").toString();
        IllegalArgumentException noLabels = assertThrows(IllegalArgumentException.class, () -> new BuildLogSequences(
                options(warehouse, "BGL", WindowKind.SESSION, 0, 0, 0, "R[0-9]+", missing)).run(spark));
        assertTrue(noLabels.getMessage().contains("Cannot read labels " + missing + ": no such file"),
                noLabels.getMessage());
        Path empty = warehouse.resolve("empty-labels.csv");
        try {
            Files.write(empty, new byte[0]);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        IllegalArgumentException emptyLabels = assertThrows(IllegalArgumentException.class, () ->
                new BuildLogSequences(options(warehouse, "BGL", WindowKind.SESSION, 0, 0, 0, "R[0-9]+",
                        empty.toString())).run(spark));
        assertTrue(emptyLabels.getMessage().contains("the file is empty"), emptyLabels.getMessage());
        Warehouse w = Warehouse.open(spark, warehouse.toString());
        assertFalse(w.exists(TableSchemas.LOG_SEQUENCES), "nothing written");
        assertFalse(w.exists(TableSchemas.LOG_VOCABULARY), "nothing written");
        assertThrows(IllegalArgumentException.class, () -> options(warehouse, "BGL", WindowKind.FIXED, 20, 0, 0, null,
                "labels.csv"), "labels per session key need session windows");
    }
}
