package org.losslab.common.runs.imports;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A Hugging Face Trainer's {@code trainer_state.json}: {@code log_history} entries with {@code step}, {@code epoch}
 * and logged values ({@code loss}, {@code eval_loss}, {@code learning_rate}, ... mapped by {@link MetricColumns});
 * a run is finished when {@code global_step} reached {@code max_steps}, running otherwise. A {@code config.json}
 * beside it gives the model's hyperparameters ({@code config.*}) and, for a transformer config with layers and a
 * hidden size, N = 12 * layers * hidden^2, the non-embedding parameter count of Kaplan et al. (2020). Examples
 * seen: {@code num_input_tokens_seen} when logged, else step x {@code train_batch_size} when the state has it.
 * The closing entry ({@code train_runtime}, whose {@code train_loss} is the mean over the run) goes into the
 * hyperparameters as {@code final.*}, not into the steps.
 */
public final class HfTrainerState {
    /** Python's json writes NaN and Infinity for a diverged loss; they are read, then rejected as values. */
    private static final ObjectMapper JSON = com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private HfTrainerState() {
    }

    public static ImportedRun read(String file, byte[] state, byte[] config, MetricColumns columns) {
        JsonNode root;
        try {
            root = JSON.readTree(state);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read " + file + ": not JSON (" + e.getMessage() + ")", e);
        }
        JsonNode history = root.get("log_history");
        if (history == null || !history.isArray()) {
            throw new IllegalArgumentException("Cannot read " + file + ": no log_history list, not a trainer_state.json");
        }
        List<ImportReject> rejects = new ArrayList<>();
        java.util.Set<String> logged = new java.util.LinkedHashSet<>();
        for (JsonNode entry : history) {
            if (!summary(entry)) {
                entry.fieldNames().forEachRemaining(logged::add);
            }
        }
        Map<String, String> resolved = columns.resolve(logged);
        Long batch = root.hasNonNull("train_batch_size") ? root.get("train_batch_size").asLong() : null;
        StepTable table = new StepTable();
        Map<String, Double> lastValues = new java.util.HashMap<>();
        Map<String, String> hyper = new TreeMap<>();
        for (int i = 0; i < history.size(); i++) {
            JsonNode entry = history.get(i);
            if (summary(entry)) {
                // the Trainer's closing entry: run averages (its train_loss is the mean over training, not a step's)
                entry.fields().forEachRemaining(f -> hyper.put("final." + f.getKey(), f.getValue().asText()));
                continue;
            }
            entry.fields().forEachRemaining(f -> {
                if (f.getValue().isNumber()) {
                    lastValues.put(f.getKey(), f.getValue().asDouble());
                }
            });
            if (!entry.has("step") || !entry.get("step").canConvertToLong()) {
                rejects.add(new ImportReject(file, null, null, "no_step", "log_history[" + i + "] has no integer step: "
                        + entry));
                continue;
            }
            long step = entry.get("step").asLong();
            for (Map.Entry<String, String> column : resolved.entrySet()) {
                JsonNode value = entry.get(column.getValue());
                if (value != null && value.isNumber() && !table.put(step, column.getKey(), value.asDouble())) {
                    rejects.add(new ImportReject(file, null, null, "non_finite", "log_history[" + i + "] "
                            + column.getValue() + " is " + value.asDouble()));
                }
            }
            if (!resolved.containsKey(MetricColumns.EXAMPLES_SEEN) && batch != null && batch > 0) {
                table.put(step, MetricColumns.EXAMPLES_SEEN, (double) step * batch);
            }
        }
        for (String key : List.of("train_batch_size", "max_steps", "num_train_epochs", "eval_steps", "logging_steps",
                "save_steps")) {
            if (root.hasNonNull(key)) {
                hyper.put(key, root.get(key).asText());
            }
        }
        Long params = null;
        if (config != null) {
            try {
                JsonNode c = JSON.readTree(config);
                for (Iterator<Map.Entry<String, JsonNode>> it = c.fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> f = it.next();
                    if (f.getValue().isValueNode()) {
                        hyper.put("config." + f.getKey(), f.getValue().asText());
                    }
                }
                Long layers = first(c, "num_hidden_layers", "n_layer", "num_layers", "n_layers");
                Long hidden = first(c, "hidden_size", "n_embd", "d_model", "dim");
                if (layers != null && hidden != null) {
                    params = 12 * layers * hidden * hidden;
                    hyper.put("params_from", "config.json: 12 * layers * hidden^2 (non-embedding)");
                }
            } catch (IOException e) {
                rejects.add(new ImportReject(file.replace("trainer_state.json", "config.json"), null, null,
                        "undecodable_config", e.getMessage()));
            }
        }
        long global = root.hasNonNull("global_step") ? root.get("global_step").asLong() : -1;
        long max = root.hasNonNull("max_steps") ? root.get("max_steps").asLong() : -1;
        String status = max > 0 && global >= 0 && global < max ? ImportedRun.RUNNING : ImportedRun.FINISHED;
        String folder = file.contains("/") ? file.substring(0, file.lastIndexOf('/')) : file;
        return new ImportedRun("hf-trainer", file, null, folder.substring(folder.lastIndexOf('/') + 1), status, hyper,
                params, null, null, table.steps(), lastValues, history.size(), rejects);
    }

    /** The closing entry of a training: {@code train_runtime}, {@code train_loss} (the mean), FLOPs. */
    private static boolean summary(JsonNode entry) {
        return entry.has("train_runtime");
    }

    private static Long first(JsonNode config, String... keys) {
        for (String key : keys) {
            if (config.hasNonNull(key) && config.get(key).canConvertToLong()) {
                return config.get(key).asLong();
            }
        }
        return null;
    }
}
