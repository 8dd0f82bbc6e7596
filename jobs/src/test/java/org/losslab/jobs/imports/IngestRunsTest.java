package org.losslab.jobs.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.losslab.common.runs.imports.TfRecords;
import org.losslab.common.runs.imports.proto.TensorBoardEvents.Event;
import org.losslab.common.runs.imports.proto.TensorBoardEvents.Summary;
import org.losslab.jobs.testing.CliRunner;
import org.losslab.jobs.testing.SparkTestSession;
import org.losslab.jobs.warehouse.TableSchemas;
import org.losslab.jobs.warehouse.Warehouse;

/**
 * {@code ingest-runs} end to end: a twelve-run sweep written as TensorBoard event files from a known Chinchilla law
 * with noise is ingested, aggregated and fitted, and the fit recovers the law; a damaged record and a file cut
 * short go to the rejects and mark the run running; ingesting the same files again changes nothing; every format
 * is found under a folder (the real MLflow, Trainer and Lightning files of the common tests).
 */
class IngestRunsTest {
    private static final Path REAL = Path.of("../common/src/test/resources/org/losslab/common/runs/imports/real")
            .toAbsolutePath().normalize();

    /** An event file: the version record, then one scalar event per (step, tag, value). */
    private static byte[] eventFile(double wallStart, List<Object[]> scalars) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(TfRecords.frame(Event.newBuilder().setWallTime(wallStart).setFileVersion("brain.Event:2")
                .build().toByteArray()));
        for (Object[] s : scalars) {
            long step = (Long) s[0];
            out.writeBytes(TfRecords.frame(Event.newBuilder().setStep(step).setWallTime(wallStart + step * 0.1)
                    .setSummary(Summary.newBuilder().addValue(Summary.Value.newBuilder().setTag((String) s[1])
                            .setSimpleValue(((Number) s[2]).floatValue()))).build().toByteArray()));
        }
        return out.toByteArray();
    }

    private static CliRunner.Outcome cli(Path warehouse, String... args) {
        List<String> all = new ArrayList<>(List.of("--warehouse", warehouse.toString(), "--json"));
        all.addAll(List.of(args));
        CliRunner.Outcome outcome = CliRunner.run(all.toArray(String[]::new));
        assertEquals(0, outcome.exitCode(), String.join(" ", args) + "\n" + outcome.out());
        return outcome;
    }

    @Test
    void aTensorBoardSweepFromAKnownLawIsIngestedAggregatedAndFitted() throws IOException {
        Path dir = SparkTestSession.tempDir("ingest-runs-sweep");
        Random random = new Random(11);
        int steps = 40;
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 3; j++) {
                double n = Math.pow(10, 6 + i);
                double d = Math.pow(10, 7 + 2 * j);
                double perStep = d / steps;
                List<Object[]> scalars = new ArrayList<>();
                scalars.add(new Object[] {0L, "model/params", n});
                for (long s = 1; s <= steps; s++) {
                    double loss = (1.69 + 406.4 / Math.pow(n, 0.34) + 410.7 / Math.pow(s * perStep, 0.28))
                            * (1 + 0.01 * random.nextGaussian());
                    scalars.add(new Object[] {s, "train/loss", loss * 1.02});
                    scalars.add(new Object[] {s, "samples_seen", s * perStep});
                    if (s % 10 == 0 || s >= steps - 2) {
                        scalars.add(new Object[] {s, "eval/loss", loss});
                    }
                }
                Path run = Files.createDirectories(dir.resolve(String.format(Locale.ROOT, "tb/n%d-d%d", i, j)));
                Files.write(run.resolve("events.out.tfevents.1700000000.host." + i + j), eventFile(1.7e9, scalars));
            }
        }
        Path warehouse = dir.resolve("warehouse");
        Map<String, Object> ingested = cli(warehouse, "ingest-runs", "--format", "tensorboard", "--input",
                dir.resolve("tb").toString(), "--sweep-id", "tb-law", "--params-from", "model/params").json();
        assertEquals(12, ((List<?>) ingested.get("runs")).size());
        assertEquals(0, ((Number) ingested.get("rejected")).intValue());
        cli(warehouse, "aggregate", "--sweep", "tb-law");
        Map<String, Object> fit = cli(warehouse, "fit-scaling", "--law", "chinchilla", "--sweep", "tb-law",
                "--bootstrap", "20").json();
        assertEquals(12, ((Number) fit.get("points")).intValue());
        // the tolerances of FitScalingCsvTest (49 points there, 12 here)
        assertEquals(0.34, ((Number) fit.get("alpha")).doubleValue(), 0.05, fit.toString());
        assertEquals(0.28, ((Number) fit.get("beta")).doubleValue(), 0.05, fit.toString());
    }

    @Test
    void damageGoesToRejectsACutFileIsRunningAndReingestingChangesNothing() throws IOException {
        Path dir = SparkTestSession.tempDir("ingest-runs-damage");
        List<Object[]> scalars = new ArrayList<>();
        for (long s = 0; s < 20; s++) {
            scalars.add(new Object[] {s, "loss", 2.0 / (s + 1)});
        }
        Path good = Files.createDirectories(dir.resolve("tb/good"));
        Files.write(good.resolve("events.out.tfevents.1.a"), eventFile(100, scalars));
        byte[] damaged = eventFile(100, scalars);
        int secondRecordData = (int) (TfRecords.frame(Event.newBuilder().setWallTime(100)
                .setFileVersion("brain.Event:2").build().toByteArray()).length) + 12 + 2;
        damaged[secondRecordData] ^= 0x10;
        Path bad = Files.createDirectories(dir.resolve("tb/damaged"));
        Files.write(bad.resolve("events.out.tfevents.1.b"), damaged);
        byte[] whole = eventFile(100, scalars);
        Path cut = Files.createDirectories(dir.resolve("tb/still-writing"));
        Files.write(cut.resolve("events.out.tfevents.1.c"), java.util.Arrays.copyOf(whole, whole.length - 7));
        Path warehouse = dir.resolve("warehouse");
        String[] args = {"ingest-runs", "--format", "tensorboard", "--input", dir.resolve("tb").toString(),
            "--examples-per-step", "32"};

        Map<String, Object> first = cli(warehouse, args).json();
        assertEquals(3, ((List<?>) first.get("runs")).size());
        assertEquals(Map.of("crc_mismatch", 1), first.get("rejects_by_reason"));
        Warehouse tables = Warehouse.open(SparkTestSession.get(), warehouse.toString());
        List<Row> rejects = tables.read(TableSchemas.RUN_IMPORT_REJECTS).collectAsList();
        assertEquals(1, rejects.size());
        assertTrue(rejects.get(0).<String>getAs("file").endsWith("damaged/events.out.tfevents.1.b"));
        assertEquals((long) secondRecordData - 14, rejects.get(0).<Long>getAs("offset"));
        Map<String, String> status = new java.util.TreeMap<>();
        Map<String, Long> stepsByRun = new java.util.TreeMap<>();
        for (Row r : tables.read(TableSchemas.RUNS).collectAsList()) {
            status.put(r.<String>getAs("source").replaceAll(".*/tb/", ""), r.getAs("status"));
        }
        assertEquals(Map.of("good", "finished", "damaged", "finished", "still-writing", "running"), status);
        for (Object o : (List<?>) first.get("runs")) {
            Map<?, ?> run = (Map<?, ?>) o;
            stepsByRun.put(String.valueOf(run.get("source")).replaceAll(".*/tb/", ""), ((Number) run.get("steps"))
                    .longValue());
        }
        assertEquals(Map.of("good", 20L, "damaged", 19L, "still-writing", 19L), stepsByRun,
                "one step lost to the damaged record, the last to the cut");
        Map<String, List<Long>> counts = new java.util.TreeMap<>();
        for (Object o : (List<?>) first.get("runs")) {
            Map<?, ?> run = (Map<?, ?>) o;
            counts.put(String.valueOf(run.get("source")).replaceAll(".*/tb/", ""), List.of(
                    ((Number) run.get("records")).longValue(), ((Number) run.get("rejected")).longValue()));
        }
        // the version record and 20 events per file; the cut file's last record is incomplete, not a record
        assertEquals(Map.of("good", List.of(21L, 0L), "damaged", List.of(21L, 1L), "still-writing", List.of(20L, 0L)),
                counts);
        assertEquals(62L, ((Number) first.get("records")).longValue());
        Row lastGood = tables.read(TableSchemas.RUN_METRICS).filter("step = 19").collectAsList().get(0);
        assertEquals(19 * 32L, lastGood.<Long>getAs("examples_seen"), "--examples-per-step");

        long metrics = tables.read(TableSchemas.RUN_METRICS).count();
        Map<String, Object> again = cli(warehouse, args).json();
        assertEquals(first.get("runs"), again.get("runs"), "the same run ids and figures");
        assertEquals(metrics, tables.read(TableSchemas.RUN_METRICS).count());
        assertEquals(3, tables.read(TableSchemas.RUNS).count());
        assertEquals(1, tables.read(TableSchemas.RUN_IMPORT_REJECTS).count());
    }

    @Test
    void grokkingIsMeasuredOnAnImportedRunWhoseAccuraciesAreLogged() throws IOException {
        Path dir = SparkTestSession.tempDir("ingest-runs-grokking");
        List<Object[]> scalars = new ArrayList<>();
        for (long s = 0; s <= 2000; s += 50) {
            scalars.add(new Object[] {s, "train/accuracy", s >= 300 ? 1.0 : s / 300.0});
            scalars.add(new Object[] {s, "eval/accuracy", s >= 1500 ? 0.995 : 0.05});
            scalars.add(new Object[] {s, "train/loss", s >= 300 ? 0.001 : 2.0});
        }
        Path run = Files.createDirectories(dir.resolve("tb/modular"));
        Files.write(run.resolve("events.out.tfevents.1.x"), eventFile(100, scalars));
        Path warehouse = dir.resolve("warehouse");
        Map<?, ?> imported = (Map<?, ?>) ((List<?>) cli(warehouse, "ingest-runs", "--format", "tensorboard",
                "--input", dir.resolve("tb").toString()).json().get("runs")).get(0);
        String runId = String.valueOf(imported.get("run_id"));
        cli(warehouse, "grokking", "--runs", runId);
        Row metrics = Warehouse.open(SparkTestSession.get(), warehouse.toString()).read(TableSchemas.GROKKING_METRICS)
                .collectAsList().get(0);
        assertEquals(300L, metrics.<Long>getAs("memorization_step"));
        assertEquals(1500L, metrics.<Long>getAs("generalization_step"));
        assertEquals(true, metrics.getAs("grokked"));
    }

    @Test
    void everyFormatIsFoundUnderAFolder() throws IOException {
        Path dir = SparkTestSession.tempDir("ingest-runs-formats");
        Path warehouse = dir.resolve("warehouse");
        assertEquals(1, ((List<?>) cli(warehouse, "ingest-runs", "--format", "mlflow", "--input",
                REAL.resolve("mlflow").toString()).json().get("runs")).size(), "the run folder, not the experiment");
        Map<String, Object> hf = cli(warehouse, "ingest-runs", "--format", "hf-trainer", "--input",
                REAL.resolve("hf-trainer").toString()).json();
        assertEquals(2, ((List<?>) hf.get("runs")).size());
        Map<String, Object> lightning = cli(warehouse, "ingest-runs", "--format", "lightning-csv", "--input",
                REAL.resolve("lightning-csv").toString(), "--examples-from", "batch_size").json();
        Map<?, ?> version0 = (Map<?, ?>) ((List<?>) lightning.get("runs")).get(0);
        assertTrue(((Number) version0.get("examples_seen")).longValue() > 0, "step x hparams batch_size");
        Path csv = Files.writeString(dir.resolve("runs.csv"), "run,step,loss,val_loss\nx,1,2.0,2.5\nx,2,1.5,\n"
                + "y,1,3.0,3.5\n");
        assertEquals(2, ((List<?>) cli(warehouse, "ingest-runs", "--format", "csv", "--input", csv.toString())
                .json().get("runs")).size());
        Files.writeString(dir.resolve("broken.csv"), "no step column here\n1\n");
        CliRunner.Outcome broken = CliRunner.run("--warehouse", warehouse.toString(), "--json", "ingest-runs",
                "--format", "csv", "--input", dir.resolve("broken.csv").toString());
        assertEquals(0, broken.exitCode(), broken.out());
        assertEquals(Map.of("unreadable", 1), broken.json().get("rejects_by_reason"));
        assertEquals(6, Warehouse.open(SparkTestSession.get(), warehouse.toString()).read(TableSchemas.RUNS).count());
        CliRunner.Outcome none = CliRunner.run("--warehouse", warehouse.toString(), "ingest-runs", "--format",
                "tensorboard", "--input", REAL.toString());
        assertEquals(1, none.exitCode());
    }
}
