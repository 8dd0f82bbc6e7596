package org.losslab.common.grokking;

/**
 * Softmax Collapse (Prieto et al. 2025): an example whose float32 probability of its true class rounds to
 * exactly 1 has a cross-entropy of exactly 0 and contributes no gradient. The SC fraction is the share of a
 * set's examples in that state.
 */
public final class SoftmaxCollapse {
    private SoftmaxCollapse() {
    }

    /**
     * The share of rows whose probability of {@code targets[i]} is exactly 1 in float32. The probabilities are
     * those the network computed (float32 values widened to double, or doubles rounded here to float32).
     */
    public static double fraction(double[][] probabilities, int[] targets) {
        if (probabilities.length != targets.length) {
            throw new IllegalArgumentException("Cannot compute the SC fraction of " + probabilities.length
                    + " rows against " + targets.length + " targets");
        }
        if (targets.length == 0) {
            return 0;
        }
        int collapsed = 0;
        for (int i = 0; i < targets.length; i++) {
            if ((float) probabilities[i][targets[i]] == 1.0f) {
                collapsed++;
            }
        }
        return (double) collapsed / targets.length;
    }

    /**
     * Float32 softmax of one row of logits, computed the way frameworks do (shift by the maximum, exponentiate,
     * normalise), to show when the true class rounds to 1.
     */
    public static float[] softmaxFloat32(float[] logits) {
        float max = Float.NEGATIVE_INFINITY;
        for (float x : logits) {
            max = Math.max(max, x);
        }
        float[] out = new float[logits.length];
        float sum = 0;
        for (int i = 0; i < logits.length; i++) {
            out[i] = (float) Math.exp(logits[i] - max);
            sum += out[i];
        }
        for (int i = 0; i < out.length; i++) {
            out[i] /= sum;
        }
        return out;
    }
}
