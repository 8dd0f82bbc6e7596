package org.losslab.common.scaling;

import java.io.Serializable;
import java.util.Objects;

/**
 * An annealing-law fit: the law at the best converged start and its objective.
 *
 * @param law the fitted law, with the lambda it was fitted with
 * @param objective sum over fitted steps of {@code Huber_delta((L_hat - L) / L)} at the optimum
 * @param stepsUsed steps fitted, over all runs
 * @param startsTried starting points run
 * @param startsConverged starting points whose L-BFGS run converged
 */
public record AnnealingFitResult(AnnealingLaw law, double objective, int stepsUsed, int startsTried,
        int startsConverged) implements Serializable {
    private static final long serialVersionUID = 1L;

    public AnnealingFitResult {
        Objects.requireNonNull(law, "law");
    }

    /** Predicts {@code run}'s whole curve from its learning rates and compares it with its losses. */
    public AnnealingPrediction predict(AnnealingRun run) {
        return AnnealingLawFit.predict(law, run);
    }
}
