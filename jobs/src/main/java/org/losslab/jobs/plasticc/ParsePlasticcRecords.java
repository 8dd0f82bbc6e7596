package org.losslab.jobs.plasticc;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.StringJoiner;

import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.losslab.common.io.SplitLineIndex;
import org.losslab.common.plasticc.ColumnMapping;
import org.losslab.common.plasticc.CsvLine;
import org.losslab.common.plasticc.Observation;
import org.losslab.common.plasticc.ObservationParser;
import org.losslab.common.plasticc.ObjectParser;
import org.losslab.common.plasticc.Parsed;
import org.losslab.common.plasticc.PlasticcLayout.Kind;
import org.losslab.common.plasticc.PlasticcObject;
import org.losslab.common.plasticc.RejectReason;
import org.losslab.common.plasticc.Rejection;
import org.losslab.jobs.io.SplitPositions;
import org.losslab.jobs.spark.IngestCounters;
import org.losslab.jobs.spark.SkippingIterator;
import org.losslab.jobs.warehouse.TableSchemas;

/**
 * The per-partition work of the PLAsTiCC ingest: parses each input record with the engine-free parsers
 * of {@code common}, checks observations against the known object ids, and emits either the accepted rows
 * (the validating pass, which also counts) or the rejected ones with their file, line and reason (the
 * rejects pass, run only when the first pass counted rejects).
 *
 * <p>Input rows are {@code (value, _file, _block)} for text (one CSV line, the file and the byte offset of
 * its split) or {@code (columns..., _file, _row_index)} for Parquet. Lines are counted per split so that
 * reject line numbers can be computed once every split's count is known.
 */
final class ParsePlasticcRecords implements MapPartitionsFunction<Row, Row> {

    /** What a pass emits. */
    enum Emit {
        /** Accepted rows in the table's schema. */
        ACCEPTED,
        /** Accepted rows followed by their position: {@code _file, _file_key, _block, _index, _raw}. */
        ACCEPTED_WITH_POSITION,
        /** Rejected rows in the rejects table's schema. */
        REJECTED
    }

    private final Kind kind;
    private final boolean parquet;
    private final Map<String, ColumnMapping> mappingsByFileKey;
    private final ColumnMapping parquetMapping;
    private final Map<String, String> displayNames;
    private final Broadcast<long[]> knownObjectIds;
    private final IngestCounters counters;
    private final Broadcast<SplitLineIndex> lineIndex;
    private final Emit emit;

    private ParsePlasticcRecords(Builder b) {
        this.kind = requireNonNull(b.kind, "kind");
        this.parquet = b.parquetMapping != null;
        this.mappingsByFileKey = b.mappingsByFileKey;
        this.parquetMapping = b.parquetMapping;
        this.displayNames = requireNonNull(b.displayNames, "displayNames");
        this.knownObjectIds = b.knownObjectIds;
        this.counters = b.counters;
        this.lineIndex = b.lineIndex;
        this.emit = requireNonNull(b.emit, "emit");
        if (kind == Kind.OBSERVATIONS && knownObjectIds == null) {
            throw new IllegalArgumentException("Observations need the known object ids");
        }
        if (emit == Emit.REJECTED && !parquet && lineIndex == null) {
            throw new IllegalArgumentException("The rejects pass over text needs the split line index");
        }
    }

    static Builder builder(Kind kind, Emit emit) {
        return new Builder(kind, emit);
    }

    @Override
    public Iterator<Row> call(Iterator<Row> input) {
        return new PartitionIterator(input);
    }

    /** Pulls input rows until one is to be emitted; counts along the way. */
    private final class PartitionIterator extends SkippingIterator<Row, Row> {
        private final long[] ids = knownObjectIds == null ? null : knownObjectIds.value();
        private final SplitPositions positions = new SplitPositions(counters == null ? null : counters::split);
        private String display;
        private ObservationParser observationParser;
        private ObjectParser objectParser;
        private long lastKnownId = Long.MIN_VALUE;
        private long lastUnknownId = Long.MIN_VALUE;

        PartitionIterator(Iterator<Row> input) {
            super(input);
        }

        @Override
        protected void onEnd() {
            positions.finishSplit();
        }

        @Override
        protected RuntimeException readFailure(Exception e) {
            return new IllegalStateException("Cannot read input file " + (display == null ? "?" : display)
                    + (parquet ? "" : " past line " + positions.linesInSplit() + " of its split at byte "
                    + positions.block()) + ": " + e, e);
        }

        @Override
        protected Row process(Row row) {
            int width = row.length();
            String name = row.getString(width - 2);
            long position = row.getLong(width - 1);
            Object[] fields;
            String raw;
            long rowIndex;
            if (parquet) {
                switchFile(name, 0);
                fields = new Object[width - 2];
                for (int i = 0; i < fields.length; i++) {
                    fields[i] = row.get(i);
                }
                raw = null;
                rowIndex = position;
            } else {
                switchFile(name, position);
                rowIndex = positions.nextIndex();
                if (positions.block() == 0 && rowIndex == 0) {
                    return null; // the header, read on the driver already
                }
                raw = row.getString(0);
                fields = CsvLine.split(raw);
            }
            if (counters != null) {
                counters.rowIn();
            }
            return kind == Kind.OBSERVATIONS
                    ? observation(fields, raw, rowIndex)
                    : object(fields, raw, rowIndex);
        }

        private Row observation(Object[] fields, String raw, long rowIndex) {
            Parsed<Observation> parsed = observationParser.parse(fields);
            if (parsed instanceof Parsed.Accepted<Observation> accepted) {
                Observation o = accepted.value();
                if (!known(o.objectId())) {
                    return rejected(new Rejection(RejectReason.NO_METADATA, "object_id",
                            "object_id " + o.objectId() + " has no valid metadata row"), fields, raw, rowIndex);
                }
                if (emit == Emit.REJECTED) {
                    return null;
                }
                return RowFactory.create(o.objectId(), o.mjd(), o.passband(), o.flux(), o.fluxErr(), o.detected(),
                        (int) Math.floorDiv(o.objectId(), TableSchemas.OBJECT_BLOCK_WIDTH));
            }
            return rejected(((Parsed.Rejected<Observation>) parsed).rejection(), fields, raw, rowIndex);
        }

        private Row object(Object[] fields, String raw, long rowIndex) {
            Parsed<PlasticcObject> parsed = objectParser.parse(fields);
            if (parsed instanceof Parsed.Accepted<PlasticcObject> accepted) {
                if (emit == Emit.REJECTED) {
                    return null;
                }
                PlasticcObject o = accepted.value();
                Object[] values = {o.objectId(), o.ra(), o.decl(), o.galL(), o.galB(), o.ddf(), o.hostgalSpecz(),
                    o.hostgalPhotoz(), o.hostgalPhotozErr(), o.distmod(), o.mwebv(), o.galactic(), o.target(),
                    o.trueTarget()};
                if (emit == Emit.ACCEPTED) {
                    return RowFactory.create(values);
                }
                Object[] withPosition = Arrays.copyOf(values, values.length + 5);
                withPosition[values.length] = display;
                withPosition[values.length + 1] = positions.fileKey();
                withPosition[values.length + 2] = parquet ? null : positions.block();
                withPosition[values.length + 3] = rowIndex;
                withPosition[values.length + 4] = raw == null ? render(fields) : raw;
                return RowFactory.create(withPosition);
            }
            return rejected(((Parsed.Rejected<PlasticcObject>) parsed).rejection(), fields, raw, rowIndex);
        }

        private Row rejected(Rejection rejection, Object[] fields, String raw, long rowIndex) {
            if (counters != null) {
                counters.rejected(rejection.reason().code());
            }
            if (emit != Emit.REJECTED) {
                return null;
            }
            Long line = parquet ? null
                    : lineIndex.value().lineNumber(positions.fileKey(), positions.block(), rowIndex);
            Long parquetRow = parquet ? rowIndex : null;
            return RowFactory.create(targetTable(), display, line, parquetRow, rejection.reason().code(),
                    rejection.column(), rejection.detail(), raw == null ? render(fields) : raw);
        }

        private boolean known(long id) {
            if (id == lastKnownId) {
                return true;
            }
            if (id == lastUnknownId) {
                return false;
            }
            boolean found = Arrays.binarySearch(ids, id) >= 0;
            if (found) {
                lastKnownId = id;
            } else {
                lastUnknownId = id;
            }
            return found;
        }

        private void switchFile(String name, long block) {
            if (!positions.moveTo(name, block)) {
                return;
            }
            display = displayNames.getOrDefault(positions.fileKey(), name);
            ColumnMapping mapping = parquet ? parquetMapping : mappingsByFileKey.get(positions.fileKey());
            if (mapping == null) {
                throw new IllegalStateException("No column layout for input file " + name);
            }
            if (kind == Kind.OBSERVATIONS) {
                observationParser = new ObservationParser(mapping);
            } else {
                objectParser = new ObjectParser(mapping);
            }
        }
    }

    private String targetTable() {
        return kind == Kind.OBSERVATIONS ? TableSchemas.PLASTICC_OBSERVATIONS : TableSchemas.PLASTICC_OBJECTS;
    }

    private static String render(Object[] fields) {
        StringJoiner joiner = new StringJoiner(",");
        for (Object field : fields) {
            joiner.add(field == null ? "" : field.toString());
        }
        return joiner.toString();
    }

    /** Options of one pass. */
    static final class Builder {
        private final Kind kind;
        private final Emit emit;
        private Map<String, ColumnMapping> mappingsByFileKey = Map.of();
        private ColumnMapping parquetMapping;
        private Map<String, String> displayNames = Map.of();
        private Broadcast<long[]> knownObjectIds;
        private IngestCounters counters;
        private Broadcast<SplitLineIndex> lineIndex;

        private Builder(Kind kind, Emit emit) {
            this.kind = kind;
            this.emit = emit;
        }

        Builder textMappings(Map<String, ColumnMapping> mappings) {
            this.mappingsByFileKey = mappings;
            return this;
        }

        Builder parquetMapping(ColumnMapping mapping) {
            this.parquetMapping = mapping;
            return this;
        }

        Builder displayNames(Map<String, String> names) {
            this.displayNames = names;
            return this;
        }

        Builder knownObjectIds(Broadcast<long[]> ids) {
            this.knownObjectIds = ids;
            return this;
        }

        Builder counters(IngestCounters counters) {
            this.counters = counters;
            return this;
        }

        Builder lineIndex(Broadcast<SplitLineIndex> index) {
            this.lineIndex = index;
            return this;
        }

        ParsePlasticcRecords build() {
            return new ParsePlasticcRecords(this);
        }
    }
}
