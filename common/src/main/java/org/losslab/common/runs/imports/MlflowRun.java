package org.losslab.common.runs.imports;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * An MLflow file-store run folder ({@code mlruns/<experiment>/<run>/}): {@code meta.yaml} (run id, name, status,
 * start and end times in ms), {@code metrics/<key>} with lines {@code timestamp value [step]} (keys with slashes are
 * sub-folders), {@code params/<key>} and {@code tags/<key>} holding one value each. MLflow's status codes: 1 running,
 * 2 scheduled, 3 finished, 4 failed, 5 killed; params become hyperparameters, tags {@code tag.<key>}.
 */
public final class MlflowRun {
    private MlflowRun() {
    }

    /** Reads the run in {@code folder} from its files (path relative to the folder -> bytes). */
    public static ImportedRun read(String folder, Map<String, byte[]> files, MetricColumns columns) {
        List<ImportReject> rejects = new ArrayList<>();
        Map<String, Object> meta = Map.of();
        byte[] metaBytes = files.get("meta.yaml");
        if (metaBytes == null) {
            throw new IllegalArgumentException("Cannot read MLflow run " + folder + ": no meta.yaml");
        }
        Object parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(text(metaBytes));
        if (parsed instanceof Map<?, ?> map) {
            Map<String, Object> m = new HashMap<>();
            map.forEach((k, v) -> m.put(String.valueOf(k), v));
            meta = m;
        }
        Map<String, String> hyper = new TreeMap<>();
        Map<String, List<String[]>> metrics = new TreeMap<>();
        Map<String, String> metricFiles = new HashMap<>();
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            String path = f.getKey();
            if (path.startsWith("params/")) {
                hyper.put(path.substring("params/".length()), text(f.getValue()).strip());
            } else if (path.startsWith("tags/")) {
                hyper.put("tag." + path.substring("tags/".length()), text(f.getValue()).strip());
            } else if (path.startsWith("metrics/")) {
                String key = path.substring("metrics/".length());
                metricFiles.put(key, folder + "/" + path);
                List<String[]> lines = new ArrayList<>();
                String[] all = text(f.getValue()).split("\n", -1);
                for (int i = 0; i < all.length; i++) {
                    if (!all[i].isBlank()) {
                        lines.add(new String[] {Integer.toString(i + 1), all[i].strip()});
                    }
                }
                metrics.put(key, lines);
            }
        }
        Map<String, String> resolved = columns.resolve(metrics.keySet());
        StepTable table = new StepTable();
        Long start = number(meta.get("start_time"));
        long first = start != null ? start : Long.MAX_VALUE;
        if (start == null) {
            for (List<String[]> lines : metrics.values()) {
                for (String[] line : lines) {
                    String[] parts = line[1].split("\\s+");
                    try {
                        first = Math.min(first, Long.parseLong(parts[0]));
                    } catch (NumberFormatException e) {
                        // reported below
                    }
                }
            }
        }
        for (Map.Entry<String, String> column : resolved.entrySet()) {
            String key = column.getValue();
            for (String[] line : metrics.get(key)) {
                String[] parts = line[1].split("\\s+");
                try {
                    if (parts.length < 2 || parts.length > 3) {
                        throw new NumberFormatException("expected 'timestamp value [step]', found " + parts.length
                                + " fields");
                    }
                    long timestamp = Long.parseLong(parts[0]);
                    double value = StepTable.number(parts[1]);
                    long step = parts.length == 3 ? Long.parseLong(parts[2]) : 0;
                    if (!table.put(step, column.getKey(), value)) {
                        rejects.add(StepTable.nonFinite(metricFiles.get(key), null, Long.parseLong(line[0]),
                                column.getKey(), value));
                        continue;
                    }
                    if (first != Long.MAX_VALUE) {
                        table.wall(step, timestamp - first);
                    }
                } catch (NumberFormatException e) {
                    rejects.add(ImportReject.atLine(metricFiles.get(key), Long.parseLong(line[0]), "bad_metric_line",
                            "'" + line[1] + "': " + e.getMessage()));
                }
            }
        }
        Map<String, Double> lastValues = new HashMap<>();
        for (Map.Entry<String, List<String[]>> metric : metrics.entrySet()) {
            List<String[]> lines = metric.getValue();
            if (!lines.isEmpty()) {
                String[] parts = lines.get(lines.size() - 1)[1].split("\\s+");
                try {
                    lastValues.put(metric.getKey(), Double.parseDouble(parts[1]));
                } catch (RuntimeException e) {
                    // a bad last line is a reject already when the metric is mapped; unmapped ones are not needed
                }
            }
        }
        Object status = meta.get("status");
        String runStatus = switch (status == null ? "" : String.valueOf(status)) {
            case "1", "2", "RUNNING", "SCHEDULED" -> ImportedRun.RUNNING;
            case "4", "5", "FAILED", "KILLED" -> ImportedRun.FAILED;
            default -> ImportedRun.FINISHED;
        };
        Object runId = meta.getOrDefault("run_id", meta.get("run_uuid"));
        Object name = meta.get("run_name");
        if (meta.get("experiment_id") != null) {
            hyper.put("mlflow.experiment_id", String.valueOf(meta.get("experiment_id")));
        }
        return new ImportedRun("mlflow", folder, runId == null ? null : String.valueOf(runId),
                name == null ? String.valueOf(runId) : String.valueOf(name), runStatus, hyper, null, start,
                number(meta.get("end_time")), table.steps(), lastValues,
                metrics.values().stream().mapToLong(List::size).sum(), rejects);
    }

    private static Long number(Object value) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        if (value instanceof String s && s.matches("-?\\d+")) {
            return Long.parseLong(s);
        }
        return null;
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
