package org.losslab.common.metrics;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import org.losslab.common.plasticc.PlasticcClass;

/**
 * The PLAsTiCC challenge metric, a weighted multi-class log-loss averaged per class:
 * {@code -(sum_j w_j * (1/N_j) * sum_{i in j} ln p_ij) / sum_j w_j}, where the sums over {@code j} run over
 * the classes present in the truth only. As in the Kaggle scorer, every probability is first clipped to
 * [{@value #EPSILON}, 1 - {@value #EPSILON}] and each row is then divided by its sum, so rows need not sum
 * to 1 and a probability of exactly 0 costs about {@code -ln(1e-15)} = 34.54.
 *
 * <p>Inputs: {@code trueClassIndex[i]} is the column of row {@code i}'s true class and column {@code k} of
 * {@code probabilities} is the class with code {@code classCodes[k]}. Non-finite entries are rejected.
 */
public final class PlasticcLogLoss {
    /** Clipping bound of the Kaggle scorer. */
    public static final double EPSILON = 1e-15;

    private PlasticcLogLoss() {
    }

    /** The challenge metric with the Kaggle weights of {@link PlasticcClass#kaggleWeight()}. */
    public static double weighted(int[] trueClassIndex, double[][] probabilities, int[] classCodes) {
        return withWeights(trueClassIndex, probabilities, kaggleWeights(classCodes));
    }

    /** The same per-class average with every class weighted 1. */
    public static double flat(int[] trueClassIndex, double[][] probabilities) {
        double[] ones = new double[Inputs.columns(probabilities)];
        Arrays.fill(ones, 1.0);
        return withWeights(trueClassIndex, probabilities, ones);
    }

    /** The per-class averaged log-loss with arbitrary non-negative weights, one per column. */
    public static double withWeights(int[] trueClassIndex, double[][] probabilities, double[] classWeights) {
        checkWeights(classWeights);
        return weightedMean(perClassMeanLogLoss(trueClassIndex, probabilities, classWeights.length), classWeights);
    }

    /**
     * Mean of {@code -ln p_ij} over the rows of each class {@code j} (after clipping and row normalisation),
     * one entry per column; {@code NaN} for a class absent from the truth.
     */
    public static double[] perClassMeanLogLoss(int[] trueClassIndex, double[][] probabilities) {
        return perClassMeanLogLoss(trueClassIndex, probabilities, Inputs.columns(probabilities));
    }

    /** The Kaggle weight of each class code, in column order; unknown or repeated codes are rejected. */
    public static double[] kaggleWeights(int[] classCodes) {
        Objects.requireNonNull(classCodes, "classCodes");
        Set<Integer> seen = new HashSet<>();
        double[] weights = new double[classCodes.length];
        for (int k = 0; k < classCodes.length; k++) {
            int code = classCodes[k];
            if (!seen.add(code)) {
                throw new IllegalArgumentException("class code " + code + " appears twice");
            }
            weights[k] = PlasticcClass.byCode(code)
                    .orElseThrow(() -> new IllegalArgumentException("unknown PLAsTiCC class code " + code))
                    .kaggleWeight();
        }
        return weights;
    }

    /** A row as the scorer sees it: each entry clipped to [EPSILON, 1 - EPSILON], then the row divided by its sum. */
    public static double[] clipAndNormalise(double[] row) {
        Objects.requireNonNull(row, "row");
        for (double p : row) {
            if (!Double.isFinite(p)) {
                throw new IllegalArgumentException("probability " + p + " is not finite");
            }
        }
        double total = clippedSum(row);
        double[] normalised = new double[row.length];
        for (int k = 0; k < row.length; k++) {
            normalised[k] = clip(row[k]) / total;
        }
        return normalised;
    }

    /**
     * Weighted mean of per-class losses over the classes present (non-NaN entries); package-private so the
     * prior baseline shares the exact reduction.
     */
    static double weightedMean(double[] perClassLoss, double[] classWeights) {
        double weightedSum = 0.0;
        double weightTotal = 0.0;
        for (int k = 0; k < perClassLoss.length; k++) {
            if (!Double.isNaN(perClassLoss[k])) {
                weightedSum += classWeights[k] * perClassLoss[k];
                weightTotal += classWeights[k];
            }
        }
        if (!(weightTotal > 0.0)) {
            throw new IllegalArgumentException("every class present in the truth has weight 0");
        }
        return weightedSum / weightTotal;
    }

    static void checkWeights(double[] classWeights) {
        Objects.requireNonNull(classWeights, "classWeights");
        for (int k = 0; k < classWeights.length; k++) {
            if (!(classWeights[k] >= 0.0 && Double.isFinite(classWeights[k]))) {
                throw new IllegalArgumentException("weight of column " + k + " must be finite and >= 0, got "
                        + classWeights[k]);
            }
        }
    }

    private static double[] perClassMeanLogLoss(int[] trueClassIndex, double[][] probabilities, int classes) {
        Inputs.checkRows(trueClassIndex, probabilities, classes);
        double[] lossSum = new double[classes];
        long[] rows = new long[classes];
        for (int i = 0; i < trueClassIndex.length; i++) {
            int truth = trueClassIndex[i];
            lossSum[truth] += negativeLogOfTrueClass(probabilities[i], truth);
            rows[truth]++;
        }
        double[] mean = new double[classes];
        for (int k = 0; k < classes; k++) {
            mean[k] = rows[k] == 0 ? Double.NaN : lossSum[k] / rows[k];
        }
        return mean;
    }

    private static double negativeLogOfTrueClass(double[] row, int truth) {
        return -Math.log(clip(row[truth]) / clippedSum(row));
    }

    private static double clippedSum(double[] row) {
        double total = 0.0;
        for (double p : row) {
            total += clip(p);
        }
        return total;
    }

    private static double clip(double p) {
        return Math.min(Math.max(p, EPSILON), 1.0 - EPSILON);
    }
}
