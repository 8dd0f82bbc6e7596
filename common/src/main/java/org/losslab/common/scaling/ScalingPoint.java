package org.losslab.common.scaling;

import java.io.Serializable;

/**
 * One trained network: its parameter count {@code n}, training tokens {@code d} and final loss.
 *
 * @param n parameters, finite and positive
 * @param d training tokens (or examples), finite and positive
 * @param loss final loss, finite and positive
 */
public record ScalingPoint(double n, double d, double loss) implements Serializable {
    private static final long serialVersionUID = 1L;

    public ScalingPoint {
        requirePositive("n", n);
        requirePositive("d", d);
        requirePositive("loss", loss);
    }

    private static void requirePositive(String name, double value) {
        if (!(value > 0.0 && Double.isFinite(value))) {
            throw new IllegalArgumentException(name + " must be finite and > 0, got " + value);
        }
    }
}
