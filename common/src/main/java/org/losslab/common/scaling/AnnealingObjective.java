package org.losslab.common.scaling;

import java.util.Arrays;

/**
 * Sum over steps of {@code Huber_delta((L_hat - L) / L)} for the annealing law in the parameters
 * {@code theta = (log L0, log A, alpha, C)}, with its analytic gradient.
 */
final class AnnealingObjective implements BreezeLbfgs.Objective {
    static final int DIMENSION = 4;

    private final double[] logForward;
    private final double[] annealing;
    private final double[] losses;
    private final double delta;

    /** Per fitted step: {@code log S1} (S1 > 0), {@code S2} and the observed loss. */
    AnnealingObjective(double[] logForward, double[] annealing, double[] losses, double delta) {
        this.logForward = logForward;
        this.annealing = annealing;
        this.losses = losses;
        this.delta = delta;
    }

    int size() {
        return losses.length;
    }

    double[] logForward() {
        return logForward;
    }

    double[] annealing() {
        return annealing;
    }

    double[] losses() {
        return losses;
    }

    @Override
    public double evaluate(double[] theta, double[] gradient) {
        double floor = Math.exp(theta[0]);
        double coefficient = Math.exp(theta[1]);
        double alpha = theta[2];
        double c = theta[3];
        Arrays.fill(gradient, 0.0);
        double sum = 0.0;
        for (int i = 0; i < losses.length; i++) {
            double powerTerm = coefficient * Math.exp(-alpha * logForward[i]);
            double predicted = floor + powerTerm - c * annealing[i];
            double residual = (predicted - losses[i]) / losses[i];
            sum += Huber.loss(residual, delta);
            double scale = Huber.derivative(residual, delta) / losses[i];
            gradient[0] += scale * floor;
            gradient[1] += scale * powerTerm;
            gradient[2] -= scale * powerTerm * logForward[i];
            gradient[3] -= scale * annealing[i];
        }
        return sum;
    }
}
