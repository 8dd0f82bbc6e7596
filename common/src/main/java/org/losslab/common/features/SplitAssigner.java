package org.losslab.common.features;

import java.util.Arrays;
import java.util.Objects;

/**
 * Deterministic train/validation/test split, stratified by class and random by object id.
 *
 * <p>Each object gets {@link #unitHash(long, long) unitHash(objectId, seed)}; within a class, objects are
 * ranked 0..n-1 by (hash, object id) — in Spark {@code row_number() OVER (PARTITION BY target ORDER BY hash,
 * object_id) - 1} — and {@link #assign(long, long, double, double)} turns the rank into a split: the first
 * {@code round(trainFraction * n)} ranks go to TRAIN, the next {@code round(validationFraction * n)} to
 * VALIDATION, the rest to TEST ({@link Math#round(double)}, half up; validation is cut if the two exceed n).
 * Since ranks follow a hash, each split is a uniform random sample of its class, and an object's split
 * depends only on the seed and the ids of its class, never on partitioning or input order.
 *
 * <p>Minimum rule: in a class of 3 or more objects, every split whose fraction is positive gets at least one
 * object, taken from the currently largest split (TRAIN on ties, then VALIDATION). The challenge metric
 * averages log-loss per class, so a class missing from the validation or test split would silently drop out
 * of model selection or of the final score; at the default fractions rounding alone leaves a split empty
 * for classes of 3 to 5 objects (3 give 2/0/1, 4 give 3/1/0, 5 give 4/1/0; the rule makes them 1/1/1, 2/1/1
 * and 3/1/1). Classes of 1 or 2 objects cannot fill three splits and keep the plain rounding (1 object:
 * TRAIN; 2: TRAIN and TEST).
 */
public final class SplitAssigner {
    public static final double DEFAULT_TRAIN_FRACTION = 0.7;
    public static final double DEFAULT_VALIDATION_FRACTION = 0.15;
    /** A test fraction {@code 1 - train - validation} at or below this counts as zero (floating-point slack). */
    private static final double FRACTION_EPSILON = 1e-9;
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    private static final long SEED_SALT = 0x2545F4914F6CDD1DL;
    private static final int MIN_CLASS_SIZE_FOR_ALL_SPLITS = 3;

    private SplitAssigner() {
    }

    /**
     * A uniform pseudo-random number in [0, 1) that depends only on (objectId, seed): splitmix64's mixer
     * applied to the id spread by the golden gamma plus the mixed seed, top 53 bits as a double.
     */
    public static double unitHash(long objectId, long seed) {
        long h = mix64(objectId * GOLDEN_GAMMA + mix64(seed ^ SEED_SALT));
        return (h >>> 11) * 0x1.0p-53;
    }

    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** {@link #assign(long, long, double, double)} with the default fractions 0.7 / 0.15 / 0.15. */
    public static DataSplit assign(long rankWithinClass, long classSize) {
        return assign(rankWithinClass, classSize, DEFAULT_TRAIN_FRACTION, DEFAULT_VALIDATION_FRACTION);
    }

    /**
     * The split of the object at 0-based {@code rankWithinClass} among the {@code classSize} objects of its
     * class sorted by (unitHash, object id).
     */
    public static DataSplit assign(long rankWithinClass, long classSize, double trainFraction,
            double validationFraction) {
        if (rankWithinClass < 0 || rankWithinClass >= classSize) {
            throw new IllegalArgumentException("rank must be in [0, " + classSize + "), got " + rankWithinClass);
        }
        return splitOfRank(rankWithinClass, splitSizes(classSize, trainFraction, validationFraction));
    }

    /**
     * How many objects of a class of {@code classSize} go to each split, indexed by {@link DataSplit#ordinal()}:
     * the rounding and minimum rules of the class comment.
     */
    public static long[] splitSizes(long classSize, double trainFraction, double validationFraction) {
        checkFractions(trainFraction, validationFraction);
        if (classSize < 0) {
            throw new IllegalArgumentException("classSize must be >= 0, got " + classSize);
        }
        long train = Math.min(classSize, Math.round(trainFraction * classSize));
        long validation = Math.min(classSize - train, Math.round(validationFraction * classSize));
        long[] sizes = {train, validation, classSize - train - validation};
        if (classSize >= MIN_CLASS_SIZE_FOR_ALL_SPLITS) {
            boolean[] wanted = {trainFraction > 0.0, validationFraction > 0.0,
                    1.0 - trainFraction - validationFraction > FRACTION_EPSILON};
            for (int k = 0; k < sizes.length; k++) {
                if (wanted[k] && sizes[k] == 0) {
                    sizes[largest(sizes)]--;
                    sizes[k] = 1;
                }
            }
        }
        return sizes;
    }

    private static int largest(long[] sizes) {
        int best = 0;
        for (int k = 1; k < sizes.length; k++) {
            if (sizes[k] > sizes[best]) {
                best = k;
            }
        }
        return best;
    }

    private static void checkFractions(double trainFraction, double validationFraction) {
        if (!(trainFraction >= 0.0 && validationFraction >= 0.0
                && trainFraction + validationFraction <= 1.0 + FRACTION_EPSILON)) {
            throw new IllegalArgumentException("fractions must be >= 0 with train + validation <= 1, got "
                    + trainFraction + " and " + validationFraction);
        }
    }

    /**
     * The split of every object of an in-memory data set (the Spark stage does the same with a window):
     * objects are grouped by {@code labels[i]} (any int, e.g. a {@link ClassIndex}), ranked within their
     * group by (unitHash, object id) and assigned with {@link #assign(long, long, double, double)}.
     * Returns one split per input position; the result does not depend on the input order.
     */
    public static DataSplit[] assignAll(long[] objectIds, int[] labels, long seed, double trainFraction,
            double validationFraction) {
        Objects.requireNonNull(objectIds, "objectIds");
        Objects.requireNonNull(labels, "labels");
        if (objectIds.length != labels.length) {
            throw new IllegalArgumentException(objectIds.length + " object ids but " + labels.length + " labels");
        }
        checkFractions(trainFraction, validationFraction);
        Ranked[] order = new Ranked[objectIds.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = new Ranked(labels[i], unitHash(objectIds[i], seed), objectIds[i], i);
        }
        Arrays.sort(order, SplitAssigner::compareRanked);
        DataSplit[] splits = new DataSplit[order.length];
        int start = 0;
        while (start < order.length) {
            int end = start;
            while (end < order.length && order[end].label == order[start].label) {
                end++;
            }
            long[] sizes = splitSizes(end - start, trainFraction, validationFraction);
            for (int i = start; i < end; i++) {
                splits[order[i].position] = splitOfRank(i - start, sizes);
            }
            start = end;
        }
        return splits;
    }

    private static DataSplit splitOfRank(long rank, long[] sizes) {
        if (rank < sizes[0]) {
            return DataSplit.TRAIN;
        }
        return rank < sizes[0] + sizes[1] ? DataSplit.VALIDATION : DataSplit.TEST;
    }

    private record Ranked(int label, double hash, long objectId, int position) {
    }

    private static int compareRanked(Ranked a, Ranked b) {
        int c = Integer.compare(a.label, b.label);
        if (c == 0) {
            c = Double.compare(a.hash, b.hash);
        }
        return c != 0 ? c : Long.compare(a.objectId, b.objectId);
    }
}
