package org.losslab.common.anomaly;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Train / validation / test by a window's position in [0, 1): a window at position p trains when
 * {@code p < train}, validates when {@code p < train + validation}, and tests otherwise. Chronological: the
 * position is the window's rank in {@link WindowOrder} over the number of windows, so only the two windows where
 * the split changes need to be known ({@link #chronological}); random: the position is a hash of the window id.
 */
public final class WindowSplit implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final String TRAIN = "train";
    public static final String VALIDATION = "validation";
    public static final String TEST = "test";

    private final WindowOrder firstValidation;
    private final WindowOrder firstTest;

    private WindowSplit(WindowOrder firstValidation, WindowOrder firstTest) {
        this.firstValidation = firstValidation;
        this.firstTest = firstTest;
    }

    /** The chronological split of these windows (any order; sorted here). */
    public static WindowSplit chronological(WindowOrder[] windows, double train, double validation) {
        WindowOrder[] sorted = windows.clone();
        Arrays.sort(sorted);
        int n = Math.max(1, sorted.length);
        int trainEnd = 0;
        while (trainEnd < sorted.length && split(trainEnd / (double) n, train, validation).equals(TRAIN)) {
            trainEnd++;
        }
        int validationEnd = trainEnd;
        while (validationEnd < sorted.length
                && split(validationEnd / (double) n, train, validation).equals(VALIDATION)) {
            validationEnd++;
        }
        return new WindowSplit(trainEnd < sorted.length ? sorted[trainEnd] : null,
                validationEnd < sorted.length ? sorted[validationEnd] : null);
    }

    /** The split of a window of a chronological split. */
    public String of(WindowOrder window) {
        if (firstValidation == null || window.compareTo(firstValidation) < 0) {
            return TRAIN;
        }
        return firstTest == null || window.compareTo(firstTest) < 0 ? VALIDATION : TEST;
    }

    /** The split of a window at {@code position} in [0, 1). */
    public static String split(double position, double train, double validation) {
        if (position < train) {
            return TRAIN;
        }
        return position < train + validation ? VALIDATION : TEST;
    }
}
