package org.losslab.common.scaling;

import java.io.Serializable;
import org.losslab.common.train.AnnealingAreas;

/**
 * The learning-rate annealing law {@code L(s) = L0 + A * S1(s)^-alpha - C * S2(s)} (Tissue et al. 2024), with
 * {@code S1} the forward area and {@code S2} the annealing area of momentum decay {@code lambda}, as
 * {@link AnnealingAreas} computes them.
 */
public record AnnealingLaw(double L0, double A, double alpha, double C, double lambda) implements Serializable {
    private static final long serialVersionUID = 1L;

    public AnnealingLaw {
        if (!(lambda >= 0.0 && lambda <= 1.0)) {
            throw new IllegalArgumentException("lambda must be in [0, 1], got " + lambda);
        }
    }

    /** The loss at areas {@code s1 > 0} and {@code s2}. */
    public double loss(double s1, double s2) {
        return L0 + A * Math.pow(s1, -alpha) - C * s2;
    }

    /**
     * The predicted loss of every step of a run with these per-step learning rates; steps whose forward area is
     * still 0 (a warm-up from lr 0) predict infinity.
     */
    public double[] predict(double[] learningRates) {
        AnnealingAreas areas = AnnealingAreas.of(learningRates, lambda);
        double[] losses = new double[areas.steps()];
        for (int s = 0; s < losses.length; s++) {
            losses[s] = loss(areas.forwardArea(s), areas.annealingArea(s));
        }
        return losses;
    }
}
