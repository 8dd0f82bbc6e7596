package org.losslab.jobs.grokking;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.losslab.common.grokking.GrokkingDesign;
import org.losslab.jobs.testing.SparkTestSession;

/** MLlib's GLM against the textbook OLS formulas on a small design. */
class RegressGrokkingTest {

    @Test
    void coefficientsAndStandardErrorsAreOrdinaryLeastSquares() {
        double[][] x = {{0.5, 0}, {0.6, 1}, {0.7, 0}, {0.8, 1}, {0.5, 1}, {0.6, 0}, {0.7, 1}, {0.8, 0}};
        double[] y = {7.1, 6.0, 6.2, 4.9, 6.6, 6.8, 5.3, 5.7};
        GrokkingDesign design = new GrokkingDesign("log_delay", "exclude", List.of("train_fraction", "stablemax"),
                List.of(), List.of("1", "2", "3", "4", "5", "6", "7", "8"), x, y, List.of(), List.of());
        RegressGrokking.Fit fit = RegressGrokking.fit(SparkTestSession.get(), design);

        // (X'X)^-1 X'y with an intercept column, and SE_j = sqrt(s^2 [(X'X)^-1]_jj), s^2 = RSS / (n - k)
        int n = y.length;
        int k = 3;
        double[] xtx = new double[k * k];
        double[] xty = new double[k];
        for (int i = 0; i < n; i++) {
            double[] row = {x[i][0], x[i][1], 1};
            for (int a = 0; a < k; a++) {
                xty[a] += row[a] * y[i];
                for (int b = 0; b < k; b++) {
                    xtx[b * k + a] += row[a] * row[b];
                }
            }
        }
        double[][] inverse = invert(xtx, k);
        double[] beta = new double[k];
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                beta[a] += inverse[a][b] * xty[b];
            }
        }
        double rss = 0;
        for (int i = 0; i < n; i++) {
            double fitted = beta[0] * x[i][0] + beta[1] * x[i][1] + beta[2];
            rss += (y[i] - fitted) * (y[i] - fitted);
        }
        double s2 = rss / (n - k);
        List<String> names = List.of("train_fraction", "stablemax", "intercept");
        for (int j = 0; j < k; j++) {
            RegressGrokking.Term t = fit.terms().get(j);
            assertEquals(names.get(j), t.term());
            assertEquals(beta[j], t.coefficient(), 1e-8, t.term());
            assertEquals(Math.sqrt(s2 * inverse[j][j]), t.stdError(), 1e-8, t.term());
            assertEquals(t.coefficient() / t.stdError(), t.tValue(), 1e-8);
        }
        assertEquals(s2, fit.dispersion(), 1e-10);
        assertEquals(true, fit.terms().get(0).coefficient() < 0, "more training data, shorter delay in this data");
        assertEquals(true, fit.terms().get(0).pValue() < 0.05, "and clearly so: p = " + fit.terms().get(0).pValue());
    }

    /** Gauss-Jordan inverse of a small symmetric positive-definite matrix (row-major). */
    private static double[][] invert(double[] m, int k) {
        double[][] a = new double[k][2 * k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                a[i][j] = m[i * k + j];
            }
            a[i][k + i] = 1;
        }
        for (int c = 0; c < k; c++) {
            double pivot = a[c][c];
            for (int j = 0; j < 2 * k; j++) {
                a[c][j] /= pivot;
            }
            for (int r = 0; r < k; r++) {
                if (r != c) {
                    double f = a[r][c];
                    for (int j = 0; j < 2 * k; j++) {
                        a[r][j] -= f * a[c][j];
                    }
                }
            }
        }
        double[][] inverse = new double[k][k];
        for (int i = 0; i < k; i++) {
            System.arraycopy(a[i], k, inverse[i], 0, k);
        }
        return inverse;
    }

    @Test
    void aDegenerateDesignIsAClearErrorNotAnMllibException() {
        // every run censored at the same budget: one response value, nothing to estimate a spread from
        double[][] x = {{0.5}, {0.6}, {0.7}, {0.8}};
        double[] y = {4.0, 4.0, 4.0, 4.0};
        GrokkingDesign design = new GrokkingDesign("log_delay", "at-budget", List.of("train_fraction"), List.of(),
                List.of("1", "2", "3", "4"), x, y, List.of("1", "2", "3", "4"), List.of());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> RegressGrokking.fit(SparkTestSession.get(), design));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().startsWith("Cannot fit the grokking regression"),
                e.getMessage());
    }
}
