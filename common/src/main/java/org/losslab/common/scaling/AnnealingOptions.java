package org.losslab.common.scaling;

import java.io.Serializable;
import java.util.Objects;
import org.losslab.common.train.AnnealingAreas;

/**
 * Options of {@link AnnealingLawFit}.
 *
 * @param lambda momentum decay of the annealing area, in [0, 1]
 * @param huberDelta Huber threshold on the relative residual {@code (L_hat - L) / L}
 * @param skipSteps leading steps of each run left out of the fit (their rates still count in the areas)
 * @param optimizer L-BFGS settings
 */
public record AnnealingOptions(double lambda, double huberDelta, int skipSteps, OptimizerSettings optimizer)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Default Huber threshold: the Chinchilla fit's, here on relative rather than log residuals. */
    public static final double DEFAULT_HUBER_DELTA = 1e-3;

    public AnnealingOptions {
        Objects.requireNonNull(optimizer, "optimizer");
        if (!(lambda >= 0.0 && lambda <= 1.0)) {
            throw new IllegalArgumentException("lambda must be in [0, 1], got " + lambda);
        }
        if (!(huberDelta > 0.0 && Double.isFinite(huberDelta))) {
            throw new IllegalArgumentException("huberDelta must be finite and > 0, got " + huberDelta);
        }
        if (skipSteps < 0) {
            throw new IllegalArgumentException("skipSteps must be >= 0, got " + skipSteps);
        }
    }

    /** lambda 0.999, Huber delta 1e-3, no steps skipped, {@link OptimizerSettings#defaults()}. */
    public static AnnealingOptions defaults() {
        return new AnnealingOptions(AnnealingAreas.DEFAULT_LAMBDA, DEFAULT_HUBER_DELTA, 0,
                OptimizerSettings.defaults());
    }

    /** The same options with another momentum decay. */
    public AnnealingOptions withLambda(double newLambda) {
        return new AnnealingOptions(newLambda, huberDelta, skipSteps, optimizer);
    }

    /** The same options with another Huber threshold. */
    public AnnealingOptions withHuberDelta(double delta) {
        return new AnnealingOptions(lambda, delta, skipSteps, optimizer);
    }

    /** The same options leaving the first {@code steps} steps of each run out of the fit. */
    public AnnealingOptions withSkipSteps(int steps) {
        return new AnnealingOptions(lambda, huberDelta, steps, optimizer);
    }

    /** The same options with other L-BFGS settings. */
    public AnnealingOptions withOptimizer(OptimizerSettings settings) {
        return new AnnealingOptions(lambda, huberDelta, skipSteps, settings);
    }
}
