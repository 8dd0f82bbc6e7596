package org.losslab.common.logs.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.losslab.common.logs.HeaderMatch;
import org.losslab.common.logs.LogFormat;

class HdfsLogSimulatorTest {
    private static final int N = 20_000;
    private static final double RATE = 0.03;
    private static final HdfsLogSimulator SIMULATOR = new HdfsLogSimulator(7, RATE);
    private static final Set<HdfsStep> MANDATORY_PER_REPLICA = Set.of(HdfsStep.RECEIVING, HdfsStep.RECEIVED,
            HdfsStep.RESPONDER_TERMINATING, HdfsStep.ADD_STORED);
    private static List<SimulatedBlock> blocks;

    @BeforeAll
    static void simulate() {
        blocks = LongStream.range(0, N).mapToObj(SIMULATOR::simulate).toList();
    }

    private static List<SimulatedBlock> ofKind(AnomalyKind kind) {
        return blocks.stream().filter(b -> b.anomaly() == kind).toList();
    }

    /** Occurrences of each (step, replica) of a block. */
    private static Map<String, Integer> counts(SimulatedBlock block) {
        Map<String, Integer> counts = new HashMap<>();
        for (LogEvent e : block.events()) {
            counts.merge(e.step() + "/" + e.replica(), 1, Integer::sum);
        }
        return counts;
    }

    private static boolean missesAMandatoryStep(SimulatedBlock block) {
        Map<String, Integer> counts = counts(block);
        if (!counts.containsKey(HdfsStep.ALLOCATE + "/-1")) {
            return true;
        }
        for (int k = 0; k < block.replicas(); k++) {
            for (HdfsStep step : MANDATORY_PER_REPLICA) {
                if (!counts.containsKey(step + "/" + k)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Position of the first (step, replica) line, or -1. */
    private static int first(SimulatedBlock block, HdfsStep step, int replica) {
        List<LogEvent> events = block.events();
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).step() == step && events.get(i).replica() == replica) {
                return i;
            }
        }
        return -1;
    }

    /** The orders a real lifecycle keeps that are broken in this block; empty for a well-ordered one. */
    private static List<String> orderViolations(SimulatedBlock block) {
        List<String> broken = new ArrayList<>();
        if (first(block, HdfsStep.ALLOCATE, -1) != 0) {
            broken.add("allocateBlock is not first");
        }
        int lastStored = -1;
        int firstInvalidate = Integer.MAX_VALUE;
        for (int i = 0; i < block.events().size(); i++) {
            LogEvent e = block.events().get(i);
            if (e.step() == HdfsStep.ADD_STORED) {
                lastStored = i;
            } else if (e.step() == HdfsStep.INVALIDATE) {
                firstInvalidate = Math.min(firstInvalidate, i);
            }
        }
        if (firstInvalidate < lastStored) {
            broken.add("deleted before the last blockMap update");
        }
        for (int k = 0; k < block.replicas() + 1; k++) {
            int receiving = first(block, HdfsStep.RECEIVING, k);
            int received = Math.max(first(block, HdfsStep.RECEIVED, k), first(block, HdfsStep.RECEIVED_TRANSFER, k));
            int terminating = first(block, HdfsStep.RESPONDER_TERMINATING, k);
            int stored = first(block, HdfsStep.ADD_STORED, k);
            if (received >= 0 && received < receiving || terminating >= 0 && terminating < receiving) {
                broken.add("replica " + k + " received before receiving");
            }
            if (stored >= 0 && stored < received) {
                broken.add("replica " + k + " mapped before received");
            }
            int invalidate = first(block, HdfsStep.INVALIDATE, k);
            int deleting = first(block, HdfsStep.DELETING, k);
            if (deleting >= 0 && deleting < invalidate) {
                broken.add("replica " + k + " deleted before invalidated");
            }
        }
        int ask = first(block, HdfsStep.ASK_REPLICATE, block.replicas());
        int start = first(block, HdfsStep.START_TRANSFER, block.replicas());
        if (start >= 0 && (start < ask || first(block, HdfsStep.RECEIVING, block.replicas()) < start)) {
            broken.add("transfer out of order");
        }
        return broken;
    }

    @Test
    void sameSeedAndIndexGiveTheSameBlockWhateverTheOrder() {
        HdfsLogSimulator other = new HdfsLogSimulator(7, RATE);
        Map<Long, SimulatedBlock> parallel = LongStream.range(0, 500).map(i -> 499 - i).parallel().boxed()
                .collect(Collectors.toConcurrentMap(i -> i, other::simulate));
        for (int i = 0; i < 500; i++) {
            assertEquals(blocks.get(i), parallel.get((long) i), "index " + i);
            assertEquals(blocks.get(i).anomaly(), other.anomaly(i), "index " + i);
        }
        HdfsLogSimulator otherSeed = new HdfsLogSimulator(8, RATE);
        for (int i = 0; i < 100; i++) {
            assertNotEquals(blocks.get(i).blockId(), otherSeed.blockId(i));
            assertNotEquals(blocks.get(i).events(), otherSeed.simulate(i).events());
        }
    }

    @Test
    void theAnomalyRateDoesNotChangeANormalBlock() {
        HdfsLogSimulator none = new HdfsLogSimulator(7, 0.0);
        for (int i = 0; i < 2000; i++) {
            SimulatedBlock block = blocks.get(i);
            if (!block.anomalous()) {
                assertEquals(block, none.simulate(i), "index " + i);
            }
            assertNull(none.anomaly(i));
        }
    }

    @Test
    void blockIdsAreUniqueAndSignedLikeRealHdfs() {
        Set<Long> ids = new HashSet<>();
        for (SimulatedBlock block : blocks) {
            assertTrue(ids.add(block.blockId()), block.name());
            assertEquals("blk_" + block.blockId(), block.name());
        }
        long negative = ids.stream().filter(id -> id < 0).count();
        assertTrue(negative > N * 0.45 && negative < N * 0.55, "negative ids: " + negative);
    }

    @Test
    void everyLineFitsTheHdfsLayoutAndNamesItsBlock() {
        LogFormat format = LogFormat.builtin("hdfs-sim");
        Pattern date = Pattern.compile("\\d{6}");
        for (SimulatedBlock block : blocks.subList(0, 3000)) {
            long previous = Long.MIN_VALUE;
            for (LogEvent e : block.events()) {
                String line = e.line();
                HeaderMatch m = format.match(line);
                assertTrue(m.matched(), line);
                assertTrue(date.matcher(m.field("Date")).matches(), line);
                assertTrue(date.matcher(m.field("Time")).matches(), line);
                assertTrue(m.field("Pid").matches("\\d+"), line);
                assertTrue(Set.of("INFO", "WARN").contains(m.field("Level")), line);
                assertEquals(e.component(), m.field("Component"));
                assertEquals(e.content(), m.content());
                assertTrue(e.content().contains(block.name() + " ") || e.content().endsWith(block.name())
                        || e.content().contains(block.name() + "."), line);
                assertTrue(e.timeMillis() >= previous, "lines of a block in time order: " + line);
                previous = e.timeMillis();
            }
        }
        LogEvent first = blocks.get(0).events().get(0);
        assertTrue(first.line().startsWith("081109 2035") || first.line().startsWith("081109 2036"), first.line());
    }

    @Test
    void normalBlocksAllocateReceiveAndMapEveryReplicaInOrder() {
        Map<Integer, Integer> byReplicas = new HashMap<>();
        EnumMap<HdfsStep, Integer> steps = new EnumMap<>(HdfsStep.class);
        for (SimulatedBlock block : blocks) {
            if (block.anomalous()) {
                continue;
            }
            byReplicas.merge(block.replicas(), 1, Integer::sum);
            block.events().forEach(e -> steps.merge(e.step(), 1, Integer::sum));
            assertFalse(missesAMandatoryStep(block), () -> block.name() + " " + block.events());
            assertEquals(List.of(), orderViolations(block), () -> block.name() + " " + block.events());
            counts(block).forEach((stepAndReplica, count) -> {
                if (!stepAndReplica.startsWith("SERVE")) {
                    assertEquals(1, count, () -> stepAndReplica + " in " + block.events());
                }
            });
            assertFalse(block.events().stream().anyMatch(e -> e.step() == HdfsStep.ERROR));
            assertEquals(HdfsStep.ALLOCATE, block.events().get(0).step());
            assertTrue(block.events().get(0).content().matches("BLOCK\\* NameSystem\\.allocateBlock: /user/root/\\w+"
                    + "/_temporary/_task_\\d{12}_\\d{4}_m_\\d{6}_0/part-\\d{5}\\. " + block.name()),
                    block.events().get(0).content());
        }
        int normal = byReplicas.values().stream().mapToInt(Integer::intValue).sum();
        assertTrue(byReplicas.get(3) > normal * 0.85, "replicas: " + byReplicas);
        assertTrue(byReplicas.get(2) > 0 && byReplicas.get(1) > 0, "replicas: " + byReplicas);
        // the optional branches all occur
        for (HdfsStep step : List.of(HdfsStep.VERIFIED, HdfsStep.SERVED, HdfsStep.SERVE_FAILED, HdfsStep.INVALIDATE,
                HdfsStep.DELETING, HdfsStep.ASK_REPLICATE, HdfsStep.START_TRANSFER, HdfsStep.RECEIVED_TRANSFER,
                HdfsStep.TRANSMITTED)) {
            assertTrue(steps.getOrDefault(step, 0) > 0, "no " + step + " in " + steps);
        }
        assertTrue(steps.get(HdfsStep.INVALIDATE) > steps.get(HdfsStep.ADD_STORED) / 3, steps.toString());
    }

    @Test
    void theAnomalyRateIsHonouredAndEveryKindOccurs() {
        Map<AnomalyKind, Long> kinds = blocks.stream().filter(SimulatedBlock::anomalous)
                .collect(Collectors.groupingBy(SimulatedBlock::anomaly, () -> new EnumMap<>(AnomalyKind.class),
                        Collectors.counting()));
        long anomalous = kinds.values().stream().mapToLong(Long::longValue).sum();
        // 600 expected, standard deviation 24
        assertTrue(anomalous > 500 && anomalous < 700, "anomalous: " + anomalous);
        assertEquals(AnomalyKind.values().length, kinds.size());
        kinds.values().forEach(count -> assertTrue(count > 100, kinds.toString()));
        assertEquals(HdfsLogSimulator.ANOMALY, ofKind(AnomalyKind.REPETITION).get(0).label());
        assertEquals("out_of_order", AnomalyKind.OUT_OF_ORDER.label());
        long none = LongStream.range(0, 2000).filter(i -> new HdfsLogSimulator(1, 0.0).anomaly(i) != null).count();
        long all = LongStream.range(0, 2000).filter(i -> new HdfsLogSimulator(1, 1.0).anomaly(i) == null).count();
        assertEquals(0, none + all);
    }

    @Test
    void missingStepBlocksLackAMandatoryStepAndNothingElseIsWrong() {
        for (SimulatedBlock block : ofKind(AnomalyKind.MISSING_STEP)) {
            assertTrue(missesAMandatoryStep(block), () -> block.events().toString());
            assertFalse(block.events().stream().anyMatch(e -> e.step() == HdfsStep.ERROR));
        }
        // the brief's example: a replica's Receiving dropped while its Received and terminating still appear
        assertTrue(ofKind(AnomalyKind.MISSING_STEP).stream().anyMatch(b -> {
            Map<String, Integer> c = counts(b);
            for (int k = 0; k < b.replicas(); k++) {
                if (!c.containsKey("RECEIVING/" + k) && c.containsKey("RECEIVED/" + k)
                        && c.containsKey("RESPONDER_TERMINATING/" + k)) {
                    return true;
                }
            }
            return false;
        }));
    }

    @Test
    void errorBlocksLogWarningsOfSeveralKinds() {
        Set<String> kinds = new HashSet<>();
        for (SimulatedBlock block : ofKind(AnomalyKind.ERROR_EVENT)) {
            List<LogEvent> errors = block.events().stream().filter(e -> e.step() == HdfsStep.ERROR).toList();
            assertFalse(errors.isEmpty(), () -> block.events().toString());
            for (LogEvent e : errors) {
                assertEquals("WARN", e.level());
                // what comes before the block id names the failure
                kinds.add(e.content().substring(0, e.content().indexOf(block.name())).replaceAll("[\\d.]+", "#"));
            }
        }
        assertTrue(kinds.size() >= 6, kinds.toString());
        assertTrue(kinds.containsAll(Set.of("writeBlock ", "PacketResponder ", "Exception in receiveBlock for block ",
                "#:#:Exception writing block ")), kinds.toString());
    }

    @Test
    void outOfOrderBlocksBreakAnOrderButKeepEveryStep() {
        Set<String> how = new HashSet<>();
        for (SimulatedBlock block : ofKind(AnomalyKind.OUT_OF_ORDER)) {
            List<String> broken = orderViolations(block);
            assertFalse(broken.isEmpty(), () -> block.events().toString());
            assertFalse(missesAMandatoryStep(block), () -> block.events().toString());
            broken.forEach(b -> how.add(b.replaceAll("\\d+", "K")));
        }
        assertTrue(how.containsAll(Set.of("replica K received before receiving", "replica K mapped before received",
                "deleted before the last blockMap update", "replica K deleted before invalidated")), how.toString());
    }

    @Test
    void repetitionBlocksLogOneStepAtLeastThreeTimes() {
        for (SimulatedBlock block : ofKind(AnomalyKind.REPETITION)) {
            Map<String, Integer> counts = counts(block);
            assertTrue(counts.entrySet().stream().anyMatch(e -> !e.getKey().startsWith("SERVE") && e.getValue() >= 3),
                    () -> counts.toString());
            assertFalse(missesAMandatoryStep(block));
        }
    }

    @Test
    void refusesARateOutsideZeroToOneAndANegativeIndex() {
        assertThrows(IllegalArgumentException.class, () -> new HdfsLogSimulator(1, 1.5));
        assertThrows(IllegalArgumentException.class, () -> new HdfsLogSimulator(1, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> SIMULATOR.simulate(-1));
    }
}
