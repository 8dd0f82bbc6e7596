package org.losslab.jobs.imports;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Finds the runs of a format under the inputs (files or folders, listed recursively, on any Hadoop file system):
 * only names are listed here, on the driver; the files are read by the Spark job. A source is one run's files
 * (TensorBoard: the event files of a folder; MLflow: a run folder with {@code meta.yaml}; Hugging Face: a
 * {@code trainer_state.json} with the {@code config.json} beside it; Lightning: {@code metrics.csv} with
 * {@code hparams.yaml}), or for {@code csv} one file that may hold many runs.
 */
public final class RunSources {

    /** The formats {@code ingest-runs} reads. */
    public enum Format {
        TENSORBOARD, MLFLOW, HF_TRAINER, LIGHTNING_CSV, CSV;

        public String cliName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Format parse(String text) {
            for (Format f : values()) {
                if (f.cliName().equals(text)) {
                    return f;
                }
            }
            throw new IllegalArgumentException("Unknown format " + text + ": one of tensorboard, mlflow, hf-trainer,"
                    + " lightning-csv, csv");
        }
    }

    /** One source: its folder (or file, for csv and hf-trainer) and its files, relative name to full path. */
    public record Source(Format format, String location, Map<String, String> files) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    private RunSources() {
    }

    public static List<Source> find(Configuration conf, Format format, List<String> inputs) {
        List<String> all = new ArrayList<>();
        for (String input : inputs) {
            Path path = new Path(input);
            try {
                FileSystem fs = path.getFileSystem(conf);
                if (!fs.exists(path)) {
                    throw new IllegalArgumentException("Cannot ingest runs from " + input + ": no such file or folder");
                }
                FileStatus status = fs.getFileStatus(path);
                if (status.isFile()) {
                    all.add(fs.makeQualified(path).toString());
                    continue;
                }
                RemoteIterator<LocatedFileStatus> files = fs.listFiles(path, true);
                while (files.hasNext()) {
                    all.add(files.next().getPath().toString());
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot list " + input + ": " + e.getMessage(), e);
            }
        }
        all.sort(null);
        java.util.Set<String> present = new java.util.HashSet<>(all);
        Map<String, Map<String, String>> sources = new TreeMap<>();
        for (String file : all) {
            String name = file.substring(file.lastIndexOf('/') + 1);
            String folder = file.substring(0, file.lastIndexOf('/'));
            switch (format) {
                case TENSORBOARD -> {
                    if (name.contains("tfevents")) {
                        sources.computeIfAbsent(folder, k -> new TreeMap<>()).put(name, file);
                    }
                }
                case HF_TRAINER -> {
                    if (name.equals("trainer_state.json")) {
                        Map<String, String> files = sources.computeIfAbsent(file, k -> new TreeMap<>());
                        files.put(name, file);
                        String config = folder + "/config.json";
                        if (present.contains(config)) {
                            files.put("config.json", config);
                        }
                    }
                }
                case LIGHTNING_CSV -> {
                    if (name.equals("metrics.csv")) {
                        Map<String, String> files = sources.computeIfAbsent(folder, k -> new TreeMap<>());
                        files.put(name, file);
                        String hparams = folder + "/hparams.yaml";
                        if (present.contains(hparams)) {
                            files.put("hparams.yaml", hparams);
                        }
                    }
                }
                case CSV -> {
                    if (name.toLowerCase(Locale.ROOT).endsWith(".csv")) {
                        sources.computeIfAbsent(file, k -> new TreeMap<>()).put(name, file);
                    }
                }
                case MLFLOW -> {
                    if (name.equals("meta.yaml") && (hasUnder(all, folder + "/metrics/")
                            || hasUnder(all, folder + "/params/"))) {
                        Map<String, String> files = sources.computeIfAbsent(folder, k -> new TreeMap<>());
                        for (String f : all) {
                            if (f.startsWith(folder + "/") && !f.startsWith(folder + "/artifacts/")) {
                                files.put(f.substring(folder.length() + 1), f);
                            }
                        }
                    }
                }
                default -> throw new IllegalStateException(format.toString());
            }
        }
        List<Source> found = new ArrayList<>();
        sources.forEach((location, files) -> found.add(new Source(format, location, files)));
        return found;
    }

    private static boolean hasUnder(List<String> sorted, String prefix) {
        int i = java.util.Collections.binarySearch(sorted, prefix);
        int at = i >= 0 ? i : -i - 1;
        return at < sorted.size() && sorted.get(at).startsWith(prefix);
    }
}
