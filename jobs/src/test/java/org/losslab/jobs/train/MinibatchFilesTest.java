package org.losslab.jobs.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class MinibatchFilesTest {
    private static final List<String> FILES = IntStream.range(0, 27).mapToObj(i -> "f" + i).toList();

    @Test
    void everyRoundGivesEveryWorkerTheSameNumberOfFilesAndAnEpochLeavesOutFewerThanOnePerWorker() {
        List<List<String>> rounds = MinibatchFiles.epochRounds(FILES, 2, 5, 7, 0);
        Set<String> used = new HashSet<>();
        for (List<String> round : rounds) {
            assertTrue(round.size() <= 10, "at most workers x averaging frequency: " + round.size());
            assertEquals(0, round.size() % 2, "the same number for each of the 2 workers: " + round.size());
            round.forEach(f -> assertTrue(used.add(f), f + " twice in one epoch"));
        }
        assertEquals(26, used.size(), "27 files, 2 workers: one left out");
        assertEquals(List.of(10, 10, 6), rounds.stream().map(List::size).toList());
        assertEquals(13, MinibatchFiles.stepsPerEpoch(27, 2));
    }

    @Test
    void theOrderIsSeededPerEpoch() {
        assertEquals(MinibatchFiles.epochRounds(FILES, 2, 5, 7, 3), MinibatchFiles.epochRounds(FILES, 2, 5, 7, 3));
        assertNotEquals(MinibatchFiles.epochRounds(FILES, 2, 5, 7, 3), MinibatchFiles.epochRounds(FILES, 2, 5, 7, 4));
    }

    @Test
    void fewerFilesThanWorkersAreAllUsed() {
        assertEquals(List.of(1), MinibatchFiles.epochRounds(List.of("only"), 2, 5, 1, 0).stream().map(List::size)
                .toList());
        assertEquals(1, MinibatchFiles.stepsPerEpoch(1, 2));
    }
}
