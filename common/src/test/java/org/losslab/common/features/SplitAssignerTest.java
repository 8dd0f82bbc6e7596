package org.losslab.common.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.losslab.common.plasticc.PlasticcClass;

/** The hash, the rounding and minimum rules, and stratification over 10,000 ids. */
class SplitAssignerTest {
    private static final long SEED = 42;

    @Test
    void unitHashIsDeterministicInRangeAndDependsOnTheSeed() {
        int differ = 0;
        for (long id = 0; id < 10_000; id++) {
            double h = SplitAssigner.unitHash(id, SEED);
            assertTrue(h >= 0.0 && h < 1.0, "hash of " + id + " = " + h);
            assertEquals(h, SplitAssigner.unitHash(id, SEED));
            if (h != SplitAssigner.unitHash(id, SEED + 1)) {
                differ++;
            }
        }
        assertEquals(10_000, differ);
        double extreme = SplitAssigner.unitHash(Long.MIN_VALUE, Long.MAX_VALUE);
        assertTrue(extreme >= 0.0 && extreme < 1.0);
    }

    @Test
    void unitHashIsRoughlyUniformOnSequentialAndStridedIds() {
        for (long stride : new long[] {1, 10, 1024}) {
            int bins = 50;
            int n = 100_000;
            int[] counts = new int[bins];
            double sum = 0.0;
            double lag1 = 0.0;
            double previous = 0.0;
            for (long i = 0; i < n; i++) {
                double h = SplitAssigner.unitHash(i * stride, SEED);
                counts[(int) (h * bins)]++;
                sum += h;
                lag1 += (h - 0.5) * (previous - 0.5);
                previous = h;
            }
            double expected = (double) n / bins;
            double chiSquare = 0.0;
            for (int c : counts) {
                chiSquare += (c - expected) * (c - expected) / expected;
            }
            // 49 degrees of freedom: 99.99th percentile is about 95
            assertTrue(chiSquare < 95, "stride " + stride + ": chi-square " + chiSquare);
            assertEquals(0.5, sum / n, 0.005, "stride " + stride + " mean");
            // correlation of neighbours: standard error 1/sqrt(n) of the correlation, times the variance 1/12
            assertEquals(0.0, lag1 / n * 12, 0.015, "stride " + stride + " lag-1 correlation");
        }
    }

    @Test
    void splitSizesFollowTheRoundingAndMinimumRules() {
        // {n, train, validation, test} worked out by hand at 0.7 / 0.15 / 0.15
        long[][] cases = {
            {0, 0, 0, 0},
            {1, 1, 0, 0},      // round(0.7) = 1
            {2, 1, 0, 1},      // round(1.4) = 1, round(0.3) = 0, rest 1
            {3, 1, 1, 1},      // rounding gives 2/0/1; validation needs one, taken from train
            {4, 2, 1, 1},      // 3/1/0; test needs one, taken from train
            {5, 3, 1, 1},      // round(3.5) = 4, round(0.75) = 1, rest 0; test takes one from train
            {6, 4, 1, 1},      // round(4.2) = 4, round(0.9) = 1, rest 1
            {7, 5, 1, 1},      // round(4.9) = 5, round(1.05) = 1, rest 1
            {13, 9, 2, 2},     // round(9.1) = 9, round(1.95) = 2, rest 2
            {100, 70, 15, 15},
            {151, 106, 23, 22} // round(105.7) = 106, round(22.65) = 23, rest 22
        };
        for (long[] c : cases) {
            long[] sizes = SplitAssigner.splitSizes(c[0], 0.7, 0.15);
            assertArrayEquals(new long[] {c[1], c[2], c[3]}, sizes, "n = " + c[0]);
        }
    }

    @Test
    void theMinimumRuleSkipsSplitsWithZeroFraction() {
        assertArrayEquals(new long[] {8, 0, 2}, SplitAssigner.splitSizes(10, 0.8, 0.0));
        assertArrayEquals(new long[] {2, 0, 1}, SplitAssigner.splitSizes(3, 0.8, 0.0));
        assertArrayEquals(new long[] {5, 0, 0}, SplitAssigner.splitSizes(5, 1.0, 0.0));
        assertArrayEquals(new long[] {4, 1, 0}, SplitAssigner.splitSizes(5, 0.9, 0.1));
        assertArrayEquals(new long[] {0, 2, 1}, SplitAssigner.splitSizes(3, 0.0, 0.5));
        assertArrayEquals(new long[] {0, 0, 4}, SplitAssigner.splitSizes(4, 0.0, 0.0));
    }

    @Test
    void assignTurnsRanksIntoConsecutiveBlocks() {
        List<DataSplit> splits = new ArrayList<>();
        for (long rank = 0; rank < 20; rank++) {
            splits.add(SplitAssigner.assign(rank, 20));
        }
        // 20 objects: 14 / 3 / 3
        for (int rank = 0; rank < 20; rank++) {
            DataSplit expected = rank < 14 ? DataSplit.TRAIN : rank < 17 ? DataSplit.VALIDATION : DataSplit.TEST;
            assertEquals(expected, splits.get(rank), "rank " + rank);
        }
        assertEquals(DataSplit.TRAIN, SplitAssigner.assign(0, 1));
        assertEquals(DataSplit.TEST, SplitAssigner.assign(1, 2));
    }

    @Test
    void invalidArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> SplitAssigner.assign(5, 5));
        assertThrows(IllegalArgumentException.class, () -> SplitAssigner.assign(-1, 5));
        assertThrows(IllegalArgumentException.class, () -> SplitAssigner.assign(0, 5, 0.9, 0.2));
        assertThrows(IllegalArgumentException.class, () -> SplitAssigner.assign(0, 5, -0.1, 0.2));
        assertThrows(IllegalArgumentException.class, () -> SplitAssigner.assign(0, 5, Double.NaN, 0.2));
        assertThrows(IllegalArgumentException.class,
                () -> SplitAssigner.assignAll(new long[2], new int[3], SEED, 0.7, 0.15));
    }

    /** 10,000 hashed ids drawn with the training-set class frequencies, plus classes of 1, 2 and 3 objects. */
    private static Population population() {
        List<PlasticcClass> classes = PlasticcClass.trainingClasses();
        double total = classes.stream().mapToInt(PlasticcClass::trainingCount).sum();
        int n = 10_000;
        long[] ids = new long[n + 6];
        int[] labels = new int[n + 6];
        for (int i = 0; i < n; i++) {
            ids[i] = 7L * i + 130;
            double u = SplitAssigner.unitHash(i, 99) * total;
            int k = 0;
            while (k < classes.size() - 1 && (u -= classes.get(k).trainingCount()) >= 0) {
                k++;
            }
            labels[i] = k;
        }
        int[] tinyLabels = {100, 101, 101, 102, 102, 102};
        for (int j = 0; j < tinyLabels.length; j++) {
            ids[n + j] = 1_000_000L + j;
            labels[n + j] = tinyLabels[j];
        }
        return new Population(ids, labels);
    }

    private record Population(long[] ids, int[] labels) {
    }

    /** The rule written out for the default fractions, independently of splitSizes. */
    private static long[] expectedSizes(long n) {
        long train = Math.round(0.7 * n);
        long validation = Math.round(0.15 * n);
        long test = n - train - validation;
        if (n >= 3 && validation == 0) {
            validation = 1;
            train--;
        }
        if (n >= 3 && test == 0) {
            test = 1;
            train--;
        }
        return new long[] {train, validation, test};
    }

    @Test
    void everyClassIsSplitExactlyByTheRoundingRule() {
        Population p = population();
        DataSplit[] splits = SplitAssigner.assignAll(p.ids(), p.labels(), SEED, 0.7, 0.15);
        Map<Integer, long[]> counts = new HashMap<>();
        Map<Integer, Long> sizes = new HashMap<>();
        for (int i = 0; i < splits.length; i++) {
            counts.computeIfAbsent(p.labels()[i], k -> new long[3])[splits[i].ordinal()]++;
            sizes.merge(p.labels()[i], 1L, Long::sum);
        }
        assertEquals(17, counts.size());
        for (Map.Entry<Integer, long[]> e : counts.entrySet()) {
            long n = sizes.get(e.getKey());
            assertArrayEquals(expectedSizes(n), e.getValue(), "class " + e.getKey() + " of " + n);
            if (n >= 3) {
                assertTrue(e.getValue()[1] >= 1 && e.getValue()[2] >= 1, "class " + e.getKey());
            }
        }
        long train = 0;
        for (DataSplit s : splits) {
            train += s == DataSplit.TRAIN ? 1 : 0;
        }
        assertEquals(0.7, (double) train / splits.length, 0.01);
    }

    @Test
    void assignAllRanksEachClassByHashThenId() {
        Population p = population();
        DataSplit[] splits = SplitAssigner.assignAll(p.ids(), p.labels(), SEED, 0.7, 0.15);
        Map<Integer, List<Integer>> byClass = new HashMap<>();
        for (int i = 0; i < p.ids().length; i++) {
            byClass.computeIfAbsent(p.labels()[i], k -> new ArrayList<>()).add(i);
        }
        for (List<Integer> members : byClass.values()) {
            members.sort(Comparator.comparingDouble((Integer i) -> SplitAssigner.unitHash(p.ids()[i], SEED))
                    .thenComparingLong(i -> p.ids()[i]));
            for (int rank = 0; rank < members.size(); rank++) {
                int i = members.get(rank);
                assertEquals(SplitAssigner.assign(rank, members.size()), splits[i], "id " + p.ids()[i]);
            }
        }
    }

    @Test
    void assignmentIgnoresInputOrderButFollowsTheSeed() {
        Population p = population();
        DataSplit[] splits = SplitAssigner.assignAll(p.ids(), p.labels(), SEED, 0.7, 0.15);
        int n = p.ids().length;
        int[] permutation = new int[n];
        for (int i = 0; i < n; i++) {
            permutation[i] = i;
        }
        Random random = new Random(5);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = permutation[i];
            permutation[i] = permutation[j];
            permutation[j] = t;
        }
        long[] ids = new long[n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = p.ids()[permutation[i]];
            labels[i] = p.labels()[permutation[i]];
        }
        DataSplit[] shuffled = SplitAssigner.assignAll(ids, labels, SEED, 0.7, 0.15);
        for (int i = 0; i < n; i++) {
            assertEquals(splits[permutation[i]], shuffled[i]);
        }
        DataSplit[] otherSeed = SplitAssigner.assignAll(p.ids(), p.labels(), SEED + 1, 0.7, 0.15);
        int moved = 0;
        for (int i = 0; i < n; i++) {
            moved += splits[i] != otherSeed[i] ? 1 : 0;
        }
        // two independent 70/15/15 draws disagree on about 1 - (0.49 + 0.0225 + 0.0225) = 46.5% of objects
        assertNotEquals(0, moved);
        assertEquals(0.465, (double) moved / n, 0.03);
    }
}
