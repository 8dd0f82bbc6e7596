package org.losslab.common.runs;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.losslab.common.runs.RunLiveness.Owner;
import org.losslab.common.runs.RunLiveness.Verdict;

class RunLivenessTest {
    private static final Instant STARTED = Instant.parse("2026-01-01T10:00:00Z");
    private static final Instant NOW = Instant.parse("2026-01-01T10:05:00Z");
    private static final Duration LIMIT = Duration.ofMinutes(10);
    private static final Owner ME = new Owner("app-2", "host-a", 200L);

    private static Verdict judge(Owner owner, Instant heartbeat, Optional<Instant> process) {
        return RunLiveness.judge(owner, STARTED, heartbeat, ME, NOW, LIMIT, pid -> process);
    }

    @Test
    void aDeadDriverOnThisHostIsStaleAtOnceWhateverItsHeartbeat() {
        Verdict v = judge(new Owner("app-1", "host-a", 100L), NOW.minusSeconds(5), Optional.empty());
        assertTrue(v.stale(), v.reason());
        assertTrue(v.reason().contains("pid 100") && v.reason().contains("gone"), v.reason());
    }

    @Test
    void aPidTakenOverByAYoungerProcessMeansTheDriverIsGone() {
        Verdict v = judge(new Owner("app-1", "host-a", 100L), NOW.minusSeconds(5), Optional.of(NOW.minusSeconds(30)));
        assertTrue(v.stale(), v.reason());
    }

    @Test
    void aLiveDriverOnThisHostIsNotStaleEvenWithAnOldHeartbeat() {
        Verdict v = judge(new Owner("app-1", "host-a", 100L), NOW.minusSeconds(3600),
                Optional.of(STARTED.minusSeconds(60)));
        assertFalse(v.stale(), v.reason());
    }

    @Test
    void anotherHostsRunIsJudgedByItsHeartbeat() {
        Owner other = new Owner("app-1", "host-b", 100L);
        assertFalse(judge(other, NOW.minusSeconds(120), Optional.empty()).stale(), "a recent heartbeat: alive");
        Verdict old = judge(other, NOW.minus(Duration.ofMinutes(11)), Optional.empty());
        assertTrue(old.stale(), old.reason());
        assertTrue(old.reason().contains("660 s"), old.reason());
    }

    @Test
    void aRowWithoutOwnerOrHeartbeatIsStale() {
        assertTrue(judge(null, null, Optional.empty()).stale());
        assertTrue(judge(new Owner("app-1", "host-a", 100L), null, Optional.of(STARTED)).stale());
    }
}
