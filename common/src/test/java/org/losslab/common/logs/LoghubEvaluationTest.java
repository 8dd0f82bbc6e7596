package org.losslab.common.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoghubEvaluationTest {

    @TempDir
    Path dir;

    private void writeHdfs() throws IOException {
        Path system = Files.createDirectories(dir.resolve("HDFS"));
        Files.write(system.resolve("HDFS_2k.log"), List.of(
                "081109 203615 148 INFO dfs.DataNode$PacketResponder: PacketResponder 1 for block blk_3886 terminating",
                "081109 203807 222 INFO dfs.DataNode$PacketResponder: "
                        + "PacketResponder 0 for block blk_-6952 terminating",
                "081109 204005 35 INFO dfs.FSNamesystem: BLOCK* NameSystem.addStoredBlock: blockMap updated: "
                        + "10.251.73.220:50010 is added to blk_7128 size 67108864",
                "081109 204015 308 INFO dfs.DataNode$PacketResponder: "
                        + "PacketResponder 2 for block blk_8229 terminating"),
                StandardCharsets.UTF_8);
        // the fallback name (no "_corrected"), with quoted fields as in the Loghub files
        Files.write(system.resolve("HDFS_2k.log_structured.csv"), List.of(
                "LineId,Date,Time,Pid,Level,Component,Content,EventId,EventTemplate",
                "1,081109,203615,148,INFO,x,\"PacketResponder 1 for block blk_3886 terminating\",E10,"
                        + "PacketResponder <*> for block <*> terminating",
                "2,081109,203807,222,INFO,x,\"a, b\",E10,PacketResponder <*> for block <*> terminating",
                "3,081109,204005,35,INFO,x,c,E6,\"BLOCK* NameSystem.addStoredBlock: blockMap updated: <*>:<*> "
                        + "is added to <*> size <*>\"",
                "4,081109,204015,308,INFO,x,d,E10,PacketResponder <*> for block <*> terminating"),
                StandardCharsets.UTF_8);
    }

    @Test
    void scoresASystemDirectory() throws IOException {
        writeHdfs();
        assertEquals(List.of("HDFS"), LoghubEvaluation.discoverSystems(dir));
        LoghubEvaluation.SystemData data = LoghubEvaluation.SystemData.load(dir, "HDFS");
        assertEquals(4, data.contents.size());
        assertEquals(0, data.headerFailures);
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        ParsingScores s = LoghubEvaluation.score(data, new PrintStream(text, true, StandardCharsets.UTF_8), 5);
        assertEquals(1.0, s.groupingAccuracy());
        assertEquals(1.0, s.parsingAccuracy());
        assertEquals(1.0, s.templateF1());

        ByteArrayOutputStream table = new ByteArrayOutputStream();
        LoghubEvaluation.printTable(Map.of("HDFS", s), new PrintStream(table, true, StandardCharsets.UTF_8));
        assertTrue(table.toString(StandardCharsets.UTF_8).contains("HDFS        1.000  1.000  1.000  1.000"));
    }

    @Test
    void speedRunReplicatesWithFreshDigits() throws IOException {
        writeHdfs();
        LoghubEvaluation.SystemData data = LoghubEvaluation.SystemData.load(dir, "HDFS");
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        LoghubEvaluation.measureSpeed(List.of(data), 400, new PrintStream(text, true, StandardCharsets.UTF_8));
        String report = text.toString(StandardCharsets.UTF_8);
        assertTrue(report.contains("400 lines"), report);
        assertTrue(report.contains("lines/s"), report);

        List<String> copies = List.of(LoghubEvaluation.replicate(List.of("id 123 ok", "x"),
                List.of(new int[] {3, 6}, new int[0]), 4));
        assertEquals("id 123 ok", copies.get(0));
        assertTrue(copies.get(2).matches("id \\d{3} ok"));
        assertEquals("x", copies.get(3));
    }
}
