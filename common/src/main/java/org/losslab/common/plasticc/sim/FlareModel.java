package org.losslab.common.plasticc.sim;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * M-dwarf flare star: a quiescent red star (which the reference image removes) with flares at random
 * times, each a fast linear rise and an exponential decay of minutes to hours. Flares radiate like a
 * 9,000-14,000 K blackbody with extra Balmer continuum in u, so they are far bluer than the star.
 * Flare peak heights follow a power law, as flare frequency distributions do.
 */
final class FlareModel implements ClassModel {
    private static final double MIN_DECAY = 0.01;
    private static final double MAX_DECAY = 0.1;
    /** Beyond this many decay times a flare contributes nothing measurable. */
    private static final double DECAY_CUTOFF = 25.0;
    private static final double POWER_LAW_INDEX = 0.8;
    private static final double MIN_HEIGHT = 1.0;
    private static final double MAX_HEIGHT = 2000.0;

    private final double[] quiescentFlux = new double[Photometry.BANDS];
    private final double[] flareColour = new double[Photometry.BANDS];
    private final double[] start;
    private final double[] rise;
    private final double[] decay;
    private final double[] height;

    private FlareModel(double mwebv, SplittableRandom rng) {
        double i = Cadence.uniform(rng, 15.0, 21.0);
        double[] mags = {i + 5.4, i + 2.9, i + 1.5, i, i - 0.8, i - 1.2};
        for (int b = 0; b < Photometry.BANDS; b++) {
            quiescentFlux[b] = Photometry.magToFlux(mags[b] + Photometry.extinctionMag(b, mwebv));
        }
        double temperature = Cadence.uniform(rng, 9000.0, 14000.0);
        double balmer = Cadence.uniform(rng, 1.5, 3.0);
        double uBlackbody = Photometry.blackbodyFnu(Photometry.WAVELENGTH[0], temperature);
        for (int b = 0; b < Photometry.BANDS; b++) {
            flareColour[b] = Photometry.blackbodyFnu(Photometry.WAVELENGTH[b], temperature) / uBlackbody
                    * Photometry.extinctionFactor(b, mwebv) / Photometry.extinctionFactor(0, mwebv)
                    / (b == 0 ? 1.0 : balmer);
        }
        double ratePerDay = PeriodicModel.logUniform(rng, 0.05, 0.5);
        int capacity = (int) (ratePerDay * (Cadence.SURVEY_END - Cadence.SURVEY_START) * 2) + 16;
        double[] s = new double[capacity];
        double[] r = new double[capacity];
        double[] d = new double[capacity];
        double[] h = new double[capacity];
        int n = 0;
        double t = Cadence.SURVEY_START - 1.0 - Math.log(1.0 - rng.nextDouble()) / ratePerDay;
        while (t < Cadence.SURVEY_END && n < capacity) {
            s[n] = t;
            d[n] = PeriodicModel.logUniform(rng, MIN_DECAY, MAX_DECAY);
            r[n] = d[n] * Cadence.uniform(rng, 0.1, 0.3);
            h[n] = quiescentFlux[0] * powerLawHeight(rng);
            n++;
            t -= Math.log(1.0 - rng.nextDouble()) / ratePerDay;
        }
        this.start = Arrays.copyOf(s, n);
        this.rise = Arrays.copyOf(r, n);
        this.decay = Arrays.copyOf(d, n);
        this.height = Arrays.copyOf(h, n);
    }

    static FlareModel draw(double mwebv, SplittableRandom rng) {
        return new FlareModel(mwebv, rng);
    }

    @Override
    public double flux(double mjd, int band) {
        int last = Arrays.binarySearch(start, mjd);
        if (last < 0) {
            last = -last - 2;
        }
        double sum = 0.0;
        for (int j = last; j >= 0 && mjd - start[j] < rise[j] + DECAY_CUTOFF * MAX_DECAY; j--) {
            sum += height[j] * profile(mjd - start[j], rise[j], decay[j]);
        }
        return sum * flareColour[band];
    }

    /** Flux of the quiescent star (not part of the difference flux). */
    double quiescentFlux(int band) {
        return quiescentFlux[band];
    }

    /** Flare start times, increasing. */
    double[] flareStarts() {
        return start.clone();
    }

    /** Time from a flare's start to its peak. */
    double flareRise(int flare) {
        return rise[flare];
    }

    private static double profile(double dt, double rise, double decay) {
        if (dt < rise) {
            return dt / rise;
        }
        double x = (dt - rise) / decay;
        return x > DECAY_CUTOFF ? 0.0 : Math.exp(-x);
    }

    /** u-band flare height in units of the quiescent u flux: Pareto tail, truncated. */
    private static double powerLawHeight(SplittableRandom rng) {
        double u = 1.0 - rng.nextDouble();
        return Math.min(MAX_HEIGHT, MIN_HEIGHT * Math.pow(u, -1.0 / POWER_LAW_INDEX));
    }
}
