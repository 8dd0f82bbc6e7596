package org.losslab.jobs.scaling;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.losslab.common.scaling.AnnealingFitResult;
import org.losslab.common.scaling.AnnealingLawFit;
import org.losslab.common.scaling.AnnealingPrediction;
import org.losslab.common.scaling.AnnealingRun;
import org.losslab.common.scaling.ChinchillaFit;
import org.losslab.common.scaling.ChinchillaOptions;
import org.losslab.common.scaling.ChinchillaResult;
import org.losslab.common.scaling.ComputeAllocation;
import org.losslab.common.scaling.Interval;
import org.losslab.common.scaling.KaplanFit;
import org.losslab.common.scaling.KaplanResult;
import org.losslab.common.scaling.ScalingPoint;
import org.losslab.jobs.warehouse.TableSchemas;
import org.losslab.jobs.warehouse.Warehouse;

import scala.collection.JavaConverters;

/**
 * Fits a scaling law and records it in {@code scaling_fits}: {@code chinchilla} (L = E + A/N^alpha + B/D^beta,
 * Hoffmann et al.'s Huber-on-log-LSE fit from the 4,500-start grid, bootstrap errors and intervals) or
 * {@code kaplan} (single-variable power laws on the frontier) on a sweep's {@code sweep_points} or any CSV
 * with N, D and loss columns; or {@code lr-annealing} (L = L0 + A S1^-alpha - C S2) on the per-step training
 * losses of some runs, predicting another run's curve. The fitting itself is engine-free
 * ({@code org.losslab.common.scaling}).
 */
public final class FitScaling {

    /** The laws, by their CLI names. */
    public enum Law {
        CHINCHILLA, KAPLAN, LR_ANNEALING;

        public static Law parse(String name) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Unknown law '" + name + "': use chinchilla, kaplan or lr-annealing",
                        e);
            }
        }

        public String cliName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * What to fit on: a sweep ({@code sweepId}) or a CSV ({@code input} with the three column names), or for
     * {@code lr-annealing} the runs to fit ({@code fitRuns}) and the run to predict ({@code predictRun}).
     */
    public record Options(String warehouse, Law law, String sweepId, String input, String nColumn, String dColumn,
            String lossColumn, int excludeTop, int bootstrap, long seed, boolean irreducible, List<String> fitRuns,
            String predictRun) {
        public Options {
            requireNonNull(warehouse, "warehouse");
            requireNonNull(law, "law");
            fitRuns = fitRuns == null ? List.of() : List.copyOf(fitRuns);
            if (law == Law.LR_ANNEALING) {
                if (fitRuns.isEmpty()) {
                    throw new IllegalArgumentException("Cannot fit lr-annealing: give --fit-runs");
                }
            } else if ((sweepId == null) == (input == null)) {
                throw new IllegalArgumentException("Cannot fit " + law.cliName() + ": give --sweep or --input, not both"
                        + " or neither");
            }
        }
    }

    /** A fit as recorded: parameters, standard errors, intervals (lower, upper), objective, points, details. */
    public record Result(String fitId, String law, String source, Map<String, Double> parameters,
            Map<String, Double> standardErrors, Map<String, double[]> interval80, Map<String, double[]> interval95,
            double objective, int points, Map<String, String> details) {
    }

    private final Options options;

    public FitScaling(Options options) {
        this.options = requireNonNull(options, "options");
    }

    public Result run(SparkSession spark) {
        Warehouse warehouse = Warehouse.open(spark, options.warehouse());
        Result result = switch (options.law()) {
            case CHINCHILLA -> chinchilla(points(spark, warehouse));
            case KAPLAN -> kaplan(points(spark, warehouse));
            case LR_ANNEALING -> annealing(warehouse);
        };
        write(warehouse, result);
        return result;
    }

    /** The (N, D, loss) points of the sweep or the CSV, loss from the named column. */
    public List<ScalingPoint> points(SparkSession spark, Warehouse warehouse) {
        Dataset<Row> rows;
        String n;
        String d;
        String loss;
        if (options.sweepId() != null) {
            if (!warehouse.exists(TableSchemas.SWEEP_POINTS)) {
                throw new IllegalArgumentException("Cannot fit sweep " + options.sweepId() + ": no sweep_points yet;"
                        + " run aggregate --sweep " + options.sweepId());
            }
            rows = warehouse.read(TableSchemas.SWEEP_POINTS).filter(col(TableSchemas.SWEEP_ID).equalTo(options.sweepId()));
            n = "params";
            d = "examples_seen";
            loss = lossColumn();
        } else {
            rows = spark.read().option("header", "true").option("inferSchema", "true").csv(options.input());
            n = requireColumn(rows, options.nColumn(), "--n-col");
            d = requireColumn(rows, options.dColumn(), "--d-col");
            loss = requireColumn(rows, options.lossColumn(), "--loss-col");
        }
        List<ScalingPoint> points = new ArrayList<>();
        for (Row row : rows.select(col(n).cast("double"), col(d).cast("double"), col(loss).cast("double"))
                .collectAsList()) {
            if (row.anyNull()) {
                throw new IllegalArgumentException("Cannot fit " + source() + ": a point has no " + n + ", " + d + " or "
                        + loss + " value: " + row);
            }
            points.add(new ScalingPoint(row.getDouble(0), row.getDouble(1), row.getDouble(2)));
        }
        if (points.isEmpty()) {
            throw new IllegalArgumentException("Cannot fit " + source() + ": no points");
        }
        return points;
    }

    private String requireColumn(Dataset<Row> rows, String name, String flag) {
        if (name == null || !Arrays.asList(rows.columns()).contains(name)) {
            throw new IllegalArgumentException("Cannot fit " + options.input() + ": name the column with " + flag
                    + " (columns: " + Arrays.toString(rows.columns()) + ")");
        }
        return name;
    }

    /** The loss the points take: the named column, for a sweep by default the smoothed final validation loss. */
    private String lossColumn() {
        return options.lossColumn() == null ? "smoothed_final_val_loss" : options.lossColumn();
    }

    private String source() {
        if (options.law() == Law.LR_ANNEALING) {
            return "runs " + String.join(",", options.fitRuns());
        }
        return options.sweepId() != null ? "sweep " + options.sweepId() : options.input();
    }

    private Result chinchilla(List<ScalingPoint> points) {
        ChinchillaOptions fitOptions = ChinchillaOptions.defaults().withExcludeHighestLoss(options.excludeTop())
                .withBootstrap(options.bootstrap(), options.seed());
        ChinchillaResult fit = ChinchillaFit.fit(points, fitOptions);
        Map<String, Double> parameters = new LinkedHashMap<>();
        parameters.put("A", fit.A());
        parameters.put("B", fit.B());
        parameters.put("E", fit.E());
        parameters.put("alpha", fit.alpha());
        parameters.put("beta", fit.beta());
        Map<String, String> details = new LinkedHashMap<>();
        details.put("loss_column", lossColumn());
        details.put("points_in", Integer.toString(points.size()));
        details.put("excluded_highest_loss", Integer.toString(options.excludeTop()));
        details.put("starts", Integer.toString(fit.startsTried()));
        details.put("bootstrap_resamples", Integer.toString(options.bootstrap()));
        details.put("compute_optimal_params_exponent", Double.toString(fit.paramsExponent()));
        details.put("compute_optimal_tokens_exponent", Double.toString(fit.law().tokensExponent()));
        // N_opt(C) = G (C/6)^a and D_opt(C) = (C/6)^b / G with a, b the exponents above
        details.put("compute_optimal_scale_G", Double.toString(fit.law().allocationScale()));
        ComputeAllocation at1e21 = fit.computeOptimal(1e21);
        details.put("compute_optimal_at_1e21_flops", String.format(Locale.ROOT, "N=%.4g D=%.4g loss=%.4g",
                at1e21.params(), at1e21.tokens(), at1e21.loss()));
        return new Result(fitId(), Law.CHINCHILLA.cliName(), source(), parameters, fit.standardErrors(),
                intervals(fit.interval80()), intervals(fit.interval95()), fit.objective(), fit.pointsUsed(), details);
    }

    private Result kaplan(List<ScalingPoint> points) {
        Map<String, Double> parameters = new LinkedHashMap<>();
        Map<String, String> details = new LinkedHashMap<>();
        details.put("loss_column", lossColumn());
        double objective = 0;
        int used = 0;
        for (KaplanFit.Variable variable : KaplanFit.Variable.values()) {
            KaplanResult fit = KaplanFit.fit(points, variable, options.irreducible());
            String suffix = variable == KaplanFit.Variable.PARAMS ? "N" : "D";
            parameters.put(suffix + "c", fit.scale());
            parameters.put("alpha" + suffix, fit.exponent());
            if (options.irreducible()) {
                parameters.put("E_" + suffix, fit.irreducible());
            }
            objective += fit.objective();
            used += fit.frontierPoints();
            details.put("frontier_points_" + suffix, Integer.toString(fit.frontierPoints()));
        }
        return new Result(fitId(), Law.KAPLAN.cliName(), source(), parameters, Map.of(), Map.of(), Map.of(), objective,
                used, details);
    }

    private Result annealing(Warehouse warehouse) {
        List<AnnealingRun> runs = new ArrayList<>();
        for (String runId : options.fitRuns()) {
            runs.add(annealingRun(warehouse, runId));
        }
        AnnealingFitResult fit = AnnealingLawFit.fit(runs);
        Map<String, Double> parameters = new LinkedHashMap<>();
        parameters.put("L0", fit.law().L0());
        parameters.put("A", fit.law().A());
        parameters.put("alpha", fit.law().alpha());
        parameters.put("C", fit.law().C());
        parameters.put("lambda", fit.law().lambda());
        Map<String, String> details = new LinkedHashMap<>();
        details.put("fit_runs", String.join(",", options.fitRuns()));
        if (options.predictRun() != null) {
            AnnealingPrediction prediction = fit.predict(annealingRun(warehouse, options.predictRun()));
            details.put("predict_run", options.predictRun());
            details.put("prediction_mean_absolute_error", Double.toString(prediction.meanAbsoluteError()));
            details.put("prediction_mean_relative_error", Double.toString(prediction.meanRelativeError()));
        }
        return new Result(fitId(), Law.LR_ANNEALING.cliName(), source(), parameters, Map.of(), Map.of(), Map.of(),
                fit.objective(), fit.stepsUsed(), details);
    }

    /**
     * A run's learning rate and training loss per step, from run_metrics, from its first step with a positive
     * learning rate on: the law needs a positive forward area S1 (a warm-up starts at 0).
     */
    public static AnnealingRun annealingRun(Warehouse warehouse, String runId) {
        List<Row> steps = warehouse.read(TableSchemas.RUN_METRICS).filter(col(TableSchemas.RUN_ID).equalTo(runId))
                .orderBy("step").select("learning_rate", "train_loss").collectAsList();
        int first = 0;
        while (first < steps.size() && steps.get(first).getDouble(0) <= 0) {
            first++;
        }
        if (first == steps.size()) {
            throw new IllegalArgumentException("Cannot use run " + runId + ": no steps with a positive learning rate in"
                    + " run_metrics");
        }
        double[] lr = new double[steps.size() - first];
        double[] loss = new double[lr.length];
        for (int i = 0; i < lr.length; i++) {
            lr[i] = steps.get(first + i).getDouble(0);
            loss[i] = steps.get(first + i).getDouble(1);
        }
        return new AnnealingRun(lr, loss);
    }

    private String fitId() {
        String base = options.law().cliName() + "-" + (options.sweepId() != null ? options.sweepId()
                : options.law() == Law.LR_ANNEALING ? "runs" : "csv");
        return base.replaceAll("[^A-Za-z0-9_.-]", "_") + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmssSSS", Locale.ROOT));
    }

    private static Map<String, double[]> intervals(Map<String, Interval> intervals) {
        Map<String, double[]> out = new LinkedHashMap<>();
        intervals.forEach((k, v) -> out.put(k, new double[] {v.lower(), v.upper()}));
        return out;
    }

    private static void write(Warehouse warehouse, Result r) {
        Row row = RowFactory.create(r.law(), r.source(), scala(r.parameters()), scala(r.standardErrors()),
                scalaArrays(r.interval80()), scalaArrays(r.interval95()), r.objective(), r.points(), scala(r.details()),
                new Timestamp(System.currentTimeMillis()));
        warehouse.replacePartition(TableSchemas.SCALING_FITS, TableSchemas.SCALING_FITS_SCHEMA, TableSchemas.FIT_ID,
                r.fitId(), List.of(row));
    }

    private static <V> scala.collection.Map<String, V> scala(Map<String, V> map) {
        return JavaConverters.mapAsScalaMap(new LinkedHashMap<>(map));
    }

    private static scala.collection.Map<String, double[]> scalaArrays(Map<String, double[]> map) {
        return JavaConverters.mapAsScalaMap(new LinkedHashMap<>(map));
    }
}
