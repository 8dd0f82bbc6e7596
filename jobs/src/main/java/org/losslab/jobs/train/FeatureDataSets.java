package org.losslab.jobs.train;

import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Row;
import org.losslab.common.features.ClassIndex;
import org.losslab.common.features.LightCurveFeatures;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import scala.collection.Seq;

/**
 * Rows of {@code plasticc_features} as DL4J examples. The MLP reads the summary vector. Sequence models read
 * {@code [channels + metadata, L]}: the light-curve channels per time step followed by the object's metadata
 * features repeated at every real (unmasked) step, with the time mask as features mask; padded steps are zero.
 * Labels are one-hot over the 14 training classes.
 */
final class FeatureDataSets {
    static final int CLASSES = ClassIndex.COUNT;

    private FeatureDataSets() {
    }

    /** Inputs per example (per time step for sequence models). */
    static int inputSize(Models.Kind kind) {
        return kind.sequential() ? LightCurveFeatures.CHANNELS + LightCurveFeatures.METADATA_LENGTH
                : LightCurveFeatures.SUMMARY_LENGTH;
    }

    static DataSet example(Row row, Models.Kind kind) {
        int target = row.getInt(row.fieldIndex("target_index"));
        INDArray labels = Nd4j.zeros(1, CLASSES);
        if (target >= 0) {
            labels.putScalar(0, target, 1.0);
        }
        if (!kind.sequential()) {
            return new DataSet(Nd4j.create(floats(row, "summary"), 1, LightCurveFeatures.SUMMARY_LENGTH), labels);
        }
        float[] sequence = floats(row, "sequence");
        float[] mask = floats(row, "mask");
        float[] metadata = floats(row, "metadata");
        int length = mask.length;
        int channels = LightCurveFeatures.CHANNELS;
        float[] input = new float[(channels + metadata.length) * length];
        System.arraycopy(sequence, 0, input, 0, channels * length);
        for (int m = 0; m < metadata.length; m++) {
            for (int t = 0; t < length; t++) {
                input[(channels + m) * length + t] = mask[t] * metadata[m];
            }
        }
        INDArray features = Nd4j.create(input, new long[] {1, channels + metadata.length, length}, 'c');
        return new DataSet(features, labels, Nd4j.create(mask, 1, length), null);
    }

    /** Many rows as one DataSet (for evaluation on the driver). */
    static DataSet merge(List<Row> rows, Models.Kind kind) {
        List<DataSet> examples = new ArrayList<>(rows.size());
        for (Row row : rows) {
            examples.add(example(row, kind));
        }
        return DataSet.merge(examples);
    }

    static int[] targets(List<Row> rows) {
        int[] targets = new int[rows.size()];
        for (int i = 0; i < targets.length; i++) {
            targets[i] = rows.get(i).getInt(rows.get(i).fieldIndex("target_index"));
        }
        return targets;
    }

    private static float[] floats(Row row, String column) {
        Object value = row.get(row.fieldIndex(column));
        if (value instanceof float[] array) {
            return array;
        }
        Seq<?> seq = (Seq<?>) value;
        float[] out = new float[seq.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) seq.apply(i)).floatValue();
        }
        return out;
    }
}
