package org.losslab.jobs.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

class NextEventScoringTest {
    private static final int CLASSES = 6;
    private static final NextEventInput INPUT = new NextEventInput(Models.Kind.LSTM, CLASSES, 3, true);

    private static MultiLayerNetwork network() {
        MultiLayerNetwork net = new MultiLayerNetwork(Models.configuration(new Models.Spec(Models.Kind.LSTM,
                INPUT.inputSize(), 3, CLASSES, 8, 1, new ScheduleAdapter("constant", 0.01, 0, 10, 0, 0), 0, null, 5,
                Models.outputActivation("softmax"), true)));
        net.init();
        return net;
    }

    /** Made-up windows: one lifecycle repeated (its inputs repeat), plus random ones. */
    private static List<int[]> windows(int count, long seed) {
        Random random = new Random(seed);
        List<int[]> windows = new ArrayList<>();
        for (int w = 0; w < count; w++) {
            if (w % 2 == 0) {
                windows.add(new int[] {0, 1, 2, 2, 3, 4});
            } else {
                windows.add(random.ints(3 + random.nextInt(8), 0, CLASSES).toArray());
            }
        }
        return windows;
    }

    private static void assertScoredAsDirectly(MultiLayerNetwork net, List<int[]> windows, List<double[][]> scored) {
        List<int[]> every = new ArrayList<>();
        windows.forEach(w -> every.addAll(List.of(INPUT.examples(w))));
        double[][] direct = TrainModel.probabilities(net, INPUT.dataSet(every));
        int at = 0;
        for (int w = 0; w < windows.size(); w++) {
            assertEquals(windows.get(w).length, scored.get(w).length);
            for (double[] p : scored.get(w)) {
                assertArrayEquals(direct[at++], p, 1e-6, "window " + w);
            }
        }
    }

    @Test
    void repeatedInputsGoThroughTheNetworkOnceAndScoreAsIfEachDid() {
        MultiLayerNetwork net = network();
        List<int[]> windows = windows(40, 9);
        // forward passes of 7 inputs: many, and a partial one at the end of each call
        NextEventScoring scoring = new NextEventScoring(net, INPUT, new NextEventScoring.Shared(), 7);
        List<double[][]> scored = new ArrayList<>(scoring.probabilities(windows.subList(0, 20)));
        scored.addAll(scoring.probabilities(windows.subList(20, 40)));

        assertScoredAsDirectly(net, windows, scored);
        long positions = windows.stream().mapToLong(w -> w.length).sum();
        assertEquals(positions, scoring.positions());
        assertTrue(scoring.forwardPositions() < positions - 6 * 19,
                "the repeated lifecycle's 6 inputs are computed once, not 20 times: " + scoring.forwardPositions());
    }

    @Test
    void concurrentScoringsOfOneNetworkComputeEachInputOnceBetweenThem() throws Exception {
        MultiLayerNetwork net = network();
        NextEventScoring.Shared shared = new NextEventScoring.Shared();
        List<List<int[]>> partitions = List.of(windows(60, 1), windows(60, 2), windows(60, 3));
        ExecutorService tasks = Executors.newFixedThreadPool(partitions.size());
        try {
            List<NextEventScoring> scorings = new ArrayList<>();
            List<Future<List<double[][]>>> results = new ArrayList<>();
            for (List<int[]> partition : partitions) {
                // each task has its own copy of the network, as each Spark task restores its own
                NextEventScoring scoring = new NextEventScoring(net.clone(), INPUT, shared, 5);
                scorings.add(scoring);
                results.add(tasks.submit(() -> scoring.probabilities(partition)));
            }
            Set<String> distinct = new HashSet<>();
            for (int i = 0; i < partitions.size(); i++) {
                assertScoredAsDirectly(net, partitions.get(i), results.get(i).get());
                for (int[] w : partitions.get(i)) {
                    for (int[] example : INPUT.examples(w)) {
                        distinct.add(java.util.Arrays.toString(java.util.Arrays.copyOf(example, example.length - 1)));
                    }
                }
            }
            assertEquals(distinct.size(), scorings.stream().mapToLong(NextEventScoring::forwardPositions).sum(),
                    "every distinct input of the three partitions went through the network once, in one of them");
        } finally {
            tasks.shutdownNow();
        }
    }
}
