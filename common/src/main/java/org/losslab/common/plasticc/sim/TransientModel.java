package org.losslab.common.plasticc.sim;

import java.util.SplittableRandom;
import org.losslab.common.plasticc.PlasticcClass;

/**
 * Supernova-like explosive transients (SN Ia, Ia-91bg, Iax, II, Ibc, SLSN-I, kilonova) as Bazin curves
 * {@code f(t) = A exp(-(t-t0)/tfall) / (1 + exp(-(t-t0)/trise))} per band. A class template gives the
 * peak absolute magnitude at rest 4400 A, rest-frame rise and decline times, and, as functions of rest
 * wavelength, the colour at peak and a factor on the decline time (blue fading faster than red). Each
 * observed band samples the template at its rest wavelength {@code lambda / (1+z)}, which gives the
 * usual K-correction-like reddening with redshift; all times are dilated by (1+z).
 */
final class TransientModel implements ClassModel {
    /** Rest wavelengths (Angstrom) of the colour and decline tables. */
    private static final double[] GRID = {1500, 2500, 3500, 4400, 5500, 6500, 8000, 10000};
    private static final double MIN_FALL_OVER_RISE = 1.5;
    private static final double PEAK_MARGIN_AFTER = 30.0;

    /** Class template; rise and fall ranges are rest-frame days, colour in mag relative to 4400 A. */
    record Template(double absMag, double absMagSigma, double riseMin, double riseMax, double fallMin,
            double fallMax, double[] colour, double[] decline) {
    }

    private final double t0;
    private final double peakMjd;
    private final double[] amplitude = new double[Photometry.BANDS];
    private final double[] rise = new double[Photometry.BANDS];
    private final double[] fall = new double[Photometry.BANDS];

    private TransientModel(Template template, double z, double distmod, double mwebv, SplittableRandom rng) {
        double dilation = 1.0 + z;
        double absMag = template.absMag() + template.absMagSigma() * rng.nextGaussian();
        double restRise = Cadence.uniform(rng, template.riseMin(), template.riseMax());
        double restFall = Cadence.uniform(rng, template.fallMin(), template.fallMax());
        double riseObs = restRise * dilation;
        double fallObs = restFall * dilation;
        // peaks spread over the survey and beyond its start by a decline time: some curves show only a tail
        this.peakMjd = Cadence.uniform(rng, Cadence.SURVEY_START - fallObs - PEAK_MARGIN_AFTER,
                Cadence.SURVEY_END + PEAK_MARGIN_AFTER);
        this.t0 = peakMjd - peakOffset(riseObs, fallObs);
        for (int b = 0; b < Photometry.BANDS; b++) {
            double restWavelength = Photometry.WAVELENGTH[b] / dilation;
            rise[b] = riseObs;
            fall[b] = Math.max(MIN_FALL_OVER_RISE * riseObs,
                    fallObs * Photometry.interpolate(GRID, template.decline(), restWavelength));
            double peakMag = absMag + distmod - 2.5 * Math.log10(dilation)
                    + Photometry.interpolate(GRID, template.colour(), restWavelength)
                    + Photometry.extinctionMag(b, mwebv);
            amplitude[b] = Photometry.magToFlux(peakMag) / shape(peakOffset(rise[b], fall[b]), rise[b], fall[b]);
        }
    }

    static TransientModel draw(PlasticcClass cls, double z, double distmod, double mwebv, SplittableRandom rng) {
        return new TransientModel(template(cls), z, distmod, mwebv, rng);
    }

    static Template template(PlasticcClass cls) {
        return switch (cls) {
            case SN_IA -> new Template(-19.3, 0.15, 2.0, 4.0, 20.0, 35.0,
                    new double[] {4.0, 2.0, 0.4, 0.0, 0.05, 0.25, 0.6, 0.5},
                    new double[] {0.6, 0.7, 0.8, 1.0, 1.1, 1.3, 1.6, 1.6});
            case SN_IA_91BG -> new Template(-17.5, 0.5, 1.5, 3.0, 10.0, 20.0,
                    new double[] {5.0, 3.0, 1.3, 0.5, 0.0, 0.0, 0.2, 0.3},
                    new double[] {0.5, 0.55, 0.65, 0.8, 1.0, 1.2, 1.4, 1.5});
            case SN_IAX -> new Template(-17.0, 0.8, 2.0, 4.0, 15.0, 30.0,
                    new double[] {4.0, 2.2, 0.6, 0.1, 0.0, 0.1, 0.35, 0.4},
                    new double[] {0.6, 0.7, 0.8, 1.0, 1.1, 1.2, 1.4, 1.5});
            case SN_II -> new Template(-17.0, 0.9, 1.5, 5.0, 60.0, 130.0,
                    new double[] {3.0, 1.0, 0.1, 0.0, 0.0, 0.05, 0.2, 0.3},
                    new double[] {0.4, 0.5, 0.7, 0.9, 1.0, 1.1, 1.2, 1.25});
            case SN_IBC -> new Template(-17.5, 0.8, 3.0, 6.0, 15.0, 35.0,
                    new double[] {5.0, 2.5, 0.8, 0.2, 0.0, 0.0, 0.1, 0.2},
                    new double[] {0.6, 0.7, 0.8, 0.9, 1.0, 1.2, 1.4, 1.5});
            case SLSN_I -> new Template(-21.5, 0.5, 8.0, 20.0, 40.0, 90.0,
                    new double[] {1.0, 0.2, -0.1, 0.0, 0.2, 0.4, 0.7, 0.9},
                    new double[] {0.7, 0.8, 0.9, 1.0, 1.1, 1.2, 1.3, 1.4});
            // red and fast: days in the blue, a little longer in the near infrared
            case KILONOVA -> new Template(-16.0, 0.5, 0.2, 0.6, 1.0, 2.5,
                    new double[] {3.5, 2.0, 1.0, 0.5, 0.0, -0.3, -0.5, -0.5},
                    new double[] {0.4, 0.5, 0.6, 0.8, 1.2, 1.8, 2.5, 3.0});
            default -> throw new IllegalArgumentException("no Bazin template for " + cls);
        };
    }

    @Override
    public double flux(double mjd, int band) {
        return amplitude[band] * shape(mjd - t0, rise[band], fall[band]);
    }

    /** Time of the peak at rest 4400 A; the redder bands peak somewhat later. */
    double peakMjd() {
        return peakMjd;
    }

    /** Peak time in one band. */
    double peakMjd(int band) {
        return t0 + peakOffset(rise[band], fall[band]);
    }

    private static double peakOffset(double rise, double fall) {
        return rise * Math.log(fall / rise - 1.0);
    }

    /** The Bazin shape, written so that neither exponential overflows far before t0. */
    private static double shape(double x, double rise, double fall) {
        if (x >= 0) {
            return Math.exp(-x / fall) / (1.0 + Math.exp(-x / rise));
        }
        return Math.exp(x / rise - x / fall) / (1.0 + Math.exp(x / rise));
    }
}
