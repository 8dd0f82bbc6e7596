package org.losslab.jobs.scaling;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.spark.sql.SparkSession;
import org.losslab.common.scaling.AnnealingLaw;
import org.losslab.common.scaling.AnnealingRun;
import org.losslab.common.scaling.ChinchillaLaw;
import org.losslab.common.scaling.ScalingPoint;
import org.losslab.jobs.plots.Charts;
import org.losslab.jobs.plots.Charts.Series;
import org.losslab.jobs.plots.Charts.Style;
import org.losslab.jobs.warehouse.Warehouse;

/**
 * Draws the scaling plots as SVG and PNG: for {@code chinchilla}, loss against N per D (log-log) with the fitted
 * surface's curve for each D, and loss against compute C = 6 N D with the empirical frontier and the fitted
 * compute-optimal curve; for {@code lr-annealing}, the fitted runs' losses over steps with the fitted curves and
 * the predicted run with its prediction. Fits first (recording the fit, as {@code fit-scaling} does).
 */
public final class PlotScaling {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 600;

    /** The fit to draw and the folder for the files. */
    public record Options(FitScaling.Options fit, String out) {
        public Options {
            requireNonNull(fit, "fit");
            requireNonNull(out, "out");
        }
    }

    /** The fit and the files written. */
    public record Result(FitScaling.Result fit, List<String> files) {
    }

    private final Options options;

    public PlotScaling(Options options) {
        this.options = requireNonNull(options, "options");
    }

    public Result run(SparkSession spark) {
        FitScaling fitter = new FitScaling(options.fit());
        FitScaling.Result fit = fitter.run(spark);
        Warehouse warehouse = Warehouse.open(spark, options.fit().warehouse());
        List<String> files = new ArrayList<>();
        org.apache.hadoop.conf.Configuration conf = spark.sparkContext().hadoopConfiguration();
        switch (options.fit().law()) {
            case CHINCHILLA -> {
                List<ScalingPoint> points = fitter.points(spark, warehouse);
                ChinchillaLaw law = new ChinchillaLaw(fit.parameters().get("E"), fit.parameters().get("A"),
                        fit.parameters().get("B"), fit.parameters().get("alpha"), fit.parameters().get("beta"));
                files.addAll(Charts.write(lossVsParams(points, law, fit.source()), conf, options.out(),
                        "loss_vs_params", WIDTH, HEIGHT));
                files.addAll(Charts.write(lossVsCompute(points, law, fit.source()), conf, options.out(),
                        "loss_vs_compute", WIDTH, HEIGHT));
            }
            case LR_ANNEALING -> {
                AnnealingLaw law = new AnnealingLaw(fit.parameters().get("L0"), fit.parameters().get("A"),
                        fit.parameters().get("alpha"), fit.parameters().get("C"), fit.parameters().get("lambda"));
                files.addAll(Charts.write(annealing(warehouse, law), conf, options.out(), "lr_annealing", WIDTH,
                        HEIGHT));
            }
            default -> throw new IllegalArgumentException("Cannot plot " + options.fit().law().cliName()
                    + ": plots exist for chinchilla and lr-annealing");
        }
        return new Result(fit, files);
    }

    /** Points grouped by D (D values within 5% in log10 share a group), each with the law's curve at its mean D. */
    public static Charts.Chart lossVsParams(List<ScalingPoint> points, ChinchillaLaw law, String source) {
        Map<Long, List<ScalingPoint>> byD = new TreeMap<>();
        for (ScalingPoint p : points) {
            byD.computeIfAbsent(Math.round(Math.log10(p.d()) * 20), k -> new ArrayList<>()).add(p);
        }
        double minN = points.stream().mapToDouble(ScalingPoint::n).min().orElseThrow();
        double maxN = points.stream().mapToDouble(ScalingPoint::n).max().orElseThrow();
        List<Series> series = new ArrayList<>();
        int group = 0;
        for (List<ScalingPoint> sameD : byD.values()) {
            sameD.sort(Comparator.comparingDouble(ScalingPoint::n));
            double d = Math.exp(sameD.stream().mapToDouble(p -> Math.log(p.d())).average().orElseThrow());
            String label = String.format("D = %.3g", d);
            series.add(new Series(label, group, Style.POINTS, sameD.stream().mapToDouble(ScalingPoint::n).toArray(),
                    sameD.stream().mapToDouble(ScalingPoint::loss).toArray()));
            double[] n = logSpace(minN / 1.5, maxN * 1.5, 60);
            double[] fitted = new double[n.length];
            for (int i = 0; i < n.length; i++) {
                fitted[i] = law.loss(n[i], d);
            }
            series.add(new Series(label + " (fit)", group, Style.LINE, n, fitted));
            group++;
        }
        return new Charts.Chart("Loss vs parameters per data size, " + source, "parameters N", true, "loss", true,
                series);
    }

    /** All points against C = 6 N D, their lower envelope, and the fitted loss at the compute-optimal N and D. */
    public static Charts.Chart lossVsCompute(List<ScalingPoint> points, ChinchillaLaw law, String source) {
        List<ScalingPoint> sorted = new ArrayList<>(points);
        sorted.sort(Comparator.comparingDouble(p -> 6 * p.n() * p.d()));
        List<double[]> frontier = new ArrayList<>();
        double best = Double.POSITIVE_INFINITY;
        for (ScalingPoint p : sorted) {
            if (p.loss() < best) {
                best = p.loss();
                frontier.add(new double[] {6 * p.n() * p.d(), p.loss()});
            }
        }
        double minC = 6 * sorted.get(0).n() * sorted.get(0).d();
        double maxC = 6 * sorted.get(sorted.size() - 1).n() * sorted.get(sorted.size() - 1).d();
        double[] c = logSpace(minC / 2, maxC * 2, 60);
        double[] optimal = new double[c.length];
        for (int i = 0; i < c.length; i++) {
            optimal[i] = law.computeOptimal(c[i]).loss();
        }
        return new Charts.Chart("Loss vs compute C = 6ND, " + source, "compute C (FLOPs)", true, "loss", true, List.of(
                new Series("runs", 0, Style.POINTS, sorted.stream().mapToDouble(p -> 6 * p.n() * p.d()).toArray(),
                        sorted.stream().mapToDouble(ScalingPoint::loss).toArray()),
                new Series("frontier", 1, Style.LINE, frontier.stream().mapToDouble(f -> f[0]).toArray(),
                        frontier.stream().mapToDouble(f -> f[1]).toArray()),
                new Series("fit at compute-optimal N, D", 2, Style.DASHED_LINE, c, optimal)));
    }

    private Charts.Chart annealing(Warehouse warehouse, AnnealingLaw law) {
        List<Series> series = new ArrayList<>();
        int group = 0;
        for (String runId : options.fit().fitRuns()) {
            AnnealingRun run = FitScaling.annealingRun(warehouse, runId);
            series.add(new Series(runId, group, Style.POINTS, steps(run.steps()), run.losses()));
            series.add(new Series(runId + " (fit)", group, Style.LINE, steps(run.steps()), law.predict(run.learningRates())));
            group++;
        }
        if (options.fit().predictRun() != null) {
            AnnealingRun run = FitScaling.annealingRun(warehouse, options.fit().predictRun());
            series.add(new Series(options.fit().predictRun(), group, Style.POINTS, steps(run.steps()), run.losses()));
            series.add(new Series(options.fit().predictRun() + " (predicted)", group, Style.DASHED_LINE,
                    steps(run.steps()), law.predict(run.learningRates())));
        }
        return new Charts.Chart("Loss over steps: learning-rate annealing law", "step", false, "training loss", false,
                series);
    }

    private static double[] steps(int count) {
        double[] steps = new double[count];
        for (int i = 0; i < count; i++) {
            steps[i] = i;
        }
        return steps;
    }

    private static double[] logSpace(double from, double to, int count) {
        double[] values = new double[count];
        double a = Math.log(from);
        double b = Math.log(to);
        for (int i = 0; i < count; i++) {
            values[i] = Math.exp(a + (b - a) * i / (count - 1));
        }
        return values;
    }
}
