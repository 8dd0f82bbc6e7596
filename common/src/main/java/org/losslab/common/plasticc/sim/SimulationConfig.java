package org.losslab.common.plasticc.sim;

import java.io.Serializable;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.losslab.common.plasticc.PlasticcClass;

/**
 * Settings of a {@link PlasticcSimulator}: the master seed, the fraction of objects in the deep-drilling
 * fields, and relative class frequencies (non-negative weights, normalised by the simulator; classes absent
 * from the map are never drawn). Only the 14 classes of the PLAsTiCC training set can be simulated.
 */
public record SimulationConfig(long seed, double ddfFraction, Map<PlasticcClass, Double> classWeights)
        implements Serializable {
    private static final long serialVersionUID = 1L;
    /** About the deep-drilling share of the real training set. */
    public static final double DEFAULT_DDF_FRACTION = 0.3;

    public SimulationConfig {
        if (!(ddfFraction >= 0.0 && ddfFraction <= 1.0)) {
            throw new IllegalArgumentException("ddfFraction must be in [0, 1], got " + ddfFraction);
        }
        Objects.requireNonNull(classWeights, "classWeights");
        EnumMap<PlasticcClass, Double> copy = new EnumMap<>(PlasticcClass.class);
        double total = 0.0;
        for (Map.Entry<PlasticcClass, Double> e : classWeights.entrySet()) {
            PlasticcClass cls = Objects.requireNonNull(e.getKey(), "class");
            double w = Objects.requireNonNull(e.getValue(), () -> "weight of " + cls);
            if (!(w >= 0.0 && Double.isFinite(w))) {
                throw new IllegalArgumentException("weight of " + cls + " must be finite and >= 0, got " + w);
            }
            if (w > 0.0 && !ClassModels.supports(cls)) {
                throw new IllegalArgumentException("class " + cls + " cannot be simulated (training classes only)");
            }
            copy.put(cls, w);
            total += w;
        }
        if (!(total > 0.0)) {
            throw new IllegalArgumentException("at least one class weight must be positive");
        }
        classWeights = Collections.unmodifiableMap(copy);
    }

    /** Real training-set class frequencies and deep-drilling fraction. */
    public static SimulationConfig defaults(long seed) {
        Map<PlasticcClass, Double> weights = new EnumMap<>(PlasticcClass.class);
        for (PlasticcClass cls : PlasticcClass.trainingClasses()) {
            weights.put(cls, (double) cls.trainingCount());
        }
        return new SimulationConfig(seed, DEFAULT_DDF_FRACTION, weights);
    }
}
