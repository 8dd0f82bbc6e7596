package org.losslab.jobs.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.UUID;

import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.IOUtils;
import org.apache.spark.sql.Dataset;

/**
 * Writes a Dataset of lines as one text file through the Hadoop FileSystem (local or HDFS): Spark writes
 * its part files into a hidden scratch folder beside the target, the parts are joined in partition order
 * (so a range-partitioned, sorted Dataset stays sorted) behind an optional header, and the result is
 * renamed onto the target, replacing it. The scratch folder is removed whatever happens.
 */
public final class SingleTextFile {
    private SingleTextFile() {
    }

    /** Writes {@code lines}, after {@code header} unless it is null, as the one file {@code target}. */
    public static void write(Dataset<String> lines, FileSystem fs, Path target, String header) {
        Path scratch = new Path(target.getParent(), "." + target.getName() + "-" + UUID.randomUUID());
        try {
            lines.write().text(scratch.toString());
            Path merged = new Path(scratch, "merged");
            // the local file system would add a hidden .crc file beside the output, which a later edit of the
            // output would contradict: the merged file is written without one
            FileSystem raw = fs instanceof ChecksumFileSystem checksummed ? checksummed.getRawFileSystem() : fs;
            concatenate(fs, raw, scratch, merged, header);
            // deleted through fs, so that a previous .crc goes too
            if (fs.exists(target) && !fs.delete(target, true)) {
                throw new IOException("cannot delete the previous " + target);
            }
            if (!raw.rename(merged, target)) {
                throw new IOException("rename " + merged + " -> " + target + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            try {
                fs.delete(scratch, true);
            } catch (IOException e) {
                // scratch is hidden (dot-prefixed); a leftover does not affect readers
            }
        }
    }

    private static void concatenate(FileSystem fs, FileSystem raw, Path partsDir, Path merged, String header)
            throws IOException {
        FileStatus[] parts = fs.listStatus(partsDir, p -> p.getName().startsWith("part-"));
        // part-00000-..., part-00001-...: the name order is the partition order
        Arrays.sort(parts, Comparator.comparing(part -> part.getPath().getName()));
        try (OutputStream out = raw.create(merged, true)) {
            if (header != null) {
                out.write((header + "\n").getBytes(StandardCharsets.UTF_8));
            }
            for (FileStatus part : parts) {
                try (InputStream in = fs.open(part.getPath())) {
                    IOUtils.copyBytes(in, out, 1 << 16, false);
                }
            }
        }
    }
}
