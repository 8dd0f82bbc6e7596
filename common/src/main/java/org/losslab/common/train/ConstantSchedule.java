package org.losslab.common.train;

/** The same learning rate at every step. */
public record ConstantSchedule(double lr) implements LearningRateSchedule {
    private static final long serialVersionUID = 1L;

    public ConstantSchedule {
        ScheduleChecks.checkRates(lr, 0.0);
    }

    @Override
    public double at(long step) {
        ScheduleChecks.checkStep(step);
        return lr;
    }
}
