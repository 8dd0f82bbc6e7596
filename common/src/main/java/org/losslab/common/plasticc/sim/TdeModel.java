package org.losslab.common.plasticc.sim;

import java.util.SplittableRandom;

/**
 * Tidal disruption event: a slow Gaussian rise to peak then the fallback-rate decline
 * {@code ((t - tpeak) / tau + 1)^(-5/3)}, with the colours of a hot blackbody (2-4 x 10^4 K) that keeps its
 * temperature, so the colour barely changes while it fades.
 */
final class TdeModel implements ClassModel {
    static final double ABS_MAG = -19.5;
    private static final double ABS_MAG_SIGMA = 0.7;
    private static final double DECLINE_INDEX = -5.0 / 3.0;

    private final double peakMjd;
    private final double riseSigma;
    private final double tau;
    private final double[] peakFlux = new double[Photometry.BANDS];

    private TdeModel(double z, double distmod, double mwebv, SplittableRandom rng) {
        double dilation = 1.0 + z;
        double absMag = ABS_MAG + ABS_MAG_SIGMA * rng.nextGaussian();
        double temperature = Cadence.uniform(rng, 2.0e4, 4.0e4);
        this.riseSigma = Cadence.uniform(rng, 10.0, 30.0) * dilation;
        this.tau = Cadence.uniform(rng, 20.0, 60.0) * dilation;
        this.peakMjd = Cadence.uniform(rng, Cadence.SURVEY_START - 3.0 * tau, Cadence.SURVEY_END + 2.0 * riseSigma);
        for (int b = 0; b < Photometry.BANDS; b++) {
            double restWavelength = Photometry.WAVELENGTH[b] / dilation;
            double mag = absMag + distmod - 2.5 * Math.log10(dilation)
                    + Photometry.blackbodyColour(restWavelength, Photometry.REFERENCE_WAVELENGTH, temperature)
                    + Photometry.extinctionMag(b, mwebv);
            peakFlux[b] = Photometry.magToFlux(mag);
        }
    }

    static TdeModel draw(double z, double distmod, double mwebv, SplittableRandom rng) {
        return new TdeModel(z, distmod, mwebv, rng);
    }

    @Override
    public double flux(double mjd, int band) {
        double dt = mjd - peakMjd;
        if (dt < 0) {
            double s = dt / riseSigma;
            return peakFlux[band] * Math.exp(-0.5 * s * s);
        }
        return peakFlux[band] * Math.pow(dt / tau + 1.0, DECLINE_INDEX);
    }

    double peakMjd() {
        return peakMjd;
    }

    /** Observer-frame time scale of the power-law decline. */
    double tau() {
        return tau;
    }
}
