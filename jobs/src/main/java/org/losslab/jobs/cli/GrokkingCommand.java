package org.losslab.jobs.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.spark.sql.SparkSession;
import org.losslab.common.grokking.GrokkingMetrics;
import org.losslab.jobs.grokking.MeasureGrokking;
import org.losslab.jobs.grokking.RegressGrokking;

import picocli.CommandLine.Command;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** {@code losslab grokking}: grokking metrics per run, and their regression on the hyperparameters. */
@Command(name = "grokking", mixinStandardHelpOptions = true,
        description = "Measure grokking on finished runs into grokking_metrics (memorization and generalization"
                + " steps, delay, delay ratio, grokked, SC fraction, weight norms) and regress the delay on log weight"
                + " decay, train fraction, log width and the output activation with MLlib's"
                + " GeneralizedLinearRegression into grokking_regression.")
final class GrokkingCommand extends SparkCommand {

    @ArgGroup(exclusive = true, multiplicity = "1")
    RunSelection runs;

    @Option(names = "--threshold", paramLabel = "ACC", defaultValue = "" + GrokkingMetrics.DEFAULT_THRESHOLD,
            description = "Accuracy that counts as memorised (train) and generalised (validation)."
                    + " Default: ${DEFAULT-VALUE}.")
    double threshold;

    @Option(names = "--response", paramLabel = "log_delay|log_generalization_step", defaultValue = "log_delay",
            description = "Regression response: ln(1 + delay) or ln(generalization step). Default: ${DEFAULT-VALUE}.")
    String response;

    @Option(names = "--censoring", paramLabel = "exclude|at-budget", defaultValue = "exclude",
            description = "Runs that never grokked: leave them out, or use their budget as a lower bound; either"
                    + " way they are counted and named. Default: ${DEFAULT-VALUE}.")
    String censoring;

    @Option(names = "--skip-regression", description = "Metrics only, no regression. Default: ${DEFAULT-VALUE}.")
    boolean skipRegression;

    @Override
    CommandResult run(SparkSession spark) {
        MeasureGrokking.Result r = new MeasureGrokking(new MeasureGrokking.Options(warehouse(), runs.selection(),
                threshold, response, censoring, !skipRegression)).run(spark);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("regression_id", r.regressionId());
        List<Map<String, Object>> perRun = new ArrayList<>();
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "Grokking of %d runs (threshold %s)%n  %-32s %-9s %5s %5s %6s %8s %8s %7s %8s %6s%n", r.runs().size(),
                threshold, "run", "act", "wd", "frac", "memo", "general", "delay", "ratio", "final_val", "SC"));
        for (MeasureGrokking.RunMetrics rm : r.runs()) {
            GrokkingMetrics m = rm.metrics();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("run_id", rm.run().runId());
            row.put("memorization_step", m.memorizationStep());
            row.put("generalization_step", m.generalizationStep());
            row.put("delay", m.delay());
            row.put("delay_ratio", m.delayRatio());
            row.put("grokked", m.grokked());
            row.put("budget_steps", m.budgetSteps());
            row.put("final_val_accuracy", m.finalValAccuracy());
            row.put("final_sc_fraction", m.finalScFraction());
            perRun.add(row);
            text.append(String.format(Locale.ROOT, "  %-32s %-9s %5s %5s %6s %8s %8s %7s %8s %6s%n",
                    rm.run().runId(), rm.run().outputActivation(), rm.run().weightDecay(), rm.run().trainFraction(),
                    str(m.memorizationStep()), m.grokked() ? str(m.generalizationStep()) : "never", str(m.delay()),
                    m.delayRatio() == null ? "-" : String.format(Locale.ROOT, "%.1f", m.delayRatio()),
                    fmt(m.finalValAccuracy()), fmt(m.finalScFraction())));
        }
        json.put("runs", perRun);
        json.put("skipped", r.skipped());
        if (!r.skipped().isEmpty()) {
            text.append("  not finished, skipped: ").append(r.skipped()).append(System.lineSeparator());
        }
        if (r.regression() == null) {
            json.put("regression", null);
            json.put("regression_skipped", r.regressionSkipped());
            text.append("Regression not fitted: ").append(r.regressionSkipped());
        } else {
            List<Map<String, Object>> terms = new ArrayList<>();
            text.append(String.format(Locale.ROOT, "Regression %s of %s on %d runs (censoring %s: %d never grokked%s;"
                    + " constant, dropped: %s)%n  %-18s %10s %10s %8s %9s%n", r.regressionId(), r.design().response(),
                    r.design().runIds().size(), r.design().censoring(), r.design().censoredRuns().size(),
                    r.design().excludedRuns().isEmpty() ? "" : ", excluded " + r.design().excludedRuns(),
                    r.design().dropped(), "term", "coef", "std err", "t", "p"));
            for (RegressGrokking.Term t : r.regression().terms()) {
                Map<String, Object> term = new LinkedHashMap<>();
                term.put("term", t.term());
                term.put("coefficient", t.coefficient());
                term.put("std_error", t.stdError());
                term.put("t_value", t.tValue());
                term.put("p_value", t.pValue());
                terms.add(term);
                text.append(String.format(Locale.ROOT, "  %-18s %10.4f %10.4f %8.3f %9.4f%n", t.term(),
                        t.coefficient(), t.stdError(), t.tValue(), t.pValue()));
            }
            Map<String, Object> reg = new LinkedHashMap<>();
            reg.put("response", r.design().response());
            reg.put("censoring", r.design().censoring());
            reg.put("runs_used", r.design().runIds().size());
            reg.put("censored_runs", r.design().censoredRuns());
            reg.put("excluded_runs", r.design().excludedRuns());
            reg.put("dropped_terms", r.design().dropped());
            reg.put("terms", terms);
            json.put("regression", reg);
        }
        return new CommandResult(text.toString().stripTrailing(), json);
    }

    private static String str(Long v) {
        return v == null ? "-" : v.toString();
    }

    private static String fmt(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }
}
