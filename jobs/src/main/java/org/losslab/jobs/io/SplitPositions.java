package org.losslab.jobs.io;

import java.util.function.Consumer;

import org.losslab.common.io.SplitCount;

/**
 * Follows where a task is in its input while it iterates rows of a text scan: the current file (as Spark
 * names it, and as a {@link FileKeys} key), the byte offset of the current split and the index of the line
 * within that split. When a split ends, its line count goes to the sink (for {@code SplitLineIndex}).
 * One instance per partition; not thread-safe.
 */
public final class SplitPositions {
    private final Consumer<SplitCount> sink;
    private String fileName;
    private String fileKey;
    private long block = -1;
    private long index;
    private boolean reported;

    /** @param sink receives each finished split's line count; null when nobody needs them */
    public SplitPositions(Consumer<SplitCount> sink) {
        this.sink = sink;
    }

    /**
     * Moves to the row's file and split.
     *
     * @return whether the file changed (callers refresh per-file state)
     */
    public boolean moveTo(String sparkFileName, long blockStart) {
        boolean newFile = !sparkFileName.equals(fileName);
        if (!newFile && blockStart == block) {
            return false;
        }
        finishSplit();
        if (newFile) {
            fileName = sparkFileName;
            fileKey = FileKeys.ofSparkName(sparkFileName);
        }
        block = blockStart;
        index = 0;
        reported = false;
        return newFile;
    }

    /** The index of the current line within its split; advances to the next. */
    public long nextIndex() {
        return index++;
    }

    /** Lines consumed so far in the current split. */
    public long linesInSplit() {
        return index;
    }

    public String fileKey() {
        return fileKey;
    }

    public String fileName() {
        return fileName;
    }

    public long block() {
        return block;
    }

    /** Reports the current split's line count (once); call when the partition's input is exhausted. */
    public void finishSplit() {
        if (sink != null && !reported && fileKey != null && block >= 0 && index > 0) {
            sink.accept(new SplitCount(fileKey, block, index));
            reported = true;
        }
    }
}
