package org.losslab.jobs.sweep;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;

import java.time.Duration;
import java.time.Instant;
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
import org.losslab.common.progress.ProgressLine;
import org.losslab.common.runs.RunLiveness;
import org.losslab.jobs.train.RunOwner;
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

    /**
     * The sweep; {@code parallelRuns} >= 1. A {@code running} row whose driver on another host has sent no
     * heartbeat for {@code staleAfter} counts as left behind ({@link RunLiveness}).
     */
    public record Options(String warehouse, String sweepId, List<PlannedRun> runs, int parallelRuns,
            Duration staleAfter) {
        public Options {
            requireNonNull(warehouse, "warehouse");
            requireNonNull(sweepId, "sweepId");
            requireNonNull(staleAfter, "staleAfter");
            runs = List.copyOf(runs);
            if (parallelRuns < 1) {
                throw new IllegalArgumentException("Cannot run " + parallelRuns + " runs at a time");
            }
            if (staleAfter.compareTo(Duration.ofMillis(2 * TrainModel.HEARTBEAT_MILLIS)) < 0) {
                throw new IllegalArgumentException("Cannot call a run stale after " + staleAfter.toSeconds()
                        + " s without a heartbeat: runs write one every " + TrainModel.HEARTBEAT_MILLIS / 1000
                        + " s, so use at least " + 2 * TrainModel.HEARTBEAT_MILLIS / 1000 + " s");
            }
        }
    }

    /** The default of {@link Options#staleAfter()}. */
    public static final Duration DEFAULT_STALE_AFTER = Duration.ofMinutes(10);

    /**
     * How each run ended: finished, failed (with reason), skipped (finished before) or running-elsewhere (a live
     * driver trains it; the reason says which).
     */
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
        Map<String, String> aliveElsewhere = new HashMap<>();
        for (Map.Entry<String, String> e : previous.entrySet()) {
            if (e.getValue().startsWith(ALIVE)) {
                aliveElsewhere.put(e.getKey(), e.getValue().substring(ALIVE.length()));
            }
        }
        int total = options.runs().size();
        AtomicInteger done = new AtomicInteger();
        long toTrain = options.runs().stream().filter(r -> !"finished".equals(previous.get(r.runId()))
                && !aliveElsewhere.containsKey(r.runId())).count();
        AtomicInteger trained = new AtomicInteger();
        long start = System.nanoTime();
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
                if (aliveElsewhere.containsKey(run.runId())) {
                    String why = aliveElsewhere.get(run.runId());
                    LOG.warn("sweep {}: run {}/{} {} is running elsewhere ({}); not started again", options.sweepId(),
                            done.incrementAndGet(), total, run.runId(), why);
                    futures.add(java.util.concurrent.CompletableFuture.completedFuture(
                            new RunOutcome(run.runId(), run.axisValues(), "running-elsewhere", why, null)));
                    continue;
                }
                futures.add(pool.submit(() -> {
                    RunOutcome outcome = train(spark, run, done, total, previous.get(run.runId()));
                    LOG.info(ProgressLine.of("sweep " + options.sweepId() + ":", trained.incrementAndGet(), toTrain,
                            "runs trained here", 0, null, 0, null, (System.nanoTime() - start) / 1e9));
                    return outcome;
                }));
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
        } catch (Exception e) { // a run that cannot even start (SparkException too) is recorded; the sweep goes on
            outcome = new RunOutcome(run.runId(), run.axisValues(), "failed", String.valueOf(e.getMessage()), null);
        }
        LOG.info("sweep {}: run {}/{} {} {}: {}{}", options.sweepId(), done.incrementAndGet(), total, run.runId(),
                run.axisValues(), outcome.status(), outcome.failureReason() == null ? ""
                        : " (" + outcome.failureReason() + ")");
        return outcome;
    }

    /**
     * Each earlier run's status; a {@code running} one is judged by {@link RunLiveness}: left behind by a dead
     * driver it reads "running, left behind: WHY" (trained again from scratch), alive it reads ALIVE + why.
     */
    private Map<String, String> previousStatuses(SparkSession spark) {
        Warehouse warehouse = Warehouse.open(spark, options.warehouse());
        Map<String, String> statuses = new HashMap<>();
        if (!warehouse.exists(TableSchemas.RUNS)) {
            return statuses;
        }
        RunLiveness.Owner me = RunOwner.current(spark);
        Instant now = Instant.now();
        for (Row row : warehouse.read(TableSchemas.RUNS).filter(col("sweep_id").equalTo(options.sweepId()))
                .select(TableSchemas.RUN_ID, "status", "app_id", "driver_host", "driver_pid", "started_at",
                        "heartbeat_at").collectAsList()) {
            String status = row.getString(1);
            if ("running".equals(status)) {
                RunLiveness.Owner owner = row.isNullAt(2) ? null : new RunLiveness.Owner(row.getString(2),
                        row.isNullAt(3) ? null : row.getString(3), row.isNullAt(4) ? null : row.getLong(4));
                Instant heartbeat = row.isNullAt(6) ? null : row.getTimestamp(6).toInstant();
                RunLiveness.Verdict verdict = RunLiveness.judge(owner, row.getTimestamp(5).toInstant(), heartbeat, me,
                        now, options.staleAfter(), RunLiveness.ProcessProbe.LOCAL);
                status = verdict.stale() ? "running, left behind: " + verdict.reason() : ALIVE + verdict.reason();
            }
            statuses.put(row.getString(0), status);
        }
        return statuses;
    }

    private static final String ALIVE = "alive: ";
}
