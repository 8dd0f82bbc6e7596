package org.losslab.jobs.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** {@link TrainModel#rows} gives what ND4J's own {@code toDoubleMatrix} gives, whatever the layout of the array. */
class ProbabilityRowsTest {
    private static void assertSameRows(INDArray matrix) {
        double[][] expected = matrix.toDoubleMatrix();
        double[][] actual = TrainModel.rows(matrix);
        assertArrayEquals(expected, actual, matrix.shapeInfoToString());
    }

    @Test
    void floatAndDoubleMatricesInEitherOrder() {
        INDArray floats = Nd4j.rand(DataType.FLOAT, 37, 11);
        assertSameRows(floats);
        assertSameRows(floats.dup('f'));
        assertSameRows(Nd4j.rand(DataType.DOUBLE, 5, 3));
        assertSameRows(Nd4j.rand(DataType.DOUBLE, 5, 3).dup('f'));
    }

    @Test
    void viewsAndTransposes() {
        INDArray base = Nd4j.rand(DataType.FLOAT, 20, 9);
        assertSameRows(base.get(NDArrayIndex.interval(3, 12), NDArrayIndex.all()));
        assertSameRows(base.get(NDArrayIndex.all(), NDArrayIndex.interval(2, 7)));
        assertSameRows(base.transpose());
        assertSameRows(Nd4j.rand(DataType.FLOAT, 1, 6));
    }

    @Test
    void onlyMatrices() {
        assertThrows(IllegalArgumentException.class, () -> TrainModel.rows(Nd4j.rand(DataType.FLOAT, 2, 3, 4)));
    }
}
