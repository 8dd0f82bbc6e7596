package org.losslab.jobs.train;

import java.io.PrintStream;
import java.util.Locale;

import org.losslab.common.progress.ProgressLine;
import org.losslab.jobs.train.StepRecorder.StepRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A training run's progress after each averaging round: step of total, the latest training and validation loss,
 * examples/s and the time left at the rate so far. {@code -Dlosslab.progress=bar} (bin/losslab sets it when stderr
 * is a terminal) redraws one line on stderr at most five times a second; {@code plain} (the default: logs,
 * spark-submit, Airflow) logs the line at most once a minute; {@code off} prints nothing. The per-epoch lines are
 * printed either way.
 */
final class TrainingProgress {
    private static final Logger LOG = LoggerFactory.getLogger(TrainModel.class);
    private static final long BAR_EVERY_NANOS = 200_000_000L;
    private static final long PLAIN_EVERY_NANOS = 60_000_000_000L;
    private static final int BAR_WIDTH = 20;

    enum Mode { BAR, PLAIN, OFF }

    private final Mode mode;
    private final PrintStream terminal;
    private final String runId;
    private final long totalSteps;
    private final long firstStep;
    private final long examplesBefore;
    private final long start = System.nanoTime();
    private long lastPrinted = System.nanoTime();
    private boolean drawn;
    private StepRow validated;

    TrainingProgress(Mode mode, PrintStream terminal, String runId, long totalSteps, long firstStep,
            long examplesBefore) {
        this.mode = mode;
        this.terminal = terminal;
        this.runId = runId;
        this.totalSteps = Math.max(totalSteps, 1);
        this.firstStep = firstStep;
        this.examplesBefore = examplesBefore;
    }

    /** The mode the JVM was started with ({@code losslab.progress}), plain when unset or unknown. */
    static Mode configured() {
        String value = System.getProperty("losslab.progress", "plain").trim().toUpperCase(Locale.ROOT);
        try {
            return Mode.valueOf(value);
        } catch (IllegalArgumentException e) {
            return Mode.PLAIN;
        }
    }

    /** After a round: the rows recorded so far, the latest last. */
    void update(java.util.List<StepRow> rows) {
        if (mode == Mode.OFF || rows.isEmpty()) {
            return;
        }
        StepRow latest = rows.get(rows.size() - 1);
        for (int i = rows.size() - 1; i >= 0 && i >= rows.size() - 64; i--) {
            if (rows.get(i).valLoss() != null) {
                if (validated == null || rows.get(i).step() > validated.step()) {
                    validated = rows.get(i);
                }
                break;
            }
        }
        long now = System.nanoTime();
        if (now - lastPrinted < (mode == Mode.BAR ? BAR_EVERY_NANOS : PLAIN_EVERY_NANOS)) {
            return;
        }
        lastPrinted = now;
        String line = line(latest, (now - start) / 1e9);
        if (mode == Mode.BAR) {
            terminal.print("\r" + line + "\u001B[K");
            terminal.flush();
            drawn = true;
        } else {
            LOG.info(line);
        }
    }

    String line(StepRow latest, double seconds) {
        String figures = String.format(Locale.ROOT, "loss %.4f", latest.trainLoss())
                + (validated == null ? "" : String.format(Locale.ROOT, ", val %.4f", validated.valLoss()));
        return ProgressLine.of("Run " + runId + ":", latest.step() + 1, totalSteps, "steps",
                mode == Mode.BAR ? BAR_WIDTH : 0, figures, latest.examplesSeen() - examplesBefore, "examples",
                seconds) + (firstStep > 0 ? " (resumed)" : "");
    }

    /** Erases the bar, so that a log line starts on a clean line. */
    void clear() {
        if (drawn) {
            terminal.print("\r\u001B[K");
            terminal.flush();
            drawn = false;
        }
    }
}
