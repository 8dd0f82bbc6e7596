package org.losslab.jobs.logs;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.losslab.common.logs.sim.AnomalyKind;
import org.losslab.common.logs.sim.HdfsLogSimulator;
import org.losslab.common.logs.sim.LogEvent;
import org.losslab.common.logs.sim.SimulatedBlock;
import org.losslab.jobs.io.SingleTextFile;
import org.losslab.jobs.spark.JobSteps;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a labelled simulated log in Loghub's HDFS layout: {@value #LOG_FILE} (one file, lines in time order,
 * blocks interleaved), {@value #LABEL_FILE} ({@code BlockId,Label}, one row per block, as Loghub's) and
 * {@value #KINDS_FILE} ({@code BlockId,Kind} of the anomalous blocks). Blocks are spread over Spark tasks by
 * index and each is a pure function of (seed, index), so the files depend on the options, not on the
 * partitioning. Blocks are added until their lines reach the target line count.
 */
public final class SimulateLogs {
    private static final Logger LOG = LoggerFactory.getLogger(SimulateLogs.class);

    public static final String LOG_FILE = "hdfs-sim.log";
    public static final String LABEL_FILE = "anomaly_label.csv";
    public static final String KINDS_FILE = "anomaly_kinds.csv";
    /** The built-in layout name that {@code ingest-logs --system} parses the log with. */
    public static final String LAYOUT = "hdfs-sim";

    static final StructType LINE_SCHEMA = new StructType()
            .add("time", DataTypes.LongType, false)
            .add("block", DataTypes.LongType, false)
            .add("seq", DataTypes.IntegerType, false)
            .add("line", DataTypes.StringType, false);

    /** Log style; HDFS block lifecycles are the only one. */
    public enum Style { HDFS }

    /** What to simulate and where. {@code partitions <= 0} means Spark's default parallelism. */
    public record Options(Style style, long lines, double anomalyRate, long seed, String out, int partitions) {
        public Options {
            requireNonNull(style, "style");
            requireNonNull(out, "out");
            if (lines < 1) {
                throw new IllegalArgumentException("Cannot simulate " + lines + " log lines: give 1 or more");
            }
            if (!(anomalyRate >= 0.0 && anomalyRate <= 1.0)) {
                throw new IllegalArgumentException("Cannot simulate an anomaly rate of " + anomalyRate
                        + ": give a share of blocks from 0 to 1");
            }
        }
    }

    /** What was written: exact counts ({@code blocksByKind} in {@link AnomalyKind} order, zeros included). */
    public record Result(long lines, long blocks, long anomalousBlocks, Map<String, Long> blocksByKind,
            String logPath, String labelsPath, String kindsPath) {
    }

    /** How many blocks (indices 0 to blocks - 1) reach the target, their exact line count and anomalies by kind. */
    record Extent(long blocks, long lines, long[] anomaliesByKind) {
    }

    /** One row per partition of block indices: its first index, blocks, lines and anomalous blocks by kind. */
    static final StructType SUMS_SCHEMA;

    static {
        StructType sums = new StructType()
                .add("first", DataTypes.LongType, false)
                .add("blocks", DataTypes.LongType, false)
                .add("lines", DataTypes.LongType, false);
        for (AnomalyKind kind : AnomalyKind.values()) {
            sums = sums.add(kind.label(), DataTypes.LongType, false);
        }
        SUMS_SCHEMA = sums;
    }

    private final Options options;

    public SimulateLogs(Options options) {
        this.options = requireNonNull(options, "options");
    }

    public Result run(SparkSession spark) {
        int partitions = options.partitions() > 0 ? options.partitions() : spark.sparkContext().defaultParallelism();
        HdfsLogSimulator simulator = new HdfsLogSimulator(options.seed(), options.anomalyRate());
        Path outDir = new Path(options.out());
        FileSystem fs = fileSystem(spark, outDir);
        JobSteps steps = new JobSteps(spark, "simulate-logs", LOG);
        try {
            steps.step("count the blocks of " + options.lines() + " lines");
            Extent extent = extent(spark, simulator, options.lines(), partitions);
            fs.mkdirs(outDir);

            steps.step("write " + LOG_FILE);
            Path logPath = new Path(outDir, LOG_FILE);
            Dataset<String> lines = indices(spark, extent.blocks(), partitions)
                    .mapPartitions(new BlockLines(simulator), Encoders.row(LINE_SCHEMA))
                    .repartitionByRange(partitions, col("time"), col("block"), col("seq"))
                    .sortWithinPartitions("time", "block", "seq")
                    .select("line").as(Encoders.STRING());
            SingleTextFile.write(lines, fs, logPath, null);

            steps.step("write " + LABEL_FILE + " and " + KINDS_FILE);
            Path labelsPath = new Path(outDir, LABEL_FILE);
            Path kindsPath = new Path(outDir, KINDS_FILE);
            Dataset<Long> indices = indices(spark, extent.blocks(), partitions);
            SingleTextFile.write(indices.map((MapFunction<Long, String>) i -> HdfsLogSimulator.blockName(
                    simulator.blockId(i)) + "," + (simulator.anomaly(i) == null ? HdfsLogSimulator.NORMAL
                            : HdfsLogSimulator.ANOMALY), Encoders.STRING()), fs, labelsPath, "BlockId,Label");
            Dataset<String> kinds = indices.flatMap((FlatMapFunction<Long, String>) i -> {
                AnomalyKind kind = simulator.anomaly(i);
                return kind == null ? Collections.emptyIterator()
                        : List.of(HdfsLogSimulator.blockName(simulator.blockId(i)) + "," + kind.label()).iterator();
            }, Encoders.STRING());
            SingleTextFile.write(kinds, fs, kindsPath, "BlockId,Kind");

            Map<String, Long> byKind = new LinkedHashMap<>();
            for (AnomalyKind kind : AnomalyKind.values()) {
                byKind.put(kind.label(), extent.anomaliesByKind()[kind.ordinal()]);
            }
            long anomalous = byKind.values().stream().mapToLong(Long::longValue).sum();
            return new Result(extent.lines(), extent.blocks(), anomalous, byKind, qualified(fs, logPath),
                    qualified(fs, labelsPath), qualified(fs, kindsPath));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write to " + outDir + ": " + e.getMessage(), e);
        } finally {
            steps.done();
        }
    }

    /**
     * The fewest blocks whose lines reach {@code target}: per-partition sums over a range of indices sized from
     * a sample's mean, extended until it is enough, then the crossing partition counted index by index on the
     * driver.
     */
    static Extent extent(SparkSession spark, HdfsLogSimulator simulator, long target, int partitions) {
        int sample = 256;
        long sampleLines = 0;
        for (int i = 0; i < sample; i++) {
            sampleLines += simulator.simulate(i).events().size();
        }
        double mean = sampleLines / (double) sample;
        long from = 0;
        long lines = 0;
        long[] kinds = new long[AnomalyKind.values().length];
        while (true) {
            long to = Math.min(HdfsLogSimulator.MAX_INDEX + 1,
                    from + (long) Math.ceil((target - lines) / mean * 1.05) + 64);
            if (from >= to) {
                throw new IllegalArgumentException("Cannot simulate " + target + " log lines: more than "
                        + HdfsLogSimulator.MAX_INDEX + " blocks");
            }
            List<Row> sums = new ArrayList<>(spark.range(from, to, 1, 4 * partitions).as(Encoders.LONG())
                    .mapPartitions(new PartitionSums(simulator), Encoders.row(SUMS_SCHEMA)).collectAsList());
            sums.sort(Comparator.comparingLong(row -> row.getLong(0)));
            for (Row partition : sums) {
                if (lines + partition.getLong(2) >= target) {
                    for (long i = partition.getLong(0); ; i++) {
                        SimulatedBlock block = simulator.simulate(i);
                        lines += block.events().size();
                        if (block.anomalous()) {
                            kinds[block.anomaly().ordinal()]++;
                        }
                        if (lines >= target) {
                            return new Extent(i + 1, lines, kinds);
                        }
                    }
                }
                lines += partition.getLong(2);
                for (int k = 0; k < kinds.length; k++) {
                    kinds[k] += partition.getLong(3 + k);
                }
            }
            from = to;
        }
    }

    private static Dataset<Long> indices(SparkSession spark, long blocks, int partitions) {
        return spark.range(0, blocks, 1, partitions).as(Encoders.LONG());
    }

    private static String qualified(FileSystem fs, Path path) {
        return fs.makeQualified(path).toString();
    }

    private static FileSystem fileSystem(SparkSession spark, Path path) {
        try {
            return path.getFileSystem(spark.sparkContext().hadoopConfiguration());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A partition of block indices to one {@link #SUMS_SCHEMA} row; nothing for an empty partition. */
    private static final class PartitionSums implements MapPartitionsFunction<Long, Row> {
        private final HdfsLogSimulator simulator;

        PartitionSums(HdfsLogSimulator simulator) {
            this.simulator = simulator;
        }

        @Override
        public Iterator<Row> call(Iterator<Long> indices) {
            if (!indices.hasNext()) {
                return Collections.emptyIterator();
            }
            Object[] values = new Object[SUMS_SCHEMA.size()];
            long[] sums = new long[values.length];
            sums[0] = Long.MAX_VALUE;
            while (indices.hasNext()) {
                SimulatedBlock block = simulator.simulate(indices.next());
                sums[0] = Math.min(sums[0], block.index());
                sums[1]++;
                sums[2] += block.events().size();
                if (block.anomalous()) {
                    sums[3 + block.anomaly().ordinal()]++;
                }
            }
            for (int i = 0; i < values.length; i++) {
                values[i] = sums[i];
            }
            return List.of(RowFactory.create(values)).iterator();
        }
    }

    /** Block indices to (time, block, seq, line) rows: the sort key of each line, and the line. */
    private static final class BlockLines implements MapPartitionsFunction<Long, Row> {
        private final HdfsLogSimulator simulator;

        BlockLines(HdfsLogSimulator simulator) {
            this.simulator = simulator;
        }

        @Override
        public Iterator<Row> call(Iterator<Long> indices) {
            return new Iterator<>() {
                private SimulatedBlock block;
                private int next;

                @Override
                public boolean hasNext() {
                    while ((block == null || next >= block.events().size()) && indices.hasNext()) {
                        block = simulator.simulate(indices.next());
                        next = 0;
                    }
                    return block != null && next < block.events().size();
                }

                @Override
                public Row next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    int seq = next++;
                    LogEvent e = block.events().get(seq);
                    return RowFactory.create(e.timeMillis(), block.index(), seq, e.line());
                }
            };
        }
    }
}
