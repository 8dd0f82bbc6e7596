package org.losslab.common.train;

/** Argument checks and the linear warm-up shared by the schedules. */
final class ScheduleChecks {
    private ScheduleChecks() {
    }

    static void checkRates(double lr, double minLr) {
        if (!(lr >= 0.0 && Double.isFinite(lr))) {
            throw new IllegalArgumentException("lr must be finite and >= 0, got " + lr);
        }
        if (!(minLr >= 0.0 && minLr <= lr)) {
            throw new IllegalArgumentException("minLr must be in [0, lr = " + lr + "], got " + minLr);
        }
    }

    static void checkSteps(long warmupSteps, long totalSteps) {
        if (warmupSteps < 0) {
            throw new IllegalArgumentException("warmupSteps must be >= 0, got " + warmupSteps);
        }
        if (totalSteps <= warmupSteps) {
            throw new IllegalArgumentException(
                    "totalSteps must exceed warmupSteps = " + warmupSteps + ", got " + totalSteps);
        }
    }

    static void checkStep(long step) {
        if (step < 0) {
            throw new IllegalArgumentException("step must be >= 0, got " + step);
        }
    }

    /** {@code lr * step / warmupSteps}: 0 at step 0, reaching {@code lr} at step {@code warmupSteps}. */
    static double warmup(double lr, long step, long warmupSteps) {
        return lr * step / warmupSteps;
    }
}
