package org.losslab.jobs.train;

import java.io.Serializable;
import java.util.List;

import org.losslab.common.anomaly.NextEvents;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What a next-event network reads ({@link NextEvents}): at each of the {@code history} positions the one-hot
 * event (or padding) and, with {@code counts}, how many times each event class has occurred in the window up to
 * and including that position. Sequence models read {@code [features per step, history]}; the MLP reads the
 * steps laid end to end. Labels are one-hot over the {@code classes} event classes.
 *
 * <p>The counts are LogAnomaly's "quantitative pattern" (Meng et al., IJCAI 2019): ten events at a time cannot
 * tell a three-replica write missing one acknowledgement from a two-replica write, while the counts of the whole
 * window so far can (three "receiving", two "stored"). They are raw counts: in session windows they are small
 * integers, and a difference of one is what matters.
 *
 * <p>An example is packed as an {@code int[]}: the history, the counts before the predicted position when
 * {@code counts} (the counts at earlier steps follow by taking back the later history events), then the target.
 */
public record NextEventInput(Models.Kind kind, int classes, int history, boolean counts) implements Serializable {
    /** The {@code runs} hyperparameter that says whether a logs run's network reads the counts; absent: it does not. */
    public static final String EVENT_COUNTS = "event_counts";

    /** The input of a logs run, from its model and hyperparameters, for the event classes it trained on. */
    public static NextEventInput ofRun(Models.Kind kind, int classes, java.util.Map<String, String> hyperparameters) {
        return new NextEventInput(kind, classes, Integer.parseInt(hyperparameters.get("history")),
                Boolean.parseBoolean(hyperparameters.getOrDefault(EVENT_COUNTS, "false")));
    }

    /** Features per time step of a sequence model. */
    private int perStep() {
        return NextEvents.inputSymbols(classes) + (counts ? classes : 0);
    }

    /** Inputs per example (per time step for sequence models). */
    public int inputSize() {
        return kind.sequential() ? perStep() : perStep() * history;
    }

    /** Every position of a window as a packed example. */
    public int[][] examples(int[] events) {
        int[][] out = new int[events.length][];
        int[] seen = new int[counts ? classes : 0];
        for (int t = 0; t < events.length; t++) {
            int[] packed = new int[history + seen.length + 1];
            System.arraycopy(NextEvents.history(events, t, history, classes), 0, packed, 0, history);
            System.arraycopy(seen, 0, packed, history, seen.length);
            packed[packed.length - 1] = events[t];
            out[t] = packed;
            if (counts) {
                seen[events[t]]++;
            }
        }
        return out;
    }

    /** The event a packed example predicts. */
    public static int target(int[] packed) {
        return packed[packed.length - 1];
    }

    /** The targets of packed examples. */
    public static int[] targets(List<int[]> packed) {
        return packed.stream().mapToInt(NextEventInput::target).toArray();
    }

    /** Packed examples as one DataSet (filled as Java arrays and handed to ND4J whole: one copy, no per-value calls). */
    public DataSet dataSet(List<int[]> packed) {
        int n = packed.size();
        int symbols = NextEvents.inputSymbols(classes);
        int step = perStep();
        int perExample = step * history;
        float[] features = new float[Math.multiplyExact(n, perExample)];
        float[] labels = new float[Math.multiplyExact(n, classes)];
        int[] running = new int[counts ? classes : 0];
        for (int i = 0; i < n; i++) {
            int[] example = packed.get(i);
            int base = i * perExample;
            System.arraycopy(example, history, running, 0, running.length);
            for (int t = history - 1; t >= 0; t--) {
                features[base + offset(t, step, example[t])] = 1f;
                if (counts) {
                    for (int c = 0; c < classes; c++) {
                        if (running[c] != 0) {
                            features[base + offset(t, step, symbols + c)] = running[c];
                        }
                    }
                    if (example[t] < classes) { // an event, not padding: before it, one fewer
                        running[example[t]]--;
                    }
                }
            }
            labels[i * classes + target(example)] = 1f;
        }
        INDArray f = kind.sequential() ? Nd4j.create(features, new long[] {n, step, history}, 'c')
                : Nd4j.create(features, new long[] {n, (long) perExample}, 'c');
        return new DataSet(f, Nd4j.create(labels, new long[] {n, classes}, 'c'));
    }

    /** Where feature {@code feature} of time step {@code t} sits in one example's row-major block. */
    private int offset(int t, int step, int feature) {
        return kind.sequential() ? feature * history + t : t * step + feature;
    }
}
