package org.losslab.common.plasticc;

import static java.util.Objects.requireNonNull;

import org.losslab.common.plasticc.FieldValues.RejectedField;

/**
 * Turns one row of a metadata file into a {@link PlasticcObject}, or says why it is rejected: wrong column
 * count, missing, non-numeric or non-finite field, ra/decl/photo-z/mwebv out of range, ddf not 0/1,
 * target not a PLAsTiCC class. {@code distmod} and {@code hostgal_specz} may be nan (stored as null);
 * {@code gal_l}/{@code gal_b} are computed from ra/decl when the layout has none. Duplicate object ids are
 * found by the ingest job, which sees all rows.
 */
public final class ObjectParser implements java.io.Serializable {
    private final ColumnMapping mapping;
    private final int objectId;
    private final int ra;
    private final int decl;
    private final int galL;
    private final int galB;
    private final int ddf;
    private final int specz;
    private final int photoz;
    private final int photozErr;
    private final int distmod;
    private final int mwebv;
    private final int target;

    public ObjectParser(ColumnMapping mapping) {
        this.mapping = requireNonNull(mapping, "mapping");
        if (mapping.layout().kind() != PlasticcLayout.Kind.METADATA) {
            throw new IllegalArgumentException("Cannot parse metadata with a " + mapping.layout() + " mapping");
        }
        this.objectId = mapping.indexOf("object_id");
        this.ra = mapping.indexOf("ra");
        this.decl = mapping.indexOf("decl");
        this.galL = mapping.indexOf("gal_l");
        this.galB = mapping.indexOf("gal_b");
        this.ddf = mapping.indexOfAny("ddf", "ddf_bool");
        this.specz = mapping.indexOf("hostgal_specz");
        this.photoz = mapping.indexOf("hostgal_photoz");
        this.photozErr = mapping.indexOf("hostgal_photoz_err");
        this.distmod = mapping.indexOf("distmod");
        this.mwebv = mapping.indexOf("mwebv");
        this.target = mapping.indexOfAny("true_target", "target");
    }

    public Parsed<PlasticcObject> parse(Object[] fields) {
        if (fields.length != mapping.columnCount()) {
            return Parsed.rejected(new Rejection(RejectReason.WRONG_COLUMN_COUNT, null,
                    "expected " + mapping.columnCount() + " columns, found " + fields.length));
        }
        try {
            long id = FieldValues.asLong(fields[objectId], "object_id");
            double raDeg = inRange(FieldValues.asFiniteDouble(fields[ra], "ra"), "ra", 0.0, 360.0);
            double declDeg = inRange(FieldValues.asFiniteDouble(fields[decl], "decl"), "decl", -90.0, 90.0);
            double l;
            double b;
            if (galL >= 0 && galB >= 0) {
                l = FieldValues.asFiniteDouble(fields[galL], "gal_l");
                b = FieldValues.asFiniteDouble(fields[galB], "gal_b");
            } else {
                double[] lb = SkyCoordinates.galactic(raDeg, declDeg);
                l = lb[0];
                b = lb[1];
            }
            boolean deep = FieldValues.asFlag(fields[ddf], mapping.header().get(ddf));
            Double spec = FieldValues.asNullableDouble(fields[specz], "hostgal_specz");
            double photo = atLeastZero(FieldValues.asFiniteDouble(fields[photoz], "hostgal_photoz"), "hostgal_photoz");
            double photoErr = atLeastZero(
                    FieldValues.asFiniteDouble(fields[photozErr], "hostgal_photoz_err"), "hostgal_photoz_err");
            Double mu = FieldValues.asNullableDouble(fields[distmod], "distmod");
            double ebv = atLeastZero(FieldValues.asFiniteDouble(fields[mwebv], "mwebv"), "mwebv");
            Integer trueTarget = null;
            Integer kaggleTarget = null;
            if (target >= 0 && !isMissing(fields[target])) {
                String column = mapping.header().get(target);
                int code = FieldValues.asInt(fields[target], column);
                PlasticcClass cls = PlasticcClass.byCode(code).orElse(null);
                if (cls == null) {
                    return Parsed.rejected(new Rejection(RejectReason.UNKNOWN_TARGET, column,
                            column + " " + code + " is not a PLAsTiCC class"));
                }
                trueTarget = code;
                kaggleTarget = cls.kaggleCode();
            }
            return Parsed.accepted(new PlasticcObject(id, raDeg, declDeg, l, b, deep, spec, photo, photoErr, mu,
                    ebv, kaggleTarget, trueTarget));
        } catch (RejectedField e) {
            return Parsed.rejected(e.rejection());
        }
    }

    private static boolean isMissing(Object value) {
        return value == null || (value instanceof String s && (s.isEmpty() || s.equalsIgnoreCase("nan")));
    }

    private static double inRange(double value, String column, double min, double max) throws RejectedField {
        if (value < min || value > max) {
            throw new RejectedField(RejectReason.OUT_OF_RANGE, column,
                    column + " must be in [" + min + ", " + max + "], found " + value);
        }
        return value;
    }

    private static double atLeastZero(double value, String column) throws RejectedField {
        if (value < 0) {
            throw new RejectedField(RejectReason.OUT_OF_RANGE, column, column + " must be >= 0, found " + value);
        }
        return value;
    }
}
