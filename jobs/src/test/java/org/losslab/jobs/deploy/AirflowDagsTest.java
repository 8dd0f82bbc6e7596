package org.losslab.jobs.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.losslab.jobs.cli.LossLab;
import org.losslab.jobs.testing.SparkTestSession;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine;

/**
 * The Airflow DAGs in {@code deploy/airflow}, checked without Airflow (no Python package index is reachable from the
 * build machines): {@code dag_summary.py} reads each file with Python's {@code ast} (nothing imported or run), and
 * this test checks the DAG ids, schedules, tasks and dependencies, that every task is a SparkSubmitOperator of the
 * losslab jar whose arguments the losslab CLI accepts, that no Variable.get runs at parse time, that the JVM flags
 * are conf/jvm-options.sh's, and that the SQL checks pass and fail as they should on small tables.
 */
class AirflowDagsTest {
    private static final Pattern JINJA_VAR = Pattern.compile("\\{\\{ var\\.value\\.get\\('(\\w+)', '([^']*)'\\) }}");
    private static Path root;
    private static Map<String, JsonNode> dags;

    @BeforeAll
    static void summariseTheDags() throws IOException, InterruptedException {
        root = Path.of("..").toAbsolutePath().normalize();
        if (!Files.isDirectory(root.resolve("deploy/airflow"))) {
            root = Path.of("").toAbsolutePath();
        }
        Path script = Path.of("src/test/resources/airflow/dag_summary.py").toAbsolutePath();
        if (!Files.exists(script)) {
            script = root.resolve("jobs/src/test/resources/airflow/dag_summary.py");
        }
        List<String> command = new ArrayList<>(List.of("python3", script.toString()));
        try (Stream<Path> files = Files.list(root.resolve("deploy/airflow"))) {
            files.filter(p -> p.toString().endsWith(".py")).sorted().forEach(p -> command.add(p.toString()));
        }
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "python3 is not installed: Airflow DAG checks skipped (" + e.getMessage() + ")");
            return;
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "dag_summary.py did not finish");
        assertEquals(0, process.exitValue(), out);
        dags = new LinkedHashMap<>();
        for (JsonNode dag : new ObjectMapper().readTree(out)) {
            dags.put(dag.get("dag_id").asText(), dag);
        }
    }

    @Test
    void idsSchedulesTasksAndDependencies() {
        assertEquals(List.of("losslab_grokking", "losslab_plasticc_ingest"), List.copyOf(dags.keySet()));
        JsonNode ingest = dags.get("losslab_plasticc_ingest");
        assertEquals("@daily", ingest.get("schedule").asText());
        assertEquals(List.of("ingest_plasticc", "check_rejects", "list_tables"), taskIds(ingest));
        assertEquals("[[\"ingest_plasticc\",\"check_rejects\"],[\"check_rejects\",\"list_tables\"]]",
                ingest.get("edges").toString());
        JsonNode grokking = dags.get("losslab_grokking");
        assertTrue(grokking.get("schedule").isNull());
        assertEquals(List.of("sweep", "check_sweep", "grokking", "plot_grokking"), taskIds(grokking));
        assertEquals(3, grokking.get("edges").size());
    }

    @Test
    void everyTaskSubmitsTheLosslabJarWithArgumentsItsCliAccepts() {
        for (JsonNode dag : dags.values()) {
            assertEquals(0, dag.get("variable_get_calls").asInt(), dag.get("file") + " calls Variable.get");
            assertEquals(0, dag.get("shell_without_pipefail").size(), dag.get("shell_without_pipefail").toString());
            for (JsonNode task : dag.get("tasks")) {
                String where = dag.get("dag_id").asText() + "." + task.get("task_id").asText();
                assertEquals("SparkSubmitOperator", task.get("operator").asText(), where);
                JsonNode keywords = task.get("keywords");
                assertEquals("org.losslab.jobs.cli.LossLab", keywords.get("java_class").asText(), where);
                assertTrue(render(keywords.get("application").asText()).endsWith("/jobs/target/losslab.jar"), where);
                List<String> args = new ArrayList<>();
                task.get("args").forEach(a -> args.add(render(a.asText())));
                CommandLine.ParseResult parsed = LossLab.commandLine().parseArgs(args.toArray(String[]::new));
                assertTrue(parsed.hasSubcommand(), where + " names no losslab command: " + args);
                assertTrue(args.contains("--warehouse"), where + " writes to the default warehouse");
            }
        }
    }

    @Test
    void theJvmFlagsAreThoseOfJvmOptionsSh() throws IOException {
        List<String> flags = new ArrayList<>();
        for (String line : Files.readAllLines(root.resolve("conf/jvm-options.sh"))) {
            String t = line.strip();
            if (t.startsWith("-")) {
                flags.add(t);
            }
        }
        for (JsonNode dag : dags.values()) {
            for (JsonNode task : dag.get("tasks")) {
                JsonNode conf = task.get("keywords").get("conf");
                assertEquals(String.join(" ", flags), conf.get("spark.driver.defaultJavaOptions").asText());
                assertEquals(String.join(" ", flags), conf.get("spark.executor.defaultJavaOptions").asText());
            }
        }
    }

    @Test
    void theSqlChecksPassAndFailOnTheirConditions() {
        SparkSession spark = SparkTestSession.get();
        String rejects = sqlOf("losslab_plasticc_ingest", "check_rejects");
        spark.range(10_000).toDF("object_id").createOrReplaceTempView("plasticc_observations");
        spark.sql("SELECT 'plasticc_observations' AS target_table FROM range(5)")
                .createOrReplaceTempView("plasticc_rejects");
        assertEquals("5 of 10005 observations rejected", spark.sql(rejects).first().getString(0));
        spark.sql("SELECT 'plasticc_observations' AS target_table FROM range(50)")
                .createOrReplaceTempView("plasticc_rejects");
        Exception tooMany = assertThrows(Exception.class, () -> spark.sql(rejects).collectAsList());
        assertTrue(tooMany.getMessage().contains("50 of 10050 observations rejected (limit 0.001)"),
                tooMany.getMessage());

        String sweep = sqlOf("losslab_grokking", "check_sweep");
        spark.sql("SELECT * FROM VALUES ('a', 'grokking-p97', 'finished', CAST(NULL AS STRING)),"
                + " ('b', 'grokking-p97', 'finished', NULL), ('c', 'other', 'failed', 'x')"
                + " AS runs(run_id, sweep_id, status, failure_reason)").createOrReplaceTempView("runs");
        Row ok = spark.sql(sweep).first();
        assertEquals("2 runs, none failed", ok.getString(0));
        spark.sql("SELECT * FROM VALUES ('a', 'grokking-p97', 'failed', 'out of memory'),"
                + " ('b', 'grokking-p97', 'finished', NULL) AS runs(run_id, sweep_id, status, failure_reason)")
                .createOrReplaceTempView("runs");
        Exception failed = assertThrows(Exception.class, () -> spark.sql(sweep).collectAsList());
        assertTrue(failed.getMessage().contains("1 of 2 runs failed: a: out of memory"), failed.getMessage());
    }

    private static String sqlOf(String dag, String taskId) {
        for (JsonNode task : dags.get(dag).get("tasks")) {
            if (task.get("task_id").asText().equals(taskId)) {
                List<String> args = new ArrayList<>();
                task.get("args").forEach(a -> args.add(render(a.asText())));
                return args.get(args.indexOf("sql") + 1);
            }
        }
        throw new AssertionError("no task " + taskId + " in " + dag);
    }

    private static List<String> taskIds(JsonNode dag) {
        List<String> ids = new ArrayList<>();
        dag.get("tasks").forEach(t -> ids.add(t.get("task_id").asText()));
        return ids;
    }

    /** Airflow's rendering of {@code {{ var.value.get('name', 'default') }}} when the Variable is not set. */
    private static String render(String template) {
        Matcher m = JINJA_VAR.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(2)));
        }
        m.appendTail(out);
        assertTrue(!out.toString().contains("{{"), "unrendered template: " + template);
        return out.toString();
    }
}
