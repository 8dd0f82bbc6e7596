package org.losslab.common.plasticc.sim;

/**
 * LSST passbands and the photometric conventions of PLAsTiCC: AB magnitudes with zero point 27.5
 * ({@code flux = 10^(-0.4 (m - 27.5))}), Milky Way extinction coefficients and blackbody colours.
 */
final class Photometry {
    static final int BANDS = 6;
    static final double ZERO_POINT = 27.5;
    /** Effective wavelengths of u g r i z y in Angstrom. */
    static final double[] WAVELENGTH = {3671.0, 4827.0, 6223.0, 7546.0, 8691.0, 9712.0};
    /** Extinction A_b / E(B-V) for u g r i z y. */
    static final double[] EXTINCTION_R = {4.145, 3.237, 2.273, 1.684, 1.323, 1.088};
    /** Rest wavelength (Angstrom) at which the absolute magnitudes of the templates are defined. */
    static final double REFERENCE_WAVELENGTH = 4400.0;

    private static final double LN10_OVER_2_5 = Math.log(10.0) / 2.5;
    private static final double HC_OVER_K = 1.438777e8; // Angstrom * Kelvin

    private Photometry() {
    }

    static double magToFlux(double mag) {
        return Math.exp(-LN10_OVER_2_5 * (mag - ZERO_POINT));
    }

    static double fluxToMag(double flux) {
        return ZERO_POINT - 2.5 * Math.log10(flux);
    }

    /** Flux factor of a magnitude offset: {@code 10^(-0.4 dm)}. */
    static double magFactor(double deltaMag) {
        return Math.exp(-LN10_OVER_2_5 * deltaMag);
    }

    static double extinctionMag(int band, double mwebv) {
        return EXTINCTION_R[band] * mwebv;
    }

    /** Fraction of the flux in a band that Milky Way dust lets through. */
    static double extinctionFactor(int band, double mwebv) {
        return magFactor(extinctionMag(band, mwebv));
    }

    /** Planck f_nu at wavelength (Angstrom) and temperature (K), up to a constant factor. */
    static double blackbodyFnu(double wavelength, double temperature) {
        double x = HC_OVER_K / (wavelength * temperature);
        double inv = 1.0e4 / wavelength;
        return inv * inv * inv / Math.expm1(x);
    }

    /** AB colour of a blackbody at {@code wavelength} relative to {@code reference}: positive = fainter. */
    static double blackbodyColour(double wavelength, double reference, double temperature) {
        return -2.5 * Math.log10(blackbodyFnu(wavelength, temperature) / blackbodyFnu(reference, temperature));
    }

    /** Piecewise-linear interpolation in a table with increasing {@code xs}, constant beyond its ends. */
    static double interpolate(double[] xs, double[] ys, double x) {
        if (x <= xs[0]) {
            return ys[0];
        }
        int last = xs.length - 1;
        if (x >= xs[last]) {
            return ys[last];
        }
        int i = 1;
        while (xs[i] < x) {
            i++;
        }
        double w = (x - xs[i - 1]) / (xs[i] - xs[i - 1]);
        return ys[i - 1] + w * (ys[i] - ys[i - 1]);
    }

    /**
     * Apparent magnitudes in u..y of a star, from its g magnitude and a "redness" in [0, 1] that moves
     * the colours from those of an early-type (A/F) star to those of a cool (K/M) one.
     */
    static double[] stellarMagnitudes(double gMag, double redness) {
        double gr = 0.1 + 1.3 * redness;
        double ri = 0.05 + 1.2 * redness * redness;
        double iz = 0.02 + 0.55 * redness * redness;
        double zy = 0.01 + 0.3 * redness * redness;
        double ug = 1.0 + 1.6 * redness;
        double r = gMag - gr;
        double i = r - ri;
        double z = i - iz;
        return new double[] {gMag + ug, gMag, r, i, z, z - zy};
    }
}
