package org.losslab.jobs.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.losslab.jobs.plots.Charts;
import org.losslab.jobs.plots.Charts.Series;
import org.losslab.jobs.plots.Charts.Style;

/**
 * One run's plots from its {@code run_metrics} rows (in step order): the training loss and the validation loss
 * against step with the learning rate on a second axis (log loss axis when the loss spans a factor of ten or
 * more); the workers' loss spread (lowest, mean and highest worker loss per step) when more than one worker
 * trained; and, for runs evaluated with accuracies (grokking runs), train and validation accuracy and the SC
 * fraction against log step with the weight norm on a second axis.
 */
final class RunPlots {
    private static final int MAX_POINTS = 2_000;

    /** A plot file in the images folder and what it shows. */
    record Plot(String file, String description) {
    }

    /** The plots drawn and notes on what was left out. */
    record Drawn(List<Plot> images, List<String> notes) {
    }

    private RunPlots() {
    }

    static Drawn draw(Row run, List<Row> metrics, Path folder, String base, int width, int height,
            Configuration conf) {
        List<Plot> plots = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (metrics.isEmpty()) {
            notes.add("No steps recorded in run_metrics for this run.");
            return new Drawn(plots, notes);
        }
        String id = run.getAs("run_id");
        List<Row> thinned = thin(metrics);
        if (thinned.size() < metrics.size()) {
            notes.add(String.format("%,d steps: the step curves show every %d-th step (validation points all).",
                    metrics.size(), (metrics.size() + MAX_POINTS - 1) / MAX_POINTS));
        }
        String dir = folder.toUri().toString();

        Series train = series("train loss (mean of workers)", 0, Style.LINE, thinned, m -> m.getAs("train_loss"),
                false);
        Series validation = series("validation loss", 1, Style.POINTS, metrics, m -> m.getAs("val_loss"), false);
        Series rate = series("learning rate (right axis)", 2, Style.DASHED_LINE, thinned,
                m -> m.getAs("learning_rate"), false);
        boolean logLoss = spansDecade(train, validation);
        Charts.write(new Charts.Chart(id + ": loss", "step", false, "loss" + (logLoss ? " (log)" : ""), logLoss,
                present(train, validation), "learning rate", present(rate)), conf, dir, base + "-loss", width, height);
        plots.add(new Plot(base + "-loss.svg", "Training loss per step and validation loss where evaluated, with the"
                + " learning rate on the right axis"));

        int workers = metrics.stream().mapToInt(m -> m.getAs("workers") == null ? 1 : m.<Integer>getAs("workers"))
                .max().orElse(1);
        if (workers > 1) {
            Series low = series("lowest worker", 3, Style.LINE, thinned, m -> m.getAs("train_loss_min"), false);
            Series mean = series("mean", 0, Style.LINE, thinned, m -> m.getAs("train_loss"), false);
            Series high = series("highest worker", 4, Style.LINE, thinned, m -> m.getAs("train_loss_max"), false);
            boolean log = spansDecade(low, high);
            Charts.write(new Charts.Chart(id + ": the workers' training loss", "step", false, "loss"
                    + (log ? " (log)" : ""), log, present(low, mean, high)), conf, dir, base + "-workers", width,
                    height);
            plots.add(new Plot(base + "-workers.svg", "The " + workers + " workers' minibatch losses per step: lowest,"
                    + " mean and highest"));
        }

        Series trainAccuracy = series("train accuracy", 0, Style.LINE, metrics, m -> m.getAs("train_accuracy"), true);
        Series valAccuracy = series("validation accuracy", 1, Style.LINE, metrics, m -> m.getAs("val_accuracy"), true);
        if (trainAccuracy.x().length > 0 || valAccuracy.x().length > 0) {
            Series sc = series("SC fraction (train)", 3, Style.DASHED_LINE, metrics, m -> m.getAs("sc_fraction"), true);
            Series norm = series("weight norm (right axis)", 2, Style.DASHED_LINE, metrics,
                    m -> m.getAs("weight_norm"), true);
            Charts.write(new Charts.Chart(id + ": accuracy", "step + 1 (log)", true, "accuracy, SC fraction", false,
                    present(trainAccuracy, valAccuracy, sc), "weight norm", present(norm)), conf, dir,
                    base + "-accuracy", width, height);
            plots.add(new Plot(base + "-accuracy.svg", "Train and validation accuracy and the Softmax Collapse"
                    + " fraction on a log step axis, with the weight norm on the right axis"));
        }
        return new Drawn(plots, notes);
    }

    /** Every k-th row (and the last) so that at most {@link #MAX_POINTS} remain. */
    private static List<Row> thin(List<Row> metrics) {
        int stride = (metrics.size() + MAX_POINTS - 1) / MAX_POINTS;
        if (stride <= 1) {
            return metrics;
        }
        List<Row> kept = new ArrayList<>();
        for (int i = 0; i < metrics.size(); i += stride) {
            kept.add(metrics.get(i));
        }
        if (kept.get(kept.size() - 1) != metrics.get(metrics.size() - 1)) {
            kept.add(metrics.get(metrics.size() - 1));
        }
        return kept;
    }

    /** The rows' non-null values against step ({@code step + 1} for a log axis). */
    private static Series series(String name, int group, Style style, List<Row> rows, Function<Row, Double> value,
            boolean stepPlusOne) {
        List<double[]> points = new ArrayList<>();
        for (Row r : rows) {
            Double v = value.apply(r);
            if (v != null) {
                points.add(new double[] {r.<Long>getAs("step") + (stepPlusOne ? 1.0 : 0.0), v});
            }
        }
        return new Series(name, group, style, points.stream().mapToDouble(p -> p[0]).toArray(),
                points.stream().mapToDouble(p -> p[1]).toArray());
    }

    private static List<Series> present(Series... all) {
        return java.util.Arrays.stream(all).filter(s -> s.x().length > 0).toList();
    }

    /** Positive values spanning a factor of ten or more read better on a log axis. */
    private static boolean spansDecade(Series... all) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (Series s : all) {
            for (double y : s.y()) {
                if (!(y > 0) || !Double.isFinite(y)) {
                    return false;
                }
                min = Math.min(min, y);
                max = Math.max(max, y);
            }
        }
        return max > 0 && max / min >= 10;
    }
}
