package org.losslab.common.plasticc;

import java.util.List;

/**
 * Where each column a layout defines sits in a particular file (-1 when an optional column is absent),
 * and how many columns every row of that file must have.
 */
public record ColumnMapping(PlasticcLayout layout, List<String> header) implements java.io.Serializable {

    static ColumnMapping of(PlasticcLayout layout, List<String> normalisedHeader) {
        return new ColumnMapping(layout, List.copyOf(normalisedHeader));
    }

    public int columnCount() {
        return header.size();
    }

    /** Index of the column, or -1 when the file does not have it. */
    public int indexOf(String column) {
        return header.indexOf(column);
    }

    /** Index of the first of the given columns present, or -1. */
    public int indexOfAny(String... columns) {
        for (String column : columns) {
            int index = header.indexOf(column);
            if (index >= 0) {
                return index;
            }
        }
        return -1;
    }
}
