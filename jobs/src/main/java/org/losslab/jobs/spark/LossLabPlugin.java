package org.losslab.jobs.spark;

import java.util.Map;

import org.apache.spark.api.plugin.DriverPlugin;
import org.apache.spark.api.plugin.ExecutorPlugin;
import org.apache.spark.api.plugin.PluginContext;
import org.apache.spark.api.plugin.SparkPlugin;

/**
 * Spark plugin ({@code spark.plugins}, set by {@link SparkSessions}) that gives every executor JVM losslab's
 * logging and DL4J's system properties ({@link JvmDefaults}) before it runs a task: executors started by a
 * cluster manager read neither bin/losslab's flags nor the driver's configuration files.
 */
public final class LossLabPlugin implements SparkPlugin {
    @Override
    public DriverPlugin driverPlugin() {
        return null;
    }

    @Override
    public ExecutorPlugin executorPlugin() {
        return new ExecutorPlugin() {
            @Override
            public void init(PluginContext context, Map<String, String> extraConf) {
                JvmDefaults.apply();
            }
        };
    }
}
