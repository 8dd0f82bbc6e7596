package org.losslab.jobs.warehouse;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.ByteType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.FloatType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The schemas of every warehouse table, declared once. Stages write exactly these schemas and other tools
 * (notebooks, Airflow checks) may rely on the column names.
 */
public final class TableSchemas {
    private TableSchemas() {
    }

    public static final String PLASTICC_OBSERVATIONS = "plasticc_observations";
    public static final String PLASTICC_OBJECTS = "plasticc_objects";
    public static final String PLASTICC_REJECTS = "plasticc_rejects";

    /**
     * Directory partition column of {@code plasticc_observations}: {@code object_id / 1,000,000}. Each
     * object's light curve lives in exactly one partition, so per-object stages can work one block at a time.
     */
    public static final String OBJECT_BLOCK = "object_block";
    public static final long OBJECT_BLOCK_WIDTH = 1_000_000L;

    /** One photometric point; partitioned by {@link #OBJECT_BLOCK}. */
    public static final StructType PLASTICC_OBSERVATIONS_SCHEMA = new StructType(new StructField[] {
            required("object_id", LongType),
            required("mjd", DoubleType),
            required("passband", ByteType),
            required("flux", FloatType),
            required("flux_err", FloatType),
            required("detected", BooleanType),
            required(OBJECT_BLOCK, IntegerType)});

    /** One object's metadata; {@code target} is null for test objects. */
    public static final StructType PLASTICC_OBJECTS_SCHEMA = new StructType(new StructField[] {
            required("object_id", LongType),
            required("ra", DoubleType),
            required("decl", DoubleType),
            required("gal_l", DoubleType),
            required("gal_b", DoubleType),
            required("ddf", BooleanType),
            nullable("hostgal_specz", DoubleType),
            required("hostgal_photoz", DoubleType),
            required("hostgal_photoz_err", DoubleType),
            nullable("distmod", DoubleType),
            required("mwebv", DoubleType),
            required("galactic", BooleanType),
            nullable("target", IntegerType),
            nullable("true_target", IntegerType)});

    /**
     * A quarantined input row: which table it was meant for, where it came from ({@code line}: 1-based line
     * of a text file, header included; {@code row_index}: 0-based row of a Parquet file), the reason code,
     * the column at fault and the raw row.
     */
    public static final StructType PLASTICC_REJECTS_SCHEMA = new StructType(new StructField[] {
            required("target_table", StringType),
            required("file", StringType),
            nullable("line", LongType),
            nullable("row_index", LongType),
            required("reason", StringType),
            nullable("column", StringType),
            required("detail", StringType),
            nullable("raw", StringType)});

    public static final String LOG_LINES = "log_lines";
    public static final String LOG_TEMPLATES = "log_templates";
    public static final String LOG_REJECTS = "log_rejects";
    /** Partition column of the log tables: an ingest replaces one system's partition, not the others. */
    public static final String SYSTEM = "system";

    /**
     * One log line: where it came from ({@code line_number}: 1-based line of a text file, or 1-based row of a
     * Parquet file), the raw line, its header fields by name, the anomaly label of BGL-style logs, the free
     * text Content, the id of its template in {@code log_templates} and the values of the template's
     * {@code <*>} variables in order. Partitioned by {@link #SYSTEM}.
     */
    public static final StructType LOG_LINES_SCHEMA = new StructType(new StructField[] {
            required("file", StringType),
            required("line_number", LongType),
            required("raw", StringType),
            required("fields", DataTypes.createMapType(StringType, StringType, true)),
            nullable("label", StringType),
            required("content", StringType),
            required("template_id", StringType),
            required("variables", DataTypes.createArrayType(StringType, false)),
            required(SYSTEM, StringType)});

    /** One mined template of a system: stable id (a hash of the text), the text with {@code <*>}, its lines. */
    public static final StructType LOG_TEMPLATES_SCHEMA = new StructType(new StructField[] {
            required("template_id", StringType),
            required("template", StringType),
            required("occurrences", LongType),
            required("variable_count", IntegerType),
            required(SYSTEM, StringType)});

    /** A log line that does not fit the header layout, with the reason and where the match failed. */
    public static final StructType LOG_REJECTS_SCHEMA = new StructType(new StructField[] {
            required("file", StringType),
            required("line_number", LongType),
            required("reason", StringType),
            required("detail", StringType),
            required("raw", StringType),
            required(SYSTEM, StringType)});

    private static StructField required(String name, org.apache.spark.sql.types.DataType type) {
        return new StructField(name, type, false, org.apache.spark.sql.types.Metadata.empty());
    }

    private static StructField nullable(String name, org.apache.spark.sql.types.DataType type) {
        return new StructField(name, type, true, org.apache.spark.sql.types.Metadata.empty());
    }
}
