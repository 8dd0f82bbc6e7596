package org.losslab.jobs.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ScopeType;

/**
 * Option defaults from configuration, so that every option has a conf key and flags beat conf files.
 * Keys: {@code losslab.OPTION} for global options, {@code losslab.COMMAND.OPTION} for a command's options
 * (option name without dashes, e.g. {@code losslab.warehouse}, {@code losslab.simulate-plasticc.objects}).
 * Looked up, first hit wins, in: JVM system properties {@code spark.losslab.*} (what {@code spark-submit
 * --conf spark.losslab.KEY=V} sets) and {@code losslab.*}, then the properties file named by the system
 * property {@code losslab.defaults.file} (bin/losslab points it at conf/losslab.properties). Without a hit the
 * annotation's default applies.
 */
final class ConfDefaults implements IDefaultValueProvider {
    static final String CONF_FILE_PROPERTY = "losslab.defaults.file";

    private final Properties file;

    ConfDefaults() {
        this.file = load(System.getProperty(CONF_FILE_PROPERTY));
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec option) || option.typeInfo().isMap()) {
            return null;
        }
        String key = key(option);
        String value = System.getProperty("spark." + key);
        if (value == null) {
            value = System.getProperty(key);
        }
        if (value == null) {
            value = file.getProperty(key);
        }
        return value;
    }

    static String key(OptionSpec option) {
        String name = option.longestName().replaceFirst("^-+", "");
        if (option.scopeType() == ScopeType.INHERIT || option.inherited()) {
            return "losslab." + name;
        }
        return option.command().qualifiedName(".") + "." + name;
    }

    private static Properties load(String location) {
        Properties properties = new Properties();
        if (location == null || location.isBlank() || !Files.isRegularFile(Path.of(location))) {
            return properties;
        }
        try (InputStream in = Files.newInputStream(Path.of(location))) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + location + ": " + e.getMessage(), e);
        }
        return properties;
    }
}
