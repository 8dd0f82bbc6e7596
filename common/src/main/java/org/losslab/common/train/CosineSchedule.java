package org.losslab.common.train;

/**
 * Linear warm-up {@code lr * step / warmupSteps} for {@code step < warmupSteps}, then
 * {@code minLr + (lr - minLr) * (1 + cos(pi * t)) / 2} with {@code t = (step - warmupSteps) / (totalSteps -
 * warmupSteps)}, reaching {@code minLr} at {@code totalSteps} and staying there.
 */
public record CosineSchedule(double lr, long warmupSteps, long totalSteps, double minLr)
        implements LearningRateSchedule {
    private static final long serialVersionUID = 1L;

    public CosineSchedule {
        ScheduleChecks.checkRates(lr, minLr);
        ScheduleChecks.checkSteps(warmupSteps, totalSteps);
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
        double progress = (double) (step - warmupSteps) / (totalSteps - warmupSteps);
        return minLr + (lr - minLr) * 0.5 * (1.0 + Math.cos(Math.PI * progress));
    }
}
