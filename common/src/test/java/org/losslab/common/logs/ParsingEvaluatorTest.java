package org.losslab.common.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ParsingEvaluatorTest {

    private static final double EPS = 1e-12;

    @Test
    void perfectPredictionScoresOne() {
        List<String> truth = List.of("a <*>", "a <*>", "b", "c <*> d");
        ParsingScores s = ParsingEvaluator.evaluate(truth, truth);
        assertEquals(1.0, s.groupingAccuracy(), EPS);
        assertEquals(1.0, s.parsingAccuracy(), EPS);
        assertEquals(1.0, s.groupingF1(), EPS);
        assertEquals(1.0, s.templateF1(), EPS);
        assertEquals(3, s.trueTemplates());
    }

    @Test
    void splittingATrueGroupLosesAllItsLines() {
        // lines:  0..3 true "A <*>", 4 true "B", 5 true "C"
        // groups: {0,1} and {2,3} split A; {4} = B exactly; {5} = C exactly
        List<String> truth = List.of("A <*>", "A <*>", "A <*>", "A <*>", "B", "C");
        List<String> templates = List.of("A x", "A x", "A <*>", "A <*>", "B", "C <*>");
        List<String> groups = List.of("g1", "g1", "g2", "g2", "g3", "g4");
        ParsingScores s = ParsingEvaluator.evaluate(truth, templates, groups);
        // GA: only {4} and {5} equal their true groups -> 2 of 6 lines
        assertEquals(2.0 / 6, s.groupingAccuracy(), EPS);
        // PA: lines 2, 3 ("A <*>") and 4 ("B") are exactly right -> 3 of 6
        assertEquals(3.0 / 6, s.parsingAccuracy(), EPS);
        // FGA: 2 correct groups; precision 2/4 predicted groups, recall 2/3 true templates
        //      F1 = 2 * 0.5 * 0.6667 / (0.5 + 0.6667) = 4/7
        assertEquals(4.0 / 7, s.groupingF1(), EPS);
        // FTA: of the 2 correct groups only {4} has the right text ("C <*>" != "C");
        //      precision 1/4, recall 1/3 -> F1 = 2 * (1/4) * (1/3) / (1/4 + 1/3) = 2/7
        assertEquals(2.0 / 7, s.templateF1(), EPS);
        assertEquals(4, s.predictedGroups());
        assertEquals(2, s.correctGroups());
        assertEquals(1, s.correctTemplates());
    }

    @Test
    void mergingTwoTrueGroupsLosesBoth() {
        // lines: 0,1 true "X <*>"; 2 true "Y <*>"; 3,4 true "Z"
        // one predicted group {0,1,2} with text "<*> <*>", and {3,4} correct with text "Z"
        List<String> truth = List.of("X <*>", "X <*>", "Y <*>", "Z", "Z");
        List<String> templates = List.of("<*> <*>", "<*> <*>", "<*> <*>", "Z", "Z");
        ParsingScores s = ParsingEvaluator.evaluate(truth, templates);
        // GA: group {3,4} only -> 2/5
        assertEquals(0.4, s.groupingAccuracy(), EPS);
        // PA: lines 3, 4 -> 2/5
        assertEquals(0.4, s.parsingAccuracy(), EPS);
        // FGA: 1 correct group; precision 1/2, recall 1/3 -> F1 = 2 * (1/2)(1/3) / (5/6) = 0.4
        assertEquals(0.4, s.groupingF1(), EPS);
        // FTA: the correct group also has the right text -> same 0.4
        assertEquals(0.4, s.templateF1(), EPS);
    }

    @Test
    void groupIdsDecideGroupingNotTemplateText() {
        // same text in two different predicted groups: line 0 and 1 are split although the text is right
        List<String> truth = List.of("T", "T", "U");
        List<String> templates = List.of("T", "T", "U");
        ParsingScores s = ParsingEvaluator.evaluate(truth, templates, List.of("1", "2", "3"));
        // GA: only line 2 -> 1/3; PA: all 3 lines
        assertEquals(1.0 / 3, s.groupingAccuracy(), EPS);
        assertEquals(1.0, s.parsingAccuracy(), EPS);
        // FGA/FTA: 1 correct of 3 predicted and 2 true: P=1/3, R=1/2 -> F1 = 2 * (1/6) / (5/6) = 0.4
        assertEquals(0.4, s.groupingF1(), EPS);
        assertEquals(0.4, s.templateF1(), EPS);
    }

    @Test
    void comparesTemplatesExactly() {
        ParsingScores s = ParsingEvaluator.evaluate(List.of("a <*>"), List.of("a  <*>"));
        assertEquals(1.0, s.groupingAccuracy(), EPS);
        assertEquals(0.0, s.parsingAccuracy(), EPS);
        assertEquals(0.0, s.templateF1(), EPS);
    }

    @Test
    void rejectsMismatchedLengths() {
        assertThrows(IllegalArgumentException.class,
                () -> ParsingEvaluator.evaluate(List.of("a"), List.of("a", "b")));
    }
}
