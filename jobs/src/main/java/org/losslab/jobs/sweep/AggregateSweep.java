package org.losslab.jobs.sweep;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.losslab.jobs.warehouse.TableSchemas;
import org.losslab.jobs.warehouse.Warehouse;

import scala.collection.JavaConverters;

/**
 * Turns a sweep's finished runs into {@code sweep_points}: per run N, D, C = 6 N D, the final, best and
 * smoothed final validation losses and the run's values of the sweep's axes (the hyperparameters that vary
 * between the sweep's runs). Replaces the sweep's partition of the table.
 */
public final class AggregateSweep {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AggregateSweep.class);
    static final int SMOOTHING_EVALUATIONS = 3;

    /** Which sweep. */
    public record Options(String warehouse, String sweepId) {
        public Options {
            requireNonNull(warehouse, "warehouse");
            requireNonNull(sweepId, "sweepId");
        }
    }

    /** Points written, and runs of the sweep left out because they did not finish. */
    public record Result(String sweepId, int points, int unfinishedRuns, List<String> axes, String table) {
    }

    private final Options options;

    public AggregateSweep(Options options) {
        this.options = requireNonNull(options, "options");
    }

    public Result run(SparkSession spark) {
        Warehouse warehouse = Warehouse.open(spark, options.warehouse());
        if (!warehouse.exists(TableSchemas.RUNS)) {
            throw new IllegalArgumentException("Cannot aggregate sweep " + options.sweepId() + ": no runs table in "
                    + warehouse.root());
        }
        List<Row> runs = warehouse.read(TableSchemas.RUNS).filter(col("sweep_id").equalTo(options.sweepId()))
                .collectAsList();
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("Cannot aggregate sweep " + options.sweepId() + ": it has no runs");
        }
        List<String> axes = varyingHyperparameters(runs);
        Map<String, List<Row>> metrics = new HashMap<>();
        for (Row m : warehouse.read(TableSchemas.RUN_METRICS)
                .join(warehouse.read(TableSchemas.RUNS).filter(col("sweep_id").equalTo(options.sweepId()))
                        .select(TableSchemas.RUN_ID), TableSchemas.RUN_ID)
                .orderBy(TableSchemas.RUN_ID, "step").collectAsList()) {
            metrics.computeIfAbsent(m.getAs(TableSchemas.RUN_ID), k -> new ArrayList<>()).add(m);
        }
        List<Row> points = new ArrayList<>();
        int unfinished = 0;
        for (Row run : runs) {
            String runId = run.getAs(TableSchemas.RUN_ID);
            List<Row> steps = metrics.getOrDefault(runId, List.of());
            List<Double> validation = steps.stream().filter(s -> !s.isNullAt(s.fieldIndex("val_loss")))
                    .map(s -> s.<Double>getAs("val_loss")).toList();
            if (!"finished".equals(run.getAs("status")) || steps.isEmpty() || validation.isEmpty()) {
                unfinished++;
                continue;
            }
            Long n = run.getAs("params");
            Long d = steps.get(steps.size() - 1).getAs("examples_seen");
            if (n == null || d == null) {
                // an imported run whose log gave no parameter count or examples seen (ingest-runs --param-count,
                // --params-from, --examples-per-step supply them)
                LOG.warn("aggregate {}: run {} has no {}; left out", options.sweepId(), runId,
                        n == null ? "parameter count (params)" : "examples seen at its last step");
                unfinished++;
                continue;
            }
            Map<String, String> hyper = JavaConverters.mapAsJavaMap(run.getAs("hyperparameters"));
            Map<String, String> axisValues = new TreeMap<>();
            for (String axis : axes) {
                axisValues.put(axis, hyper.get(axis));
            }
            double smoothed = validation.subList(Math.max(0, validation.size() - SMOOTHING_EVALUATIONS),
                    validation.size()).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            points.add(RowFactory.create(runId, run.getAs("model"), n, d, 6.0 * n * d,
                    validation.get(validation.size() - 1),
                    validation.stream().mapToDouble(Double::doubleValue).min().orElseThrow(), smoothed,
                    lastTrainLoss(steps), run.<Long>getAs("train_examples"),
                    JavaConverters.mapAsScalaMap(axisValues)));
        }
        warehouse.replacePartition(TableSchemas.SWEEP_POINTS, TableSchemas.SWEEP_POINTS_SCHEMA, TableSchemas.SWEEP_ID,
                options.sweepId(), points);
        return new Result(options.sweepId(), points.size(), unfinished, axes,
                warehouse.tablePath(TableSchemas.SWEEP_POINTS).toString());
    }

    /** The last training loss recorded (an imported run's last step may hold only a validation loss). */
    private static Double lastTrainLoss(List<Row> steps) {
        for (int i = steps.size() - 1; i >= 0; i--) {
            if (!steps.get(i).isNullAt(steps.get(i).fieldIndex("train_loss"))) {
                return steps.get(i).getAs("train_loss");
            }
        }
        return null;
    }

    /** Hyperparameters whose values differ between the sweep's runs: the sweep's axes, in name order. */
    static List<String> varyingHyperparameters(List<Row> runs) {
        Map<String, Set<String>> values = new TreeMap<>();
        for (Row run : runs) {
            Map<String, String> hyper = JavaConverters.mapAsJavaMap(run.getAs("hyperparameters"));
            hyper.forEach((k, v) -> values.computeIfAbsent(k, key -> new HashSet<>()).add(v));
        }
        List<String> axes = new ArrayList<>();
        values.forEach((k, v) -> {
            if (v.size() > 1) {
                axes.add(k);
            }
        });
        return axes;
    }
}
