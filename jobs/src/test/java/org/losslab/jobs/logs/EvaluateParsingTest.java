package org.losslab.jobs.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.losslab.common.logs.ParsingScores;
import org.losslab.jobs.testing.SparkTestSession;

class EvaluateParsingTest {
    private static final String PACKET = "PacketResponder <*> for block <*> terminating";
    private static final String STORED =
            "BLOCK* NameSystem.addStoredBlock: blockMap updated: <*>:<*> is added to <*> size <*>";
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkTestSession.get();
    }

    /**
     * Six HDFS lines in two obvious templates; the ground truth gives line 6 a template of its own (as an
     * annotator might), so the miner's two groups against the truth's three are scored by hand:
     * <ul>
     *   <li>GA: lines 1, 2, 4, 5 sit in a predicted group equal to their true group; 3 and 6 share a group
     *       that equals neither true group: 4/6.</li>
     *   <li>PA: lines 1-5 have exactly the true template, line 6 does not: 5/6.</li>
     *   <li>FGA: 1 of 2 predicted groups is a true group (precision 1/2), 1 of 3 true groups is found
     *       (recall 1/3): F1 = 2 (1/2)(1/3) / (1/2 + 1/3) = 0.4.</li>
     *   <li>FTA: the one correct group also has the exactly right template: 0.4.</li>
     * </ul>
     */
    @Test
    void scoresAHandComputedCase() throws IOException {
        Path loghub = SparkTestSession.tempDir("loghub-hand");
        Path folder = Files.createDirectories(loghub.resolve("HDFS"));
        Files.write(folder.resolve("HDFS_2k.log"), List.of(
                "081109 203615 148 INFO dfs.DataNode$PacketResponder: PacketResponder 1 for block"
                        + " blk_38865049064139660 terminating",
                "081109 203807 222 INFO dfs.DataNode$PacketResponder: PacketResponder 0 for block"
                        + " blk_-6952295868487656571 terminating",
                "081109 204005 35 INFO dfs.FSNamesystem: BLOCK* NameSystem.addStoredBlock: blockMap updated:"
                        + " 10.251.73.220:50010 is added to blk_7128370237687728475 size 67108864",
                "081109 204015 308 INFO dfs.DataNode$PacketResponder: PacketResponder 2 for block"
                        + " blk_8229193803249955061 terminating",
                "081109 204106 329 INFO dfs.DataNode$PacketResponder: PacketResponder 2 for block"
                        + " blk_-6670958622368987959 terminating",
                "081109 204132 26 INFO dfs.FSNamesystem: BLOCK* NameSystem.addStoredBlock: blockMap updated:"
                        + " 10.251.43.115:50010 is added to blk_3050920587428079149 size 67108864"),
                StandardCharsets.UTF_8);
        String other = "BLOCK* NameSystem.addStoredBlock: blockMap updated: <*> is added to <*> size <*>";
        Files.write(folder.resolve("HDFS_2k.log_structured_corrected.csv"), List.of(
                "LineId,Date,Time,Pid,Level,Component,Content,EventId,EventTemplate",
                "1,081109,203615,148,INFO,x,\"c\",E1," + PACKET,
                "2,081109,203807,222,INFO,x,\"c\",E1," + PACKET,
                "3,081109,204005,35,INFO,x,\"c, with a comma\",E2," + STORED,
                "4,081109,204015,308,INFO,x,\"c\",E1," + PACKET,
                "5,081109,204106,329,INFO,x,\"c\",E1," + PACKET,
                "6,081109,204132,26,INFO,x,\"c\",E3," + other), StandardCharsets.UTF_8);

        EvaluateParsing.Result result = new EvaluateParsing(new EvaluateParsing.Options(loghub, List.of()))
                .run(spark);

        ParsingScores s = result.systems().get("HDFS");
        assertEquals(6, s.lines());
        assertEquals(4.0 / 6, s.groupingAccuracy(), 1e-12);
        assertEquals(5.0 / 6, s.parsingAccuracy(), 1e-12);
        assertEquals(0.4, s.groupingF1(), 1e-12);
        assertEquals(0.4, s.templateF1(), 1e-12);
        assertEquals(3, s.trueTemplates());
        assertEquals(2, s.predictedGroups());
        assertEquals(4.0 / 6, result.average(ParsingScores::groupingAccuracy), 1e-12);
    }

    @Test
    void scoresBothShippedFoldersAndAveragesDevelopmentAndHeldOutSystemsApart() {
        org.junit.jupiter.api.Assumptions.assumeTrue(SparkTestSession.sharedData().isPresent(),
                "../shared/data is absent: Loghub tests skipped");
        Path data = SparkTestSession.sharedData().get();
        // the corrected labels of loghub-2k and Loghub's original ones in loghub-2k-extra, in one call
        EvaluateParsing.Result result = new EvaluateParsing(new EvaluateParsing.Options(
                List.of(data.resolve("loghub-2k"), data.resolve("loghub-2k-extra")), List.of("HDFS", "Windows"),
                List.of("HDFS"))).run(spark);

        assertEquals(List.of("HDFS", "Windows"), List.copyOf(result.systems().keySet()));
        assertEquals(1, result.count(true));
        assertEquals(1, result.count(false));
        assertEquals(result.systems().get("HDFS").groupingAccuracy(),
                result.average(ParsingScores::groupingAccuracy, true), 1e-12);
        assertEquals(result.systems().get("Windows").groupingAccuracy(),
                result.average(ParsingScores::groupingAccuracy, false), 1e-12);
        assertTrue(result.systems().get("Windows").groupingAccuracy() > 0.9, result.systems().toString());
        String report = EvaluateParsing.report(result);
        assertTrue(report.contains("dev") && report.contains("held out"), report);
    }

    @Test
    void aDirectoryWithoutLoghubSystemsIsAClearError() {
        Path empty = SparkTestSession.tempDir("loghub-empty");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new EvaluateParsing(new EvaluateParsing.Options(empty, List.of())).run(spark));
        assertTrue(e.getMessage().contains("holds no Loghub system folders"), e.getMessage());
    }
}
