package org.losslab.jobs.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A Spark standalone cluster on 127.0.0.1 started with {@code deploy/standalone.sh} from the Spark home the build
 * laid out (2 workers x 1 core x 3 GB, each advertising one fake GPU through a discovery script), shared by the
 * integration tests of one JVM and stopped by PID when the JVM exits; and {@code deploy/spark-submit.sh} of the
 * built {@code losslab.jar} to it, as a user would.
 */
public final class StandaloneTestCluster {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The project root (failsafe passes it); deploy/ and jobs/target/ are found from here. */
    public static final Path HOME = Path.of(System.getProperty("losslab.home", "..")).toAbsolutePath().normalize();
    public static final Path JAR = HOME.resolve("jobs/target/losslab.jar");
    public static final Path SPARK_HOME = HOME.resolve("jobs/target/spark-home");

    private static StandaloneTestCluster shared;

    private final Path dir;
    private final String masterUrl;
    private final String webUi;

    private StandaloneTestCluster(Path dir, String masterUrl, String webUi) {
        this.dir = dir;
        this.masterUrl = masterUrl;
        this.webUi = webUi;
    }

    /** What one spark-submit printed and how it ended. */
    public record Submission(int exitCode, String out, String err) {
        public Map<String, Object> json() {
            try {
                return JSON.readValue(out, new TypeReference<Map<String, Object>>() { });
            } catch (IOException e) {
                throw new IllegalStateException("Not one JSON object on stdout: " + out + "\nstderr:\n" + err, e);
            }
        }

        /** The last lines of stderr, for assertion messages. */
        public String tail() {
            String[] lines = err.split("\n");
            return String.join("\n", Arrays.copyOfRange(lines, Math.max(0, lines.length - 25), lines.length));
        }
    }

    /** Whether the build has produced what the cluster needs (the integration-test phase runs after package). */
    public static boolean built() {
        return Files.isRegularFile(JAR) && Files.isDirectory(SPARK_HOME.resolve("jars"));
    }

    public static synchronized StandaloneTestCluster get() {
        if (shared == null) {
            shared = start(HOME.resolve("jobs/target/it-cluster"), 2);
            StandaloneTestCluster cluster = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(cluster::stop));
        }
        return shared;
    }

    /** Starts a cluster of {@code workers} 1-core workers under {@code dir}. */
    public static StandaloneTestCluster start(Path dir, int workers) {
        try {
            Files.createDirectories(dir);
            Path discovery = dir.resolve("fake-gpus.sh");
            // one fake GPU per worker, named after the worker, so the test can tell which task had which
            Files.writeString(discovery, "#!/usr/bin/env bash\necho \"{\\\"name\\\": \\\"gpu\\\", \\\"addresses\\\":"
                    + " [\\\"fake-${LOSSLAB_WORKER_INDEX:-0}\\\"]}\"\n");
            discovery.toFile().setExecutable(true);
            run(List.of("bash", HOME.resolve("deploy/standalone.sh").toString(), "start", "--dir", dir.toString(),
                    "--workers", Integer.toString(workers), "--cores", "1", "--memory", "3g",
                    "--spark-home", SPARK_HOME.toString(),
                    "--worker-conf", "spark.worker.resource.gpu.amount=1",
                    "--worker-conf", "spark.worker.resource.gpu.discoveryScript=" + discovery), 180);
            Properties env = new Properties();
            try (var in = Files.newInputStream(dir.resolve("cluster.env"))) {
                env.load(in);
            }
            return new StandaloneTestCluster(dir, env.getProperty("MASTER_URL"), env.getProperty("MASTER_WEBUI"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String masterUrl() {
        return masterUrl;
    }

    public String webUi() {
        return webUi;
    }

    public Path dir() {
        return dir;
    }

    /** The spark-submit options every test submission gets: loopback driver, executor memory, ND4J's cache. */
    public List<String> baseOptions() {
        return List.of("--master", masterUrl, "--driver-memory", "1536m",
                "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.driver.bindAddress=127.0.0.1",
                "--conf", "spark.executor.memory=2g",
                "--driver-java-options", "-Dorg.bytedeco.javacpp.cachedir=" + HOME.resolve(".javacpp"),
                "--conf", "spark.executor.extraJavaOptions=-Dorg.bytedeco.javacpp.cachedir=" + HOME.resolve(".javacpp"));
    }

    /** Submits a losslab command (client deploy mode unless {@code sparkOptions} say otherwise) and waits. */
    public Submission submit(List<String> sparkOptions, String... command) {
        Path out = temp("submit-out");
        Path err = temp("submit-err");
        Process process = start(sparkOptions, out, err, command);
        try {
            if (!process.waitFor(15, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("spark-submit of " + List.of(command) + " did not end in 15 minutes");
            }
            return new Submission(process.exitValue(), Files.readString(out).trim(), Files.readString(err));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Submission submit(String... command) {
        return submit(List.of(), command);
    }

    /** Starts a submission in the background (for the tests that kill its driver); output goes to the files. */
    public Process start(List<String> sparkOptions, Path out, Path err, String... command) {
        List<String> args = new ArrayList<>(List.of("bash", HOME.resolve("deploy/spark-submit.sh").toString()));
        args.addAll(baseOptions());
        args.addAll(sparkOptions);
        args.add("--");
        args.addAll(List.of(command));
        ProcessBuilder builder = new ProcessBuilder(args).directory(HOME.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        Map<String, String> env = builder.environment();
        env.remove("SPARK_HOME"); // the wrapper takes the Spark home the build laid out
        env.remove("SPARK_CONF_DIR");
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.put("OMP_NUM_THREADS", "1");
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** PIDs of the workers this cluster started, from their pid files. */
    public List<Long> workerPids() {
        List<Long> pids = new ArrayList<>();
        for (int n = 1; Files.exists(dir.resolve("worker-" + n + ".pid")); n++) {
            pids.add(pid(dir.resolve("worker-" + n + ".pid")));
        }
        return pids;
    }

    /** The executor JVMs running now: children of this cluster's workers (Spark's CoarseGrainedExecutorBackend). */
    public List<ProcessHandle> executors() {
        List<ProcessHandle> executors = new ArrayList<>();
        for (long worker : workerPids()) {
            ProcessHandle.of(worker).ifPresent(w -> w.children()
                    .filter(c -> c.info().commandLine().orElse("").contains("CoarseGrainedExecutorBackend"))
                    .forEach(executors::add));
        }
        return executors;
    }

    /** The master's JSON status page ({@code /json/}). */
    public Map<String, Object> masterJson() {
        try {
            var connection = (java.net.HttpURLConnection) new java.net.URL(webUi + "/json/").openConnection();
            connection.setConnectTimeout(5000);
            connection.setReadTimeout(5000);
            try (var in = connection.getInputStream()) {
                return JSON.readValue(in, new TypeReference<Map<String, Object>>() { });
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + webUi + "/json/: " + e.getMessage(), e);
        }
    }

    /** Starts one more worker (deploy/standalone.sh add-worker). */
    public void addWorker() {
        run(List.of("bash", HOME.resolve("deploy/standalone.sh").toString(), "add-worker", "--dir", dir.toString(),
                "--cores", "1", "--memory", "3g", "--spark-home", SPARK_HOME.toString()), 120);
    }

    /** Stops what deploy/standalone.sh recorded (workers, then the master), by PID. */
    public void stop() {
        run(List.of("bash", HOME.resolve("deploy/standalone.sh").toString(), "stop", "--dir", dir.toString()), 120);
    }

    private Path temp(String prefix) {
        try {
            return Files.createTempFile(dir, prefix, ".txt");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long pid(Path file) {
        try {
            return Long.parseLong(Files.readString(file).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String run(List<String> command, int timeoutSeconds) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " did not end in " + timeoutSeconds + " s");
            }
            String text = new String(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(command + " failed (" + process.exitValue() + "):\n" + text);
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
