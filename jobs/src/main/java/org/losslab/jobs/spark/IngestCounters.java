package org.losslab.jobs.spark;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.SparkContext;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.LongAccumulator;
import org.losslab.common.io.SplitCount;

/**
 * What the validating pass of an ingest counts on the executors: rows read, rejects per reason code, and
 * lines per text split (for line numbers). Read the values right after the action that ran the pass: that
 * pass's tasks are result tasks, whose updates Spark applies once per partition.
 */
public final class IngestCounters implements Serializable {
    private final LongAccumulator rowsIn;
    private final Map<String, LongAccumulator> rejects = new LinkedHashMap<>();
    private final CollectionAccumulator<SplitCount> splits;

    /** Accumulators named {@code name.*}, one per reason code (declared up front: tasks cannot add any). */
    public IngestCounters(SparkContext sc, String name, List<String> reasonCodes) {
        this.rowsIn = sc.longAccumulator(name + ".rows_in");
        for (String reason : reasonCodes) {
            rejects.put(reason, sc.longAccumulator(name + ".rejected." + reason));
        }
        this.splits = sc.collectionAccumulator(name + ".split_lines");
    }

    public void rowIn() {
        rowsIn.add(1);
    }

    public void rejected(String reasonCode) {
        LongAccumulator counter = rejects.get(reasonCode);
        if (counter == null) {
            throw new IllegalArgumentException("Undeclared reject reason " + reasonCode);
        }
        counter.add(1);
    }

    public void split(SplitCount count) {
        splits.add(count);
    }

    public long rowsIn() {
        return rowsIn.value();
    }

    public long rejected() {
        return rejects.values().stream().mapToLong(LongAccumulator::value).sum();
    }

    /** Reject counts by reason code, only reasons that occurred, in declaration order. */
    public Map<String, Long> rejectsByReason() {
        Map<String, Long> counts = new LinkedHashMap<>();
        rejects.forEach((reason, acc) -> {
            if (acc.value() > 0) {
                counts.put(reason, acc.value());
            }
        });
        return counts;
    }

    public List<SplitCount> splitCounts() {
        return splits.value();
    }
}
