package org.losslab.common.plasticc.sim;

import java.util.SplittableRandom;

/**
 * Single-lens microlensing of a background star: Paczynski magnification
 * {@code A(u) = (u^2 + 2) / (u sqrt(u^2 + 4))} with {@code u(t) = sqrt(u0^2 + ((t - t0) / tE)^2)}, the same in
 * every band (achromatic) and symmetric about t0. The difference flux is the source flux times A - 1.
 */
final class MicrolensModel implements ClassModel {
    private final double t0;
    private final double einsteinTime;
    private final double impact;
    private final double[] sourceFlux = new double[Photometry.BANDS];

    private MicrolensModel(double mwebv, SplittableRandom rng) {
        this.einsteinTime = PeriodicModel.logUniform(rng, 10.0, 150.0);
        this.impact = Cadence.uniform(rng, 0.02, 1.0);
        this.t0 = Cadence.uniform(rng, Cadence.SURVEY_START - einsteinTime, Cadence.SURVEY_END + einsteinTime);
        double[] mags = Photometry.stellarMagnitudes(Cadence.uniform(rng, 18.0, 23.5), Cadence.uniform(rng, 0.1, 0.9));
        for (int b = 0; b < Photometry.BANDS; b++) {
            sourceFlux[b] = Photometry.magToFlux(mags[b] + Photometry.extinctionMag(b, mwebv));
        }
    }

    static MicrolensModel draw(double mwebv, SplittableRandom rng) {
        return new MicrolensModel(mwebv, rng);
    }

    static double magnification(double u) {
        double u2 = u * u;
        return (u2 + 2.0) / (u * Math.sqrt(u2 + 4.0));
    }

    @Override
    public double flux(double mjd, int band) {
        double tau = (mjd - t0) / einsteinTime;
        return sourceFlux[band] * (magnification(Math.sqrt(impact * impact + tau * tau)) - 1.0);
    }

    double t0() {
        return t0;
    }

    double einsteinTime() {
        return einsteinTime;
    }

    double impact() {
        return impact;
    }

    double sourceFlux(int band) {
        return sourceFlux[band];
    }
}
