package org.losslab.jobs.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * A trained next-event network applied to whole windows: the class probabilities at every position of each
 * window. Log windows repeat themselves (most positions of most sessions have a history, and counts, that many
 * other positions have too), and the network's answer depends on its input only, so each distinct input is
 * run through the network once: once per call, and remembered for the calls after it while the
 * remembered probabilities stay under {@link #CACHED_VALUES} values. A call's new inputs go through the network
 * {@link #FORWARD_BATCH} at a time.
 */
public final class NextEventScoring {
    /**
     * Positions per call the callers aim for: enough that a call's new inputs fill whole forward passes (the
     * first call of a partition finds most of its distinct inputs, later calls few), few enough that a call's
     * windows and inputs stay some tens of MB.
     */
    public static final int BATCH_POSITIONS = 65_536;
    /**
     * Inputs per forward pass. A recurrent layer's cost per input falls with the batch up to about a thousand
     * rows and rises past a few thousand (its per-step activations leave the cache): measured on the default
     * LSTM, 120-180 us per input at 256 rows, 80-105 at 1,024, 95-135 at 4,096.
     */
    static final int FORWARD_BATCH = 1024;
    /** Probabilities remembered between calls (64 MB of doubles); past it the memory starts over. */
    static final long CACHED_VALUES = 8_000_000L;

    private final MultiLayerNetwork net;
    private final NextEventInput input;
    private final int forwardBatch;
    private final Map<Input, double[]> seen = new HashMap<>();
    private long forwardPositions;
    private long positions;

    public NextEventScoring(MultiLayerNetwork net, NextEventInput input) {
        this(net, input, FORWARD_BATCH);
    }

    NextEventScoring(MultiLayerNetwork net, NextEventInput input, int forwardBatch) {
        this.net = net;
        this.input = input;
        this.forwardBatch = forwardBatch;
    }

    /** Per window, {@code probabilities[t][class]} of each of its positions (rows may be shared: read only). */
    public List<double[][]> probabilities(List<int[]> windows) {
        List<Input[]> inputs = new ArrayList<>(windows.size());
        Map<Input, double[]> batch = new HashMap<>();
        List<int[]> missing = new ArrayList<>();
        List<Input> missingKeys = new ArrayList<>();
        for (int[] events : windows) {
            int[][] examples = input.examples(events);
            Input[] keys = new Input[examples.length];
            for (int t = 0; t < examples.length; t++) {
                Input key = new Input(examples[t]);
                keys[t] = key;
                if (!batch.containsKey(key)) {
                    double[] known = seen.get(key);
                    batch.put(key, known);
                    if (known == null) {
                        missing.add(examples[t]);
                        missingKeys.add(key);
                    }
                }
            }
            positions += examples.length;
            inputs.add(keys);
        }
        if (!missing.isEmpty()) {
            if ((seen.size() + missing.size()) * (long) input.classes() > CACHED_VALUES) {
                seen.clear();
            }
            for (int from = 0; from < missing.size(); from += forwardBatch) {
                int to = Math.min(missing.size(), from + forwardBatch);
                double[][] computed = TrainModel.probabilities(net, input.dataSet(missing.subList(from, to)));
                forwardPositions += computed.length;
                for (int i = 0; i < computed.length; i++) {
                    batch.put(missingKeys.get(from + i), computed[i]);
                    seen.put(missingKeys.get(from + i), computed[i]);
                }
            }
        }
        List<double[][]> out = new ArrayList<>(windows.size());
        for (Input[] keys : inputs) {
            double[][] window = new double[keys.length][];
            for (int t = 0; t < keys.length; t++) {
                window[t] = batch.get(keys[t]);
            }
            out.add(window);
        }
        return out;
    }

    /** Positions scored so far, and how many of them went through the network (the rest were repeats). */
    public long positions() {
        return positions;
    }

    public long forwardPositions() {
        return forwardPositions;
    }

    /** A packed example without its target: what the network reads. */
    private static final class Input {
        private final int[] packed;
        private final int hash;

        Input(int[] packed) {
            this.packed = packed;
            // small integers (event indexes, counts) collide under Arrays.hashCode's 31-polynomial: mix each in
            long h = 0x9E3779B97F4A7C15L;
            for (int i = 0; i < packed.length - 1; i++) {
                h = (h ^ packed[i]) * 0xFF51AFD7ED558CCDL;
                h ^= h >>> 32;
            }
            this.hash = (int) h;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Input other && Arrays.equals(packed, 0, packed.length - 1, other.packed, 0,
                    other.packed.length - 1);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
