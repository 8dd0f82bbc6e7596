package org.losslab.jobs.train;

import java.util.Locale;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SelfAttentionLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * The network architectures {@code train} offers, as DL4J configurations:
 * <ul>
 *   <li>{@code mlp}: {@code depth} dense ReLU layers of {@code width} units on the summary features;</li>
 *   <li>{@code lstm}: {@code depth} LSTM layers of {@code width} units over the masked sequence, then masked
 *       average pooling over time;</li>
 *   <li>{@code attention}: {@code depth} multi-head self-attention layers over the masked sequence, each
 *       projecting its input to {@code width} (the time channel of each step carries the position), then
 *       masked average pooling.</li>
 * </ul>
 * All end in a softmax (or StableMax) over the classes with (optionally class-weighted) cross-entropy, and train with Adam
 * under the given learning-rate schedule and decoupled weight decay (AdamW: {@code w -= lr * wd * w} after the
 * Adam step, weights only).
 */
public final class Models {

    /** The architectures, by their CLI names. */
    public enum Kind {
        MLP, LSTM, ATTENTION;

        public static Kind parse(String name) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Unknown model '" + name + "': use mlp, lstm or attention", e);
            }
        }

        public boolean sequential() {
            return this != MLP;
        }

        public String cliName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Shapes and hyperparameters of one network. {@code classWeights} null: unweighted loss. {@code lastStep}: the
     * LSTM's output at the last time step feeds the output layer (DeepLog's next-event model: the prediction is
     * about what follows the sequence) instead of the average over the sequence.
     */
    public record Spec(Kind kind, int inputSize, int sequenceLength, int classes, int width, int depth,
            ISchedule learningRate, double weightDecay, double[] classWeights, long seed, IActivation output,
            boolean lastStep) {
        public Spec {
            if (width < 1 || depth < 1) {
                throw new IllegalArgumentException("Cannot build a network of width " + width + " and depth " + depth);
            }
        }

        public Spec(Kind kind, int inputSize, int sequenceLength, int classes, int width, int depth,
                ISchedule learningRate, double weightDecay, double[] classWeights, long seed, IActivation output) {
            this(kind, inputSize, sequenceLength, classes, width, depth, learningRate, weightDecay, classWeights, seed,
                    output, false);
        }
    }

    private Models() {
    }

    public static MultiLayerConfiguration configuration(Spec spec) {
        NeuralNetConfiguration.ListBuilder layers = new NeuralNetConfiguration.Builder()
                .seed(spec.seed())
                .updater(new Adam(spec.learningRate()))
                .weightDecay(spec.weightDecay(), true)
                .weightInit(WeightInit.XAVIER)
                .list();
        switch (spec.kind()) {
            case MLP -> {
                for (int i = 0; i < spec.depth(); i++) {
                    layers.layer(new DenseLayer.Builder().nOut(spec.width()).activation(Activation.RELU).build());
                }
            }
            case LSTM -> {
                for (int i = 0; i < spec.depth(); i++) {
                    LSTM lstm = new LSTM.Builder().nOut(spec.width()).activation(Activation.TANH).build();
                    layers.layer(spec.lastStep() && i == spec.depth() - 1 ? new LastTimeStep(lstm) : lstm);
                }
                if (!spec.lastStep()) {
                    layers.layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build());
                }
            }
            case ATTENTION -> {
                for (int i = 0; i < spec.depth(); i++) {
                    layers.layer(new SelfAttentionLayer.Builder().nOut(spec.width()).nHeads(heads(spec.width()))
                            .projectInput(true).build());
                }
                layers.layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build());
            }
            default -> throw new IllegalStateException(spec.kind().toString());
        }
        LossMCXENT loss = spec.classWeights() == null ? new LossMCXENT() : new LossMCXENT(Nd4j.create(spec.classWeights()));
        layers.layer(new OutputLayer.Builder(loss).nOut(spec.classes()).activation(spec.output()).build());
        layers.setInputType(spec.kind().sequential()
                ? InputType.recurrent(spec.inputSize(), spec.sequenceLength())
                : InputType.feedForward(spec.inputSize()));
        return layers.build();
    }

    /** The output activation by its CLI name: {@code softmax} or {@code stablemax} ({@link ActivationStableMax}). */
    public static IActivation outputActivation(String name) {
        return switch (String.valueOf(name).trim().toLowerCase(Locale.ROOT)) {
            case "softmax" -> Activation.SOFTMAX.getActivationFunction();
            case "stablemax" -> new ActivationStableMax();
            default -> throw new IllegalArgumentException("Unknown output activation '" + name
                    + "': use softmax or stablemax");
        };
    }

    /** Four heads when the width allows, else two, else one. */
    static int heads(int width) {
        return width % 4 == 0 ? 4 : width % 2 == 0 ? 2 : 1;
    }
}
