package org.losslab.common.runs;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether a run recorded as {@code running} is still trained by a live driver, or was left behind by one that
 * died (killed, out of memory, its machine gone) and may be started again. Evidence, strongest first: the
 * owner's process, when the owner ran on this host (gone, or a different process now holds its PID: stale); the
 * owner's heartbeat, which a live run rewrites about every minute (older than {@code staleAfter}: stale).
 */
public final class RunLiveness {

    /** The decision and the reason, for logs and the sweep's output. */
    public record Verdict(boolean stale, String reason) {
    }

    /** Start time of a process by PID, empty when no such process runs (the JDK's {@link ProcessHandle}). */
    public interface ProcessProbe {
        Optional<Instant> startOf(long pid);

        ProcessProbe LOCAL = pid -> ProcessHandle.of(pid).map(p -> p.info().startInstant().orElse(Instant.EPOCH));
    }

    /** Who drives a run: the Spark application, and the driver's host and PID. */
    public record Owner(String appId, String host, Long pid) {
    }

    private RunLiveness() {
    }

    /**
     * @param owner     the recorded owner (fields may be null in rows written before owners were recorded)
     * @param startedAt when the run started
     * @param heartbeat the run's last heartbeat, null if none was ever written
     * @param me        the driver asking
     */
    public static Verdict judge(Owner owner, Instant startedAt, Instant heartbeat, Owner me, Instant now,
            Duration staleAfter, ProcessProbe probe) {
        if (heartbeat == null || owner == null || owner.appId() == null) {
            return new Verdict(true, "no owner or heartbeat recorded (a row from an older losslab)");
        }
        if (owner.appId().equals(me.appId())) {
            return new Verdict(false, "running in this application");
        }
        if (owner.host() != null && owner.host().equals(me.host()) && owner.pid() != null) {
            Optional<Instant> start = probe.startOf(owner.pid());
            if (start.isEmpty()) {
                return new Verdict(true, "its driver (pid " + owner.pid() + " on " + owner.host() + ", application "
                        + owner.appId() + ") is gone");
            }
            // a PID is reused only after its process ended: a process younger than the run is another one
            if (!start.get().equals(Instant.EPOCH) && start.get().isAfter(startedAt.plusSeconds(1))) {
                return new Verdict(true, "its driver (pid " + owner.pid() + " on " + owner.host() + ") is gone; the"
                        + " pid now belongs to a process started " + start.get());
            }
            return new Verdict(false, "its driver (pid " + owner.pid() + " on " + owner.host() + ", application "
                    + owner.appId() + ") is alive");
        }
        Duration silence = Duration.between(heartbeat, now);
        if (silence.compareTo(staleAfter) > 0) {
            return new Verdict(true, "no heartbeat from application " + owner.appId() + " on " + owner.host() + " for "
                    + silence.toSeconds() + " s (stale after " + staleAfter.toSeconds() + " s)");
        }
        return new Verdict(false, "application " + owner.appId() + " on " + owner.host() + " sent a heartbeat "
                + Math.max(0, silence.toSeconds()) + " s ago");
    }
}
