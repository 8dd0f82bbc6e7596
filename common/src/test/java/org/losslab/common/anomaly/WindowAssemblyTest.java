package org.losslab.common.anomaly;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** How lines become windows: ids per line, parts merged in any order, and the split. */
class WindowAssemblyTest {

    @Test
    void partsMergedInAnyOrderGiveTheWindowInFileAndLineOrder() {
        // a made-up session over two files; lines arrive out of order, spread over three parts
        WindowParts a = new WindowParts().add("b.log", 3, 7, 5_000L, 0).add("a.log", 9, 2, null, null);
        WindowParts b = new WindowParts().add("a.log", 4, 1, 2_000L, 0);
        WindowParts c = new WindowParts().add("b.log", 1, 5, 9_000L, 1);
        WindowParts merged = c.merge(a.merge(b));
        WindowParts.Window w = merged.finish("blk_1");
        assertEquals(w.order(), merged.order("blk_1"), "the order without sorting is the finished window's");
        assertEquals(w.label(), merged.label());
        assertArrayEquals(new int[] {1, 2, 5, 7}, w.events(), "a.log 4, a.log 9, b.log 1, b.log 3");
        assertEquals("a.log", w.file());
        assertEquals(4, w.firstLine());
        assertEquals(3, w.lastLine());
        assertEquals(2_000L, w.startMs());
        assertEquals(9_000L, w.endMs());
        assertEquals(1, w.label(), "one anomalous line makes the window anomalous");
    }

    @Test
    void aLabelFileOverridesLineLabelsAndUnlabelledLinesGiveNoLabel() {
        WindowParts lines = new WindowParts().add("x", 1, 1, null, 1);
        assertEquals(0, new WindowParts().keyLabel(0).merge(lines).finish("k").label());
        WindowParts.Window unlabelled = new WindowParts().add("x", 1, 1, null, null).finish("k");
        assertNull(unlabelled.label());
        assertNull(unlabelled.startMs(), "no line had a time");
        assertEquals(false, new WindowParts().keyLabel(1).hasLines(), "a key no line names is no window");
        assertEquals(3, new WindowParts().lineWithoutWindow().merge(new WindowParts().lineWithoutWindow()
                .lineWithoutWindow()).linesWithoutWindow());
    }

    @Test
    void manyPartsGrowAndKeepEveryLine() {
        WindowParts whole = new WindowParts();
        List<Integer> lines = new ArrayList<>();
        for (int i = 1; i <= 1_000; i++) {
            lines.add(i);
        }
        Collections.shuffle(lines, new Random(3));
        for (int i = 0; i < lines.size(); i += 7) {
            WindowParts part = new WindowParts();
            for (int j = i; j < Math.min(i + 7, lines.size()); j++) {
                part.add("f", lines.get(j), lines.get(j) % 13, null, 0);
            }
            whole = whole.merge(part);
        }
        int[] events = whole.finish("f#0").events();
        assertEquals(1_000, events.length);
        for (int i = 0; i < events.length; i++) {
            assertEquals((i + 1) % 13, events[i]);
        }
    }

    @Test
    void theChronologicalSplitCutsWhereTheRankCrossesEachFraction() {
        Random random = new Random(11);
        for (int n : new int[] {1, 2, 3, 10, 97, 1_000}) {
            for (double[] f : new double[][] {{0.7, 0.1}, {0.8, 0.0}, {0.5, 0.25}}) {
                WindowOrder[] windows = new WindowOrder[n];
                for (int i = 0; i < n; i++) {
                    // ties in start and file are broken by line and id
                    windows[i] = new WindowOrder(random.nextInt(5) - 1L, "f" + random.nextInt(2), random.nextInt(3),
                            "w" + i);
                }
                WindowSplit split = WindowSplit.chronological(windows, f[0], f[1]);
                WindowOrder[] sorted = windows.clone();
                java.util.Arrays.sort(sorted);
                for (int rank = 0; rank < n; rank++) {
                    assertEquals(WindowSplit.split(rank / (double) n, f[0], f[1]), split.of(sorted[rank]),
                            "rank " + rank + " of " + n + " at " + f[0] + "/" + f[1]);
                }
            }
        }
        assertEquals("test", WindowSplit.split(0.95, 0.8, 0.1));
        assertEquals("validation", WindowSplit.split(0.85, 0.8, 0.1));
    }

    @Test
    void windowIdsOfEachKind() {
        // a made-up line naming two job ids, one of them twice
        assertArrayEquals(new String[] {"job_7", "job_12"},
                WindowIds.session("job_[0-9]+").of("a", 1, "move job_7 after job_12 (was job_7)", null, null));
        assertArrayEquals(new String[0], WindowIds.session("job_[0-9]+").of("a", 1, "idle", null, null));
        assertArrayEquals(new String[0], WindowIds.session("x*").of("a", 1, "abc", null, null),
                "empty matches are no ids");
        assertArrayEquals(new String[] {"user-3"}, WindowIds.session(null).of("a", 1, "c", "user-3", null));
        assertArrayEquals(new String[0], WindowIds.session(null).of("a", 1, "c", "", null));
        assertArrayEquals(new String[] {"a#0"}, WindowIds.fixed(20).of("a", 20, "c", null, null));
        assertArrayEquals(new String[] {"a#1"}, WindowIds.fixed(20).of("a", 21, "c", null, null));
        assertArrayEquals(new String[] {"a#1", "a#2"}, WindowIds.sliding(4, 2).of("a", 6, "c", null, null));
        WindowIds hourly = WindowIds.time(3600);
        assertArrayEquals(new String[] {"2012-03-04T05:00:00"}, hourly.of("a", 1, "c", null,
                java.time.Instant.parse("2012-03-04T05:59:59Z").toEpochMilli()));
        assertArrayEquals(new String[] {"2012-03-04T06:00:00"}, hourly.of("a", 2, "c", null,
                java.time.Instant.parse("2012-03-04T06:00:00Z").toEpochMilli()));
        assertArrayEquals(new String[0], hourly.of("a", 3, "c", null, null), "a line without a time");
    }
}
