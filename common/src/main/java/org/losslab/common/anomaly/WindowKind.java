package org.losslab.common.anomaly;

import java.util.Locale;

/**
 * How log lines are cut into windows:
 * <ul>
 *   <li>{@code session}: the lines that name one identifier (e.g. an HDFS block id); a line naming two belongs
 *       to both;</li>
 *   <li>{@code fixed}: consecutive runs of {@code size} lines of a file (lines 1..N, N+1..2N, ...);</li>
 *   <li>{@code sliding}: {@code size} lines every {@code step} lines, so a line belongs to up to size/step
 *       windows;</li>
 *   <li>{@code time}: the lines whose time falls in one {@code duration} interval (UTC epoch aligned).</li>
 * </ul>
 */
public enum WindowKind {
    SESSION, FIXED, SLIDING, TIME;

    public static WindowKind parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown window '" + name + "': use session, fixed, sliding or time",
                    e);
        }
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The sliding windows (0-based indexes) holding the line at 0-based position {@code index} of its file: window
     * k covers positions [k * step, k * step + size).
     */
    public static long[] slidingWindows(long index, int size, int step) {
        if (size < 1 || step < 1) {
            throw new IllegalArgumentException("Cannot slide a window of " + size + " lines by " + step);
        }
        long last = index / step;
        long first = Math.max(0, Math.floorDiv(index - size, step) + 1);
        long[] windows = new long[(int) Math.max(0, last - first + 1)];
        for (int i = 0; i < windows.length; i++) {
            windows[i] = first + i;
        }
        return windows;
    }
}
