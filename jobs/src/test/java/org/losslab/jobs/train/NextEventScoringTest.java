package org.losslab.jobs.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

class NextEventScoringTest {

    @Test
    void repeatedInputsGoThroughTheNetworkOnceAndScoreAsIfEachDid() {
        int classes = 6;
        NextEventInput input = new NextEventInput(Models.Kind.LSTM, classes, 3, true);
        MultiLayerNetwork net = new MultiLayerNetwork(Models.configuration(new Models.Spec(Models.Kind.LSTM,
                input.inputSize(), 3, classes, 8, 1, new ScheduleAdapter("constant", 0.01, 0, 10, 0, 0), 0, null, 5,
                Models.outputActivation("softmax"), true)));
        net.init();
        // made-up windows: one lifecycle repeated (its inputs repeat), plus random ones
        Random random = new Random(9);
        List<int[]> windows = new ArrayList<>();
        for (int w = 0; w < 40; w++) {
            if (w % 2 == 0) {
                windows.add(new int[] {0, 1, 2, 2, 3, 4});
            } else {
                windows.add(random.ints(3 + random.nextInt(8), 0, classes).toArray());
            }
        }
        NextEventScoring scoring = new NextEventScoring(net, input, 7); // forward passes of 7: many, one partial
        List<double[][]> first = scoring.probabilities(windows.subList(0, 20));
        List<double[][]> second = scoring.probabilities(windows.subList(20, 40));
        List<double[][]> scored = new ArrayList<>(first);
        scored.addAll(second);

        List<int[]> every = new ArrayList<>();
        windows.forEach(w -> every.addAll(List.of(input.examples(w))));
        double[][] direct = TrainModel.probabilities(net, input.dataSet(every));
        int at = 0;
        for (int w = 0; w < windows.size(); w++) {
            assertEquals(windows.get(w).length, scored.get(w).length);
            for (double[] p : scored.get(w)) {
                assertArrayEquals(direct[at++], p, 1e-6, "window " + w);
            }
        }
        assertEquals(every.size(), scoring.positions());
        assertTrue(scoring.forwardPositions() < every.size() - 6 * 19,
                "the repeated lifecycle's 6 inputs are computed once, not 20 times: " + scoring.forwardPositions());
    }
}
