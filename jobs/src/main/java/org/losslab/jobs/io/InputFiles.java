package org.losslab.jobs.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;

/**
 * Expands what a user names as input (files, folders read recursively, globs, comma-separated lists) into
 * data files on any Hadoop file system, skipping hidden and bookkeeping files ({@code _SUCCESS},
 * {@code .crc}). Tells Parquet from text by the magic number, and reads a text file's first line through
 * its compression codec.
 */
public final class InputFiles {
    private static final byte[] PARQUET_MAGIC = {'P', 'A', 'R', '1'};

    private InputFiles() {
    }

    /** A data file and whether it is Parquet (otherwise text, possibly compressed). */
    public record InputFile(String path, long length, boolean parquet) {
    }

    public static List<InputFile> expand(Configuration conf, List<String> locations) {
        List<InputFile> files = new ArrayList<>();
        for (String location : locations) {
            for (String part : location.split(",")) {
                if (!part.isBlank()) {
                    expandOne(conf, part.trim(), files);
                }
            }
        }
        return files;
    }

    private static void expandOne(Configuration conf, String location, List<InputFile> out) {
        try {
            Path path = new Path(location);
            FileSystem fs = path.getFileSystem(conf);
            FileStatus[] matches = fs.globStatus(path);
            if (matches == null || matches.length == 0) {
                throw new IllegalArgumentException("Cannot read input " + location + ": no such file or folder");
            }
            int before = out.size();
            for (FileStatus match : matches) {
                collect(fs, match, out);
            }
            if (out.size() == before) {
                throw new IllegalArgumentException("Cannot read input " + location + ": it holds no data files");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read input " + location + ": " + e.getMessage(), e);
        }
    }

    private static void collect(FileSystem fs, FileStatus status, List<InputFile> out) throws IOException {
        String name = status.getPath().getName();
        if (name.startsWith("_") || name.startsWith(".")) {
            return;
        }
        if (status.isDirectory()) {
            FileStatus[] children = fs.listStatus(status.getPath());
            Arrays.sort(children);
            for (FileStatus child : children) {
                collect(fs, child, out);
            }
            return;
        }
        Path path = fs.makeQualified(status.getPath());
        out.add(new InputFile(path.toString(), status.getLen(), isParquet(fs, path)));
    }

    private static boolean isParquet(FileSystem fs, Path path) throws IOException {
        if (path.getName().toLowerCase(Locale.ROOT).endsWith(".parquet")) {
            return true;
        }
        byte[] head = new byte[4];
        try (FSDataInputStream in = fs.open(path)) {
            int read = in.read(head);
            return read == 4 && Arrays.equals(head, PARQUET_MAGIC);
        }
    }

    /** The first line of a text file, decompressed by the codec its name implies; null for an empty file. */
    public static String firstLine(Configuration conf, String file) {
        Path path = new Path(file);
        try {
            FileSystem fs = path.getFileSystem(conf);
            CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(path);
            InputStream raw = fs.open(path);
            InputStream in = codec == null ? raw : codec.createInputStream(raw);
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                return reader.readLine();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
