package org.losslab.jobs.train;

import java.util.List;

import org.losslab.common.anomaly.NextEvents;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Next-event examples ({@link NextEvents}) as DL4J data. Sequence models read {@code [symbols, history]}: the
 * one-hot event (or padding) at each of the {@code history} positions; the MLP reads the same one-hot vectors
 * laid end to end. Labels are one-hot over the {@code vocabulary} event classes. An example is packed as an
 * {@code int[history + 1]}: the history, then the target.
 */
final class NextEventDataSets {
    private NextEventDataSets() {
    }

    /** Inputs per example (per time step for sequence models). */
    static int inputSize(Models.Kind kind, int vocabulary, int history) {
        int symbols = NextEvents.inputSymbols(vocabulary);
        return kind.sequential() ? symbols : symbols * history;
    }

    /** Every position of a window as a packed example. */
    static int[][] examples(int[] events, int history, int vocabulary) {
        int[][] out = new int[events.length][];
        for (int t = 0; t < events.length; t++) {
            int[] input = NextEvents.history(events, t, history, vocabulary);
            int[] packed = java.util.Arrays.copyOf(input, history + 1);
            packed[history] = events[t];
            out[t] = packed;
        }
        return out;
    }

    /** Packed examples as one DataSet. */
    static DataSet dataSet(List<int[]> packed, Models.Kind kind, int vocabulary, int history) {
        int n = packed.size();
        int symbols = NextEvents.inputSymbols(vocabulary);
        INDArray features = kind.sequential() ? Nd4j.zeros(DataType.FLOAT, n, symbols, history)
                : Nd4j.zeros(DataType.FLOAT, n, (long) symbols * history);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, n, vocabulary);
        for (int i = 0; i < n; i++) {
            int[] example = packed.get(i);
            for (int t = 0; t < history; t++) {
                if (kind.sequential()) {
                    features.putScalar(new long[] {i, example[t], t}, 1f);
                } else {
                    features.putScalar(i, (long) t * symbols + example[t], 1f);
                }
            }
            labels.putScalar(i, example[history], 1f);
        }
        return new DataSet(features, labels);
    }

    static int[] targets(List<int[]> packed, int history) {
        return packed.stream().mapToInt(p -> p[history]).toArray();
    }
}
