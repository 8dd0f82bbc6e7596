package org.losslab.common.scaling;

import java.io.Serializable;
import java.util.Objects;

/**
 * Options of {@link ChinchillaFit}.
 *
 * @param grid the starting points; {@link StartGrid#hoffmann()} by default
 * @param excludeHighestLoss how many of the highest-loss points to leave out before fitting (0 by default)
 * @param bootstrapResamples bootstrap resamples; 0 (the default) skips the bootstrap
 * @param bootstrapSeed seed of the resampling; the same seed gives the same summary
 * @param optimizer L-BFGS settings
 */
public record ChinchillaOptions(StartGrid grid, int excludeHighestLoss, int bootstrapResamples, long bootstrapSeed,
        OptimizerSettings optimizer) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Resamples of {@link #withBootstrap(long)}. */
    public static final int DEFAULT_BOOTSTRAP_RESAMPLES = 1000;

    public ChinchillaOptions {
        Objects.requireNonNull(grid, "grid");
        Objects.requireNonNull(optimizer, "optimizer");
        if (excludeHighestLoss < 0) {
            throw new IllegalArgumentException("excludeHighestLoss must be >= 0, got " + excludeHighestLoss);
        }
        if (bootstrapResamples < 0) {
            throw new IllegalArgumentException("bootstrapResamples must be >= 0, got " + bootstrapResamples);
        }
    }

    /** Hoffmann's 4,500-start grid, no points excluded, no bootstrap, {@link OptimizerSettings#defaults()}. */
    public static ChinchillaOptions defaults() {
        return new ChinchillaOptions(StartGrid.hoffmann(), 0, 0, 0L, OptimizerSettings.defaults());
    }

    /** The same options with another start grid. */
    public ChinchillaOptions withGrid(StartGrid newGrid) {
        return new ChinchillaOptions(newGrid, excludeHighestLoss, bootstrapResamples, bootstrapSeed, optimizer);
    }

    /** The same options leaving out the {@code count} highest-loss points. */
    public ChinchillaOptions withExcludeHighestLoss(int count) {
        return new ChinchillaOptions(grid, count, bootstrapResamples, bootstrapSeed, optimizer);
    }

    /** The same options with a bootstrap of {@code resamples} resamples drawn from {@code seed}. */
    public ChinchillaOptions withBootstrap(int resamples, long seed) {
        return new ChinchillaOptions(grid, excludeHighestLoss, resamples, seed, optimizer);
    }

    /** The same options with a bootstrap of {@link #DEFAULT_BOOTSTRAP_RESAMPLES} resamples. */
    public ChinchillaOptions withBootstrap(long seed) {
        return withBootstrap(DEFAULT_BOOTSTRAP_RESAMPLES, seed);
    }

    /** The same options with other L-BFGS settings. */
    public ChinchillaOptions withOptimizer(OptimizerSettings settings) {
        return new ChinchillaOptions(grid, excludeHighestLoss, bootstrapResamples, bootstrapSeed, settings);
    }
}
