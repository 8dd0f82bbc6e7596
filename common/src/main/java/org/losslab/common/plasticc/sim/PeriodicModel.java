package org.losslab.common.plasticc.sim;

import java.util.SplittableRandom;

/**
 * Strictly periodic variable stars: RR Lyrae, Mira and eclipsing binaries. Each gives the star's total
 * flux per band as its mean flux times a periodic factor; the difference flux subtracts a reference level
 * made of a few random epochs, as a coadded template image would, so it swings around zero.
 */
abstract sealed class PeriodicModel implements ClassModel
        permits PeriodicModel.RrLyrae, PeriodicModel.Mira, PeriodicModel.EclipsingBinary {
    private static final int REFERENCE_EPOCHS = 5;

    private final double period;
    private final double epoch;
    final double[] meanFlux;
    private final double[] reference = new double[Photometry.BANDS];

    PeriodicModel(double period, double[] meanMag, double mwebv, SplittableRandom rng) {
        this.period = period;
        this.epoch = Cadence.uniform(rng, Cadence.SURVEY_START, Cadence.SURVEY_START + period);
        this.meanFlux = new double[Photometry.BANDS];
        for (int b = 0; b < Photometry.BANDS; b++) {
            meanFlux[b] = Photometry.magToFlux(meanMag[b] + Photometry.extinctionMag(b, mwebv));
        }
    }

    /** Must be called once the subclass is fully built (it evaluates the light curve). */
    final void takeReference(SplittableRandom rng) {
        for (int k = 0; k < REFERENCE_EPOCHS; k++) {
            double t = Cadence.uniform(rng, Cadence.SURVEY_START, Cadence.SURVEY_END);
            for (int b = 0; b < Photometry.BANDS; b++) {
                reference[b] += totalFlux(t, b) / REFERENCE_EPOCHS;
            }
        }
    }

    @Override
    public final double flux(double mjd, int band) {
        return totalFlux(mjd, band) - reference[band];
    }

    /** Flux of the whole star, not differenced. */
    final double totalFlux(double mjd, int band) {
        return meanFlux[band] * relativeFlux(phase(mjd), band);
    }

    final double period() {
        return period;
    }

    /** Phase in [0, 1), 0 at the epoch of maximum light (pulsators) or primary eclipse (binaries). */
    final double phase(double mjd) {
        double p = (mjd - epoch) / period;
        return p - Math.floor(p);
    }

    /** Total flux over mean flux at a phase. */
    abstract double relativeFlux(double phase, int band);

    static double logUniform(SplittableRandom rng, double lo, double hi) {
        return Math.exp(Cadence.uniform(rng, Math.log(lo), Math.log(hi)));
    }

    /**
     * RR Lyrae (type ab): period 0.4-0.9 d, a sawtooth in magnitude that rises in 15 % of the cycle and
     * declines slowly, 0.5-1 mag in g and larger in the blue.
     */
    static final class RrLyrae extends PeriodicModel {
        private static final double[] AMPLITUDE_RATIO = {1.25, 1.0, 0.78, 0.62, 0.55, 0.5};
        private static final double RISE_FRACTION = 0.15;
        private final double[] amplitudeMag = new double[Photometry.BANDS];

        private RrLyrae(double period, double[] meanMag, double gAmplitude, double mwebv, SplittableRandom rng) {
            super(period, meanMag, mwebv, rng);
            for (int b = 0; b < Photometry.BANDS; b++) {
                amplitudeMag[b] = gAmplitude * AMPLITUDE_RATIO[b];
            }
            takeReference(rng);
        }

        static RrLyrae draw(double mwebv, SplittableRandom rng) {
            double period = Cadence.uniform(rng, 0.4, 0.9);
            double[] mags = Photometry.stellarMagnitudes(Cadence.uniform(rng, 15.5, 21.0), Cadence.uniform(rng, 0.05, 0.25));
            return new RrLyrae(period, mags, Cadence.uniform(rng, 0.5, 1.0), mwebv, rng);
        }

        @Override
        double relativeFlux(double phase, int band) {
            // phase 0 = maximum; 1 - brightness runs 0 at maximum to 1 at minimum, mean 0.5
            double shifted = phase + RISE_FRACTION;
            double u = shifted >= 1.0 ? shifted - 1.0 : shifted;
            double brightness = u < RISE_FRACTION ? u / RISE_FRACTION : 1.0 - (u - RISE_FRACTION) / (1.0 - RISE_FRACTION);
            return Photometry.magFactor(-amplitudeMag[band] * (brightness - 0.5));
        }

        double amplitudeMag(int band) {
            return amplitudeMag[band];
        }
    }

    /**
     * Mira: period 150-500 d, several magnitudes in u and g and about a third of that in the near
     * infrared, rising faster than it declines; very red.
     */
    static final class Mira extends PeriodicModel {
        private static final double[] AMPLITUDE_RATIO = {1.2, 1.0, 0.7, 0.45, 0.35, 0.3};
        private static final double SKEW = 0.5;
        private final double[] amplitudeMag = new double[Photometry.BANDS];

        private Mira(double period, double[] meanMag, double gAmplitude, double mwebv, SplittableRandom rng) {
            super(period, meanMag, mwebv, rng);
            for (int b = 0; b < Photometry.BANDS; b++) {
                amplitudeMag[b] = gAmplitude * AMPLITUDE_RATIO[b];
            }
            takeReference(rng);
        }

        static Mira draw(double mwebv, SplittableRandom rng) {
            double period = Cadence.uniform(rng, 150.0, 500.0);
            double i = Cadence.uniform(rng, 15.5, 19.5);
            double[] mags = {i + 6.0, i + 4.0, i + 2.2, i, i - 0.8, i - 1.2};
            return new Mira(period, mags, Cadence.uniform(rng, 3.0, 6.0), mwebv, rng);
        }

        @Override
        double relativeFlux(double phase, int band) {
            double angle = 2.0 * Math.PI * phase;
            // a phase warp with positive derivative: faster rise, slower decline, maximum at phase 0
            double shape = Math.cos(angle - SKEW * Math.sin(angle));
            return Photometry.magFactor(-0.5 * amplitudeMag[band] * shape);
        }

        double amplitudeMag(int band) {
            return amplitudeMag[band];
        }
    }

    /**
     * Detached or semi-detached eclipsing binary: period 0.5-10 d (log-uniform), a primary eclipse and a
     * shallower secondary half a period later, the secondary deeper towards the red (cooler companion).
     */
    static final class EclipsingBinary extends PeriodicModel {
        private final double halfWidth;
        private final double[] primaryDepth = new double[Photometry.BANDS];
        private final double[] secondaryDepth = new double[Photometry.BANDS];

        private EclipsingBinary(double period, double[] meanMag, double mwebv, SplittableRandom rng) {
            super(period, meanMag, mwebv, rng);
            this.halfWidth = Cadence.uniform(rng, 0.03, 0.1);
            double primary = Cadence.uniform(rng, 0.15, 0.7);
            double secondary = primary * Cadence.uniform(rng, 0.1, 0.6);
            for (int b = 0; b < Photometry.BANDS; b++) {
                double redder = Math.pow(Photometry.WAVELENGTH[b] / Photometry.WAVELENGTH[2], 0.3);
                primaryDepth[b] = primary;
                secondaryDepth[b] = secondary * redder;
            }
            takeReference(rng);
        }

        static EclipsingBinary draw(double mwebv, SplittableRandom rng) {
            double period = logUniform(rng, 0.5, 10.0);
            double[] mags = Photometry.stellarMagnitudes(Cadence.uniform(rng, 15.0, 22.0), Cadence.uniform(rng, 0.0, 0.8));
            return new EclipsingBinary(period, mags, mwebv, rng);
        }

        @Override
        double relativeFlux(double phase, int band) {
            double toSecondary = Math.abs(phase - 0.5);
            double toPrimary = 0.5 - toSecondary;
            return 1.0 - primaryDepth[band] * eclipse(toPrimary) - secondaryDepth[band] * eclipse(toSecondary);
        }

        double primaryDepth(int band) {
            return primaryDepth[band];
        }

        double secondaryDepth(int band) {
            return secondaryDepth[band];
        }

        /** Eclipse profile: 1 at mid-eclipse, falling smoothly to 0 at the contact points. */
        private double eclipse(double phaseDistance) {
            double x = phaseDistance / halfWidth;
            if (x >= 1.0) {
                return 0.0;
            }
            double c = Math.cos(0.5 * Math.PI * x);
            return c * c;
        }
    }
}
