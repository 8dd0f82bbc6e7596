package org.losslab.common.grokking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class GrokkingDesignTest {

    private static GrokkingMetrics grokked(long memorized, long generalized) {
        return GrokkingMetrics.of(List.of(new GrokkingMetrics.Point(memorized, 1.0, 0.0, null, null),
                new GrokkingMetrics.Point(generalized, 1.0, 1.0, null, null),
                new GrokkingMetrics.Point(2000, 1.0, 1.0, null, null)), 0.99);
    }

    private static GrokkingMetrics never(long memorized) {
        return GrokkingMetrics.of(List.of(new GrokkingMetrics.Point(memorized, 1.0, 0.0, null, null),
                new GrokkingMetrics.Point(2000, 1.0, 0.1, null, null)), 0.99);
    }

    private static final List<GrokkingDesign.Run> RUNS = List.of(
            new GrokkingDesign.Run("a", 1.0, 0.5, 128, "softmax", grokked(100, 900)),
            new GrokkingDesign.Run("b", 1.0, 0.7, 128, "softmax", grokked(100, 300)),
            new GrokkingDesign.Run("c", 0.1, 0.5, 128, "stablemax", grokked(100, 1500)),
            new GrokkingDesign.Run("d", 0.0, 0.5, 128, "softmax", never(80)),
            new GrokkingDesign.Run("e", 0.0, 0.7, 128, "stablemax", grokked(80, 700)),
            new GrokkingDesign.Run("f", 0.1, 0.7, 128, "softmax", grokked(90, 500)),
            new GrokkingDesign.Run("g", 1.0, 0.6, 128, "stablemax", grokked(100, 600)),
            new GrokkingDesign.Run("h", 0.1, 0.6, 128, "softmax", grokked(100, 1000)));

    @Test
    void excludingCensoredRunsNamesThemAndDropsConstantColumns() {
        GrokkingDesign d = GrokkingDesign.of(RUNS, "log_delay", "exclude");
        assertEquals(List.of("a", "b", "c", "e", "f", "g", "h"), d.runIds());
        assertEquals(List.of("d"), d.censoredRuns());
        assertEquals(List.of("d"), d.excludedRuns());
        assertEquals(List.of("log_weight_decay", "no_weight_decay", "train_fraction", "stablemax"), d.columns());
        assertEquals(List.of("log_width"), d.dropped(), "one width only");
        assertEquals(Math.log1p(800), d.y()[0], 1e-12);
        assertArrayEquals(new double[] {Math.log(0.1), 0, 0.5, 1}, d.x()[2], 1e-12);
        assertArrayEquals(new double[] {0, 1, 0.7, 1}, d.x()[3], 1e-12, "no decay: log column 0, indicator 1");
    }

    @Test
    void censoringAtTheBudgetKeepsTheRunWithItsLowerBound() {
        GrokkingDesign d = GrokkingDesign.of(RUNS, "log_generalization_step", "at-budget");
        assertEquals(8, d.runIds().size());
        assertEquals(List.of("d"), d.censoredRuns());
        assertEquals(List.of(), d.excludedRuns());
        assertEquals(Math.log(2000), d.y()[3], 1e-12);
        assertEquals(Math.log(900), d.y()[0], 1e-12);
    }

    @Test
    void tooFewRunsIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GrokkingDesign.of(RUNS.subList(0, 5), "log_delay", "exclude"));
        assertEquals(true, e.getMessage().contains("4 usable runs"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GrokkingDesign.of(RUNS, "delay", "exclude"));
        assertThrows(IllegalArgumentException.class, () -> GrokkingDesign.of(RUNS, "log_delay", "tobit"));
    }
}
