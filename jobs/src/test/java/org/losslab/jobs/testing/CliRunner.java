package org.losslab.jobs.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.losslab.jobs.cli.LossLab;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Runs the losslab CLI in-process on the shared test SparkSession and captures what it prints on stdout. */
public final class CliRunner {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CliRunner() {
    }

    /** Exit code and stdout of one invocation. */
    public record Outcome(int exitCode, String out) {
        public Map<String, Object> json() {
            try {
                return JSON.readValue(out, new TypeReference<Map<String, Object>>() { });
            } catch (java.io.IOException e) {
                throw new IllegalStateException("Not one JSON object: " + out, e);
            }
        }
    }

    public static Outcome run(String... args) {
        SparkTestSession.get(); // commands join the shared session instead of starting their own
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            int code = LossLab.commandLine().execute(args);
            return new Outcome(code, buffer.toString(StandardCharsets.UTF_8).trim());
        } finally {
            System.setOut(original);
        }
    }
}
