package org.losslab.common.scaling;

import java.io.Serializable;

/**
 * Settings of Breeze's L-BFGS as the fits use it.
 *
 * <p>{@code tolerance} follows Breeze's default convergence check: the run stops when the objective has
 * improved by at most {@code tolerance * |f(start)|} over the last 20 iterations, or when the gradient norm is
 * at most {@code max(tolerance * |f|, 1e-8)}. The scaling-law objectives are tiny at the optimum (a Huber
 * sum of ~1e-3), so a loose tolerance stops almost at once; the default is 1e-12.
 *
 * @param maxIterations iterations per start before the run counts as not converged
 * @param memory number of correction pairs L-BFGS keeps
 * @param tolerance relative tolerance, as above
 */
public record OptimizerSettings(int maxIterations, int memory, double tolerance) implements Serializable {
    private static final long serialVersionUID = 1L;

    public OptimizerSettings {
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations must be >= 1, got " + maxIterations);
        }
        if (memory < 1) {
            throw new IllegalArgumentException("memory must be >= 1, got " + memory);
        }
        if (!(tolerance > 0.0 && tolerance < 1.0)) {
            throw new IllegalArgumentException("tolerance must be in (0, 1), got " + tolerance);
        }
    }

    /** 2,000 iterations, 10 correction pairs, tolerance 1e-12. */
    public static OptimizerSettings defaults() {
        return new OptimizerSettings(2000, 10, 1e-12);
    }
}
