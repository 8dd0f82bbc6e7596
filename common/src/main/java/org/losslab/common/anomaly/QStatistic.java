package org.losslab.common.anomaly;

/**
 * The threshold of the PCA residual detector (Jackson and Mudholkar, 1979; as loglizer's PCA uses it): a window's
 * squared prediction error (SPE, the squared norm of its centred count vector's part outside the top-k principal
 * subspace) is anomalous above
 * <pre>
 *   Q = phi1 * [ c * sqrt(2 phi2 h0^2) / phi1 + 1 + phi2 h0 (h0 - 1) / phi1^2 ]^(1 / h0),
 *   phi_i = sum over the residual eigenvalues of lambda^i,  h0 = 1 - 2 phi1 phi3 / (3 phi2^2),
 * </pre>
 * with {@code c} the normal quantile of the confidence (loglizer: 3.2905, two-sided alpha 0.001).
 */
public final class QStatistic {
    /** loglizer's default quantile. */
    public static final double LOGLIZER_C_ALPHA = 3.2905;

    private QStatistic() {
    }

    /**
     * @param eigenvalues all eigenvalues of the covariance, largest first
     * @param k           principal components kept (the rest are the residual subspace)
     */
    public static double threshold(double[] eigenvalues, int k, double cAlpha) {
        double phi1 = 0;
        double phi2 = 0;
        double phi3 = 0;
        for (int i = k; i < eigenvalues.length; i++) {
            double l = Math.max(eigenvalues[i], 0);
            phi1 += l;
            phi2 += l * l;
            phi3 += l * l * l;
        }
        if (phi1 <= 0 || phi2 <= 0) {
            return 0; // no residual variance: any residual at all is outside what training saw
        }
        double h0 = 1.0 - 2.0 * phi1 * phi3 / (3.0 * phi2 * phi2);
        double base = cAlpha * Math.sqrt(2.0 * phi2 * h0 * h0) / phi1 + 1.0 + phi2 * h0 * (h0 - 1.0) / (phi1 * phi1);
        return phi1 * Math.pow(base, 1.0 / h0);
    }

    /** The fewest components whose eigenvalues explain at least {@code share} of the total (loglizer: 0.95). */
    public static int componentsFor(double[] eigenvalues, double share) {
        double total = 0;
        for (double l : eigenvalues) {
            total += Math.max(l, 0);
        }
        double sum = 0;
        for (int i = 0; i < eigenvalues.length; i++) {
            sum += Math.max(eigenvalues[i], 0);
            if (sum >= share * total) {
                return i + 1;
            }
        }
        return eigenvalues.length;
    }
}
