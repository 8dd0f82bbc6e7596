package org.losslab.jobs.cli;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.apache.spark.sql.SparkSession;
import org.losslab.jobs.spark.SparkSessions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine;

/**
 * A command that runs in a SparkSession: builds the session from the global options, runs, prints the
 * summary (or the JSON object) on stdout, and turns a failure into one clear line on stderr and exit code 1
 * (with {@code --json}, also an {@code {"error": ...}} object on stdout).
 */
abstract class SparkCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(SparkCommand.class);
    static final ObjectMapper JSON = new ObjectMapper();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The global options: inherited options are bound to the root command's fields wherever given. */
    LossLab global;

    /** Runs the command; the session is stopped afterwards. */
    abstract CommandResult run(SparkSession spark);

    String warehouse() {
        return global.warehouse;
    }

    /** Spark properties this command needs unless the user set them (flags and spark-submit still win). */
    Map<String, String> sessionDefaults() {
        return Map.of();
    }

    @Override
    public final Integer call() {
        global = (LossLab) spec.root().userObject();
        PrintStream out = System.out;
        SparkSession spark = null;
        // a session that already runs in this JVM (a test, a notebook) is not ours to stop
        boolean ownSession = SparkSession.getDefaultSession().isEmpty();
        try {
            Map<String, String> conf = new LinkedHashMap<>(sessionDefaults());
            conf.putAll(global.conf);
            spark = SparkSessions.create("losslab " + spec.name(), global.master, conf);
            // on a cluster with no room for an executor every job would wait forever
            org.losslab.jobs.spark.ExecutorSlots.requireExecutors(spark, executorWaitSeconds(spark) * 1000L);
            CommandResult result = run(spark);
            out.println(global.json ? toJson(result.json()) : result.summary());
            return CommandLine.ExitCode.OK;
        } catch (Exception e) { // Spark rethrows checked exceptions (SparkException) undeclared
            String message = message(e);
            LOG.debug("{} failed", spec.name(), e);
            stop(spark, ownSession);
            spark = null;
            // the reason is the last thing printed: after Spark's own shutdown lines
            System.err.println("losslab " + spec.name() + ": " + message);
            if (global.json) {
                Map<String, Object> error = new LinkedHashMap<>();
                error.put("command", spec.name());
                error.put("error", message);
                out.println(toJson(error));
            }
            return 1;
        } finally {
            stop(spark, ownSession);
        }
    }

    private static void stop(SparkSession spark, boolean ownSession) {
        if (spark != null && ownSession) {
            try {
                spark.stop();
            } catch (RuntimeException e) {
                LOG.warn("Stopping Spark failed: {}", e.toString());
            }
        }
    }

    /** {@code losslab.executor-wait-seconds} (a Spark property {@code spark.losslab...} too), default 120. */
    static long executorWaitSeconds(SparkSession spark) {
        String value = spark.sparkContext().getConf().get("spark.losslab.executor-wait-seconds",
                System.getProperty("losslab.executor-wait-seconds", "120"));
        return Long.parseLong(value.trim());
    }

    static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write JSON: " + e.getMessage(), e);
        }
    }

    /**
     * The most telling message: Spark wraps task failures several times over. The deepest exception that
     * losslab itself threw names the file, line or table; otherwise the root cause says what went wrong.
     */
    static String message(Throwable e) {
        Throwable ours = null;
        Throwable root = e;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            StackTraceElement[] frames = t.getStackTrace();
            if (frames.length > 0 && frames[0].getClassName().startsWith("org.losslab.") && t.getMessage() != null) {
                ours = t;
            }
            root = t;
        }
        Throwable best = ours != null ? ours : root;
        return best.getMessage() == null ? best.toString() : best.getMessage();
    }
}
