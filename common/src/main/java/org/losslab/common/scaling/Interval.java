package org.losslab.common.scaling;

import java.io.Serializable;

/** A closed interval {@code [lower, upper]}. */
public record Interval(double lower, double upper) implements Serializable {
    private static final long serialVersionUID = 1L;

    public Interval {
        if (!(lower <= upper)) {
            throw new IllegalArgumentException("need lower <= upper, got [" + lower + ", " + upper + "]");
        }
    }

    /** Whether {@code value} lies in the interval. */
    public boolean contains(double value) {
        return value >= lower && value <= upper;
    }

    /** {@code upper - lower}. */
    public double width() {
        return upper - lower;
    }
}
