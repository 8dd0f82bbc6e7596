package org.losslab.jobs.train;

import java.util.Map;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The perpendicular gradient of Prieto et al. (2025), ⊥Grad: before the updater sees a gradient, remove from
 * each weight matrix's gradient its component along that matrix, {@code g -= (g·w / w·w) w}, so that steps
 * cannot simply scale the weights up (the "naive loss minimisation" direction that leads to Softmax Collapse).
 * Biases are left alone. It runs as a training listener: DL4J calls {@code onGradientCalculation} after
 * backpropagation and before the updater, on every Spark worker (DL4J-Spark ships listeners to the workers
 * with Java serialization), so no DL4J class is forked.
 */
public final class PerpendicularGradient extends BaseTrainingListener implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public void onGradientCalculation(Model model) {
        project(model.gradient(), model.paramTable());
    }

    /** Projects every weight gradient (in place) onto the plane perpendicular to its weights. */
    static void project(Gradient gradient, Map<String, INDArray> params) {
        for (Map.Entry<String, INDArray> entry : gradient.gradientForVariable().entrySet()) {
            String key = entry.getKey();
            if (!key.endsWith(DefaultParamInitializer.WEIGHT_KEY) || !params.containsKey(key)) {
                continue;
            }
            INDArray w = params.get(key);
            double norm = w.norm2Number().doubleValue();
            double norm2 = norm * norm;
            if (norm2 == 0) {
                continue;
            }
            INDArray g = entry.getValue();
            double along = g.castTo(w.dataType()).mul(w).sumNumber().doubleValue() / norm2;
            g.subi(w.mul(along).castTo(g.dataType()));
        }
    }
}
