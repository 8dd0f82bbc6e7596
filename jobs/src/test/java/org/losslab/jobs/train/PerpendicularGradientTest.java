package org.losslab.jobs.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

class PerpendicularGradientTest {

    private static MultiLayerNetwork network() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(7).dataType(DataType.DOUBLE)
                .updater(new Sgd(0.1)).weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(6).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(new LossMCXENT()).nIn(6).nOut(3).activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static DataSet data() {
        Nd4j.getRandom().setSeed(11);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 10, 4);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, 10, 3);
        for (int i = 0; i < 10; i++) {
            y.putScalar(i, i % 3, 1.0);
        }
        return new DataSet(x, y);
    }

    @Test
    void weightGradientsLoseTheirComponentAlongTheWeights() {
        MultiLayerNetwork net = network();
        DataSet data = data();
        net.setInput(data.getFeatures());
        net.setLabels(data.getLabels());
        net.computeGradientAndScore();
        Map<String, INDArray> before = Map.of("0_W", net.gradient().getGradientFor("0_W").dup(),
                "1_b", net.gradient().getGradientFor("1_b").dup());
        assertTrue(Math.abs(before.get("0_W").mul(net.getParam("0_W")).sumNumber().doubleValue()) > 1e-6,
                "the raw gradient has a component along the weights");
        PerpendicularGradient.project(net.gradient(), net.paramTable());
        for (String key : List.of("0_W", "1_W")) {
            double dot = net.gradient().getGradientFor(key).mul(net.getParam(key)).sumNumber().doubleValue();
            assertEquals(0.0, dot, 1e-12, key + " gradient is perpendicular to its weights");
        }
        assertEquals(before.get("1_b"), net.gradient().getGradientFor("1_b"), "biases are left alone");
    }

    @Test
    void appliedDuringFitAsAListener() {
        MultiLayerNetwork plain = network();
        MultiLayerNetwork perpendicular = network();
        perpendicular.setListeners(new PerpendicularGradient());
        INDArray w0 = perpendicular.getParam("1_W").dup();
        plain.fit(data());
        perpendicular.fit(data());
        // plain SGD: w1 = w0 - lr * g_perp, so the step is orthogonal to w0
        INDArray step = perpendicular.getParam("1_W").sub(w0);
        assertEquals(0.0, step.mul(w0).sumNumber().doubleValue(), 1e-12, "the step has no radial component");
        assertTrue(plain.getParam("1_W").sub(w0).mul(w0).sumNumber().doubleValue() != 0.0,
                "without the listener it does");
    }
}
