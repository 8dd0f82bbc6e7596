package org.losslab.jobs.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.losslab.jobs.testing.ExampleWarehouse;
import org.losslab.jobs.testing.SparkTestSession;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Every Zeppelin note in {@code notebooks/} against a warehouse the jobs wrote ({@link ExampleWarehouse}: the demo,
 * a scaling sweep aggregated and fitted, a grokking sweep, BGL's log tables with a logs run and its anomaly
 * detection): each is a note Zeppelin 0.10 imports, its first
 * paragraph registers views of warehouse tables, and every SQL paragraph, with its dynamic forms filled, parses,
 * resolves every column and returns rows (rejects tables may be empty).
 */
class NotebooksTest {
    private static final Pattern FORM = Pattern.compile("\\$\\{(\\w+)(?:=([^}]*))?}");
    private static final Pattern TABLES = Pattern.compile("for table in \\[([^\\]]*)]");
    private static final Pattern REJECTS = Pattern.compile("(?i)\\bFROM\\s+\\w*rejects\\b");

    private static SparkSession spark;
    private static Path warehouse;
    /** Per note file, the values given to its forms (others take their defaults). */
    private static final Map<String, Map<String, String>> FORM_VALUES = new HashMap<>();

    @BeforeAll
    static void buildWarehouse() {
        assumeTrue(SparkTestSession.sharedData().isPresent(), "../shared/data is absent: notebook tests skipped");
        spark = SparkTestSession.get();
        warehouse = ExampleWarehouse.get();
        String plasticcRun = ExampleWarehouse.first("SELECT run_id FROM runs WHERE task = 'plasticc' ORDER BY run_id");
        String grokkingRun = ExampleWarehouse.first("SELECT run_id FROM runs WHERE task = 'modadd' ORDER BY run_id");
        String object = ExampleWarehouse.first("SELECT CAST(object_id AS STRING) FROM plasticc_objects"
                + " ORDER BY object_id");
        FORM_VALUES.put("runs.zpln", Map.of("run_id", plasticcRun));
        FORM_VALUES.put("grokking.zpln", Map.of("run_id", grokkingRun));
        FORM_VALUES.put("plasticc-ingest.zpln", Map.of("object_id", object));
        FORM_VALUES.put("logs.zpln", Map.of("run_id", "nb-logs", "system", "BGL"));
        FORM_VALUES.put("scaling.zpln", Map.of("sweep_id", "nb-scaling"));
    }

    private static List<Path> notes() throws IOException {
        Path dir = Path.of("../notebooks").toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            dir = Path.of("notebooks").toAbsolutePath().normalize();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".zpln")).sorted().toList();
        }
    }

    @Test
    void everyNoteImportsAndEverySqlParagraphRunsAgainstRealTables() throws IOException {
        List<Path> notes = notes();
        assertTrue(notes.size() >= 5, "notes found: " + notes);
        for (Path note : notes) {
            String name = note.getFileName().toString();
            JsonNode root = new ObjectMapper().readTree(note.toFile());
            checkStructure(name, root);
            JsonNode paragraphs = root.get("paragraphs");
            List<String> views = registerViews(name, paragraphs.get(0).get("text").asText());
            int queries = 0;
            for (int i = 1; i < paragraphs.size(); i++) {
                String text = paragraphs.get(i).get("text").asText();
                String interpreter = text.substring(0, text.indexOf('\n')).trim();
                assertTrue(interpreter.equals("%spark.sql") || interpreter.equals("%sql"),
                        name + " paragraph " + (i + 1) + ": unexpected interpreter " + interpreter);
                String sql = fillForms(name, text.substring(text.indexOf('\n') + 1));
                List<Row> rows;
                try {
                    rows = spark.sql(sql).collectAsList();
                } catch (Exception e) {
                    throw new AssertionError(name + " paragraph " + (i + 1) + " failed: " + e.getMessage() + "\n" + sql,
                            e);
                }
                if (!REJECTS.matcher(sql).find()) {
                    assertFalse(rows.isEmpty(), name + " paragraph " + (i + 1) + " returned no rows:\n" + sql);
                }
                queries++;
            }
            assertTrue(queries > 0, name + " has no SQL paragraph");
            assertFalse(views.isEmpty(), name);
        }
    }

    /** The JSON a Zeppelin 0.10 import reads: a name, an id, a version and paragraphs with text, config and id. */
    private static void checkStructure(String name, JsonNode root) {
        for (String key : List.of("name", "id", "version", "defaultInterpreterGroup")) {
            assertNotNull(root.get(key), name + " lacks " + key);
            assertTrue(root.get(key).isTextual(), name + ": " + key + " is not a string");
        }
        assertTrue(root.get("version").asText().startsWith("0.1"), name + " version " + root.get("version"));
        for (String key : List.of("noteParams", "noteForms", "angularObjects", "config", "info")) {
            assertTrue(root.get(key) != null && root.get(key).isObject(), name + ": " + key + " is not an object");
        }
        JsonNode paragraphs = root.get("paragraphs");
        assertTrue(paragraphs != null && paragraphs.isArray() && paragraphs.size() > 1, name + " paragraphs");
        List<String> ids = new ArrayList<>();
        for (JsonNode p : paragraphs) {
            assertTrue(p.get("text").isTextual() && p.get("text").asText().startsWith("%"), name + " paragraph " + p);
            assertTrue(p.get("config").isObject(), name + " paragraph config");
            assertTrue(p.get("settings").get("forms").isObject(), name + " paragraph settings");
            assertFalse(ids.contains(p.get("id").asText()), name + ": paragraph id used twice " + p.get("id"));
            ids.add(p.get("id").asText());
        }
    }

    /** Runs what the first paragraph does: every table of its list read from the warehouse and made a view. */
    private static List<String> registerViews(String name, String text) {
        assertTrue(text.startsWith("%spark.pyspark") && text.contains("createOrReplaceTempView(table)"),
                name + ": the first paragraph must register the views\n" + text);
        Matcher m = TABLES.matcher(text);
        assertTrue(m.find(), name + ": no table list in the first paragraph");
        List<String> tables = new ArrayList<>();
        for (String quoted : m.group(1).split(",")) {
            String table = quoted.trim().replace("\"", "");
            DataFrameReader reader = spark.read();
            if (text.contains("\"mergeSchema\", \"true\"")) {
                reader = reader.option("mergeSchema", "true");
            }
            assertTrue(Files.isDirectory(warehouse.resolve(table)), name + ": no table " + table + " in the warehouse");
            reader.parquet(warehouse.resolve(table).toString()).createOrReplaceTempView(table);
            tables.add(table);
        }
        return tables;
    }

    /** Zeppelin's dynamic forms: {@code ${name=default}} and {@code ${name}}, given values or their defaults. */
    private static String fillForms(String note, String sql) {
        Map<String, String> values = FORM_VALUES.getOrDefault(note, Map.of());
        Matcher m = FORM.matcher(sql);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.containsKey(m.group(1)) ? values.get(m.group(1)) : m.group(2);
            if (value == null) {
                fail(note + ": form ${" + m.group(1) + "} has no default and no test value");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
