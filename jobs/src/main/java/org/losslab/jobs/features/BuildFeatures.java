package org.losslab.jobs.features;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.apache.spark.api.java.function.CoGroupFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.losslab.common.features.DataSplit;
import org.losslab.common.features.FeatureConfig;
import org.losslab.common.features.LightCurveFeatures;
import org.losslab.common.features.ObjectFeatures;
import org.losslab.common.features.SplitAssigner;
import org.losslab.common.plasticc.Observation;
import org.losslab.common.plasticc.PlasticcObject;
import org.losslab.jobs.spark.JobSteps;
import org.losslab.jobs.warehouse.TableSchemas;
import org.losslab.jobs.warehouse.Warehouse;
import org.losslab.jobs.warehouse.Warehouse.StagedTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds {@code plasticc_features} from {@code plasticc_objects} and {@code plasticc_observations}: each
 * object's light curve becomes a fixed-size tensor with a mask plus metadata and summary features
 * ({@link LightCurveFeatures}, engine-free), and each labelled object gets a split (train / validation /
 * test) by the rank of a hash of its id within its class, so the split is deterministic and stratified.
 * Objects without a training class get the split {@code unlabeled}. Runs reuse the table.
 */
public final class BuildFeatures {
    private static final Logger LOG = LoggerFactory.getLogger(BuildFeatures.class);
    public static final String UNLABELED = "unlabeled";

    /** Feature and split settings. */
    public record Options(String warehouse, int sequenceLength, long splitSeed, double trainFraction,
            double validationFraction) {
        public Options {
            requireNonNull(warehouse, "warehouse");
            if (!(trainFraction > 0 && validationFraction >= 0 && trainFraction + validationFraction < 1)) {
                throw new IllegalArgumentException("Cannot split with train fraction " + trainFraction
                        + " and validation fraction " + validationFraction + ": both >= 0, sum < 1");
            }
        }
    }

    /** What was built: objects per split and the tensor shapes. */
    public record Result(long objects, Map<String, Long> objectsBySplit, int channels, int sequenceLength,
            int metadataLength, int summaryLength, String table) {
    }

    private static final StructType WITH_HASH = TableSchemas.PLASTICC_FEATURES_SCHEMA
            .add("_hash", DataTypes.DoubleType);

    private final Options options;

    public BuildFeatures(Options options) {
        this.options = requireNonNull(options, "options");
    }

    public Result run(SparkSession spark) {
        Warehouse warehouse = Warehouse.open(spark, options.warehouse());
        FeatureConfig config = FeatureConfig.defaults().withSequenceLength(options.sequenceLength());
        long seed = options.splitSeed();
        JobSteps steps = new JobSteps(spark, "build-features", LOG);
        StagedTable staged = warehouse.stage(TableSchemas.PLASTICC_FEATURES);
        try {
            steps.step("group light curves by object");
            Dataset<Row> objects = warehouse.read(TableSchemas.PLASTICC_OBJECTS);
            Dataset<Row> observations = warehouse.read(TableSchemas.PLASTICC_OBSERVATIONS);
            MapFunction<Row, Long> objectId = row -> row.getLong(row.fieldIndex("object_id"));
            Dataset<Row> features = objects.groupByKey(objectId, Encoders.LONG())
                    .cogroup(observations.groupByKey(objectId, Encoders.LONG()), featuresOf(config, seed),
                            Encoders.row(WITH_HASH));

            steps.step("assign stratified splits and write plasticc_features");
            double train = options.trainFraction();
            double validation = options.validationFraction();
            UDF3<Long, Long, Integer, String> split = (rank, size, target) -> target < 0 ? UNLABELED
                    : SplitAssigner.assign(rank, size, train, validation).name().toLowerCase(Locale.ROOT);
            var byClass = Window.partitionBy("target_index");
            Dataset<Row> assigned = features
                    .withColumn("_rank", row_number().over(byClass.orderBy("_hash", "object_id")).minus(1))
                    .withColumn("_size", count(lit(1)).over(byClass))
                    .withColumn("split", udf(split, DataTypes.StringType)
                            .apply(col("_rank").cast("long"), col("_size"), col("target_index")))
                    .select(TableSchemas.PLASTICC_FEATURES_SCHEMA.fieldNames()[0],
                            java.util.Arrays.copyOfRange(TableSchemas.PLASTICC_FEATURES_SCHEMA.fieldNames(), 1,
                                    TableSchemas.PLASTICC_FEATURES_SCHEMA.fieldNames().length));
            assigned.write().parquet(staged.location());

            Map<String, Long> bySplit = new TreeMap<>();
            for (Row row : spark.read().parquet(staged.location()).groupBy("split").count().collectAsList()) {
                bySplit.put(row.getString(0), row.getLong(1));
            }
            long total = bySplit.values().stream().mapToLong(Long::longValue).sum();
            warehouse.commit(List.of(staged));
            return new Result(total, bySplit, LightCurveFeatures.CHANNELS, config.sequenceLength(),
                    LightCurveFeatures.METADATA_LENGTH, LightCurveFeatures.SUMMARY_LENGTH,
                    warehouse.tablePath(TableSchemas.PLASTICC_FEATURES).toString());
        } catch (Exception e) { // Spark rethrows checked exceptions (SparkException) undeclared
            warehouse.abort(List.of(staged));
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("Cannot build features, previous table kept: " + e.getMessage(), e);
        } finally {
            steps.done();
        }
    }

    /** Per object id: its metadata row (exactly one after ingest) and its observations, to one features row. */
    private static CoGroupFunction<Long, Row, Row, Row> featuresOf(FeatureConfig config, long seed) {
        return (id, objectRows, observationRows) -> {
            if (!objectRows.hasNext()) {
                return java.util.Collections.emptyIterator(); // the ingest guarantees metadata; stale tables may not
            }
            PlasticcObject object = object(objectRows.next());
            List<Observation> observations = new ArrayList<>();
            observationRows.forEachRemaining(row -> observations.add(observation(row)));
            ObjectFeatures f = LightCurveFeatures.of(object, observations, config);
            Row row = RowFactory.create(f.objectId(), object.target(), f.targetIndex(), DataSplit.TRAIN.name(),
                    f.sequence(), f.mask(), f.metadata(), f.summary(), SplitAssigner.unitHash(f.objectId(), seed));
            return List.of(row).iterator();
        };
    }

    private static PlasticcObject object(Row r) {
        return new PlasticcObject(r.getAs("object_id"), r.getAs("ra"), r.getAs("decl"), r.getAs("gal_l"),
                r.getAs("gal_b"), r.getAs("ddf"), r.getAs("hostgal_specz"), r.getAs("hostgal_photoz"),
                r.getAs("hostgal_photoz_err"), r.getAs("distmod"), r.getAs("mwebv"), r.getAs("target"),
                r.getAs("true_target"));
    }

    private static Observation observation(Row r) {
        return new Observation(r.getAs("object_id"), r.getAs("mjd"), r.getAs("passband"), r.getAs("flux"),
                r.getAs("flux_err"), r.getAs("detected"));
    }
}
