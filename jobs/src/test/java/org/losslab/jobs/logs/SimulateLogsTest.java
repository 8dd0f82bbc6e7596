package org.losslab.jobs.logs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.losslab.common.logs.HeaderMatch;
import org.losslab.common.logs.LogFormat;
import org.losslab.jobs.testing.CliRunner;
import org.losslab.jobs.testing.SparkTestSession;

class SimulateLogsTest {
    private static final Pattern BLOCK = Pattern.compile("blk_-?\\d+");
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkTestSession.get();
    }

    private static SimulateLogs.Result simulate(Path out, long lines, double rate, long seed, int partitions) {
        return new SimulateLogs(new SimulateLogs.Options(SimulateLogs.Style.HDFS, lines, rate, seed, out.toString(),
                partitions)).run(spark);
    }

    @Test
    void writesOneTimeOrderedLogWithOneLabelPerBlockThatIngestsWithoutRejects() throws IOException {
        Path out = SparkTestSession.tempDir("logs-sim");
        SimulateLogs.Result result = simulate(out, 20_000, 0.05, 7, 3);

        try (var files = Files.list(out)) {
            assertEquals(Set.of(SimulateLogs.LOG_FILE, SimulateLogs.LABEL_FILE, SimulateLogs.KINDS_FILE),
                    Set.copyOf(files.map(p -> p.getFileName().toString()).toList()), "only the three files");
        }
        List<String> lines = Files.readAllLines(out.resolve(SimulateLogs.LOG_FILE));
        assertEquals(result.lines(), lines.size());
        assertTrue(result.lines() >= 20_000 && result.lines() < 20_100, "lines: " + result.lines());
        LogFormat format = LogFormat.builtin("hdfs-sim");
        String previous = "";
        Set<String> blocksInLog = new HashSet<>();
        for (String line : lines) {
            HeaderMatch m = format.match(line);
            assertTrue(m.matched(), line);
            assertTrue(m.field("Pid").matches("\\d+") && Set.of("INFO", "WARN").contains(m.field("Level")), line);
            String time = m.field("Date") + m.field("Time");
            assertTrue(time.matches("\\d{12}"), line);
            assertTrue(time.compareTo(previous) >= 0, "out of time order: " + line);
            previous = time;
            Matcher block = BLOCK.matcher(m.content());
            assertTrue(block.find(), line);
            blocksInLog.add(block.group());
        }
        // blocks interleave: the log does not hold one block after the other
        assertTrue(lines.subList(0, 200).stream().map(l -> {
            Matcher b = BLOCK.matcher(l);
            b.find();
            return b.group();
        }).distinct().count() > 20);

        List<String> labels = Files.readAllLines(out.resolve(SimulateLogs.LABEL_FILE));
        assertEquals("BlockId,Label", labels.get(0));
        assertEquals(result.blocks() + 1, labels.size());
        Map<String, String> labelOf = new HashMap<>();
        for (String row : labels.subList(1, labels.size())) {
            String[] fields = row.split(",");
            assertTrue(Set.of("Normal", "Anomaly").contains(fields[1]), row);
            assertEquals(null, labelOf.put(fields[0], fields[1]), "block listed twice: " + row);
        }
        assertEquals(labelOf.keySet(), blocksInLog);
        long anomalous = labelOf.values().stream().filter("Anomaly"::equals).count();
        assertEquals(result.anomalousBlocks(), anomalous);
        assertTrue(anomalous > 0.02 * result.blocks() && anomalous < 0.09 * result.blocks(),
                anomalous + " of " + result.blocks());

        List<String> kinds = Files.readAllLines(out.resolve(SimulateLogs.KINDS_FILE));
        assertEquals("BlockId,Kind", kinds.get(0));
        assertEquals(anomalous + 1, kinds.size());
        Map<String, Long> byKind = new HashMap<>();
        for (String row : kinds.subList(1, kinds.size())) {
            String[] fields = row.split(",");
            assertEquals("Anomaly", labelOf.get(fields[0]), row);
            byKind.merge(fields[1], 1L, Long::sum);
        }
        result.blocksByKind().forEach((kind, count) -> assertEquals(count, byKind.getOrDefault(kind, 0L), kind));
        assertEquals(List.of("missing_step", "error_event", "out_of_order", "repetition"),
                List.copyOf(result.blocksByKind().keySet()));

        IngestLogs.Result ingested = new IngestLogs(new IngestLogs.Options(out.resolve("warehouse").toString(),
                SimulateLogs.LAYOUT, List.of(result.logPath()), null, null)).run(spark);
        assertEquals(result.lines(), ingested.linesIn());
        assertEquals(result.lines(), ingested.linesWritten());
        assertEquals(0, ingested.linesRejected());
        assertEquals(format.layout(), ingested.layout());
    }

    @Test
    void theFilesDependOnTheSeedNotOnThePartitioning() throws IOException {
        Path one = SparkTestSession.tempDir("logs-sim-one");
        Path four = SparkTestSession.tempDir("logs-sim-four");
        SimulateLogs.Result a = simulate(one, 3000, 0.1, 11, 1);
        SimulateLogs.Result b = simulate(four, 3000, 0.1, 11, 4);
        assertEquals(a.lines(), b.lines());
        assertEquals(a.blocksByKind(), b.blocksByKind());
        for (String file : List.of(SimulateLogs.LOG_FILE, SimulateLogs.LABEL_FILE, SimulateLogs.KINDS_FILE)) {
            assertArrayEquals(Files.readAllBytes(one.resolve(file)), Files.readAllBytes(four.resolve(file)), file);
        }
        // another seed into the same folder: other blocks, and the files replaced (no stale checksum beside them)
        List<String> labels = Files.readAllLines(one.resolve(SimulateLogs.LABEL_FILE));
        SimulateLogs.Result again = simulate(one, 1000, 0.1, 12, 2);
        assertEquals(again.lines(), Files.readAllLines(one.resolve(SimulateLogs.LOG_FILE)).size());
        assertFalse(labels.get(1).equals(Files.readAllLines(one.resolve(SimulateLogs.LABEL_FILE)).get(1)));
        assertEquals(again.lines(), spark.read().text(again.logPath()).count());
    }

    @Test
    void theCommandPrintsItsCountsAsJsonAndRefusesOtherStyles() {
        Path out = SparkTestSession.tempDir("logs-sim-cli");
        CliRunner.Outcome outcome = CliRunner.run("simulate-logs", "--lines", "500", "--seed", "3", "--out",
                out.toString(), "--json");
        assertEquals(0, outcome.exitCode(), outcome.out());
        Map<String, Object> json = outcome.json();
        assertTrue(((Number) json.get("lines")).longValue() >= 500, json.toString());
        assertEquals("hdfs-sim", json.get("layout"));
        assertTrue(((String) json.get("log_path")).endsWith(SimulateLogs.LOG_FILE), json.toString());
        assertTrue(Files.isRegularFile(out.resolve(SimulateLogs.LABEL_FILE)));

        assertEquals(2, CliRunner.run("simulate-logs", "--style", "bgl", "--out", out.toString()).exitCode());
        assertThrows(IllegalArgumentException.class, () -> new SimulateLogs.Options(SimulateLogs.Style.HDFS, 100,
                1.5, 1, out.toString(), 0));
    }
}
