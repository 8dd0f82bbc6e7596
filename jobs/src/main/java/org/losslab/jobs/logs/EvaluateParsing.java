package org.losslab.jobs.logs;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.losslab.common.logs.CsvReader;
import org.losslab.common.logs.LogFormat;
import org.losslab.common.logs.LogTemplate;
import org.losslab.common.logs.ParsingEvaluator;
import org.losslab.common.logs.ParsingScores;
import org.losslab.jobs.spark.JobSteps;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores the log ingest's template mining against Loghub ground truth: for each system folder {@code X/} of a
 * Loghub-layout directory, the lines of {@code X/X_2k.log} go through the same distributed passes as
 * {@code ingest-logs} (built-in layout, default settings) and each line's template is compared with the
 * {@code EventTemplate} of {@code X_2k.log_structured_corrected.csv} (or {@code X_2k.log_structured.csv})
 * by GA, PA, FGA and FTA. A line that does not fit the layout counts as wrongly parsed, in a group of its own.
 */
public final class EvaluateParsing {
    private static final Logger LOG = LoggerFactory.getLogger(EvaluateParsing.class);

    /**
     * Local Loghub-layout directories, the systems to score (empty: every system folder found in them) and the
     * development systems: those whose labels the miner's rules were written against, averaged apart from the
     * rest (held out), since only the held-out figure says how mining does on a log nobody tuned for.
     */
    public record Options(List<Path> loghubs, List<String> systems, List<String> dev) {
        public Options {
            loghubs = List.copyOf(requireNonNull(loghubs, "loghubs"));
            if (loghubs.isEmpty()) {
                throw new IllegalArgumentException("Cannot evaluate parsing: give at least one Loghub directory");
            }
            systems = systems == null ? List.of() : List.copyOf(systems);
            dev = dev == null ? List.of() : List.copyOf(dev);
        }

        public Options(Path loghub, List<String> systems) {
            this(List.of(loghub), systems, List.of());
        }
    }

    /** Scores per system, in the order scored, and their plain averages; {@code dev} as in the options. */
    public record Result(Map<String, ParsingScores> systems, Map<String, Long> rejectedLines, List<String> dev) {
        public double average(java.util.function.ToDoubleFunction<ParsingScores> measure) {
            return systems.values().stream().mapToDouble(measure).average().orElse(Double.NaN);
        }

        /** The average over the development systems ({@code true}) or over the held-out ones. */
        public double average(java.util.function.ToDoubleFunction<ParsingScores> measure, boolean development) {
            return systems.entrySet().stream().filter(e -> isDev(e.getKey()) == development)
                    .mapToDouble(e -> measure.applyAsDouble(e.getValue())).average().orElse(Double.NaN);
        }

        /** How many scored systems are development ones ({@code true}) or held out. */
        public long count(boolean development) {
            return systems.keySet().stream().filter(s -> isDev(s) == development).count();
        }

        private boolean isDev(String system) {
            return dev.stream().anyMatch(system::equalsIgnoreCase);
        }
    }

    private final Options options;

    public EvaluateParsing(Options options) {
        this.options = requireNonNull(options, "options");
    }

    public Result run(SparkSession spark) {
        Map<String, Path> folders = new LinkedHashMap<>();
        for (Path loghub : options.loghubs()) {
            for (String system : discover(loghub)) {
                Path previous = folders.putIfAbsent(system, loghub.resolve(system));
                if (previous != null) {
                    throw new IllegalArgumentException("Cannot evaluate parsing: system " + system + " is in both "
                            + previous.getParent() + " and " + loghub);
                }
            }
        }
        List<String> systems = options.systems().isEmpty() ? List.copyOf(folders.keySet()) : options.systems();
        if (systems.isEmpty()) {
            throw new IllegalArgumentException("Cannot evaluate parsing: " + options.loghubs()
                    + " holds no Loghub system folders (X/X_2k.log with X/X_2k.log_structured[_corrected].csv)");
        }
        for (String system : systems) {
            if (!folders.containsKey(system)) {
                throw new IllegalArgumentException("Cannot evaluate parsing: no system folder " + system + " in "
                        + options.loghubs() + " (found: " + folders.keySet() + ")");
            }
        }
        JobSteps steps = new JobSteps(spark, "evaluate-parsing", LOG);
        Map<String, ParsingScores> scores = new LinkedHashMap<>();
        Map<String, Long> rejected = new LinkedHashMap<>();
        try {
            for (String system : systems) {
                Path folder = folders.get(system);
                Path log = folder.resolve(system + "_2k.log");
                List<String> truth = truth(folder, system);
                LogInput input = LogInput.of(spark, List.of(log.toAbsolutePath().toString()), "line");
                IngestLogs.Parsed parsed = IngestLogs.parse(spark, IngestLogs.format(system, null), system, input,
                        steps);
                steps.step("score " + system);
                Map<String, String> templateText = new HashMap<>();
                for (LogTemplate t : parsed.model().templates()) {
                    templateText.put(t.id(), t.template());
                }
                List<String> templates = new ArrayList<>(truth.size());
                List<String> groups = new ArrayList<>(truth.size());
                for (int i = 0; i < truth.size(); i++) {
                    templates.add("");
                    groups.add("not parsed: line " + (i + 1));
                }
                for (Row row : parsed.lines().select("line_number", "template_id").collectAsList()) {
                    int index = (int) row.getLong(0) - 1;
                    if (index < 0 || index >= truth.size()) {
                        throw new IllegalStateException(log + " has more lines than its ground truth ("
                                + truth.size() + ")");
                    }
                    templates.set(index, templateText.get(row.getString(1)));
                    groups.set(index, row.getString(1));
                }
                scores.put(system, ParsingEvaluator.evaluate(truth, templates, groups));
                rejected.put(system, parsed.summary().rejected());
            }
        } finally {
            steps.done();
        }
        return new Result(scores, rejected, options.dev());
    }

    /** Folders X holding X_2k.log and a structured CSV, with a built-in layout, sorted by name. */
    static List<String> discover(Path loghub) {
        if (!Files.isDirectory(loghub)) {
            throw new IllegalArgumentException("Cannot evaluate parsing: " + loghub + " is not a directory");
        }
        try (Stream<Path> entries = Files.list(loghub)) {
            List<String> found = new ArrayList<>();
            for (Path folder : entries.filter(Files::isDirectory).sorted().toList()) {
                String system = folder.getFileName().toString();
                if (!Files.exists(folder.resolve(system + "_2k.log")) || truthFile(folder, system) == null) {
                    continue;
                }
                if (LogFormat.builtinLayouts().keySet().stream().noneMatch(system::equalsIgnoreCase)) {
                    LOG.warn("Skipping {}: no built-in header layout for it", system);
                    continue;
                }
                found.add(system);
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + loghub + ": " + e.getMessage(), e);
        }
    }

    private static Path truthFile(Path folder, String system) {
        for (String name : List.of(system + "_2k.log_structured_corrected.csv", system + "_2k.log_structured.csv")) {
            if (Files.exists(folder.resolve(name))) {
                return folder.resolve(name);
            }
        }
        return null;
    }

    /** The true template of each line, indexed by LineId - 1. */
    private static List<String> truth(Path folder, String system) {
        Path csv = truthFile(folder, system);
        if (csv == null) {
            throw new IllegalArgumentException("Cannot evaluate " + system + ": " + folder + " has no "
                    + system + "_2k.log_structured_corrected.csv or " + system + "_2k.log_structured.csv");
        }
        List<String[]> rows = CsvReader.readAll(csv);
        List<String> header = Arrays.asList(rows.get(0));
        int lineId = header.indexOf("LineId");
        int template = header.indexOf("EventTemplate");
        if (lineId < 0 || template < 0) {
            throw new IllegalArgumentException("Cannot evaluate " + system + ": " + csv
                    + " lacks the LineId or EventTemplate column (columns: " + header + ")");
        }
        String[] byLine = new String[rows.size() - 1];
        for (int r = 1; r < rows.size(); r++) {
            int id = Integer.parseInt(rows.get(r)[lineId].trim());
            if (id < 1 || id > byLine.length) {
                throw new IllegalArgumentException(csv + " row " + (r + 1) + ": LineId " + id + " out of range 1.."
                        + byLine.length);
            }
            byLine[id - 1] = rows.get(r)[template];
        }
        return Arrays.asList(byLine);
    }

    /** The printed table. */
    public static String report(Result result) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%-12s %6s %6s %6s %6s %7s %9s %9s%n",
                "system", "GA", "PA", "FGA", "FTA", "lines", "true", "found"));
        result.systems().forEach((system, s) -> text.append(String.format(Locale.ROOT,
                "%-12s %6.3f %6.3f %6.3f %6.3f %7d %9d %9d%n", system, s.groupingAccuracy(), s.parsingAccuracy(),
                s.groupingF1(), s.templateF1(), s.lines(), s.trueTemplates(), s.predictedGroups())));
        text.append(String.format(Locale.ROOT, "%-12s %6.3f %6.3f %6.3f %6.3f", "average",
                result.average(ParsingScores::groupingAccuracy), result.average(ParsingScores::parsingAccuracy),
                result.average(ParsingScores::groupingF1), result.average(ParsingScores::templateF1)));
        if (!result.dev().isEmpty()) {
            for (boolean development : new boolean[] {true, false}) {
                text.append(String.format(Locale.ROOT, "%n%-12s %6.3f %6.3f %6.3f %6.3f %7s", development ? "dev"
                        : "held out", result.average(ParsingScores::groupingAccuracy, development),
                        result.average(ParsingScores::parsingAccuracy, development),
                        result.average(ParsingScores::groupingF1, development),
                        result.average(ParsingScores::templateF1, development),
                        "(" + result.count(development) + ")"));
            }
        }
        return text.toString();
    }
}
