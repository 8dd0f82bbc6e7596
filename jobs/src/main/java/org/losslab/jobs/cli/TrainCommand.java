package org.losslab.jobs.cli;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.spark.sql.SparkSession;
import org.losslab.common.features.FeatureConfig;
import org.losslab.jobs.spark.SparkSessions;
import org.losslab.jobs.train.Models;
import org.losslab.jobs.train.TrainModel;


import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code losslab train}: one DL4J network trained data-parallel with parameter averaging, every step recorded. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a DL4J network with Spark parameter averaging on plasticc_features (building the"
                + " features first if needed), the modular-arithmetic probe, or log_sequences (next-event"
                + " prediction, then detect-anomalies); record the run in runs, every step in run_metrics, results in"
                + " run_summary, checkpoints under <warehouse>/_checkpoints/<run_id>/.")
final class TrainCommand extends SparkCommand {

    @Option(names = "--task", paramLabel = "plasticc|modadd|logs", defaultValue = "plasticc",
            description = "What to train on: plasticc_features, the modular-arithmetic grokking probe (all pairs"
                    + " (a, b) mod p, one-hot inputs, an mlp trained full batch), or the log_sequences of --system"
                    + " (DeepLog-style: predict each event from the --history before it, normal train windows only)."
                    + " Default: ${DEFAULT-VALUE}.")
    String task;

    @Option(names = "--system", paramLabel = "NAME", split = ",",
            description = "logs: the system(s) whose log_sequences train the model (repeatable or comma-separated)."
                    + " Default: none.")
    java.util.List<String> systems;

    @Option(names = "--history", paramLabel = "H", defaultValue = "10",
            description = "logs: events before the predicted one that the model sees. Default: ${DEFAULT-VALUE}.")
    int history;

    @Option(names = "--event-counts", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "logs: the model also reads how many times each event has occurred in the window so far"
                    + " (LogAnomaly's quantitative pattern; --no-event-counts: the event sequence alone, as DeepLog)."
                    + " Default: ${DEFAULT-VALUE}.")
    boolean eventCounts;

    @Option(names = "--top-k", paramLabel = "K", defaultValue = "9",
            description = "logs: k of the top-k next-event accuracy in run_summary. Default: ${DEFAULT-VALUE}.")
    int topK;

    @Option(names = "--p", paramLabel = "P", defaultValue = "97",
            description = "modadd: the modulus p. Default: ${DEFAULT-VALUE}.")
    int p;

    @Option(names = "--op", paramLabel = "add|sub|mul|div", defaultValue = "add",
            description = "modadd: the operation (div needs a prime p and leaves out b = 0). Default: ${DEFAULT-VALUE}.")
    String op;

    @Option(names = "--train-fraction", paramLabel = "F", defaultValue = "0.5",
            description = "modadd: share of all pairs used for training (seeded random split; the rest validate)."
                    + " Default: ${DEFAULT-VALUE}.")
    double trainFraction;

    @Option(names = "--output-activation", paramLabel = "softmax|stablemax", defaultValue = "softmax",
            description = "Output layer: softmax, or StableMax (Prieto et al. 2025), with cross-entropy."
                    + " Default: ${DEFAULT-VALUE}.")
    String outputActivation;

    @Option(names = "--perp-grad", arity = "0..1", fallbackValue = "true", defaultValue = "false",
            paramLabel = "true|false",
            description = "Remove from each weight matrix's gradient its component along the weights (the"
                    + " perpendicular gradient of Prieto et al. 2025). Default: ${DEFAULT-VALUE}.")
    boolean perpGrad;

    @Option(names = "--model", paramLabel = "mlp|lstm|attention", defaultValue = "mlp",
            description = "mlp on summary features, masked lstm, or self-attention over the masked sequence."
                    + " Default: ${DEFAULT-VALUE}.")
    String model;

    @Option(names = "--width", paramLabel = "N", defaultValue = "64", description = "Units per layer."
            + " Default: ${DEFAULT-VALUE}.")
    int width;

    @Option(names = "--depth", paramLabel = "N", defaultValue = "2", description = "Hidden layers."
            + " Default: ${DEFAULT-VALUE}.")
    int depth;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "5",
            description = "Passes over the training set; for modadd the full-batch steps, rounded up to whole"
                    + " averaging rounds. Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--batch-size-per-worker", paramLabel = "N",
            description = "Minibatch size on each worker; 0 = full batch (modadd: the training set split across"
                    + " the workers). Default: 32 for plasticc, 0 for modadd, 128 for logs.")
    Integer batchSizePerWorker;

    @Option(names = "--workers", paramLabel = "N", defaultValue = "0",
            description = "Data-parallel workers; 0 = Spark's default parallelism. Default: ${DEFAULT-VALUE}.")
    int workers;

    @Option(names = "--averaging-frequency", paramLabel = "N", defaultValue = "5",
            description = "Minibatches between parameter averagings. Default: ${DEFAULT-VALUE}.")
    int averagingFrequency;

    @Option(names = "--learning-rate", paramLabel = "LR", defaultValue = "0.001",
            description = "Peak learning rate (Adam). Default: ${DEFAULT-VALUE}.")
    double learningRate;

    @Option(names = "--lr-schedule", paramLabel = "constant|cosine|warmup-stable-decay", defaultValue = "constant",
            description = "Default: ${DEFAULT-VALUE}.")
    String lrSchedule;

    @Option(names = "--warmup-steps", paramLabel = "N", defaultValue = "0",
            description = "Linear warm-up steps of cosine and warmup-stable-decay. Default: ${DEFAULT-VALUE}.")
    int warmupSteps;

    @Option(names = "--weight-decay", paramLabel = "WD", defaultValue = "0.0",
            description = "Decoupled weight decay (AdamW). Default: ${DEFAULT-VALUE}.")
    double weightDecay;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--run-id", paramLabel = "ID",
            description = "Run id (letters, digits, '_', '.', '-'). Default: generated from the time.")
    String runId;

    @Option(names = "--sweep-id", paramLabel = "ID", description = "Sweep this run belongs to. Default: none.")
    String sweepId;

    @Option(names = "--class-weighting", paramLabel = "none|balanced|kaggle", defaultValue = "kaggle",
            description = "Loss weights: balanced = inverse class frequency; kaggle = balanced times the PLAsTiCC"
                    + " metric's class weights (plasticc; modadd trains unweighted). Default: ${DEFAULT-VALUE}.")
    String classWeighting;

    @Option(names = "--eval-every", paramLabel = "K", defaultValue = "20",
            description = "Validation loss and accuracy every K steps (and at the end); 0 = only at the end."
                    + " Default: ${DEFAULT-VALUE}.")
    int evalEvery;

    @Option(names = "--checkpoint-every", paramLabel = "E", defaultValue = "1",
            description = "Checkpoint every E epochs (and at the end); 0 = only at the end. Default: ${DEFAULT-VALUE}.")
    int checkpointEvery;

    @Option(names = "--resume", description = "Continue --run-id from its last checkpoint. Default: ${DEFAULT-VALUE}.")
    boolean resume;

    @Option(names = "--data-fraction", paramLabel = "F", defaultValue = "1.0",
            description = "Train on this share of the training split (by object id hash). Default: ${DEFAULT-VALUE}.")
    double dataFraction;

    @Option(names = "--sequence-length", paramLabel = "L", defaultValue = "" + FeatureConfig.DEFAULT_SEQUENCE_LENGTH,
            description = "Sequence length the features are built with. Default: ${DEFAULT-VALUE}.")
    int sequenceLength;

    @Option(names = "--rdd-approach", paramLabel = "export|direct", defaultValue = "export",
            description = "How training data reaches the workers: export = minibatch files written once under"
                    + " <warehouse>/_tmp/dl4j-export/ and read by each averaging round (the warehouse is shared by"
                    + " every executor, so this works on any cluster); direct = DL4J's Direct approach, examples"
                    + " cached in Spark and re-split every round. Default: ${DEFAULT-VALUE}.")
    String rddApproach;

    @Option(names = "--slot-wait", paramLabel = "SECONDS", defaultValue = "60",
            description = "On a cluster, wait this long for one task slot per worker before training (executors"
                    + " starting, workers joining); with fewer slots the run goes on with a warning, its rounds in"
                    + " waves. Default: ${DEFAULT-VALUE}.")
    int slotWaitSeconds;

    @Override
    Map<String, String> sessionDefaults() {
        return SparkSessions.TRAINING_DEFAULTS;
    }

    /** The run these options describe, writing to {@code warehouse}. */
    TrainModel.Options trainOptions(String warehouse) {
        boolean modular = "modadd".equals(task);
        // logs: next-event examples are small and many; 128 per worker keeps the averaging rounds few
        int batch = batchSizePerWorker != null ? batchSizePerWorker : modular ? 0 : "logs".equals(task) ? 128 : 32;
        return new TrainModel.Options(warehouse, task, Models.Kind.parse(model), width, depth, epochs,
                batch, workers > 0 ? workers : null, averagingFrequency, learningRate, lrSchedule,
                warmupSteps, weightDecay, seed, runId, sweepId, classWeighting, evalEvery, checkpointEvery, resume,
                dataFraction, sequenceLength, outputActivation, perpGrad,
                modular ? new TrainModel.ModularTask(p, op, trainFraction) : null,
                "logs".equals(task) ? new TrainModel.LogsTask(systems, history, topK, eventCounts) : null, rddApproach,
                slotWaitSeconds);
    }

    @Override
    CommandResult run(SparkSession spark) {
        TrainModel.Result result = new TrainModel(trainOptions(warehouse())).run(spark);
        if (!result.finished()) {
            throw new TrainingFailedException(result);
        }
        return new CommandResult(summary(result), json(result));
    }

    static Map<String, Object> json(TrainModel.Result r) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("run_id", r.runId());
        json.put("status", r.status());
        json.put("failure_reason", r.failureReason());
        json.put("params", r.params());
        json.put("train_examples", r.trainExamples());
        json.put("steps", r.steps());
        json.put("final_train_loss", r.finalTrainLoss());
        json.put("best_val_loss", r.bestValLoss());
        json.put("final_val_loss", r.finalValLoss());
        json.put("final_train_accuracy", r.finalTrainAccuracy());
        json.put("final_val_accuracy", r.finalValAccuracy());
        json.putAll(r.test());
        json.put("prior_weighted_log_loss", r.priorWeightedLogLoss());
        json.put("checkpoint", r.checkpoint());
        return json;
    }

    static String summary(TrainModel.Result r) {
        StringBuilder text = new StringBuilder(String.format("Run %s %s: %,d parameters, %,d training examples, %d steps%n",
                r.runId(), r.status(), r.params(), r.trainExamples(), r.steps()));
        text.append(String.format("  train loss %s, validation loss %s (best %s), train accuracy %s, validation"
                + " accuracy %s%n", fmt(r.finalTrainLoss()), fmt(r.finalValLoss()), fmt(r.bestValLoss()),
                fmt(r.finalTrainAccuracy()), fmt(r.finalValAccuracy())));
        if (r.test().containsKey("test_top1_accuracy")) {
            text.append(String.format("  test next event: top-1 accuracy %s, top-k accuracy %s, cross-entropy %s"
                    + " nats per event; score the test windows with: detect-anomalies --run %s%n",
                    fmt(r.test().get("test_top1_accuracy")), fmt(r.test().get("test_topk_accuracy")),
                    fmt(r.test().get("test_cross_entropy")), r.runId()));
        } else if (r.test().containsKey("test_weighted_log_loss")) {
            text.append(String.format("  test weighted log-loss %s (class prior %s), flat %s, accuracy %s,"
                    + " micro ROC-AUC %s, micro PR-AUC %s%n", fmt(r.test().get("test_weighted_log_loss")),
                    fmt(r.priorWeightedLogLoss()), fmt(r.test().get("test_flat_log_loss")),
                    fmt(r.test().get("test_accuracy")), fmt(r.test().get("test_micro_roc_auc")),
                    fmt(r.test().get("test_micro_pr_auc"))));
        }
        text.append("  checkpoint ").append(r.checkpoint());
        return text.toString();
    }

    private static String fmt(Double value) {
        return value == null ? "n/a" : String.format("%.4f", value);
    }

    /** A run that ended failed: the command exits 1 with the run's reason (the run tables have it too). */
    static final class TrainingFailedException extends RuntimeException {
        TrainingFailedException(TrainModel.Result result) {
            super("run " + result.runId() + " failed: " + result.failureReason());
        }
    }

}
