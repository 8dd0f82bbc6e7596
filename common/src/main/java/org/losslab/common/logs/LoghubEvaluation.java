package org.losslab.common.logs;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Scores the default template miner on a Loghub-layout directory ({@code X/X_2k.log} plus
 * {@code X/X_2k.log_structured_corrected.csv}, or {@code X_2k.log_structured.csv}) and measures the
 * single-thread speed of mining.
 *
 * <pre>
 * java -cp common/target/classes org.losslab.common.logs.LoghubEvaluation DIR[,DIR]
 *      [--systems HDFS,BGL] [--speed-lines 3000000] [--mismatches 10] [--leave-one-out]
 * </pre>
 * {@code --leave-one-out} scores each system with the grouping settings ({@link #SETTINGS_GRID}) that do best on
 * the other systems, so nothing is tuned on the system being scored, next to its score with the defaults.
 * Every system is parsed with its built-in header layout and the default settings. The speed run
 * replicates all contents to the requested number of lines, re-randomising the digits inside the
 * variables of each copy, and times pass 1 (tokenise, mask, count), mining, and pass 2 (tokenise, mask,
 * look up the template, locate the variables) on one thread.
 */
public final class LoghubEvaluation {

    private LoghubEvaluation() {
    }

    /** Entry point; see the class comment for arguments. */
    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: LoghubEvaluation DIR [--systems A,B] [--speed-lines N] [--mismatches K]");
            System.exit(2);
        }
        List<Path> dirs = Arrays.stream(args[0].split(",")).map(Path::of).toList();
        List<String> systems = null;
        int speedLines = 3_000_000;
        int mismatches = 0;
        boolean leaveOneOut = false;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--systems":
                    systems = Arrays.asList(args[++i].split(","));
                    break;
                case "--speed-lines":
                    speedLines = Integer.parseInt(args[++i]);
                    break;
                case "--mismatches":
                    mismatches = Integer.parseInt(args[++i]);
                    break;
                case "--leave-one-out":
                    leaveOneOut = true;
                    break;
                default:
                    throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        PrintStream out = System.out;
        List<SystemData> data = new ArrayList<>();
        for (Path dir : dirs) {
            for (String system : discoverSystems(dir)) {
                if (systems == null || systems.contains(system)) {
                    data.add(SystemData.load(dir, system));
                }
            }
        }
        Map<String, ParsingScores> scores = new LinkedHashMap<>();
        for (SystemData d : data) {
            scores.put(d.system, score(d, out, mismatches));
        }
        printTable(scores, out);
        if (leaveOneOut) {
            printLeaveOneOut(leaveOneOut(data, SETTINGS_GRID, out), out);
        }
        if (speedLines > 0) {
            measureSpeed(data, speedLines, out);
        }
    }

    /** Subdirectories that hold a {@code X_2k.log} and have a built-in layout, sorted by name. */
    static List<String> discoverSystems(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .filter(s -> Files.exists(dir.resolve(s).resolve(s + "_2k.log")))
                    .filter(s -> LogFormat.builtinLayouts().keySet().stream().anyMatch(s::equalsIgnoreCase))
                    .sorted()
                    .collect(Collectors.toList());
        }
    }

    /** Raw contents and ground truth of one system. */
    static final class SystemData {
        final String system;
        final List<String> contents = new ArrayList<>();
        final List<String> truth = new ArrayList<>();
        int headerFailures;

        private SystemData(String system) {
            this.system = system;
        }

        static SystemData load(Path dir, String system) throws IOException {
            Path folder = dir.resolve(system);
            SystemData d = new SystemData(system);
            LogFormat format = LogFormat.builtin(system);
            List<String> lines = Files.readAllLines(folder.resolve(system + "_2k.log"), StandardCharsets.UTF_8);
            Path csv = folder.resolve(system + "_2k.log_structured_corrected.csv");
            if (!Files.exists(csv)) {
                csv = folder.resolve(system + "_2k.log_structured.csv");
            }
            List<String[]> rows = CsvReader.readAll(csv);
            int column = Arrays.asList(rows.get(0)).indexOf("EventTemplate");
            if (rows.size() - 1 != lines.size() || column < 0) {
                throw new IOException(csv + ": expected " + lines.size() + " rows with an EventTemplate column");
            }
            for (int i = 0; i < lines.size(); i++) {
                HeaderMatch m = format.match(lines.get(i));
                if (!m.matched()) {
                    d.headerFailures++;
                }
                d.contents.add(m.matched() ? m.content() : lines.get(i).strip());
                d.truth.add(rows.get(i + 1)[column]);
            }
            return d;
        }
    }

    static ParsingScores score(SystemData d, PrintStream out, int mismatches) {
        return score(d, out, mismatches, TemplateMinerSettings.defaults());
    }

    static ParsingScores score(SystemData d, PrintStream out, int mismatches, TemplateMinerSettings settings) {
        TemplateModel model = TemplateMiner.mine(new TemplateStatistics().addAll(d.contents), settings);
        TemplateModel.Matcher matcher = model.matcher();
        List<String> templates = new ArrayList<>(d.contents.size());
        List<String> groups = new ArrayList<>(d.contents.size());
        for (String c : d.contents) {
            ParsedMessage p = matcher.parse(c);
            templates.add(p.template());
            groups.add(p.templateId());
        }
        if (d.headerFailures > 0) {
            out.printf(Locale.ROOT, "%s: %d lines did not fit the header layout%n", d.system, d.headerFailures);
        }
        if (mismatches > 0) {
            printMismatches(d, templates, out, mismatches);
        }
        return ParsingEvaluator.evaluate(d.truth, templates, groups);
    }

    /**
     * The grouping settings the leave-one-out check chooses from: the two thresholds of
     * {@link TemplateMinerSettings} around the defaults (3, 12), which come first and win ties.
     */
    static final List<TemplateMinerSettings> SETTINGS_GRID = settingsGrid();

    private static List<TemplateMinerSettings> settingsGrid() {
        List<TemplateMinerSettings> grid = new ArrayList<>();
        grid.add(TemplateMinerSettings.defaults());
        for (int min : new int[] {2, 3, 4, 5}) {
            for (int max : new int[] {6, 8, 12, 16, 24}) {
                TemplateMinerSettings s = TemplateMinerSettings.of(min, max);
                if (min != TemplateMinerSettings.defaults().minDistinctForVariable()
                        || max != TemplateMinerSettings.defaults().maxDistinctConstants()) {
                    grid.add(s);
                }
            }
        }
        return List.copyOf(grid);
    }

    /** One system scored leave-one-out: the settings chosen on the others, its scores with them and the defaults. */
    record LeaveOneOut(TemplateMinerSettings chosen, ParsingScores held, ParsingScores defaults) {
    }

    /** The average GA over all systems of each grid setting, in grid order. */
    static Map<String, Double> gridAverages(ParsingScores[][] scores, List<TemplateMinerSettings> grid) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int g = 0; g < grid.size(); g++) {
            double sum = 0;
            for (ParsingScores[] system : scores) {
                sum += system[g].groupingAccuracy();
            }
            out.put(grid.get(g).toString(), sum / Math.max(1, scores.length));
        }
        return out;
    }

    /**
     * For each system, the grid settings with the best average GA over the other systems, applied to it; prints
     * each setting's average GA over all systems to {@code out} first.
     */
    static Map<String, LeaveOneOut> leaveOneOut(List<SystemData> data, List<TemplateMinerSettings> grid,
            PrintStream out) {
        PrintStream quiet = new PrintStream(java.io.OutputStream.nullOutputStream());
        ParsingScores[][] scores = new ParsingScores[data.size()][grid.size()];
        for (int d = 0; d < data.size(); d++) {
            for (int g = 0; g < grid.size(); g++) {
                scores[d][g] = score(data.get(d), quiet, 0, grid.get(g));
            }
        }
        out.printf(Locale.ROOT, "average GA by settings (minDistinctForVariable, maxDistinctConstants): %s%n",
                gridAverages(scores, grid).entrySet().stream().map(e -> e.getKey() + " " + String.format(Locale.ROOT,
                        "%.3f", e.getValue())).collect(Collectors.joining(", ")));
        Map<String, LeaveOneOut> results = new LinkedHashMap<>();
        for (int held = 0; held < data.size(); held++) {
            int best = 0;
            double bestGa = -1;
            for (int g = 0; g < grid.size(); g++) {
                double sum = 0;
                for (int d = 0; d < data.size(); d++) {
                    sum += d == held ? 0 : scores[d][g].groupingAccuracy();
                }
                if (sum > bestGa + 1e-12) {
                    bestGa = sum;
                    best = g;
                }
            }
            results.put(data.get(held).system, new LeaveOneOut(grid.get(best), scores[held][best], scores[held][0]));
        }
        return results;
    }

    static void printLeaveOneOut(Map<String, LeaveOneOut> results, PrintStream out) {
        out.printf(Locale.ROOT, "leave-one-system-out (settings chosen on the other systems by average GA)%n");
        out.printf(Locale.ROOT, "%-10s %-9s %6s %6s %10s%n", "held out", "chosen", "GA", "PA", "GA default");
        double ga = 0;
        double pa = 0;
        for (Map.Entry<String, LeaveOneOut> e : results.entrySet()) {
            LeaveOneOut r = e.getValue();
            out.printf(Locale.ROOT, "%-10s %-9s %6.3f %6.3f %10.3f%n", e.getKey(), r.chosen(),
                    r.held().groupingAccuracy(), r.held().parsingAccuracy(), r.defaults().groupingAccuracy());
            ga += r.held().groupingAccuracy();
            pa += r.held().parsingAccuracy();
        }
        int n = Math.max(1, results.size());
        out.printf(Locale.ROOT, "%-10s %-9s %6.3f %6.3f%n", "average", "", ga / n, pa / n);
    }

    private static void printMismatches(SystemData d, List<String> predicted, PrintStream out, int limit) {
        Map<String, Integer> wrong = new TreeMap<>();
        for (int i = 0; i < predicted.size(); i++) {
            if (!predicted.get(i).equals(d.truth.get(i))) {
                wrong.merge("want: " + d.truth.get(i) + "\n    got:  " + predicted.get(i), 1, Integer::sum);
            }
        }
        out.println("== " + d.system + " template mismatches (lines, expected vs produced)");
        wrong.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(limit)
                .forEach(e -> out.println("  " + e.getValue() + "  " + e.getKey()));
    }

    static void printTable(Map<String, ParsingScores> scores, PrintStream out) {
        out.printf(Locale.ROOT, "%-10s %6s %6s %6s %6s %9s %9s%n", "system", "GA", "PA", "FGA", "FTA", "templates",
                "predicted");
        double[] sum = new double[4];
        for (Map.Entry<String, ParsingScores> e : scores.entrySet()) {
            ParsingScores s = e.getValue();
            out.printf(Locale.ROOT, "%-10s %6.3f %6.3f %6.3f %6.3f %9d %9d%n", e.getKey(), s.groupingAccuracy(),
                    s.parsingAccuracy(), s.groupingF1(), s.templateF1(), s.trueTemplates(), s.predictedGroups());
            sum[0] += s.groupingAccuracy();
            sum[1] += s.parsingAccuracy();
            sum[2] += s.groupingF1();
            sum[3] += s.templateF1();
        }
        int n = Math.max(1, scores.size());
        out.printf(Locale.ROOT, "%-10s %6.3f %6.3f %6.3f %6.3f%n", "average", sum[0] / n, sum[1] / n, sum[2] / n,
                sum[3] / n);
    }

    /**
     * Replicates the contents of all systems to {@code target} lines with fresh digits inside the
     * variables, then times pass 1, mining and pass 2 on this thread.
     */
    static void measureSpeed(List<SystemData> data, int target, PrintStream out) {
        List<String> base = new ArrayList<>();
        List<int[]> spans = new ArrayList<>();
        for (SystemData d : data) {
            TemplateModel model = TemplateMiner.mine(new TemplateStatistics().addAll(d.contents));
            TemplateModel.Matcher m = model.matcher();
            int[] buf = new int[4096];
            for (String c : d.contents) {
                int t = m.templateIndex(c);
                int k = t < 0 ? -1 : m.variableSpans(c, t, buf);
                base.add(c);
                spans.add(k <= 0 ? new int[0] : Arrays.copyOf(buf, 2 * k));
            }
        }
        String[] corpus = replicate(base, spans, target);
        long chars = 0;
        for (String s : corpus) {
            chars += s.length();
        }
        for (int round = 0; round < 2; round++) {
            long t0 = System.nanoTime();
            TemplateStatistics stats = new TemplateStatistics();
            for (String s : corpus) {
                stats.add(s);
            }
            long t1 = System.nanoTime();
            TemplateModel model = TemplateMiner.mine(stats);
            long t2 = System.nanoTime();
            TemplateModel.Matcher m = model.matcher();
            int[] buf = new int[4096];
            long check = 0;
            for (String s : corpus) {
                check += m.templateIndexAndSpans(s, buf) >= 0 ? 1 : 0;
            }
            long t3 = System.nanoTime();
            double total = (t3 - t0) / 1e9;
            out.printf(Locale.ROOT, "speed%s: %d lines (%.1f MB of content), %d signatures, %d templates%n",
                    round == 0 ? " (warm-up)" : "", corpus.length, chars / 1e6, stats.signatureCount(),
                    model.templateCount());
            out.printf(Locale.ROOT,
                    "  pass 1 %.2fs, mining %.2fs, pass 2 %.2fs (lines aligned with their template: %d)%n",
                    (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, check);
            out.printf(Locale.ROOT, "  one thread: %,.0f lines/s end to end (pass 1 + mining + pass 2)%n",
                    corpus.length / total);
        }
    }

    /** Copies of the base lines, cycling, with every digit inside a variable span replaced at random. */
    static String[] replicate(List<String> base, List<int[]> spans, int target) {
        SplittableRandom random = new SplittableRandom(42);
        String[] corpus = new String[target];
        for (int i = 0; i < target; i++) {
            int b = i % base.size();
            String line = base.get(b);
            int[] s = spans.get(b);
            if (i < base.size() || s.length == 0) {
                corpus[i] = line;
                continue;
            }
            char[] chars = line.toCharArray();
            for (int v = 0; v < s.length; v += 2) {
                for (int k = s[v]; k < s[v + 1]; k++) {
                    if (chars[k] >= '0' && chars[k] <= '9') {
                        chars[k] = (char) ('0' + random.nextInt(10));
                    }
                }
            }
            corpus[i] = new String(chars);
        }
        return corpus;
    }
}
