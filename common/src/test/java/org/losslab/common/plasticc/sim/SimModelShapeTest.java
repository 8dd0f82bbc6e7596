package org.losslab.common.plasticc.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.losslab.common.plasticc.PlasticcClass;

/** Noise-free light-curve shapes of every class model. */
class SimModelShapeTest {
    private static final int U = 0;
    private static final int G = 1;
    private static final int R = 2;
    private static final int I = 3;
    private static final int Y = 5;
    private static final List<PlasticcClass> SUPERNOVAE = List.of(PlasticcClass.SN_IA, PlasticcClass.SN_IA_91BG,
            PlasticcClass.SN_IAX, PlasticcClass.SN_II, PlasticcClass.SN_IBC, PlasticcClass.SLSN_I);

    private static ClassModel model(PlasticcClass cls, double z, double mwebv, long seed) {
        double distmod = cls.galactic() ? Double.NaN : Cosmology.distanceModulus(z);
        return ClassModels.draw(cls, z, distmod, mwebv, new SplittableRandom(seed));
    }

    private static double mag(double flux) {
        return Photometry.fluxToMag(flux);
    }

    @Test
    void supernovaeRiseToASinglePeakThenFall() {
        for (PlasticcClass cls : SUPERNOVAE) {
            for (double z : new double[] {0.05, 0.5}) {
                for (long seed = 1; seed <= 4; seed++) {
                    TransientModel m = assertInstanceOf(TransientModel.class, model(cls, z, 0.0, seed));
                    for (int band = 0; band < Photometry.BANDS; band++) {
                        assertUnimodal(m, band, m.peakMjd(band), 150 * (1 + z), cls + " z=" + z + " band " + band);
                    }
                }
            }
        }
    }

    private static void assertUnimodal(ClassModel m, int band, double around, double halfSpan, String what) {
        double step = 0.25;
        int n = (int) (2 * halfSpan / step);
        double[] f = new double[n + 1];
        int best = 0;
        for (int k = 0; k <= n; k++) {
            f[k] = m.flux(around - halfSpan + k * step, band);
            if (f[k] > f[best]) {
                best = k;
            }
        }
        assertTrue(best > 0 && best < n, what + ": peak must lie strictly inside");
        assertTrue(f[best] > 0, what);
        for (int k = 1; k <= best; k++) {
            if (f[k - 1] > 1e-9 * f[best]) {
                assertTrue(f[k] > f[k - 1], what + ": rising before the peak");
            }
        }
        for (int k = best + 1; k <= n; k++) {
            if (f[k] > 1e-9 * f[best]) {
                assertTrue(f[k] < f[k - 1], what + ": falling after the peak");
            }
        }
        assertTrue(f[0] < 0.2 * f[best] && f[n] < 0.5 * f[best], what + ": the event fades on both sides");
    }

    @Test
    void snIaPeaksAtItsAbsoluteMagnitudeThroughTheDistanceModulus() {
        double z = 0.1;
        double mu = Cosmology.distanceModulus(z);
        for (long seed = 1; seed <= 20; seed++) {
            TransientModel m = (TransientModel) model(PlasticcClass.SN_IA, z, 0.0, seed);
            // observed g at z = 0.1 is rest 4390 A, where the template is defined
            double peakMag = mag(m.flux(m.peakMjd(G), G));
            double absMag = peakMag - mu + 2.5 * Math.log10(1 + z);
            assertEquals(-19.3, absMag, 0.7, "SN Ia absolute magnitude, seed " + seed);
        }
    }

    @Test
    void fainterAndRedderWithRedshift() {
        TransientModel near = (TransientModel) model(PlasticcClass.SN_IA, 0.1, 0.0, 3);
        TransientModel far = (TransientModel) model(PlasticcClass.SN_IA, 0.8, 0.0, 3);
        double nearColour = near.flux(near.peakMjd(G), G) / near.flux(near.peakMjd(I), I);
        double farColour = far.flux(far.peakMjd(G), G) / far.flux(far.peakMjd(I), I);
        assertTrue(far.flux(far.peakMjd(I), I) < 0.05 * near.flux(near.peakMjd(I), I));
        assertTrue(farColour < 0.3 * nearColour, "observed g samples the faint rest UV at z = 0.8");
    }

    @Test
    void kilonovaFadesFasterThanSnIaAndReddens() {
        double z = 0.05;
        for (long seed = 1; seed <= 5; seed++) {
            TransientModel kn = (TransientModel) model(PlasticcClass.KILONOVA, z, 0.0, seed);
            TransientModel ia = (TransientModel) model(PlasticcClass.SN_IA, z, 0.0, seed);
            double knDrop = mag(kn.flux(kn.peakMjd(R) + 10, R)) - mag(kn.flux(kn.peakMjd(R), R));
            double iaDrop = mag(ia.flux(ia.peakMjd(R) + 10, R)) - mag(ia.flux(ia.peakMjd(R), R));
            assertTrue(knDrop > iaDrop + 2.0, "kilonova drop " + knDrop + " vs SN Ia " + iaDrop);
            assertTrue(kn.peakMjd(R) - kn.peakMjd() < 3.0, "kilonova peaks within days");

            double peak = kn.peakMjd(I);
            double blueOverRedAtPeak = kn.flux(peak, G) / kn.flux(peak, I);
            double blueOverRedLate = kn.flux(peak + 6, G) / kn.flux(peak + 6, I);
            assertTrue(blueOverRedLate < 0.3 * blueOverRedAtPeak, "kilonova reddens as it fades");
            double iaColour = ia.flux(ia.peakMjd(G), G) / ia.flux(ia.peakMjd(I), I);
            assertTrue(blueOverRedAtPeak < iaColour, "kilonova is redder than SN Ia at peak");
        }
    }

    @Test
    void snIiDeclinesSlowlyAndSlsnIsBrightAndSlow() {
        double z = 0.1;
        for (long seed = 1; seed <= 5; seed++) {
            TransientModel ii = (TransientModel) model(PlasticcClass.SN_II, z, 0.0, seed);
            TransientModel ia = (TransientModel) model(PlasticcClass.SN_IA, z, 0.0, seed);
            TransientModel slsn = (TransientModel) model(PlasticcClass.SLSN_I, z, 0.0, seed);
            assertTrue(declineIn50Days(ii, I) < declineIn50Days(ia, I), "SN II plateau-like decline");
            assertTrue(declineIn50Days(slsn, G) < declineIn50Days(ia, G), "SLSN declines slowly");
            assertTrue(slsn.flux(slsn.peakMjd(G), G) > 3 * ia.flux(ia.peakMjd(G), G), "SLSN is superluminous");
        }
    }

    private static double declineIn50Days(TransientModel m, int band) {
        return mag(m.flux(m.peakMjd(band) + 50, band)) - mag(m.flux(m.peakMjd(band), band));
    }

    @Test
    void tdeIsBlueWithFiveThirdsDeclineAndConstantColour() {
        for (long seed = 1; seed <= 5; seed++) {
            TdeModel m = (TdeModel) model(PlasticcClass.TDE, 0.05, 0.0, seed);
            double peak = m.peakMjd();
            double tau = m.tau();
            assertEquals(Math.pow(2.0, -5.0 / 3.0), m.flux(peak + 9 * tau, R) / m.flux(peak + 4 * tau, R), 1e-9);
            assertTrue(m.flux(peak, U) > m.flux(peak, R) && m.flux(peak, R) > m.flux(peak, I), "blue");
            double colourAtPeak = m.flux(peak, G) / m.flux(peak, I);
            for (double dt : new double[] {-20, 30, 200}) {
                assertEquals(colourAtPeak, m.flux(peak + dt, G) / m.flux(peak + dt, I), 1e-9 * colourAtPeak);
            }
            assertTrue(m.flux(peak - 30, R) < m.flux(peak - 10, R) && m.flux(peak - 10, R) < m.flux(peak, R), "rise");
        }
    }

    @Test
    void timeScalesStretchByOnePlusZ() {
        TdeModel near = (TdeModel) model(PlasticcClass.TDE, 0.1, 0.0, 11);
        TdeModel far = (TdeModel) model(PlasticcClass.TDE, 1.0, 0.0, 11);
        double stretch = 2.0 / 1.1;
        assertEquals(stretch, far.tau() / near.tau(), 1e-12);
        for (double dtNear : new double[] {-15, 10, 40, 120}) {
            double nearShape = near.flux(near.peakMjd() + dtNear, R) / near.flux(near.peakMjd(), R);
            double farShape = far.flux(far.peakMjd() + dtNear * stretch, R) / far.flux(far.peakMjd(), R);
            assertEquals(nearShape, farShape, 1e-9);
        }
    }

    @Test
    void milkyWayExtinctionDimsEachBandByItsCoefficient() {
        double mwebv = 0.2;
        for (PlasticcClass cls : PlasticcClass.trainingClasses()) {
            double z = cls.galactic() ? 0.0 : 0.1;
            ClassModel clear = model(cls, z, 0.0, 5);
            ClassModel dusty = model(cls, z, mwebv, 5);
            for (int k = 0; k < 200; k++) {
                double t = Cadence.SURVEY_START + k * 5.4321;
                for (int band = 0; band < Photometry.BANDS; band++) {
                    double expected = clear.flux(t, band) * Math.pow(10, -0.4 * Photometry.EXTINCTION_R[band] * mwebv);
                    assertEquals(expected, dusty.flux(t, band), 1e-9 * Math.abs(expected) + 1e-12, cls + " band " + band);
                }
            }
        }
    }

    @Test
    void microlensingIsAchromaticAndSymmetric() {
        for (long seed = 1; seed <= 10; seed++) {
            MicrolensModel m = (MicrolensModel) model(PlasticcClass.MICROLENS, 0, 0.0, seed);
            double t0 = m.t0();
            double peakMagnification = m.flux(t0, R) / m.sourceFlux(R) + 1.0;
            assertEquals(MicrolensModel.magnification(m.impact()), peakMagnification, 1e-9);
            for (double dt = 0.5; dt < 3 * m.einsteinTime(); dt *= 1.7) {
                assertEquals(m.flux(t0 - dt, R), m.flux(t0 + dt, R), 1e-9 * m.flux(t0, R), "symmetric about t0");
                assertTrue(m.flux(t0 + dt, R) < m.flux(t0 + dt / 1.7, R), "fades away from t0");
                for (int band = 0; band < Photometry.BANDS; band++) {
                    double ratio = m.flux(t0 + dt, band) / m.flux(t0 + dt, R);
                    assertEquals(m.sourceFlux(band) / m.sourceFlux(R), ratio, 1e-9 * ratio, "achromatic");
                }
            }
        }
        assertEquals(3.0 / Math.sqrt(5.0), MicrolensModel.magnification(1.0), 1e-12);
        assertEquals(10.037, MicrolensModel.magnification(0.1), 1e-3);
    }

    @Test
    void mDwarfFlaresAreShortRareAndBlue() {
        for (long seed = 1; seed <= 10; seed++) {
            FlareModel m = (FlareModel) model(PlasticcClass.M_DWARF, 0, 0.0, seed);
            double quiescentBlueness = m.quiescentFlux(G) / m.quiescentFlux(I);
            assertTrue(quiescentBlueness < 0.15, "the star itself is red");
            double[] starts = m.flareStarts();
            assertTrue(starts.length > 10, "flares happen");
            int isolated = 0;
            for (int f = 1; f + 1 < starts.length && isolated < 5; f++) {
                if (starts[f] - starts[f - 1] < 3.0 || starts[f + 1] - starts[f] < 1.0) {
                    continue;
                }
                isolated++;
                double peak = starts[f] + m.flareRise(f);
                assertTrue(m.flux(peak, U) > m.flux(peak, R), "flare brightest in u");
                assertTrue(m.flux(peak, G) / m.flux(peak, I) > 5 * quiescentBlueness, "flare far bluer than the star");
                assertTrue(m.flux(peak + 0.5, U) < 0.01 * m.flux(peak, U), "a flare is over within hours");
                assertTrue(m.flux(starts[f] + 0.25 * m.flareRise(f), U) < m.flux(peak, U), "it rises to its peak");
            }
            assertTrue(isolated > 0);
            int flaring = 0;
            int samples = 20_000;
            for (int k = 0; k < samples; k++) {
                double t = Cadence.SURVEY_START + k * (Cadence.SURVEY_END - Cadence.SURVEY_START) / samples;
                if (m.flux(t, U) > 0.05 * m.quiescentFlux(U)) {
                    flaring++;
                }
            }
            assertTrue(flaring < 0.15 * samples, "quiescent most of the time: " + flaring);
            assertEquals(0.0, m.flux(starts[0] - 1e-3, U), 1e-12, "no difference flux before the first flare");
        }
    }

    @Test
    void periodicStarsShowTheirPeriod() {
        SplittableRandom times = new SplittableRandom(99);
        for (long seed = 1; seed <= 5; seed++) {
            PeriodicModel rr = (PeriodicModel) model(PlasticcClass.RR_LYRAE, 0, 0.0, seed);
            assertEquals(rr.period(), recoverPeriod(rr, randomTimes(times, 400, 200), 0.3, 1.2, 1e-4, 25), 2e-3 * rr.period());
            PeriodicModel eb = (PeriodicModel) model(PlasticcClass.ECLIPSING_BINARY, 0, 0.0, seed);
            assertEquals(eb.period(), recoverPeriod(eb, randomTimes(times, 1500, 200), 0.3, 15.0, 5e-5, 100), 2e-3 * eb.period());
        }
        for (long seed = 1; seed <= 3; seed++) {
            PeriodicModel mira = (PeriodicModel) model(PlasticcClass.MIRA, 0, 0.0, seed);
            double[] t = randomTimes(times, 300, Cadence.SURVEY_END - Cadence.SURVEY_START);
            assertEquals(mira.period(), recoverPeriod(mira, t, 100, 700, 1.0 / (1095 * 200), 25), 0.01 * mira.period());
        }
    }

    private static double[] randomTimes(SplittableRandom rng, int n, double span) {
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = Cadence.SURVEY_START + span * rng.nextDouble();
        }
        return t;
    }

    /**
     * Phase dispersion minimisation on a frequency grid: the period whose fold scatters least within phase
     * bins. Bins must be narrow compared with sharp features (eclipses), or half the period wins.
     */
    private static double recoverPeriod(ClassModel m, double[] t, double minPeriod, double maxPeriod, double df, int bins) {
        double[] y = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            y[i] = m.flux(t[i], R);
        }
        double best = Double.POSITIVE_INFINITY;
        double bestPeriod = Double.NaN;
        double[] sum = new double[bins];
        double[] sum2 = new double[bins];
        int[] count = new int[bins];
        for (double f = 1.0 / maxPeriod; f <= 1.0 / minPeriod; f += df) {
            java.util.Arrays.fill(sum, 0);
            java.util.Arrays.fill(sum2, 0);
            java.util.Arrays.fill(count, 0);
            for (int i = 0; i < t.length; i++) {
                double phase = (t[i] - Cadence.SURVEY_START) * f;
                int k = (int) ((phase - Math.floor(phase)) * bins);
                sum[k] += y[i];
                sum2[k] += y[i] * y[i];
                count[k]++;
            }
            double within = 0;
            for (int k = 0; k < bins; k++) {
                if (count[k] > 0) {
                    within += sum2[k] - sum[k] * sum[k] / count[k];
                }
            }
            if (within < best) {
                best = within;
                bestPeriod = 1.0 / f;
            }
        }
        return bestPeriod;
    }

    @Test
    void rrLyraeRiseFastDeclineSlowlyWithLargerBlueAmplitude() {
        for (long seed = 1; seed <= 5; seed++) {
            PeriodicModel.RrLyrae m = (PeriodicModel.RrLyrae) model(PlasticcClass.RR_LYRAE, 0, 0.0, seed);
            assertTrue(m.period() >= 0.4 && m.period() <= 0.9);
            assertTrue(m.amplitudeMag(G) >= 0.5 && m.amplitudeMag(G) <= 1.0);
            double[] amplitude = new double[Photometry.BANDS];
            double tMax = 0;
            double tMin = 0;
            for (int band = 0; band < Photometry.BANDS; band++) {
                double hi = 0;
                double lo = Double.MAX_VALUE;
                for (int k = 0; k < 1000; k++) {
                    double t = Cadence.SURVEY_START + 100 + k * m.period() / 1000;
                    double f = m.totalFlux(t, band);
                    if (f > hi) {
                        hi = f;
                        tMax = t;
                    }
                    if (f < lo) {
                        lo = f;
                        tMin = t;
                    }
                }
                amplitude[band] = mag(lo) - mag(hi);
            }
            for (int band = 1; band < Photometry.BANDS; band++) {
                assertTrue(amplitude[band] < amplitude[band - 1], "amplitude shrinks to the red");
            }
            double riseFraction = ((tMax - tMin) / m.period() % 1.0 + 1.0) % 1.0;
            assertTrue(riseFraction < 0.25, "fast rise: " + riseFraction);
        }
    }

    @Test
    void eclipsingBinariesHaveTwoEclipsesOfDifferentDepth() {
        for (long seed = 1; seed <= 10; seed++) {
            PeriodicModel.EclipsingBinary m = (PeriodicModel.EclipsingBinary) model(PlasticcClass.ECLIPSING_BINARY, 0, 0.0, seed);
            double p = m.period();
            double start = Cadence.SURVEY_START + 10 * p;
            double primaryTime = start + (1.0 - m.phase(start)) * p;
            double outside = m.totalFlux(primaryTime + 0.25 * p, R);
            double primary = m.totalFlux(primaryTime, R);
            double secondary = m.totalFlux(primaryTime + 0.5 * p, R);
            assertTrue(primary < secondary && secondary < outside, "primary deeper than secondary");
            assertEquals(outside, m.totalFlux(primaryTime + 0.75 * p, R), 1e-9 * outside, "flat outside eclipses");
            assertEquals(m.primaryDepth(R), 1.0 - primary / outside, 1e-9);
        }
    }

    @Test
    void miraHasLargeBlueAmplitudeAndSmallerRedOne() {
        for (long seed = 1; seed <= 5; seed++) {
            PeriodicModel.Mira m = (PeriodicModel.Mira) model(PlasticcClass.MIRA, 0, 0.0, seed);
            assertTrue(m.period() >= 150 && m.period() <= 500);
            assertTrue(m.amplitudeMag(G) >= 3.0, "several magnitudes in g");
            assertTrue(m.amplitudeMag(Y) < 0.4 * m.amplitudeMag(G), "smaller in the red");
            double peakPhaseTime = Cadence.SURVEY_START + (1.0 - m.phase(Cadence.SURVEY_START)) * m.period();
            double swing = mag(m.totalFlux(peakPhaseTime + m.period() / 2, G)) - mag(m.totalFlux(peakPhaseTime, G));
            assertEquals(m.amplitudeMag(G), swing, 1e-6, "maximum at phase 0, minimum half a period later");
        }
    }

    @Test
    void agnVariesMoreInTheBlueAroundItsReference() {
        for (long seed = 1; seed <= 5; seed++) {
            AgnModel m = (AgnModel) model(PlasticcClass.AGN, 0.5, 0.0, seed);
            assertTrue(m.restTau() >= 100 && m.restTau() <= 500);
            assertTrue(m.amplitudeMag(G) > m.amplitudeMag(I) && m.amplitudeMag(U) > m.amplitudeMag(Y));
            double[] rms = new double[Photometry.BANDS];
            int n = 2000;
            for (int band = 0; band < Photometry.BANDS; band++) {
                double sum2 = 0;
                for (int k = 0; k < n; k++) {
                    double rel = m.flux(Cadence.SURVEY_START + k * 0.5, band) / m.meanFlux(band);
                    sum2 += rel * rel;
                }
                rms[band] = Math.sqrt(sum2 / n);
            }
            assertTrue(rms[G] > rms[I], "relative variability larger in the blue");
            double a = m.flux(60000.0, R);
            double b = m.flux(60000.1, R);
            assertEquals(a, b, 0.01 * m.meanFlux(R), "a damped random walk is continuous");
        }
    }
}
