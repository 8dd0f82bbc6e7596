package org.losslab.common.anomaly;

import java.util.Arrays;

/**
 * Precision, recall and F1 of flagged windows against labels (anomalous = positive), and the score threshold
 * that maximises F1 on a labelled set (to choose it on validation and apply it to test). Precision is 0 when
 * nothing is flagged, recall 0 when nothing is anomalous, F1 0 when both are 0.
 */
public record DetectionScores(long truePositives, long falsePositives, long falseNegatives, long trueNegatives) {

    public static DetectionScores of(boolean[] flagged, boolean[] anomalous) {
        if (flagged.length != anomalous.length) {
            throw new IllegalArgumentException(flagged.length + " verdicts for " + anomalous.length + " labels");
        }
        long tp = 0;
        long fp = 0;
        long fn = 0;
        long tn = 0;
        for (int i = 0; i < flagged.length; i++) {
            if (flagged[i] && anomalous[i]) {
                tp++;
            } else if (flagged[i]) {
                fp++;
            } else if (anomalous[i]) {
                fn++;
            } else {
                tn++;
            }
        }
        return new DetectionScores(tp, fp, fn, tn);
    }

    public double precision() {
        return truePositives + falsePositives == 0 ? 0 : truePositives / (double) (truePositives + falsePositives);
    }

    public double recall() {
        return truePositives + falseNegatives == 0 ? 0 : truePositives / (double) (truePositives + falseNegatives);
    }

    public double f1() {
        double p = precision();
        double r = recall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /** Windows scored {@code >= threshold} flagged. */
    public static DetectionScores atThreshold(double[] scores, boolean[] anomalous, double threshold) {
        boolean[] flagged = new boolean[scores.length];
        for (int i = 0; i < scores.length; i++) {
            flagged[i] = scores[i] >= threshold;
        }
        return of(flagged, anomalous);
    }

    /**
     * The threshold among the scores themselves with the highest F1 on this set (the lowest such threshold on a
     * tie); +infinity (flag nothing) when the set has no anomalous window.
     */
    public static double bestThreshold(double[] scores, boolean[] anomalous) {
        double[] candidates = Arrays.stream(scores).distinct().sorted().toArray();
        double best = Double.POSITIVE_INFINITY;
        double bestF1 = -1;
        for (double c : candidates) {
            double f1 = atThreshold(scores, anomalous, c).f1();
            if (f1 > bestF1) {
                bestF1 = f1;
                best = c;
            }
        }
        return bestF1 <= 0 ? Double.POSITIVE_INFINITY : best;
    }
}
