package org.losslab.jobs.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

class NextEventInputTest {
    // classes 0..3 (padding is 4); a made-up window: 1 2 2 3 1
    private static final int[] WINDOW = {1, 2, 2, 3, 1};

    @Test
    void packsTheHistoryTheCountsBeforeThePositionAndTheTarget() {
        int[][] packed = new NextEventInput(Models.Kind.LSTM, 4, 2, true).examples(WINDOW);
        assertEquals(WINDOW.length, packed.length);
        assertArrayEquals(new int[] {4, 4, 0, 0, 0, 0, 1}, packed[0]); // nothing before: padding, no counts
        assertArrayEquals(new int[] {2, 3, 0, 1, 2, 1, 1}, packed[4]); // before the last 1: one 1, two 2s, one 3
        assertEquals(1, NextEventInput.target(packed[4]));
    }

    @Test
    void eachStepCarriesTheCountsUpToAndIncludingItsOwnEvent() {
        NextEventInput input = new NextEventInput(Models.Kind.LSTM, 4, 3, true);
        assertEquals(5 + 4, input.inputSize());
        int[][] packed = input.examples(WINDOW);
        INDArray f = input.dataSet(List.of(packed[4])).getFeatures(); // history 2 2 3, predicting 1
        // step 0 is the first 2: one 1 and one 2 so far; step 1 the second 2; step 2 the 3
        assertArrayEquals(new float[] {0, 0, 1, 0, 0, 0, 1, 1, 0}, column(f, 0), 0f);
        assertArrayEquals(new float[] {0, 0, 1, 0, 0, 0, 1, 2, 0}, column(f, 1), 0f);
        assertArrayEquals(new float[] {0, 0, 0, 1, 0, 0, 1, 2, 1}, column(f, 2), 0f);
        INDArray start = input.dataSet(List.of(packed[1])).getFeatures(); // history pad pad 1
        assertArrayEquals(new float[] {0, 0, 0, 0, 1, 0, 0, 0, 0}, column(start, 0), 0f);
        assertArrayEquals(new float[] {0, 1, 0, 0, 0, 0, 1, 0, 0}, column(start, 2), 0f);
    }

    @Test
    void withoutCountsItIsTheOneHotHistoryAlone() {
        NextEventInput input = new NextEventInput(Models.Kind.MLP, 4, 2, false);
        assertEquals(5 * 2, input.inputSize());
        int[][] packed = input.examples(WINDOW);
        assertArrayEquals(new int[] {2, 3, 1}, packed[4]);
        DataSet d = input.dataSet(List.of(packed[4]));
        assertArrayEquals(new float[] {0, 0, 1, 0, 0, 0, 0, 0, 1, 0}, d.getFeatures().toFloatVector(), 0f);
        assertArrayEquals(new float[] {0, 1, 0, 0}, d.getLabels().toFloatVector(), 0f);
    }

    private static float[] column(INDArray features, int t) {
        return features.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0), org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.point(t)).toFloatVector();
    }
}
