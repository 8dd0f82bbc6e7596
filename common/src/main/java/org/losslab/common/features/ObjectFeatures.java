package org.losslab.common.features;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * The network inputs of one object, made by {@link LightCurveFeatures#of}: the recurrent sequence
 * ({@link LightCurveFeatures#CHANNELS} channels by L time steps, channel-major: value of channel c at step t
 * is {@code sequence[c * L + t]}, the per-example layout of DL4J's [features][time] recurrent input), its
 * time mask (1 for an observation, 0 for padding), the metadata vector and the MLP summary vector.
 * {@code targetIndex} is the {@link ClassIndex} of the label, -1 when there is none.
 *
 * <p>The arrays are not copied: the record owns them and callers must not modify them. {@code equals} and
 * {@code hashCode} compare array contents.
 */
public record ObjectFeatures(long objectId, int targetIndex, float[] sequence, float[] mask, float[] metadata,
        float[] summary) implements Serializable {
    private static final long serialVersionUID = 1L;

    public ObjectFeatures {
        Objects.requireNonNull(sequence, "sequence");
        Objects.requireNonNull(mask, "mask");
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(summary, "summary");
        if (mask.length == 0 || sequence.length != LightCurveFeatures.CHANNELS * mask.length) {
            throw new IllegalArgumentException("sequence must hold " + LightCurveFeatures.CHANNELS
                    + " channels of mask.length = " + mask.length + " steps, found " + sequence.length + " values");
        }
        if (metadata.length != LightCurveFeatures.METADATA_LENGTH) {
            throw new IllegalArgumentException("metadata must have length " + LightCurveFeatures.METADATA_LENGTH);
        }
        if (summary.length != LightCurveFeatures.SUMMARY_LENGTH) {
            throw new IllegalArgumentException("summary must have length " + LightCurveFeatures.SUMMARY_LENGTH);
        }
        if (targetIndex < -1 || targetIndex >= ClassIndex.COUNT) {
            throw new IllegalArgumentException("targetIndex must be -1 or a ClassIndex, got " + targetIndex);
        }
    }

    /** L, the number of time steps (real and padding). */
    public int sequenceLength() {
        return mask.length;
    }

    /** The number of real (unpadded) time steps: they come first. */
    public int steps() {
        int steps = 0;
        while (steps < mask.length && mask[steps] != 0f) {
            steps++;
        }
        return steps;
    }

    /** The value of one channel at one time step. */
    public float value(int channel, int step) {
        Objects.checkIndex(channel, LightCurveFeatures.CHANNELS);
        Objects.checkIndex(step, mask.length);
        return sequence[channel * mask.length + step];
    }

    /** Whether the object has a training label. */
    public boolean labelled() {
        return targetIndex >= 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ObjectFeatures f && objectId == f.objectId && targetIndex == f.targetIndex
                && Arrays.equals(sequence, f.sequence) && Arrays.equals(mask, f.mask)
                && Arrays.equals(metadata, f.metadata) && Arrays.equals(summary, f.summary);
    }

    @Override
    public int hashCode() {
        int h = Long.hashCode(objectId) * 31 + targetIndex;
        h = h * 31 + Arrays.hashCode(sequence);
        h = h * 31 + Arrays.hashCode(mask);
        h = h * 31 + Arrays.hashCode(metadata);
        return h * 31 + Arrays.hashCode(summary);
    }

    @Override
    public String toString() {
        return "ObjectFeatures[objectId=" + objectId + ", targetIndex=" + targetIndex + ", steps=" + steps()
                + "/" + mask.length + ", metadata=" + Arrays.toString(metadata) + "]";
    }
}
