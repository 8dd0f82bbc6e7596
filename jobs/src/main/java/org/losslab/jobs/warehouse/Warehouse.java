package org.losslab.jobs.warehouse;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The folder of Parquet tables stages read and write: {@code <root>/<table>/}, on any Hadoop file system.
 * Tables are replaced whole or not at all: a stage writes each output under {@code <root>/.staging/}, and
 * {@link #commit} swaps the staged folders in by renames only after every output was written, so a job
 * that fails half-way leaves the previous tables as they were. A commit journal ({@code <root>/.commits/})
 * lets the next command finish the swaps of a driver killed between two renames.
 */
public final class Warehouse {
    private static final Logger LOG = LoggerFactory.getLogger(Warehouse.class);
    private static final String STAGING = ".staging";
    private static final String TRASH = ".trash";
    /** Journals of commits in progress: a driver that dies between two renames leaves one behind. */
    private static final String COMMITS = ".commits";
    /** A commit takes milliseconds; a journal this old belongs to a driver that died mid-commit. */
    static final long ABANDONED_COMMIT_MILLIS = 60_000;
    /** Staging folders this old belong to jobs that died before their commit. */
    static final long ABANDONED_STAGING_MILLIS = 24L * 3600 * 1000;

    private final SparkSession spark;
    private final FileSystem fs;
    private final Path root;

    private Warehouse(SparkSession spark, FileSystem fs, Path root) {
        this.spark = spark;
        this.fs = fs;
        this.root = root;
    }

    public static Warehouse open(SparkSession spark, String location) {
        requireNonNull(location, "location");
        try {
            Path path = new Path(location);
            FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
            Warehouse warehouse = new Warehouse(spark, fs, fs.makeQualified(path));
            warehouse.recoverAbandonedCommits();
            return warehouse;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open warehouse " + location + ": " + e.getMessage(), e);
        }
    }

    public Path root() {
        return root;
    }

    public FileSystem fileSystem() {
        return fs;
    }

    public SparkSession spark() {
        return spark;
    }

    public Path tablePath(String table) {
        return new Path(root, table);
    }

    public boolean exists(String table) {
        try {
            return fs.exists(tablePath(table));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Table names: the sub-folders of the root, except hidden ones ({@code .x}, {@code _x}); none yet if no root. */
    public List<String> tables() {
        try {
            if (!fs.exists(root)) {
                return List.of();
            }
            return Arrays.stream(fs.listStatus(root))
                    .filter(FileStatus::isDirectory)
                    .map(s -> s.getPath().getName())
                    .filter(name -> !name.startsWith(".") && !name.startsWith("_"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list warehouse " + root + ": " + e.getMessage(), e);
        }
    }

    public Dataset<Row> read(String table) {
        if (!exists(table)) {
            awaitCommitInProgress(table);
        }
        if (!exists(table)) {
            throw new IllegalArgumentException("Cannot read table " + table + ": no such table in " + root
                    + " (tables: " + tables() + ")");
        }
        // nullable: rows written before a column was added read it as null
        return TableSchemas.declared(table)
                .map(schema -> spark.read().schema(org.apache.spark.sql.types.DataTypes.createStructType(
                        java.util.Arrays.stream(schema.fields()).map(f -> f.copy(f.name(), f.dataType(), true,
                                f.metadata())).toArray(org.apache.spark.sql.types.StructField[]::new))))
                .orElseGet(spark::read)
                .parquet(tablePath(table).toString());
    }

    /** Registers every table as a temporary view under its own name, for Spark SQL. */
    public List<String> registerViews() {
        List<String> names = tables();
        for (String name : names) {
            read(name).createOrReplaceTempView(name);
        }
        return names;
    }

    /** A fresh staging folder for the next version of a table; nothing is visible until {@link #commit}. */
    public StagedTable stage(String table) {
        return new StagedTable(table, new Path(new Path(root, STAGING), table + "-" + UUID.randomUUID()), null);
    }

    /**
     * A fresh staging folder for the next version of one partition of a table, e.g. {@code system=HDFS}: the
     * stage writes the table partitioned as usual into it, and {@link #commit} replaces only that partition.
     */
    public StagedTable stagePartition(String table, String column, String value) {
        if (!value.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("Cannot use '" + value + "' as a value of partition column " + column
                    + ": letters, digits, '_', '.' and '-' only");
        }
        String partition = column + "=" + value;
        return new StagedTable(table, new Path(new Path(root, STAGING), table + "-" + UUID.randomUUID()), partition);
    }

    /**
     * Swaps staged tables in. Each swap is two renames (old version to trash, staged version in place); if
     * one fails, the swaps already done are rolled back before the exception propagates.
     */
    public void commit(List<StagedTable> staged) {
        List<Path[]> done = new ArrayList<>();
        Path journal = new Path(new Path(root, COMMITS), UUID.randomUUID() + ".txt");
        try {
            Path trash = new Path(root, TRASH);
            fs.mkdirs(trash);
            List<Path[]> plan = new ArrayList<>();
            for (StagedTable table : staged) {
                Path source = table.partition() == null ? table.path() : new Path(table.path(), table.partition());
                Path live = table.partition() == null ? tablePath(table.name())
                        : new Path(tablePath(table.name()), table.partition());
                if (!fs.exists(source)) {
                    throw new IOException("staged output " + source + " of table " + table.name()
                            + " does not exist");
                }
                plan.add(new Path[] {live, source, new Path(trash, table.name() + "-" + UUID.randomUUID())});
            }
            writeJournal(journal, plan);
            for (Path[] step : plan) {
                Path live = step[0];
                Path old = null;
                if (fs.exists(live)) {
                    old = step[2];
                    rename(live, old);
                } else {
                    fs.mkdirs(live.getParent());
                }
                rename(step[1], live);
                done.add(new Path[] {live, old, step[1]});
            }
        } catch (IOException | RuntimeException e) {
            rollBack(done);
            deleteQuietly(journal);
            throw new IllegalStateException("Cannot commit tables " + staged.stream().map(StagedTable::name).toList()
                    + " in " + root + ": " + e.getMessage() + "; previous versions kept", e);
        }
        deleteQuietly(journal);
        for (Path[] swap : done) {
            deleteQuietly(swap[1]);
        }
        for (StagedTable table : staged) {
            deleteQuietly(table.path());
        }
        deleteAbandonedStaging();
        List<String> names = staged.stream().map(StagedTable::name).distinct().toList();
        if (names.size() == staged.size()) {
            LOG.info("Committed tables {} in {}", names, root);
        } else {
            LOG.info("Committed tables {} ({} partitions) in {}", names, staged.size(), root);
        }
    }

    /** One line per swap: the live path, the staged path, where the old version goes. */
    private void writeJournal(Path journal, List<Path[]> plan) throws IOException {
        StringBuilder text = new StringBuilder();
        for (Path[] step : plan) {
            text.append(step[0]).append('\t').append(step[1]).append('\t').append(step[2]).append('\n');
        }
        try (java.io.OutputStream out = fs.create(journal, false)) {
            out.write(text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    /**
     * Finishes commits whose driver died between renames (their journal is older than a commit can take): a
     * table whose live folder is missing gets its staged version if that was complete, else its old version
     * back. So a killed driver never leaves a table missing, and the next command repairs it before reading.
     */
    void recoverAbandonedCommits() {
        Path commits = new Path(root, COMMITS);
        try {
            if (!fs.exists(commits)) {
                return;
            }
            long now = System.currentTimeMillis();
            for (FileStatus journal : fs.listStatus(commits)) {
                if (now - journal.getModificationTime() < ABANDONED_COMMIT_MILLIS) {
                    continue;
                }
                String text;
                try (java.io.InputStream in = fs.open(journal.getPath())) {
                    text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                }
                for (String line : text.split("\n")) {
                    String[] step = line.split("\t");
                    if (step.length != 3) {
                        continue;
                    }
                    Path live = new Path(step[0]);
                    Path staged = new Path(step[1]);
                    Path old = new Path(step[2]);
                    if (!fs.exists(live) && fs.exists(staged)) {
                        rename(staged, live);
                        LOG.warn("Finished an interrupted commit: {} is the staged version {}", live, staged);
                    } else if (!fs.exists(live) && fs.exists(old)) {
                        rename(old, live);
                        LOG.warn("Rolled back an interrupted commit: {} is its previous version again", live);
                    }
                    deleteQuietly(old);
                }
                deleteQuietly(journal.getPath());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot recover interrupted commits in " + commits + ": " + e.getMessage(),
                    e);
        }
    }

    /** A reader that finds no table while another driver is between the two renames of a commit waits for it. */
    private void awaitCommitInProgress(String table) {
        Path commits = new Path(root, COMMITS);
        try {
            for (int i = 0; i < 100 && !exists(table) && fs.exists(commits) && fs.listStatus(commits).length > 0;
                    i++) {
                Thread.sleep(100);
            }
        } catch (IOException e) {
            LOG.debug("Cannot look at {}: {}", commits, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Deletes staging folders left by jobs that died long ago (a live job's are never that old). */
    private void deleteAbandonedStaging() {
        Path staging = new Path(root, STAGING);
        try {
            if (!fs.exists(staging)) {
                return;
            }
            long now = System.currentTimeMillis();
            for (FileStatus folder : fs.listStatus(staging)) {
                if (now - folder.getModificationTime() > ABANDONED_STAGING_MILLIS) {
                    LOG.info("Deleting {}, staged by a job that never committed it", folder.getPath());
                    deleteQuietly(folder.getPath());
                }
            }
        } catch (IOException e) {
            LOG.warn("Cannot clean {}: {}", staging, e.getMessage());
        }
    }

    /**
     * Replaces one partition of a table with a few rows (a run's row, a sweep's points, a fit), written as one
     * file. {@code schema} is the table's full schema; the partition column is left out of the file, as Spark's
     * partitioned layout keeps it in the folder name.
     */
    public void replacePartition(String table, org.apache.spark.sql.types.StructType schema, String column,
            String value, List<Row> rows) {
        org.apache.spark.sql.types.StructType fileSchema = TableSchemas.withoutColumn(schema, column);
        StagedTable staged = stagePartition(table, column, value);
        try {
            spark.createDataFrame(rows, fileSchema).coalesce(1).write().parquet(staged.writeLocation());
            commit(List.of(staged));
        } catch (Exception e) { // Spark rethrows checked exceptions (SparkException) undeclared
            abort(List.of(staged));
            throw e;
        }
    }

    /** Deletes one partition folder of a table (a single directory delete: readers see it or not). */
    public void dropPartition(String table, String column, String value) {
        Path partition = new Path(tablePath(table), column + "=" + value);
        try {
            if (fs.exists(partition) && !fs.delete(partition, true)) {
                throw new IOException("delete returned false");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + partition + ": " + e.getMessage(), e);
        }
    }

    /** Removes staged outputs of a failed job. */
    public void abort(List<StagedTable> staged) {
        for (StagedTable table : staged) {
            deleteQuietly(table.path());
        }
    }

    private void rollBack(List<Path[]> done) {
        for (int i = done.size() - 1; i >= 0; i--) {
            Path live = done.get(i)[0];
            Path old = done.get(i)[1];
            Path stagedPath = done.get(i)[2];
            try {
                rename(live, stagedPath);
                if (old != null) {
                    rename(old, live);
                }
            } catch (IOException e) {
                LOG.error("Rolling back {} failed; the previous version is at {}", live, old, e);
            }
        }
    }

    private void rename(Path from, Path to) throws IOException {
        if (!fs.rename(from, to)) {
            throw new IOException("rename " + from + " -> " + to + " failed");
        }
    }

    private void deleteQuietly(Path path) {
        if (path == null) {
            return;
        }
        try {
            fs.delete(path, true);
        } catch (IOException e) {
            LOG.warn("Cannot delete {}: {}", path, e.getMessage());
        }
    }

    /**
     * A table's next version (or, with {@code partition} such as {@code system=HDFS}, one partition's), written
     * but not yet visible.
     */
    public record StagedTable(String name, Path path, String partition) {
        public String location() {
            return path.toString();
        }

        /** Where a stage writes: the staging folder, or for a partition the partition folder inside it. */
        public String writeLocation() {
            return partition == null ? location() : new Path(path, partition).toString();
        }
    }
}
