package org.losslab.jobs.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A warehouse with every kind of table the jobs write, built once per test JVM by the CLI for the tests that
 * read what users read (notebooks, the HTML report): the demo (200 objects), a six-run scaling sweep aggregated
 * and fitted, a four-run grokking sweep with its metrics and regression, BGL's log tables with a logs run
 * and its anomaly detection, and runs imported from Hugging Face, Lightning and CSV logs. Needs {@code ../shared/data} (the caller checks {@link SparkTestSession#sharedData}).
 */
public final class ExampleWarehouse {
    private static Path warehouse;

    private ExampleWarehouse() {
    }

    /** The warehouse folder, built on the first call. */
    public static synchronized Path get() {
        if (warehouse == null) {
            warehouse = build();
        }
        return warehouse;
    }

    /** Runs a losslab command against the warehouse and fails the test if it fails. */
    public static CliRunner.Outcome cli(String... args) {
        return cli(get(), args);
    }

    /** The first value of a query over the warehouse tables, as text. */
    public static String first(String sql) {
        CliRunner.Outcome outcome = cli("--json", "sql", sql);
        @SuppressWarnings("unchecked")
        List<List<Object>> rows = (List<List<Object>>) outcome.json().get("rows");
        assertFalse(rows.isEmpty(), sql);
        return String.valueOf(rows.get(0).get(0));
    }

    private static CliRunner.Outcome cli(Path warehouse, String... args) {
        List<String> all = new ArrayList<>(List.of("--warehouse", warehouse.toString()));
        all.addAll(List.of(args));
        CliRunner.Outcome outcome = CliRunner.run(all.toArray(String[]::new));
        assertEquals(0, outcome.exitCode(), String.join(" ", args) + "\n" + outcome.out());
        return outcome;
    }

    private static Path build() {
        Path dir = SparkTestSession.tempDir("example-warehouse");
        Path built = dir.resolve("warehouse");
        try {
            cli(built, "demo", "--objects", "200", "--epochs", "2", "--input-dir", dir.resolve("demo").toString());
            Path spec = Files.writeString(dir.resolve("grok.conf"), String.join("\n",
                    "sweep {", "  id = \"nb-grok\"", "  task = \"modadd\"", "  fixed {", "    p = 7", "    model = \"mlp\"",
                    "    width = 16", "    depth = 1", "    batch-size-per-worker = 0",
                    "    workers = 1", "    averaging-frequency = 20", "    eval-every = 20", "    checkpoint-every = 0",
                    "    weight-decay = 1.0", "  }", "  axes {", "    train-fraction = [0.5, 0.8]",
                    "    epochs = [40, 60]", "  }", "}", ""));
            cli(built, "sweep", "--spec", spec.toString());
            // so few steps do not grok: each run's budget stands in for its delay, so the regression has rows
            cli(built, "grokking", "--sweep", "nb-grok", "--censoring", "at-budget");
            Path scaling = Files.writeString(dir.resolve("scaling.conf"), String.join("\n",
                    "sweep {", "  id = \"nb-scaling\"", "  fixed {", "    model = mlp", "    depth = 1", "    epochs = 3",
                    "    batch-size-per-worker = 16", "    workers = 2", "    averaging-frequency = 2",
                    "    learning-rate = 0.01", "    class-weighting = none", "    eval-every = 4",
                    "    checkpoint-every = 0", "  }", "  axes {", "    width = [4, 8, 16]",
                    "    data-fraction = [0.5, 1.0]", "  }", "}", ""));
            cli(built, "sweep", "--spec", scaling.toString());
            cli(built, "aggregate", "--sweep", "nb-scaling");
            cli(built, "fit-scaling", "--law", "chinchilla", "--sweep", "nb-scaling", "--bootstrap", "20");
            Path bgl = SparkTestSession.sharedData().orElseThrow().resolve("loghub-2k/BGL/BGL_2k.log");
            cli(built, "ingest-logs", "--system", "BGL", "--input", bgl.toString());
            cli(built, "build-log-sequences", "--system", "BGL", "--window", "fixed", "--size", "20");
            cli(built, "train", "--task", "logs", "--system", "BGL", "--model", "lstm", "--width", "8", "--depth", "1",
                    "--epochs", "1", "--run-id", "nb-logs");
            cli(built, "detect-anomalies", "--run", "nb-logs");
            // runs from other frameworks: the real Trainer and Lightning files of the common tests, and a CSV
            // with one bad value (a row of run_import_rejects)
            Path real = Path.of("../common/src/test/resources/org/losslab/common/runs/imports/real")
                    .toAbsolutePath().normalize();
            cli(built, "ingest-runs", "--format", "hf-trainer", "--input", real.resolve("hf-trainer").toString());
            cli(built, "ingest-runs", "--format", "lightning-csv", "--input", real.resolve("lightning-csv").toString(),
                    "--examples-from", "batch_size");
            Path csv = Files.writeString(dir.resolve("imported.csv"), "run,step,train_loss,val_loss\n"
                    + "csv-a,1,2.0,2.2\ncsv-a,2,1.5,n/a\ncsv-a,3,1.2,1.4\n");
            cli(built, "ingest-runs", "--format", "csv", "--input", csv.toString(), "--examples-per-step", "64");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return built;
    }
}
