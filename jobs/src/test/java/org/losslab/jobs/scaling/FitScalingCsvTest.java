package org.losslab.jobs.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.losslab.jobs.testing.CliRunner;
import org.losslab.jobs.testing.SparkTestSession;


/** Published-style data: a CSV with its own column names, fitted through the CLI. */
class FitScalingCsvTest {

    private static Map.Entry<Integer, String> cli(String... args) {
        CliRunner.Outcome outcome = CliRunner.run(args);
        return Map.entry(outcome.exitCode(), outcome.out());
    }

    @Test
    void fitsACsvByColumnNameAndRecoversTheLaw() throws Exception {
        // Hoffmann et al.'s law, 7 x 7 points, 1% multiplicative noise
        List<String> lines = new ArrayList<>(List.of("model_size,tokens,eval_loss"));
        Random random = new Random(4);
        for (int i = 0; i < 7; i++) {
            for (int j = 0; j < 7; j++) {
                double n = Math.pow(10, 6 + 3.0 * i / 6);
                double d = Math.pow(10, 7 + 4.0 * j / 6);
                double loss = (1.69 + 406.4 / Math.pow(n, 0.34) + 410.7 / Math.pow(d, 0.28))
                        * (1 + 0.01 * random.nextGaussian());
                lines.add(String.format(Locale.ROOT, "%.6g,%.6g,%.6f", n, d, loss));
            }
        }
        Path dir = SparkTestSession.tempDir("fit-csv");
        Path csv = Files.write(dir.resolve("published.csv"), lines);

        Map.Entry<Integer, String> result = cli("--warehouse", dir.resolve("wh").toString(), "--json", "fit-scaling",
                "--law", "chinchilla", "--input", csv.toString(), "--n-col", "model_size", "--d-col", "tokens",
                "--loss-col", "eval_loss", "--bootstrap", "50");
        assertEquals(0, result.getKey(), result.getValue());
        Map<String, Object> fit = new CliRunner.Outcome(0, result.getValue()).json();
        assertEquals(49, ((Number) fit.get("points")).intValue());
        assertEquals(0.34, ((Number) fit.get("alpha")).doubleValue(), 0.05);
        assertEquals(0.28, ((Number) fit.get("beta")).doubleValue(), 0.05);
        assertEquals(1.69, ((Number) fit.get("E")).doubleValue(), 0.17);
        assertTrue(((Number) ((Map<?, ?>) fit.get("se")).get("alpha")).doubleValue() > 0);

        Map.Entry<Integer, String> missing = cli("--warehouse", dir.resolve("wh").toString(), "--json", "fit-scaling",
                "--input", csv.toString(), "--n-col", "params", "--d-col", "tokens", "--loss-col", "eval_loss");
        assertEquals(1, missing.getKey());
        assertTrue(missing.getValue().contains("--n-col") && missing.getValue().contains("model_size"),
                missing.getValue());
    }
}
