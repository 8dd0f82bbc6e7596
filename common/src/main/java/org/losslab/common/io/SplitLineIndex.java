package org.losslab.common.io;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Line numbers for rows of text files read in splits. A task sees a split as (file, byte offset of the
 * split, index of the line within the split); the line number in the file is the number of lines in all
 * earlier splits of the file plus that index plus one. Built from the per-split line counts of a full pass
 * over the files; a count reported twice (a retried task) is counted once.
 */
public final class SplitLineIndex implements Serializable {
    private final Map<String, long[]> starts = new HashMap<>();
    private final Map<String, long[]> linesBefore = new HashMap<>();

    public static SplitLineIndex of(Collection<SplitCount> counts) {
        Map<String, TreeMap<Long, Long>> byFile = new HashMap<>();
        for (SplitCount count : counts) {
            Long previous = byFile.computeIfAbsent(count.file(), f -> new TreeMap<>())
                    .put(count.blockStart(), count.lines());
            if (previous != null && previous != count.lines()) {
                throw new IllegalStateException("Split " + count.file() + "@" + count.blockStart()
                        + " was counted with " + previous + " and " + count.lines() + " lines");
            }
        }
        SplitLineIndex index = new SplitLineIndex();
        byFile.forEach((file, splits) -> {
            long[] s = new long[splits.size()];
            long[] before = new long[splits.size()];
            int i = 0;
            long total = 0;
            for (Map.Entry<Long, Long> split : splits.entrySet()) {
                s[i] = split.getKey();
                before[i] = total;
                total += split.getValue();
                i++;
            }
            index.starts.put(file, s);
            index.linesBefore.put(file, before);
        });
        return index;
    }

    /**
     * The 1-based line number of the {@code indexInSplit}-th (0-based) line of the split of {@code file}
     * starting at byte {@code blockStart}.
     */
    public long lineNumber(String file, long blockStart, long indexInSplit) {
        long[] s = starts.get(file);
        int at = s == null ? -1 : Arrays.binarySearch(s, blockStart);
        if (at < 0) {
            throw new IllegalArgumentException("No line count for split " + file + "@" + blockStart);
        }
        return linesBefore.get(file)[at] + indexInSplit + 1;
    }
}
