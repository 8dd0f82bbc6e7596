package org.losslab.common.logs;

import java.io.Serializable;

/**
 * The knobs of template grouping. {@link #defaults()} is the one configuration used for every system;
 * the other factory exists for experiments and tests.
 *
 * <p>Why (3, 12): a position whose words take two values ({@code enabled}/{@code disabled}, {@code start}/
 * {@code stop}) is more often two events than one event with a parameter, so a variable needs at least three
 * distinct values (and, in {@code TemplateGrouper}, mostly rare ones); past twelve distinct words a position
 * holds names or ids, not a closed set of event words. The exact values matter little: over the grid 2-5 x 6-24
 * the average GA of the ten shipped Loghub systems moves between 0.977 and 0.982, and leaving each system out in
 * turn ({@code LoghubEvaluation --leave-one-out}) chooses (3, 12) on the other nine every time.
 */
public final class TemplateMinerSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    private static final TemplateMinerSettings DEFAULTS = new TemplateMinerSettings(3, 12);

    private final int minDistinctForVariable;
    private final int maxDistinctConstants;

    private TemplateMinerSettings(int minDistinctForVariable, int maxDistinctConstants) {
        if (minDistinctForVariable < 2 || maxDistinctConstants < minDistinctForVariable) {
            throw new IllegalArgumentException("need 2 <= minDistinctForVariable <= maxDistinctConstants");
        }
        this.minDistinctForVariable = minDistinctForVariable;
        this.maxDistinctConstants = maxDistinctConstants;
    }

    /** The default configuration. */
    public static TemplateMinerSettings defaults() {
        return DEFAULTS;
    }

    /**
     * Custom thresholds.
     *
     * @param minDistinctForVariable a column with fewer distinct unmasked values is never a variable
     * @param maxDistinctConstants a column with more distinct unmasked values is always a variable
     */
    public static TemplateMinerSettings of(int minDistinctForVariable, int maxDistinctConstants) {
        return new TemplateMinerSettings(minDistinctForVariable, maxDistinctConstants);
    }

    /** A column with fewer distinct unmasked values than this splits templates instead. */
    public int minDistinctForVariable() {
        return minDistinctForVariable;
    }

    /** A column with more distinct unmasked values than this is a variable. */
    public int maxDistinctConstants() {
        return maxDistinctConstants;
    }

    /** {@code (minDistinctForVariable, maxDistinctConstants)}. */
    @Override
    public String toString() {
        return "(" + minDistinctForVariable + ", " + maxDistinctConstants + ")";
    }
}
