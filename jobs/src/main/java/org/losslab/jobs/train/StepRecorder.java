package org.losslab.jobs.train;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongToDoubleFunction;

import org.deeplearning4j.core.storage.Persistable;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.deeplearning4j.core.storage.StorageMetaData;

/**
 * The driver's end of the step reports: DL4J-Spark posts every worker's {@link StepUpdate}s here after each
 * averaging round. Each step becomes one {@link StepRow}: the mean of the workers' losses (and their spread),
 * the examples seen so far by all workers, the learning rate and the wall time. A non-finite loss stops the
 * run (the exception propagates out of {@code fit}). After each round the {@link RoundHook} may evaluate the
 * averaged network and attach validation figures to the round's last step.
 */
final class StepRecorder implements StatsStorageRouter {

    /** One row of {@code run_metrics}; the evaluation fields are null on steps that were not evaluated. */
    record StepRow(long step, int epoch, long examplesSeen, double learningRate, double trainLoss, double trainLossMin,
            double trainLossMax, double trainLossStd, int workers, Double valLoss, Double valAccuracy, long wallMs,
            Double evalTrainLoss, Double trainAccuracy, Double weightNorm, Double scFraction) {
        StepRow withEvaluation(Evaluation e) {
            return new StepRow(step, epoch, examplesSeen, learningRate, trainLoss, trainLossMin, trainLossMax,
                    trainLossStd, workers, e.valLoss(), e.valAccuracy(), wallMs, e.trainLoss(), e.trainAccuracy(),
                    e.weightNorm(), e.scFraction());
        }
    }

    /**
     * The averaged network evaluated after a round: validation loss and accuracy, the same on the training set
     * (or its evaluation sample), the global weight norm and the Softmax Collapse fraction of the training set.
     */
    record Evaluation(Double valLoss, Double valAccuracy, Double trainLoss, Double trainAccuracy, Double weightNorm,
            Double scFraction) {
    }

    /** Called after each averaging round with the round's last step; returns an evaluation or null. */
    interface RoundHook {
        Evaluation afterRound(long lastStep);
    }

    /** A worker reported a NaN or infinite loss: the run must stop and say so. */
    static final class NonFiniteLossException extends RuntimeException {
        NonFiniteLossException(String message) {
            super(message);
        }
    }

    private final long startMillis;
    private final LongToDoubleFunction learningRate;
    private final RoundHook hook;
    private final List<StepRow> rows = new ArrayList<>();
    private final TreeMap<Long, List<StepUpdate>> pending = new TreeMap<>();
    private long examplesSeen;
    private final java.util.SortedSet<String> accelerators = new java.util.TreeSet<>();
    private Runnable afterRound = () -> { };

    StepRecorder(long startMillis, long examplesSeenBefore, List<StepRow> earlierRows, LongToDoubleFunction learningRate,
            RoundHook hook) {
        this.startMillis = startMillis;
        this.examplesSeen = examplesSeenBefore;
        this.rows.addAll(earlierRows);
        this.learningRate = learningRate;
        this.hook = hook;
    }

    List<StepRow> rows() {
        return rows;
    }

    /** Runs {@code action} after each round's rows (and evaluation) are recorded: the progress line. */
    void afterRound(Runnable action) {
        this.afterRound = action;
    }

    long examplesSeen() {
        return examplesSeen;
    }

    /** The GPU addresses the workers reported, comma-separated; null when none ran with GPU scheduling. */
    String accelerators() {
        return accelerators.isEmpty() ? null : String.join(",", accelerators);
    }

    StepRow last() {
        return rows.isEmpty() ? null : rows.get(rows.size() - 1);
    }

    /** Attaches an evaluation to the last recorded step (the end-of-training evaluation). */
    void evaluateLast(Evaluation evaluation) {
        if (!rows.isEmpty()) {
            rows.set(rows.size() - 1, rows.get(rows.size() - 1).withEvaluation(evaluation));
        }
    }

    @Override
    public void putUpdate(Persistable update) {
        if (update instanceof StepUpdate step) {
            pending.computeIfAbsent(step.step(), s -> new ArrayList<>()).add(step);
        }
    }

    @Override
    public void putUpdate(Collection<? extends Persistable> updates) {
        updates.forEach(this::putUpdate);
        finishRound();
    }

    /** Turns the pending reports into rows, in step order; then lets the hook validate. */
    void finishRound() {
        if (pending.isEmpty()) {
            return;
        }
        long lastStep = pending.lastKey();
        for (Map.Entry<Long, List<StepUpdate>> entry : pending.entrySet()) {
            rows.add(row(entry.getKey(), entry.getValue()));
        }
        pending.clear();
        Evaluation evaluation = hook == null ? null : hook.afterRound(lastStep);
        if (evaluation != null) {
            evaluateLast(evaluation);
        }
        afterRound.run();
    }

    private StepRow row(long step, List<StepUpdate> updates) {
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        long examples = 0;
        long time = 0;
        int epoch = 0;
        for (StepUpdate u : updates) {
            if (!Double.isFinite(u.loss())) {
                throw new NonFiniteLossException("training loss is " + u.loss() + " at step " + step + " (epoch "
                        + u.epoch() + ", worker " + u.getWorkerID() + ")");
            }
            sum += u.loss();
            min = Math.min(min, u.loss());
            max = Math.max(max, u.loss());
            examples += u.examples();
            if (u.accelerator() != null) {
                accelerators.add(u.accelerator());
            }
            time = Math.max(time, u.getTimeStamp());
            epoch = u.epoch();
        }
        double mean = sum / updates.size();
        double squares = 0;
        for (StepUpdate u : updates) {
            squares += (u.loss() - mean) * (u.loss() - mean);
        }
        examplesSeen += examples;
        return new StepRow(step, epoch, examplesSeen, learningRate.applyAsDouble(step), mean, min, max,
                Math.sqrt(squares / updates.size()), updates.size(), null, null, Math.max(0, time - startMillis), null, null,
                null, null);
    }

    @Override
    public void putStorageMetaData(StorageMetaData metaData) {
    }

    @Override
    public void putStorageMetaData(Collection<? extends StorageMetaData> metaData) {
    }

    @Override
    public void putStaticInfo(Persistable staticInfo) {
    }

    @Override
    public void putStaticInfo(Collection<? extends Persistable> staticInfo) {
    }
}
