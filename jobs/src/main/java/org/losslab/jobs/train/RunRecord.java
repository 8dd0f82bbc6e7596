package org.losslab.jobs.train;

import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.spark.sql.Row;
import org.losslab.common.runs.RunLiveness;
import org.losslab.jobs.warehouse.TableSchemas;

/**
 * A run's row of {@code runs}, by column name ({@link TableSchemas#RUNS_SCHEMA}); the status, owner and
 * heartbeat change as the run goes on, so those have withers.
 */
record RunRecord(String sweepId, String task, String model, long params, long trainExamples, String status,
        String failureReason, int width, int depth, int epochs, int batchSizePerWorker, int workers,
        int averagingFrequency, double learningRate, String lrSchedule, int warmupSteps, double weightDecay,
        String classWeighting, long seed, Map<String, String> hyperparameters, String sparkMaster, String backend,
        String checkpoint, Timestamp startedAt, Timestamp endedAt, RunLiveness.Owner owner, Timestamp heartbeatAt,
        String accelerators) {

    RunRecord withStatus(String newStatus, String reason, String newCheckpoint, Timestamp end) {
        return new RunRecord(sweepId, task, model, params, trainExamples, newStatus, reason, width, depth, epochs,
                batchSizePerWorker, workers, averagingFrequency, learningRate, lrSchedule, warmupSteps, weightDecay,
                classWeighting, seed, hyperparameters, sparkMaster, backend, newCheckpoint, startedAt, end, owner,
                new Timestamp(System.currentTimeMillis()), accelerators);
    }

    RunRecord withHeartbeat(String newCheckpoint, String newAccelerators) {
        return new RunRecord(sweepId, task, model, params, trainExamples, status, failureReason, width, depth, epochs,
                batchSizePerWorker, workers, averagingFrequency, learningRate, lrSchedule, warmupSteps, weightDecay,
                classWeighting, seed, hyperparameters, sparkMaster, backend, newCheckpoint, startedAt, endedAt, owner,
                new Timestamp(System.currentTimeMillis()), newAccelerators);
    }

    /** The row without the partition column, in the schema's order. */
    Row toRow() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("sweep_id", sweepId);
        values.put("task", task);
        values.put("model", model);
        values.put("params", params);
        values.put("train_examples", trainExamples);
        values.put("status", status);
        values.put("failure_reason", failureReason);
        values.put("width", width);
        values.put("depth", depth);
        values.put("epochs", epochs);
        values.put("batch_size_per_worker", batchSizePerWorker);
        values.put("workers", workers);
        values.put("averaging_frequency", averagingFrequency);
        values.put("learning_rate", learningRate);
        values.put("lr_schedule", lrSchedule);
        values.put("warmup_steps", warmupSteps);
        values.put("weight_decay", weightDecay);
        values.put("class_weighting", classWeighting);
        values.put("seed", seed);
        values.put("hyperparameters", scala.collection.JavaConverters.mapAsScalaMap(hyperparameters));
        values.put("spark_master", sparkMaster);
        values.put("backend", backend);
        values.put("checkpoint", checkpoint);
        values.put("started_at", startedAt);
        values.put("ended_at", endedAt);
        values.put("app_id", owner.appId());
        values.put("driver_host", owner.host());
        values.put("driver_pid", owner.pid());
        values.put("heartbeat_at", heartbeatAt);
        values.put("accelerators", accelerators);
        values.put("source", "losslab");
        return TableSchemas.row(TableSchemas.RUNS_SCHEMA, values, TableSchemas.RUN_ID);
    }
}
