package org.losslab.jobs.train;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * StableMax as a DL4J output activation (see {@link org.losslab.common.grokking.StableMax} for the definition):
 * with {@code n = min(x, 0)} and {@code q = max(x, 0)}, {@code s(x) = q + 1 / (1 - n)} and
 * {@code s'(x) = 1 / (1 - n)^2}, which avoids masks and never exponentiates, so logits of 1e4 stay finite.
 * Used with {@code LossMCXENT}, which for a non-softmax activation backpropagates {@code -y / p} through
 * {@link #backprop}. It has no state, so it survives the JSON round trip DL4J-Spark sends configurations
 * through.
 */
public final class ActivationStableMax extends BaseActivationFunction {
    private static final long serialVersionUID = 1L;

    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        INDArray s = s(in);
        in.assign(s.diviColumnVector(s.sum(true, 1)));
        return in;
    }

    /**
     * {@code dL/dx_i = s'(x_i) / S * (eps_i - sum_j eps_j y_j)} with {@code y = StableMax(x)} and
     * {@code S = sum_j s(x_j)}.
     */
    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        INDArray s = s(in);
        INDArray sum = s.sum(true, 1);
        INDArray y = s.divColumnVector(sum);
        INDArray weighted = epsilon.mul(y).sum(true, 1);
        INDArray denominator = Transforms.min(in, 0.0, true).rsubi(1.0);
        INDArray sPrime = denominator.muli(denominator).rdivi(1.0);
        INDArray gradient = epsilon.subColumnVector(weighted).muli(sPrime).diviColumnVector(sum);
        in.assign(gradient);
        return new Pair<>(in, null);
    }

    private static INDArray s(INDArray x) {
        INDArray belowOne = Transforms.min(x, 0.0, true).rsubi(1.0).rdivi(1.0);
        return Transforms.max(x, 0.0, true).addi(belowOne);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ActivationStableMax;
    }

    @Override
    public int hashCode() {
        return ActivationStableMax.class.hashCode();
    }

    @Override
    public String toString() {
        return "stablemax";
    }
}
