package org.losslab.common.plasticc;

import static java.util.Objects.requireNonNull;

import org.losslab.common.plasticc.FieldValues.RejectedField;

/**
 * Turns one row of an observations file into an {@link Observation}, or says why it is rejected: wrong
 * column count, missing or non-numeric field, NaN/infinite mjd, flux or flux_err (or one beyond float32),
 * passband outside 0..5, flux_err &lt;= 0, detected not 0/1. The first problem found, in column order, wins.
 * Whether the object has a metadata row is checked by the ingest job, which sees all metadata.
 */
public final class ObservationParser implements java.io.Serializable {
    private final ColumnMapping mapping;
    private final int objectId;
    private final int mjd;
    private final int passband;
    private final int flux;
    private final int fluxErr;
    private final int detected;

    public ObservationParser(ColumnMapping mapping) {
        this.mapping = requireNonNull(mapping, "mapping");
        if (mapping.layout().kind() != PlasticcLayout.Kind.OBSERVATIONS) {
            throw new IllegalArgumentException("Cannot parse observations with a " + mapping.layout() + " mapping");
        }
        this.objectId = mapping.indexOf("object_id");
        this.mjd = mapping.indexOf("mjd");
        this.passband = mapping.indexOf("passband");
        this.flux = mapping.indexOf("flux");
        this.fluxErr = mapping.indexOf("flux_err");
        this.detected = mapping.indexOfAny("detected", "detected_bool");
    }

    /** Parses a row whose fields are Strings (CSV) or typed values (Parquet), in the file's column order. */
    public Parsed<Observation> parse(Object[] fields) {
        if (fields.length != mapping.columnCount()) {
            return Parsed.rejected(new Rejection(RejectReason.WRONG_COLUMN_COUNT, null,
                    "expected " + mapping.columnCount() + " columns, found " + fields.length));
        }
        try {
            long id = FieldValues.asLong(fields[objectId], "object_id");
            double time = FieldValues.asFiniteDouble(fields[mjd], "mjd");
            int band = FieldValues.asInt(fields[passband], "passband");
            if (band < 0 || band > 5) {
                return reject(RejectReason.PASSBAND_OUT_OF_RANGE, "passband", "passband must be 0..5, found " + band);
            }
            float f = FieldValues.asFiniteFloat(fields[flux], "flux");
            float err = FieldValues.asFiniteFloat(fields[fluxErr], "flux_err");
            if (err <= 0f) {
                return reject(RejectReason.FLUX_ERR_NOT_POSITIVE, "flux_err", "flux_err must be > 0, found " + err);
            }
            String detectedColumn = mapping.header().get(detected);
            boolean det = FieldValues.asFlag(fields[detected], detectedColumn);
            return Parsed.accepted(new Observation(id, time, (byte) band, f, err, det));
        } catch (RejectedField e) {
            return Parsed.rejected(e.rejection());
        }
    }

    private static Parsed<Observation> reject(RejectReason reason, String column, String detail) {
        return Parsed.rejected(new Rejection(reason, column, detail));
    }
}
