package org.losslab.common.scaling;

import java.util.Arrays;
import java.util.List;

/**
 * Hoffmann et al.'s objective over {@code theta = (a, b, e, alpha, beta)}: the sum over points of
 * {@code Huber_delta(LSE(a - alpha log N, b - beta log D, e) - log L)}, with its analytic gradient. The
 * log-sum-exp subtracts the largest term first, so no exponential overflows anywhere on the start grid.
 */
final class ChinchillaObjective implements BreezeLbfgs.Objective {
    static final int DIMENSION = 5;

    private final double[] logN;
    private final double[] logD;
    private final double[] logLoss;
    private final double delta;

    private ChinchillaObjective(double[] logN, double[] logD, double[] logLoss, double delta) {
        this.logN = logN;
        this.logD = logD;
        this.logLoss = logLoss;
        this.delta = delta;
    }

    static ChinchillaObjective of(List<ScalingPoint> points, double delta) {
        int size = points.size();
        double[] logN = new double[size];
        double[] logD = new double[size];
        double[] logLoss = new double[size];
        for (int i = 0; i < size; i++) {
            ScalingPoint p = points.get(i);
            logN[i] = Math.log(p.n());
            logD[i] = Math.log(p.d());
            logLoss[i] = Math.log(p.loss());
        }
        return new ChinchillaObjective(logN, logD, logLoss, delta);
    }

    /** The objective over the rows {@code rows} (with repeats, for a bootstrap resample). */
    ChinchillaObjective resample(int[] rows) {
        double[] n = new double[rows.length];
        double[] d = new double[rows.length];
        double[] l = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            n[i] = logN[rows[i]];
            d[i] = logD[rows[i]];
            l[i] = logLoss[rows[i]];
        }
        return new ChinchillaObjective(n, d, l, delta);
    }

    int size() {
        return logLoss.length;
    }

    double value(double[] theta) {
        return evaluate(theta, new double[DIMENSION]);
    }

    @Override
    public double evaluate(double[] theta, double[] gradient) {
        double a = theta[0];
        double b = theta[1];
        double e = theta[2];
        double alpha = theta[3];
        double beta = theta[4];
        Arrays.fill(gradient, 0.0);
        double sum = 0.0;
        for (int i = 0; i < logLoss.length; i++) {
            double paramsTerm = a - alpha * logN[i];
            double tokensTerm = b - beta * logD[i];
            double largest = Math.max(e, Math.max(paramsTerm, tokensTerm));
            double wParams = Math.exp(paramsTerm - largest);
            double wTokens = Math.exp(tokensTerm - largest);
            double wFloor = Math.exp(e - largest);
            double total = wParams + wTokens + wFloor;
            double residual = largest + Math.log(total) - logLoss[i];
            sum += Huber.loss(residual, delta);
            // d LSE / d term_k is the softmax weight w_k / total.
            double scale = Huber.derivative(residual, delta) / total;
            gradient[0] += scale * wParams;
            gradient[1] += scale * wTokens;
            gradient[2] += scale * wFloor;
            gradient[3] -= scale * wParams * logN[i];
            gradient[4] -= scale * wTokens * logD[i];
        }
        return sum;
    }
}
