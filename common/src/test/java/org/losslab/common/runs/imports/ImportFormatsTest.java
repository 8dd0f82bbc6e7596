package org.losslab.common.runs.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.losslab.common.runs.imports.proto.TensorBoardEvents.DataType;
import org.losslab.common.runs.imports.proto.TensorBoardEvents.Event;
import org.losslab.common.runs.imports.proto.TensorBoardEvents.Summary;
import org.losslab.common.runs.imports.proto.TensorBoardEvents.SummaryMetadata;
import org.losslab.common.runs.imports.proto.TensorBoardEvents.TensorProto;

import com.google.protobuf.ByteString;

/**
 * Each format's reader on files written here with the format's published layout (TensorBoard event files through
 * the message definitions, MLflow folders, CSV) and on real files from public repositories (test resources,
 * sources and licences in real/SOURCES.md).
 */
class ImportFormatsTest {
    private static final MetricColumns COLUMNS = MetricColumns.defaults();

    private static Event scalar(long step, double wallTime, String tag, float value) {
        return Event.newBuilder().setStep(step).setWallTime(wallTime).setSummary(Summary.newBuilder().addValue(
                Summary.Value.newBuilder().setTag(tag).setSimpleValue(value))).build();
    }

    /** tf.summary v2: a scalar as a rank-0 tensor, here in tensor_content, with the scalars plugin's metadata. */
    private static Event tensor(long step, double wallTime, String tag, double value) {
        byte[] content = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(value).array();
        return Event.newBuilder().setStep(step).setWallTime(wallTime).setSummary(Summary.newBuilder().addValue(
                Summary.Value.newBuilder().setTag(tag).setMetadata(SummaryMetadata.newBuilder().setPluginData(
                        SummaryMetadata.PluginData.newBuilder().setPluginName("scalars")))
                        .setTensor(TensorProto.newBuilder().setDtype(DataType.DT_DOUBLE)
                                .setTensorContent(ByteString.copyFrom(content))))).build();
    }

    private static byte[] events(List<byte[]> records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(TfRecords.frame(Event.newBuilder().setWallTime(1000.0).setFileVersion("brain.Event:2").build()
                .toByteArray()));
        records.forEach(r -> out.writeBytes(TfRecords.frame(r)));
        return out.toByteArray();
    }

    @Test
    void tensorBoardScalarsAsSimpleValuesAndAsTensorsMapToColumns() {
        byte[] first = events(List.of(scalar(0, 1000.5, "train/loss", 2.5f).toByteArray(),
                scalar(0, 1000.5, "lr", 0.001f).toByteArray(), tensor(0, 1001.0, "eval/loss", 2.75).toByteArray(),
                scalar(10, 1002.0, "train/loss", 1.5f).toByteArray(),
                scalar(10, 1002.0, "model/params", 12345f).toByteArray()));
        byte[] second = events(List.of(scalar(20, 1003.0, "train/loss", 1.25f).toByteArray(),
                tensor(20, 1003.25, "eval/loss", 1.375).toByteArray()));
        Map<String, byte[]> files = new HashMap<>();
        files.put("events.out.tfevents.1000.host.1.0", first);
        files.put("events.out.tfevents.1003.host.1.0", second);
        ImportedRun run = TensorBoardRun.read("logs/run-a", files, COLUMNS);
        assertEquals(ImportedRun.FINISHED, run.status());
        assertEquals("run-a", run.name());
        assertEquals(List.of(0L, 10L, 20L), run.steps().stream().map(ImportedRun.Step::step).toList());
        ImportedRun.Step s0 = run.steps().get(0);
        assertEquals(2.5, s0.trainLoss());
        assertEquals(2.75, s0.valLoss());
        assertEquals(0.001f, s0.learningRate().floatValue());
        assertEquals(1000, s0.wallMs(), "wall time since the first event (1000.0 s)");
        assertNull(run.steps().get(1).valLoss());
        assertEquals(1.375, run.steps().get(2).valLoss());
        assertEquals(3250, run.steps().get(2).wallMs());
        assertEquals(12345.0, run.lastValues().get("model/params"));
        assertEquals(1_000_000L, run.startedAtMillis());
        assertTrue(run.rejects().isEmpty());
        assertTrue(run.runId().matches("imp-[0-9a-f]{16}"));
        assertEquals(run.runId(), TensorBoardRun.read("logs/run-a", files, COLUMNS).runId(), "stable id");
    }

    @Test
    void anUndecodableEventIsRejectedAndACutFileMakesTheRunRunning() {
        byte[] garbage = {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x01, 0x02};
        byte[] bytes = events(List.of(scalar(1, 1000.0, "loss", 0.5f).toByteArray(), garbage,
                scalar(2, 1001.0, "loss", 0.25f).toByteArray()));
        byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length - 3);
        ImportedRun run = TensorBoardRun.read("r", Map.of("events.out.tfevents.1", cut), COLUMNS);
        assertEquals(ImportedRun.RUNNING, run.status());
        assertEquals(List.of(1L), run.steps().stream().map(ImportedRun.Step::step).toList());
        assertEquals(1, run.rejects().size());
        assertEquals("undecodable_event", run.rejects().get(0).reason());
        assertEquals("r/events.out.tfevents.1", run.rejects().get(0).file());
    }

    @Test
    void theHparamsPluginGivesHyperparametersAndTheSessionsStatus() {
        org.losslab.common.runs.imports.proto.TensorBoardEvents.SessionStartInfo start =
                org.losslab.common.runs.imports.proto.TensorBoardEvents.SessionStartInfo.newBuilder()
                        .putHparams("lr", com.google.protobuf.Value.newBuilder().setNumberValue(0.001).build())
                        .putHparams("width", com.google.protobuf.Value.newBuilder().setNumberValue(64).build())
                        .putHparams("optimizer", com.google.protobuf.Value.newBuilder().setStringValue("adamw").build())
                        .build();
        Event started = hparams("_hparams_/session_start_info",
                org.losslab.common.runs.imports.proto.TensorBoardEvents.HParamsPluginData.newBuilder().setVersion(0)
                        .setSessionStartInfo(start).build().toByteString());
        Event ended = hparams("_hparams_/session_end_info",
                org.losslab.common.runs.imports.proto.TensorBoardEvents.HParamsPluginData.newBuilder().setVersion(0)
                        .setSessionEndInfo(org.losslab.common.runs.imports.proto.TensorBoardEvents.SessionEndInfo
                                .newBuilder().setStatus(2)).build().toByteString());
        ImportedRun run = TensorBoardRun.read("r", Map.of("events.out.tfevents.1", events(List.of(
                started.toByteArray(), scalar(1, 1000.0, "loss", 0.5f).toByteArray(), ended.toByteArray()))),
                COLUMNS);
        assertEquals("0.001", run.hyperparameters().get("lr"));
        assertEquals("64", run.hyperparameters().get("width"));
        assertEquals("adamw", run.hyperparameters().get("optimizer"));
        assertEquals(ImportedRun.FAILED, run.status(), "session end status 2: failure");
        assertEquals(1, run.steps().size(), "the hparams summaries are not scalars");
    }

    private static Event hparams(String tag, ByteString content) {
        return Event.newBuilder().setWallTime(1000.0).setSummary(Summary.newBuilder().addValue(Summary.Value
                .newBuilder().setTag(tag).setMetadata(SummaryMetadata.newBuilder().setPluginData(
                        SummaryMetadata.PluginData.newBuilder().setPluginName("hparams").setContent(content)))
                .setTensor(TensorProto.newBuilder().setDtype(DataType.DT_FLOAT)))).build();
    }

    @Test
    void halfAndBfloat16TensorsAreScalarsToo() {
        Summary.Value half = Summary.Value.newBuilder().setTag("x").setTensor(TensorProto.newBuilder()
                .setDtype(DataType.DT_HALF).addHalfVal(0x3e00)).build(); // 1.5 in binary16
        assertEquals(1.5, TensorBoardRun.scalar(half));
        Summary.Value bf16 = Summary.Value.newBuilder().setTag("x").setTensor(TensorProto.newBuilder()
                .setDtype(DataType.DT_BFLOAT16).addHalfVal(0x3fc0)).build(); // 1.5 in bfloat16
        assertEquals(1.5, TensorBoardRun.scalar(bf16));
        Summary.Value vector = Summary.Value.newBuilder().setTag("x").setTensor(TensorProto.newBuilder()
                .setDtype(DataType.DT_FLOAT).addFloatVal(1f).addFloatVal(2f).setTensorShape(
                        org.losslab.common.runs.imports.proto.TensorBoardEvents.TensorShapeProto.newBuilder()
                                .addDim(org.losslab.common.runs.imports.proto.TensorBoardEvents.TensorShapeProto.Dim
                                        .newBuilder().setSize(2)))).build();
        assertNull(TensorBoardRun.scalar(vector), "a vector is not a scalar");
    }

    @Test
    void anMlflowRunFolderWithNestedMetricKeysParamsTagsAndABadLine() {
        Map<String, byte[]> files = new HashMap<>();
        files.put("meta.yaml", utf8("artifact_uri: file:///tmp/mlruns/1/abc/artifacts\nend_time: 1700000009000\n"
                + "experiment_id: '1'\nlifecycle_stage: active\nrun_id: abc\nrun_name: bright-owl-7\n"
                + "run_uuid: abc\nstart_time: 1700000000000\nstatus: 3\ntags: []\nuser_id: someone\n"));
        files.put("metrics/train/loss", utf8("1700000001000 2.0 0\n1700000002000 1.5 1\n1700000003000 1.0 2\n"));
        files.put("metrics/val_loss", utf8("1700000002500 1.75 1\nnot a line\n1700000003500 1.25 2\n"));
        files.put("params/lr", utf8("0.01"));
        files.put("params/n_params", utf8("250000\n"));
        files.put("tags/mlflow.runName", utf8("bright-owl-7"));
        ImportedRun run = MlflowRun.read("mlruns/1/abc", files, COLUMNS);
        assertEquals("abc", run.frameworkRunId());
        assertEquals("bright-owl-7", run.name());
        assertEquals(ImportedRun.FINISHED, run.status());
        assertEquals("0.01", run.hyperparameters().get("lr"));
        assertEquals("bright-owl-7", run.hyperparameters().get("tag.mlflow.runName"));
        assertEquals(3, run.steps().size());
        assertEquals(1.5, run.steps().get(1).trainLoss());
        assertEquals(1.75, run.steps().get(1).valLoss());
        assertEquals(2500, run.steps().get(1).wallMs(), "since start_time, when the step's last value was logged");
        assertEquals(1, run.rejects().size());
        assertEquals(2L, run.rejects().get(0).line());
        assertEquals("mlruns/1/abc/metrics/val_loss", run.rejects().get(0).file());
        files.put("meta.yaml", utf8("run_id: abc\nstatus: 1\n"));
        assertEquals(ImportedRun.RUNNING, MlflowRun.read("mlruns/1/abc", files, COLUMNS).status());
        files.remove("meta.yaml");
        assertThrows(IllegalArgumentException.class, () -> MlflowRun.read("mlruns/1/abc", files, COLUMNS));
    }

    @Test
    void aRealMlflowRunFromAPublicRepository() throws IOException {
        String dir = "real/mlflow/mlruns/18/10cac6c252254a3e9adde3004e611a59/";
        Map<String, byte[]> files = new HashMap<>();
        for (String name : List.of("meta.yaml", "metrics/init_cash", "metrics/experiment_extra_num", "params/Start",
                "params/End Value", "params/Profit Factor")) {
            files.put(name, resource(dir + name));
        }
        ImportedRun run = MlflowRun.read("mlruns/18/10cac6c252254a3e9adde3004e611a59", files, COLUMNS);
        assertEquals("10cac6c252254a3e9adde3004e611a59", run.frameworkRunId());
        assertEquals(ImportedRun.FINISHED, run.status(), "status: 3");
        assertEquals(1665615338240L, run.startedAtMillis());
        assertEquals(1665615348276L, run.endedAtMillis());
        assertEquals(1000.0, run.lastValues().get("init_cash"));
        assertEquals(3, run.hyperparameters().keySet().stream().filter(k -> !k.startsWith("mlflow.")).count());
        assertTrue(run.steps().isEmpty(), "a backtest logs no loss: nothing maps to a column");
    }

    @Test
    void realHuggingFaceTrainerStates() throws IOException {
        ImportedRun run = HfTrainerState.read("results/checkpoint-8610/trainer_state.json",
                resource("real/hf-trainer/checkpoint-8610/trainer_state.json"), null, COLUMNS);
        assertEquals(ImportedRun.FINISHED, run.status(), "global_step 8610 of max_steps 8610");
        assertEquals("checkpoint-8610", run.name());
        assertEquals(17, run.steps().size(), "one step per 500 with loss and eval_loss (500..8500)");
        ImportedRun.Step first = run.steps().get(0);
        assertEquals(500, first.step());
        assertEquals(1.4746, first.trainLoss());
        assertEquals(1.0606613159179688, first.valLoss());
        assertEquals(4.709639953542393e-05, first.learningRate());
        assertEquals(2000L, first.examplesSeen(), "step x train_batch_size 4");
        assertEquals(0, first.epoch());
        assertEquals(0.8508255481719971, run.steps().get(16).valLoss());
        assertEquals("3", run.hyperparameters().get("num_train_epochs"));
        assertNull(run.params(), "no config.json beside it");

        ImportedRun older = HfTrainerState.read("results/checkpoint-500/trainer_state.json",
                resource("real/hf-trainer/checkpoint-500/trainer_state.json"), utf8("{\"model_type\": \"gpt2\","
                        + " \"n_layer\": 12, \"n_embd\": 768, \"vocab_size\": 50257}"), COLUMNS);
        assertEquals(ImportedRun.RUNNING, older.status(), "global_step 500 of max_steps 555");
        assertTrue(older.steps().stream().allMatch(s -> s.trainLoss() != null && s.valLoss() == null));
        assertEquals(12L * 12 * 768 * 768, older.params(), "Kaplan's non-embedding N from the config");
        assertEquals("gpt2", older.hyperparameters().get("config.model_type"));
        assertThrows(IllegalArgumentException.class, () -> HfTrainerState.read("x.json", utf8("{\"a\": 1}"), null,
                COLUMNS));
    }

    @Test
    void aTrainerStateWrittenHereWithTokensSeenAnEntryWithoutAStepAndAMissingLogHistory() {
        byte[] state = utf8("{\"global_step\": 30, \"max_steps\": 30, \"train_batch_size\": 8, \"log_history\": ["
                + "{\"loss\": 2.0, \"learning_rate\": 1e-4, \"num_input_tokens_seen\": 5120, \"epoch\": 0.5, \"step\": 10},"
                + "{\"eval_loss\": 1.9, \"eval_accuracy\": 0.41, \"epoch\": 0.5, \"step\": 10},"
                + "{\"loss\": 1.5, \"num_input_tokens_seen\": 10240, \"epoch\": 1.0},"
                + "{\"loss\": 1.2, \"num_input_tokens_seen\": 15360, \"epoch\": 1.5, \"step\": 30},"
                + "{\"train_runtime\": 12.5, \"train_loss\": 1.6, \"epoch\": 1.5, \"step\": 30}]}");
        ImportedRun run = HfTrainerState.read("out/trainer_state.json", state, null, COLUMNS);
        assertEquals(ImportedRun.FINISHED, run.status());
        assertEquals(List.of(10L, 30L), run.steps().stream().map(ImportedRun.Step::step).toList());
        assertEquals(5120L, run.steps().get(0).examplesSeen(), "tokens seen, logged, win over step x batch");
        assertEquals(0.41, run.steps().get(0).valAccuracy());
        assertEquals(2.0, run.steps().get(0).trainLoss(), "the step's loss, not the closing entry's mean train_loss");
        assertEquals(1.2, run.steps().get(1).trainLoss());
        assertEquals("1.6", run.hyperparameters().get("final.train_loss"));
        assertEquals(1.9, run.steps().get(0).valLoss());
        assertEquals(1, run.rejects().size());
        assertEquals("no_step", run.rejects().get(0).reason());
        assertEquals(5, run.records());
        assertThrows(IllegalArgumentException.class, () -> HfTrainerState.read("x.json", utf8("{\"log_history\": 3}"),
                null, COLUMNS));
    }

    @Test
    void aRealLightningCsvLoggerFolderWithCrlfAndSplitTrainAndValidationRows() throws IOException {
        String dir = "real/lightning-csv/lightning_logs/version_0/";
        ImportedRun run = LightningCsv.read("lightning_logs/version_0", resource(dir + "metrics.csv"),
                resource(dir + "hparams.yaml"), COLUMNS);
        assertEquals("version_0", run.name());
        ImportedRun.Step first = run.steps().get(0);
        assertEquals(49, first.step());
        assertEquals(0.04631919413805008, first.trainLoss());
        assertNull(first.valLoss());
        ImportedRun.Step validation = run.steps().stream().filter(s -> s.step() == 150).findFirst().orElseThrow();
        assertEquals(0.00173093075864017, validation.valLoss());
        assertNull(validation.trainLoss());
        assertEquals("256", run.hyperparameters().get("batch_size"));
        assertEquals("true", run.hyperparameters().get("pin_memory"));
        assertTrue(run.rejects().isEmpty());
    }

    @Test
    void csvInLongAndWideLayoutsWithABadValue() {
        List<ImportedRun> wide = CsvRuns.read("w.csv", utf8("run_id,step,loss,val_loss\na,0,2.0,\na,10,1.0,1.5\n"
                + "b,0,3.0,\nb,10,oops,2.5\n"), null, null, COLUMNS);
        assertEquals(List.of("a", "b"), wide.stream().map(ImportedRun::frameworkRunId).toList());
        assertEquals(1.5, wide.get(0).steps().get(1).valLoss());
        assertEquals(1, wide.get(1).rejects().size());
        assertEquals(5L, wide.get(1).rejects().get(0).line());
        assertEquals(2.5, wide.get(1).steps().get(1).valLoss(), "the row's other values are kept");

        List<ImportedRun> longRows = CsvRuns.read("l.csv", utf8("iteration,metric,value\n0,train/loss,2\n"
                + "0,eval/loss,2.5\n5,train/loss,1\n5,grad_norm,9\n"), null, null, COLUMNS);
        assertEquals(1, longRows.size());
        assertNull(longRows.get(0).frameworkRunId(), "no run column: the file is one run");
        assertEquals(2.5, longRows.get(0).steps().get(0).valLoss());
        assertEquals(1.0, longRows.get(0).steps().get(1).trainLoss());
        assertThrows(IllegalArgumentException.class, () -> CsvRuns.read("x.csv", utf8("a,b\n1,2\n"), null, null,
                COLUMNS));
    }

    @Test
    void aNanOrInfiniteValueIsRejectedWhereItStandsAndTheRestIsKept() {
        ImportedRun tb = TensorBoardRun.read("r", Map.of("events.out.tfevents.1", events(List.of(
                scalar(1, 1000.0, "loss", 0.5f).toByteArray(), scalar(2, 1001.0, "loss", Float.NaN).toByteArray(),
                scalar(3, 1002.0, "loss", 0.25f).toByteArray()))), COLUMNS);
        assertEquals(List.of(1L, 3L), tb.steps().stream().map(ImportedRun.Step::step).toList());
        assertEquals("non_finite", tb.rejects().get(0).reason());
        assertTrue(tb.rejects().get(0).offset() > 0);

        Map<String, byte[]> mlflow = new HashMap<>();
        mlflow.put("meta.yaml", utf8("run_id: x\nstatus: 3\n"));
        mlflow.put("metrics/loss", utf8("1 2.0 0\n2 nan 1\n3 1.0 2\n"));
        ImportedRun ml = MlflowRun.read("m", mlflow, COLUMNS);
        assertEquals(2, ml.steps().size());
        assertEquals(2L, ml.rejects().get(0).line());
        assertEquals("non_finite", ml.rejects().get(0).reason());

        ImportedRun hf = HfTrainerState.read("t.json", utf8("{\"log_history\": [{\"loss\": NaN, \"step\": 1},"
                + " {\"loss\": Infinity, \"step\": 2}, {\"loss\": 0.5, \"step\": 3}]}"), null, COLUMNS);
        assertEquals(List.of(3L), hf.steps().stream().map(ImportedRun.Step::step).toList(),
                "Python's json writes NaN and Infinity; the file is still read");
        assertEquals(2, hf.rejects().stream().filter(r -> r.reason().equals("non_finite")).count());

        List<ImportedRun> csv = CsvRuns.read("c.csv", utf8("step,loss\n1,2.0\n2,nan\n3,-inf\n4,1.0\n"), null, null,
                COLUMNS);
        assertEquals(List.of(1L, 4L), csv.get(0).steps().stream().map(ImportedRun.Step::step).toList());
        assertEquals(List.of(3L, 4L), csv.get(0).rejects().stream().map(ImportReject::line).toList());
    }

    @Test
    void columnNamesCanBeReplacedAndABadMappingIsRefused() {
        MetricColumns custom = MetricColumns.withOverrides(List.of("val_loss=holdout/nll|dev_nll"));
        assertEquals(Map.of("val_loss", "dev_nll", "train_loss", "loss"), custom.resolve(List.of("loss", "dev_nll",
                "val_loss")));
        assertEquals("Train/Loss", MetricColumns.defaults().resolve(List.of("Train/Loss")).get("train_loss"));
        assertThrows(IllegalArgumentException.class, () -> MetricColumns.withOverrides(List.of("nonsense=x")));
        assertThrows(IllegalArgumentException.class, () -> MetricColumns.withOverrides(List.of("val_loss=")));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = ImportFormatsTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("no test resource " + name);
            }
            return in.readAllBytes();
        }
    }
}
