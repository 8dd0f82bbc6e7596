package org.losslab.jobs.train;

import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
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

    void writeSummary(Object[] values) {
        write(TableSchemas.RUN_SUMMARY, TableSchemas.RUN_SUMMARY_SCHEMA, List.of(RowFactory.create(values)));
    }

    private void write(String table, StructType schema, List<Row> rows) {
        warehouse.replacePartition(table, schema, TableSchemas.RUN_ID, runId, rows);
    }
}
