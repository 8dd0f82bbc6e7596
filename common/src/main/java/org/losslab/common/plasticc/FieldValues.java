package org.losslab.common.plasticc;

/**
 * Reads one field of an input row as the type the table wants. A field arrives as a String from CSV or as
 * a typed value (Number, Boolean) from Parquet; null or an empty string is a missing value. Each method
 * throws {@link RejectedField} naming the column and what was found; callers turn it into a
 * {@link Rejection}. The exception carries no stack trace: rejects can be frequent in bad files.
 */
final class FieldValues {
    private FieldValues() {
    }

    static final class RejectedField extends Exception {
        private final transient Rejection rejection;

        RejectedField(RejectReason reason, String column, String detail) {
            super(detail, null, false, false);
            this.rejection = new Rejection(reason, column, detail);
        }

        Rejection rejection() {
            return rejection;
        }
    }

    static long asLong(Object value, String column) throws RejectedField {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Number n) {
            double d = n.doubleValue();
            if (d == Math.rint(d) && Math.abs(d) < 0x1p53) {
                return (long) d;
            }
            throw new RejectedField(RejectReason.NON_NUMERIC, column, column + " is not an integer: " + n);
        }
        String text = text(value, column);
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new RejectedField(RejectReason.NON_NUMERIC, column, column + " is not an integer: '" + text + "'");
        }
    }

    /** Parses a double; NaN and infinities are returned, not rejected (callers decide). */
    static double asDouble(Object value, String column) throws RejectedField {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        String text = text(value, column);
        if (looksNumeric(text)) {
            try {
                return Double.parseDouble(text);
            } catch (NumberFormatException e) {
                // falls through to the error below
            }
        } else {
            Double special = special(text);
            if (special != null) {
                return special;
            }
        }
        throw new RejectedField(RejectReason.NON_NUMERIC, column, column + " is not a number: '" + text + "'");
    }

    static double asFiniteDouble(Object value, String column) throws RejectedField {
        double d = asDouble(value, column);
        if (!Double.isFinite(d)) {
            throw new RejectedField(RejectReason.NON_FINITE, column, column + " is " + d);
        }
        return d;
    }

    /** A finite value that also fits float32 (a double beyond its range would become infinite). */
    static float asFiniteFloat(Object value, String column) throws RejectedField {
        double d = asFiniteDouble(value, column);
        float f = (float) d;
        if (Float.isInfinite(f)) {
            throw new RejectedField(RejectReason.NON_FINITE, column, column + " " + d + " is beyond float32 range");
        }
        return f;
    }

    /** NaN becomes null: for columns where the source writes nan for "not applicable". */
    static Double asNullableDouble(Object value, String column) throws RejectedField {
        if (value == null || (value instanceof String s && s.isEmpty())) {
            return null;
        }
        double d = asDouble(value, column);
        if (Double.isNaN(d)) {
            return null;
        }
        if (Double.isInfinite(d)) {
            throw new RejectedField(RejectReason.NON_FINITE, column, column + " is " + d);
        }
        return d;
    }

    static int asInt(Object value, String column) throws RejectedField {
        long l = asLong(value, column);
        if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
            throw new RejectedField(RejectReason.OUT_OF_RANGE, column, column + " " + l + " does not fit an int");
        }
        return (int) l;
    }

    /** 0/1 flags; Parquet booleans and the words true/false are accepted too. */
    static boolean asFlag(Object value, String column) throws RejectedField {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof Number n) {
            double d = n.doubleValue();
            if (d == 0.0 || d == 1.0) {
                return d == 1.0;
            }
            throw new RejectedField(RejectReason.NOT_0_OR_1, column, column + " must be 0 or 1, found " + n);
        }
        String text = text(value, column);
        switch (text) {
            case "0", "False", "false", "FALSE":
                return false;
            case "1", "True", "true", "TRUE":
                return true;
            default:
                throw new RejectedField(RejectReason.NOT_0_OR_1, column,
                        column + " must be 0 or 1, found '" + text + "'");
        }
    }

    private static String text(Object value, String column) throws RejectedField {
        if (value == null) {
            throw new RejectedField(RejectReason.MISSING_VALUE, column, column + " is missing");
        }
        String text = value.toString();
        if (text.isEmpty()) {
            throw new RejectedField(RejectReason.MISSING_VALUE, column, column + " is empty");
        }
        return text;
    }

    private static boolean looksNumeric(String text) {
        char c = text.charAt(0);
        if ((c == '-' || c == '+') && text.length() > 1) {
            c = text.charAt(1);
        }
        return (c >= '0' && c <= '9') || c == '.';
    }

    /** The spellings of NaN and infinity that pandas, numpy and Java write; null when the text is none. */
    private static Double special(String text) {
        return switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "nan", "+nan", "-nan" -> Double.NaN;
            case "inf", "+inf", "infinity", "+infinity" -> Double.POSITIVE_INFINITY;
            case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
            default -> null;
        };
    }
}
