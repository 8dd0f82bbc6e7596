package org.losslab.common.scaling;

import java.io.Serializable;

/**
 * The compute-optimal split of a budget {@code compute = 6 * params * tokens} and the loss the law predicts there.
 *
 * @param compute training FLOPs
 * @param params optimal parameter count {@code N_opt}
 * @param tokens optimal token count {@code D_opt}
 * @param loss {@code L(N_opt, D_opt)}
 */
public record ComputeAllocation(double compute, double params, double tokens, double loss) implements Serializable {
    private static final long serialVersionUID = 1L;
}
