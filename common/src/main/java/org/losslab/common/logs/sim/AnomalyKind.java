package org.losslab.common.logs.sim;

import java.util.Locale;

/** What was done to an anomalous block's lifecycle; each anomalous block gets exactly one kind. */
public enum AnomalyKind {
    /** A mandatory step is missing: the allocation, or one replica's Receiving, Received, responder end or blockMap update. */
    MISSING_STEP,
    /** WARN lines of a failure (pipeline exception, mirror write, replication time-out, failed delete), with its consequences. */
    ERROR_EVENT,
    /** Steps in an impossible order: Received before Receiving, blockMap update before Received, delete before the write ends. */
    OUT_OF_ORDER,
    /** One step logged several extra times. */
    REPETITION;

    /** The name written to {@code anomaly_kinds.csv}: lower case, e.g. {@code missing_step}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
