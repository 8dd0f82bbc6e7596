package org.losslab.jobs.spark;

import java.net.URISyntaxException;
import java.net.URL;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.ConfigurationSource;
import org.apache.logging.log4j.core.config.DefaultConfiguration;

/**
 * What every losslab JVM needs, driver or executor, however it was started (bin/losslab, bin/spark-submit, a
 * bare {@code java ... SparkSubmit}, a worker launching an executor or a cluster-mode driver): losslab's
 * logging configuration instead of Spark's INFO defaults, and the system properties DL4J-Spark reads. Settings
 * given explicitly (a {@code log4j2.configurationFile}, a {@code -D} flag) are left alone.
 */
public final class JvmDefaults {
    /** losslab's console logging, bundled from conf/log4j2.properties. */
    public static final String LOGGING_RESOURCE = "org/losslab/jobs/conf/log4j2.properties";
    /** Spark's defaults file, used when log4j2 finds no configuration of its own. */
    private static final String SPARK_LOGGING_DEFAULTS = "org/apache/spark/log4j2-defaults.properties";
    /** DL4J-Spark's default time source asks an NTP server; a cluster host's own clock is what we want. */
    static final String TIME_SOURCE_PROPERTY = "org.deeplearning4j.spark.time.TimeSource";
    static final String TIME_SOURCE = "org.deeplearning4j.spark.time.SystemClockTimeSource";

    private JvmDefaults() {
    }

    /** Applies both; safe to call more than once. */
    public static void apply() {
        if (System.getProperty(TIME_SOURCE_PROPERTY) == null) {
            System.setProperty(TIME_SOURCE_PROPERTY, TIME_SOURCE);
        }
        applyLogging();
    }

    /**
     * Switches log4j2 to losslab's configuration when it runs Spark's defaults (INFO from everything) or
     * log4j's own (errors only) because nobody configured it; returns whether it did.
     */
    public static synchronized boolean applyLogging() {
        if (System.getProperty("log4j2.configurationFile") != null
                || System.getProperty("log4j.configurationFile") != null) {
            return false;
        }
        LoggerContext context = (LoggerContext) LogManager.getContext(JvmDefaults.class.getClassLoader(), false);
        org.apache.logging.log4j.core.config.Configuration current = context.getConfiguration();
        ConfigurationSource source = current.getConfigurationSource();
        String location = source == null ? null : source.getLocation();
        boolean unconfigured = current instanceof DefaultConfiguration
                || (location != null && location.endsWith(SPARK_LOGGING_DEFAULTS));
        if (!unconfigured) {
            return false;
        }
        URL ours = JvmDefaults.class.getClassLoader().getResource(LOGGING_RESOURCE);
        if (ours == null) {
            return false;
        }
        try {
            context.setConfigLocation(ours.toURI());
        } catch (URISyntaxException e) {
            return false;
        }
        return true;
    }
}
