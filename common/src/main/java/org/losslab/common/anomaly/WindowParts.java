package org.losslab.common.anomaly;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Comparator;

/**
 * The lines of one window as they are found, in any order and in any number of parts (one per Spark partition
 * that saw a line of it), merged into one and then finished into the window: its events in (file, line) order,
 * its first and last line, its start and end time where lines have one, and its label.
 *
 * <p>The label is the one a label file gives the window's key when there is one ({@link #keyLabel}), else
 * anomalous when any line is labelled anomalous, normal when lines are labelled and none is, and null when no
 * line carries a label. The same object also counts the lines that fall in no window (under a key no window
 * has), so that one shuffle gives both.
 */
public final class WindowParts implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final int NO_LABEL = -1;

    private String[] files = new String[4];
    private long[] lines = new long[4];
    private int[] events = new int[4];
    private int size;
    private long startMs = Long.MAX_VALUE;
    private long endMs = Long.MIN_VALUE;
    private int lineLabel = NO_LABEL;
    private int keyLabel = NO_LABEL;
    private long linesWithoutWindow;

    /** A finished window; {@code startMs}/{@code endMs}/{@code label} null where unknown. */
    public record Window(String id, String file, long firstLine, long lastLine, Long startMs, Long endMs,
            int[] events, Integer label) implements Serializable {
        /** Its place in time order: start (unknown first), then first file and line, then id. */
        public WindowOrder order() {
            return new WindowOrder(startMs == null ? Long.MIN_VALUE : startMs, file, firstLine, id);
        }
    }

    /** Adds a line: its event index, its time (null: none), its label (null: unlabelled, 0 normal, 1 anomalous). */
    public WindowParts add(String file, long line, int event, Long timeMs, Integer label) {
        if (size == lines.length) {
            grow(size * 2);
        }
        files[size] = file;
        lines[size] = line;
        events[size] = event;
        size++;
        if (timeMs != null) {
            startMs = Math.min(startMs, timeMs);
            endMs = Math.max(endMs, timeMs);
        }
        if (label != null) {
            lineLabel = Math.max(lineLabel, label);
        }
        return this;
    }

    /** The label a label file gives this window's key: 0 normal, 1 anomalous. */
    public WindowParts keyLabel(int label) {
        keyLabel = label;
        return this;
    }

    /** Counts a line that is in no window. */
    public WindowParts lineWithoutWindow() {
        linesWithoutWindow++;
        return this;
    }

    public long linesWithoutWindow() {
        return linesWithoutWindow;
    }

    /** Whether any line was added (a label file may name keys no line has). */
    public boolean hasLines() {
        return size > 0;
    }

    /** This and {@code other} as one (the larger absorbs the smaller; either may be returned). */
    public WindowParts merge(WindowParts other) {
        WindowParts into = size >= other.size ? this : other;
        WindowParts from = into == this ? other : this;
        if (into.size + from.size > into.lines.length) {
            into.grow(into.size + from.size);
        }
        System.arraycopy(from.files, 0, into.files, into.size, from.size);
        System.arraycopy(from.lines, 0, into.lines, into.size, from.size);
        System.arraycopy(from.events, 0, into.events, into.size, from.size);
        into.size += from.size;
        into.startMs = Math.min(into.startMs, from.startMs);
        into.endMs = Math.max(into.endMs, from.endMs);
        into.lineLabel = Math.max(into.lineLabel, from.lineLabel);
        into.keyLabel = Math.max(into.keyLabel, from.keyLabel);
        into.linesWithoutWindow += from.linesWithoutWindow;
        return into;
    }

    /** Where the window named {@code id} falls in time order, without sorting its lines; needs at least one line. */
    public WindowOrder order(String id) {
        if (size == 0) {
            throw new IllegalStateException("Window " + id + " has no lines");
        }
        int first = 0;
        for (int i = 1; i < size; i++) {
            int byFile = files[i].compareTo(files[first]);
            if (byFile < 0 || (byFile == 0 && lines[i] < lines[first])) {
                first = i;
            }
        }
        return new WindowOrder(startMs == Long.MAX_VALUE ? Long.MIN_VALUE : startMs, files[first], lines[first], id);
    }

    /** The window's label (see the class comment), null when there is none. */
    public Integer label() {
        int label = keyLabel != NO_LABEL ? keyLabel : lineLabel;
        return label == NO_LABEL ? null : label;
    }

    /** The window named {@code id}; needs at least one line. */
    public Window finish(String id) {
        if (size == 0) {
            throw new IllegalStateException("Window " + id + " has no lines");
        }
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        boolean oneFile = true;
        for (int i = 1; i < size && oneFile; i++) {
            oneFile = files[i].equals(files[0]);
        }
        Comparator<Integer> byLine = Comparator.comparingLong(i -> lines[i]);
        Arrays.sort(order, oneFile ? byLine : Comparator.<Integer, String>comparing(i -> files[i]).thenComparing(byLine));
        int[] sorted = new int[size];
        for (int i = 0; i < size; i++) {
            sorted[i] = events[order[i]];
        }
        int first = order[0];
        int last = order[size - 1];
        boolean timed = startMs != Long.MAX_VALUE;
        return new Window(id, files[first], lines[first], lines[last], timed ? startMs : null, timed ? endMs : null,
                sorted, label());
    }

    private void grow(int capacity) {
        int c = Math.max(capacity, 4);
        files = Arrays.copyOf(files, c);
        lines = Arrays.copyOf(lines, c);
        events = Arrays.copyOf(events, c);
    }
}
