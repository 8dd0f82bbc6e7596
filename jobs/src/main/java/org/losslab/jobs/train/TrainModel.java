package org.losslab.jobs.train;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.deeplearning4j.util.ModelSerializer;
import org.losslab.common.progress.ProgressLine;
import org.losslab.common.features.ClassIndex;
import org.losslab.common.features.SplitAssigner;
import org.losslab.common.grokking.ModularArithmetic;
import org.losslab.common.grokking.SoftmaxCollapse;
import org.losslab.common.metrics.ClassificationMetrics;
import org.losslab.common.metrics.ClassificationReport;
import org.losslab.common.metrics.PlasticcLogLoss;
import org.losslab.common.metrics.PriorBaseline;
import org.losslab.jobs.features.BuildFeatures;
import org.losslab.jobs.spark.ExecutorSlots;
import org.losslab.jobs.train.StepRecorder.NonFiniteLossException;
import org.losslab.jobs.train.StepRecorder.StepRow;
import org.losslab.jobs.warehouse.TableSchemas;
import org.losslab.jobs.warehouse.Warehouse;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains one DL4J network on {@code plasticc_features} (or on the modular-arithmetic probe) data-parallel with parameter averaging
 * ({@link SparkDl4jMultiLayer} + {@link ParameterAveragingTrainingMaster}) on whatever master the session
 * has, and records the run: its {@code runs} row (running, then finished or failed with the reason), every
 * step in {@code run_metrics} (flushed after each epoch), validation every {@code evalEvery} steps and at the
 * end, test metrics against the class-prior baseline in {@code run_summary}, and checkpoints under
 * {@code <warehouse>/_checkpoints/<run_id>/} from which a run resumes with its step numbering intact.
 */
public final class TrainModel {
    private static final Logger LOG = LoggerFactory.getLogger(TrainModel.class);
    static final String CHECKPOINTS = "_checkpoints";

    /**
     * How training data reaches the workers: {@code export} (default) writes minibatch files under the warehouse
     * once and each averaging round reads its files ({@link MinibatchFiles}); {@code direct} is DL4J-Spark's
     * Direct approach, the examples cached in Spark and re-split and shuffled every round.
     */
    public static final List<String> RDD_APPROACHES = List.of("export", "direct");
    /** The tasks {@code train} knows. */
    public static final List<String> TASKS = List.of("plasticc", "modadd", "logs");
    /** How often at most a running run rewrites its {@code runs} row as a heartbeat ({@code heartbeat_at}). */
    public static final long HEARTBEAT_MILLIS = 60_000;
    /** Training examples at most in the per-evaluation training-set metrics (a fixed sample above that). */
    static final int TRAIN_EVAL_LIMIT = 4096;

    /**
     * The modular-arithmetic probe: {@code p}, the operation and the share of all pairs used for training.
     * Each step is one pass over the whole training set (full batch, split across the workers).
     */
    public record ModularTask(int p, String op, double trainFraction) {
        public ModularTask {
            ModularArithmetic.Op.parse(op);
            new ModularArithmetic(p, ModularArithmetic.Op.parse(op)).split(trainFraction, 0);
        }

        ModularArithmetic task() {
            return new ModularArithmetic(p, ModularArithmetic.Op.parse(op));
        }
    }

    /** The last row with a validation loss, or null. */
    static StepRow latestValidated(List<StepRow> rows) {
        for (int i = rows.size() - 1; i >= 0; i--) {
            if (rows.get(i).valLoss() != null) {
                return rows.get(i);
            }
        }
        return null;
    }

    /**
     * The logs task: the systems whose {@code log_sequences} it trains on, the events of history each prediction
     * sees ({@code h}), the k of the top-k next-event accuracy, and whether the model also reads the window's
     * event counts so far ({@link NextEventInput}).
     */
    public record LogsTask(List<String> systems, int history, int topK, boolean eventCounts) {
        public LogsTask {
            if (systems == null || systems.isEmpty()) {
                throw new IllegalArgumentException("Task logs needs --system (one or more)");
            }
            systems = List.copyOf(systems);
            if (history < 1 || topK < 1) {
                throw new IllegalArgumentException("Cannot train logs with history " + history + " and top-k " + topK
                        + ": both must be >= 1");
            }
        }
    }

    /**
     * Every knob of a run; {@code workers} null means Spark's default parallelism, {@code runId} null a new id.
     * For {@code modadd} ({@code modular} set) {@code epochs} counts full-batch steps, rounded up to whole
     * averaging rounds of {@code averagingFrequency} steps, and {@code batchSizePerWorker} 0 means full batch.
     */
    public record Options(String warehouse, String task, Models.Kind model, int width, int depth, int epochs,
            int batchSizePerWorker, Integer workers, int averagingFrequency, double learningRate, String lrSchedule,
            int warmupSteps, double weightDecay, long seed, String runId, String sweepId, String classWeighting,
            int evalEvery, int checkpointEvery, boolean resume, double dataFraction, int sequenceLength,
            String outputActivation, boolean perpGrad, ModularTask modular, LogsTask logs, String rddApproach,
            int slotWaitSeconds) {
        public Options {
            requireNonNull(warehouse, "warehouse");
            requireNonNull(model, "model");
            if (!TASKS.contains(task)) {
                throw new IllegalArgumentException("Cannot train task '" + task + "': use " + String.join(" or ", TASKS));
            }
            if ("modadd".equals(task) != (modular != null)) {
                throw new IllegalArgumentException("Task " + task + (modular == null ? " needs" : " takes no")
                        + " modular-arithmetic settings");
            }
            if ("logs".equals(task) != (logs != null)) {
                throw new IllegalArgumentException("Task " + task + (logs == null ? " needs" : " takes no")
                        + " log settings (--system)");
            }
            if ("modadd".equals(task) && model != Models.Kind.MLP) {
                throw new IllegalArgumentException("Task modadd trains an mlp, not " + model.cliName());
            }
            boolean fullBatch = modular != null && batchSizePerWorker == 0;
            if (epochs < 1 || (batchSizePerWorker < 1 && !fullBatch) || averagingFrequency < 1
                    || (workers != null && workers < 1)) {
                throw new IllegalArgumentException("Cannot train with epochs " + epochs + ", batch size "
                        + batchSizePerWorker + ", averaging frequency " + averagingFrequency + ", workers " + workers
                        + ": all must be >= 1 (batch size 0 = full batch, modadd only)");
            }
            if (!(dataFraction > 0 && dataFraction <= 1)) {
                throw new IllegalArgumentException("Cannot train on a data fraction of " + dataFraction);
            }
            if (!List.of("none", "balanced", "kaggle").contains(classWeighting)) {
                throw new IllegalArgumentException("Unknown class weighting '" + classWeighting
                        + "': use none, balanced or kaggle");
            }
            Models.outputActivation(outputActivation);
            if (!RDD_APPROACHES.contains(rddApproach)) {
                throw new IllegalArgumentException("Unknown RDD training approach '" + rddApproach + "': use "
                        + String.join(" or ", RDD_APPROACHES));
            }
            if (resume && runId == null) {
                throw new IllegalArgumentException("Cannot resume without --run-id");
            }
        }
    }

    /** How the run ended. {@code test} holds the test metrics by their run_summary column names. */
    public record Result(String runId, String status, String failureReason, long params, long trainExamples,
            long steps, Double finalTrainLoss, Double bestValLoss, Double finalValLoss, Map<String, Double> test,
            Double priorWeightedLogLoss, String checkpoint, Double finalTrainAccuracy, Double finalValAccuracy) {
        public boolean finished() {
            return "finished".equals(status);
        }
    }

    private final Options options;

    public TrainModel(Options options) {
        this.options = requireNonNull(options, "options");
    }

    /** A new run id: time and a random suffix, safe as a partition value. */
    public static String newRunId() {
        return "r" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)) + "-"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0xFFFFFF));
    }

    public Result run(SparkSession spark) {
        String runId = options.runId() != null ? options.runId() : newRunId();
        Warehouse warehouse = Warehouse.open(spark, options.warehouse());
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        RunTables tables = new RunTables(warehouse, runId);
        Path exportDir = exportDirectory(warehouse, runId);
        Models.Kind kind = options.model();
        int workers = options.workers() != null ? options.workers() : jsc.defaultParallelism();
        awaitTaskSlots(spark, runId, workers);
        Timestamp startedAt = new Timestamp(System.currentTimeMillis());

        boolean export = "export".equals(options.rddApproach());
        TrainingTask task = task();
        TrainingData data;
        try {
            data = task.prepare(spark, warehouse, workers, export ? exportDir : null);
        } catch (Exception e) { // Spark rethrows checked exceptions (SparkException) undeclared
            deleteQuietly(warehouse, exportDir);
            throw e;
        } finally {
            spark.sparkContext().setJobDescription(null);
        }
        long totalSteps = data.stepsPerFit() * data.fitCalls();
        // cosine and warmup-stable-decay need a decay phase: warm-up takes at most half of the run
        ScheduleAdapter schedule = new ScheduleAdapter(options.lrSchedule(), options.learningRate(),
                Math.min(options.warmupSteps(), totalSteps / 2), Math.max(totalSteps, 2), 0.2, 0.0);

        Checkpoint resumed = options.resume() ? Checkpoint.latest(warehouse, runId) : null;
        if (resumed == null) {
            // a fresh run under an id used before (a retried sweep run) must not resume from the old attempt
            deleteQuietly(warehouse, new Path(new Path(warehouse.root(), CHECKPOINTS), runId));
        }
        MultiLayerNetwork net = resumed != null ? resumed.network() : newNetwork(schedule, data);
        List<StepRow> earlierSteps = resumed != null ? readSteps(spark, warehouse, runId) : List.of();
        int firstFit = resumed != null ? resumed.epochsDone() : 0;
        long params = net.numParams();
        RunRecord runRow = runRow(task, params, data.trainExamples(), workers, data.batchSizePerWorker(), spark,
                startedAt);
        if (resumed == null) {
            tables.clearEarlierAttempt(); // a run id trained before (an interrupted sweep run) starts clean
        }
        runRow = runRow.withStatus("running", null, resumed != null ? resumed.path() : null, null);
        tables.writeRun(runRow);
        long lastHeartbeat = System.currentTimeMillis();
        LOG.info("Run {}: {} {} with {} parameters on {} training examples, {} workers, {} steps{}", runId,
                options.task(), kind.cliName(), params, data.trainExamples(), workers, totalSteps,
                resumed != null ? ", resumed after fit " + firstFit : "");

        long lastWall = earlierSteps.isEmpty() ? 0 : earlierSteps.get(earlierSteps.size() - 1).wallMs();
        long examplesBefore = earlierSteps.isEmpty() ? 0 : earlierSteps.get(earlierSteps.size() - 1).examplesSeen();
        StepRecorder recorder = new StepRecorder(System.currentTimeMillis() - lastWall, examplesBefore,
                earlierSteps, step -> schedule.schedule().at(step),
                options.evalEvery() <= 0 ? null : evaluateEvery(options.evalEvery(), () -> task.evaluate(net)));
        TrainingProgress progress = new TrainingProgress(TrainingProgress.configured(), System.err, runId, totalSteps,
                earlierSteps.size(), examplesBefore);
        recorder.afterRound(() -> progress.update(recorder.rows()));
        String checkpoint = resumed != null ? resumed.path() : null;
        try {
            RoundTrainingMaster master = trainingMaster(workers, data.batchSizePerWorker(),
                    options.averagingFrequency(), options.seed(), export);
            List<String> files = data.files();
            SparkDl4jMultiLayer sparkNet = new SparkDl4jMultiLayer(jsc, net, master);
            List<org.deeplearning4j.optimize.api.TrainingListener> workerListeners = new ArrayList<>();
            workerListeners.add(new StepListener());
            if (options.perpGrad()) {
                workerListeners.add(new PerpendicularGradient());
            }
            sparkNet.setListeners(recorder, workerListeners);
            long loopStart = System.nanoTime();
            for (int fit = firstFit; fit < data.fitCalls(); fit++) {
                spark.sparkContext().setJobDescription("train " + runId + ": " + task.unit() + " " + (fit + 1)
                        + " of " + data.fitCalls());
                if (!export) {
                    sparkNet.fit(data.train());
                } else if (data.round() != null) {
                    TrainingData.RoundLayout round = data.round();
                    List<String> slots = round.slots().stream().map(files::get).toList();
                    MinibatchFiles.fitRound(jsc, sparkNet, master, slots, round.slices());
                } else {
                    MinibatchFiles.fitEpoch(jsc, sparkNet, master, files, workers, options.averagingFrequency(),
                            options.seed(), fit);
                }
                recorder.finishRound();
                net.getLayerWiseConfigurations().setEpochCount(fit + 1);
                boolean last = fit + 1 == data.fitCalls();
                boolean report = last || (fit + 1) % task.reportEvery() == 0;
                if (report) {
                    progress.clear(); // before the commit's and the epoch's log lines
                    tables.writeMetrics(recorder.rows());
                }
                if (last || (options.checkpointEvery() > 0 && (fit + 1) % options.checkpointEvery() == 0)) {
                    checkpoint = Checkpoint.write(warehouse, runId, net, fit + 1);
                }
                if (!last && System.currentTimeMillis() - lastHeartbeat >= HEARTBEAT_MILLIS) {
                    progress.clear();
                    runRow = runRow.withHeartbeat(checkpoint, recorder.accelerators());
                    tables.writeRun(runRow);
                    lastHeartbeat = System.currentTimeMillis();
                }
                StepRow latest = recorder.last();
                if (report) {
                    // validation runs every --eval-every steps, so the epoch's last step usually has none: the latest
                    StepRow validated = latestValidated(recorder.rows());
                    double seconds = (System.nanoTime() - loopStart) / 1e9;
                    long examples = latest == null ? 0 : latest.examplesSeen() - examplesBefore;
                    double left = seconds / (fit + 1 - firstFit) * (data.fitCalls() - fit - 1);
                    LOG.info("Run {}: {} {}/{} done at step {}, train loss {}, validation loss {}, {} examples/s, {}",
                            runId, task.unit(), fit + 1, data.fitCalls(), latest == null ? "n/a" : latest.step(),
                            latest == null ? "n/a" : String.format(Locale.ROOT, "%.4f", latest.trainLoss()),
                            validated == null ? "n/a" : String.format(Locale.ROOT, "%.4f (step %d)",
                                    validated.valLoss(), validated.step()),
                            String.format(Locale.ROOT, "%,.0f", examples / Math.max(seconds, 1e-9)),
                            last ? "done in " + ProgressLine.duration(seconds)
                                    : "about " + ProgressLine.duration(left) + " left");
                }
            }
            progress.clear();
            StepRecorder.Evaluation finalEvaluation = task.evaluate(net);
            if (finalEvaluation != null) {
                recorder.evaluateLast(finalEvaluation);
            }
            tables.writeMetrics(recorder.rows());
            StepRow lastStep = recorder.last();
            StepRow best = recorder.rows().stream().filter(r -> r.valLoss() != null)
                    .min(java.util.Comparator.comparingDouble(StepRow::valLoss)).orElse(null);
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("best_val_loss", best == null ? null : best.valLoss());
            summary.put("best_step", best == null ? null : best.step());
            summary.put("final_val_loss", finalEvaluation == null ? null : finalEvaluation.valLoss());
            summary.put("final_train_loss", lastStep == null ? null : lastStep.trainLoss());
            summary.put("steps", (long) recorder.rows().size());
            summary.putAll(task.summarize(net));
            tables.writeSummary(summary);
            Map<String, Double> test = new LinkedHashMap<>();
            summary.forEach((column, value) -> {
                if (column.startsWith("test_") && value instanceof Double d) {
                    test.put(column, d);
                }
            });
            Double priorLoss = (Double) summary.get("prior_weighted_log_loss");
            tables.writeRun(runRow.withHeartbeat(checkpoint, recorder.accelerators())
                    .withStatus("finished", null, checkpoint, new Timestamp(System.currentTimeMillis())));
            return new Result(runId, "finished", null, params, data.trainExamples(), recorder.rows().size(),
                    lastStep == null ? null : lastStep.trainLoss(), best == null ? null : best.valLoss(),
                    finalEvaluation == null ? null : finalEvaluation.valLoss(), test, priorLoss, checkpoint,
                    finalEvaluation == null ? null : finalEvaluation.trainAccuracy(),
                    finalEvaluation == null ? null : finalEvaluation.valAccuracy());
        } catch (Exception e) { // Spark rethrows checked exceptions (SparkException) undeclared
            String reason = failureReason(e);
            LOG.error("Run {} failed: {}", runId, reason);
            tables.writeMetrics(recorder.rows());
            tables.writeRun(runRow.withHeartbeat(checkpoint, recorder.accelerators())
                    .withStatus("failed", reason, checkpoint, new Timestamp(System.currentTimeMillis())));
            StepRow lastStep = recorder.last();
            return new Result(runId, "failed", reason, params, data.trainExamples(), recorder.rows().size(),
                    lastStep == null ? null : lastStep.trainLoss(), null, null, Map.of(), null, checkpoint, null, null);
        } finally {
            spark.sparkContext().setJobDescription(null);
            deleteQuietly(warehouse, exportDirectory(warehouse, runId));
        }
    }

    /**
     * On a cluster, waits up to the slot wait for one task slot per worker (executors start, workers join);
     * with fewer, each averaging round runs its worker tasks in waves, which is slower but correct: say so.
     */
    private void awaitTaskSlots(SparkSession spark, String runId, int workers) {
        if (!ExecutorSlots.onCluster(spark)) {
            return;
        }
        int slots = ExecutorSlots.await(workers, options.slotWaitSeconds() * 1000L);
        if (slots < workers) {
            LOG.warn("Run {}: {} workers, but the cluster gives this application {} task slot(s) on {} executor(s)"
                    + " after waiting {} s: each averaging round runs its {} worker tasks in waves (slower, same"
                    + " result); lower --workers to {} or add executors", runId, workers, slots,
                    ExecutorSlots.executors(), options.slotWaitSeconds(), workers, Math.max(1, slots));
        }
    }

    /**
     * DL4J-Spark's parameter averaging as losslab uses it: {@code workers} workers of {@code batch} examples,
     * averaging every {@code averagingFrequency} steps, the updater (Adam) state averaged too; with the export
     * approach each round's RDD already holds its files, one slice per worker, so nothing is repartitioned.
     */
    static RoundTrainingMaster trainingMaster(int workers, int batch, int averagingFrequency, long seed,
            boolean export) {
        return new RoundTrainingMaster(new ParameterAveragingTrainingMaster.Builder(workers, 1)
                .batchSizePerWorker(batch)
                .averagingFrequency(averagingFrequency)
                .saveUpdater(true)
                .workerPrefetchNumBatches(0) // a prefetch thread is interrupted mid-read when a round ends
                .rngSeed(seed)
                .rddTrainingApproach(export ? RDDTrainingApproach.Export : RDDTrainingApproach.Direct)
                .repartionData(export ? Repartition.Never : Repartition.Always)
                .storageLevelStreams(null));
    }

    private static Path exportDirectory(Warehouse warehouse, String runId) {
        return new Path(warehouse.root(), "_tmp/dl4j-export/" + runId);
    }

    private TrainingTask task() {
        return switch (options.task()) {
            case "modadd" -> new ModularTraining(options);
            case "logs" -> new LogsTraining(options);
            default -> new PlasticcTraining(options);
        };
    }

    private MultiLayerNetwork newNetwork(ScheduleAdapter schedule, TrainingData data) {
        MultiLayerConfiguration conf = Models.configuration(new Models.Spec(options.model(), data.inputSize(),
                data.sequenceLength(), data.classes(), options.width(), options.depth(), schedule,
                options.weightDecay(), data.classWeights(), options.seed(),
                Models.outputActivation(options.outputActivation()), data.lastStep()));
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static StepRecorder.RoundHook evaluateEvery(int every,
            java.util.function.Supplier<StepRecorder.Evaluation> evaluation) {
        long[] lastEvaluated = {-1};
        return lastStep -> {
            if (lastStep / every == lastEvaluated[0] / every && lastEvaluated[0] >= 0) {
                return null;
            }
            lastEvaluated[0] = lastStep;
            return evaluation.get();
        };
    }

    /**
     * Validation and training-set figures (the training set or its evaluation sample; null: none), weight norm and
     * SC fraction of the network as it is now.
     */
    static StepRecorder.Evaluation evaluation(MultiLayerNetwork net, DataSet validation, int[] validationTargets,
            DataSet train, int[] trainTargets, double[] classWeights) {
        double[] val = evaluate(net, validation, validationTargets, classWeights);
        double[] tr = train == null ? null : evaluate(net, train, trainTargets, classWeights);
        return new StepRecorder.Evaluation(val[0], val[1], tr == null ? null : tr[0], tr == null ? null : tr[1],
                net.params().norm2Number().doubleValue(), tr == null ? null : tr[2]);
    }

    /** {loss, accuracy} of the network on a set, as {@link #evaluate(MultiLayerNetwork, DataSet, int[], double[])}. */
    static double[] validate(MultiLayerNetwork net, DataSet data, int[] targets, double[] classWeights) {
        return Arrays.copyOf(evaluate(net, data, targets, classWeights), 2);
    }

    /**
     * {loss, accuracy, SC fraction} of the network on a set. The loss is the training objective without weight
     * decay: the mean over examples of the class weight times the cross-entropy (probabilities floored at
     * 1e-15), as DL4J's weighted MCXENT computes it, so that train and validation curves are comparable. The SC
     * fraction is the share of examples whose float32 probability of the true class is exactly 1.
     */
    static double[] evaluate(MultiLayerNetwork net, DataSet data, int[] targets, double[] classWeights) {
        double[][] probabilities = probabilities(net, data);
        double loss = 0;
        int correct = 0;
        for (int i = 0; i < targets.length; i++) {
            double weight = classWeights == null ? 1.0 : classWeights[targets[i]];
            loss -= weight * Math.log(Math.max(probabilities[i][targets[i]], PlasticcLogLoss.EPSILON));
            if (ClassificationMetrics.argmax(probabilities[i]) == targets[i]) {
                correct++;
            }
        }
        return new double[] {loss / targets.length, (double) correct / targets.length,
            SoftmaxCollapse.fraction(probabilities, targets)};
    }

    static double[][] probabilities(MultiLayerNetwork net, DataSet data) {
        INDArray out = net.output(data.getFeatures(), false, data.getFeaturesMaskArray(), null);
        return rows(out);
    }

    /**
     * The rows of a matrix as doubles, from one bulk copy of its buffer. ND4J's {@code toDoubleMatrix} builds a
     * view and a copy per row, which took 30% as long as the LSTM's own forward pass when scoring log windows.
     */
    static double[][] rows(INDArray matrix) {
        if (matrix.rank() != 2) {
            throw new IllegalArgumentException("expected a matrix, got shape " + Arrays.toString(matrix.shape()));
        }
        INDArray dense = matrix.ordering() == 'c' && !matrix.isView() && matrix.data().length() == matrix.length()
                ? matrix : matrix.dup('c');
        int rows = (int) dense.rows();
        int columns = (int) dense.columns();
        double[][] out = new double[rows][columns];
        if (dense.dataType() == DataType.FLOAT) {
            float[] flat = dense.data().asFloat();
            for (int r = 0; r < rows; r++) {
                double[] row = out[r];
                int offset = r * columns;
                for (int c = 0; c < columns; c++) {
                    row[c] = flat[offset + c];
                }
            }
        } else {
            double[] flat = dense.data().asDouble();
            for (int r = 0; r < rows; r++) {
                System.arraycopy(flat, r * columns, out[r], 0, columns);
            }
        }
        return out;
    }

    private RunRecord runRow(TrainingTask task, long params, long trainExamples, int workers,
            int batchSizePerWorker, SparkSession spark, Timestamp startedAt) {
        Models.Kind kind = options.model();
        Map<String, String> hyper = new LinkedHashMap<>();
        hyper.put("model", kind.cliName());
        hyper.put("width", Integer.toString(options.width()));
        hyper.put("depth", Integer.toString(options.depth()));
        hyper.put("epochs", Integer.toString(options.epochs()));
        hyper.put("batch_size_per_worker", Integer.toString(batchSizePerWorker));
        hyper.put("workers", Integer.toString(workers));
        hyper.put("averaging_frequency", Integer.toString(options.averagingFrequency()));
        hyper.put("learning_rate", Double.toString(options.learningRate()));
        hyper.put("lr_schedule", options.lrSchedule());
        hyper.put("warmup_steps", Integer.toString(options.warmupSteps()));
        hyper.put("weight_decay", Double.toString(options.weightDecay()));
        hyper.put("class_weighting", task.classWeighting());
        hyper.put("seed", Long.toString(options.seed()));
        hyper.put("data_fraction", Double.toString(options.dataFraction()));
        hyper.put("eval_every", Integer.toString(options.evalEvery()));
        hyper.put("output_activation", options.outputActivation());
        hyper.put("perp_grad", Boolean.toString(options.perpGrad()));
        hyper.putAll(task.hyperparameters());
        hyper.put("rdd_approach", options.rddApproach());
        return new RunRecord(options.sweepId(), options.task(), kind.cliName(), params, trainExamples, "running", null,
                options.width(), options.depth(), options.epochs(), batchSizePerWorker, workers,
                options.averagingFrequency(), options.learningRate(), options.lrSchedule(), options.warmupSteps(),
                options.weightDecay(), task.classWeighting(), options.seed(), hyper, spark.sparkContext().master(),
                backend(), null, startedAt, null, RunOwner.current(spark), startedAt, null);
    }

    /** Which ND4J backend actually runs: cpu or cuda. */
    static String backend() {
        String name = Nd4j.getBackend().getClass().getSimpleName().toLowerCase(Locale.ROOT);
        return name.contains("cu") ? "cuda" : "cpu";
    }

    private static String failureReason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof NonFiniteLossException) {
                return t.getMessage();
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }

    private static List<StepRow> readSteps(SparkSession spark, Warehouse warehouse, String runId) {
        if (!warehouse.exists(TableSchemas.RUN_METRICS)) {
            return List.of();
        }
        List<StepRow> rows = new ArrayList<>();
        for (Row r : warehouse.read(TableSchemas.RUN_METRICS).filter(col(TableSchemas.RUN_ID).equalTo(runId))
                .orderBy("step").collectAsList()) {
            rows.add(new StepRow(r.getAs("step"), r.getAs("epoch"), r.getAs("examples_seen"), r.getAs("learning_rate"),
                    r.getAs("train_loss"), r.getAs("train_loss_min"), r.getAs("train_loss_max"),
                    r.getAs("train_loss_std"), r.getAs("workers"), r.getAs("val_loss"), r.getAs("val_accuracy"),
                    r.getAs("wall_ms"), r.getAs("eval_train_loss"), r.getAs("train_accuracy"), r.getAs("weight_norm"),
                    r.getAs("sc_fraction")));
        }
        return rows;
    }

    private static void deleteQuietly(Warehouse warehouse, Path path) {
        try {
            warehouse.fileSystem().delete(path, true);
        } catch (IOException e) {
            LOG.warn("Cannot delete {}: {}", path, e.getMessage());
        }
    }

    /**
     * A saved network of a run: {@code _checkpoints/<run_id>/epoch-0003.zip} (model and updater state).
     * Resuming restores parameters and the iteration and epoch counts but restarts Adam's moments: with
     * DL4J-Spark M2 the updater state restored from a checkpoint gave a NaN loss on the second step after
     * resuming (the restored state does not match what the workers expect), so it is not loaded.
     */
    record Checkpoint(String path, int epochsDone, MultiLayerNetwork network) {
        static String write(Warehouse warehouse, String runId, MultiLayerNetwork net, int epochsDone) {
            Path path = new Path(new Path(new Path(warehouse.root(), CHECKPOINTS), runId),
                    String.format(Locale.ROOT, "epoch-%04d.zip", epochsDone));
            try (OutputStream out = warehouse.fileSystem().create(path, true)) {
                ModelSerializer.writeModel(net, out, true);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write checkpoint " + path + ": " + e.getMessage(), e);
            }
            return path.toString();
        }

        static Checkpoint latest(Warehouse warehouse, String runId) {
            Path dir = new Path(new Path(warehouse.root(), CHECKPOINTS), runId);
            FileSystem fs = warehouse.fileSystem();
            try {
                if (!fs.exists(dir)) {
                    throw new IllegalArgumentException("Cannot resume run " + runId + ": no checkpoints in " + dir);
                }
                FileStatus[] files = fs.listStatus(dir, p -> p.getName().matches("epoch-\\d+\\.zip"));
                if (files.length == 0) {
                    throw new IllegalArgumentException("Cannot resume run " + runId + ": no checkpoints in " + dir);
                }
                Arrays.sort(files, (a, b) -> a.getPath().getName().compareTo(b.getPath().getName()));
                Path latest = files[files.length - 1].getPath();
                int epochs = Integer.parseInt(latest.getName().replaceAll("\\D", ""));
                try (InputStream in = fs.open(latest)) {
                    return new Checkpoint(latest.toString(), epochs, ModelSerializer.restoreMultiLayerNetwork(in, false));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read checkpoints of run " + runId + ": " + e.getMessage(), e);
            }
        }
    }
}
