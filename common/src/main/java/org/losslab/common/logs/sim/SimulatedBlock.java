package org.losslab.common.logs.sim;

import java.io.Serializable;
import java.util.List;

/**
 * One simulated HDFS block: its index in the simulation, its id, the replicas its write pipeline had, its
 * anomaly ({@code null} for a normal block) and its lines in time order (ties in the order they were logged).
 */
public record SimulatedBlock(long index, long blockId, int replicas, AnomalyKind anomaly, List<LogEvent> events)
        implements Serializable {
    public SimulatedBlock {
        events = List.copyOf(events);
    }

    /** The id as HDFS writes it, e.g. {@code blk_-6952295868487656571}. */
    public String name() {
        return HdfsLogSimulator.blockName(blockId);
    }

    public boolean anomalous() {
        return anomaly != null;
    }

    /** {@code Normal} or {@code Anomaly}, as in Loghub's {@code anomaly_label.csv}. */
    public String label() {
        return anomalous() ? HdfsLogSimulator.ANOMALY : HdfsLogSimulator.NORMAL;
    }
}
