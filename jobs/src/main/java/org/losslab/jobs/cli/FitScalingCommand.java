package org.losslab.jobs.cli;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.spark.sql.SparkSession;
import org.losslab.jobs.scaling.FitScaling;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code losslab fit-scaling}: a scaling law fitted on a sweep or a CSV, recorded in scaling_fits. */
@Command(name = "fit-scaling", mixinStandardHelpOptions = true,
        description = "Fit chinchilla (L = E + A/N^alpha + B/D^beta, Hoffmann et al.'s Huber fit from 4,500 starts,"
                + " bootstrap errors), kaplan (power laws on the frontier) or lr-annealing (L0 + A S1^-alpha - C S2)"
                + " and record it in scaling_fits.")
final class FitScalingCommand extends SparkCommand {

    @Mixin
    FitOptions fit;

    @Override
    CommandResult run(SparkSession spark) {
        FitScaling.Result result = new FitScaling(fit.options(warehouse())).run(spark);
        return new CommandResult(summary(result), json(result));
    }

    /** For chinchilla the top-level keys A, B, E, alpha, beta, objective, points and se, as scripts expect. */
    static Map<String, Object> json(FitScaling.Result r) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("fit_id", r.fitId());
        json.put("law", r.law());
        json.put("source", r.source());
        json.putAll(r.parameters());
        json.put("objective", r.objective());
        json.put("points", r.points());
        json.put("se", r.standardErrors());
        json.put("interval_80", r.interval80());
        json.put("interval_95", r.interval95());
        json.put("details", r.details());
        return json;
    }

    static String summary(FitScaling.Result r) {
        StringBuilder text = new StringBuilder(String.format("Fitted %s on %s (%d points, objective %.6g) as %s%n",
                r.law(), r.source(), r.points(), r.objective(), r.fitId()));
        r.parameters().forEach((name, value) -> {
            text.append(String.format("  %-8s %12.6g", name, value));
            Double se = r.standardErrors().get(name);
            if (se != null) {
                double[] i95 = r.interval95().get(name);
                text.append(String.format("  (se %.3g, 95%% [%.4g, %.4g])", se, i95[0], i95[1]));
            }
            text.append(System.lineSeparator());
        });
        r.details().forEach((k, v) -> text.append(String.format("  %s = %s%n", k, v)));
        return text.toString().stripTrailing();
    }
}
