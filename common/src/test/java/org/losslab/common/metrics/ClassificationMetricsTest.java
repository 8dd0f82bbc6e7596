package org.losslab.common.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ClassificationMetricsTest {
    private static final double TIGHT = 1e-12;

    /*
     * argmax per row: row 0 -> 0 (right), row 1 ties 0.5/0.5 -> 0 (lowest index, wrong),
     * row 2 -> 2 (right), row 3 -> 1 (wrong). Accuracy 2/4.
     */
    private static final int[] TRUTH = {0, 1, 2, 2};
    private static final double[][] SCORES = {
        {0.6, 0.3, 0.1},
        {0.5, 0.5, 0.0},
        {0.1, 0.2, 0.7},
        {0.3, 0.4, 0.3}};

    @Test
    void accuracyAndConfusionUseArgmaxWithTiesToTheLowestIndex() {
        assertEquals(0.5, ClassificationMetrics.accuracy(TRUTH, SCORES), TIGHT);
        int[][] expected = {
            {1, 0, 0},
            {1, 0, 0},
            {0, 1, 1}};
        assertArrayEquals(expected, ClassificationMetrics.confusionMatrix(TRUTH, SCORES));
        assertEquals(0, ClassificationMetrics.argmax(new double[] {0.4, 0.4, 0.2}));
        assertEquals(2, ClassificationMetrics.argmax(new double[] {0.1, 0.4, 0.5}));
    }

    /*
     * 3 rows x 3 classes, truth {0, 1, 2}:
     *   row 0 {0.6, 0.3, 0.1}, row 1 {0.5, 0.4, 0.1}, row 2 {0.2, 0.3, 0.5}
     * positives (true cells): 0.6, 0.4, 0.5; negatives: 0.3, 0.1, 0.5, 0.1, 0.2, 0.3.
     * ROC-AUC: 0.6 beats all 6; 0.5 beats 5 and ties 1 (5.5); 0.4 beats 5. (6 + 5.5 + 5) / 18 = 0.916667.
     * Average precision, thresholds from the top (P = 3 positives):
     *   0.6: tp 1, fp 0, precision 1,   recall gain 1/3 -> 1/3
     *   0.5: tp 2, fp 1, precision 2/3, recall gain 1/3 -> 2/9
     *   0.4: tp 3, fp 1, precision 3/4, recall gain 1/3 -> 1/4
     *   AP = 1/3 + 2/9 + 1/4 = 29/36 = 0.805556
     */
    @Test
    void microAveragesMatchTheHandComputedCase() {
        int[] truth = {0, 1, 2};
        double[][] scores = {{0.6, 0.3, 0.1}, {0.5, 0.4, 0.1}, {0.2, 0.3, 0.5}};
        assertEquals(16.5 / 18, ClassificationMetrics.microRocAuc(truth, scores), TIGHT);
        assertEquals(29.0 / 36, ClassificationMetrics.microAveragePrecision(truth, scores), TIGHT);
        assertEquals(0.805556, ClassificationMetrics.microAveragePrecision(truth, scores), 1e-6);
    }

    /*
     * labels {1, 0, 1, 0, 1}, scores {0.9, 0.8, 0.7, 0.6, 0.1}:
     *   0.9: precision 1,   recall 1/3 -> 1/3
     *   0.7: precision 2/3, recall 2/3 -> 1/3 * 2/3 = 2/9
     *   0.1: precision 3/5, recall 1   -> 1/3 * 3/5 = 1/5
     * AP = 34/45 = 0.755556 (the 0.8 and 0.6 thresholds add no recall).
     * ROC-AUC: 0.9 beats 2, 0.7 beats 1, 0.1 beats 0 -> 3/6.
     */
    @Test
    void averagePrecisionIsTheStepwiseSumOverThresholds() {
        boolean[] labels = {true, false, true, false, true};
        double[] scores = {0.9, 0.8, 0.7, 0.6, 0.1};
        assertEquals(34.0 / 45, ClassificationMetrics.averagePrecision(labels, scores), TIGHT);
        assertEquals(0.5, ClassificationMetrics.rocAuc(labels, scores), TIGHT);
    }

    /*
     * labels {1, 0, 1, 0}, scores {0.8, 0.8, 0.4, 0.2}: the tie at 0.8 is one threshold.
     *   0.8: tp 1, fp 1, precision 1/2, recall 1/2 -> 1/4
     *   0.4: tp 2, fp 1, precision 2/3, recall gain 1/2 -> 1/3
     * AP = 7/12 = 0.583333. ROC-AUC: 0.8 ties 0.8 (1/2) and beats 0.2; 0.4 beats 0.2 -> 2.5 / 4 = 0.625.
     */
    @Test
    void tiedScoresFormOneThresholdAndCountHalfInTheRankStatistic() {
        boolean[] labels = {true, false, true, false};
        double[] scores = {0.8, 0.8, 0.4, 0.2};
        assertEquals(7.0 / 12, ClassificationMetrics.averagePrecision(labels, scores), TIGHT);
        assertEquals(0.625, ClassificationMetrics.rocAuc(labels, scores), TIGHT);
    }

    @Test
    void perfectPredictionsGiveAucsOfOneAndNoLogLoss() {
        int[] truth = {0, 1, 2, 1, 0};
        double[][] scores = oneHot(truth, 3);
        ClassificationReport report = ClassificationMetrics.evaluate(truth, scores);
        assertEquals(1.0, report.accuracy(), TIGHT);
        assertEquals(1.0, report.microRocAuc(), TIGHT);
        assertEquals(1.0, report.microAveragePrecision(), TIGHT);
        assertEquals(0.0, PlasticcLogLoss.weighted(truth, scores, new int[] {15, 42, 90}), 1e-13);
    }

    @Test
    void reversedScoresGiveRocAucZero() {
        int[] truth = {0, 1, 2, 1};
        double[][] reversed = oneHot(truth, 3);
        for (double[] row : reversed) {
            for (int k = 0; k < row.length; k++) {
                row[k] = 1.0 - row[k];
            }
        }
        assertEquals(0.0, ClassificationMetrics.microRocAuc(truth, reversed), TIGHT);
        assertEquals(0.0, ClassificationMetrics.rocAuc(new boolean[] {true, false, false}, new double[] {1, 2, 3}),
                TIGHT);
    }

    @Test
    void allTiedScoresGiveRocAucOneHalfAndAveragePrecisionThePrevalence() {
        int[] truth = {0, 1, 2, 2};
        double[][] tied = new double[4][3];
        assertEquals(0.5, ClassificationMetrics.microRocAuc(truth, tied), TIGHT);
        assertEquals(1.0 / 3, ClassificationMetrics.microAveragePrecision(truth, tied), TIGHT);
    }

    @Test
    void rankStatisticAgreesWithPairwiseCountingOnTiedRandomScores() {
        Random random = new Random(20240817L);
        boolean[] labels = new boolean[400];
        double[] scores = new double[400];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = random.nextInt(3) == 0;
            scores[i] = Math.round(random.nextDouble() * 10) / 10.0;
        }
        assertEquals(pairwiseAuc(labels, scores), ClassificationMetrics.rocAuc(labels, scores), 1e-12);
        assertEquals(thresholdWalkAveragePrecision(labels, scores),
                ClassificationMetrics.averagePrecision(labels, scores), 1e-12);
    }

    @Test
    void microAveragesFlattenTheOneHotTruth() {
        int[] truth = {0, 1, 2, 2, 1};
        double[][] scores = {
            {0.7, 0.2, 0.1}, {0.3, 0.3, 0.4}, {0.1, 0.5, 0.4}, {0.2, 0.2, 0.6}, {0.0, 0.9, 0.1}};
        boolean[] labels = new boolean[15];
        double[] flat = new double[15];
        for (int i = 0; i < 5; i++) {
            for (int k = 0; k < 3; k++) {
                labels[3 * i + k] = truth[i] == k;
                flat[3 * i + k] = scores[i][k];
            }
        }
        assertEquals(ClassificationMetrics.rocAuc(labels, flat), ClassificationMetrics.microRocAuc(truth, scores),
                TIGHT);
        assertEquals(ClassificationMetrics.averagePrecision(labels, flat),
                ClassificationMetrics.microAveragePrecision(truth, scores), TIGHT);
    }

    @Test
    void reportGathersEverythingAndIsImmutable() {
        ClassificationReport report = ClassificationMetrics.evaluate(TRUTH, SCORES);
        assertEquals(4, report.rows());
        assertEquals(0.5, report.accuracy(), TIGHT);
        assertEquals(ClassificationMetrics.microRocAuc(TRUTH, SCORES), report.microRocAuc(), 0.0);
        assertEquals(ClassificationMetrics.microAveragePrecision(TRUTH, SCORES), report.microAveragePrecision(), 0.0);
        assertEquals(1, report.count(2, 1));
        assertEquals(3, report.classes());

        report.confusion()[0][0] = 99;
        assertEquals(1, report.count(0, 0));
        assertEquals(report, ClassificationMetrics.evaluate(TRUTH, SCORES));
        assertEquals(report.hashCode(), ClassificationMetrics.evaluate(TRUTH, SCORES).hashCode());
    }

    @Test
    void rejectsDegenerateInput() {
        assertThrows(IllegalArgumentException.class,
                () -> ClassificationMetrics.rocAuc(new boolean[] {true, true}, new double[] {0.1, 0.2}));
        assertThrows(IllegalArgumentException.class,
                () -> ClassificationMetrics.averagePrecision(new boolean[] {false}, new double[] {0.1}));
        assertThrows(IllegalArgumentException.class,
                () -> ClassificationMetrics.microRocAuc(new int[] {0}, new double[][] {{1.0}}));
        assertThrows(IllegalArgumentException.class,
                () -> ClassificationMetrics.accuracy(new int[] {0}, new double[][] {{Double.NaN, 0.0}}));
    }

    private static double[][] oneHot(int[] truth, int classes) {
        double[][] matrix = new double[truth.length][classes];
        for (int i = 0; i < truth.length; i++) {
            matrix[i][truth[i]] = 1.0;
        }
        return matrix;
    }

    /** The definition: over all positive-negative pairs, a win counts 1 and a tie 1/2. */
    private static double pairwiseAuc(boolean[] labels, double[] scores) {
        double wins = 0;
        long pairs = 0;
        for (int i = 0; i < labels.length; i++) {
            for (int j = 0; j < labels.length; j++) {
                if (labels[i] && !labels[j]) {
                    pairs++;
                    wins += scores[i] > scores[j] ? 1.0 : scores[i] == scores[j] ? 0.5 : 0.0;
                }
            }
        }
        return wins / pairs;
    }

    /** For each distinct score, count what lies at or above it: sum of (R_n - R_{n-1}) * P_n. */
    private static double thresholdWalkAveragePrecision(boolean[] labels, double[] scores) {
        double[] thresholds = Arrays.stream(scores).distinct().sorted().toArray();
        long positives = 0;
        for (boolean label : labels) {
            positives += label ? 1 : 0;
        }
        double ap = 0.0;
        double previousRecall = 0.0;
        for (int t = thresholds.length - 1; t >= 0; t--) {
            long tp = 0;
            long predicted = 0;
            for (int i = 0; i < labels.length; i++) {
                if (scores[i] >= thresholds[t]) {
                    predicted++;
                    tp += labels[i] ? 1 : 0;
                }
            }
            double recall = (double) tp / positives;
            ap += (recall - previousRecall) * tp / predicted;
            previousRecall = recall;
        }
        return ap;
    }
}
