package org.losslab.jobs.logs;

import static org.apache.spark.sql.functions.col;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.losslab.jobs.warehouse.TableSchemas;
import org.losslab.jobs.warehouse.Warehouse;

/**
 * The event classes of a model trained on one or more systems: each system's vocabulary indexes
 * ({@code log_vocabulary}, 1..n) shifted past the systems before it, in the order given, 0 for a template
 * unseen when its vocabulary was built (shared by all systems), and last the end of a session. One system: its
 * indexes unchanged.
 *
 * <p>A session window (every line of one block, job, request) ends with the end event: its end is part of what
 * happened, so a lifecycle that stops early, or that stops without a step it must take, has an event the model
 * did not expect. Fixed, sliding and time windows end where the cut fell, so they get no end event.
 */
public record LogEventSpace(Map<String, Integer> offsets, int classes) implements Serializable {

    /** The systems' vocabularies; a system without one fails with the command that builds it. */
    public static LogEventSpace of(Warehouse warehouse, List<String> systems) {
        if (!warehouse.exists(TableSchemas.LOG_VOCABULARY)) {
            throw new IllegalArgumentException("No " + TableSchemas.LOG_VOCABULARY + " in " + warehouse.root()
                    + ": run build-log-sequences for " + String.join(", ", systems) + " first");
        }
        Map<String, Integer> sizes = new LinkedHashMap<>();
        for (Row r : warehouse.read(TableSchemas.LOG_VOCABULARY).filter(col(TableSchemas.SYSTEM).isin(systems.toArray()))
                .groupBy(TableSchemas.SYSTEM).agg(functions.max("event_index")).collectAsList()) {
            sizes.put(r.getString(0), r.getInt(1));
        }
        Map<String, Integer> offsets = new LinkedHashMap<>();
        int next = 0;
        for (String system : systems) {
            Integer size = sizes.get(system);
            if (size == null) {
                throw new IllegalArgumentException("System '" + system + "' has no " + TableSchemas.LOG_VOCABULARY
                        + " (run build-log-sequences --system " + system + " first; with vocabularies: "
                        + sizes.keySet() + ")");
            }
            offsets.put(system, next);
            next += size;
        }
        return new LogEventSpace(offsets, next + 2);
    }

    /** The class of the end of a session window. */
    public int end() {
        return classes - 1;
    }

    /** A system's event indexes in this space, with the end event after them when {@code session}. */
    public int[] map(String system, int[] events, boolean session) {
        int offset = offsets.get(system);
        int size = offsets.values().stream().filter(o -> o > offset).min(Integer::compare).orElse(end() - 1) - offset;
        int[] out = new int[events.length + (session ? 1 : 0)];
        for (int i = 0; i < events.length; i++) {
            out[i] = events[i] > size ? 0 : events[i] + (events[i] == 0 ? 0 : offset); // grown since: unseen
        }
        if (session) {
            out[events.length] = end();
        }
        return out;
    }

    /** The windows of these systems in {@code log_sequences}; none at all fails with the command that builds them. */
    public Dataset<Row> sequences(Warehouse warehouse) {
        List<String> systems = List.copyOf(offsets.keySet());
        if (!warehouse.exists(TableSchemas.LOG_SEQUENCES)) {
            throw new IllegalArgumentException("No " + TableSchemas.LOG_SEQUENCES + " in " + warehouse.root()
                    + ": run build-log-sequences first");
        }
        return warehouse.read(TableSchemas.LOG_SEQUENCES).filter(col(TableSchemas.SYSTEM).isin(systems.toArray()));
    }

    /** The columns {@link #events(Row)} reads. */
    public static org.apache.spark.sql.Column[] eventColumns() {
        return new org.apache.spark.sql.Column[] {col("events"), col(TableSchemas.SYSTEM), col("window_kind")};
    }

    /** A row's events ({@link #eventColumns()}) in this space. */
    public int[] events(Row row) {
        scala.collection.Seq<Object> seq = row.getAs("events");
        int[] events = new int[seq.size()];
        for (int i = 0; i < events.length; i++) {
            events[i] = ((Number) seq.apply(i)).intValue();
        }
        return map(row.getAs(TableSchemas.SYSTEM), events, "session".equals(row.getAs("window_kind")));
    }
}
