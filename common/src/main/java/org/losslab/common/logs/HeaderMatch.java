package org.losslab.common.logs;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of {@link LogFormat#match}: either the field values of a line that fits the layout, or
 * the reason it does not (for a rejects table).
 */
public final class HeaderMatch implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Name of the anomaly-label field in BGL-style layouts. */
    public static final String LABEL = "Label";

    private final LogFormat format;
    private final String[] values;
    private final String failure;
    private final int failurePosition;

    private HeaderMatch(LogFormat format, String[] values, String failure, int failurePosition) {
        this.format = format;
        this.values = values;
        this.failure = failure;
        this.failurePosition = failurePosition;
    }

    static HeaderMatch matched(LogFormat format, String[] values) {
        return new HeaderMatch(format, values, null, -1);
    }

    static HeaderMatch failed(LogFormat format, String reason, int position) {
        return new HeaderMatch(format, null, reason, position);
    }

    /** Whether the line fits the layout. */
    public boolean matched() {
        return values != null;
    }

    /** Field names of the layout, in order. */
    public List<String> fieldNames() {
        return format.fieldNames();
    }

    /**
     * Field values in layout order; a field inside an optional group that did not take part is null.
     *
     * @throws IllegalStateException when the line did not match
     */
    public String[] values() {
        requireMatched();
        return values.clone();
    }

    /** The value of a named field (null when absent or inside a skipped optional group). */
    public String field(String name) {
        requireMatched();
        int i = format.fieldNames().indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("layout has no field <" + name + ">: " + format.layout());
        }
        return values[i];
    }

    /** The {@value LogFormat#CONTENT} field, or null when the layout has none. */
    public String content() {
        requireMatched();
        int i = format.contentIndex();
        return i < 0 ? null : values[i];
    }

    /** Field values by name, in layout order. */
    public Map<String, String> asMap() {
        requireMatched();
        Map<String, String> m = new LinkedHashMap<>();
        List<String> names = format.fieldNames();
        for (int i = 0; i < values.length; i++) {
            m.put(names.get(i), values[i]);
        }
        return m;
    }

    /**
     * The anomaly label of BGL/Thunderbird-style logs: the {@value #LABEL} field ({@code "-"} for a
     * normal line, an alert category such as {@code KERNDTLB} otherwise), or null when the layout has
     * no such field.
     */
    public String label() {
        requireMatched();
        int i = format.fieldNames().indexOf(LABEL);
        return i < 0 ? null : values[i];
    }

    /** Whether the line carries an alert label (a {@value #LABEL} field other than {@code "-"}). */
    public boolean isAlert() {
        String label = label();
        return label != null && !label.isEmpty() && !label.equals("-");
    }

    /** Why the line does not fit (null when it matched). */
    public String failureReason() {
        return failure;
    }

    /** Character index in the trimmed line where matching got stuck furthest (-1 when matched). */
    public int failurePosition() {
        return failurePosition;
    }

    private void requireMatched() {
        if (values == null) {
            throw new IllegalStateException("line did not match " + format.layout() + ": " + failure);
        }
    }

    @Override
    public String toString() {
        return matched() ? "HeaderMatch" + asMap() : "HeaderMatch[failed: " + failure + "]";
    }
}
