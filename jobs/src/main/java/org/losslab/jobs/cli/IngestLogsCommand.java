package org.losslab.jobs.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.SparkSession;
import org.losslab.common.logs.TemplateStyle;
import org.losslab.jobs.logs.IngestLogs;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code losslab ingest-logs}: raw logs into log_lines, log_templates and log_rejects with mined templates. */
@Command(name = "ingest-logs", mixinStandardHelpOptions = true,
        description = "Split log lines by a header layout, mine templates distributed (two passes, merged on the"
                + " driver) and write log_lines, log_templates and log_rejects, partitioned by system. Replaces"
                + " this system's partitions; a failed run leaves the previous ones.")
final class IngestLogsCommand extends SparkCommand {

    @Option(names = "--system", required = true, paramLabel = "NAME",
            description = "System name: the partition written, and the built-in layout used unless --layout is"
                    + " given (HDFS, Hadoop, Spark, Zookeeper, BGL, HPC, Linux, Apache, Android, HealthApp, Mac,"
                    + " OpenSSH, OpenStack, Proxifier, Thunderbird, Windows, and hdfs-sim for simulate-logs output)."
                    + " Default: none (required).")
    String system;

    @Option(names = "--input", required = true, split = ",", paramLabel = "PATH",
            description = "Log files, folders or globs: text (also gzip/bzip2), or Parquet with a line column."
                    + " Default: none (required).")
    List<String> input;

    @Option(names = "--layout", paramLabel = "'HEADER LAYOUT'",
            description = "Header layout, e.g. '<Date> <Time> <Pid> <Level> <Component>: <Content>'; fields in"
                    + " angle brackets, (...)? optional; or 'auto': inferred from the input's first 1,000 lines"
                    + " (dates, times, levels, pids, [brackets], 'Component:'), printed with how many lines have"
                    + " that header. Default: the system's built-in layout.")
    String layout;

    @Option(names = "--line-column", paramLabel = "NAME", defaultValue = "line",
            description = "Column holding the line in Parquet input. Default: ${DEFAULT-VALUE}.")
    String lineColumn;

    @Option(names = "--template-style", paramLabel = "loghub|compact", defaultValue = "loghub",
            description = "How templates and variables are written: loghub, one <*> per token (12:03:04 is"
                    + " <*>:<*>:<*>, Loghub-2.0's convention), or compact, one <*> per value (<*>). Changes no"
                    + " grouping and no template id. Default: ${DEFAULT-VALUE}.")
    String templateStyle;

    @Override
    CommandResult run(SparkSession spark) {
        IngestLogs.Result result = new IngestLogs(new IngestLogs.Options(warehouse(), system, input, layout,
                lineColumn, TemplateStyle.parse(templateStyle))).run(spark);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("system", result.system());
        json.put("layout", result.layout());
        if (result.inferred() != null) {
            json.put("layout_sampled_lines", result.inferred().sampled());
            json.put("layout_fitting_lines", result.inferred().fitting());
        }
        json.put("files", result.files());
        json.put("rows_in", result.linesIn());
        json.put("rows_written", result.linesWritten());
        json.put("rows_rejected", result.linesRejected());
        json.put("rejects_by_reason", result.rejectsByReason());
        json.put("templates", result.templates());
        json.put("tables", result.tables());
        String summary = String.format("Ingested %s logs (%d file%s, layout %s)%n  lines  %,d in = %,d written + %,d"
                + " rejected%s%n  templates  %,d%n", result.system(), result.files(), result.files() == 1 ? "" : "s",
                result.layout(), result.linesIn(), result.linesWritten(), result.linesRejected(),
                result.rejectsByReason().isEmpty() ? "" : " " + result.rejectsByReason(), result.templates());
        StringBuilder text = new StringBuilder(summary);
        if (result.inferred() != null) {
            text.append(String.format("  layout inferred from the first %,d lines: %,d have its header %s%n",
                    result.inferred().sampled(), result.inferred().fitting(), result.inferred().columns()));
        }
        result.tables().forEach((name, path) -> text.append(String.format("  %-14s %s%n", name, path)));
        return new CommandResult(text.toString().stripTrailing(), json);
    }
}
