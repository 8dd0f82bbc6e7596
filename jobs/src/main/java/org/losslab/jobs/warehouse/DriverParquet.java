package org.losslab.jobs.warehouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type.Repetition;
import org.apache.parquet.schema.Types;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Parquet read and written on the driver, without a Spark job, for what is small and known there: a table of a
 * few hundred rows (mined templates, an empty rejects partition) and the row counts of a staged output (from the
 * files' footers). A Spark job costs ~150-200 ms of scheduling and output commit on a local master however few
 * its rows, which an ingest of many small systems pays several times per system. Files are named and typed as
 * Spark writes them (string, long, int, double, boolean columns; Spark's schema in the footer), so Spark reads
 * them like its own.
 */
public final class DriverParquet {
    /** The footer key Spark stores a file's Spark schema under, and reads back. */
    private static final String SPARK_SCHEMA_KEY = "org.apache.spark.sql.parquet.row.metadata";

    private DriverParquet() {
    }

    /** Writes {@code rows} (possibly none: the file then only carries the schema) as one file into {@code folder}. */
    public static void write(Configuration conf, Path folder, StructType schema, List<Row> rows) {
        MessageType parquetSchema = parquetSchema(schema);
        Path file = new Path(folder, "part-00000-" + UUID.randomUUID() + "-c000.snappy.parquet");
        SimpleGroupFactory groups = new SimpleGroupFactory(parquetSchema);
        List<Group> records = new ArrayList<>(rows.size()); // converted first: a bad row leaves no file behind
        for (Row row : rows) {
            records.add(group(groups.newGroup(), schema, row));
        }
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(file).withConf(conf).withType(parquetSchema)
                .withCompressionCodec(CompressionCodecName.SNAPPY).withWriteMode(ParquetFileWriter.Mode.CREATE)
                .withExtraMetaData(Map.of(SPARK_SCHEMA_KEY, schema.json())).build()) {
            for (Group record : records) {
                writer.write(record);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Rows in the Parquet files under {@code folder} (any depth; Spark's hidden {@code _}/{@code .} files skipped). */
    public static long rowCount(Configuration conf, Path folder) {
        try {
            return rowCount(conf, folder.getFileSystem(conf), folder);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot count the rows written to " + folder + ": " + e.getMessage(), e);
        }
    }

    // listStatus rather than listFiles: on the local file system the located statuses of listFiles ask the
    // permissions of each file, which Hadoop without its native library does by running `ls` once per file
    private static long rowCount(Configuration conf, FileSystem fs, Path folder) throws IOException {
        long rows = 0;
        for (FileStatus status : fs.listStatus(folder)) {
            String name = status.getPath().getName();
            if (name.startsWith("_") || name.startsWith(".")) {
                continue;
            }
            if (status.isDirectory()) {
                rows += rowCount(conf, fs, status.getPath());
            } else if (name.endsWith(".parquet")) {
                try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromStatus(status, conf))) {
                    rows += reader.getRecordCount();
                }
            }
        }
        return rows;
    }

    /** The Parquet types Spark writes for flat string and number columns. */
    private static MessageType parquetSchema(StructType schema) {
        Types.MessageTypeBuilder message = Types.buildMessage();
        for (StructField field : schema.fields()) {
            Repetition repetition = field.nullable() ? Repetition.OPTIONAL : Repetition.REQUIRED;
            DataType type = field.dataType();
            if (type.equals(DataTypes.StringType)) {
                message.primitive(PrimitiveTypeName.BINARY, repetition).as(LogicalTypeAnnotation.stringType())
                        .named(field.name());
            } else if (type.equals(DataTypes.LongType)) {
                message.primitive(PrimitiveTypeName.INT64, repetition).named(field.name());
            } else if (type.equals(DataTypes.IntegerType)) {
                message.primitive(PrimitiveTypeName.INT32, repetition).named(field.name());
            } else if (type.equals(DataTypes.DoubleType)) {
                message.primitive(PrimitiveTypeName.DOUBLE, repetition).named(field.name());
            } else if (type.equals(DataTypes.BooleanType)) {
                message.primitive(PrimitiveTypeName.BOOLEAN, repetition).named(field.name());
            } else {
                throw new IllegalArgumentException("Cannot write column " + field.name() + " of type "
                        + type.simpleString() + " on the driver: flat string and number columns only");
            }
        }
        return message.named("spark_schema");
    }

    private static Group group(Group group, StructType schema, Row row) {
        StructField[] fields = schema.fields();
        for (int i = 0; i < fields.length; i++) {
            if (row.isNullAt(i)) {
                if (!fields[i].nullable()) {
                    throw new IllegalArgumentException("Cannot write a null into required column " + fields[i].name());
                }
                continue;
            }
            DataType type = fields[i].dataType();
            if (type.equals(DataTypes.StringType)) {
                group.add(i, row.getString(i));
            } else if (type.equals(DataTypes.LongType)) {
                group.add(i, row.getLong(i));
            } else if (type.equals(DataTypes.IntegerType)) {
                group.add(i, row.getInt(i));
            } else if (type.equals(DataTypes.DoubleType)) {
                group.add(i, row.getDouble(i));
            } else {
                group.add(i, row.getBoolean(i));
            }
        }
        return group;
    }
}
