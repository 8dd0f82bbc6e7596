package org.losslab.common.plasticc;

/**
 * One photometric observation of a PLAsTiCC object, with the types of the {@code plasticc_observations}
 * table: flux in calibrated units (negative values are normal: difference imaging), passband 0..5 = ugrizy.
 */
public record Observation(long objectId, double mjd, byte passband, float flux, float fluxErr, boolean detected) {
}
