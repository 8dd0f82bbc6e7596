package org.losslab.common.scaling;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;
import org.losslab.common.train.LearningRateSchedule;

/**
 * One training run for the annealing law: the learning rate and the loss of each step, both over the same
 * steps. The areas {@code S1}, {@code S2} are taken over these steps, so pass them from the end of warm-up when
 * the warm-up should not count (see {@link org.losslab.common.train.AnnealingAreas}). Arrays are copied in and
 * out, so the record is immutable.
 */
public record AnnealingRun(double[] learningRates, double[] losses) implements Serializable {
    private static final long serialVersionUID = 1L;

    public AnnealingRun {
        Objects.requireNonNull(learningRates, "learningRates");
        Objects.requireNonNull(losses, "losses");
        if (learningRates.length != losses.length) {
            throw new IllegalArgumentException("need one loss per learning rate, got " + learningRates.length
                    + " rates and " + losses.length + " losses");
        }
        if (losses.length == 0) {
            throw new IllegalArgumentException("a run needs at least one step");
        }
        for (int i = 0; i < losses.length; i++) {
            if (!(learningRates[i] >= 0.0 && Double.isFinite(learningRates[i]))) {
                throw new IllegalArgumentException("learning rate at step " + i + " must be finite and >= 0, got "
                        + learningRates[i]);
            }
            if (!(losses[i] > 0.0 && Double.isFinite(losses[i]))) {
                throw new IllegalArgumentException("loss at step " + i + " must be finite and > 0, got " + losses[i]);
            }
        }
        learningRates = learningRates.clone();
        losses = losses.clone();
    }

    /** The run whose losses start at step {@code fromStep} of {@code schedule}, one loss per step. */
    public static AnnealingRun of(LearningRateSchedule schedule, long fromStep, double[] losses) {
        Objects.requireNonNull(schedule, "schedule");
        return new AnnealingRun(schedule.sample(fromStep, losses.length), losses);
    }

    @Override
    public double[] learningRates() {
        return learningRates.clone();
    }

    @Override
    public double[] losses() {
        return losses.clone();
    }

    /** Number of steps. */
    public int steps() {
        return losses.length;
    }

    double loss(int step) {
        return losses[step];
    }

    double[] sharedLearningRates() {
        return learningRates;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AnnealingRun r
                && Arrays.equals(learningRates, r.learningRates)
                && Arrays.equals(losses, r.losses);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(learningRates) + Arrays.hashCode(losses);
    }

    @Override
    public String toString() {
        return "AnnealingRun[steps=" + losses.length + "]";
    }
}
