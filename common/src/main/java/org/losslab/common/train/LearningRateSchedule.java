package org.losslab.common.train;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A learning rate as a pure function of the 0-based global step. Implementations are immutable and
 * {@link Serializable}, so a schedule can be shipped to Spark executors inside a closure.
 */
public interface LearningRateSchedule extends Serializable {
    /** The CLI names accepted by {@link #parse}. */
    List<String> NAMES = List.of("constant", "cosine", "warmup-stable-decay");

    /** Learning rate at global step {@code step} (0-based, non-negative). */
    double at(long step);

    /** Learning rates of the {@code count} steps starting at {@code fromStep}. */
    default double[] sample(long fromStep, int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, got " + count);
        }
        double[] rates = new double[count];
        for (int i = 0; i < count; i++) {
            rates[i] = at(fromStep + i);
        }
        return rates;
    }

    /** The same learning rate at every step. */
    static LearningRateSchedule constant(double lr) {
        return new ConstantSchedule(lr);
    }

    /** Linear warm-up from 0 to {@code lr}, half-cosine down to {@code minLr} at {@code totalSteps}, then flat. */
    static LearningRateSchedule cosine(double lr, long warmupSteps, long totalSteps, double minLr) {
        return new CosineSchedule(lr, warmupSteps, totalSteps, minLr);
    }

    /**
     * Linear warm-up from 0 to {@code lr}, constant {@code lr}, then a linear decay to {@code minLr} over the
     * last {@code decayFraction} of {@code totalSteps}, then flat.
     */
    static LearningRateSchedule warmupStableDecay(
            double lr, long warmupSteps, long totalSteps, double decayFraction, double minLr) {
        return new WarmupStableDecaySchedule(lr, warmupSteps, totalSteps, decayFraction, minLr);
    }

    /**
     * The schedule named on the command line ({@code constant|cosine|warmup-stable-decay}, case-insensitive).
     * {@code constant} uses {@code lr} only; {@code cosine} ignores {@code decayFraction}.
     */
    static LearningRateSchedule parse(
            String name, double lr, long warmupSteps, long totalSteps, double decayFraction, double minLr) {
        Objects.requireNonNull(name, "name");
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "constant" -> constant(lr);
            case "cosine" -> cosine(lr, warmupSteps, totalSteps, minLr);
            case "warmup-stable-decay" -> warmupStableDecay(lr, warmupSteps, totalSteps, decayFraction, minLr);
            default -> throw new IllegalArgumentException(
                    "unknown learning-rate schedule '" + name + "', expected one of " + String.join("|", NAMES));
        };
    }
}
