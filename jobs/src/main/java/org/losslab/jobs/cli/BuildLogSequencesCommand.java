package org.losslab.jobs.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.SparkSession;
import org.losslab.common.anomaly.WindowKind;
import org.losslab.jobs.logs.BuildLogSequences;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code losslab build-log-sequences}: mined log lines into event windows for next-event models. */
@Command(name = "build-log-sequences", mixinStandardHelpOptions = true,
        description = "Cut the log_lines of one or more systems into windows (session, fixed, sliding or time), map"
                + " templates to event indexes by frequency (log_vocabulary) and write each window's event sequence,"
                + " label and split to log_sequences, one partition per system, replaced whole.")
final class BuildLogSequencesCommand extends SparkCommand {

    @Option(names = "--system", required = true, split = ",", paramLabel = "NAME",
            description = "System(s) already ingested with ingest-logs. Default: none (required).")
    List<String> systems;

    @Option(names = "--window", paramLabel = "session|fixed|sliding|time", defaultValue = "fixed",
            description = "How lines are grouped. Default: ${DEFAULT-VALUE}.")
    String window;

    @Option(names = "--size", paramLabel = "N", defaultValue = "20",
            description = "fixed, sliding: lines per window. Default: ${DEFAULT-VALUE}.")
    int size;

    @Option(names = "--step", paramLabel = "S", defaultValue = "10",
            description = "sliding: lines between window starts. Default: ${DEFAULT-VALUE}.")
    int step;

    @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "3600",
            description = "time: window length in seconds. Default: ${DEFAULT-VALUE}.")
    long duration;

    @Option(names = "--session-key", paramLabel = "REGEX",
            description = "session: a Java regex over the Content; every match is a session id (a line naming two"
                    + " belongs to both), e.g. 'blk_-?[0-9]+'. Default: none.")
    String sessionKey;

    @Option(names = "--session-field", paramLabel = "FIELD",
            description = "session: a header field of the layout whose value is the session id. Default: none.")
    String sessionField;

    @Option(names = "--labels", paramLabel = "CSV",
            description = "session: labels per session id, a CSV with a header and two columns (id, Normal or"
                    + " Anomaly), as Loghub's anomaly_label.csv. Default: labels of the lines (BGL-style), if any.")
    String labels;

    @Option(names = "--split", paramLabel = "chronological|random", defaultValue = "chronological",
            description = "chronological: by window start, earliest windows train; random: by a hash of the window"
                    + " id. Default: ${DEFAULT-VALUE}.")
    String split;

    @Option(names = "--train-fraction", paramLabel = "F", defaultValue = "0.7",
            description = "Share of windows in the train split. Default: ${DEFAULT-VALUE}.")
    double trainFraction;

    @Option(names = "--validation-fraction", paramLabel = "F", defaultValue = "0.1",
            description = "Share of windows in the validation split (the rest test). Default: ${DEFAULT-VALUE}.")
    double validationFraction;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42",
            description = "random split: the hash seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Override
    CommandResult run(SparkSession spark) {
        BuildLogSequences.Result result = new BuildLogSequences(new BuildLogSequences.Options(warehouse(), systems,
                WindowKind.parse(window), size, step, duration, sessionKey, sessionField, labels, split, trainFraction,
                validationFraction, seed)).run(spark);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("window", result.window());
        List<Map<String, Object>> systemsJson = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (BuildLogSequences.SystemResult s : result.systems()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("system", s.system());
            one.put("lines", s.lines());
            one.put("lines_without_window", s.linesWithoutWindow());
            one.put("windows", s.windows());
            one.put("anomalous_windows", s.anomalousWindows());
            one.put("windows_by_split", s.windowsBySplit());
            one.put("vocabulary", s.vocabulary());
            systemsJson.add(one);
            text.append(String.format("%s: %,d %s windows %s, %s; %,d event types; %,d of %,d lines in no window%n",
                    s.system(), s.windows(), result.window(), s.windowsBySplit(), s.anomalousWindows() == null
                            ? "no labels" : String.format("%,d anomalous", s.anomalousWindows()), s.vocabulary(),
                    s.linesWithoutWindow(), s.lines()));
        }
        json.put("systems", systemsJson);
        json.put("tables", result.tables());
        result.tables().forEach((name, path) -> text.append(String.format("  %-14s %s%n", name, path)));
        return new CommandResult(text.toString().stripTrailing(), json);
    }
}
