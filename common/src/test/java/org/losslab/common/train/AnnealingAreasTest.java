package org.losslab.common.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class AnnealingAreasTest {
    private static final double TIGHT = 1e-12;
    private static final double[] FOUR_STEPS = {1.0, 0.8, 0.4, 0.4};

    /*
     * lr = {1.0, 0.8, 0.4, 0.4}, lambda = 0.5:
     *   S1 = {1.0, 1.8, 2.2, 2.6}
     *   m_0 = 0; m_1 = 0.5 * 0 + (1.0 - 0.8) = 0.2; m_2 = 0.5 * 0.2 + (0.8 - 0.4) = 0.5; m_3 = 0.5 * 0.5 + 0 = 0.25
     *   S2 = {0, 0.2, 0.7, 0.95}
     */
    @Test
    void matchesTheHandComputedFourStepSchedule() {
        AnnealingAreas areas = AnnealingAreas.of(FOUR_STEPS, 0.5);
        assertEquals(4, areas.steps());
        assertArrayEquals(new double[] {1.0, 1.8, 2.2, 2.6}, areas.forwardAreas(), TIGHT);
        assertArrayEquals(new double[] {0.0, 0.2, 0.7, 0.95}, areas.annealingAreas(), TIGHT);
        assertEquals(2.2, areas.forwardArea(2), TIGHT);
        assertEquals(0.95, areas.annealingArea(3), TIGHT);
    }

    /*
     * Same rates, default lambda 0.999:
     *   m = {0, 0.2, 0.1998 + 0.4 = 0.5998, 0.999 * 0.5998 = 0.5992002}
     *   S2 = {0, 0.2, 0.7998, 1.3990002}
     */
    @Test
    void defaultLambdaIsNearlyAFullMemoryOfPastDrops() {
        assertEquals(0.999, AnnealingAreas.DEFAULT_LAMBDA, 0.0);
        AnnealingAreas areas = AnnealingAreas.of(FOUR_STEPS);
        assertArrayEquals(new double[] {0.0, 0.2, 0.7998, 1.3990002}, areas.annealingAreas(), TIGHT);
    }

    @Test
    void aConstantScheduleHasNoAnnealingArea() {
        AnnealingAreas areas = AnnealingAreas.of(LearningRateSchedule.constant(0.5), 6, 0.999);
        assertEquals(3.0, areas.forwardArea(5), TIGHT);
        assertArrayEquals(new double[6], areas.annealingAreas(), 0.0);
    }

    @Test
    void warmupMakesTheMomentumNegativeUnlessSkipped() {
        LearningRateSchedule schedule = LearningRateSchedule.warmupStableDecay(1.0, 2, 8, 0.25, 0.0);
        // Decay over the last 2 of 8 steps. Steps 0..7: {0, 0.5, 1, 1, 1, 1, 1, 0.5}.
        // Whole run, lambda 0.5: m = {0, -0.5, -0.75, -0.375, ...}, so S2(2) = -1.25.
        assertEquals(-1.25, AnnealingAreas.of(schedule, 8, 0.5).annealingArea(2), TIGHT);
        // From the end of warm-up: {1, 1, 1, 1, 1, 0.5}, m = {0, 0, 0, 0, 0, 0.5}.
        AnnealingAreas afterWarmup = AnnealingAreas.of(schedule.sample(2, 6), 0.5);
        assertArrayEquals(new double[] {0, 0, 0, 0, 0, 0.5}, afterWarmup.annealingAreas(), TIGHT);
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 5.5}, afterWarmup.forwardAreas(), TIGHT);
    }

    @Test
    void returnsCopies() {
        AnnealingAreas areas = AnnealingAreas.of(FOUR_STEPS, 0.5);
        areas.forwardAreas()[0] = 42.0;
        areas.annealingAreas()[1] = 42.0;
        assertEquals(1.0, areas.forwardArea(0), 0.0);
        assertEquals(0.2, areas.annealingArea(1), TIGHT);
    }

    @Test
    void rejectsLambdaOutsideTheUnitInterval() {
        assertThrows(IllegalArgumentException.class, () -> AnnealingAreas.of(FOUR_STEPS, -0.1));
        assertThrows(IllegalArgumentException.class, () -> AnnealingAreas.of(FOUR_STEPS, 1.5));
        assertThrows(IllegalArgumentException.class, () -> AnnealingAreas.of(FOUR_STEPS, Double.NaN));
    }
}
