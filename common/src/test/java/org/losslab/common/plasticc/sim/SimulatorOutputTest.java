package org.losslab.common.plasticc.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.losslab.common.plasticc.Observation;
import org.losslab.common.plasticc.PlasticcClass;
import org.losslab.common.plasticc.PlasticcObject;
import org.losslab.common.plasticc.SkyCoordinates;

/** Statistical and contractual properties of simulated objects. */
class SimulatorOutputTest {
    private static final int N = 3000;
    private static final PlasticcSimulator SIMULATOR = new PlasticcSimulator(SimulationConfig.defaults(2024));
    private static List<PlasticcSimulator.Realization> sample;

    @BeforeAll
    static void simulateSample() {
        sample = LongStream.range(0, N).mapToObj(SIMULATOR::realize).toList();
    }

    private static List<SimulatedObject> objects() {
        return sample.stream().map(PlasticcSimulator.Realization::object).toList();
    }

    @Test
    void sameSeedAndIndexGiveTheSameObjectWhateverTheOrderOrThread() {
        PlasticcSimulator other = new PlasticcSimulator(SimulationConfig.defaults(2024));
        Map<Long, SimulatedObject> parallel = LongStream.range(0, 300).map(i -> 299 - i).parallel().boxed()
                .collect(Collectors.toConcurrentMap(i -> i, other::simulate));
        for (long i = 0; i < 300; i++) {
            assertEquals(sample.get((int) i).object(), parallel.get(i), "index " + i);
        }
    }

    @Test
    void differentIndexOrSeedGivesADifferentObject() {
        PlasticcSimulator otherSeed = new PlasticcSimulator(SimulationConfig.defaults(2025));
        for (int i = 0; i + 1 < 200; i++) {
            SimulatedObject a = sample.get(i).object();
            assertFalse(Arrays.equals(fluxes(a), fluxes(sample.get(i + 1).object())));
            assertFalse(Arrays.equals(fluxes(a), fluxes(otherSeed.simulate(i))));
        }
    }

    /** The light curve without the object id, which differs between objects anyway. */
    private static float[] fluxes(SimulatedObject o) {
        float[] f = new float[o.observations().size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = o.observations().get(i).flux();
        }
        return f;
    }

    @Test
    void simulatorSurvivesJavaSerialization() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(SIMULATOR);
        }
        PlasticcSimulator copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (PlasticcSimulator) in.readObject();
        }
        assertEquals(SIMULATOR.config(), copy.config());
        for (int i = 0; i < 20; i++) {
            assertEquals(sample.get(i).object(), copy.simulate(i));
        }
    }

    @Test
    void objectIdsAreUniqueAndIncreasingAndObservationsSorted() {
        long previous = -1;
        for (SimulatedObject o : objects()) {
            long id = o.metadata().objectId();
            assertTrue(id > previous, "ids strictly increasing");
            previous = id;
            double lastMjd = Double.NEGATIVE_INFINITY;
            for (Observation obs : o.observations()) {
                assertEquals(id, obs.objectId());
                assertTrue(obs.mjd() >= lastMjd, "sorted by mjd");
                lastMjd = obs.mjd();
            }
        }
        long top = PlasticcSimulator.MAX_INDEX;
        assertTrue(SIMULATOR.simulate(top).metadata().objectId() > SIMULATOR.simulate(top - 1).metadata().objectId());
        assertThrows(IllegalArgumentException.class, () -> SIMULATOR.simulate(-1));
        assertThrows(IllegalArgumentException.class, () -> SIMULATOR.simulate(top + 1));
    }

    @Test
    void everyValuePassesValidation() {
        for (SimulatedObject o : objects()) {
            PlasticcObject m = o.metadata();
            String id = "object " + m.objectId();
            assertTrue(m.ra() >= 0 && m.ra() < 360, id);
            assertTrue(m.decl() >= -90 && m.decl() <= 90, id);
            double[] lb = SkyCoordinates.galactic(m.ra(), m.decl());
            assertEquals(lb[0], m.galL(), 1e-9, id);
            assertEquals(lb[1], m.galB(), 1e-9, id);
            assertTrue(m.hostgalPhotoz() >= 0 && m.hostgalPhotozErr() >= 0 && m.mwebv() >= 0, id);
            assertTrue(m.mwebv() <= Sky.MAX_MWEBV, id);
            assertEquals(o.truth().code(), m.target(), id);
            assertEquals(o.truth().code(), m.trueTarget(), id);
            assertFalse(o.observations().isEmpty(), id);
            for (Observation obs : o.observations()) {
                assertTrue(Double.isFinite(obs.mjd()), id);
                assertTrue(obs.mjd() >= Cadence.SURVEY_START && obs.mjd() < Cadence.SURVEY_END, id);
                assertTrue(Float.isFinite(obs.flux()), id);
                assertTrue(Float.isFinite(obs.fluxErr()) && obs.fluxErr() > 0, id);
                assertTrue(obs.passband() >= 0 && obs.passband() <= 5, id);
            }
        }
    }

    @Test
    void galacticAndExtragalacticMetadataFollowPlasticcRules() {
        List<Double> relativePhotozError = new ArrayList<>();
        for (SimulatedObject o : objects()) {
            PlasticcObject m = o.metadata();
            if (o.truth().galactic()) {
                assertEquals(0.0, o.redshift());
                assertEquals(0.0, m.hostgalSpecz());
                assertEquals(0.0, m.hostgalPhotoz());
                assertEquals(0.0, m.hostgalPhotozErr());
                assertNull(m.distmod());
                assertTrue(m.galactic());
            } else {
                assertTrue(o.redshift() > 0);
                assertEquals(o.redshift(), m.hostgalSpecz());
                assertTrue(m.hostgalPhotoz() > 0 && m.hostgalPhotozErr() > 0);
                assertTrue(Double.isFinite(m.distmod()));
                assertEquals(Cosmology.distanceModulus(m.hostgalPhotoz()), m.distmod(), 1e-4, "distmod from photo-z");
                assertFalse(m.galactic());
                relativePhotozError.add(Math.abs(m.hostgalPhotoz() - o.redshift()) / (1 + o.redshift()));
            }
        }
        double median = median(relativePhotozError);
        assertTrue(median > 0.01 && median < 0.04, "typical |photo-z - z| / (1+z) of a few per cent: " + median);
        long outliers = relativePhotozError.stream().filter(e -> e > 0.3).count();
        assertTrue(outliers > 0 && outliers < 0.06 * relativePhotozError.size(), "a few catastrophic outliers: " + outliers);
    }

    @Test
    void redshiftsAreClassTypical() {
        Map<PlasticcClass, List<Double>> z = new EnumMap<>(PlasticcClass.class);
        for (SimulatedObject o : objects()) {
            z.computeIfAbsent(o.truth(), c -> new ArrayList<>()).add(o.redshift());
        }
        assertTrue(z.get(PlasticcClass.KILONOVA).stream().allMatch(v -> v <= 0.2));
        assertTrue(z.get(PlasticcClass.SN_IA).stream().allMatch(v -> v <= 1.2));
        assertTrue(median(z.get(PlasticcClass.SLSN_I)) > 2 * median(z.get(PlasticcClass.SN_IA)));
        assertTrue(median(z.get(PlasticcClass.AGN)) > 0.6);
        assertTrue(z.get(PlasticcClass.AGN).stream().anyMatch(v -> v > 2.0));
    }

    @Test
    void defaultClassFrequenciesMatchTheTrainingSet() {
        Map<PlasticcClass, Integer> counts = new EnumMap<>(PlasticcClass.class);
        for (SimulatedObject o : objects()) {
            counts.merge(o.truth(), 1, Integer::sum);
        }
        double total = PlasticcClass.trainingClasses().stream().mapToInt(PlasticcClass::trainingCount).sum();
        double chi2 = 0;
        for (PlasticcClass cls : PlasticcClass.values()) {
            double expected = N * cls.trainingCount() / total;
            int observed = counts.getOrDefault(cls, 0);
            if (expected == 0) {
                assertEquals(0, observed, "class outside the training set: " + cls);
            } else {
                chi2 += (observed - expected) * (observed - expected) / expected;
            }
        }
        // 13 degrees of freedom: the 99.9 % quantile is 34.5
        assertTrue(chi2 < 34.5, "chi2 = " + chi2 + " counts " + counts);
    }

    @Test
    void deepDrillingObjectsHaveMoreAndDeeperObservations() {
        List<Integer> ddfCounts = new ArrayList<>();
        List<Integer> wfdCounts = new ArrayList<>();
        Map<Boolean, List<List<Double>>> errors = new HashMap<>();
        for (boolean ddf : new boolean[] {true, false}) {
            List<List<Double>> perBand = new ArrayList<>();
            for (int b = 0; b < Photometry.BANDS; b++) {
                perBand.add(new ArrayList<>());
            }
            errors.put(ddf, perBand);
        }
        for (PlasticcSimulator.Realization r : sample) {
            SimulatedObject o = r.object();
            boolean ddf = o.metadata().ddf();
            (ddf ? ddfCounts : wfdCounts).add(o.observations().size());
            for (Observation obs : o.observations()) {
                // the sky-noise medians hold where the source adds little Poisson noise
                if (Math.abs(r.model().flux(obs.mjd(), obs.passband())) < 10) {
                    errors.get(ddf).get(obs.passband()).add((double) obs.fluxErr());
                }
            }
        }
        double ddfShare = ddfCounts.size() / (double) N;
        assertEquals(SimulationConfig.DEFAULT_DDF_FRACTION, ddfShare, 0.03);
        assertTrue(ddfCounts.stream().allMatch(c -> c >= 280 && c <= 370), "DDF 300-350 observations");
        assertTrue(wfdCounts.stream().allMatch(c -> c >= 95 && c <= 185), "WFD 100-180 observations");
        assertTrue(median(ddfCounts.stream().map(Integer::doubleValue).toList()) > 2 * median(wfdCounts.stream().map(Integer::doubleValue).toList()));
        for (int b = 0; b < Photometry.BANDS; b++) {
            double ddfMedian = median(errors.get(true).get(b));
            double wfdMedian = median(errors.get(false).get(b));
            assertTrue(ddfMedian < wfdMedian, "band " + b);
            assertEquals(NoiseModel.DDF_MEDIAN_ERR[b], ddfMedian, 0.1 * NoiseModel.DDF_MEDIAN_ERR[b], "DDF band " + b);
            assertEquals(NoiseModel.WFD_MEDIAN_ERR[b], wfdMedian, 0.1 * NoiseModel.WFD_MEDIAN_ERR[b], "WFD band " + b);
        }
    }

    @Test
    void lightCurvesShowSeasons() {
        for (SimulatedObject o : objects().subList(0, 500)) {
            List<Observation> obs = o.observations();
            double longestGap = 0;
            for (int i = 1; i < obs.size(); i++) {
                longestGap = Math.max(longestGap, obs.get(i).mjd() - obs.get(i - 1).mjd());
            }
            assertTrue(longestGap > 120, "a gap between seasons, object " + o.metadata().objectId());
        }
    }

    @Test
    void detectionsConcentrateWhereTheSignalIsBright() {
        int brightCount = 0;
        int brightDetected = 0;
        int faintCount = 0;
        int faintDetected = 0;
        for (PlasticcSimulator.Realization r : sample) {
            if (!(r.model() instanceof TransientModel model)) {
                continue;
            }
            for (Observation obs : r.object().observations()) {
                double snr = model.flux(obs.mjd(), obs.passband()) / obs.fluxErr();
                double fromPeak = Math.abs(obs.mjd() - model.peakMjd());
                if (snr > 10) {
                    brightCount++;
                    brightDetected += obs.detected() ? 1 : 0;
                } else if (fromPeak > 300 && Math.abs(snr) < 0.1) {
                    faintCount++;
                    faintDetected += obs.detected() ? 1 : 0;
                }
            }
        }
        assertTrue(brightCount > 1000 && faintCount > 10_000);
        assertTrue(brightDetected > 0.9 * brightCount, brightDetected + " of " + brightCount);
        assertTrue(faintDetected < 0.01 * faintCount, faintDetected + " of " + faintCount);
        assertTrue(faintDetected > 0, "noise alone sometimes passes, as in the real data");
    }

    @Test
    void almostAllObjectsPassTheDetectionTrigger() {
        long triggered = sample.stream().filter(r -> r.detections() >= PlasticcSimulator.MIN_DETECTIONS).count();
        assertTrue(triggered > 0.98 * N, triggered + " of " + N);
        for (PlasticcSimulator.Realization r : sample) {
            long detected = r.object().observations().stream().filter(Observation::detected).count();
            assertEquals(r.detections(), detected);
            assertTrue(r.attempts() >= 1 && r.attempts() <= PlasticcSimulator.MAX_ATTEMPTS);
        }
    }

    @Test
    void configurationSelectsClassesAndSurvey() {
        PlasticcSimulator onlyKilonovae = new PlasticcSimulator(
                new SimulationConfig(1, 0.0, Map.of(PlasticcClass.KILONOVA, 1.0, PlasticcClass.SN_IA, 0.0)));
        PlasticcSimulator allDeep = new PlasticcSimulator(new SimulationConfig(1, 1.0, Map.of(PlasticcClass.MIRA, 2.5)));
        for (int i = 0; i < 50; i++) {
            SimulatedObject kn = onlyKilonovae.simulate(i);
            assertEquals(PlasticcClass.KILONOVA, kn.truth());
            assertFalse(kn.metadata().ddf());
            SimulatedObject mira = allDeep.simulate(i);
            assertEquals(PlasticcClass.MIRA, mira.truth());
            assertTrue(mira.metadata().ddf());
            assertTrue(isInADeepField(mira.metadata()));
        }
    }

    private static boolean isInADeepField(PlasticcObject m) {
        return Arrays.stream(Sky.DDF_FIELDS).anyMatch(f -> {
            double dDecl = m.decl() - f[1];
            double dRa = Math.IEEEremainder(m.ra() - f[0], 360.0) * Math.cos(Math.toRadians(m.decl()));
            return Math.hypot(dRa, dDecl) <= Sky.DDF_RADIUS_DEG + 0.01;
        });
    }

    @Test
    void invalidConfigurationsAreRejected() {
        Map<PlasticcClass, Double> ok = Map.of(PlasticcClass.SN_IA, 1.0);
        assertThrows(IllegalArgumentException.class, () -> new SimulationConfig(1, 1.5, ok));
        assertThrows(IllegalArgumentException.class, () -> new SimulationConfig(1, Double.NaN, ok));
        assertThrows(IllegalArgumentException.class, () -> new SimulationConfig(1, 0.3, Map.of(PlasticcClass.SN_IA, -1.0)));
        assertThrows(IllegalArgumentException.class, () -> new SimulationConfig(1, 0.3, Map.of(PlasticcClass.SN_IA, 0.0)));
        assertThrows(IllegalArgumentException.class, () -> new SimulationConfig(1, 0.3, Map.of(PlasticcClass.OTHER, 1.0)));
        assertThrows(IllegalArgumentException.class, () -> new SimulationConfig(1, 0.3, Map.of()));
        assertThrows(UnsupportedOperationException.class,
                () -> SimulationConfig.defaults(1).classWeights().put(PlasticcClass.SN_IA, 1.0));
        assertEquals(14, SimulationConfig.defaults(1).classWeights().size());
        assertEquals(2313.0, SimulationConfig.defaults(1).classWeights().get(PlasticcClass.SN_IA));
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : 0.5 * (v[v.length / 2 - 1] + v[v.length / 2]);
    }
}
