package org.losslab.common.plasticc;

/**
 * Why an input row was quarantined instead of written. The {@link #code()} is what the {@code *_rejects}
 * tables and the {@code rejects_by_reason} JSON carry, so it is part of the public contract.
 */
public enum RejectReason {
    WRONG_COLUMN_COUNT("wrong_column_count"),
    MISSING_VALUE("missing_value"),
    NON_NUMERIC("non_numeric"),
    NON_FINITE("non_finite"),
    OUT_OF_RANGE("out_of_range"),
    PASSBAND_OUT_OF_RANGE("passband_out_of_range"),
    FLUX_ERR_NOT_POSITIVE("flux_err_not_positive"),
    NOT_0_OR_1("not_0_or_1"),
    NO_METADATA("no_metadata"),
    DUPLICATE_METADATA("duplicate_metadata"),
    UNKNOWN_TARGET("unknown_target");

    private final String code;

    RejectReason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
