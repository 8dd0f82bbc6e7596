package org.losslab.jobs.cli;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.spark.sql.SparkSession;
import org.losslab.jobs.scaling.PlotScaling;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code losslab plot-scaling}: fit, then draw the scaling plots as SVG and PNG. */
@Command(name = "plot-scaling", mixinStandardHelpOptions = true,
        description = "Fit a law as fit-scaling does, then write SVG and PNG plots: loss vs N per D with the fitted"
                + " curves and loss vs compute with the frontier (chinchilla), or the fitted and predicted loss curves"
                + " over steps (lr-annealing).")
final class PlotScalingCommand extends SparkCommand {

    @Mixin
    FitOptions fit;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "./work/plots",
            description = "Folder or Hadoop URI for the files. Default: ${DEFAULT-VALUE}.")
    String out;

    @Override
    CommandResult run(SparkSession spark) {
        PlotScaling.Result result = new PlotScaling(new PlotScaling.Options(fit.options(warehouse()), out)).run(spark);
        Map<String, Object> json = new LinkedHashMap<>(FitScalingCommand.json(result.fit()));
        json.put("files", result.files());
        StringBuilder text = new StringBuilder(FitScalingCommand.summary(result.fit())).append(System.lineSeparator());
        result.files().forEach(f -> text.append("  wrote ").append(f).append(System.lineSeparator()));
        return new CommandResult(text.toString().stripTrailing(), json);
    }
}
