package org.losslab.common.scaling;

import java.io.Serializable;
import java.util.Objects;

/**
 * A single-variable power law {@code L(x) = E + (scale / x)^exponent} fitted on a loss frontier, as
 * {@link KaplanFit} returns it ({@code x} is {@code N} or {@code D}; {@code scale} is Kaplan et al.'s
 * {@code N_c} or {@code D_c}).
 *
 * @param variable which variable {@code x} is
 * @param scale {@code N_c} or {@code D_c}
 * @param exponent {@code alpha_N} or {@code alpha_D}
 * @param irreducible {@code E}; 0 when fitted without it
 * @param objective sum over the frontier of {@code (log L_hat - log L)^2} at the optimum
 * @param frontierPoints points on the frontier, the ones fitted
 */
public record KaplanResult(KaplanFit.Variable variable, double scale, double exponent, double irreducible,
        double objective, int frontierPoints) implements Serializable {
    private static final long serialVersionUID = 1L;

    public KaplanResult {
        Objects.requireNonNull(variable, "variable");
    }

    /** Predicted loss at {@code x}. */
    public double loss(double x) {
        return irreducible + Math.pow(scale / x, exponent);
    }
}
