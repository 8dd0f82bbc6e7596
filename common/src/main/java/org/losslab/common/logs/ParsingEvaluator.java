package org.losslab.common.logs;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Log-parsing accuracy against ground truth, as defined for Loghub-2.0 (Jiang et al., ISSTA 2024):
 * <ul>
 *   <li><b>GA</b>: a line is correct when the set of lines in its predicted group is exactly the set of
 *       lines in its true group (true groups are lines with the same true template);</li>
 *   <li><b>PA</b>: a line is correct when its predicted template string equals the true template string.
 *       The comparison is exact, as in the standard evaluator; the Loghub-2.0 labels are already
 *       whitespace-normalised (single spaces, trimmed), which is what templates here produce;</li>
 *   <li><b>FGA</b>: F1 where precision = correctly grouped templates / predicted groups and recall =
 *       correctly grouped templates / true templates;</li>
 *   <li><b>FTA</b>: the same F1 counting only correctly grouped templates whose template text is exactly
 *       the true template (every line of the group must carry that text).</li>
 * </ul>
 */
public final class ParsingEvaluator {

    private ParsingEvaluator() {
    }

    /** Scores predictions whose groups are identified by the predicted template strings themselves. */
    public static ParsingScores evaluate(List<String> trueTemplates, List<String> predictedTemplates) {
        return evaluate(trueTemplates, predictedTemplates, predictedTemplates);
    }

    /**
     * Scores one data set.
     *
     * @param trueTemplates the ground-truth template of each line
     * @param predictedTemplates the predicted template of each line
     * @param predictedGroups the predicted group id of each line (lines with equal ids form a group)
     */
    public static ParsingScores evaluate(List<String> trueTemplates, List<String> predictedTemplates,
            List<String> predictedGroups) {
        int n = trueTemplates.size();
        if (predictedTemplates.size() != n || predictedGroups.size() != n) {
            throw new IllegalArgumentException("need one prediction per line: " + n + " true, "
                    + predictedTemplates.size() + " templates, " + predictedGroups.size() + " groups");
        }
        Map<String, Integer> trueSize = new HashMap<>();
        for (String t : trueTemplates) {
            trueSize.merge(t, 1, Integer::sum);
        }
        Map<String, Group> groups = new LinkedHashMap<>();
        long exact = 0;
        for (int i = 0; i < n; i++) {
            String truth = trueTemplates.get(i);
            String predicted = predictedTemplates.get(i);
            if (truth.equals(predicted)) {
                exact++;
            }
            groups.computeIfAbsent(predictedGroups.get(i), k -> new Group()).add(truth, predicted);
        }
        long groupedLines = 0;
        int correctGroups = 0;
        int correctTemplates = 0;
        for (Group g : groups.values()) {
            if (g.singleTruth() && g.size == trueSize.get(g.truth)) {
                groupedLines += g.size;
                correctGroups++;
                if (g.allPredictionsEqualTruth) {
                    correctTemplates++;
                }
            }
        }
        int predictedCount = groups.size();
        int trueCount = trueSize.size();
        return new ParsingScores(n, ratio(groupedLines, n), ratio(exact, n),
                f1(correctGroups, predictedCount, trueCount), f1(correctTemplates, predictedCount, trueCount),
                trueCount, predictedCount, correctGroups, correctTemplates);
    }

    private static double ratio(long part, long whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }

    private static double f1(int correct, int predicted, int actual) {
        double precision = ratio(correct, predicted);
        double recall = ratio(correct, actual);
        return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    }

    /** The true templates seen in one predicted group. */
    private static final class Group {
        String truth;
        boolean mixed;
        boolean allPredictionsEqualTruth = true;
        int size;

        void add(String trueTemplate, String predicted) {
            if (truth == null) {
                truth = trueTemplate;
            } else if (!truth.equals(trueTemplate)) {
                mixed = true;
            }
            allPredictionsEqualTruth &= trueTemplate.equals(predicted);
            size++;
        }

        boolean singleTruth() {
            return !mixed;
        }
    }
}
