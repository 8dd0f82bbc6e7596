package org.losslab.common.train;

import java.util.Objects;

/**
 * The two areas of the learning-rate annealing scaling law {@code L(s) = L0 + A * S1^-alpha - C * S2}
 * (Tissue et al. 2024, "Scaling Law with Learning Rate Annealing", arXiv:2408.11029), over a sequence of
 * per-step learning rates {@code lr_0, lr_1, ...}:
 * <ul>
 *   <li>forward area {@code S1(s) = sum_{i=0..s} lr_i};</li>
 *   <li>annealing area {@code S2(s) = sum_{i=0..s} m_i}, with momentum {@code m_0 = 0} and
 *       {@code m_i = lambda * m_{i-1} + (lr_{i-1} - lr_i)}.</li>
 * </ul>
 * Index {@code s} is inclusive: {@code S1(0) = lr_0}. The areas are taken over the sequence as given; a
 * warm-up (rising lr) makes the momentum negative, so pass the rates from the end of warm-up when the fit
 * should leave it out, e.g. {@code of(schedule.sample(warmupSteps, n), lambda)}.
 */
public final class AnnealingAreas {
    /** The default momentum decay factor. */
    public static final double DEFAULT_LAMBDA = 0.999;

    private final double[] forward;
    private final double[] annealing;

    private AnnealingAreas(double[] forward, double[] annealing) {
        this.forward = forward;
        this.annealing = annealing;
    }

    /** Areas of a sequence of per-step learning rates with momentum decay {@code lambda} in [0, 1]. */
    public static AnnealingAreas of(double[] learningRates, double lambda) {
        Objects.requireNonNull(learningRates, "learningRates");
        if (!(lambda >= 0.0 && lambda <= 1.0)) {
            throw new IllegalArgumentException("lambda must be in [0, 1], got " + lambda);
        }
        int steps = learningRates.length;
        double[] forward = new double[steps];
        double[] annealing = new double[steps];
        double s1 = 0.0;
        double s2 = 0.0;
        double momentum = 0.0;
        for (int i = 0; i < steps; i++) {
            if (i > 0) {
                momentum = lambda * momentum + (learningRates[i - 1] - learningRates[i]);
            }
            s1 += learningRates[i];
            s2 += momentum;
            forward[i] = s1;
            annealing[i] = s2;
        }
        return new AnnealingAreas(forward, annealing);
    }

    /** Areas of a sequence with {@link #DEFAULT_LAMBDA}. */
    public static AnnealingAreas of(double[] learningRates) {
        return of(learningRates, DEFAULT_LAMBDA);
    }

    /** Areas of the first {@code steps} steps (0 .. steps-1) of a schedule. */
    public static AnnealingAreas of(LearningRateSchedule schedule, int steps, double lambda) {
        return of(Objects.requireNonNull(schedule, "schedule").sample(0, steps), lambda);
    }

    /** Number of steps covered. */
    public int steps() {
        return forward.length;
    }

    /** {@code S1(step)}: the sum of the learning rates of steps 0..step. */
    public double forwardArea(int step) {
        return forward[step];
    }

    /** {@code S2(step)}: the sum of the momenta of steps 0..step. */
    public double annealingArea(int step) {
        return annealing[step];
    }

    /** All {@code S1} values, one per step (a copy). */
    public double[] forwardAreas() {
        return forward.clone();
    }

    /** All {@code S2} values, one per step (a copy). */
    public double[] annealingAreas() {
        return annealing.clone();
    }
}
