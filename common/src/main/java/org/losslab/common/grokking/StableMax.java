package org.losslab.common.grokking;

/**
 * StableMax from Prieto et al., "Grokking at the Edge of Numerical Stability" (2025): a softmax replacement
 * whose ratios grow linearly, not exponentially, in the logits, so that float32 probabilities do not round to
 * exactly 1 (Softmax Collapse). {@code s(x) = x + 1} for {@code x >= 0} and {@code 1 / (1 - x)} for
 * {@code x < 0}; {@code StableMax(x)_i = s(x_i) / sum_j s(x_j)}. This is the reference implementation in
 * double precision; the network's activation computes the same on ND4J arrays.
 */
public final class StableMax {
    private StableMax() {
    }

    /** s(x): positive, continuous and once differentiable at 0. */
    public static double s(double x) {
        return x >= 0 ? x + 1 : 1 / (1 - x);
    }

    /** s'(x): 1 for x >= 0, 1 / (1 - x)^2 below. */
    public static double sPrime(double x) {
        return x >= 0 ? 1 : 1 / ((1 - x) * (1 - x));
    }

    public static double[] probabilities(double[] logits) {
        double[] out = new double[logits.length];
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            out[i] = s(logits[i]);
            sum += out[i];
        }
        for (int i = 0; i < out.length; i++) {
            out[i] /= sum;
        }
        return out;
    }

    /** Cross-entropy of the true class: {@code -ln StableMax(x)_target}. */
    public static double crossEntropy(double[] logits, int target) {
        double sum = 0;
        for (double x : logits) {
            sum += s(x);
        }
        return Math.log(sum) - Math.log(s(logits[target]));
    }

    /** d crossEntropy / d logits: {@code s'(x_i) / S - [i = target] s'(x_t) / s(x_t)}. */
    public static double[] crossEntropyGradient(double[] logits, int target) {
        double sum = 0;
        for (double x : logits) {
            sum += s(x);
        }
        double[] gradient = new double[logits.length];
        for (int i = 0; i < logits.length; i++) {
            gradient[i] = sPrime(logits[i]) / sum;
        }
        gradient[target] -= sPrime(logits[target]) / s(logits[target]);
        return gradient;
    }
}
