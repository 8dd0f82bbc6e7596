package org.losslab.common.plasticc.sim;

import java.util.SplittableRandom;

/**
 * Active galactic nucleus: a damped random walk (Ornstein-Uhlenbeck process) in magnitude with a
 * rest-frame damping time of 100-500 days and an asymptotic rms of 0.1-0.3 mag at rest 4400 A, larger at
 * shorter wavelengths. The walk is drawn once on a fine grid over the survey and interpolated, so the
 * noise-free curve is a plain function of time. The difference flux is relative to a reference made of a
 * few random epochs, as a coadded template would be.
 */
final class AgnModel implements ClassModel {
    private static final double GRID_START = Cadence.SURVEY_START - 5.0;
    private static final double GRID_END = Cadence.SURVEY_END + 5.0;
    private static final double MAX_STEP = 2.0;
    private static final int REFERENCE_EPOCHS = 5;
    /** Power-law spectral index in f_nu ~ nu^alpha of the mean quasar continuum. */
    private static final double SPECTRAL_INDEX = -0.5;
    private static final double LYMAN_ALPHA = 1216.0;
    private static final double FOREST_ABSORPTION_MAG = 1.5;

    private final double step;
    private final double[] walk;
    private final double[] meanFlux = new double[Photometry.BANDS];
    private final double[] amplitude = new double[Photometry.BANDS];
    private final double[] reference = new double[Photometry.BANDS];
    private final double restTau;

    private AgnModel(double z, double distmod, double mwebv, SplittableRandom rng) {
        double dilation = 1.0 + z;
        double absMag = Cadence.uniform(rng, -25.0, -21.0);
        this.restTau = Math.exp(Cadence.uniform(rng, Math.log(100.0), Math.log(500.0)));
        double rms = Cadence.uniform(rng, 0.1, 0.3);
        double tau = restTau * dilation;
        int points = (int) Math.ceil((GRID_END - GRID_START) / Math.min(MAX_STEP, tau / 50.0)) + 1;
        this.step = (GRID_END - GRID_START) / (points - 1);
        this.walk = ornsteinUhlenbeck(points, step / tau, rng);
        for (int b = 0; b < Photometry.BANDS; b++) {
            double restWavelength = Photometry.WAVELENGTH[b] / dilation;
            double mag = absMag + distmod - 2.5 * Math.log10(dilation) + continuumColour(restWavelength)
                    + Photometry.extinctionMag(b, mwebv);
            meanFlux[b] = Photometry.magToFlux(mag);
            amplitude[b] = rms * Math.pow(restWavelength / Photometry.REFERENCE_WAVELENGTH, -0.4);
        }
        for (int k = 0; k < REFERENCE_EPOCHS; k++) {
            double x = walk[rng.nextInt(points)];
            for (int b = 0; b < Photometry.BANDS; b++) {
                reference[b] += meanFlux[b] * Photometry.magFactor(amplitude[b] * x) / REFERENCE_EPOCHS;
            }
        }
    }

    static AgnModel draw(double z, double distmod, double mwebv, SplittableRandom rng) {
        return new AgnModel(z, distmod, mwebv, rng);
    }

    @Override
    public double flux(double mjd, int band) {
        return meanFlux[band] * Photometry.magFactor(amplitude[band] * walkAt(mjd)) - reference[band];
    }

    /** Mean (non-differenced) flux of the nucleus in a band. */
    double meanFlux(int band) {
        return meanFlux[band];
    }

    /** Asymptotic rms of the walk in magnitudes in a band. */
    double amplitudeMag(int band) {
        return amplitude[band];
    }

    double restTau() {
        return restTau;
    }

    /** Unit-variance OU process sampled at a constant step of {@code stepOverTau} damping times. */
    private static double[] ornsteinUhlenbeck(int points, double stepOverTau, SplittableRandom rng) {
        double decay = Math.exp(-stepOverTau);
        double kick = Math.sqrt(1.0 - decay * decay);
        double[] x = new double[points];
        x[0] = rng.nextGaussian();
        for (int i = 1; i < points; i++) {
            x[i] = decay * x[i - 1] + kick * rng.nextGaussian();
        }
        return x;
    }

    private double walkAt(double mjd) {
        double pos = (mjd - GRID_START) / step;
        if (pos <= 0) {
            return walk[0];
        }
        int i = (int) pos;
        if (i >= walk.length - 1) {
            return walk[walk.length - 1];
        }
        double w = pos - i;
        return walk[i] + w * (walk[i + 1] - walk[i]);
    }

    private static double continuumColour(double restWavelength) {
        double colour = 2.5 * SPECTRAL_INDEX * Math.log10(restWavelength / Photometry.REFERENCE_WAVELENGTH);
        return restWavelength < LYMAN_ALPHA ? colour + FOREST_ABSORPTION_MAG : colour;
    }
}
