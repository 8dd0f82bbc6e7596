package org.losslab.jobs.plasticc;

import java.io.Serializable;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.SparkContext;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.LongAccumulator;
import org.losslab.common.io.SplitCount;
import org.losslab.common.plasticc.RejectReason;

/**
 * What the validating pass over one kind of input counts on the executors: rows read, rejects per reason,
 * and lines per text split (for line numbers of rejects). Only updated in the pass that writes the table,
 * whose tasks are result tasks, so Spark applies each task's updates once.
 */
final class IngestCounters implements Serializable {
    private final LongAccumulator rowsIn;
    private final EnumMap<RejectReason, LongAccumulator> rejects = new EnumMap<>(RejectReason.class);
    private final CollectionAccumulator<SplitCount> splits;

    IngestCounters(SparkContext sc, String name) {
        this.rowsIn = sc.longAccumulator(name + ".rows_in");
        for (RejectReason reason : RejectReason.values()) {
            rejects.put(reason, sc.longAccumulator(name + ".rejected." + reason.code()));
        }
        this.splits = sc.collectionAccumulator(name + ".split_lines");
    }

    void rowIn() {
        rowsIn.add(1);
    }

    void rejected(RejectReason reason) {
        rejects.get(reason).add(1);
    }

    void split(SplitCount count) {
        splits.add(count);
    }

    long rowsIn() {
        return rowsIn.value();
    }

    long rejected() {
        return rejects.values().stream().mapToLong(LongAccumulator::value).sum();
    }

    /** Reject counts by reason code, only reasons that occurred, in declaration order. */
    Map<String, Long> rejectsByReason() {
        Map<String, Long> counts = new LinkedHashMap<>();
        rejects.forEach((reason, acc) -> {
            if (acc.value() > 0) {
                counts.put(reason.code(), acc.value());
            }
        });
        return counts;
    }

    List<SplitCount> splitCounts() {
        return splits.value();
    }
}
