package org.losslab.common.metrics;

import java.util.Objects;

/** Shape and value checks shared by the metrics; every failure names the offending row or column. */
final class Inputs {
    private Inputs() {
    }

    /** Number of columns of a non-empty matrix, taken from its first row. */
    static int columns(double[][] matrix) {
        Objects.requireNonNull(matrix, "matrix");
        if (matrix.length == 0) {
            throw new IllegalArgumentException("no rows");
        }
        Objects.requireNonNull(matrix[0], "row 0");
        if (matrix[0].length == 0) {
            throw new IllegalArgumentException("no columns");
        }
        return matrix[0].length;
    }

    /**
     * Checks that there is one truth index per row, every row has {@code classes} finite entries and every
     * truth index is a column.
     */
    static void checkRows(int[] trueClassIndex, double[][] matrix, int classes) {
        Objects.requireNonNull(trueClassIndex, "trueClassIndex");
        Objects.requireNonNull(matrix, "matrix");
        if (trueClassIndex.length == 0) {
            throw new IllegalArgumentException("no rows");
        }
        if (trueClassIndex.length != matrix.length) {
            throw new IllegalArgumentException(
                    trueClassIndex.length + " truth indices for " + matrix.length + " rows");
        }
        for (int i = 0; i < matrix.length; i++) {
            checkRow(i, matrix[i], classes);
            checkIndex(i, trueClassIndex[i], classes);
        }
    }

    static void checkIndex(int row, int classIndex, int classes) {
        if (classIndex < 0 || classIndex >= classes) {
            throw new IllegalArgumentException(
                    "row " + row + ": class index " + classIndex + " outside [0, " + classes + ")");
        }
    }

    private static void checkRow(int i, double[] row, int classes) {
        Objects.requireNonNull(row, () -> "row " + i);
        if (row.length != classes) {
            throw new IllegalArgumentException("row " + i + " has " + row.length + " columns, expected " + classes);
        }
        for (int k = 0; k < classes; k++) {
            if (!Double.isFinite(row[k])) {
                throw new IllegalArgumentException("row " + i + ", column " + k + " is " + row[k]);
            }
        }
    }
}
