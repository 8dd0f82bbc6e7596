package org.losslab.common.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.losslab.common.plasticc.CsvLine;
import org.losslab.common.plasticc.ObjectParser;
import org.losslab.common.plasticc.Observation;
import org.losslab.common.plasticc.ObservationParser;
import org.losslab.common.plasticc.Parsed;
import org.losslab.common.plasticc.PlasticcLayout;
import org.losslab.common.plasticc.PlasticcObject;
import org.losslab.common.plasticc.sim.PlasticcSimulator;
import org.losslab.common.plasticc.sim.SimulatedObject;
import org.losslab.common.plasticc.sim.SimulationConfig;

/** Layout, scaling, truncation, invariance and robustness of the per-object features. */
class LightCurveFeaturesTest {
    private static final long ID = 4242;
    private static final int C = LightCurveFeatures.CHANNELS;
    private static final float EPS = 1e-6f;
    private static final PlasticcSimulator SIMULATOR = new PlasticcSimulator(SimulationConfig.defaults(7));

    private static Observation obs(double mjd, int band, float flux, float err, boolean detected) {
        return new Observation(ID, mjd, (byte) band, flux, err, detected);
    }

    private static PlasticcObject extragalactic(Integer target) {
        return new PlasticcObject(ID, 10.0, -30.0, 200.0, -60.0, true, 0.29, 0.3, 0.05, 41.0, 0.02, target, target);
    }

    private static PlasticcObject galactic(Integer target) {
        return new PlasticcObject(ID, 10.0, -30.0, 200.0, -10.0, false, 0.0, 0.0, 0.0, null, 0.2, target, target);
    }

    /** The values of one channel over all L steps. */
    private static float[] channel(ObjectFeatures f, int c) {
        int length = f.sequenceLength();
        float[] values = new float[length];
        System.arraycopy(f.sequence(), c * length, values, 0, length);
        return values;
    }

    /** Five observations in scrambled order; sorted: mjd 90 u, 100 r, 110 g (first detection), 130 r, 150 y. */
    private static List<Observation> fiveObservations() {
        return List.of(
                obs(100.0, 2, 5f, 1f, false),
                obs(110.0, 1, 20f, 2f, true),
                obs(130.0, 2, -40f, 4f, true),
                obs(150.0, 5, 10f, 1f, false),
                obs(90.0, 0, 1f, 0.5f, false));
    }

    @Test
    void handMadeCurveHasTheHandComputedLayout() {
        FeatureConfig config = FeatureConfig.defaults().withSequenceLength(8).withTimeScaleDays(10.0);
        ObjectFeatures f = LightCurveFeatures.of(extragalactic(90), fiveObservations(), config);

        assertEquals(ID, f.objectId());
        assertEquals(11, f.targetIndex());
        assertEquals(C * 8, f.sequence().length);
        assertEquals(5, f.steps());
        assertArrayEquals(new float[] {1, 1, 1, 1, 1, 0, 0, 0}, f.mask());
        // t0 = 110 (first detection), 10-day unit
        assertArrayEquals(new float[] {-2, -1, 0, 2, 4, 0, 0, 0}, channel(f, LightCurveFeatures.TIME_CHANNEL), EPS);
        int band = LightCurveFeatures.BAND_CHANNEL;
        assertArrayEquals(new float[] {1, 0, 0, 0, 0, 0, 0, 0}, channel(f, band), EPS);
        assertArrayEquals(new float[] {0, 0, 1, 0, 0, 0, 0, 0}, channel(f, band + 1), EPS);
        assertArrayEquals(new float[] {0, 1, 0, 1, 0, 0, 0, 0}, channel(f, band + 2), EPS);
        assertArrayEquals(new float[8], channel(f, band + 3), EPS);
        assertArrayEquals(new float[8], channel(f, band + 4), EPS);
        assertArrayEquals(new float[] {0, 0, 0, 0, 1, 0, 0, 0}, channel(f, band + 5), EPS);
        // s = 40 = |flux| of the brightest detection
        assertArrayEquals(new float[] {0.025f, 0.125f, 0.5f, -1f, 0.25f, 0, 0, 0},
                channel(f, LightCurveFeatures.FLUX_CHANNEL), EPS);
        assertArrayEquals(new float[] {0.0125f, 0.025f, 0.05f, 0.1f, 0.025f, 0, 0, 0},
                channel(f, LightCurveFeatures.FLUX_ERR_CHANNEL), EPS);
        assertArrayEquals(new float[] {0, 0, 1, 1, 0, 0, 0, 0}, channel(f, LightCurveFeatures.DETECTED_CHANNEL));
        assertEquals(-1f, f.value(LightCurveFeatures.FLUX_CHANNEL, 3));

        float log10Of40 = 1.6020600f;
        float log10Of6 = 0.7781513f;
        float[] metadata = {0.3f, 0.05f, 4.1f, 1f, 0.02f, 1f, 0f, log10Of40, log10Of6};
        assertArrayEquals(metadata, f.metadata(), EPS);

        float log10Of2 = 0.30103f;
        float log10Of3 = 0.47712126f;
        float[] summary = {
            log10Of2, 0.025f, 0f, 0.025f, 0.025f, 0f,       // u: one point, 1/40
            log10Of2, 0.5f, 0f, 0.5f, 0.5f, 1f,             // g: one detection, 20/40
            log10Of3, -0.4375f, 0.5625f, -1f, 0.125f, 0.5f, // r: 5/40 and -40/40
            0, 0, 0, 0, 0, 0,                               // i: empty
            0, 0, 0, 0, 0, 0,                               // z: empty
            log10Of2, 0.25f, 0f, 0.25f, 0.25f, 0f,          // y: one point, 10/40
            2f, log10Of3,                                   // detections at 110 and 130: 20 days; 2 detections
            0.3f, 0.05f, 4.1f, 1f, 0.02f, 1f, 0f, log10Of40, log10Of6};
        assertArrayEquals(summary, f.summary(), EPS);
    }

    @Test
    void namesMatchTheVectorLengthsAndChannelConstants() {
        List<String> channels = LightCurveFeatures.channelNames();
        assertEquals(C, channels.size());
        assertEquals(10, C);
        assertEquals("time", channels.get(LightCurveFeatures.TIME_CHANNEL));
        assertEquals("band_u", channels.get(LightCurveFeatures.BAND_CHANNEL));
        assertEquals("band_y", channels.get(LightCurveFeatures.BAND_CHANNEL + 5));
        assertEquals("flux", channels.get(LightCurveFeatures.FLUX_CHANNEL));
        assertEquals("flux_err", channels.get(LightCurveFeatures.FLUX_ERR_CHANNEL));
        assertEquals("detected", channels.get(LightCurveFeatures.DETECTED_CHANNEL));
        assertEquals(LightCurveFeatures.METADATA_LENGTH, LightCurveFeatures.METADATA_NAMES.size());
        assertEquals(LightCurveFeatures.SUMMARY_LENGTH, LightCurveFeatures.SUMMARY_NAMES.size());
        assertEquals("log10_flux_scale", LightCurveFeatures.METADATA_NAMES.get(7));
        assertEquals("r_flux_std", LightCurveFeatures.SUMMARY_NAMES.get(2 * LightCurveFeatures.SUMMARY_PER_BAND + 2));
        assertEquals(LightCurveFeatures.SUMMARY_LENGTH, new HashSet<>(LightCurveFeatures.SUMMARY_NAMES).size());
        assertEquals(C, new HashSet<>(channels).size());
    }

    @Test
    void shortCurvesArePaddedAtTheEndWithZerosAndMaskZero() {
        FeatureConfig config = FeatureConfig.defaults().withSequenceLength(300);
        for (long index = 0; index < 20; index++) {
            SimulatedObject o = SIMULATOR.simulate(index);
            int n = o.observations().size();
            ObjectFeatures f = LightCurveFeatures.of(o.metadata(), o.observations(), config);
            int steps = Math.min(n, 300);
            assertEquals(steps, f.steps());
            for (int t = 0; t < 300; t++) {
                assertEquals(t < steps ? 1f : 0f, f.mask()[t]);
                float oneHot = 0f;
                for (int b = 0; b < LightCurveFeatures.BANDS; b++) {
                    oneHot += f.value(LightCurveFeatures.BAND_CHANNEL + b, t);
                }
                assertEquals(t < steps ? 1f : 0f, oneHot, "one-hot sum at step " + t);
                if (t >= steps) {
                    for (int c = 0; c < C; c++) {
                        assertEquals(0f, f.value(c, t), "padding of channel " + c + " at step " + t);
                    }
                } else if (t > 0) {
                    assertTrue(f.value(0, t) >= f.value(0, t - 1), "time order at step " + t);
                }
            }
        }
    }

    /** Ten observations one day apart; the brightest detection is at {@code brightest}, a brighter non-detection at 1 or 8. */
    private static List<Observation> tenObservations(int brightest) {
        List<Observation> list = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            boolean detected = i == brightest || i == 3;
            float flux = i == brightest ? -50f : detected ? 30f : 2f + i;
            list.add(obs(i, i % 6, flux, 1f, detected));
        }
        int decoy = brightest == 1 ? 8 : 1;
        list.set(decoy, obs(decoy, decoy % 6, 100f, 1f, false));
        return list;
    }

    @Test
    void truncationKeepsAWindowCentredOnTheBrightestDetection() {
        FeatureConfig config = FeatureConfig.defaults().withSequenceLength(4).withTimeScaleDays(1.0);
        // brightest detection -> first kept observation: clamp(brightest - 2, 0, 6)
        int[][] cases = {{7, 5}, {0, 0}, {1, 0}, {9, 6}, {5, 3}};
        for (int[] c : cases) {
            ObjectFeatures f = LightCurveFeatures.of(galactic(null), tenObservations(c[0]), config);
            double t0 = Math.min(3, c[0]);
            float[] expectedTimes = new float[4];
            for (int t = 0; t < 4; t++) {
                expectedTimes[t] = (float) (c[1] + t - t0);
            }
            assertArrayEquals(expectedTimes, channel(f, LightCurveFeatures.TIME_CHANNEL), EPS, "brightest " + c[0]);
            assertArrayEquals(new float[] {1, 1, 1, 1}, f.mask());
            assertEquals(-1f, f.value(LightCurveFeatures.FLUX_CHANNEL, c[0] - c[1]), "brightest " + c[0]);
            assertEquals(1f, f.value(LightCurveFeatures.DETECTED_CHANNEL, c[0] - c[1]));
            // the flux scale is that of the whole curve: the brighter non-detection is 100/50
            assertEquals((float) Math.log10(50), f.metadata()[7], EPS);
        }
    }

    @Test
    void truncatedSimulatedCurvesKeepTheBrightestDetectionAndTimeOrder() {
        int length = 64;
        FeatureConfig config = FeatureConfig.defaults().withSequenceLength(length);
        int truncated = 0;
        for (long index = 0; index < 150; index++) {
            SimulatedObject o = SIMULATOR.simulate(index);
            List<Observation> sorted = new ArrayList<>(o.observations());
            sorted.sort(Comparator.comparingDouble(Observation::mjd).thenComparingInt(Observation::passband));
            int n = sorted.size();
            int brightest = brightestDetection(sorted);
            if (n <= length || brightest < 0) {
                continue;
            }
            truncated++;
            ObjectFeatures f = LightCurveFeatures.of(o.metadata(), o.observations(), config);
            assertEquals(length, f.steps());
            int start = firstKept(sorted, f, config);
            assertTrue(start >= 0 && start + length <= n, "window of object " + index + " is a slice");
            assertTrue(brightest >= start && brightest < start + length, "object " + index + " keeps its peak");
            for (int t = 0; t < length; t++) {
                Observation expected = sorted.get(start + t);
                assertEquals(expected.detected() ? 1f : 0f, f.value(LightCurveFeatures.DETECTED_CHANNEL, t));
                assertEquals(1f, f.value(LightCurveFeatures.BAND_CHANNEL + expected.passband(), t));
                if (t > 0) {
                    assertTrue(f.value(LightCurveFeatures.TIME_CHANNEL, t) >= f.value(LightCurveFeatures.TIME_CHANNEL, t - 1));
                }
            }
            assertEquals(1f, Math.abs(f.value(LightCurveFeatures.FLUX_CHANNEL, brightest - start)), EPS);
        }
        assertTrue(truncated > 50, "only " + truncated + " simulated curves were truncated");
    }

    private static int brightestDetection(List<Observation> sorted) {
        int best = -1;
        for (int i = 0; i < sorted.size(); i++) {
            Observation o = sorted.get(i);
            if (o.detected() && (best < 0 || Math.abs(o.flux()) > Math.abs(sorted.get(best).flux()))) {
                best = i;
            }
        }
        return best;
    }

    /** The index in {@code sorted} whose time and flux match step 0 of every step of the window, or -1. */
    private static int firstKept(List<Observation> sorted, ObjectFeatures f, FeatureConfig config) {
        double t0 = sorted.stream().filter(Observation::detected).findFirst().orElseThrow().mjd();
        float scale = Math.abs(sorted.get(brightestDetection(sorted)).flux());
        int length = f.sequenceLength();
        for (int start = 0; start + length <= sorted.size(); start++) {
            boolean all = true;
            for (int t = 0; t < length && all; t++) {
                Observation o = sorted.get(start + t);
                all = Math.abs(f.value(LightCurveFeatures.TIME_CHANNEL, t)
                                - (float) ((o.mjd() - t0) / config.timeScaleDays())) < EPS
                        && Math.abs(f.value(LightCurveFeatures.FLUX_CHANNEL, t) - o.flux() / scale) < 1e-5f;
            }
            if (all) {
                return start;
            }
        }
        return -1;
    }

    private static List<Observation> scaled(List<Observation> observations, float factor) {
        List<Observation> out = new ArrayList<>(observations.size());
        for (Observation o : observations) {
            out.add(new Observation(o.objectId(), o.mjd(), o.passband(), o.flux() * factor, o.fluxErr() * factor,
                    o.detected()));
        }
        return out;
    }

    private static void assertClose(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-5f * Math.max(1f, Math.abs(expected[i])), what + "[" + i + "]");
        }
    }

    @Test
    void multiplyingAllFluxesByTenChangesOnlyTheLogScale() {
        int logScale = LightCurveFeatures.METADATA_NAMES.indexOf("log10_flux_scale");
        int summaryLogScale = LightCurveFeatures.SUMMARY_NAMES.indexOf("log10_flux_scale");
        for (FeatureConfig config : List.of(FeatureConfig.defaults(), FeatureConfig.defaults().withSequenceLength(64))) {
            for (long index = 0; index < 40; index++) {
                SimulatedObject o = SIMULATOR.simulate(index);
                ObjectFeatures base = LightCurveFeatures.of(o.metadata(), o.observations(), config);
                ObjectFeatures tenfold = LightCurveFeatures.of(o.metadata(), scaled(o.observations(), 10f), config);
                assertClose(base.sequence(), tenfold.sequence(), "sequence of " + index);
                assertArrayEquals(base.mask(), tenfold.mask());
                float[] meta = tenfold.metadata().clone();
                float[] summary = tenfold.summary().clone();
                assertEquals(base.metadata()[logScale] + 1f, meta[logScale], 1e-5f);
                assertEquals(base.summary()[summaryLogScale] + 1f, summary[summaryLogScale], 1e-5f);
                meta[logScale] -= 1f;
                summary[summaryLogScale] -= 1f;
                assertClose(base.metadata(), meta, "metadata of " + index);
                assertClose(base.summary(), summary, "summary of " + index);
            }
        }
    }

    @Test
    void featuresAreDeterministicAndIgnoreTheInputOrder() throws Exception {
        FeatureConfig config = FeatureConfig.defaults().withSequenceLength(128);
        Random random = new Random(11);
        for (long index = 0; index < 30; index++) {
            SimulatedObject o = SIMULATOR.simulate(index);
            ObjectFeatures first = LightCurveFeatures.of(o.metadata(), o.observations(), config);
            List<Observation> shuffled = new ArrayList<>(o.observations());
            Collections.shuffle(shuffled, random);
            assertEquals(first, LightCurveFeatures.of(o.metadata(), o.observations(), config));
            assertEquals(first, LightCurveFeatures.of(o.metadata(), shuffled, config));
            assertEquals(first.hashCode(), LightCurveFeatures.of(o.metadata(), shuffled, config).hashCode());
            assertEquals(first, roundTrip(first));
        }
        SimulatedObject a = SIMULATOR.simulate(0);
        SimulatedObject b = SIMULATOR.simulate(1);
        assertNotEquals(LightCurveFeatures.of(a.metadata(), a.observations(), config),
                LightCurveFeatures.of(b.metadata(), b.observations(), config));
        assertEquals(config, roundTrip(config));
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T value) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }

    private static void assertFiniteAndBounded(ObjectFeatures f, FeatureConfig config, String what) {
        for (float[] values : List.of(f.sequence(), f.mask(), f.metadata(), f.summary())) {
            for (float v : values) {
                assertTrue(Float.isFinite(v) && Math.abs(v) <= config.maxAbsValue(), what + ": " + v + " in " + f);
            }
        }
    }

    @Test
    void edgeCasesGiveFiniteFeatures() {
        FeatureConfig config = FeatureConfig.defaults().withSequenceLength(16);
        List<List<Observation>> curves = new ArrayList<>();
        curves.add(List.of());
        curves.add(List.of(obs(60000.0, 3, 12f, 2f, true)));
        curves.add(List.of(obs(60000.0, 3, -0.5f, 2f, false)));
        List<Observation> zeros = new ArrayList<>();
        List<Observation> noDetections = new ArrayList<>();
        List<Observation> oneBand = new ArrayList<>();
        List<Observation> sameTime = new ArrayList<>();
        List<Observation> extreme = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            zeros.add(obs(60000.0 + i, i % 6, 0f, 1f + i, i % 7 == 0));
            noDetections.add(obs(60000.0 + 3 * i, i % 6, (float) Math.sin(i), 5f, false));
            oneBand.add(obs(60000.0 + i, 2, 10f * i, 3f, i > 20));
            sameTime.add(obs(60000.0, i % 6, 1f, 1f, true));
            extreme.add(obs(i % 2 == 0 ? -1e300 : 1e300, i % 6, i % 3 == 0 ? Float.MAX_VALUE : -Float.MAX_VALUE,
                    i == 5 ? Float.MIN_VALUE : Float.MAX_VALUE, i == 7));
        }
        curves.addAll(List.of(zeros, noDetections, oneBand, sameTime, extreme));
        for (PlasticcObject metadata : List.of(galactic(null), extragalactic(99), extragalactic(991),
                new PlasticcObject(ID, 0, 0, 0, 0, false, null, 0.5, 0.1, Double.NaN, 0.0, null, null))) {
            for (int k = 0; k < curves.size(); k++) {
                ObjectFeatures f = LightCurveFeatures.of(metadata, curves.get(k), config);
                assertFiniteAndBounded(f, config, "curve " + k);
                assertEquals(Math.min(16, curves.get(k).size()), f.steps(), "curve " + k);
                assertEquals(-1, f.targetIndex());
            }
        }
        ObjectFeatures empty = LightCurveFeatures.of(galactic(6), List.of(), config);
        assertArrayEquals(new float[C * 16], empty.sequence());
        assertArrayEquals(new float[16], empty.mask());
        assertEquals(0f, empty.metadata()[7], "log10 of the default scale 1");
        assertEquals(0, empty.targetIndex());

        // all-zero flux: s is the smallest flux_err (1), so the first scaled error is exactly 1
        ObjectFeatures flat = LightCurveFeatures.of(galactic(null), zeros, config.withSequenceLength(64));
        assertEquals(0f, flat.metadata()[7]);
        assertEquals(1f, flat.value(LightCurveFeatures.FLUX_ERR_CHANNEL, 0));

        // no detections: time counts from the first observation
        ObjectFeatures quiet = LightCurveFeatures.of(galactic(null), noDetections, config.withSequenceLength(64));
        assertEquals(0f, quiet.value(LightCurveFeatures.TIME_CHANNEL, 0));
        assertEquals(0.03f, quiet.value(LightCurveFeatures.TIME_CHANNEL, 1), EPS);
    }

    @Test
    void metadataEncodesDistanceModulusAndFlags() {
        FeatureConfig config = FeatureConfig.defaults();
        List<Observation> one = List.of(obs(60000.0, 1, 5f, 1f, true));
        float[] gal = LightCurveFeatures.of(galactic(16), one, config).metadata();
        assertArrayEquals(new float[] {0f, 0f, 0f, 0f, 0.2f, 0f, 1f, (float) Math.log10(5), (float) Math.log10(2)},
                gal, EPS);
        PlasticcObject nanDistmod = new PlasticcObject(ID, 0, 0, 0, 0, false, null, 0.5, 0.1, Double.NaN, 0.0, 42, 42);
        ObjectFeatures f = LightCurveFeatures.of(nanDistmod, one, config);
        assertEquals(0f, f.metadata()[2]);
        assertEquals(0f, f.metadata()[3]);
        assertEquals(0f, f.metadata()[6], "photo-z 0.5 is extragalactic");
        assertEquals(ClassIndex.indexOfCode(42), f.targetIndex());
    }

    @Test
    void invalidObservationsAreRejected() {
        FeatureConfig config = FeatureConfig.defaults();
        PlasticcObject m = galactic(null);
        List<Observation> otherObject = List.of(new Observation(ID + 1, 1.0, (byte) 0, 1f, 1f, true));
        assertThrows(IllegalArgumentException.class, () -> LightCurveFeatures.of(m, otherObject, config));
        assertThrows(IllegalArgumentException.class, () -> LightCurveFeatures.of(m, List.of(obs(1, 6, 1f, 1f, true)), config));
        assertThrows(IllegalArgumentException.class,
                () -> LightCurveFeatures.of(m, List.of(obs(1, 0, Float.NaN, 1f, true)), config));
        assertThrows(IllegalArgumentException.class,
                () -> LightCurveFeatures.of(m, List.of(obs(Double.NaN, 0, 1f, 1f, true)), config));
        assertThrows(IllegalArgumentException.class, () -> LightCurveFeatures.of(m, List.of(obs(1, 0, 1f, 0f, true)), config));
        assertThrows(IllegalArgumentException.class,
                () -> LightCurveFeatures.of(m, List.of(obs(1, 0, 1f, Float.POSITIVE_INFINITY, true)), config));
        assertThrows(IllegalArgumentException.class, () -> new FeatureConfig(0, 100.0, 1000.0));
        assertThrows(IllegalArgumentException.class, () -> new FeatureConfig(16, 0.0, 1000.0));
        assertThrows(IllegalArgumentException.class, () -> new FeatureConfig(16, 100.0, Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class,
                () -> new ObjectFeatures(ID, -1, new float[C * 4], new float[5], new float[LightCurveFeatures.METADATA_LENGTH],
                        new float[LightCurveFeatures.SUMMARY_LENGTH]));
        assertThrows(IllegalArgumentException.class,
                () -> new ObjectFeatures(ID, 14, new float[C * 4], new float[4], new float[LightCurveFeatures.METADATA_LENGTH],
                        new float[LightCurveFeatures.SUMMARY_LENGTH]));
    }

    private static Path realSample() {
        List<String> candidates = new ArrayList<>();
        String property = System.getProperty("losslab.shared.data");
        if (property != null) {
            candidates.add(property);
        }
        candidates.addAll(List.of("../shared/data", "../../shared/data"));
        for (String candidate : candidates) {
            Path p = Path.of(candidate, "plasticc-sample").toAbsolutePath().normalize();
            if (Files.isReadable(p.resolve("training_set.csv"))) {
                return p;
            }
        }
        return null;
    }

    private static <T> List<T> parse(Path file, PlasticcLayout.Kind kind) throws IOException {
        List<String> lines = Files.readAllLines(file);
        var mapping = PlasticcLayout.detect(kind, file.toString(), List.of(CsvLine.split(lines.get(0))));
        List<T> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            Object[] fields = CsvLine.split(line);
            Parsed<?> parsed = kind == PlasticcLayout.Kind.OBSERVATIONS
                    ? new ObservationParser(mapping).parse(fields) : new ObjectParser(mapping).parse(fields);
            @SuppressWarnings("unchecked")
            T value = ((Parsed.Accepted<T>) parsed).value();
            rows.add(value);
        }
        return rows;
    }

    @Test
    void realSampleObjectsGiveFiniteFeaturesThatKeepTheirPeak() throws IOException {
        Path dir = realSample();
        assumeTrue(dir != null, "real PLAsTiCC sample not found beside the checkout (../shared/data); skipping");
        List<PlasticcObject> objects = parse(dir.resolve("training_set_metadata.csv"), PlasticcLayout.Kind.METADATA);
        List<Observation> observations = parse(dir.resolve("training_set.csv"), PlasticcLayout.Kind.OBSERVATIONS);
        Map<Long, List<Observation>> byObject = new LinkedHashMap<>();
        for (Observation o : observations) {
            byObject.computeIfAbsent(o.objectId(), k -> new ArrayList<>()).add(o);
        }
        FeatureConfig config = FeatureConfig.defaults();
        int truncated = 0;
        assertEquals(10, objects.size());
        for (PlasticcObject m : objects) {
            List<Observation> curve = byObject.get(m.objectId());
            ObjectFeatures f = LightCurveFeatures.of(m, curve, config);
            assertFiniteAndBounded(f, config, "object " + m.objectId());
            assertEquals(Math.min(curve.size(), 256), f.steps());
            assertTrue(f.targetIndex() >= 0);
            assertEquals(m.galactic() ? 1f : 0f, f.metadata()[6]);
            assertEquals(m.galactic() ? 0f : 1f, f.metadata()[3], "galactic objects have no distmod");
            boolean peakKept = false;
            for (int t = 0; t < f.steps(); t++) {
                float flux = f.value(LightCurveFeatures.FLUX_CHANNEL, t);
                if (f.value(LightCurveFeatures.DETECTED_CHANNEL, t) == 1f) {
                    assertTrue(Math.abs(flux) <= 1f, "detections lie in [-1, 1] (object " + m.objectId() + ")");
                    peakKept |= Math.abs(flux) == 1f;
                }
            }
            assertTrue(peakKept, "object " + m.objectId());
            truncated += curve.size() > 256 ? 1 : 0;
        }
        assertTrue(truncated > 0, "the sample's deep-drilling curves (255..352 observations) exercise truncation");
    }
}
