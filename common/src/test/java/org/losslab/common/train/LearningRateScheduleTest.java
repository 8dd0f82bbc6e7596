package org.losslab.common.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {
    private static final double TIGHT = 1e-15;

    @Test
    void constantIsTheSameAtEveryStep() {
        LearningRateSchedule schedule = LearningRateSchedule.constant(0.01);
        assertEquals(0.01, schedule.at(0), 0.0);
        assertEquals(0.01, schedule.at(1_000_000_000L), 0.0);
    }

    /*
     * cosine(lr 0.1, warm-up 10, total 110, min 0.001): warm-up 0.1 * s / 10, then
     * 0.001 + 0.099 * (1 + cos(pi * (s - 10) / 100)) / 2.
     *   s = 0 -> 0; s = 5 -> 0.05; s = 10 -> 0.1; s = 35 (t = 1/4) -> 0.001 + 0.0495 * 1.707107 = 0.085502;
     *   s = 60 (t = 1/2) -> 0.001 + 0.0495 = 0.0505; s = 110 and beyond -> 0.001.
     */
    @Test
    void cosinePinsItsBoundaries() {
        LearningRateSchedule schedule = LearningRateSchedule.cosine(0.1, 10, 110, 0.001);
        assertEquals(0.0, schedule.at(0), TIGHT);
        assertEquals(0.05, schedule.at(5), TIGHT);
        assertEquals(0.09, schedule.at(9), TIGHT);
        assertEquals(0.1, schedule.at(10), TIGHT);
        assertEquals(0.001 + 0.0495 * (1 + Math.sqrt(0.5)), schedule.at(35), TIGHT);
        assertEquals(0.085502, schedule.at(35), 1e-6);
        assertEquals(0.0505, schedule.at(60), TIGHT);
        assertEquals(0.001, schedule.at(110), TIGHT);
        assertEquals(0.001, schedule.at(5_000), TIGHT);
        assertTrue(schedule.at(109) > 0.001 && schedule.at(109) < 0.0011);
    }

    @Test
    void cosineWithoutWarmupStartsAtThePeak() {
        LearningRateSchedule schedule = LearningRateSchedule.cosine(0.2, 0, 4, 0.0);
        // t = 0, 1/4, 1/2, 3/4, 1: 0.1 * (1 + cos(pi t)).
        assertArrayEquals(new double[] {0.2, 0.1 * (1 + Math.sqrt(0.5)), 0.1, 0.1 * (1 - Math.sqrt(0.5)), 0.0},
                schedule.sample(0, 5), 1e-15);
    }

    /*
     * warmupStableDecay(lr 0.1, warm-up 10, total 100, decay fraction 0.2, min 0.01): decay over the last
     * 20 steps, from step 80.
     *   s = 0 -> 0; s = 5 -> 0.05; s = 10 -> 0.1; s = 50, 79, 80 -> 0.1;
     *   s = 90 -> 0.1 - 0.09 * 10/20 = 0.055; s = 99 -> 0.1 - 0.09 * 19/20 = 0.0145; s = 100 and beyond -> 0.01.
     */
    @Test
    void warmupStableDecayPinsItsBoundaries() {
        WarmupStableDecaySchedule schedule =
                (WarmupStableDecaySchedule) LearningRateSchedule.warmupStableDecay(0.1, 10, 100, 0.2, 0.01);
        assertEquals(80, schedule.decayStart());
        assertEquals(0.0, schedule.at(0), TIGHT);
        assertEquals(0.05, schedule.at(5), TIGHT);
        assertEquals(0.1, schedule.at(10), TIGHT);
        assertEquals(0.1, schedule.at(50), TIGHT);
        assertEquals(0.1, schedule.at(79), TIGHT);
        assertEquals(0.1, schedule.at(80), TIGHT);
        assertEquals(0.055, schedule.at(90), TIGHT);
        assertEquals(0.0145, schedule.at(99), TIGHT);
        assertEquals(0.01, schedule.at(100), TIGHT);
        assertEquals(0.01, schedule.at(1_000_000), TIGHT);
    }

    @Test
    void warmupStableDecayWithoutDecayHoldsUntilTheEnd() {
        LearningRateSchedule schedule = LearningRateSchedule.warmupStableDecay(0.1, 0, 10, 0.0, 0.0);
        assertEquals(0.1, schedule.at(0), TIGHT);
        assertEquals(0.1, schedule.at(9), TIGHT);
        assertEquals(0.0, schedule.at(10), TIGHT);
    }

    @Test
    void schedulesNeverRiseAfterWarmup() {
        for (LearningRateSchedule schedule : new LearningRateSchedule[] {
            LearningRateSchedule.cosine(0.3, 7, 93, 0.002),
            LearningRateSchedule.warmupStableDecay(0.3, 7, 93, 0.37, 0.002)}) {
            for (long step = 8; step < 120; step++) {
                assertTrue(schedule.at(step) <= schedule.at(step - 1), schedule + " rises at " + step);
            }
            for (long step = 1; step <= 7; step++) {
                assertTrue(schedule.at(step) > schedule.at(step - 1), schedule + " falls in warm-up at " + step);
            }
        }
    }

    @Test
    void parseTakesTheCliNames() {
        assertEquals(new ConstantSchedule(0.1), LearningRateSchedule.parse("constant", 0.1, 5, 50, 0.2, 0.0));
        assertEquals(new CosineSchedule(0.1, 5, 50, 0.0), LearningRateSchedule.parse("cosine", 0.1, 5, 50, 0.2, 0.0));
        assertEquals(new WarmupStableDecaySchedule(0.1, 5, 50, 0.2, 0.0),
                LearningRateSchedule.parse(" Warmup-Stable-Decay ", 0.1, 5, 50, 0.2, 0.0));
        assertEquals(LearningRateSchedule.NAMES.size(), LearningRateSchedule.NAMES.stream()
                .map(name -> LearningRateSchedule.parse(name, 0.1, 5, 50, 0.2, 0.0).getClass())
                .distinct().count());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> LearningRateSchedule.parse("wsd", 0.1, 5, 50, 0.2, 0.0));
        assertTrue(unknown.getMessage().contains("constant|cosine|warmup-stable-decay"), unknown.getMessage());
    }

    @Test
    void survivesJavaSerialization() throws IOException, ClassNotFoundException {
        for (LearningRateSchedule schedule : new LearningRateSchedule[] {
            LearningRateSchedule.constant(0.1),
            LearningRateSchedule.cosine(0.1, 10, 110, 0.001),
            LearningRateSchedule.warmupStableDecay(0.1, 10, 100, 0.2, 0.01)}) {
            LearningRateSchedule copy = roundTrip(schedule);
            assertEquals(schedule, copy);
            assertArrayEquals(schedule.sample(0, 130), copy.sample(0, 130), 0.0);
        }
    }

    @Test
    void rejectsInvalidSettings() {
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.constant(-0.1));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.constant(0.1).at(-1));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.cosine(0.1, 10, 10, 0.0));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.cosine(0.1, -1, 10, 0.0));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.cosine(0.1, 0, 10, 0.2));
        assertThrows(IllegalArgumentException.class,
                () -> LearningRateSchedule.warmupStableDecay(0.1, 10, 100, 0.95, 0.0));
        assertThrows(IllegalArgumentException.class,
                () -> LearningRateSchedule.warmupStableDecay(0.1, 10, 100, 1.5, 0.0));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.constant(0.1).sample(0, -1));
    }

    private static LearningRateSchedule roundTrip(LearningRateSchedule schedule)
            throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(schedule);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return assertInstanceOf(LearningRateSchedule.class, in.readObject());
        }
    }
}
