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
        for (String candidate : List.of("../shared/data/loghub-2k", "../../shared/data/loghub-2k")) {
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
}
