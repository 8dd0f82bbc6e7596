package org.losslab.common.plasticc.sim;

import java.util.SplittableRandom;

/**
 * Photometric noise and detection of LSST difference imaging as seen in PLAsTiCC: a lognormal sky/seeing
 * term per observation (medians per band and survey from the real training set), a Poisson-like term
 * growing as sqrt(|flux|), and a detection probability that rises around signal-to-noise 5.5.
 */
final class NoiseModel {
    static final double[] WFD_MEDIAN_ERR = {10.0, 2.6, 3.7, 6.2, 13.0, 28.0};
    static final double[] DDF_MEDIAN_ERR = {2.0, 1.3, 1.2, 1.7, 2.4, 5.8};
    static final double WFD_LOG_SIGMA = 0.4;
    static final double DDF_LOG_SIGMA = 0.3;
    /** Variance added per unit |flux|: matches the errors of the brightest points of the real sample. */
    static final double POISSON_GAIN = 0.03;
    static final double DETECTION_SNR = 5.5;

    private NoiseModel() {
    }

    /** Draws the flux error of one observation whose noise-free flux is {@code modelFlux}. */
    static double fluxErr(int band, boolean ddf, double modelFlux, SplittableRandom rng) {
        double median = ddf ? DDF_MEDIAN_ERR[band] : WFD_MEDIAN_ERR[band];
        double sky = median * Math.exp((ddf ? DDF_LOG_SIGMA : WFD_LOG_SIGMA) * rng.nextGaussian());
        return Math.sqrt(sky * sky + POISSON_GAIN * Math.abs(modelFlux));
    }

    /** Probability that the difference-imaging pipeline flags an observation at this |S/N| as detected. */
    static double detectionProbability(double snr) {
        return 0.5 * (1.0 + erf((Math.abs(snr) - DETECTION_SNR) / 2.0));
    }

    /** Error function, Abramowitz and Stegun 7.1.26 (absolute error below 1.5e-7). */
    static double erf(double x) {
        double ax = Math.abs(x);
        double t = 1.0 / (1.0 + 0.3275911 * ax);
        double poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
        double y = 1.0 - poly * Math.exp(-ax * ax);
        return x < 0 ? -y : y;
    }
}
