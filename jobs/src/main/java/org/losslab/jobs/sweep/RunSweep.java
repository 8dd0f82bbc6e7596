package org.losslab.jobs.sweep;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.losslab.jobs.train.TrainModel;
import org.losslab.jobs.warehouse.TableSchemas;
import org.losslab.jobs.warehouse.Warehouse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains the runs of a sweep one after another (or {@code parallelRuns} at a time, as concurrent Spark jobs,
 * where the cluster has room), each data-parallel with parameter averaging as {@code train} does. Resumable:
 * runs whose {@code runs} row says finished are skipped, failed or interrupted ones are trained again from
 * scratch. One failed run is recorded with its reason and never stops the sweep.
 */
public final class RunSweep {
    private static final Logger LOG = LoggerFactory.getLogger(RunSweep.class);

    /** A run to train: its id, its axis values (for progress lines) and its complete options. */
    public record PlannedRun(String runId, Map<String, String> axisValues, TrainModel.Options options) {
    }

    /** The sweep; {@code parallelRuns} >= 1. */
    public record Options(String warehouse, String sweepId, List<PlannedRun> runs, int parallelRuns) {
        public Options {
            requireNonNull(warehouse, "warehouse");
            requireNonNull(sweepId, "sweepId");
            runs = List.copyOf(runs);
            if (parallelRuns < 1) {
                throw new IllegalArgumentException("Cannot run " + parallelRuns + " runs at a time");
            }
        }
    }

    /** How each run ended: finished, failed (with reason) or skipped (finished before). */
    public record RunOutcome(String runId, Map<String, String> axisValues, String status, String failureReason,
            Double finalValLoss) {
    }

    /** The outcomes in plan order. */
    public record Result(String sweepId, List<RunOutcome> runs) {
        public long count(String status) {
            return runs.stream().filter(r -> r.status().equals(status)).count();
        }
    }

    private final Options options;

    public RunSweep(Options options) {
        this.options = requireNonNull(options, "options");
    }

    public Result run(SparkSession spark) {
        Map<String, String> previous = previousStatuses(spark);
        int total = options.runs().size();
        AtomicInteger done = new AtomicInteger();
        List<RunOutcome> outcomes = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(options.parallelRuns());
        try {
            List<Future<RunOutcome>> futures = new ArrayList<>();
            for (PlannedRun run : options.runs()) {
                if ("finished".equals(previous.get(run.runId()))) {
                    LOG.info("sweep {}: run {}/{} {} {} finished before, skipped", options.sweepId(),
                            done.incrementAndGet(), total, run.runId(), run.axisValues());
                    futures.add(java.util.concurrent.CompletableFuture.completedFuture(
                            new RunOutcome(run.runId(), run.axisValues(), "skipped", null, null)));
                    continue;
                }
                futures.add(pool.submit(() -> train(spark, run, done, total, previous.get(run.runId()))));
            }
            for (Future<RunOutcome> future : futures) {
                outcomes.add(future.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Sweep " + options.sweepId() + " interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Sweep " + options.sweepId() + " failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return new Result(options.sweepId(), outcomes);
    }

    private RunOutcome train(SparkSession spark, PlannedRun run, AtomicInteger done, int total, String before) {
        LOG.info("sweep {}: starting run {} {}{}", options.sweepId(), run.runId(), run.axisValues(),
                before == null ? "" : " (again: it was " + before + ")");
        RunOutcome outcome;
        try {
            TrainModel.Result result = new TrainModel(run.options()).run(spark);
            outcome = new RunOutcome(run.runId(), run.axisValues(), result.status(), result.failureReason(),
                    result.finalValLoss());
        } catch (RuntimeException e) { // a run that cannot even start is recorded here and the sweep goes on
            outcome = new RunOutcome(run.runId(), run.axisValues(), "failed", String.valueOf(e.getMessage()), null);
        }
        LOG.info("sweep {}: run {}/{} {} {}: {}{}", options.sweepId(), done.incrementAndGet(), total, run.runId(),
                run.axisValues(), outcome.status(), outcome.failureReason() == null ? ""
                        : " (" + outcome.failureReason() + ")");
        return outcome;
    }

    private Map<String, String> previousStatuses(SparkSession spark) {
        Warehouse warehouse = Warehouse.open(spark, options.warehouse());
        Map<String, String> statuses = new HashMap<>();
        if (!warehouse.exists(TableSchemas.RUNS)) {
            return statuses;
        }
        for (Row row : warehouse.read(TableSchemas.RUNS).filter(col("sweep_id").equalTo(options.sweepId()))
                .select(TableSchemas.RUN_ID, "status").collectAsList()) {
            statuses.put(row.getString(0), row.getString(1));
        }
        return statuses;
    }
}
