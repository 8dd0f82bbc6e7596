package org.losslab.jobs.report;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.desc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.losslab.common.scaling.ChinchillaLaw;
import org.losslab.common.scaling.ScalingPoint;
import org.losslab.jobs.grokking.GrokkingRuns;
import org.losslab.jobs.plots.Charts;
import org.losslab.jobs.report.ReportPages.Cell;
import org.losslab.jobs.report.ReportPages.Definition;
import org.losslab.jobs.report.ReportPages.Definitions;
import org.losslab.jobs.report.ReportPages.Image;
import org.losslab.jobs.report.ReportPages.Section;
import org.losslab.jobs.report.ReportPages.Table;
import org.losslab.jobs.scaling.PlotScaling;
import org.losslab.jobs.warehouse.TableSchemas;
import org.losslab.jobs.warehouse.Warehouse;

import scala.collection.JavaConverters;

/**
 * {@code report}: a static HTML report of a warehouse in one folder (HTML pages and SVG/PNG plots, nothing fetched
 * from the network, opens from {@code file://}): an overview of the tables and what each ingest wrote and
 * rejected, the runs (one sortable row each, and a page per selected run with its loss curves, the workers' loss
 * spread and, where evaluated, accuracies, weight norm and SC fraction), sweeps and scaling fits with their plots,
 * grokking metrics and regressions, the log systems with their templates and anomaly detection, and the rejects.
 * The report is rewritten as a whole: its folder holds a marker, and a non-empty folder without one is refused.
 */
public final class BuildReport {
    static final String MARKER = ".losslab-report";
    private static final int WIDTH = 900;
    private static final int HEIGHT = 500;
    private static final int TOP_TEMPLATES = 15;
    private static final int SAMPLE_REJECTS = 20;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    /** The warehouse, which runs get a page of their own, and the folder to write. */
    public record Options(String warehouse, GrokkingRuns.Selection selection, String out) {
        public Options {
            requireNonNull(warehouse, "warehouse");
            requireNonNull(selection, "selection");
            requireNonNull(out, "out");
        }
    }

    /** The folder, its pages, the runs given a page and the plots drawn. */
    public record Result(Path out, List<Path> pages, List<String> runPages, int plots) {
        public Path index() {
            return out.resolve("index.html");
        }
    }

    private final Options options;
    private Warehouse warehouse;
    private ReportPages pages;
    private Path out;
    private int plots;
    /** Run id -> page path (relative to the report folder) of every run given a page. */
    private final Map<String, String> runPages = new LinkedHashMap<>();

    public BuildReport(Options options) {
        this.options = requireNonNull(options, "options");
    }

    public Result run(SparkSession spark) {
        warehouse = Warehouse.open(spark, options.warehouse());
        out = prepare(Path.of(options.out()).toAbsolutePath().normalize());
        pages = new ReportPages(out, warehouse.root().toString(), TIME.format(Instant.now()));
        Set<String> tables = new LinkedHashSet<>(warehouse.tables());
        List<Row> runs = tables.contains(TableSchemas.RUNS)
                ? warehouse.read(TableSchemas.RUNS).orderBy(col("started_at"), col(TableSchemas.RUN_ID)).collectAsList()
                : List.of();
        Map<String, Row> summaries = byRun(tables, TableSchemas.RUN_SUMMARY);
        List<Row> selected = select(runs);
        for (Row run : selected) {
            runPages.put(run.getAs(TableSchemas.RUN_ID), "runs/" + ReportPages.fileName(run.getAs(TableSchemas.RUN_ID))
                    + ".html");
        }
        overview(tables);
        runsPage(runs, summaries);
        runPagesFor(tables, selected, summaries);
        scalingPage(tables);
        grokkingPage(tables);
        logsPage(tables);
        rejectsPage(tables);
        return new Result(out, pages.written(), List.copyOf(runPages.keySet()), plots);
    }

    /** Creates the folder, or empties a previous report in it; refuses a non-empty folder that is not a report. */
    private static Path prepare(Path dir) {
        try {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> entries = Files.list(dir)) {
                    boolean empty = entries.findAny().isEmpty();
                    if (!empty && !Files.exists(dir.resolve(MARKER))) {
                        throw new IllegalArgumentException("Cannot write the report into " + dir + ": the folder is"
                                + " not empty and holds no earlier report (" + MARKER + "); choose an empty or new"
                                + " folder");
                    }
                }
                try (Stream<Path> all = Files.walk(dir)) {
                    for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                        if (!p.equals(dir)) {
                            Files.delete(p);
                        }
                    }
                }
            } else if (Files.exists(dir)) {
                throw new IllegalArgumentException("Cannot write the report into " + dir + ": it is a file");
            }
            Files.createDirectories(dir.resolve("img"));
            Files.writeString(dir.resolve(MARKER), "a losslab report; `losslab report` replaces this folder's"
                    + " contents\n");
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the report folder " + dir + ": " + e.getMessage(), e);
        }
    }

    private List<Row> select(List<Row> runs) {
        GrokkingRuns.Selection selection = options.selection();
        if (selection.all()) {
            return runs;
        }
        List<Row> chosen = runs.stream().filter(r -> selection.sweepId() != null
                ? selection.sweepId().equals(r.getAs("sweep_id"))
                : selection.runIds().contains(r.<String>getAs(TableSchemas.RUN_ID))).toList();
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("Cannot report " + selection + ": no such runs in "
                    + warehouse.tablePath(TableSchemas.RUNS));
        }
        if (selection.sweepId() == null) {
            Set<String> found = new LinkedHashSet<>();
            chosen.forEach(r -> found.add(r.getAs(TableSchemas.RUN_ID)));
            List<String> missing = selection.runIds().stream().filter(id -> !found.contains(id)).toList();
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("Cannot report runs " + missing + ": not in "
                        + warehouse.tablePath(TableSchemas.RUNS));
            }
        }
        return chosen;
    }

    // ---- overview -------------------------------------------------------------------------------------------

    private void overview(Set<String> tables) {
        List<ReportPages.Row> rows = new ArrayList<>();
        Map<String, Long> counts = new HashMap<>();
        for (String table : tables) {
            long count = warehouse.read(table).count();
            counts.put(table, count);
            Instant updated = lastModified(table);
            rows.add(new ReportPages.Row(List.of(Cell.link(table, pageOf(table)), Cell.number(count),
                    new Cell(updated == null ? "" : TIME.format(updated), updated == null ? "" : updated.toString(),
                            null, null))));
        }
        List<Section> sections = new ArrayList<>();
        sections.add(new Section("tables", "Tables", tables.isEmpty() ? List.of("The warehouse has no tables yet.")
                : null, null, List.of(new Table(null, List.of("table", "rows", "last written"), rows)), List.of()));
        List<ReportPages.Row> ingest = new ArrayList<>();
        if (tables.contains(TableSchemas.PLASTICC_OBSERVATIONS) || tables.contains(TableSchemas.PLASTICC_OBJECTS)) {
            Map<String, Map<String, Long>> rejected = rejectsByReason(tables, TableSchemas.PLASTICC_REJECTS,
                    "target_table");
            for (String table : List.of(TableSchemas.PLASTICC_OBJECTS, TableSchemas.PLASTICC_OBSERVATIONS)) {
                if (tables.contains(table)) {
                    ingest.add(ingestRow("PLAsTiCC", table, counts.get(table),
                            rejected.getOrDefault(table, Map.of()), "rejects.html#" + TableSchemas.PLASTICC_REJECTS));
                }
            }
        }
        if (tables.contains(TableSchemas.LOG_LINES)) {
            Map<String, Map<String, Long>> rejected = rejectsByReason(tables, TableSchemas.LOG_REJECTS,
                    TableSchemas.SYSTEM);
            for (Row r : warehouse.read(TableSchemas.LOG_LINES).groupBy(TableSchemas.SYSTEM).count()
                    .orderBy(TableSchemas.SYSTEM).collectAsList()) {
                String system = r.getString(0);
                ingest.add(ingestRow("logs of " + system, TableSchemas.LOG_LINES, r.getLong(1),
                        rejected.getOrDefault(system, Map.of()), "rejects.html#" + TableSchemas.LOG_REJECTS));
            }
        }
        sections.add(new Section("ingest", "Ingest", List.of("Rows in = rows written + rows rejected; every rejected"
                + " row is kept in its rejects table with the file, line, column and reason."), null,
                ingest.isEmpty() ? List.of() : List.of(new Table(null, List.of("source", "table", "rows in",
                        "written", "rejected", "rejected by reason"), ingest)), List.of()));
        pages.write("index.html", "Warehouse overview", "index.html", null, sections);
    }

    private ReportPages.Row ingestRow(String source, String table, long written, Map<String, Long> reasons,
            String rejectsLink) {
        long rejected = reasons.values().stream().mapToLong(Long::longValue).sum();
        StringBuilder byReason = new StringBuilder();
        reasons.forEach((reason, n) -> byReason.append(byReason.isEmpty() ? "" : ", ").append(reason).append(' ')
                .append(ReportPages.number(n)));
        return new ReportPages.Row(List.of(Cell.text(source), Cell.link(table, pageOf(table)),
                Cell.number(written + rejected), Cell.number(written),
                rejected == 0 ? Cell.number(0L) : new Cell(ReportPages.number(rejected), Long.toString(rejected),
                        rejectsLink, "num"), Cell.text(byReason)));
    }

    /** Per value of {@code key} (a target table, a system), the rejected rows by reason. */
    private Map<String, Map<String, Long>> rejectsByReason(Set<String> tables, String rejects, String key) {
        Map<String, Map<String, Long>> byKey = new TreeMap<>();
        if (!tables.contains(rejects)) {
            return byKey;
        }
        for (Row r : warehouse.read(rejects).groupBy(key, "reason").count().orderBy(key, "reason").collectAsList()) {
            byKey.computeIfAbsent(r.getString(0), k -> new TreeMap<>()).put(r.getString(1), r.getLong(2));
        }
        return byKey;
    }

    private Instant lastModified(String table) {
        try {
            long latest = 0;
            RemoteIterator<org.apache.hadoop.fs.LocatedFileStatus> files = warehouse.fileSystem()
                    .listFiles(warehouse.tablePath(table), true);
            while (files.hasNext()) {
                FileStatus f = files.next();
                latest = Math.max(latest, f.getModificationTime());
            }
            return latest == 0 ? null : Instant.ofEpochMilli(latest);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list table " + table + ": " + e.getMessage(), e);
        }
    }

    private static String pageOf(String table) {
        if (table.endsWith("rejects")) {
            return "rejects.html#" + table;
        }
        if (table.startsWith("run") ) {
            return "runs.html";
        }
        if (table.startsWith("log_") || table.equals(TableSchemas.ANOMALY_SCORES)) {
            return "logs.html";
        }
        if (table.equals(TableSchemas.SWEEP_POINTS) || table.equals(TableSchemas.SCALING_FITS)) {
            return "scaling.html";
        }
        if (table.startsWith("grokking")) {
            return "grokking.html";
        }
        return "index.html#tables";
    }

    // ---- runs -----------------------------------------------------------------------------------------------

    private void runsPage(List<Row> runs, Map<String, Row> summaries) {
        List<ReportPages.Row> rows = new ArrayList<>();
        for (Row run : runs) {
            String id = run.getAs(TableSchemas.RUN_ID);
            Row summary = summaries.get(id);
            String status = run.getAs("status");
            String reason = run.getAs("failure_reason");
            Long duration = durationSeconds(run);
            String[] test = testMetric(run, summary);
            rows.add(new ReportPages.Row(List.of(runLink(id), Cell.text(run.getAs("sweep_id")),
                    Cell.text(run.getAs("task")), Cell.text(run.getAs("model")), Cell.number(run.<Long>getAs("params")),
                    Cell.number(run.<Long>getAs("train_examples")),
                    Cell.text(reason == null ? status : status + ": " + reason),
                    Cell.text(run.getAs("backend") != null ? run.getAs("backend") : shortSource(run.getAs("source"))),
                    new Cell(duration == null ? "" : formatDuration(duration), duration == null ? ""
                            : duration.toString(), null, "num"),
                    Cell.number(summary == null ? null : summary.<Double>getAs("final_val_loss")),
                    Cell.number(summary == null ? null : summary.<Double>getAs("best_val_loss")),
                    Cell.text(test[0]), Cell.text(test[1]))));
        }
        List<String> intro = List.of(runs.isEmpty() ? "No runs recorded yet (train, sweep or demo write them)."
                : "Click a column to sort. Runs with a page of their own link to it (" + runPages.size() + " of "
                        + runs.size() + " in this report's selection: " + options.selection() + ").");
        pages.write("runs.html", "Runs", "runs.html", intro, List.of(new Section("runs", "All runs", null, null,
                List.of(new Table(null, List.of("run", "sweep", "task", "model", "params N", "train examples",
                        "status", "backend or source", "duration", "final val loss", "best val loss", "test metric",
                        "baseline"), rows)), List.of())));
    }

    /** An imported run's source as format and the last two path segments (the run page has it whole). */
    static String shortSource(String source) {
        if (source == null) {
            return "";
        }
        int colon = source.indexOf(':');
        String path = colon < 0 ? source : source.substring(colon + 1);
        String[] parts = path.split("/");
        String tail = parts.length <= 2 ? path : ".../" + parts[parts.length - 2] + "/" + parts[parts.length - 1];
        return colon < 0 ? tail : source.substring(0, colon) + ": " + tail;
    }

    /** The run's headline test figure and what it compares with, by task. */
    private static String[] testMetric(Row run, Row summary) {
        if (summary == null) {
            return new String[] {"", ""};
        }
        Double wll = summary.getAs("test_weighted_log_loss");
        if (wll != null) {
            return new String[] {"weighted log loss " + ReportPages.number(wll),
                    "class prior " + ReportPages.number(summary.<Double>getAs("prior_weighted_log_loss"))};
        }
        Double top1 = summary.getAs("test_top1_accuracy");
        if (top1 != null) {
            return new String[] {"next event top-1 " + ReportPages.number(top1) + ", top-"
                    + summary.getAs("top_k") + " " + ReportPages.number(summary.<Double>getAs("test_topk_accuracy")),
                    "cross-entropy " + ReportPages.number(summary.<Double>getAs("test_cross_entropy")) + " nats"};
        }
        Double accuracy = summary.getAs("test_accuracy");
        return new String[] {accuracy == null ? "" : "accuracy " + ReportPages.number(accuracy), ""};
    }

    private Cell runLink(String id) {
        String page = runPages.get(id);
        return page == null ? Cell.text(id) : Cell.link(id, page);
    }

    /** A link from a page one folder down (runs/x.html) to a run page, or none. */
    private String runHref(String id, String root) {
        String page = runPages.get(id);
        return page == null ? null : root + page;
    }

    private static Long durationSeconds(Row run) {
        Timestamp start = run.getAs("started_at");
        Timestamp end = run.getAs("ended_at");
        return start == null || end == null ? null : Duration.between(start.toInstant(), end.toInstant()).toSeconds();
    }

    private static String formatDuration(long seconds) {
        return seconds >= 3600 ? String.format("%dh %02dm", seconds / 3600, seconds % 3600 / 60)
                : seconds >= 60 ? String.format("%dm %02ds", seconds / 60, seconds % 60) : seconds + " s";
    }

    private void runPagesFor(Set<String> tables, List<Row> selected, Map<String, Row> summaries) {
        if (selected.isEmpty()) {
            return;
        }
        Map<String, List<Row>> metrics = new HashMap<>();
        if (tables.contains(TableSchemas.RUN_METRICS)) {
            for (Row m : warehouse.read(TableSchemas.RUN_METRICS)
                    .filter(col(TableSchemas.RUN_ID).isin(runPages.keySet().toArray())).orderBy(TableSchemas.RUN_ID,
                            "step").collectAsList()) {
                metrics.computeIfAbsent(m.getAs(TableSchemas.RUN_ID), k -> new ArrayList<>()).add(m);
            }
        }
        Map<String, Row> grokking = byRun(tables, TableSchemas.GROKKING_METRICS);
        Map<String, List<Row>> anomalyScores = new HashMap<>();
        if (tables.contains(TableSchemas.ANOMALY_SCORES)) {
            for (Row r : warehouse.read(TableSchemas.ANOMALY_SCORES).collectAsList()) {
                anomalyScores.computeIfAbsent(r.getAs(TableSchemas.RUN_ID), k -> new ArrayList<>()).add(r);
            }
        }
        for (Row run : selected) {
            String id = run.getAs(TableSchemas.RUN_ID);
            RunPlots.Drawn drawn = RunPlots.draw(run, metrics.getOrDefault(id, List.of()), out.resolve("img"),
                    "run-" + ReportPages.fileName(id), WIDTH, HEIGHT,
                    warehouse.spark().sparkContext().hadoopConfiguration());
            plots += drawn.images().size();
            List<Section> sections = new ArrayList<>();
            sections.add(new Section("run", "Run", null, new Definitions(runDefinitions(run)), List.of(), List.of()));
            Row summary = summaries.get(id);
            if (summary != null) {
                sections.add(new Section("summary", "Results", null, new Definitions(summaryDefinitions(summary)),
                        List.of(), List.of()));
            }
            sections.add(new Section("curves", "Curves", drawn.notes(), null, List.of(), drawn.images().stream()
                    .map(p -> new Image("../img/" + p.file(), p.description(), WIDTH, HEIGHT)).toList()));
            Row grok = grokking.get(id);
            if (grok != null) {
                sections.add(new Section("grokking", "Grokking", null, new Definitions(definitions(grok,
                        List.of("memorization_step", "generalization_step", "delay", "delay_ratio", "grokked",
                                "budget_steps", "final_train_accuracy", "final_val_accuracy", "final_sc_fraction",
                                "max_sc_fraction", "weight_norm_at_memorization", "weight_norm_at_generalization",
                                "final_weight_norm", "threshold"))), List.of(), List.of()));
            }
            List<Row> scores = anomalyScores.getOrDefault(id, List.of());
            if (!scores.isEmpty()) {
                sections.add(new Section("anomalies", "Anomaly detection", List.of("Test windows scored by"
                        + " detect-anomalies; model_threshold's threshold was chosen on the validation windows."),
                        null, List.of(anomalyTable(scores, "../")), List.of()));
            }
            pages.write(runPages.get(id), "Run " + id, "runs.html", null, sections);
        }
    }

    private static List<Definition> runDefinitions(Row run) {
        List<Definition> items = new ArrayList<>();
        for (String field : List.of("run_id", "sweep_id", "task", "model", "status", "failure_reason", "params",
                "train_examples", "width", "depth", "epochs", "batch_size_per_worker", "workers",
                "averaging_frequency", "learning_rate", "lr_schedule", "warmup_steps", "weight_decay",
                "class_weighting", "seed", "backend", "spark_master", "accelerators", "started_at", "ended_at",
                "checkpoint", "source")) {
            Object value = run.getAs(field);
            if (value != null) {
                items.add(new Definition(field, display(value), null));
            }
        }
        Long duration = durationSeconds(run);
        if (duration != null) {
            items.add(new Definition("duration", formatDuration(duration), null));
        }
        Map<String, String> hyper = new TreeMap<>(JavaConverters.mapAsJavaMap(run.getAs("hyperparameters")));
        hyper.forEach((k, v) -> items.add(new Definition("hyperparameter " + k, v, null)));
        return items;
    }

    private static List<Definition> summaryDefinitions(Row summary) {
        List<String> fields = new ArrayList<>();
        for (org.apache.spark.sql.types.StructField f : summary.schema().fields()) {
            if (!f.name().equals(TableSchemas.RUN_ID) && !f.name().equals("confusion_matrix")) {
                fields.add(f.name());
            }
        }
        return definitions(summary, fields);
    }

    private static List<Definition> definitions(Row row, List<String> fields) {
        List<Definition> items = new ArrayList<>();
        for (String field : fields) {
            Object value = row.getAs(field);
            if (value != null) {
                items.add(new Definition(field, display(value), null));
            }
        }
        return items;
    }

    private static String display(Object value) {
        if (value instanceof Number n) {
            return ReportPages.number(n);
        }
        if (value instanceof Timestamp t) {
            return TIME.format(t.toInstant());
        }
        if (value instanceof scala.collection.Seq<?> seq) {
            return JavaConverters.seqAsJavaList(seq).toString();
        }
        return String.valueOf(value);
    }

    private Table anomalyTable(List<Row> scores, String root) {
        List<ReportPages.Row> rows = new ArrayList<>();
        for (Row s : scores) {
            String id = s.getAs(TableSchemas.RUN_ID);
            String href = runHref(id, root);
            rows.add(new ReportPages.Row(List.of(href == null ? Cell.text(id) : Cell.link(id, href),
                    Cell.text(s.getAs("system")), Cell.text(s.getAs("window_kind")), Cell.text(s.getAs("method")),
                    Cell.number(s.<Double>getAs("precision")), Cell.number(s.<Double>getAs("recall")),
                    Cell.number(s.<Double>getAs("f1")), Cell.number(s.<Double>getAs("threshold")),
                    Cell.number(s.<Long>getAs("flagged_test_windows")), Cell.number(s.<Long>getAs("test_windows")),
                    Cell.number(s.<Long>getAs("anomalous_test_windows")))));
        }
        return new Table(null, List.of("run", "system", "windows", "method", "precision", "recall", "F1",
                "threshold", "flagged", "test windows", "anomalous"), rows);
    }

    // ---- sweeps and fits ------------------------------------------------------------------------------------

    private void scalingPage(Set<String> tables) {
        List<Section> sections = new ArrayList<>();
        Map<String, List<Row>> sweeps = new TreeMap<>();
        if (tables.contains(TableSchemas.SWEEP_POINTS)) {
            for (Row p : warehouse.read(TableSchemas.SWEEP_POINTS).orderBy("params", "examples_seen").collectAsList()) {
                sweeps.computeIfAbsent(p.getAs(TableSchemas.SWEEP_ID), k -> new ArrayList<>()).add(p);
            }
        }
        for (Map.Entry<String, List<Row>> sweep : sweeps.entrySet()) {
            List<ReportPages.Row> rows = new ArrayList<>();
            for (Row p : sweep.getValue()) {
                rows.add(new ReportPages.Row(List.of(runLink(p.getAs(TableSchemas.RUN_ID)), Cell.text(p.getAs("model")),
                        Cell.number(p.<Long>getAs("params")), Cell.number(p.<Long>getAs("examples_seen")),
                        Cell.number(p.<Double>getAs("compute")), Cell.number(p.<Double>getAs("final_val_loss")),
                        Cell.number(p.<Double>getAs("best_val_loss")),
                        Cell.number(p.<Double>getAs("smoothed_final_val_loss")),
                        Cell.text(new TreeMap<>(JavaConverters.mapAsJavaMap(p.getAs("axis_values")))))));
            }
            sections.add(new Section("sweep-" + ReportPages.fileName(sweep.getKey()), "Sweep " + sweep.getKey(),
                    List.of(sweep.getValue().size() + " finished runs aggregated into (N, D, loss) points; compute"
                            + " C = 6 N D."), null, List.of(new Table(null, List.of("run", "model", "params N",
                            "examples seen D", "compute C", "final val loss", "best val loss", "smoothed final",
                            "axes"), rows)), List.of()));
        }
        if (tables.contains(TableSchemas.SCALING_FITS)) {
            for (Row fit : warehouse.read(TableSchemas.SCALING_FITS).orderBy(desc("fitted_at")).collectAsList()) {
                sections.add(fitSection(fit, sweeps));
            }
        }
        List<String> intro = sections.isEmpty() ? List.of("No sweeps aggregated and no laws fitted yet (sweep,"
                + " aggregate, fit-scaling).") : null;
        pages.write("scaling.html", "Sweeps and scaling fits", "scaling.html", intro, sections);
    }

    private Section fitSection(Row fit, Map<String, List<Row>> sweeps) {
        String fitId = fit.getAs(TableSchemas.FIT_ID);
        String law = fit.getAs("law");
        String source = fit.getAs("source");
        Map<String, Double> parameters = JavaConverters.mapAsJavaMap(fit.getAs("parameters"));
        Map<String, Double> errors = JavaConverters.mapAsJavaMap(fit.getAs("standard_errors"));
        Map<String, scala.collection.Seq<Object>> interval80 = JavaConverters.mapAsJavaMap(fit.getAs("interval_80"));
        Map<String, scala.collection.Seq<Object>> interval95 = JavaConverters.mapAsJavaMap(fit.getAs("interval_95"));
        List<ReportPages.Row> rows = new ArrayList<>();
        for (String name : new java.util.TreeSet<>(parameters.keySet())) {
            rows.add(new ReportPages.Row(List.of(Cell.text(name), Cell.number(parameters.get(name)),
                    Cell.number(errors.get(name)), Cell.text(interval(interval80.get(name))),
                    Cell.text(interval(interval95.get(name))))));
        }
        Map<String, String> details = new TreeMap<>(JavaConverters.mapAsJavaMap(fit.getAs("details")));
        List<Definition> items = new ArrayList<>();
        items.add(new Definition("law", law, null));
        items.add(new Definition("fitted on", source, null));
        items.add(new Definition("points", ReportPages.number(fit.<Integer>getAs("points")), null));
        items.add(new Definition("objective at the optimum", ReportPages.number(fit.<Double>getAs("objective")), null));
        items.add(new Definition("fitted at", display(fit.getAs("fitted_at")), null));
        details.forEach((k, v) -> items.add(new Definition(k, v, null)));
        List<Image> images = new ArrayList<>();
        List<String> text = new ArrayList<>();
        String sweepId = source != null && source.startsWith("sweep ") ? source.substring("sweep ".length()) : null;
        if ("chinchilla".equals(law) && sweepId != null && sweeps.containsKey(sweepId)) {
            String lossColumn = details.getOrDefault("loss_column", "smoothed_final_val_loss");
            List<ScalingPoint> points = sweeps.get(sweepId).stream().filter(p -> p.getAs(lossColumn) != null)
                    .map(p -> new ScalingPoint(p.<Long>getAs("params"), p.<Long>getAs("examples_seen"),
                            p.<Double>getAs(lossColumn))).toList();
            ChinchillaLaw fitted = new ChinchillaLaw(parameters.get("E"), parameters.get("A"), parameters.get("B"),
                    parameters.get("alpha"), parameters.get("beta"));
            String base = "fit-" + ReportPages.fileName(fitId);
            images.add(chart(PlotScaling.lossVsParams(points, fitted, source), base + "-loss-vs-params",
                    "Loss against parameters N per data size D, points of " + source + " with the fitted law"));
            images.add(chart(PlotScaling.lossVsCompute(points, fitted, source), base + "-loss-vs-compute",
                    "Loss against compute C = 6 N D: the runs, their frontier and the fitted law at the"
                            + " compute-optimal N and D"));
        } else {
            text.add("No plot here for a " + law + " fit of " + source + " (the report draws chinchilla fits of"
                    + " aggregated sweeps; plot-scaling draws the others).");
        }
        return new Section("fit-" + ReportPages.fileName(fitId), "Fit " + fitId + " (" + law + ")", text,
                new Definitions(items), List.of(new Table("Parameters with bootstrap standard errors and intervals",
                        List.of("parameter", "value", "standard error", "80% interval", "95% interval"), rows)), images);
    }

    private static String interval(scala.collection.Seq<Object> bounds) {
        if (bounds == null || bounds.size() != 2) {
            return "";
        }
        return "[" + ReportPages.number((Double) bounds.apply(0)) + ", " + ReportPages.number((Double) bounds.apply(1))
                + "]";
    }

    private Image chart(Charts.Chart chart, String name, String description) {
        Charts.write(chart, warehouse.spark().sparkContext().hadoopConfiguration(), out.resolve("img").toUri()
                .toString(), name, WIDTH, HEIGHT);
        plots++;
        return new Image("img/" + name + ".svg", description, WIDTH, HEIGHT);
    }

    // ---- grokking -------------------------------------------------------------------------------------------

    private void grokkingPage(Set<String> tables) {
        List<Section> sections = new ArrayList<>();
        if (tables.contains(TableSchemas.GROKKING_METRICS)) {
            List<ReportPages.Row> rows = new ArrayList<>();
            for (Row g : warehouse.read(TableSchemas.GROKKING_METRICS).orderBy(TableSchemas.RUN_ID).collectAsList()) {
                rows.add(new ReportPages.Row(List.of(runLink(g.getAs(TableSchemas.RUN_ID)), Cell.text(g.getAs("sweep_id")),
                        Cell.text(g.getAs("task")), Cell.number(g.<Long>getAs("memorization_step")),
                        Cell.number(g.<Long>getAs("generalization_step")), Cell.number(g.<Long>getAs("delay")),
                        Cell.number(g.<Double>getAs("delay_ratio")), Cell.text(g.getAs("grokked")),
                        Cell.number(g.<Long>getAs("budget_steps")), Cell.number(g.<Double>getAs("final_train_accuracy")),
                        Cell.number(g.<Double>getAs("final_val_accuracy")),
                        Cell.number(g.<Double>getAs("max_sc_fraction")), Cell.number(g.<Double>getAs("final_weight_norm")),
                        Cell.number(g.<Double>getAs("weight_decay")), Cell.number(g.<Double>getAs("train_fraction")),
                        Cell.number(g.<Integer>getAs("width")), Cell.text(g.getAs("output_activation")),
                        Cell.text(g.getAs("perp_grad")))));
            }
            sections.add(new Section("metrics", "Grokking metrics", List.of("Memorisation and generalisation steps:"
                    + " the first evaluated step with train (validation) accuracy at or above the run's threshold."),
                    null, List.of(new Table(null, List.of("run", "sweep", "task", "memorised at", "generalised at",
                            "delay", "delay ratio", "grokked", "budget", "final train acc", "final val acc",
                            "max SC fraction", "final weight norm", "weight decay", "train fraction", "width",
                            "output", "perp-grad"), rows)), List.of()));
        }
        if (tables.contains(TableSchemas.GROKKING_REGRESSION)) {
            Map<String, List<Row>> regressions = new TreeMap<>();
            for (Row r : warehouse.read(TableSchemas.GROKKING_REGRESSION).orderBy("term").collectAsList()) {
                regressions.computeIfAbsent(r.getAs(TableSchemas.REGRESSION_ID), k -> new ArrayList<>()).add(r);
            }
            for (Map.Entry<String, List<Row>> regression : regressions.entrySet()) {
                Row first = regression.getValue().get(0);
                List<Definition> items = definitions(first, List.of("response", "censoring", "runs_used",
                        "runs_censored", "excluded_runs", "dropped_terms", "dispersion", "threshold", "source",
                        "fitted_at"));
                List<ReportPages.Row> rows = new ArrayList<>();
                for (Row r : regression.getValue()) {
                    rows.add(new ReportPages.Row(List.of(Cell.text(r.getAs("term")),
                            Cell.number(r.<Double>getAs("coefficient")), Cell.number(r.<Double>getAs("std_error")),
                            Cell.number(r.<Double>getAs("t_value")), Cell.number(r.<Double>getAs("p_value")))));
                }
                sections.add(new Section("regression-" + ReportPages.fileName(regression.getKey()),
                        "Regression " + regression.getKey(), null, new Definitions(items), List.of(new Table(null,
                                List.of("term", "coefficient", "standard error", "t", "p"), rows)), List.of()));
            }
        }
        List<String> intro = sections.isEmpty() ? List.of("No grokking metrics yet (grokking --sweep ID).") : null;
        pages.write("grokking.html", "Grokking", "grokking.html", intro, sections);
    }

    // ---- logs -----------------------------------------------------------------------------------------------

    private void logsPage(Set<String> tables) {
        List<Section> sections = new ArrayList<>();
        if (tables.contains(TableSchemas.LOG_LINES)) {
            Map<String, Long> lines = counts(TableSchemas.LOG_LINES, TableSchemas.SYSTEM);
            Map<String, Long> templates = tables.contains(TableSchemas.LOG_TEMPLATES)
                    ? counts(TableSchemas.LOG_TEMPLATES, TableSchemas.SYSTEM) : Map.of();
            Map<String, Long> rejects = tables.contains(TableSchemas.LOG_REJECTS)
                    ? counts(TableSchemas.LOG_REJECTS, TableSchemas.SYSTEM) : Map.of();
            Map<String, List<Row>> windows = new TreeMap<>();
            if (tables.contains(TableSchemas.LOG_SEQUENCES)) {
                for (Row r : warehouse.read(TableSchemas.LOG_SEQUENCES).groupBy(col(TableSchemas.SYSTEM),
                        col("window_kind"), col("split")).agg(count("*").as("windows"),
                                org.apache.spark.sql.functions.sum(col("label")).as("anomalous"))
                        .orderBy(TableSchemas.SYSTEM, "split").collectAsList()) {
                    windows.computeIfAbsent(r.getString(0), k -> new ArrayList<>()).add(r);
                }
            }
            for (String system : lines.keySet()) {
                List<Definition> items = new ArrayList<>();
                items.add(new Definition("lines", ReportPages.number(lines.get(system)), null));
                items.add(new Definition("templates", ReportPages.number(templates.getOrDefault(system, 0L)), null));
                items.add(new Definition("rejected lines", ReportPages.number(rejects.getOrDefault(system, 0L)),
                        rejects.getOrDefault(system, 0L) > 0 ? "rejects.html#" + TableSchemas.LOG_REJECTS : null));
                List<Table> systemTables = new ArrayList<>();
                if (tables.contains(TableSchemas.LOG_TEMPLATES)) {
                    List<ReportPages.Row> rows = new ArrayList<>();
                    for (Row t : warehouse.read(TableSchemas.LOG_TEMPLATES).filter(col(TableSchemas.SYSTEM)
                            .equalTo(system)).orderBy(desc("occurrences"), col("template_id")).limit(TOP_TEMPLATES)
                            .collectAsList()) {
                        rows.add(new ReportPages.Row(List.of(Cell.code(t.getAs("template")),
                                Cell.number(t.<Long>getAs("occurrences")), Cell.text(t.getAs("template_id")))));
                    }
                    systemTables.add(new Table("The " + TOP_TEMPLATES + " most frequent templates",
                            List.of("template", "lines", "template id"), rows));
                }
                List<Row> split = windows.getOrDefault(system, List.of());
                if (!split.isEmpty()) {
                    List<ReportPages.Row> rows = new ArrayList<>();
                    for (Row w : split) {
                        rows.add(new ReportPages.Row(List.of(Cell.text(w.getAs("window_kind")),
                                Cell.text(w.getAs("split")), Cell.number(w.<Long>getAs("windows")),
                                Cell.number(w.<Long>getAs("anomalous")))));
                    }
                    systemTables.add(new Table("Windows (log_sequences) by split; anomalous: labelled windows",
                            List.of("window kind", "split", "windows", "anomalous"), rows));
                }
                sections.add(new Section("system-" + ReportPages.fileName(system), "System " + system, null,
                        new Definitions(items), systemTables, List.of()));
            }
        }
        if (tables.contains(TableSchemas.ANOMALY_SCORES)) {
            List<Row> scores = warehouse.read(TableSchemas.ANOMALY_SCORES).orderBy(TableSchemas.RUN_ID, "method")
                    .collectAsList();
            sections.add(new Section("anomalies", "Anomaly detection", List.of("Each detect-anomalies run's test"
                    + " windows: the model's top-g rule, its score with a threshold chosen on validation, and the"
                    + " PCA and logistic regression baselines."), null, List.of(anomalyTable(scores, "")),
                    List.of()));
        }
        List<String> intro = sections.isEmpty() ? List.of("No logs ingested yet (ingest-logs).") : null;
        pages.write("logs.html", "Logs", "logs.html", intro, sections);
    }

    private Map<String, Long> counts(String table, String key) {
        Map<String, Long> counts = new TreeMap<>();
        for (Row r : warehouse.read(table).groupBy(key).count().collectAsList()) {
            counts.put(r.getString(0), r.getLong(1));
        }
        return counts;
    }

    // ---- rejects --------------------------------------------------------------------------------------------

    private void rejectsPage(Set<String> tables) {
        List<Section> sections = new ArrayList<>();
        for (String table : tables) {
            if (!table.endsWith("rejects")) {
                continue;
            }
            Dataset<Row> rejects = warehouse.read(table);
            List<String> columns = List.of(rejects.columns());
            String key = columns.contains("target_table") ? "target_table"
                    : columns.contains(TableSchemas.SYSTEM) ? TableSchemas.SYSTEM : "format";
            List<ReportPages.Row> byReason = new ArrayList<>();
            rejectsByReason(tables, table, key).forEach((k, reasons) -> reasons.forEach((reason, n) ->
                    byReason.add(new ReportPages.Row(List.of(Cell.text(k), Cell.text(reason), Cell.number(n))))));
            List<String> shown = Stream.of("file", "line", "line_number", "row_index", "offset", "reason", "column",
                    "detail", "raw").filter(columns::contains).toList();
            List<ReportPages.Row> sample = new ArrayList<>();
            for (Row r : rejects.select(shown.stream().map(org.apache.spark.sql.functions::col)
                    .toArray(org.apache.spark.sql.Column[]::new)).limit(SAMPLE_REJECTS).collectAsList()) {
                List<Cell> cells = new ArrayList<>();
                for (int i = 0; i < shown.size(); i++) {
                    Object value = r.get(i);
                    cells.add(value instanceof Number n ? Cell.number(n) : Cell.code(value));
                }
                sample.add(new ReportPages.Row(cells));
            }
            List<Table> parts = new ArrayList<>();
            parts.add(new Table("Rejected rows by " + key.replace('_', ' ') + " and reason", List.of(key, "reason",
                    "rows"), byReason));
            if (!sample.isEmpty()) {
                parts.add(new Table("The first " + sample.size() + " rejected rows", shown, sample));
            }
            sections.add(new Section(table, table, byReason.isEmpty() ? List.of("Nothing rejected.") : null, null,
                    parts, List.of()));
        }
        List<String> intro = sections.isEmpty() ? List.of("No rejects tables: nothing has been ingested yet.") : null;
        pages.write("rejects.html", "Rejected input rows", "rejects.html", intro, sections);
    }

    private Map<String, Row> byRun(Set<String> tables, String table) {
        Map<String, Row> rows = new HashMap<>();
        if (tables.contains(table)) {
            for (Row r : warehouse.read(table).collectAsList()) {
                rows.put(r.getAs(TableSchemas.RUN_ID), r);
            }
        }
        return rows;
    }
}
