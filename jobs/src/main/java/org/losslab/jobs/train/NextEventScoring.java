package org.losslab.jobs.train;

import java.util.ArrayList;
import java.util.List;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * A trained next-event network applied to whole windows: the class probabilities at every position of each
 * window, computed in one forward pass per batch of windows.
 */
public final class NextEventScoring {
    /** Positions per forward pass the callers aim for. */
    public static final int BATCH_POSITIONS = 4096;

    private final MultiLayerNetwork net;
    private final NextEventInput input;

    public NextEventScoring(MultiLayerNetwork net, NextEventInput input) {
        this.net = net;
        this.input = input;
    }

    /** Per window, {@code probabilities[t][class]} of each of its positions. */
    public List<double[][]> probabilities(List<int[]> windows) {
        List<int[]> packed = new ArrayList<>();
        for (int[] events : windows) {
            for (int[] example : input.examples(events)) {
                packed.add(example);
            }
        }
        List<double[][]> out = new ArrayList<>(windows.size());
        if (packed.isEmpty()) {
            windows.forEach(w -> out.add(new double[0][]));
            return out;
        }
        double[][] all = TrainModel.probabilities(net, input.dataSet(packed));
        int at = 0;
        for (int[] events : windows) {
            double[][] window = new double[events.length][];
            System.arraycopy(all, at, window, 0, events.length);
            at += events.length;
            out.add(window);
        }
        return out;
    }
}
