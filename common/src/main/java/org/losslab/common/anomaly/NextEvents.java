package org.losslab.common.anomaly;

import java.util.Arrays;

/**
 * DeepLog's next-event task over one window's event indexes: for every position t, the input is the previous
 * {@code history} events (fewer at the start of a window, filled with the padding index on the left) and the
 * target is event t. Event indexes run from 0 (a template unseen when the vocabulary was built) to
 * {@code vocabulary - 1}; the padding index is {@code vocabulary}, so an input position is one of
 * {@code vocabulary + 1} symbols and the model predicts one of {@code vocabulary} classes.
 */
public final class NextEvents {
    private NextEvents() {
    }

    /** The symbols an input position takes: the events and the padding. */
    public static int inputSymbols(int vocabulary) {
        return vocabulary + 1;
    }

    /** The input of position {@code t}: the {@code history} events before it, left-padded with {@code vocabulary}. */
    public static int[] history(int[] events, int t, int history, int vocabulary) {
        int[] input = new int[history];
        Arrays.fill(input, vocabulary);
        for (int k = 1; k <= history && t - k >= 0; k++) {
            input[history - k] = events[t - k];
        }
        return input;
    }

    /** What the model says about one window: the rule's verdict and the continuous score. */
    public record WindowVerdict(boolean flagged, double maxSurprisal, int abnormalEvents, int firstAbnormal) {
    }

    /**
     * DeepLog's rule over a window, given the model's probabilities of every class at every position
     * ({@code probabilities[t]}): event t is abnormal when it is not among the {@code topG} most probable classes
     * (at least {@code topG} classes are more probable than it); the window is flagged when any event is. The score is the largest surprisal {@code -ln p(event t)} in the window
     * (probabilities floored at 1e-15).
     */
    public static WindowVerdict judge(int[] events, double[][] probabilities, int topG) {
        if (topG < 1) {
            throw new IllegalArgumentException("top-g must be >= 1, not " + topG);
        }
        double max = 0;
        int abnormal = 0;
        int first = -1;
        for (int t = 0; t < events.length; t++) {
            double[] p = probabilities[t];
            double target = p[events[t]];
            int higher = 0;
            for (double q : p) {
                if (q > target) {
                    higher++;
                }
            }
            if (higher >= topG) {
                abnormal++;
                if (first < 0) {
                    first = t;
                }
            }
            max = Math.max(max, -Math.log(Math.max(target, 1e-15)));
        }
        return new WindowVerdict(abnormal > 0, max, abnormal, first);
    }

    /** Whether {@code target} is among the {@code k} most probable classes (ties count in its favour). */
    public static boolean inTopK(double[] probabilities, int target, int k) {
        double p = probabilities[target];
        int higher = 0;
        for (double q : probabilities) {
            if (q > p && ++higher >= k) {
                return false;
            }
        }
        return true;
    }
}
