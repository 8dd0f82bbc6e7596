package org.losslab.common.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The default settings on the Loghub 2k samples shipped beside the checkout ({@code ../shared/data}),
 * against the targets. Skipped when the samples are not there.
 */
class LoghubAccuracyTest {

    private static Path samples() {
        return samples("loghub-2k");
    }

    private static Path samples(String folder) {
        for (String candidate : List.of("../shared/data/" + folder, "../../shared/data/" + folder)) {
            Path p = Path.of(candidate).toAbsolutePath().normalize();
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        return null;
    }

    @Test
    void defaultSettingsMeetTheTargetsOnTheShippedSystems() throws IOException {
        Path dir = samples();
        assumeTrue(dir != null, "Loghub 2k samples not found beside the checkout (../shared/data); skipping");
        List<String> systems = LoghubEvaluation.discoverSystems(dir);
        assertEquals(8, systems.size(), systems.toString());
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        Map<String, ParsingScores> scores = new LinkedHashMap<>();
        for (String system : systems) {
            LoghubEvaluation.SystemData data = LoghubEvaluation.SystemData.load(dir, system);
            assertEquals(0, data.headerFailures, system + " lines must all fit the built-in layout");
            scores.put(system, LoghubEvaluation.score(data, quiet, 0));
        }
        double ga = scores.values().stream().mapToDouble(ParsingScores::groupingAccuracy).average().orElse(0);
        double pa = scores.values().stream().mapToDouble(ParsingScores::parsingAccuracy).average().orElse(0);
        assertTrue(ga >= 0.95, "average GA " + ga + " " + scores);
        assertTrue(pa >= 0.60, "average PA " + pa + " " + scores);
    }

    /**
     * Android and Windows, whose labels no rule was written against (Loghub's original labels, whose conventions
     * differ, so only grouping is held to a floor): measured GA 0.852 and 1.000, an average over all ten shipped
     * systems of 0.982 (target 0.95).
     */
    @Test
    void groupingHoldsOnTheTwoSystemsNoRuleWasWrittenFor() throws IOException {
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        Map<String, ParsingScores> scores = new LinkedHashMap<>();
        for (LoghubEvaluation.SystemData data : allShipped()) {
            scores.put(data.system, LoghubEvaluation.score(data, quiet, 0));
        }
        assertEquals(10, scores.size(), scores.keySet().toString());
        assertTrue(scores.get("Android").groupingAccuracy() >= 0.84, "Android " + scores.get("Android"));
        assertTrue(scores.get("Windows").groupingAccuracy() >= 0.95, "Windows " + scores.get("Windows"));
        double ga = scores.values().stream().mapToDouble(ParsingScores::groupingAccuracy).average().orElse(0);
        assertTrue(ga >= 0.95, "average GA over the ten shipped systems " + ga + " " + scores);
    }

    /** Nothing tuned on the system scored: each one's settings are chosen on the other nine (measured GA 0.982). */
    @Test
    void leaveOneSystemOutKeepsTheAccuracy() throws IOException {
        List<LoghubEvaluation.SystemData> data = allShipped();
        List<TemplateMinerSettings> grid = List.of(TemplateMinerSettings.defaults(), TemplateMinerSettings.of(2, 6),
                TemplateMinerSettings.of(5, 24));
        Map<String, LoghubEvaluation.LeaveOneOut> results = LoghubEvaluation.leaveOneOut(data, grid,
                new PrintStream(OutputStream.nullOutputStream()));
        assertEquals(10, results.size());
        double ga = results.values().stream().mapToDouble(r -> r.held().groupingAccuracy()).average().orElse(0);
        assertTrue(ga >= 0.95, "leave-one-out average GA " + ga + " " + results);
        assertTrue(results.values().stream().allMatch(r -> grid.contains(r.chosen())), results.toString());
    }

    /** The ten shipped systems: loghub-2k, then loghub-2k-extra (skips the test when they are absent). */
    private static List<LoghubEvaluation.SystemData> allShipped() throws IOException {
        Path extra = samples("loghub-2k-extra");
        Path dir = samples();
        assumeTrue(extra != null && dir != null, "Loghub samples not found beside the checkout; skipping");
        List<LoghubEvaluation.SystemData> data = new java.util.ArrayList<>();
        for (Path folder : List.of(dir, extra)) {
            for (String system : LoghubEvaluation.discoverSystems(folder)) {
                data.add(LoghubEvaluation.SystemData.load(folder, system));
            }
        }
        return data;
    }
}
