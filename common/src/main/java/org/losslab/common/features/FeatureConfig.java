package org.losslab.common.features;

import java.io.Serializable;

/**
 * Settings of {@link LightCurveFeatures}: the number of time steps L of the recurrent sequence, the time
 * unit of the time features, and the bound on every output value.
 *
 * @param sequenceLength L, the number of time steps of {@link ObjectFeatures#sequence()}; longer light curves
 *                       are cut to a window of L observations, shorter ones padded
 * @param timeScaleDays  days per unit of the time channel and of the detected time span (100 days makes a
 *                       three-year survey span about -11..11)
 * @param maxAbsValue    every feature is clamped to [-maxAbsValue, maxAbsValue]; real light curves stay far
 *                       inside the default, the bound only keeps pathological input (a huge flux with a tiny
 *                       flux_err) finite in float32
 */
public record FeatureConfig(int sequenceLength, double timeScaleDays, double maxAbsValue) implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final int DEFAULT_SEQUENCE_LENGTH = 256;
    public static final double DEFAULT_TIME_SCALE_DAYS = 100.0;
    public static final double DEFAULT_MAX_ABS_VALUE = 1000.0;

    public FeatureConfig {
        if (sequenceLength < 1) {
            throw new IllegalArgumentException("sequenceLength must be >= 1, got " + sequenceLength);
        }
        if (!(timeScaleDays > 0.0 && Double.isFinite(timeScaleDays))) {
            throw new IllegalArgumentException("timeScaleDays must be finite and > 0, got " + timeScaleDays);
        }
        if (!(maxAbsValue > 0.0 && maxAbsValue <= Float.MAX_VALUE)) {
            throw new IllegalArgumentException("maxAbsValue must be in (0, Float.MAX_VALUE], got " + maxAbsValue);
        }
    }

    /** L = 256, 100-day time unit, values bounded by 1000. */
    public static FeatureConfig defaults() {
        return new FeatureConfig(DEFAULT_SEQUENCE_LENGTH, DEFAULT_TIME_SCALE_DAYS, DEFAULT_MAX_ABS_VALUE);
    }

    public FeatureConfig withSequenceLength(int length) {
        return new FeatureConfig(length, timeScaleDays, maxAbsValue);
    }

    public FeatureConfig withTimeScaleDays(double days) {
        return new FeatureConfig(sequenceLength, days, maxAbsValue);
    }
}
