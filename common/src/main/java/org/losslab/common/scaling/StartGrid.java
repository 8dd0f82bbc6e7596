package org.losslab.common.scaling;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The starting points of the Chinchilla fit: every combination of the listed values of the log-space
 * parameters {@code a = log A}, {@code b = log B}, {@code e = log E}, {@code alpha}, {@code beta}.
 */
public record StartGrid(List<Double> a, List<Double> b, List<Double> e, List<Double> alpha, List<Double> beta)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public StartGrid {
        a = checked("a", a);
        b = checked("b", b);
        e = checked("e", e);
        alpha = checked("alpha", alpha);
        beta = checked("beta", beta);
    }

    /**
     * Hoffmann et al.'s grid: alpha, beta in {0, 0.5, 1, 1.5, 2}; e in {-1, -0.5, 0, 0.5, 1};
     * a, b in {0, 5, ..., 25}: 4,500 starts.
     */
    public static StartGrid hoffmann() {
        List<Double> exponents = List.of(0.0, 0.5, 1.0, 1.5, 2.0);
        List<Double> logCoefficients = List.of(0.0, 5.0, 10.0, 15.0, 20.0, 25.0);
        return new StartGrid(logCoefficients, logCoefficients, List.of(-1.0, -0.5, 0.0, 0.5, 1.0), exponents,
                exponents);
    }

    /** Number of starts. */
    public int size() {
        return a.size() * b.size() * e.size() * alpha.size() * beta.size();
    }

    /** The starts as {@code {a, b, e, alpha, beta}}, in a fixed order. */
    List<double[]> starts() {
        List<double[]> starts = new ArrayList<>(size());
        for (double av : a) {
            for (double bv : b) {
                for (double ev : e) {
                    for (double alphaV : alpha) {
                        for (double betaV : beta) {
                            starts.add(new double[] {av, bv, ev, alphaV, betaV});
                        }
                    }
                }
            }
        }
        return starts;
    }

    private static List<Double> checked(String name, List<Double> values) {
        List<Double> copy = List.copyOf(values);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("start grid '" + name + "' is empty");
        }
        for (double v : copy) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("start grid '" + name + "' has a non-finite value " + v);
            }
        }
        return copy;
    }
}
