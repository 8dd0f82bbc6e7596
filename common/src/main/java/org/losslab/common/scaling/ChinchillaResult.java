package org.losslab.common.scaling;

import java.io.Serializable;
import java.util.Map;
import java.util.Objects;

/**
 * A Chinchilla fit: the law at the best converged start, its Huber objective, how many points and starts went
 * in, and the bootstrap summary ({@link BootstrapSummary#none()} when not bootstrapped).
 *
 * @param law the fitted law
 * @param objective sum over the points used of {@code Huber_1e-3(log L_hat - log L)} at the optimum
 * @param pointsUsed points fitted (after leaving out the highest losses)
 * @param startsTried starting points run
 * @param startsConverged starting points whose L-BFGS run converged: it met Breeze's function-value or gradient
 *     criterion, or its line search ran out of floating-point decrease at a gradient norm of at most 1e-6
 * @param bootstrap bootstrap standard errors and intervals
 */
public record ChinchillaResult(ChinchillaLaw law, double objective, int pointsUsed, int startsTried,
        int startsConverged, BootstrapSummary bootstrap) implements Serializable {
    private static final long serialVersionUID = 1L;

    public ChinchillaResult {
        Objects.requireNonNull(law, "law");
        Objects.requireNonNull(bootstrap, "bootstrap");
    }

    /** Fitted {@code A}. */
    public double A() {
        return law.A();
    }

    /** Fitted {@code B}. */
    public double B() {
        return law.B();
    }

    /** Fitted {@code E}. */
    public double E() {
        return law.E();
    }

    /** Fitted {@code alpha}. */
    public double alpha() {
        return law.alpha();
    }

    /** Fitted {@code beta}. */
    public double beta() {
        return law.beta();
    }

    /** Bootstrap standard errors keyed {@code "A", "B", "E", "alpha", "beta"}; empty when not bootstrapped. */
    public Map<String, Double> standardErrors() {
        return bootstrap.standardErrors();
    }

    /** Bootstrap 80% percentile intervals, keyed as {@link #standardErrors()}. */
    public Map<String, Interval> interval80() {
        return bootstrap.interval80();
    }

    /** Bootstrap 95% percentile intervals, keyed as {@link #standardErrors()}. */
    public Map<String, Interval> interval95() {
        return bootstrap.interval95();
    }

    /** Compute-optimal {@code N_opt} and {@code D_opt} for {@code compute = 6 N D} FLOPs. */
    public ComputeAllocation computeOptimal(double compute) {
        return law.computeOptimal(compute);
    }

    /** Exponent {@code a} of {@code N_opt ~ C^a}. */
    public double paramsExponent() {
        return law.paramsExponent();
    }

    /** Exponent {@code b} of {@code D_opt ~ C^b}. */
    public double tokensExponent() {
        return law.tokensExponent();
    }
}
