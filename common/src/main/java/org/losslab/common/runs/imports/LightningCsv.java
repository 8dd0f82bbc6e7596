package org.losslab.common.runs.imports;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * PyTorch Lightning's CSVLogger folder ({@code lightning_logs/version_N/}): {@code metrics.csv} with a {@code step}
 * column, usually {@code epoch}, and one column per logged metric, training and validation rows apart with the
 * other cells empty; {@code hparams.yaml} beside it (nested keys joined with dots).
 */
public final class LightningCsv {
    private LightningCsv() {
    }

    public static ImportedRun read(String folder, byte[] metrics, byte[] hparams, MetricColumns columns) {
        String file = folder + "/metrics.csv";
        CsvTable table = CsvTable.parse(file, metrics);
        int stepColumn = table.column("step");
        if (stepColumn < 0) {
            throw new IllegalArgumentException("Cannot read " + file + ": no step column (columns: " + table.header()
                    + ")");
        }
        Map<String, String> resolved = columns.resolve(table.header());
        Map<String, Integer> index = new HashMap<>();
        resolved.forEach((column, name) -> index.put(column, table.header().indexOf(name)));
        List<ImportReject> rejects = new ArrayList<>();
        StepTable steps = new StepTable();
        Map<String, Double> lastValues = new HashMap<>();
        for (int r = 0; r < table.rows().size(); r++) {
            String[] row = table.rows().get(r);
            long line = r + 2;
            for (int c = 0; c < table.header().size(); c++) {
                try {
                    lastValues.put(table.header().get(c), Double.parseDouble(CsvTable.cell(row, c)));
                } catch (NumberFormatException e) {
                    // empty or text cells: only mapped columns are checked (below)
                }
            }
            String stepText = CsvTable.cell(row, stepColumn);
            long step;
            try {
                step = (long) Double.parseDouble(stepText);
            } catch (NumberFormatException e) {
                rejects.add(ImportReject.atLine(file, line, "bad_step", "step '" + stepText + "' is not a number"));
                continue;
            }
            for (Map.Entry<String, Integer> column : index.entrySet()) {
                String text = CsvTable.cell(row, column.getValue());
                if (text.isEmpty()) {
                    continue;
                }
                try {
                    double value = StepTable.number(text);
                    if (!steps.put(step, column.getKey(), value)) {
                        rejects.add(StepTable.nonFinite(file, null, line, table.header().get(column.getValue()), value));
                    }
                } catch (NumberFormatException e) {
                    rejects.add(ImportReject.atLine(file, line, "bad_value", table.header().get(column.getValue())
                            + " '" + text + "' is not a number"));
                }
            }
        }
        Map<String, String> hyper = new TreeMap<>();
        if (hparams != null) {
            Object parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(MlflowRun.text(hparams));
            flatten("", parsed, hyper);
        }
        String name = folder.substring(folder.lastIndexOf('/') + 1);
        return new ImportedRun("lightning-csv", folder, null, name, ImportedRun.FINISHED, hyper, null, null, null,
                steps.steps(), lastValues, table.rows().size(), rejects);
    }

    static void flatten(String prefix, Object value, Map<String, String> into) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> flatten(prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k, v, into));
        } else if (value != null && !prefix.isEmpty()) {
            into.put(prefix, String.valueOf(value));
        }
    }
}
