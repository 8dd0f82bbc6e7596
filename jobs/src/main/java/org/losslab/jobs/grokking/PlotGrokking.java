package org.losslab.jobs.grokking;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import org.apache.spark.sql.SparkSession;
import org.losslab.common.grokking.GrokkingMetrics;
import org.losslab.jobs.plots.Charts;
import org.losslab.jobs.warehouse.Warehouse;

/**
 * {@code plot-grokking}: for each finished run of a selection, training and validation accuracy (and the
 * Softmax Collapse fraction where recorded) over optimizer steps on a logarithmic axis, as
 * {@code <out>/grokking-<run_id>.svg} and {@code .png}. Steps are counted from 1 (the recorded step index + 1)
 * so that the first evaluation has a place on the log axis.
 */
public final class PlotGrokking {

    public record Options(String warehouse, GrokkingRuns.Selection selection, String out) {
        public Options {
            requireNonNull(warehouse, "warehouse");
            requireNonNull(selection, "selection");
            requireNonNull(out, "out");
        }
    }

    public record Result(List<String> files, List<String> skipped) {
    }

    private final Options options;

    public PlotGrokking(Options options) {
        this.options = requireNonNull(options, "options");
    }

    public Result run(SparkSession spark) {
        GrokkingRuns.Loaded loaded = GrokkingRuns.load(Warehouse.open(spark, options.warehouse()), options.selection());
        List<String> files = new ArrayList<>();
        for (GrokkingRuns.RunCurve run : loaded.runs()) {
            List<GrokkingMetrics.Point> points = run.curve().stream()
                    .sorted(Comparator.comparingLong(GrokkingMetrics.Point::step)).toList();
            List<Charts.Series> series = new ArrayList<>();
            add(series, "train accuracy", 0, Charts.Style.LINE, points, GrokkingMetrics.Point::trainAccuracy);
            add(series, "validation accuracy", 1, Charts.Style.LINE, points, GrokkingMetrics.Point::valAccuracy);
            add(series, "SC fraction (train)", 3, Charts.Style.DASHED_LINE, points, GrokkingMetrics.Point::scFraction);
            if (series.isEmpty()) {
                continue;
            }
            String title = String.format(Locale.ROOT, "%s: %s, wd %s, train fraction %s, width %d%s", run.runId(),
                    run.outputActivation(), run.weightDecay(), run.trainFraction(), run.width(),
                    run.perpGrad() ? ", perp-grad" : "");
            files.addAll(Charts.write(new Charts.Chart(title, "optimizer steps (log)", true, "accuracy", false, series),
                    spark.sparkContext().hadoopConfiguration(), options.out(), "grokking-" + run.runId(), 900, 540));
        }
        return new Result(files, loaded.skipped());
    }

    private static void add(List<Charts.Series> series, String name, int group, Charts.Style style,
            List<GrokkingMetrics.Point> points, Function<GrokkingMetrics.Point, Double> value) {
        List<GrokkingMetrics.Point> present = points.stream().filter(p -> value.apply(p) != null).toList();
        if (present.isEmpty()) {
            return;
        }
        series.add(new Charts.Series(name, group, style, present.stream().mapToDouble(p -> p.step() + 1.0).toArray(),
                present.stream().mapToDouble(value::apply).toArray()));
    }
}
