package org.losslab.common.scaling;

/** The Huber loss {@code 0.5 r^2} for {@code |r| <= delta}, {@code delta (|r| - delta / 2)} beyond (as scipy's). */
final class Huber {
    private Huber() {
    }

    static double loss(double residual, double delta) {
        double abs = Math.abs(residual);
        return abs <= delta ? 0.5 * residual * residual : delta * (abs - 0.5 * delta);
    }

    static double derivative(double residual, double delta) {
        return Math.max(-delta, Math.min(delta, residual));
    }
}
