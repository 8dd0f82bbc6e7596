package org.losslab.jobs.plasticc;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.input_file_block_start;
import static org.apache.spark.sql.functions.input_file_name;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.losslab.common.plasticc.ColumnMapping;
import org.losslab.common.plasticc.CsvLine;
import org.losslab.common.plasticc.PlasticcLayout;
import org.losslab.common.plasticc.PlasticcLayout.Kind;
import org.losslab.jobs.io.FileKeys;
import org.losslab.jobs.io.InputFiles;
import org.losslab.jobs.io.InputFiles.InputFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files of one kind of PLAsTiCC input (observations or metadata) with the layout detected for each:
 * CSV files from their header line, Parquet files from their schema (grouped by schema, one read each).
 * {@link #parse} runs one pass of {@link ParsePlasticcRecords} over all of them as a single Dataset.
 */
final class PlasticcInput {
    private static final Logger LOG = LoggerFactory.getLogger(PlasticcInput.class);

    private final Kind kind;
    private final List<String> textFiles = new ArrayList<>();
    private final Map<String, ColumnMapping> textMappings = new LinkedHashMap<>();
    private final Map<List<String>, List<String>> parquetFilesBySchema = new LinkedHashMap<>();
    private final Map<List<String>, ColumnMapping> parquetMappings = new LinkedHashMap<>();
    private final Map<String, String> displayNames = new LinkedHashMap<>();
    private final Set<String> layouts = new LinkedHashSet<>();

    private PlasticcInput(Kind kind) {
        this.kind = kind;
    }

    /** Finds the files and detects their layouts; a header that fits no layout fails here, naming the file. */
    static PlasticcInput detect(SparkSession spark, Kind kind, List<String> locations) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        PlasticcInput input = new PlasticcInput(kind);
        for (InputFile file : InputFiles.expand(conf, locations)) {
            input.displayNames.put(FileKeys.ofHadoopPath(file.path()), file.path());
            if (file.parquet()) {
                List<String> columns = Arrays.asList(spark.read().parquet(file.path()).schema().fieldNames());
                input.parquetFilesBySchema.computeIfAbsent(columns, c -> new ArrayList<>()).add(file.path());
                input.parquetMappings.computeIfAbsent(columns,
                        c -> input.remember(PlasticcLayout.detect(kind, file.path(), c)));
            } else {
                String header = InputFiles.firstLine(conf, file.path());
                if (header == null) {
                    LOG.warn("Input file {} is empty: no header, no rows", file.path());
                    continue;
                }
                ColumnMapping mapping = PlasticcLayout.detect(kind, file.path(), Arrays.asList(CsvLine.split(header)));
                input.textMappings.put(FileKeys.ofHadoopPath(file.path()), input.remember(mapping));
                input.textFiles.add(file.path());
            }
        }
        return input;
    }

    private ColumnMapping remember(ColumnMapping mapping) {
        layouts.add(mapping.layout().release());
        return mapping;
    }

    Kind kind() {
        return kind;
    }

    /** The releases whose layouts were found, e.g. [Kaggle]. */
    Set<String> layouts() {
        return layouts;
    }

    int fileCount() {
        return textFiles.size() + parquetFilesBySchema.values().stream().mapToInt(List::size).sum();
    }

    /**
     * One pass over every file: text and each Parquet schema group are parsed separately with the same
     * options and unioned. {@code configure} adds the pass-specific options (counters, ids, line index).
     */
    Dataset<Row> parse(SparkSession spark, ParsePlasticcRecords.Emit emit, StructType schema,
            UnaryOperator<ParsePlasticcRecords.Builder> configure) {
        List<Dataset<Row>> parts = new ArrayList<>();
        if (!textFiles.isEmpty()) {
            Dataset<Row> lines = spark.read().text(textFiles.toArray(String[]::new))
                    .select(col("value"), input_file_name().as("_file"), input_file_block_start().as("_block"));
            ParsePlasticcRecords fn = configure.apply(ParsePlasticcRecords.builder(kind, emit)
                    .textMappings(textMappings).displayNames(displayNames)).build();
            parts.add(lines.mapPartitions(fn, Encoders.row(schema)));
        }
        parquetFilesBySchema.forEach((columns, files) -> {
            List<Column> select = new ArrayList<>();
            for (String column : columns) {
                select.add(col("`" + column + "`"));
            }
            select.add(col("_metadata.file_path").as("_file"));
            select.add(col("_metadata.row_index").as("_row_index"));
            Dataset<Row> rows = spark.read().parquet(files.toArray(String[]::new)).select(select.toArray(Column[]::new));
            ParsePlasticcRecords fn = configure.apply(ParsePlasticcRecords.builder(kind, emit)
                    .parquetMapping(parquetMappings.get(columns)).displayNames(displayNames)).build();
            parts.add(rows.mapPartitions(fn, Encoders.row(schema)));
        });
        if (parts.isEmpty()) {
            return spark.createDataFrame(List.of(), schema);
        }
        Dataset<Row> all = parts.get(0);
        for (int i = 1; i < parts.size(); i++) {
            all = all.union(parts.get(i));
        }
        return all;
    }
}
