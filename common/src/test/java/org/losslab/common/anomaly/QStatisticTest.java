package org.losslab.common.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

class QStatisticTest {

    @Test
    void theThresholdIsTheUpperTailQuantileOfGaussianResiduals() {
        double[] eigenvalues = {5, 2, 1, 0.5, 0.25, 0.1};
        int k = 2;
        double q = QStatistic.threshold(eigenvalues, k, QStatistic.LOGLIZER_C_ALPHA);
        // the residual of N(0, diag(eigenvalues)) outside the first k axes is sum lambda_j z_j^2: its upper 0.05%
        // tail (c = 3.2905 is the normal 0.9995 quantile) is what Jackson and Mudholkar's Q approximates
        Random random = new Random(7);
        int n = 400_000;
        int above = 0;
        for (int i = 0; i < n; i++) {
            double spe = 0;
            for (int j = k; j < eigenvalues.length; j++) {
                double z = random.nextGaussian();
                spe += eigenvalues[j] * z * z;
            }
            if (spe > q) {
                above++;
            }
        }
        double tail = above / (double) n;
        assertTrue(tail > 0.0002 && tail < 0.0012, "tail above Q: " + tail);
    }

    @Test
    void componentsKeepTheAskedShareOfVariance() {
        assertEquals(2, QStatistic.componentsFor(new double[] {6, 3, 0.5, 0.5}, 0.9));
        assertEquals(3, QStatistic.componentsFor(new double[] {6, 3, 0.5, 0.5}, 0.95));
        assertEquals(0.0, QStatistic.threshold(new double[] {1, 0}, 1, 3.29), "no residual variance: any residual");
    }
}
