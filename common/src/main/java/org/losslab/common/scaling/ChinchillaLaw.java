package org.losslab.common.scaling;

import java.io.Serializable;

/**
 * The Chinchilla law {@code L(N, D) = E + A / N^alpha + B / D^beta} (Hoffmann et al. 2022, approach 3) and
 * its compute-optimal allocation under {@code C = 6 N D}:
 * {@code N_opt = G (C/6)^a}, {@code D_opt = (C/6)^b / G}, with {@code a = beta / (alpha + beta)},
 * {@code b = alpha / (alpha + beta)} and {@code G = (alpha A / (beta B))^(1 / (alpha + beta))}.
 * Component names follow the paper.
 */
public record ChinchillaLaw(double E, double A, double B, double alpha, double beta) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Predicted loss of a model with {@code n} parameters trained on {@code d} tokens. */
    public double loss(double n, double d) {
        return E + A / Math.pow(n, alpha) + B / Math.pow(d, beta);
    }

    /** Exponent {@code a = beta / (alpha + beta)} of {@code N_opt ~ C^a}. */
    public double paramsExponent() {
        return beta / (alpha + beta);
    }

    /** Exponent {@code b = alpha / (alpha + beta)} of {@code D_opt ~ C^b}. */
    public double tokensExponent() {
        return alpha / (alpha + beta);
    }

    /** {@code G = (alpha A / (beta B))^(1 / (alpha + beta))}; requires {@code alpha, beta > 0}. */
    public double allocationScale() {
        return Math.exp(logAllocationScale());
    }

    /** Compute-optimal parameters and tokens for {@code compute} FLOPs; requires {@code alpha, beta > 0}. */
    public ComputeAllocation computeOptimal(double compute) {
        if (!(compute > 0.0 && Double.isFinite(compute))) {
            throw new IllegalArgumentException("compute must be finite and > 0, got " + compute);
        }
        double logHalfBudget = Math.log(compute / 6.0);
        double logG = logAllocationScale();
        double params = Math.exp(logG + paramsExponent() * logHalfBudget);
        double tokens = Math.exp(-logG + tokensExponent() * logHalfBudget);
        return new ComputeAllocation(compute, params, tokens, loss(params, tokens));
    }

    // In logs: A, B reach e^25 at the edge of the start grid and G's power would overflow.
    private double logAllocationScale() {
        if (!(alpha > 0.0 && beta > 0.0)) {
            throw new IllegalStateException("the allocation needs alpha > 0 and beta > 0, got alpha = " + alpha
                    + ", beta = " + beta);
        }
        return (Math.log(alpha) + Math.log(A) - Math.log(beta) - Math.log(B)) / (alpha + beta);
    }
}
