package org.losslab.common.io;

import java.io.Serializable;

/** How many lines a task read from one split of a text file: the split starts at byte {@code blockStart}. */
public record SplitCount(String file, long blockStart, long lines) implements Serializable {
}
