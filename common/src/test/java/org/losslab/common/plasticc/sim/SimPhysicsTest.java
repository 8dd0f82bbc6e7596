package org.losslab.common.plasticc.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Cosmology, noise, detection, cadence and sky ingredients, partly against the real PLAsTiCC sample. */
class SimPhysicsTest {
    private static final double SYNODIC_MONTH = 29.530588853;
    private static final double NEW_MOON_MJD = 51550.26;

    @Test
    void distanceModulusMatchesPlasticcMetadata() {
        // (hostgal_photoz, distmod) pairs of the real training-set sample: PLAsTiCC used the same cosmology
        double[][] pairs = {{0.2262, 40.2561}, {1.6267, 45.4063}, {0.2813, 40.7951}, {0.2415, 40.4166},
                {0.1820, 39.7279}, {0.7014, 43.1524}, {0.3229, 41.1401}};
        for (double[] p : pairs) {
            assertEquals(p[1], Cosmology.distanceModulus(p[0]), 2e-3, "z = " + p[0]);
        }
        assertEquals(38.315, Cosmology.distanceModulus(0.1), 2e-3);
        assertEquals(44.100, Cosmology.distanceModulus(1.0), 2e-3);
        double hubbleLaw = 299_792.458 * 0.01 / Cosmology.H0;
        assertEquals(hubbleLaw, Cosmology.comovingDistanceMpc(0.01), 0.01 * hubbleLaw, "Hubble law at low z");
    }

    @Test
    void erfIsAccurate() {
        double[][] known = {{0.0, 0.0}, {0.1, 0.1124629160}, {0.5, 0.5204998778}, {1.0, 0.8427007929},
                {2.0, 0.9953222650}, {3.0, 0.9999779095}};
        for (double[] k : known) {
            assertEquals(k[1], NoiseModel.erf(k[0]), 2e-7, "erf(" + k[0] + ")");
            assertEquals(-k[1], NoiseModel.erf(-k[0]), 2e-7, "erf(-" + k[0] + ")");
        }
        assertEquals(0.5, NoiseModel.detectionProbability(5.5), 1e-7);
        assertEquals(0.5, NoiseModel.detectionProbability(-5.5), 1e-7);
        assertTrue(NoiseModel.detectionProbability(1.0) < 0.001 && NoiseModel.detectionProbability(10.0) > 0.999);
    }

    @Test
    void noiseHasTheConfiguredMediansAndGrowsWithFlux() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int b = 0; b < Photometry.BANDS; b++) {
            double[] wfd = new double[4001];
            for (int k = 0; k < wfd.length; k++) {
                wfd[k] = NoiseModel.fluxErr(b, false, 0.0, rng);
            }
            Arrays.sort(wfd);
            assertEquals(NoiseModel.WFD_MEDIAN_ERR[b], wfd[2000], 0.05 * NoiseModel.WFD_MEDIAN_ERR[b]);
            double logSpread = Math.log(wfd[3365] / wfd[635]) / 2; // 15.9 % to 84.1 % quantiles
            assertEquals(NoiseModel.WFD_LOG_SIGMA, logSpread, 0.04);
        }
        double faint = 0;
        double bright = 0;
        for (int k = 0; k < 1000; k++) {
            faint += NoiseModel.fluxErr(2, true, 0.0, rng);
            bright += NoiseModel.fluxErr(2, true, 10_000.0, rng);
        }
        assertTrue(bright > 10 * faint, "Poisson-like noise of a bright source");
    }

    @Test
    void schedulesFollowSeasonsCentredOnOpposition() {
        SplittableRandom rng = new SplittableRandom(5);
        for (int k = 0; k < 200; k++) {
            boolean ddf = k % 2 == 0;
            double ra = 360.0 * rng.nextDouble();
            Cadence.Schedule s = Cadence.draw(ddf, ra, rng);
            for (double t : s.mjd()) {
                double nearest = Cadence.oppositionAfter(ra, t - 182.625);
                assertTrue(Math.abs(t - nearest) < 112, "observed within its season, ra " + ra);
            }
        }
        // the real deep-drilling object 745 (ra 0.19) was observed in seasons centred near MJD 59840
        assertEquals(59843.5, Cadence.oppositionAfter(0.19, 59700), 1.0);
    }

    @Test
    void deepFieldsTakeGrizySequencesAndUbandRunsAroundNewMoon() {
        SplittableRandom rng = new SplittableRandom(8);
        for (int k = 0; k < 50; k++) {
            Cadence.Schedule s = Cadence.draw(true, 360.0 * rng.nextDouble(), rng);
            int i = 0;
            while (i < s.size()) {
                if (s.band()[i] == 0) {
                    double moonAge = ((s.mjd()[i] - NEW_MOON_MJD) % SYNODIC_MONTH + SYNODIC_MONTH) % SYNODIC_MONTH;
                    double fromNewMoon = Math.min(moonAge, SYNODIC_MONTH - moonAge);
                    assertTrue(fromNewMoon < 4.5, "u band in dark time: " + fromNewMoon);
                    i++;
                } else {
                    byte[] sequence = Arrays.copyOfRange(s.band(), i, i + 5);
                    assertTrue(Arrays.equals(new byte[] {2, 1, 3, 4, 5}, sequence), Arrays.toString(sequence));
                    assertTrue(s.mjd()[i + 4] - s.mjd()[i] < 0.05, "one sequence in under an hour and a quarter");
                    i += 5;
                }
            }
        }
    }

    @Test
    void reddeningRisesTowardsTheGalacticPlane() {
        SplittableRandom rng = new SplittableRandom(13);
        double[] high = new double[501];
        double[] low = new double[501];
        for (int k = 0; k < high.length; k++) {
            high[k] = Sky.mwebv(70.0, rng);
            low[k] = Sky.mwebv(3.0, rng);
        }
        Arrays.sort(high);
        Arrays.sort(low);
        assertEquals(0.016, high[250], 0.004, "about 0.015 / sin|b|, as in the real high-latitude fields");
        assertTrue(low[250] > 10 * high[250]);
        assertTrue(low[500] <= Sky.MAX_MWEBV && high[0] >= 0);
    }

    @Test
    void galacticClassesCrowdTowardsTheDisc() {
        SplittableRandom rng = new SplittableRandom(21);
        double[] galactic = new double[1001];
        double[] extragalactic = new double[1001];
        for (int k = 0; k < galactic.length; k++) {
            galactic[k] = Math.abs(Sky.draw(false, true, rng).galB());
            Sky.Position p = Sky.draw(false, false, rng);
            extragalactic[k] = Math.abs(p.galB());
            assertTrue(p.decl() >= Sky.WFD_MIN_DECL - 1e-6 && p.decl() <= Sky.WFD_MAX_DECL + 1e-6);
        }
        Arrays.sort(galactic);
        Arrays.sort(extragalactic);
        assertTrue(galactic[500] < 0.7 * extragalactic[500], galactic[500] + " vs " + extragalactic[500]);
    }

    @Test
    void noiseAndDetectionMatchTheRealSample() throws IOException {
        Path csv = Path.of(System.getProperty("losslab.shared.data", "../shared/data"), "plasticc-sample", "training_set.csv");
        assumeTrue(Files.isReadable(csv), "real PLAsTiCC sample not available");
        List<List<Double>> errors = new ArrayList<>();
        for (int b = 0; b < Photometry.BANDS; b++) {
            errors.add(new ArrayList<>());
        }
        int[] count = new int[8];
        int[] detected = new int[8];
        double[] expected = new double[8];
        List<String> lines = Files.readAllLines(csv);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            double flux = Double.parseDouble(f[3]);
            double err = Double.parseDouble(f[4]);
            // all ten sample objects are deep-drilling ones; skip bright points dominated by source noise
            if (Math.abs(flux) < 10 * err && Math.abs(flux) < 50) {
                errors.get(Integer.parseInt(f[2])).add(err);
            }
            double snr = Math.abs(flux) / err;
            if (snr >= 2 && snr < 10) {
                int bin = (int) snr - 2;
                count[bin]++;
                detected[bin] += Integer.parseInt(f[5]);
                expected[bin] += NoiseModel.detectionProbability(snr);
            }
        }
        for (int b = 0; b < Photometry.BANDS; b++) {
            double[] e = errors.get(b).stream().mapToDouble(Double::doubleValue).sorted().toArray();
            assertEquals(NoiseModel.DDF_MEDIAN_ERR[b], e[e.length / 2], 0.2 * NoiseModel.DDF_MEDIAN_ERR[b], "band " + b);
        }
        for (int bin = 0; bin < 8; bin++) {
            double sigma = Math.sqrt(expected[bin] * (1 - expected[bin] / count[bin])) + 1;
            assertEquals(expected[bin], detected[bin], 3 * sigma, "detections at S/N " + (bin + 2) + ".." + (bin + 3));
        }
    }
}
