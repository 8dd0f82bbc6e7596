package org.losslab.common.plasticc.sim;

/**
 * Noise-free light curve of one simulated object: the difference-imaging flux (calibrated units, zero
 * point 27.5, reference level subtracted) it would show in a passband at a given time.
 */
interface ClassModel {
    /** Flux in passband {@code band} (0..5 = u g r i z y) at {@code mjd}. */
    double flux(double mjd, int band);
}
