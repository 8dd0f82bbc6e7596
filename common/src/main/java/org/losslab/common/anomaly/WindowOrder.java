package org.losslab.common.anomaly;

import java.io.Serializable;
import java.util.Comparator;

/**
 * A window's place in time order, for the chronological split: its start (windows without a time first), then its
 * first file and line, then its id, so that no two windows tie.
 */
public record WindowOrder(long startMs, String file, long firstLine, String windowId)
        implements Comparable<WindowOrder>, Serializable {
    private static final Comparator<WindowOrder> ORDER = Comparator.comparingLong(WindowOrder::startMs)
            .thenComparing(WindowOrder::file).thenComparingLong(WindowOrder::firstLine)
            .thenComparing(WindowOrder::windowId);

    @Override
    public int compareTo(WindowOrder other) {
        return ORDER.compare(this, other);
    }
}
