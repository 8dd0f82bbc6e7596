package org.losslab.jobs.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.apache.spark.sql.SparkSession;

/**
 * One embedded SparkSession for the whole test run (surefire reuses one JVM for all classes): starting Spark
 * costs seconds, so test classes share it and must leave its runtime conf as they found it.
 */
public final class SparkTestSession {
    private static SparkSession session;

    private SparkTestSession() {
    }

    public static synchronized SparkSession get() {
        if (session == null) {
            session = SparkSession.builder()
                    .master("local[2]")
                    .appName("losslab-tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.ui.showConsoleProgress", "false")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.sql.shuffle.partitions", "4")
                    .config("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
                    .config("spark.kryo.registrator", "org.losslab.jobs.spark.LossLabKryoRegistrator,org.nd4j.kryo.Nd4jRegistrator")
                    .getOrCreate();
            Runtime.getRuntime().addShutdownHook(new Thread(session::stop));
        }
        return session;
    }

    /** The real data shipped beside the checkout ({@code ../shared/data}), when it is there. */
    public static Optional<Path> sharedData() {
        String location = System.getProperty("losslab.shared.data", "../shared/data");
        Path path = Path.of(location);
        return Files.isDirectory(path) ? Optional.of(path) : Optional.empty();
    }

    public static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
