package org.losslab.common.train;

/**
 * Warmup-stable-decay ("WSD"): linear warm-up {@code lr * step / warmupSteps} for {@code step < warmupSteps},
 * constant {@code lr} until {@link #decayStart()}, then linear from {@code lr} to {@code minLr} at
 * {@code totalSteps}, flat {@code minLr} after. The decay covers {@code round(decayFraction * totalSteps)}
 * steps, which must fit after the warm-up.
 */
public record WarmupStableDecaySchedule(double lr, long warmupSteps, long totalSteps, double decayFraction,
        double minLr) implements LearningRateSchedule {
    private static final long serialVersionUID = 1L;

    public WarmupStableDecaySchedule {
        ScheduleChecks.checkRates(lr, minLr);
        ScheduleChecks.checkSteps(warmupSteps, totalSteps);
        if (!(decayFraction >= 0.0 && decayFraction <= 1.0)) {
            throw new IllegalArgumentException("decayFraction must be in [0, 1], got " + decayFraction);
        }
        long decaySteps = Math.round(decayFraction * totalSteps);
        if (warmupSteps + decaySteps > totalSteps) {
            throw new IllegalArgumentException("warm-up (" + warmupSteps + ") and decay (" + decaySteps
                    + " steps) do not fit in " + totalSteps + " steps");
        }
    }

    /** First step of the linear decay; equals {@code totalSteps} when {@code decayFraction} rounds to no steps. */
    public long decayStart() {
        return totalSteps - Math.round(decayFraction * totalSteps);
    }

    @Override
    public double at(long step) {
        ScheduleChecks.checkStep(step);
        if (step < warmupSteps) {
            return ScheduleChecks.warmup(lr, step, warmupSteps);
        }
        if (step >= totalSteps) {
            return minLr;
        }
        long decayStart = decayStart();
        if (step < decayStart) {
            return lr;
        }
        double progress = (double) (step - decayStart) / (totalSteps - decayStart);
        return lr + (minLr - lr) * progress;
    }
}
