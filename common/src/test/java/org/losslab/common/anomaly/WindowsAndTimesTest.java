package org.losslab.common.anomaly;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

class WindowsAndTimesTest {

    @Test
    void aLineBelongsToEverySlidingWindowCoveringIt() {
        // windows of 4 lines every 2: [0,4), [2,6), [4,8), ...
        assertArrayEquals(new long[] {0}, WindowKind.slidingWindows(1, 4, 2));
        assertArrayEquals(new long[] {1, 2}, WindowKind.slidingWindows(5, 4, 2));
        assertArrayEquals(new long[] {0, 1}, WindowKind.slidingWindows(3, 4, 2));
        assertArrayEquals(new long[] {7}, WindowKind.slidingWindows(7, 1, 1), "size 1, step 1: one window per line");
        assertEquals(WindowKind.SESSION, WindowKind.parse(" Session "));
    }

    @Test
    void timesComeFromEpochFieldsWholeDateTimesOrDateAndTime() {
        assertEquals(1_500_000_000_000L, LogTimestamps.millis(Map.of("Timestamp", "1500000000", "Time", "x")));
        assertEquals(Instant.parse("2012-03-04T05:06:07.891Z").toEpochMilli(),
                LogTimestamps.millis(Map.of("Time", "2012-03-04-05.06.07.891234")));
        assertEquals(Instant.parse("2012-03-04T05:06:07.250Z").toEpochMilli(),
                LogTimestamps.millis(Map.of("Date", "2012-03-04", "Time", "05:06:07,25")));
        assertEquals(Instant.parse("2012-03-04T05:06:07Z").toEpochMilli(),
                LogTimestamps.millis(Map.of("Date", "120304", "Time", "050607")));
        assertEquals(Instant.parse("2012-03-04T05:06:07Z").toEpochMilli(),
                LogTimestamps.millis(Map.of("Date", "12/03/04", "Time", "05:06:07")));
        assertNull(LogTimestamps.millis(Map.of("Date", "Mar", "Time", "noon")));
        assertNull(LogTimestamps.millis(Map.of("Date", "120304", "Time", "256007")), "hour 25 is no time");
        assertNull(LogTimestamps.millis(Map.of("Content", "x")));
    }
}
