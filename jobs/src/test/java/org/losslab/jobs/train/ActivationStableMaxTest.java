package org.losslab.jobs.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.losslab.common.grokking.StableMax;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

class ActivationStableMaxTest {

    @Test
    void valuesMatchTheReferenceDefinition() {
        double[][] logits = {{2, 0, -1, 0.5}, {-3, -0.2, 4, 1e-3}};
        INDArray out = new ActivationStableMax().getActivation(Nd4j.create(logits), false);
        for (int i = 0; i < logits.length; i++) {
            assertArrayEquals(StableMax.probabilities(logits[i]), out.getRow(i).toDoubleVector(), 1e-12);
        }
    }

    @Test
    void backpropWithCrossEntropyIsTheReferenceGradient() {
        double[] logits = {1.3, -0.7, 0.2, -2.5};
        INDArray pre = Nd4j.create(new double[][] {logits});
        INDArray labels = Nd4j.create(new double[][] {{0, 0, 1, 0}});
        INDArray gradient = new LossMCXENT().computeGradient(labels, pre.dup(), new ActivationStableMax(), null);
        assertArrayEquals(StableMax.crossEntropyGradient(logits, 2), gradient.toDoubleVector(), 1e-10);
    }

    @Test
    void passesDl4jsGradientCheckAsAnOutputLayer() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.DOUBLE)
                    .updater(new NoOp()).weightInit(WeightInit.XAVIER).list()
                    .layer(new DenseLayer.Builder().nIn(6).nOut(5).activation(Activation.TANH).build())
                    .layer(new OutputLayer.Builder(new LossMCXENT()).nIn(5).nOut(4)
                            .activation(new ActivationStableMax()).build())
                    .build();
            MultiLayerNetwork net = new MultiLayerNetwork(conf);
            net.init();
            Nd4j.getRandom().setSeed(5);
            INDArray features = Nd4j.rand(DataType.DOUBLE, 8, 6).subi(0.5).muli(4);
            INDArray labels = Nd4j.zeros(DataType.DOUBLE, 8, 4);
            for (int i = 0; i < 8; i++) {
                labels.putScalar(i, i % 4, 1.0);
            }
            boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net).input(features)
                    .labels(labels).epsilon(1e-6).maxRelError(1e-3).minAbsoluteError(1e-8).print(
                            GradientCheckUtil.PrintMode.FAILURES_ONLY));
            assertTrue(ok, "analytic and numeric gradients agree");
        } finally {
            Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        }
    }

    @Test
    void logitsOf1e4NeitherOverflowNorCollapse() {
        INDArray pre = Nd4j.create(new float[][] {{1e4f, -1e4f, 3f, 0f}});
        INDArray out = new ActivationStableMax().getActivation(pre.dup(), false);
        for (float p : out.toFloatVector()) {
            assertTrue(Float.isFinite(p) && p > 0f && p < 1f, "finite, in (0, 1): " + p);
        }
        INDArray softmax = Activation.SOFTMAX.getActivationFunction().getActivation(pre.dup(), false);
        assertEquals(1.0f, softmax.getFloat(0, 0), "softmax has collapsed to exactly 1 here");
        INDArray labels = Nd4j.create(new float[][] {{1, 0, 0, 0}});
        INDArray gradient = new LossMCXENT().computeGradient(labels, pre.dup(), new ActivationStableMax(), null);
        for (float g : gradient.toFloatVector()) {
            assertTrue(Float.isFinite(g), "finite gradient: " + g);
        }
        assertTrue(gradient.getFloat(0, 0) < 0, "the true class still gets pushed up");
    }

    @Test
    void survivesTheJsonRoundTripOfAConfiguration() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().list()
                .layer(new OutputLayer.Builder(new LossMCXENT()).nIn(3).nOut(3).activation(new ActivationStableMax())
                        .build())
                .build();
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(conf.toJson());
        assertEquals(conf, back);
        assertTrue(((OutputLayer) back.getConf(0).getLayer()).getActivationFn() instanceof ActivationStableMax);
    }
}
