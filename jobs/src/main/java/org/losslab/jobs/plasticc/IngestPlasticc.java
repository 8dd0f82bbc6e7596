package org.losslab.jobs.plasticc;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.losslab.common.io.SplitLineIndex;
import org.losslab.common.plasticc.PlasticcLayout.Kind;
import org.losslab.common.plasticc.RejectReason;
import org.losslab.jobs.plasticc.ParsePlasticcRecords.Emit;
import org.losslab.jobs.spark.IngestCounters;
import org.losslab.jobs.spark.JobSteps;
import org.losslab.jobs.spark.PartitionedWrites;
import org.losslab.jobs.warehouse.TableSchemas;
import org.losslab.jobs.warehouse.Warehouse;
import org.losslab.jobs.warehouse.Warehouse.StagedTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingests PLAsTiCC light curves (observations + metadata, CSV or Parquet, Kaggle or unblinded Zenodo
 * layout) into {@code plasticc_observations}, {@code plasticc_objects} and {@code plasticc_rejects}.
 *
 * <p>Metadata first: parsed, duplicates found (the first row of an object id by file and line wins), written.
 * Then observations in one validating pass that writes the accepted rows and counts the rejects; only when
 * that pass counted rejects does a second pass collect them with their line numbers, so clean input is read
 * once. Counts must reconcile (rows in = written + rejected) before the three tables are swapped in together.
 */
public final class IngestPlasticc {
    private static final Logger LOG = LoggerFactory.getLogger(IngestPlasticc.class);

    /** Where to read and write. Locations may be files, folders, globs or comma-separated lists. */
    public record Options(String warehouse, List<String> observations, List<String> metadata) {
        public Options {
            requireNonNull(warehouse, "warehouse");
            if (observations == null || observations.isEmpty()) {
                throw new IllegalArgumentException("Cannot ingest: no observations input given");
            }
            if (metadata == null || metadata.isEmpty()) {
                throw new IllegalArgumentException("Cannot ingest: no metadata input given");
            }
        }
    }

    /** Counts of one input kind; {@code rowsIn == rowsWritten + rowsRejected} always holds. */
    public record TableCounts(long rowsIn, long rowsWritten, long rowsRejected, Map<String, Long> rejectsByReason) {
    }

    /** What the ingest did. {@code objectsByClass} maps the target class (null key: no target) to a count. */
    public record Result(TableCounts observations, TableCounts objects, Map<Integer, Long> objectsByClass,
            Set<String> observationLayouts, Set<String> metadataLayouts, Map<String, String> tables) {
    }

    private static final StructType OBJECTS_WITH_POSITION = TableSchemas.PLASTICC_OBJECTS_SCHEMA
            .add("_file", DataTypes.StringType)
            .add("_file_key", DataTypes.StringType)
            .add("_block", DataTypes.LongType)
            .add("_index", DataTypes.LongType)
            .add("_raw", DataTypes.StringType);

    private static final List<String> REASONS = Arrays.stream(RejectReason.values()).map(RejectReason::code).toList();

    private final Options options;

    public IngestPlasticc(Options options) {
        this.options = requireNonNull(options, "options");
    }

    public Result run(SparkSession spark) {
        Warehouse warehouse = Warehouse.open(spark, options.warehouse());
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        PlasticcInput metadata = PlasticcInput.detect(spark, Kind.METADATA, options.metadata());
        PlasticcInput observations = PlasticcInput.detect(spark, Kind.OBSERVATIONS, options.observations());
        LOG.info("Ingesting {} metadata file(s) ({} layout) and {} observation file(s) ({} layout)",
                metadata.fileCount(), metadata.layouts(), observations.fileCount(), observations.layouts());

        StagedTable objectsTable = warehouse.stage(TableSchemas.PLASTICC_OBJECTS);
        StagedTable observationsTable = warehouse.stage(TableSchemas.PLASTICC_OBSERVATIONS);
        StagedTable rejectsTable = warehouse.stage(TableSchemas.PLASTICC_REJECTS);
        List<StagedTable> staged = List.of(objectsTable, observationsTable, rejectsTable);
        JobSteps steps = new JobSteps(spark, "ingest-plasticc", LOG);
        Dataset<Row> parsedObjects = null;
        Dataset<Row> ranked = null;
        try {
            // metadata: one cached pass, then duplicates by object id
            IngestCounters objectCounters = new IngestCounters(spark.sparkContext(), "plasticc_objects", REASONS);
            parsedObjects = metadata.parse(spark, Emit.ACCEPTED_WITH_POSITION, OBJECTS_WITH_POSITION,
                    b -> b.counters(objectCounters)).persist(StorageLevel.MEMORY_AND_DISK());
            steps.step("parse metadata");
            parsedObjects.count();
            long objectsIn = objectCounters.rowsIn();
            long objectParseRejects = objectCounters.rejected();
            Map<String, Long> objectRejects = new LinkedHashMap<>(objectCounters.rejectsByReason());
            Broadcast<SplitLineIndex> objectLines = jsc.broadcast(SplitLineIndex.of(objectCounters.splitCounts()));

            // duplicates are rare: a cheap aggregate decides whether the ranking window is needed at all
            Dataset<Row> objects;
            Dataset<Row> duplicates;
            long duplicatedIds = parsedObjects.groupBy("object_id").count().filter(col("count").gt(1)).count();
            if (duplicatedIds == 0) {
                objects = parsedObjects.select(columns(TableSchemas.PLASTICC_OBJECTS_SCHEMA));
                duplicates = spark.createDataFrame(List.of(), TableSchemas.PLASTICC_REJECTS_SCHEMA);
            } else {
                ranked = rankDuplicates(parsedObjects, objectLines).persist(StorageLevel.MEMORY_AND_DISK());
                objects = ranked.filter(col("_rank").equalTo(1)).select(columns(TableSchemas.PLASTICC_OBJECTS_SCHEMA));
                duplicates = duplicateRejects(ranked.filter(col("_rank").gt(1)));
            }
            steps.step("write plasticc_objects");
            objects.write().parquet(objectsTable.location());
            long duplicateCount = objectsIn - objectParseRejects - spark.read().parquet(objectsTable.location()).count();
            if (duplicateCount > 0) {
                objectRejects.put(RejectReason.DUPLICATE_METADATA.code(), duplicateCount);
            }

            long[] knownIds = spark.read().parquet(objectsTable.location()).select("object_id")
                    .as(Encoders.LONG()).collectAsList().stream().mapToLong(Long::longValue).sorted().toArray();
            Broadcast<long[]> ids = jsc.broadcast(knownIds);

            // observations: the validating pass writes the table and counts
            IngestCounters observationCounters = new IngestCounters(spark.sparkContext(), "plasticc_observations", REASONS);
            Dataset<Row> accepted = observations.parse(spark, Emit.ACCEPTED,
                    TableSchemas.PLASTICC_OBSERVATIONS_SCHEMA, b -> b.counters(observationCounters).knownObjectIds(ids));
            steps.step("write plasticc_observations");
            // input comes grouped by object: a task meets few blocks, so no per-task sort by block
            PartitionedWrites.writeWithoutSort(spark, accepted, TableSchemas.OBJECT_BLOCK,
                    observationsTable.location());
            long observationsIn = observationCounters.rowsIn();
            long observationRejects = observationCounters.rejected();
            Map<String, Long> observationRejectsByReason = observationCounters.rejectsByReason();

            // rejects: a second pass only over inputs whose first pass counted any
            List<Dataset<Row>> rejectParts = new ArrayList<>();
            rejectParts.add(duplicates);
            if (objectParseRejects > 0) {
                rejectParts.add(metadata.parse(spark, Emit.REJECTED, TableSchemas.PLASTICC_REJECTS_SCHEMA,
                        b -> b.lineIndex(objectLines)));
            }
            if (observationRejects > 0) {
                Broadcast<SplitLineIndex> observationLines =
                        jsc.broadcast(SplitLineIndex.of(observationCounters.splitCounts()));
                rejectParts.add(observations.parse(spark, Emit.REJECTED, TableSchemas.PLASTICC_REJECTS_SCHEMA,
                        b -> b.knownObjectIds(ids).lineIndex(observationLines)));
            }
            Dataset<Row> rejects = rejectParts.stream().reduce(Dataset::union).orElseThrow();
            steps.step("write plasticc_rejects");
            rejects.coalesce(Math.max(1, Math.min(rejectParts.size(), 8))).write().parquet(rejectsTable.location());

            steps.step("reconcile counts");
            long objectsWritten = spark.read().parquet(objectsTable.location()).count();
            long observationsWritten = spark.read().parquet(observationsTable.location()).count();
            Map<String, Long> rejectsWritten = rejectCountsByTable(spark, rejectsTable);
            TableCounts objectCounts = reconcile(TableSchemas.PLASTICC_OBJECTS, objectsIn, objectsWritten,
                    objectParseRejects + duplicateCount, rejectsWritten, objectRejects);
            TableCounts observationCounts = reconcile(TableSchemas.PLASTICC_OBSERVATIONS, observationsIn,
                    observationsWritten, observationRejects, rejectsWritten, observationRejectsByReason);
            Map<Integer, Long> byClass = objectsByClass(spark, objectsTable);

            steps.step("commit");
            warehouse.commit(staged);
            Map<String, String> tables = new LinkedHashMap<>();
            for (StagedTable table : staged) {
                tables.put(table.name(), warehouse.tablePath(table.name()).toString());
            }
            return new Result(observationCounts, objectCounts, byClass, observations.layouts(), metadata.layouts(),
                    tables);
        } catch (Exception e) { // Spark rethrows checked exceptions (SparkException) undeclared
            warehouse.abort(staged);
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("Cannot ingest PLAsTiCC, previous tables kept: " + e.getMessage(), e);
        } finally {
            if (ranked != null) {
                ranked.unpersist();
            }
            if (parsedObjects != null) {
                parsedObjects.unpersist();
            }
            steps.done();
        }
    }

    /** Adds {@code _line} and, per object id, {@code _rank} (1 = first row by file and position). */
    private static Dataset<Row> rankDuplicates(Dataset<Row> parsed, Broadcast<SplitLineIndex> lines) {
        StructType withLine = OBJECTS_WITH_POSITION.add("_line", DataTypes.LongType);
        int block = OBJECTS_WITH_POSITION.fieldIndex("_block");
        int index = OBJECTS_WITH_POSITION.fieldIndex("_index");
        int key = OBJECTS_WITH_POSITION.fieldIndex("_file_key");
        MapFunction<Row, Row> addLine = row -> {
            Object[] values = new Object[row.length() + 1];
            for (int i = 0; i < row.length(); i++) {
                values[i] = row.get(i);
            }
            values[row.length()] = row.isNullAt(block) ? null
                    : lines.value().lineNumber(row.getString(key), row.getLong(block), row.getLong(index));
            return RowFactory.create(values);
        };
        WindowSpec byId = Window.partitionBy("object_id").orderBy("_file", "_block", "_index");
        return parsed.map(addLine, Encoders.row(withLine))
                .withColumn("_rank", row_number().over(byId))
                .withColumn("_first_file", first("_file").over(byId))
                .withColumn("_first_line", first("_line").over(byId))
                .withColumn("_first_index", first("_index").over(byId));
    }

    private static Dataset<Row> duplicateRejects(Dataset<Row> duplicates) {
        Column firstAt = concat(col("_first_file"), lit(":"),
                org.apache.spark.sql.functions.coalesce(col("_first_line").cast("string"),
                        concat(lit("row "), col("_first_index").cast("string"))));
        return duplicates.select(
                lit(TableSchemas.PLASTICC_OBJECTS).as("target_table"),
                col("_file").as("file"),
                col("_line").as("line"),
                org.apache.spark.sql.functions.when(col("_block").isNull(), col("_index")).as("row_index"),
                lit(RejectReason.DUPLICATE_METADATA.code()).as("reason"),
                lit("object_id").as("column"),
                concat(lit("object_id "), col("object_id").cast("string"), lit(" already has a metadata row at "),
                        firstAt).as("detail"),
                col("_raw").as("raw"));
    }

    private static Map<String, Long> rejectCountsByTable(SparkSession spark, StagedTable rejects) {
        Map<String, Long> counts = new TreeMap<>();
        for (Row row : spark.read().parquet(rejects.location()).groupBy("target_table").count().collectAsList()) {
            counts.put(row.getString(0), row.getLong(1));
        }
        return counts;
    }

    private static TableCounts reconcile(String table, long rowsIn, long written, long rejected,
            Map<String, Long> rejectsWritten, Map<String, Long> byReason) {
        long rejectRows = rejectsWritten.getOrDefault(table, 0L);
        if (rowsIn != written + rejected || rejectRows != rejected) {
            throw new IllegalStateException(String.format(
                    "Cannot commit %s: counts do not reconcile (rows in %d, written %d, rejected %d, reject rows"
                            + " written %d); previous tables kept", table, rowsIn, written, rejected, rejectRows));
        }
        return new TableCounts(rowsIn, written, rejected, byReason);
    }

    private static Map<Integer, Long> objectsByClass(SparkSession spark, StagedTable objects) {
        Map<Integer, Long> counts = new TreeMap<>(java.util.Comparator.nullsLast(Integer::compare));
        for (Row row : spark.read().parquet(objects.location()).groupBy("target").count().collectAsList()) {
            counts.put(row.isNullAt(0) ? null : row.getInt(0), row.getLong(1));
        }
        return counts;
    }

    private static Column[] columns(StructType schema) {
        return Arrays.stream(schema.fieldNames()).map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
    }
}
