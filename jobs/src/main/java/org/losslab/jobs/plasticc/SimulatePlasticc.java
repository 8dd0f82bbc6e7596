package org.losslab.jobs.plasticc;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.IOUtils;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.losslab.common.plasticc.Observation;
import org.losslab.common.plasticc.PlasticcObject;
import org.losslab.common.plasticc.sim.PlasticcSimulator;
import org.losslab.common.plasticc.sim.SimulationConfig;

/**
 * Writes a simulated PLAsTiCC training set in the Kaggle layout: {@code training_set.csv} and
 * {@code training_set_metadata.csv} (or {@code .parquet} folders). Objects are spread over Spark tasks by
 * index; each object is a pure function of (seed, index), so the output depends on the seed only, not on
 * the partitioning. Each file is produced by its own pass (simulating is cheaper than caching).
 */
public final class SimulatePlasticc {

    /** Output format. */
    public enum Format { CSV, PARQUET }

    /** What to simulate and where. {@code partitions <= 0} means Spark's default parallelism. */
    public record Options(long objects, String out, Format format, long seed, int partitions, double ddfFraction) {
        public Options {
            requireNonNull(out, "out");
            requireNonNull(format, "format");
            if (objects < 1 || objects > PlasticcSimulator.MAX_INDEX) {
                throw new IllegalArgumentException("Cannot simulate " + objects + " objects: give 1 or more");
            }
        }
    }

    /** What was written. */
    public record Result(long objects, long observations, String observationsPath, String metadataPath,
            Map<Integer, Long> objectsByClass) {
    }

    public static final StructType OBSERVATIONS_CSV_SCHEMA = new StructType()
            .add("object_id", DataTypes.LongType, false)
            .add("mjd", DataTypes.DoubleType, false)
            .add("passband", DataTypes.IntegerType, false)
            .add("flux", DataTypes.FloatType, false)
            .add("flux_err", DataTypes.FloatType, false)
            .add("detected", DataTypes.IntegerType, false);

    public static final StructType METADATA_CSV_SCHEMA = new StructType()
            .add("object_id", DataTypes.LongType, false)
            .add("ra", DataTypes.DoubleType, false)
            .add("decl", DataTypes.DoubleType, false)
            .add("gal_l", DataTypes.DoubleType, false)
            .add("gal_b", DataTypes.DoubleType, false)
            .add("ddf", DataTypes.IntegerType, false)
            .add("hostgal_specz", DataTypes.DoubleType, false)
            .add("hostgal_photoz", DataTypes.DoubleType, false)
            .add("hostgal_photoz_err", DataTypes.DoubleType, false)
            .add("distmod", DataTypes.DoubleType, false)
            .add("mwebv", DataTypes.DoubleType, false)
            .add("target", DataTypes.IntegerType, false);

    private final Options options;

    public SimulatePlasticc(Options options) {
        this.options = requireNonNull(options, "options");
    }

    public Result run(SparkSession spark) {
        int partitions = options.partitions() > 0 ? options.partitions() : spark.sparkContext().defaultParallelism();
        PlasticcSimulator simulator = new PlasticcSimulator(new SimulationConfig(options.seed(),
                options.ddfFraction(), SimulationConfig.defaults(options.seed()).classWeights()));
        Dataset<Long> indices = spark.range(0, options.objects(), 1, partitions).as(Encoders.LONG());
        Dataset<Row> observations = indices.mapPartitions(new ObservationRows(simulator),
                Encoders.row(OBSERVATIONS_CSV_SCHEMA));
        Dataset<Row> metadata = indices.map(new MetadataRow(simulator), Encoders.row(METADATA_CSV_SCHEMA));

        Path outDir = new Path(options.out());
        FileSystem fs = fileSystem(spark, outDir);
        String extension = options.format() == Format.CSV ? ".csv" : ".parquet";
        Path observationsPath = new Path(outDir, "training_set" + extension);
        Path metadataPath = new Path(outDir, "training_set_metadata" + extension);
        spark.sparkContext().setJobDescription("simulate-plasticc: observations");
        write(spark, fs, observations, observationsPath);
        spark.sparkContext().setJobDescription("simulate-plasticc: metadata");
        write(spark, fs, metadata, metadataPath);
        spark.sparkContext().setJobDescription(null);

        Map<Integer, Long> byClass = new TreeMap<>();
        Dataset<Row> written = options.format() == Format.CSV
                ? spark.read().schema(METADATA_CSV_SCHEMA).option("header", "true").csv(metadataPath.toString())
                : spark.read().parquet(metadataPath.toString());
        for (Row row : written.groupBy("target").count().collectAsList()) {
            byClass.put(row.getInt(0), row.getLong(1));
        }
        long observationCount = options.format() == Format.CSV
                ? spark.read().text(observationsPath.toString()).count() - 1
                : spark.read().parquet(observationsPath.toString()).count();
        return new Result(options.objects(), observationCount, fs.makeQualified(observationsPath).toString(),
                fs.makeQualified(metadataPath).toString(), byClass);
    }

    /** Writes to a scratch folder next to the target, then replaces the target (one CSV file or a folder). */
    private void write(SparkSession spark, FileSystem fs, Dataset<Row> rows, Path target) {
        Path scratch = new Path(target.getParent(), "." + target.getName() + "-" + UUID.randomUUID());
        try {
            if (options.format() == Format.CSV) {
                rows.write().option("header", "false").csv(scratch.toString());
                Path merged = new Path(scratch, "merged.csv");
                concatenate(fs, scratch, merged, String.join(",", rows.columns()));
                replace(fs, merged, target);
            } else {
                rows.write().parquet(scratch.toString());
                replace(fs, scratch, target);
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

    /** The header line, then the part files in partition order: one CSV file as Kaggle distributed it. */
    private static void concatenate(FileSystem fs, Path partsDir, Path merged, String header) throws IOException {
        FileStatus[] parts = fs.listStatus(partsDir, p -> p.getName().startsWith("part-"));
        Arrays.sort(parts, (a, b) -> a.getPath().getName().compareTo(b.getPath().getName()));
        try (OutputStream out = fs.create(merged, true)) {
            out.write((header + "\n").getBytes(StandardCharsets.UTF_8));
            for (FileStatus part : parts) {
                try (InputStream in = fs.open(part.getPath())) {
                    IOUtils.copyBytes(in, out, 1 << 16, false);
                }
            }
        }
    }

    private static void replace(FileSystem fs, Path source, Path target) throws IOException {
        if (fs.exists(target)) {
            fs.delete(target, true);
        }
        fs.mkdirs(target.getParent());
        if (!fs.rename(source, target)) {
            throw new IOException("rename " + source + " -> " + target + " failed");
        }
    }

    private static FileSystem fileSystem(SparkSession spark, Path path) {
        try {
            return path.getFileSystem(spark.sparkContext().hadoopConfiguration());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Object indices to observation rows in the Kaggle layout (detected as 0/1). */
    private static final class ObservationRows implements MapPartitionsFunction<Long, Row> {
        private final PlasticcSimulator simulator;

        ObservationRows(PlasticcSimulator simulator) {
            this.simulator = simulator;
        }

        @Override
        public Iterator<Row> call(Iterator<Long> indices) {
            return new Iterator<>() {
                private Iterator<Observation> current = java.util.Collections.emptyIterator();

                @Override
                public boolean hasNext() {
                    while (!current.hasNext() && indices.hasNext()) {
                        current = simulator.simulate(indices.next()).observations().iterator();
                    }
                    return current.hasNext();
                }

                @Override
                public Row next() {
                    if (!hasNext()) {
                        throw new java.util.NoSuchElementException();
                    }
                    Observation o = current.next();
                    return RowFactory.create(o.objectId(), o.mjd(), (int) o.passband(), o.flux(), o.fluxErr(),
                            o.detected() ? 1 : 0);
                }
            };
        }
    }

    /** An object index to its metadata row in the Kaggle layout (ddf as 0/1, distmod NaN for galactic). */
    private static final class MetadataRow implements MapFunction<Long, Row> {
        private final PlasticcSimulator simulator;

        MetadataRow(PlasticcSimulator simulator) {
            this.simulator = simulator;
        }

        @Override
        public Row call(Long index) {
            PlasticcObject m = simulator.simulate(index).metadata();
            return RowFactory.create(m.objectId(), m.ra(), m.decl(), m.galL(), m.galB(), m.ddf() ? 1 : 0,
                    m.hostgalSpecz() == null ? Double.NaN : m.hostgalSpecz(), m.hostgalPhotoz(),
                    m.hostgalPhotozErr(), m.distmod() == null ? Double.NaN : m.distmod(), m.mwebv(), m.target());
        }
    }
}
