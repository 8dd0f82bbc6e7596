package org.losslab.jobs.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the SparkSession every command runs in. Precedence, highest first: {@code --conf} flags, Spark
 * properties set by spark-submit, the spark-defaults file named by the system property
 * {@value #DEFAULTS_PROPERTY} (bin/losslab points it at conf/spark-defaults.conf; without it the copy bundled in
 * the jar), then the few defaults below. On a cluster nothing here overrides what spark-submit was given;
 * {@link LossLabPlugin} is added to {@code spark.plugins} so that executors log and behave as the driver does.
 */
public final class SparkSessions {
    public static final String DEFAULTS_PROPERTY = "losslab.spark.defaults";
    private static final String BUNDLED_DEFAULTS = "org/losslab/jobs/conf/spark-defaults.conf";
    private static final Logger LOG = LoggerFactory.getLogger(SparkSessions.class);

    private SparkSessions() {
    }

    /**
     * Kryo registrators for jobs that move ND4J arrays (training): losslab's plus ND4J's. Only those jobs
     * set it, because ND4J's registrator loads the native backend (~2.5 s) on first use.
     */
    public static final Map<String, String> TRAINING_DEFAULTS = Map.of("spark.kryo.registrator",
            LossLabKryoRegistrator.class.getName() + ",org.nd4j.kryo.Nd4jRegistrator");

    public static SparkSession create(String appName, String master, Map<String, String> overrides) {
        SparkConf conf = new SparkConf();
        loadDefaultsFile(conf);
        if (master != null && !master.isBlank()) {
            conf.setMaster(master);
        } else if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        overrides.forEach(conf::set);
        conf.setIfMissing("spark.app.name", appName);
        conf.setIfMissing("spark.serializer", "org.apache.spark.serializer.KryoSerializer");
        conf.setIfMissing("spark.kryo.registrator", LossLabKryoRegistrator.class.getName());
        conf.setIfMissing("spark.ui.showConsoleProgress", "false");
        addPlugin(conf);
        addListener(conf);
        if (conf.get("spark.master").startsWith("local")) {
            // embedded Spark talks to itself only; avoids the loopback-hostname warning and DNS lookups
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        }
        SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
        LOG.info("Spark {} on {} ({} default parallelism)", spark.version(), conf.get("spark.master"),
                spark.sparkContext().defaultParallelism());
        return spark;
    }

    private static void loadDefaultsFile(SparkConf conf) {
        String file = System.getProperty(DEFAULTS_PROPERTY);
        if (file == null || file.isBlank()) {
            loadBundledDefaults(conf);
            return;
        }
        Path path = Path.of(file);
        if (!Files.isRegularFile(path)) {
            LOG.warn("Spark defaults file {} does not exist; using built-in defaults", path);
            return;
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(path)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read Spark defaults " + path + ": " + e.getMessage(), e);
        }
        for (String key : properties.stringPropertyNames()) {
            conf.setIfMissing(key, properties.getProperty(key).trim());
        }
    }

    /**
     * conf/spark-defaults.conf as bundled in the jar: under spark-submit without losslab's properties file, the
     * cluster's own settings stay and losslab's fill only what they leave unset.
     */
    private static void loadBundledDefaults(SparkConf conf) {
        try (InputStream in = SparkSessions.class.getClassLoader().getResourceAsStream(BUNDLED_DEFAULTS)) {
            if (in == null) {
                return;
            }
            Properties properties = new Properties();
            properties.load(in);
            for (String key : properties.stringPropertyNames()) {
                conf.setIfMissing(key, properties.getProperty(key).trim());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read bundled Spark defaults " + BUNDLED_DEFAULTS + ": "
                    + e.getMessage(), e);
        }
    }

    /** Adds {@link ExecutorSlots} to {@code spark.extraListeners}, keeping any the cluster configured. */
    static void addListener(SparkConf conf) {
        String listener = ExecutorSlots.class.getName();
        String listeners = conf.get("spark.extraListeners", "").trim();
        if (!java.util.Arrays.asList(listeners.split("\\s*,\\s*")).contains(listener)) {
            conf.set("spark.extraListeners", listeners.isEmpty() ? listener : listeners + "," + listener);
        }
    }

    /** Adds losslab's plugin to {@code spark.plugins}, keeping any the cluster configured. */
    static void addPlugin(SparkConf conf) {
        String plugin = LossLabPlugin.class.getName();
        String plugins = conf.get("spark.plugins", "").trim();
        if (!java.util.Arrays.asList(plugins.split("\\s*,\\s*")).contains(plugin)) {
            conf.set("spark.plugins", plugins.isEmpty() ? plugin : plugins + "," + plugin);
        }
    }
}
