package org.losslab.common.scaling;

import java.util.Arrays;

/**
 * Least squares of log loss for {@code L(x) = (x_c / x)^alpha} or {@code E + (x_c / x)^alpha}, in the
 * parameters {@code (k, alpha)} or {@code (k, alpha, e)} with {@code log L_hat = k - alpha u} or
 * {@code LSE(k - alpha u, e)}, {@code u = log x - mean(log x)}. Centring {@code u} keeps {@code k} and
 * {@code alpha} nearly uncorrelated, and {@code log x_c = k / alpha + mean(log x)}.
 */
final class KaplanObjective implements BreezeLbfgs.Objective {
    private final double[] centredLogX;
    private final double[] logLoss;
    private final boolean withIrreducible;

    KaplanObjective(double[] centredLogX, double[] logLoss, boolean withIrreducible) {
        this.centredLogX = centredLogX;
        this.logLoss = logLoss;
        this.withIrreducible = withIrreducible;
    }

    int dimension() {
        return withIrreducible ? 3 : 2;
    }

    @Override
    public double evaluate(double[] theta, double[] gradient) {
        double k = theta[0];
        double alpha = theta[1];
        Arrays.fill(gradient, 0.0);
        double sum = 0.0;
        for (int i = 0; i < logLoss.length; i++) {
            double powerTerm = k - alpha * centredLogX[i];
            double powerWeight = 1.0;
            double floorWeight = 0.0;
            double predicted = powerTerm;
            if (withIrreducible) {
                double e = theta[2];
                double largest = Math.max(powerTerm, e);
                double wPower = Math.exp(powerTerm - largest);
                double wFloor = Math.exp(e - largest);
                predicted = largest + Math.log(wPower + wFloor);
                powerWeight = wPower / (wPower + wFloor);
                floorWeight = wFloor / (wPower + wFloor);
            }
            double residual = predicted - logLoss[i];
            sum += residual * residual;
            gradient[0] += 2.0 * residual * powerWeight;
            gradient[1] -= 2.0 * residual * powerWeight * centredLogX[i];
            if (withIrreducible) {
                gradient[2] += 2.0 * residual * floorWeight;
            }
        }
        return sum;
    }
}
