package org.losslab.jobs.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.losslab.jobs.train.StepRecorder.StepRow;
import org.losslab.jobs.warehouse.TableSchemas;
import org.losslab.jobs.warehouse.Warehouse;

/**
 * Writes one run's partitions of {@code runs}, {@code run_metrics} and {@code run_summary}. Each write
 * replaces the run's partition whole (staged, then swapped in), so a run can report itself as running, add
 * steps epoch by epoch and finish, without touching any other run's rows.
 */
final class RunTables {
    private final Warehouse warehouse;
    private final String runId;

    RunTables(Warehouse warehouse, String runId) {
        this.warehouse = warehouse;
        this.runId = runId;
    }

    void writeRun(RunRecord run) {
        write(TableSchemas.RUNS, TableSchemas.RUNS_SCHEMA, List.of(run.toRow()));
    }

    /** Removes what an earlier attempt under the same run id left in run_metrics and run_summary. */
    void clearEarlierAttempt() {
        for (String table : List.of(TableSchemas.RUN_METRICS, TableSchemas.RUN_SUMMARY)) {
            warehouse.dropPartition(table, TableSchemas.RUN_ID, runId);
        }
    }

    void writeMetrics(List<StepRow> steps) {
        List<Row> rows = new ArrayList<>(steps.size());
        for (StepRow s : steps) {
            rows.add(RowFactory.create(s.step(), s.epoch(), s.examplesSeen(), s.learningRate(), s.trainLoss(),
                    s.trainLossMin(), s.trainLossMax(), s.trainLossStd(), s.workers(), s.valLoss(), s.valAccuracy(),
                    s.wallMs(), s.evalTrainLoss(), s.trainAccuracy(), s.weightNorm(), s.scFraction()));
        }
        write(TableSchemas.RUN_METRICS, TableSchemas.RUN_METRICS_SCHEMA, rows);
    }

    /**
     * The run's {@code run_summary} row from its columns by name: a column a task does not fill is null, or empty
     * (arrays) or 0 ({@code test_examples}) where the schema requires a value; an unknown name is a bug.
     */
    void writeSummary(Map<String, Object> columns) {
        StructType schema = TableSchemas.RUN_SUMMARY_SCHEMA;
        for (String name : columns.keySet()) {
            if (!Arrays.asList(schema.fieldNames()).contains(name) || TableSchemas.RUN_ID.equals(name)) {
                throw new IllegalArgumentException("run_summary has no column " + name);
            }
        }
        List<Object> values = new ArrayList<>();
        for (StructField field : schema.fields()) {
            if (TableSchemas.RUN_ID.equals(field.name())) {
                continue;
            }
            Object value = columns.get(field.name());
            if (value == null && !field.nullable()) {
                value = field.dataType() instanceof ArrayType ? new Object[0] : field.dataType() == DataTypes.LongType
                        ? (Object) 0L : null;
            }
            values.add(value);
        }
        write(TableSchemas.RUN_SUMMARY, schema, List.of(RowFactory.create(values.toArray())));
    }

    private void write(String table, StructType schema, List<Row> rows) {
        warehouse.replacePartition(table, schema, TableSchemas.RUN_ID, runId, rows);
    }
}
