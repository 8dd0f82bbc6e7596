package org.losslab.common.runs.imports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs from any CSV by column names. Long layout: a metric-name column ({@code metric}, {@code key}, {@code tag} or
 * {@code name}) and a {@code value} column, one value per row; wide layout: one column per metric. Either way a
 * {@code step} column (named by the caller or {@code step}, {@code global_step}, {@code iteration}) and optionally a
 * run column ({@code run_id}, {@code run}, {@code run_name}; without one the file is one run). Metric names map to
 * columns by {@link MetricColumns}.
 */
public final class CsvRuns {
    private CsvRuns() {
    }

    public static List<ImportedRun> read(String file, byte[] bytes, String runColumnName, String stepColumnName,
            MetricColumns columns) {
        CsvTable table = CsvTable.parse(file, bytes);
        int step = stepColumnName != null ? table.column(stepColumnName)
                : table.column("step", "global_step", "iteration", "iter");
        if (step < 0) {
            throw new IllegalArgumentException("Cannot read " + file + ": no step column (" + (stepColumnName != null
                    ? stepColumnName : "step, global_step or iteration") + "; columns: " + table.header() + ")");
        }
        int run = runColumnName != null ? table.column(runColumnName) : table.column("run_id", "run", "run_name");
        if (runColumnName != null && run < 0) {
            throw new IllegalArgumentException("Cannot read " + file + ": no run column " + runColumnName
                    + " (columns: " + table.header() + ")");
        }
        int metric = table.column("metric", "key", "tag", "name");
        int value = table.column("value");
        boolean longLayout = metric >= 0 && value >= 0;
        Map<String, StepTable> byRun = new LinkedHashMap<>();
        Map<String, List<ImportReject>> rejects = new LinkedHashMap<>();
        Map<String, Long> rows = new LinkedHashMap<>();
        Map<String, String> resolvedWide = longLayout ? Map.of() : columns.resolve(table.header());
        Map<String, Map<String, String>> resolvedLong = new LinkedHashMap<>();
        if (longLayout) {
            java.util.Set<String> names = new java.util.LinkedHashSet<>();
            table.rows().forEach(r -> names.add(CsvTable.cell(r, metric)));
            Map<String, String> resolved = columns.resolve(names);
            resolved.forEach((column, name) -> resolvedLong.put(name, Map.of("column", column)));
        }
        for (int r = 0; r < table.rows().size(); r++) {
            String[] row = table.rows().get(r);
            long line = r + 2;
            String runId = run < 0 ? "" : CsvTable.cell(row, run);
            StepTable steps = byRun.computeIfAbsent(runId, k -> new StepTable());
            List<ImportReject> runRejects = rejects.computeIfAbsent(runId, k -> new ArrayList<>());
            rows.merge(runId, 1L, Long::sum);
            long s;
            try {
                s = (long) Double.parseDouble(CsvTable.cell(row, step));
            } catch (NumberFormatException e) {
                runRejects.add(ImportReject.atLine(file, line, "bad_step", "step '" + CsvTable.cell(row, step)
                        + "' is not a number"));
                continue;
            }
            if (longLayout) {
                Map<String, String> target = resolvedLong.get(CsvTable.cell(row, metric));
                if (target != null) {
                    put(steps, s, target.get("column"), CsvTable.cell(row, value), file, line, runRejects);
                }
            } else {
                for (Map.Entry<String, String> c : resolvedWide.entrySet()) {
                    put(steps, s, c.getKey(), CsvTable.cell(row, table.header().indexOf(c.getValue())), file, line,
                            runRejects);
                }
            }
        }
        List<ImportedRun> runs = new ArrayList<>();
        for (Map.Entry<String, StepTable> e : byRun.entrySet()) {
            String id = e.getKey().isEmpty() ? null : e.getKey();
            runs.add(new ImportedRun("csv", file, id, id == null ? file.substring(file.lastIndexOf('/') + 1) : id,
                    ImportedRun.FINISHED, Map.of(), null, null, null, e.getValue().steps(), Map.of(),
                    rows.get(e.getKey()), rejects.get(e.getKey())));
        }
        return runs;
    }

    private static void put(StepTable steps, long step, String column, String text, String file, long line,
            List<ImportReject> rejects) {
        if (text.isEmpty()) {
            return;
        }
        try {
            double value = StepTable.number(text);
            if (!steps.put(step, column, value)) {
                rejects.add(StepTable.nonFinite(file, null, line, column, value));
            }
        } catch (NumberFormatException e) {
            rejects.add(ImportReject.atLine(file, line, "bad_value", column + " '" + text + "' is not a number"));
        }
    }
}
