package org.losslab.jobs.grokking;

import static java.util.Objects.requireNonNull;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.losslab.common.grokking.GrokkingDesign;
import org.losslab.common.grokking.GrokkingMetrics;
import org.losslab.jobs.warehouse.TableSchemas;
import org.losslab.jobs.warehouse.Warehouse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code grokking}: measures grokking on every finished run of a selection into {@code grokking_metrics} (one
 * partition per run) and regresses the delay on the hyperparameters into {@code grokking_regression} (one
 * partition per selection). The regression is skipped, with the reason reported, when the runs cannot support
 * it (too few usable runs, or no hyperparameter varies).
 */
public final class MeasureGrokking {
    private static final Logger LOG = LoggerFactory.getLogger(MeasureGrokking.class);

    public record Options(String warehouse, GrokkingRuns.Selection selection, double threshold, String response,
            String censoring, boolean regress) {
        public Options {
            requireNonNull(warehouse, "warehouse");
            requireNonNull(selection, "selection");
            if (!(threshold > 0 && threshold <= 1)) {
                throw new IllegalArgumentException("Cannot use an accuracy threshold of " + threshold
                        + ": it must be in (0, 1]");
            }
            if (!GrokkingDesign.RESPONSES.contains(response)) {
                throw new IllegalArgumentException("Unknown response '" + response + "': use "
                        + String.join(" or ", GrokkingDesign.RESPONSES));
            }
            if (!GrokkingDesign.CENSORING.contains(censoring)) {
                throw new IllegalArgumentException("Unknown censoring '" + censoring + "': use "
                        + String.join(" or ", GrokkingDesign.CENSORING));
            }
        }
    }

    /** One run's measurements. */
    public record RunMetrics(GrokkingRuns.RunCurve run, GrokkingMetrics metrics) {
    }

    /**
     * What was measured; {@code regression} is null when skipped, with {@code regressionSkipped} saying why.
     */
    public record Result(String regressionId, List<RunMetrics> runs, List<String> skipped, GrokkingDesign design,
            RegressGrokking.Fit regression, String regressionSkipped) {
    }

    private final Options options;

    public MeasureGrokking(Options options) {
        this.options = requireNonNull(options, "options");
    }

    public Result run(SparkSession spark) {
        Warehouse warehouse = Warehouse.open(spark, options.warehouse());
        GrokkingRuns.Loaded loaded = GrokkingRuns.load(warehouse, options.selection());
        if (loaded.runs().isEmpty()) {
            throw new IllegalArgumentException("Cannot analyse " + options.selection() + ": none of its runs finished ("
                    + loaded.skipped() + ")");
        }
        Timestamp now = new Timestamp(System.currentTimeMillis());
        List<RunMetrics> measured = new ArrayList<>();
        for (GrokkingRuns.RunCurve run : loaded.runs()) {
            GrokkingMetrics m = GrokkingMetrics.of(run.curve(), options.threshold());
            measured.add(new RunMetrics(run, m));
            warehouse.replacePartition(TableSchemas.GROKKING_METRICS, TableSchemas.GROKKING_METRICS_SCHEMA,
                    TableSchemas.RUN_ID, run.runId(), List.of(row(run, m, now)));
        }
        LOG.info("grokking: measured {} runs of {} ({} grokked)", measured.size(), options.selection(),
                measured.stream().filter(r -> r.metrics().grokked()).count());
        if (!options.regress()) {
            return new Result(options.selection().id(), measured, loaded.skipped(), null, null, "not requested");
        }
        GrokkingDesign design;
        RegressGrokking.Fit fit;
        try {
            List<RunMetrics> described = measured.stream().filter(r -> r.run().weightDecay() != null
                    && r.run().width() != null).toList();
            if (described.size() < measured.size()) {
                LOG.warn("grokking: {} runs without a weight decay or width (imported logs) are left out of the"
                        + " regression", measured.size() - described.size());
            }
            design = GrokkingDesign.of(described.stream().map(r -> new GrokkingDesign.Run(r.run().runId(),
                    r.run().weightDecay(), r.run().trainFraction() == null ? 1.0 : r.run().trainFraction(),
                    r.run().width(), r.run().outputActivation(), r.metrics())).toList(), options.response(),
                    options.censoring());
            if (design.columns().isEmpty()) {
                return new Result(options.selection().id(), measured, loaded.skipped(), design, null,
                        "no hyperparameter varies over the runs used");
            }
            fit = RegressGrokking.fit(spark, design);
        } catch (IllegalArgumentException e) {
            LOG.warn("grokking: regression skipped: {}", e.getMessage());
            return new Result(options.selection().id(), measured, loaded.skipped(), null, null, e.getMessage());
        }
        List<Row> rows = new ArrayList<>();
        for (RegressGrokking.Term t : fit.terms()) {
            rows.add(RowFactory.create(t.term(), t.coefficient(), finite(t.stdError()), finite(t.tValue()),
                    finite(t.pValue()), design.response(), design.censoring(), design.runIds().size(),
                    design.censoredRuns().size(), design.excludedRuns().toArray(String[]::new),
                    design.dropped().toArray(String[]::new), fit.dispersion(), options.threshold(),
                    options.selection().toString(), now));
        }
        warehouse.replacePartition(TableSchemas.GROKKING_REGRESSION, TableSchemas.GROKKING_REGRESSION_SCHEMA,
                TableSchemas.REGRESSION_ID, options.selection().id(), rows);
        return new Result(options.selection().id(), measured, loaded.skipped(), design, fit, null);
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private Row row(GrokkingRuns.RunCurve run, GrokkingMetrics m, Timestamp now) {
        return RowFactory.create(run.sweepId(), run.task(), m.memorizationStep(), m.generalizationStep(), m.delay(),
                m.delayRatio(), m.grokked(), m.budgetSteps(), m.evaluations(), m.finalTrainAccuracy(),
                m.finalValAccuracy(), m.finalScFraction(), m.maxScFraction(), m.weightNormAtMemorization(),
                m.weightNormAtGeneralization(), m.finalWeightNorm(), options.threshold(), run.weightDecay(), run.trainFraction(),
                run.width(), run.outputActivation(), run.perpGrad(), now);
    }
}
