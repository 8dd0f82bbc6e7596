package org.losslab.common.metrics;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Accuracy, confusion matrix (rows true class, columns argmax prediction), micro-averaged ROC-AUC and
 * micro-averaged PR-AUC (average precision) of one set of predictions; see {@link ClassificationMetrics}.
 * The confusion matrix is copied in and out, so the record is immutable.
 */
public record ClassificationReport(
        long rows, double accuracy, int[][] confusion, double microRocAuc, double microAveragePrecision)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public ClassificationReport {
        confusion = deepCopy(confusion);
    }

    @Override
    public int[][] confusion() {
        return deepCopy(confusion);
    }

    /** Number of rows of true class {@code trueIndex} predicted as {@code predictedIndex}. */
    public int count(int trueIndex, int predictedIndex) {
        return confusion[trueIndex][predictedIndex];
    }

    /** Number of classes (columns of the score matrix). */
    public int classes() {
        return confusion.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ClassificationReport r
                && rows == r.rows
                && Double.compare(accuracy, r.accuracy) == 0
                && Arrays.deepEquals(confusion, r.confusion)
                && Double.compare(microRocAuc, r.microRocAuc) == 0
                && Double.compare(microAveragePrecision, r.microAveragePrecision) == 0;
    }

    @Override
    public int hashCode() {
        int h = Long.hashCode(rows);
        h = 31 * h + Double.hashCode(accuracy);
        h = 31 * h + Arrays.deepHashCode(confusion);
        h = 31 * h + Double.hashCode(microRocAuc);
        return 31 * h + Double.hashCode(microAveragePrecision);
    }

    @Override
    public String toString() {
        return "ClassificationReport[rows=" + rows + ", accuracy=" + accuracy + ", confusion="
                + Arrays.deepToString(confusion) + ", microRocAuc=" + microRocAuc + ", microAveragePrecision="
                + microAveragePrecision + "]";
    }

    private static int[][] deepCopy(int[][] matrix) {
        int[][] copy = new int[matrix.length][];
        for (int i = 0; i < matrix.length; i++) {
            copy[i] = matrix[i].clone();
        }
        return copy;
    }
}
