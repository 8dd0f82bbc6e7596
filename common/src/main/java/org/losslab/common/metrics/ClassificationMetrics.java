package org.losslab.common.metrics;

import java.util.Arrays;
import java.util.Objects;

/**
 * Threshold-free and argmax metrics of an N x K score matrix against true class indices.
 *
 * <p>The predicted class of a row is its argmax, ties going to the lowest column. The micro-averaged
 * metrics are one-vs-rest: the N x K one-hot truth and the N x K scores are flattened into N*K binary
 * decisions (N positives, N*(K-1) negatives), as scikit-learn's {@code average="micro"} does.
 * <ul>
 *   <li>ROC-AUC is the Mann-Whitney rank statistic {@code P(s+ > s-) + P(s+ = s-) / 2}, i.e. average ranks for
 *       tied scores, which equals the trapezoidal area under the ROC curve ({@code roc_auc_score}).</li>
 *   <li>PR-AUC is the average precision {@code sum_n (R_n - R_{n-1}) P_n} over the distinct score thresholds
 *       taken from the highest down (tied scores form one threshold), the step-wise sum without
 *       interpolation that scikit-learn's {@code average_precision_score} computes.</li>
 * </ul>
 * Both sort copies of the scores: O(NK log NK) time and O(NK) doubles of memory.
 */
public final class ClassificationMetrics {
    private ClassificationMetrics() {
    }

    /** All metrics of this class in one report. */
    public static ClassificationReport evaluate(int[] trueClassIndex, double[][] scores) {
        int[][] confusion = confusionMatrix(trueClassIndex, scores);
        return new ClassificationReport(trueClassIndex.length, accuracyOf(confusion, trueClassIndex.length),
                confusion, microRocAuc(trueClassIndex, scores), microAveragePrecision(trueClassIndex, scores));
    }

    /** Fraction of rows whose argmax is the true class. */
    public static double accuracy(int[] trueClassIndex, double[][] scores) {
        return accuracyOf(confusionMatrix(trueClassIndex, scores), trueClassIndex.length);
    }

    /** K x K counts: entry [t][p] is the number of rows of true class t whose argmax is p. */
    public static int[][] confusionMatrix(int[] trueClassIndex, double[][] scores) {
        int classes = Inputs.columns(scores);
        Inputs.checkRows(trueClassIndex, scores, classes);
        int[][] confusion = new int[classes][classes];
        for (int i = 0; i < scores.length; i++) {
            confusion[trueClassIndex[i]][argmax(scores[i])]++;
        }
        return confusion;
    }

    /** Column of the largest score; the lowest such column on ties. */
    public static int argmax(double[] row) {
        Objects.requireNonNull(row, "row");
        if (row.length == 0) {
            throw new IllegalArgumentException("empty row");
        }
        int best = 0;
        for (int k = 1; k < row.length; k++) {
            if (row[k] > row[best]) {
                best = k;
            }
        }
        return best;
    }

    /** Micro-averaged one-vs-rest ROC-AUC; needs at least two classes. */
    public static double microRocAuc(int[] trueClassIndex, double[][] scores) {
        Split split = splitOneVsRest(trueClassIndex, scores);
        return rocAucOfSorted(split.positives(), split.negatives());
    }

    /** Micro-averaged one-vs-rest average precision (PR-AUC); needs at least two classes. */
    public static double microAveragePrecision(int[] trueClassIndex, double[][] scores) {
        Split split = splitOneVsRest(trueClassIndex, scores);
        return averagePrecisionOfSorted(split.positives(), split.negatives());
    }

    /** Binary ROC-AUC by the rank statistic with tied scores counting one half; needs both labels present. */
    public static double rocAuc(boolean[] positive, double[] score) {
        Split split = splitBinary(positive, score);
        return rocAucOfSorted(split.positives(), split.negatives());
    }

    /** Binary average precision as {@code average_precision_score} computes it; needs a positive. */
    public static double averagePrecision(boolean[] positive, double[] score) {
        Split split = splitBinary(positive, score);
        return averagePrecisionOfSorted(split.positives(), split.negatives());
    }

    /** Scores of the positive and of the negative decisions, each sorted ascending. */
    private record Split(double[] positives, double[] negatives) {
        Split {
            Arrays.sort(positives);
            Arrays.sort(negatives);
        }
    }

    private static double accuracyOf(int[][] confusion, int rows) {
        long correct = 0;
        for (int k = 0; k < confusion.length; k++) {
            correct += confusion[k][k];
        }
        return (double) correct / rows;
    }

    private static Split splitOneVsRest(int[] trueClassIndex, double[][] scores) {
        int classes = Inputs.columns(scores);
        Inputs.checkRows(trueClassIndex, scores, classes);
        if (classes < 2) {
            throw new IllegalArgumentException("one-vs-rest metrics need at least 2 classes");
        }
        int rows = scores.length;
        double[] positives = new double[rows];
        double[] negatives = new double[Math.multiplyExact(rows, classes - 1)];
        int n = 0;
        for (int i = 0; i < rows; i++) {
            for (int k = 0; k < classes; k++) {
                if (k == trueClassIndex[i]) {
                    positives[i] = scores[i][k];
                } else {
                    negatives[n++] = scores[i][k];
                }
            }
        }
        return new Split(positives, negatives);
    }

    private static Split splitBinary(boolean[] positive, double[] score) {
        Objects.requireNonNull(positive, "positive");
        Objects.requireNonNull(score, "score");
        if (positive.length != score.length) {
            throw new IllegalArgumentException(positive.length + " labels for " + score.length + " scores");
        }
        int positiveCount = 0;
        for (int i = 0; i < score.length; i++) {
            if (!Double.isFinite(score[i])) {
                throw new IllegalArgumentException("score " + i + " is " + score[i]);
            }
            positiveCount += positive[i] ? 1 : 0;
        }
        double[] positives = new double[positiveCount];
        double[] negatives = new double[score.length - positiveCount];
        int p = 0;
        int n = 0;
        for (int i = 0; i < score.length; i++) {
            if (positive[i]) {
                positives[p++] = score[i];
            } else {
                negatives[n++] = score[i];
            }
        }
        return new Split(positives, negatives);
    }

    /** Mann-Whitney: for each positive, the negatives below it count 1 and those tied with it count 1/2. */
    private static double rocAucOfSorted(double[] positives, double[] negatives) {
        if (positives.length == 0 || negatives.length == 0) {
            throw new IllegalArgumentException("ROC-AUC needs at least one positive and one negative");
        }
        int below = 0;
        int belowOrTied = 0;
        long twiceWins = 0;
        for (double s : positives) {
            while (below < negatives.length && negatives[below] < s) {
                below++;
            }
            belowOrTied = Math.max(belowOrTied, below);
            while (belowOrTied < negatives.length && negatives[belowOrTied] <= s) {
                belowOrTied++;
            }
            twiceWins += below + belowOrTied;
        }
        return twiceWins / (2.0 * positives.length * negatives.length);
    }

    /** Walks the distinct thresholds from the highest score down, adding recall gain times precision. */
    private static double averagePrecisionOfSorted(double[] positives, double[] negatives) {
        if (positives.length == 0) {
            throw new IllegalArgumentException("average precision needs at least one positive");
        }
        int p = positives.length - 1;
        int n = negatives.length - 1;
        long truePositives = 0;
        long falsePositives = 0;
        double sum = 0.0;
        while (p >= 0) {
            double threshold = n >= 0 ? Math.max(positives[p], negatives[n]) : positives[p];
            long gained = 0;
            while (p >= 0 && positives[p] == threshold) {
                gained++;
                p--;
            }
            while (n >= 0 && negatives[n] == threshold) {
                falsePositives++;
                n--;
            }
            truePositives += gained;
            sum += (double) gained / positives.length * truePositives / (truePositives + falsePositives);
        }
        return sum;
    }
}
