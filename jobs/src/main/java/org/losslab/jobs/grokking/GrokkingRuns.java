package org.losslab.jobs.grokking;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.losslab.common.grokking.GrokkingMetrics;
import org.losslab.jobs.warehouse.TableSchemas;
import org.losslab.jobs.warehouse.Warehouse;

/**
 * Which runs a grokking analysis covers ({@code --sweep ID}, {@code --runs ID,...} or {@code --all}) and their
 * evaluation curves from {@code run_metrics}, with the hyperparameters the regression needs from {@code runs}.
 * Only finished runs are analysed; the others are listed as skipped.
 */
public final class GrokkingRuns {

    /** The selection: exactly one of a sweep id, run ids, or all runs. */
    public record Selection(String sweepId, List<String> runIds, boolean all) {
        public Selection {
            int given = (sweepId != null ? 1 : 0) + (runIds != null && !runIds.isEmpty() ? 1 : 0) + (all ? 1 : 0);
            if (given != 1) {
                throw new IllegalArgumentException("Choose the runs with exactly one of --sweep, --runs or --all");
            }
            runIds = runIds == null ? List.of() : List.copyOf(runIds);
        }

        /** The id the selection's regression is stored under: the sweep id, {@code all}, or a hash of the runs. */
        public String id() {
            if (sweepId != null) {
                return sweepId;
            }
            if (all) {
                return "all";
            }
            String joined = String.join(",", new TreeSet<>(runIds));
            return "runs-" + HexFormat.of().toHexDigits(joined.hashCode());
        }

        @Override
        public String toString() {
            return sweepId != null ? "sweep " + sweepId : all ? "all runs" : "runs " + runIds;
        }
    }

    /**
     * One finished run: its hyperparameters and its evaluation curve; weight decay and width are null for an
     * imported run whose log does not give them (such a run is measured but left out of regressions).
     */
    public record RunCurve(String runId, String sweepId, String task, Double weightDecay, Double trainFraction,
            Integer width, String outputActivation, boolean perpGrad, List<GrokkingMetrics.Point> curve) {
    }

    /** The finished runs of the selection with their curves, and the selected runs that were not finished. */
    public record Loaded(List<RunCurve> runs, List<String> skipped) {
    }

    private GrokkingRuns() {
    }

    public static Loaded load(Warehouse warehouse, Selection selection) {
        if (!warehouse.exists(TableSchemas.RUNS) || !warehouse.exists(TableSchemas.RUN_METRICS)) {
            throw new IllegalArgumentException("Cannot analyse " + selection + ": no runs recorded in "
                    + warehouse.root() + " yet (train or sweep first)");
        }
        Dataset<Row> runs = warehouse.read(TableSchemas.RUNS);
        if (selection.sweepId() != null) {
            runs = runs.filter(col("sweep_id").equalTo(selection.sweepId()));
        } else if (!selection.all()) {
            runs = runs.filter(col(TableSchemas.RUN_ID).isin(selection.runIds().toArray()));
        }
        List<Row> rows = runs.collectAsList();
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("Cannot analyse " + selection + ": no such runs in "
                    + warehouse.tablePath(TableSchemas.RUNS));
        }
        if (!selection.runIds().isEmpty()) {
            TreeSet<String> missing = new TreeSet<>(selection.runIds());
            rows.forEach(r -> missing.remove(r.<String>getAs(TableSchemas.RUN_ID)));
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("Cannot analyse " + selection + ": no runs " + missing + " in "
                        + warehouse.tablePath(TableSchemas.RUNS));
            }
        }
        Map<String, Row> finished = new LinkedHashMap<>();
        List<String> skipped = new ArrayList<>();
        for (Row r : rows) {
            String id = r.getAs(TableSchemas.RUN_ID);
            if ("finished".equals(r.getAs("status"))) {
                finished.put(id, r);
            } else {
                skipped.add(id + " (" + r.getAs("status") + ")");
            }
        }
        Map<String, List<GrokkingMetrics.Point>> curves = new LinkedHashMap<>();
        finished.keySet().forEach(id -> curves.put(id, new ArrayList<>()));
        if (!finished.isEmpty()) {
            for (Row m : warehouse.read(TableSchemas.RUN_METRICS)
                    .filter(col(TableSchemas.RUN_ID).isin(finished.keySet().toArray()))
                    .select(TableSchemas.RUN_ID, "step", "train_accuracy", "val_accuracy", "weight_norm", "sc_fraction")
                    .collectAsList()) {
                curves.get(m.getString(0)).add(new GrokkingMetrics.Point(m.getLong(1), doubleOrNull(m, 2),
                        doubleOrNull(m, 3), doubleOrNull(m, 4), doubleOrNull(m, 5)));
            }
        }
        List<RunCurve> result = new ArrayList<>();
        for (Map.Entry<String, Row> e : new java.util.TreeMap<>(finished).entrySet()) {
            Row r = e.getValue();
            Map<String, String> hyper = scala.collection.JavaConverters.mapAsJavaMap(r.getAs("hyperparameters"));
            String fraction = hyper.getOrDefault("train_fraction", hyper.get("data_fraction"));
            result.add(new RunCurve(e.getKey(), r.getAs("sweep_id"), r.getAs("task"), r.<Double>getAs("weight_decay"),
                    fraction == null ? null : Double.valueOf(fraction), r.<Integer>getAs("width"),
                    hyper.getOrDefault("output_activation", "softmax"),
                    Boolean.parseBoolean(hyper.getOrDefault("perp_grad", "false")), curves.get(e.getKey())));
        }
        return new Loaded(result, skipped);
    }

    private static Double doubleOrNull(Row row, int i) {
        return row.isNullAt(i) ? null : row.getDouble(i);
    }
}
