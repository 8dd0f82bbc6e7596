package org.losslab.jobs.cli;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.spark.sql.SparkSession;
import org.losslab.jobs.grokking.PlotGrokking;

import picocli.CommandLine.Command;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** {@code losslab plot-grokking}: accuracy curves per run on a log step axis, SVG and PNG. */
@Command(name = "plot-grokking", mixinStandardHelpOptions = true,
        description = "Draw training and validation accuracy (and the SC fraction) over steps, log x-axis, one SVG"
                + " and one PNG per finished run.")
final class PlotGrokkingCommand extends SparkCommand {

    @ArgGroup(exclusive = true, multiplicity = "1")
    RunSelection runs;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "./work/plots",
            description = "Folder or Hadoop URI for the files. Default: ${DEFAULT-VALUE}.")
    String out;

    @Override
    CommandResult run(SparkSession spark) {
        PlotGrokking.Result result = new PlotGrokking(new PlotGrokking.Options(warehouse(), runs.selection(), out))
                .run(spark);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("files", result.files());
        json.put("skipped", result.skipped());
        StringBuilder text = new StringBuilder();
        result.files().forEach(f -> text.append("wrote ").append(f).append(System.lineSeparator()));
        if (!result.skipped().isEmpty()) {
            text.append("not finished, skipped: ").append(result.skipped());
        }
        return new CommandResult(text.toString().stripTrailing(), json);
    }
}
