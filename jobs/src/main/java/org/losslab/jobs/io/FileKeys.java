package org.losslab.jobs.io;

import java.net.URI;
import java.net.URISyntaxException;

import org.apache.hadoop.fs.Path;

/**
 * One spelling for a file's identity. Spark reports input files as URL-encoded URIs
 * ({@code file:///a%20b.csv}) while Hadoop paths print decoded with one slash ({@code file:/a b.csv});
 * both map to the same key here.
 */
public final class FileKeys {
    private FileKeys() {
    }

    /** Key of a path as Hadoop prints it. */
    public static String ofHadoopPath(String path) {
        return of(new Path(path).toUri());
    }

    /** Key of a file name as Spark's input_file_name() or _metadata.file_path reports it. */
    public static String ofSparkName(String name) {
        try {
            return of(new URI(name));
        } catch (URISyntaxException e) {
            return ofHadoopPath(name);
        }
    }

    private static String of(URI uri) {
        String scheme = uri.getScheme() == null ? "file" : uri.getScheme();
        String authority = uri.getAuthority() == null ? "" : uri.getAuthority();
        return scheme + "://" + authority + uri.getPath();
    }
}
