package org.losslab.common.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class SweepPlanTest {
    private static final Map<String, String> FIXED = Map.of("model", "mlp", "epochs", "3");

    @Test
    void expandsTheCartesianProductOfTheAxesWithTheFixedOptions() {
        SweepPlan plan = SweepPlan.expand("s1", FIXED, Map.of("width", List.of("16", "32", "64"),
                "lr-schedule", List.of("constant", "cosine")));
        assertEquals(6, plan.runs().size());
        Set<Map<String, String>> values = plan.runs().stream().map(SweepPlan.PlannedRun::axisValues)
                .collect(Collectors.toSet());
        assertEquals(6, values.size());
        for (SweepPlan.PlannedRun run : plan.runs()) {
            assertEquals("mlp", run.options().get("model"));
            assertEquals(run.axisValues().get("width"), run.options().get("width"));
        }
        assertEquals(6, plan.runs().stream().map(SweepPlan.PlannedRun::runId).distinct().count());
    }

    @Test
    void runIdsAreStableAndIgnoreTheOrderAxesAreListedIn() {
        Map<String, List<String>> one = new LinkedHashMap<>();
        one.put("width", List.of("16", "32"));
        one.put("seed", List.of("1", "2"));
        Map<String, List<String>> other = new LinkedHashMap<>();
        other.put("seed", List.of("1", "2"));
        other.put("width", List.of("16", "32"));
        SweepPlan a = SweepPlan.expand("s1", FIXED, one);
        SweepPlan b = SweepPlan.expand("s1", FIXED, other);
        assertEquals(a.runs(), b.runs());
        assertEquals(a.runs().get(0).runId(), SweepPlan.expand("s1", FIXED, one).runs().get(0).runId());
        assertNotEquals(a.runs().get(0).runId(), SweepPlan.expand("s2", FIXED, one).runs().get(0).runId());
        assertEquals(true, a.runs().get(0).runId().matches("s1-[0-9a-f]{12}"));
    }

    @Test
    void rejectsEmptyAxesAxesThatAreAlsoFixedAndUnsafeIds() {
        assertThrows(IllegalArgumentException.class, () -> SweepPlan.expand("s", FIXED, Map.of("width", List.of())));
        assertThrows(IllegalArgumentException.class, () -> SweepPlan.expand("s", FIXED, Map.of("epochs",
                List.of("1"))));
        assertThrows(IllegalArgumentException.class, () -> SweepPlan.expand("a sweep", FIXED, Map.of()));
    }
}
