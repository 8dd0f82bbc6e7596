package org.losslab.jobs.logs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.input_file_block_start;
import static org.apache.spark.sql.functions.input_file_name;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.losslab.jobs.io.FileKeys;
import org.losslab.jobs.io.InputFiles;
import org.losslab.jobs.io.InputFiles.InputFile;

/**
 * The lines of a log input as one Dataset of {@code (value, _file, _block, _row)}: text files (plain or
 * compressed, split across tasks) give each line with its split's byte offset in {@code _block} and a null
 * {@code _row}; Parquet files give the named line column with {@code _block} = -1 and the row index in
 * {@code _row}.
 */
final class LogInput {
    private final List<String> textFiles = new ArrayList<>();
    private final List<String> parquetFiles = new ArrayList<>();
    private final Map<String, String> displayNames = new LinkedHashMap<>();
    private final String lineColumn;

    private LogInput(String lineColumn) {
        this.lineColumn = lineColumn;
    }

    static LogInput of(SparkSession spark, List<String> locations, String lineColumn) {
        LogInput input = new LogInput(lineColumn);
        for (InputFile file : InputFiles.expand(spark.sparkContext().hadoopConfiguration(), locations)) {
            input.displayNames.put(FileKeys.ofHadoopPath(file.path()), file.path());
            (file.parquet() ? input.parquetFiles : input.textFiles).add(file.path());
        }
        if (!input.parquetFiles.isEmpty()) {
            List<String> columns = Arrays.asList(spark.read().parquet(input.parquetFiles.toArray(String[]::new))
                    .schema().fieldNames());
            if (!columns.contains(lineColumn)) {
                throw new IllegalArgumentException("Cannot read log lines from " + input.parquetFiles.get(0)
                        + ": no column '" + lineColumn + "' (columns: " + columns + "); name it with --line-column");
            }
        }
        return input;
    }

    /** File keys to the paths users gave, for messages and the file columns. */
    Map<String, String> displayNames() {
        return displayNames;
    }

    int fileCount() {
        return textFiles.size() + parquetFiles.size();
    }

    Dataset<Row> lines(SparkSession spark) {
        Dataset<Row> all = null;
        if (!textFiles.isEmpty()) {
            all = spark.read().text(textFiles.toArray(String[]::new)).select(col("value"),
                    input_file_name().as("_file"), input_file_block_start().as("_block"),
                    lit(null).cast("long").as("_row"));
        }
        if (!parquetFiles.isEmpty()) {
            Dataset<Row> rows = spark.read().parquet(parquetFiles.toArray(String[]::new)).select(
                    col("`" + lineColumn + "`").cast("string").as("value"), col("_metadata.file_path").as("_file"),
                    lit(-1L).as("_block"), col("_metadata.row_index").as("_row"));
            all = all == null ? rows : all.union(rows);
        }
        if (all == null) {
            throw new IllegalArgumentException("Cannot ingest logs: the input holds no files");
        }
        return all;
    }
}
