package org.losslab.common.scaling;

import java.io.Serializable;
import java.util.Arrays;

/**
 * A predicted loss curve next to the observed one: the prediction per step and its errors over all steps.
 *
 * @param predicted predicted loss per step
 * @param meanAbsoluteError mean over steps of {@code |L_hat - L|}
 * @param meanRelativeError mean over steps of {@code |L_hat - L| / L}
 * @param maxRelativeError largest {@code |L_hat - L| / L} over steps
 */
public record AnnealingPrediction(double[] predicted, double meanAbsoluteError, double meanRelativeError,
        double maxRelativeError) implements Serializable {
    private static final long serialVersionUID = 1L;

    public AnnealingPrediction {
        predicted = predicted.clone();
    }

    /** Compares a predicted curve with the observed losses of the same steps. */
    static AnnealingPrediction compare(double[] predicted, double[] observed) {
        double absolute = 0.0;
        double relative = 0.0;
        double maxRelative = 0.0;
        for (int s = 0; s < observed.length; s++) {
            double error = Math.abs(predicted[s] - observed[s]);
            absolute += error;
            relative += error / observed[s];
            maxRelative = Math.max(maxRelative, error / observed[s]);
        }
        return new AnnealingPrediction(predicted, absolute / observed.length, relative / observed.length,
                maxRelative);
    }

    @Override
    public double[] predicted() {
        return predicted.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AnnealingPrediction p
                && Arrays.equals(predicted, p.predicted)
                && Double.compare(meanAbsoluteError, p.meanAbsoluteError) == 0
                && Double.compare(meanRelativeError, p.meanRelativeError) == 0
                && Double.compare(maxRelativeError, p.maxRelativeError) == 0;
    }

    @Override
    public int hashCode() {
        int h = Arrays.hashCode(predicted);
        h = 31 * h + Double.hashCode(meanAbsoluteError);
        h = 31 * h + Double.hashCode(meanRelativeError);
        return 31 * h + Double.hashCode(maxRelativeError);
    }

    @Override
    public String toString() {
        return "AnnealingPrediction[steps=" + predicted.length + ", meanAbsoluteError=" + meanAbsoluteError
                + ", meanRelativeError=" + meanRelativeError + ", maxRelativeError=" + maxRelativeError + "]";
    }
}
