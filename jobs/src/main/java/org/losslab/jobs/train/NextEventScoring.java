package org.losslab.jobs.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * A trained next-event network applied to whole windows: the class probabilities at every position of each
 * window. Log windows repeat themselves (most positions of most sessions have a history, and counts, that many
 * other positions have too), and the network's answer depends on its input only, so each distinct input is
 * run through the network once and its answer remembered ({@link Shared}: by one scoring, or by all the
 * scorings with one network in a JVM) while the remembered probabilities stay under {@link #CACHED_VALUES}
 * values. New inputs go through the network {@link #FORWARD_BATCH} at a time.
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
    /** Probabilities remembered (64 MB of doubles); past it the memory starts over. */
    static final long CACHED_VALUES = 8_000_000L;

    private final MultiLayerNetwork net;
    private final NextEventInput input;
    private final Shared shared;
    private final int forwardBatch;
    private long forwardPositions;
    private long positions;

    /** Scoring that remembers its own inputs only. */
    public NextEventScoring(MultiLayerNetwork net, NextEventInput input) {
        this(net, input, new Shared(), FORWARD_BATCH);
    }

    /** Scoring that shares what it computes with the other scorings of the same network ({@link Shared#of}). */
    public NextEventScoring(MultiLayerNetwork net, NextEventInput input, Shared shared) {
        this(net, input, shared, FORWARD_BATCH);
    }

    NextEventScoring(MultiLayerNetwork net, NextEventInput input, Shared shared, int forwardBatch) {
        this.net = net;
        this.input = input;
        this.shared = shared;
        this.forwardBatch = forwardBatch;
    }

    /**
     * The probabilities of one network's inputs, shared by every scoring with that network in one JVM: Spark runs
     * the partitions of a job as concurrent tasks in one executor, and their windows share many inputs, so an input
     * goes through the network in the first task that claims it and the others wait for its answer. A task claims
     * at most one forward pass of inputs at a time, so concurrent tasks split the work rather than one claiming
     * it all. Past {@link #CACHED_VALUES} remembered values the memory starts over (a task waiting on an answer
     * keeps its own reference to it).
     */
    public static final class Shared {
        /**
         * The latest network's answers and its key. A task of an earlier network keeps its own reference and
         * finishes unshared; the latest network's answers stay in the JVM (at most {@link #CACHED_VALUES} values)
         * until another network's scoring starts.
         */
        private static Shared latest;
        private static long latestNetwork;

        private final ConcurrentHashMap<Input, CompletableFuture<double[]>> answers = new ConcurrentHashMap<>();

        Shared() {
        }

        /** The shared answers of the network with this key (a Spark broadcast id: unique within an application). */
        public static synchronized Shared of(long network) {
            if (latest == null || latestNetwork != network) {
                latest = new Shared();
                latestNetwork = network;
            }
            return latest;
        }
    }

    /** Per window, {@code probabilities[t][class]} of each of its positions (rows may be shared: read only). */
    public List<double[][]> probabilities(List<int[]> windows) {
        List<Input[]> inputs = new ArrayList<>(windows.size());
        Map<Input, int[]> distinct = new LinkedHashMap<>();
        for (int[] events : windows) {
            int[][] examples = input.examples(events);
            Input[] keys = new Input[examples.length];
            for (int t = 0; t < examples.length; t++) {
                keys[t] = new Input(examples[t]);
                distinct.putIfAbsent(keys[t], examples[t]);
            }
            positions += examples.length;
            inputs.add(keys);
        }
        if ((shared.answers.size() + distinct.size()) * (long) input.classes() > CACHED_VALUES) {
            shared.answers.clear();
        }
        Map<Input, CompletableFuture<double[]>> answers = new HashMap<>();
        List<Input> claimed = new ArrayList<>(forwardBatch);
        List<CompletableFuture<double[]>> promised = new ArrayList<>(forwardBatch);
        List<int[]> examples = new ArrayList<>(forwardBatch);
        Iterator<Map.Entry<Input, int[]>> pending = distinct.entrySet().iterator();
        while (pending.hasNext()) {
            Map.Entry<Input, int[]> next = pending.next();
            CompletableFuture<double[]> mine = new CompletableFuture<>();
            CompletableFuture<double[]> known = shared.answers.putIfAbsent(next.getKey(), mine);
            answers.put(next.getKey(), known == null ? mine : known);
            if (known == null) {
                claimed.add(next.getKey());
                promised.add(mine);
                examples.add(next.getValue());
            }
            if (claimed.size() == forwardBatch || !pending.hasNext() && !claimed.isEmpty()) {
                forward(claimed, promised, examples);
            }
        }
        List<double[][]> out = new ArrayList<>(windows.size());
        for (Input[] keys : inputs) {
            double[][] window = new double[keys.length][];
            for (int t = 0; t < keys.length; t++) {
                window[t] = answers.get(keys[t]).join();
            }
            out.add(window);
        }
        return out;
    }

    /** One forward pass over claimed inputs; a failure un-claims them, so that a retried task computes them. */
    private void forward(List<Input> claimed, List<CompletableFuture<double[]>> promised, List<int[]> examples) {
        try {
            double[][] computed = TrainModel.probabilities(net, input.dataSet(examples));
            forwardPositions += computed.length;
            for (int i = 0; i < computed.length; i++) {
                promised.get(i).complete(computed[i]);
            }
        } catch (RuntimeException | Error e) {
            for (int i = 0; i < claimed.size(); i++) {
                shared.answers.remove(claimed.get(i), promised.get(i));
                promised.get(i).completeExceptionally(e);
            }
            throw e;
        } finally {
            claimed.clear();
            promised.clear();
            examples.clear();
        }
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
