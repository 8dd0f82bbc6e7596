package org.losslab.common.runs.imports;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which logged metric names (TensorBoard tags, MLflow keys, CSV columns, Trainer log keys) fill which losslab
 * column. The defaults cover the common names; {@code --map column=name1|name2} replaces a column's names.
 * Names match case-insensitively; a column takes the first of its names a log has.
 */
public final class MetricColumns implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final String TRAIN_LOSS = "train_loss";
    public static final String VAL_LOSS = "val_loss";
    public static final String LEARNING_RATE = "learning_rate";
    public static final String EXAMPLES_SEEN = "examples_seen";
    public static final String TRAIN_ACCURACY = "train_accuracy";
    public static final String VAL_ACCURACY = "val_accuracy";
    public static final String EPOCH = "epoch";

    private static final Map<String, List<String>> DEFAULTS = new LinkedHashMap<>();

    static {
        DEFAULTS.put(TRAIN_LOSS, List.of("train/loss", "train_loss", "loss", "training_loss", "train/loss_step",
                "train_loss_step", "loss/train", "epoch_loss"));
        DEFAULTS.put(VAL_LOSS, List.of("eval/loss", "eval_loss", "val_loss", "val/loss", "validation_loss",
                "valid/loss", "valid_loss", "loss/val", "loss/validation", "epoch_val_loss"));
        DEFAULTS.put(LEARNING_RATE, List.of("lr", "learning_rate", "train/learning_rate", "train/lr", "lr-adam",
                "lr-adamw", "lr-sgd", "learning-rate"));
        DEFAULTS.put(EXAMPLES_SEEN, List.of("examples_seen", "train/num_input_tokens_seen", "num_input_tokens_seen",
                "tokens_seen", "samples_seen"));
        DEFAULTS.put(TRAIN_ACCURACY, List.of("train/accuracy", "train_accuracy", "train_acc", "accuracy",
                "acc", "accuracy/train"));
        DEFAULTS.put(VAL_ACCURACY, List.of("eval/accuracy", "eval_accuracy", "val_accuracy", "val_acc",
                "val/accuracy", "validation_accuracy", "accuracy/val", "accuracy/validation"));
        DEFAULTS.put(EPOCH, List.of("epoch", "train/epoch"));
    }

    private final Map<String, List<String>> names;

    private MetricColumns(Map<String, List<String>> names) {
        this.names = names;
    }

    public static MetricColumns defaults() {
        return new MetricColumns(DEFAULTS);
    }

    /** The defaults with {@code column=name1|name2} entries replacing those columns' names. */
    public static MetricColumns withOverrides(List<String> overrides) {
        Map<String, List<String>> names = new LinkedHashMap<>(DEFAULTS);
        for (String entry : overrides == null ? List.<String>of() : overrides) {
            int eq = entry.indexOf('=');
            String column = eq < 0 ? "" : entry.substring(0, eq).trim();
            if (!DEFAULTS.containsKey(column)) {
                throw new IllegalArgumentException("--map " + entry + ": give COLUMN=NAME[|NAME...] with COLUMN one of "
                        + DEFAULTS.keySet());
            }
            List<String> given = new ArrayList<>();
            for (String name : entry.substring(eq + 1).split("\\|")) {
                if (!name.isBlank()) {
                    given.add(name.trim());
                }
            }
            if (given.isEmpty()) {
                throw new IllegalArgumentException("--map " + entry + ": no metric name after '='");
            }
            names.put(column, List.copyOf(given));
        }
        return new MetricColumns(names);
    }

    /**
     * For the names a log has, the one each column takes (a column absent when none of its names is present);
     * a name taken by an earlier column is not taken again.
     */
    public Map<String, String> resolve(Iterable<String> logged) {
        Map<String, String> byLower = new LinkedHashMap<>();
        for (String name : logged) {
            byLower.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
        }
        Map<String, String> chosen = new LinkedHashMap<>();
        java.util.Set<String> taken = new java.util.HashSet<>();
        for (Map.Entry<String, List<String>> column : names.entrySet()) {
            for (String candidate : column.getValue()) {
                String found = byLower.get(candidate.toLowerCase(Locale.ROOT));
                if (found != null && !taken.contains(found)) {
                    chosen.put(column.getKey(), found);
                    taken.add(found);
                    break;
                }
            }
        }
        return chosen;
    }
}
