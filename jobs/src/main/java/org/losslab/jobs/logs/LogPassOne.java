package org.losslab.jobs.logs;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.losslab.common.io.SplitCount;
import org.losslab.common.logs.HeaderMatch;
import org.losslab.common.logs.LogFormat;
import org.losslab.common.logs.TemplateStatistics;
import org.losslab.jobs.io.SplitPositions;

/**
 * Pass 1 of the log ingest, per partition: split each line by the header layout, add the Content of every
 * line that fits to the partition's {@link TemplateStatistics}, count the lines that do not, and count lines
 * per text split. The partitions' summaries {@link #merge} on the driver (commutative and associative), so
 * nothing depends on how the input was split or which task finished first.
 */
final class LogPassOne implements Serializable {
    static final String LAYOUT_MISMATCH = "layout_mismatch";

    private final TemplateStatistics statistics;
    private long lines;
    private long rejected;
    private final List<SplitCount> splits;

    private LogPassOne(TemplateStatistics statistics, List<SplitCount> splits) {
        this.statistics = statistics;
        this.splits = splits;
    }

    TemplateStatistics statistics() {
        return statistics;
    }

    long lines() {
        return lines;
    }

    long rejected() {
        return rejected;
    }

    Map<String, Long> rejectsByReason() {
        Map<String, Long> byReason = new LinkedHashMap<>();
        if (rejected > 0) {
            byReason.put(LAYOUT_MISMATCH, rejected);
        }
        return byReason;
    }

    List<SplitCount> splits() {
        return splits;
    }

    LogPassOne merge(LogPassOne other) {
        statistics.merge(other.statistics);
        lines += other.lines;
        rejected += other.rejected;
        splits.addAll(other.splits);
        return this;
    }

    /** The per-partition function over {@link LogInput} rows. */
    static FlatMapFunction<Iterator<Row>, LogPassOne> collect(LogFormat format) {
        return rows -> {
            LogPassOne summary = new LogPassOne(new TemplateStatistics(), new ArrayList<>());
            SplitPositions positions = new SplitPositions(summary.splits::add);
            while (rows.hasNext()) {
                Row row = rows.next();
                long block = row.getLong(2);
                if (block >= 0) {
                    positions.moveTo(row.getString(1), block);
                    positions.nextIndex();
                }
                summary.lines++;
                HeaderMatch match = format.match(row.isNullAt(0) ? "" : row.getString(0));
                if (match.matched()) {
                    summary.statistics.add(match.content());
                } else {
                    summary.rejected++;
                }
            }
            positions.finishSplit();
            return List.of(summary).iterator();
        };
    }
}
