package org.losslab.common.metrics;

import java.util.Arrays;
import java.util.Objects;

/**
 * The constant-prediction baselines: every test row gets the same probability vector. The training-class
 * frequencies ({@link #classPrior}) are the bar every model must clear.
 *
 * <p>Because the PLAsTiCC metric averages per class, the constant that minimises it is not the frequency
 * prior but the vector proportional to the class weights over the classes present in the test truth
 * ({@link #weightProportional}); both are offered so a report can show either bar.
 */
public final class PriorBaseline {
    private PriorBaseline() {
    }

    /** Frequency of each class index in the training truth; classes never seen get 0. */
    public static double[] classPrior(int[] trainClassIndex, int classes) {
        Objects.requireNonNull(trainClassIndex, "trainClassIndex");
        if (classes < 1) {
            throw new IllegalArgumentException("classes must be >= 1, got " + classes);
        }
        if (trainClassIndex.length == 0) {
            throw new IllegalArgumentException("no training rows");
        }
        long[] counts = new long[classes];
        for (int i = 0; i < trainClassIndex.length; i++) {
            Inputs.checkIndex(i, trainClassIndex[i], classes);
            counts[trainClassIndex[i]]++;
        }
        double[] prior = new double[classes];
        for (int k = 0; k < classes; k++) {
            prior[k] = (double) counts[k] / trainClassIndex.length;
        }
        return prior;
    }

    /** The Kaggle class weights normalised to sum 1: the best constant when every class occurs in the test truth. */
    public static double[] weightProportional(int[] classCodes) {
        double[] weights = PlasticcLogLoss.kaggleWeights(classCodes);
        double total = Arrays.stream(weights).sum();
        return Arrays.stream(weights).map(w -> w / total).toArray();
    }

    /**
     * The Kaggle-weighted log-loss of predicting {@code constant} for every test row; equal to
     * {@link PlasticcLogLoss#weighted} on a matrix repeating it, without building that matrix.
     */
    public static double weightedLogLoss(double[] constant, int[] testClassIndex, int[] classCodes) {
        return logLoss(constant, testClassIndex, PlasticcLogLoss.kaggleWeights(classCodes));
    }

    /** The flat-weighted log-loss of predicting {@code constant} for every test row. */
    public static double flatLogLoss(double[] constant, int[] testClassIndex) {
        double[] ones = new double[constant.length];
        Arrays.fill(ones, 1.0);
        return logLoss(constant, testClassIndex, ones);
    }

    private static double logLoss(double[] constant, int[] testClassIndex, double[] classWeights) {
        Objects.requireNonNull(testClassIndex, "testClassIndex");
        if (constant.length != classWeights.length) {
            throw new IllegalArgumentException(
                    constant.length + " probabilities for " + classWeights.length + " classes");
        }
        if (testClassIndex.length == 0) {
            throw new IllegalArgumentException("no test rows");
        }
        PlasticcLogLoss.checkWeights(classWeights);
        double[] scored = PlasticcLogLoss.clipAndNormalise(constant);
        // Every row of a class scores the same, so the class mean is that one term.
        double[] perClass = new double[constant.length];
        Arrays.fill(perClass, Double.NaN);
        for (int i = 0; i < testClassIndex.length; i++) {
            int truth = testClassIndex[i];
            Inputs.checkIndex(i, truth, constant.length);
            perClass[truth] = -Math.log(scored[truth]);
        }
        return PlasticcLogLoss.weightedMean(perClass, classWeights);
    }
}
