package org.losslab.jobs.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.losslab.common.logs.TemplateStyle;
import org.losslab.jobs.testing.PlasticcFiles;
import org.losslab.jobs.testing.SparkTestSession;
import org.losslab.jobs.warehouse.TableSchemas;
import org.losslab.jobs.warehouse.Warehouse;

class IngestLogsTest {
    private static final List<String> SHIPPED =
            List.of("Apache", "BGL", "HDFS", "HPC", "Hadoop", "Linux", "Spark", "Zookeeper");
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkTestSession.get();
    }

    private static Path loghub() {
        assumeTrue(SparkTestSession.sharedData().isPresent(), "../shared/data is absent: Loghub tests skipped");
        return SparkTestSession.sharedData().get().resolve("loghub-2k");
    }

    private static IngestLogs.Result ingest(Path warehouse, String system, Path input) {
        return new IngestLogs(new IngestLogs.Options(warehouse.toString(), system, List.of(input.toString()), null,
                null)).run(spark);
    }

    private static Dataset<Row> table(Path warehouse, String table, String system) {
        return Warehouse.open(spark, warehouse.toString()).read(table).filter("system = '" + system + "'");
    }

    @Test
    void ingestsEachShippedSystemEndToEnd() {
        Path warehouse = SparkTestSession.tempDir("logs-all");
        for (String system : SHIPPED) {
            IngestLogs.Result result = ingest(warehouse, system, loghub().resolve(system + "/" + system + "_2k.log"));
            assertEquals(2000, result.linesIn(), system);
            assertEquals(2000, result.linesWritten(), system);
            assertEquals(0, result.linesRejected(), system);

            Dataset<Row> lines = table(warehouse, TableSchemas.LOG_LINES, system);
            Row range = lines.selectExpr("min(line_number)", "max(line_number)", "count(DISTINCT line_number)",
                    "count(DISTINCT template_id)").first();
            assertEquals(List.of(1L, 2000L, 2000L), List.of(range.getLong(0), range.getLong(1), range.getLong(2)));
            Dataset<Row> templates = table(warehouse, TableSchemas.LOG_TEMPLATES, system);
            assertEquals(result.templates(), templates.count(), system);
            assertEquals(range.getLong(3), templates.count(), system);
            assertEquals(2000L, templates.selectExpr("sum(occurrences)").first().getLong(0), system);
            // every line's variables fill its template's <*> slots
            long mismatched = lines.join(templates, "template_id")
                    .filter("size(variables) <> variable_count").count();
            assertEquals(0, mismatched, system);
        }
        // BGL's first field is the anomaly label: 143 alert lines
        assertEquals(143, table(warehouse, TableSchemas.LOG_LINES, "BGL").filter("label <> '-'").count());
        assertEquals(SHIPPED.size(), Warehouse.open(spark, warehouse.toString()).read(TableSchemas.LOG_LINES)
                .select("system").distinct().count());
    }

    @Test
    void layoutAutoInfersTheHeaderOfALogWithoutABuiltInLayout() throws IOException {
        // made-up Python-logging lines under a system name losslab has no layout for
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            lines.add(String.format("2024-03-01 12:%02d:%02d,%03d - shop.%s - %s - order %d %s", i / 60, i % 60, i,
                    i % 3 == 0 ? "api" : "worker", i % 7 == 0 ? "WARNING" : "INFO", 1000 + i,
                    i % 2 == 0 ? "accepted" : "shipped"));
        }
        Path dir = SparkTestSession.tempDir("logs-auto");
        Path file = Files.write(dir.resolve("shop.log"), lines);

        IngestLogs.Result result = new IngestLogs(new IngestLogs.Options(dir.resolve("warehouse").toString(), "shop",
                List.of(file.toString()), IngestLogs.AUTO, null)).run(spark);

        assertEquals("<Date> <Time> - <Field> - <Level> - <Content>", result.layout());
        assertEquals(60, result.inferred().sampled());
        assertEquals(60, result.inferred().fitting());
        assertEquals(60, result.linesWritten());
        assertEquals(2, result.templates()); // order <*> accepted, order <*> shipped
        Row first = table(dir.resolve("warehouse"), TableSchemas.LOG_LINES, "shop").filter("line_number = 1")
                .first();
        assertEquals("order 1000 accepted", first.getAs("content"));
    }

    @Test
    void layoutAutoOnAnEmptyInputIsAClearError() throws IOException {
        Path dir = SparkTestSession.tempDir("logs-auto-empty");
        Path file = Files.write(dir.resolve("empty.log"), List.of("", "  "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new IngestLogs(
                new IngestLogs.Options(dir.resolve("warehouse").toString(), "empty", List.of(file.toString()),
                        IngestLogs.AUTO, null)).run(spark));
        assertTrue(e.getMessage().contains("Cannot infer a layout for empty"), e.getMessage());
        assertTrue(e.getMessage().contains("no non-blank line"), e.getMessage());
    }

    @Test
    void linesThatDoNotFitTheLayoutGoToRejectsWithFileLineAndReason() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(loghub().resolve("HDFS/HDFS_2k.log")));
        Map<Integer, String> damaged = Map.of(
                1, "this is not an HDFS line",
                700, "081109 203615 148 INFO",
                1500, "",
                2003, "081109 2036");
        damaged.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> lines.add(e.getKey() - 1, e.getValue()));
        Path dir = SparkTestSession.tempDir("logs-damaged");
        Path file = PlasticcFiles.writeGzip(dir.resolve("hdfs.log.gz"), lines);

        IngestLogs.Result result = ingest(dir.resolve("warehouse"), "HDFS", file);

        assertEquals(2004, result.linesIn());
        assertEquals(2000, result.linesWritten());
        assertEquals(4, result.linesRejected());
        assertEquals(Map.of("layout_mismatch", 4L), result.rejectsByReason());
        Map<Long, Row> rejects = table(dir.resolve("warehouse"), TableSchemas.LOG_REJECTS, "HDFS").collectAsList()
                .stream().collect(Collectors.toMap(r -> r.<Long>getAs("line_number"), r -> r));
        assertEquals(damaged.keySet().stream().map(Long::valueOf).collect(Collectors.toSet()), rejects.keySet());
        damaged.forEach((line, text) -> {
            Row r = rejects.get((long) line);
            assertEquals(text, r.getAs("raw"));
            assertEquals("layout_mismatch", r.getAs("reason"));
            assertTrue(r.<String>getAs("file").endsWith("hdfs.log.gz"));
            assertTrue(r.<String>getAs("detail").startsWith("does not fit layout"), r.<String>getAs("detail"));
        });
        // the well-formed lines keep their own line numbers around the damage
        Row shifted = table(dir.resolve("warehouse"), TableSchemas.LOG_LINES, "HDFS").filter("line_number = 2")
                .first();
        assertEquals(lines.get(1), shifted.getAs("raw"));
    }

    @Test
    void templatesAndIdsDoNotDependOnHowTheInputIsSplit() {
        Path input = loghub().resolve("Hadoop/Hadoop_2k.log");
        Map<Long, String> oneSplit = templateIdsByLine(input, "134217728", 1);
        Map<Long, String> manySplits = templateIdsByLine(input, "65536", 4);
        assertEquals(2000, oneSplit.size());
        assertEquals(oneSplit, manySplits);
    }

    private static Map<Long, String> templateIdsByLine(Path input, String maxPartitionBytes, int minPartitions) {
        String before = spark.conf().get("spark.sql.files.maxPartitionBytes");
        spark.conf().set("spark.sql.files.maxPartitionBytes", maxPartitionBytes);
        try {
            LogInput logInput = LogInput.of(spark, List.of(input.toString()), "line");
            int partitions = logInput.lines(spark).rdd().getNumPartitions();
            assertTrue(partitions >= minPartitions, partitions + " partitions");
            if (minPartitions == 1) {
                assertEquals(1, partitions);
            }
            Path warehouse = SparkTestSession.tempDir("logs-split");
            ingest(warehouse, "Hadoop", input);
            Map<Long, String> ids = new HashMap<>();
            for (Row row : table(warehouse, TableSchemas.LOG_LINES, "Hadoop").select("line_number", "template_id")
                    .collectAsList()) {
                ids.put(row.getLong(0), row.getString(1));
            }
            return ids;
        } finally {
            spark.conf().set("spark.sql.files.maxPartitionBytes", before);
        }
    }

    @Test
    void rerunningASystemReplacesOnlyThatSystemsPartition() throws IOException {
        Path warehouse = SparkTestSession.tempDir("logs-rerun");
        ingest(warehouse, "HDFS", loghub().resolve("HDFS/HDFS_2k.log"));
        ingest(warehouse, "Spark", loghub().resolve("Spark/Spark_2k.log"));
        Path fewer = SparkTestSession.tempDir("fewer").resolve("hdfs-100.log");
        Files.write(fewer, Files.readAllLines(loghub().resolve("HDFS/HDFS_2k.log")).subList(0, 100),
                StandardCharsets.UTF_8);
        ingest(warehouse, "HDFS", fewer);
        assertEquals(100, table(warehouse, TableSchemas.LOG_LINES, "HDFS").count());
        assertEquals(2000, table(warehouse, TableSchemas.LOG_LINES, "Spark").count());
    }

    @Test
    void theCompactStyleWritesOneVariablePerValueWithTheSameGroupsAndIds() throws IOException {
        // made-up lines: a client address with its port and a clock, in a user-given layout
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            lines.add(String.format("INFO gateway: client 10.0.%d.%d:%d connected at 12:%02d:%02d", i % 5, i, 40000 + i,
                    i, 59 - i));
        }
        Path dir = SparkTestSession.tempDir("logs-style");
        Path file = Files.write(dir.resolve("gateway.log"), lines);
        String layout = "<Level> <Component>: <Content>";
        Map<TemplateStyle, Row> templates = new java.util.EnumMap<>(TemplateStyle.class);
        Map<TemplateStyle, Row> firstLines = new java.util.EnumMap<>(TemplateStyle.class);
        for (TemplateStyle style : TemplateStyle.values()) {
            Path warehouse = dir.resolve("warehouse-" + style.cliName());
            new IngestLogs(new IngestLogs.Options(warehouse.toString(), "gateway", List.of(file.toString()), layout,
                    null, style)).run(spark);
            templates.put(style, table(warehouse, TableSchemas.LOG_TEMPLATES, "gateway").first());
            firstLines.put(style, table(warehouse, TableSchemas.LOG_LINES, "gateway").filter("line_number = 2")
                    .first());
        }
        assertEquals("client <*>:<*> connected at <*>:<*>:<*>",
                templates.get(TemplateStyle.LOGHUB).getAs("template"));
        assertEquals("client <*> connected at <*>", templates.get(TemplateStyle.COMPACT).getAs("template"));
        assertEquals(2, templates.get(TemplateStyle.COMPACT).<Integer>getAs("variable_count"));
        assertEquals(templates.get(TemplateStyle.LOGHUB).<String>getAs("template_id"),
                templates.get(TemplateStyle.COMPACT).getAs("template_id"), "the style changes no id");
        assertEquals(40L, templates.get(TemplateStyle.COMPACT).<Long>getAs("occurrences"));
        assertEquals(List.of("10.0.1.1", "40001", "12", "01", "58"),
                firstLines.get(TemplateStyle.LOGHUB).getList(firstLines.get(TemplateStyle.LOGHUB)
                        .fieldIndex("variables")));
        assertEquals(List.of("10.0.1.1:40001", "12:01:58"), firstLines.get(TemplateStyle.COMPACT)
                .getList(firstLines.get(TemplateStyle.COMPACT).fieldIndex("variables")));
    }

    @Test
    void aUserGivenLayoutWorksForASystemWithoutABuiltInOne() {
        Path warehouse = SparkTestSession.tempDir("logs-layout");
        IngestLogs.Result result = new IngestLogs(new IngestLogs.Options(warehouse.toString(), "datanode-logs",
                List.of(loghub().resolve("HDFS/HDFS_2k.log").toString()),
                "<Date> <Time> <Pid> <Level> <Component>: <Content>", null)).run(spark);
        assertEquals(2000, result.linesWritten());
        assertEquals(14, result.templates());
        Row row = table(warehouse, TableSchemas.LOG_LINES, "datanode-logs").filter("line_number = 1").first();
        assertEquals("INFO", row.<scala.collection.Map<String, String>>getAs("fields").apply("Level"));
        assertEquals("dfs.DataNode$PacketResponder",
                row.<scala.collection.Map<String, String>>getAs("fields").apply("Component"));

        IllegalArgumentException unknown = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> new IngestLogs(new IngestLogs.Options(warehouse.toString(),
                        "datanode-logs", List.of(loghub().resolve("HDFS/HDFS_2k.log").toString()), null, null))
                        .run(spark));
        assertTrue(unknown.getMessage().contains("--layout"), unknown.getMessage());
    }

    @Test
    void readsParquetWithALineColumn() {
        Path dir = SparkTestSession.tempDir("logs-parquet");
        Path parquet = dir.resolve("apache.parquet");
        spark.read().text(loghub().resolve("Apache/Apache_2k.log").toString()).withColumnRenamed("value", "message")
                .coalesce(1).write().parquet(parquet.toString());
        IngestLogs.Result result = new IngestLogs(new IngestLogs.Options(dir.resolve("wh").toString(), "Apache",
                List.of(parquet.toString()), null, "message")).run(spark);
        assertEquals(2000, result.linesWritten());
        Row first = table(dir.resolve("wh"), TableSchemas.LOG_LINES, "Apache").filter("line_number = 1").first();
        assertTrue(first.<String>getAs("raw").startsWith("[Sun Dec 04 04:47:44 2005]"), first.<String>getAs("raw"));
    }
}
