package org.losslab.common.features;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.losslab.common.plasticc.Observation;
import org.losslab.common.plasticc.PlasticcObject;

/**
 * Turns one object's metadata and light curve into {@link ObjectFeatures}: a masked sequence for recurrent
 * and attention models, a metadata vector and a fixed-length summary vector for an MLP.
 *
 * <p><b>Sequence.</b> Observations are sorted by (mjd, passband, flux, flux_err, detected), so the result does
 * not depend on the input order, and fill the first steps of the sequence; the remaining steps are zeros
 * with mask 0. Channels per step ({@link #channelNames()}): {@code time} = (mjd - t0) / timeScaleDays, where
 * t0 is the mjd of the object's first detection (of its first observation when nothing was detected), so
 * earlier observations are negative; the passband one-hot {@code band_u .. band_y}; {@code flux} / s;
 * {@code flux_err} / s; {@code detected} 0/1.
 *
 * <p><b>Flux scale.</b> s = max(|flux| of the anchor, smallest flux_err of the object), where the anchor is
 * the detected observation of largest |flux| (the earliest on a tie), or the observation of largest |flux|
 * when nothing was detected; s = 1 for an empty light curve. Dividing by s puts the anchor at ±1 and keeps
 * the sign, the shape and the band-to-band ratios (colours) linear, so the features do not depend on the
 * flux unit; the absolute brightness goes to the model as {@code log10_flux_scale}. The flux_err floor only
 * acts when the anchor's |flux| is below every flux_err (in practice a flat or all-zero light curve): the
 * smallest scaled error is then 1 instead of a division by (nearly) zero. Linear was preferred to asinh:
 * asinh with a fixed softening flux (asinh magnitudes) is not scale-invariant and would mix brightness back
 * into the shape, and asinh(flux / s) is nearly linear on [-1, 1], where every detected point lies by
 * construction, so it would only compress the rare non-detections beyond ±1 at the cost of distorting
 * flux_err.
 *
 * <p><b>Truncation.</b> With n &gt; L observations the sequence keeps the L consecutive observations starting
 * at index clamp(anchor - floor(L/2), 0, n - L) of the sorted light curve: the anchor sits at step L/2
 * unless it is within L/2 of an end, so the event that sets the scale is always in the window. t0 and s
 * stay those of the whole light curve.
 *
 * <p><b>Metadata</b> ({@link #METADATA_NAMES}): host photo-z and its error, distmod / 10 (0 when absent, as
 * for galactic objects) with a has-distmod flag, mwebv, ddf and galactic flags, log10(s), log10(1 + number
 * of observations). <b>Summary</b> ({@link #SUMMARY_NAMES}), over the whole light curve: per band
 * log10(1 + count), mean, population standard deviation, min and max of flux / s (0 for an empty band) and
 * the detected fraction; then the span between first and last detection in timeScaleDays units, log10(1 +
 * number of detections), and the metadata vector.
 *
 * <p>Every value is finite and clamped to ±{@link FeatureConfig#maxAbsValue()} for input that passes the
 * ingest validation (finite mjd and flux, flux_err &gt; 0, passband 0..5, and the metadata's object id);
 * other input is rejected with an {@link IllegalArgumentException}. Stateless and thread-safe.
 */
public final class LightCurveFeatures {
    /** Passbands u, g, r, i, z, y. */
    public static final int BANDS = 6;
    /** Sequence channel of the time since the first detection. */
    public static final int TIME_CHANNEL = 0;
    /** Sequence channel of the one-hot of passband 0 (u); passband b is channel {@code BAND_CHANNEL + b}. */
    public static final int BAND_CHANNEL = 1;
    /** Sequence channel of the scaled flux. */
    public static final int FLUX_CHANNEL = BAND_CHANNEL + BANDS;
    /** Sequence channel of the scaled flux error. */
    public static final int FLUX_ERR_CHANNEL = FLUX_CHANNEL + 1;
    /** Sequence channel of the detected flag. */
    public static final int DETECTED_CHANNEL = FLUX_ERR_CHANNEL + 1;
    /** C, the number of channels per time step. */
    public static final int CHANNELS = DETECTED_CHANNEL + 1;
    /** Length of {@link ObjectFeatures#metadata()}. */
    public static final int METADATA_LENGTH = 9;
    /** Summary features per band: log count, flux mean, std, min, max, detected fraction. */
    public static final int SUMMARY_PER_BAND = 6;
    /** Length of {@link ObjectFeatures#summary()}: per-band block, two overall features, the metadata. */
    public static final int SUMMARY_LENGTH = BANDS * SUMMARY_PER_BAND + 2 + METADATA_LENGTH;

    private static final String BAND_LETTERS = "ugrizy";
    private static final List<String> CHANNEL_NAMES = channelNameList();
    /** Names of the metadata features, in vector order. */
    public static final List<String> METADATA_NAMES = List.of("hostgal_photoz", "hostgal_photoz_err",
            "distmod_div10", "has_distmod", "mwebv", "ddf", "galactic", "log10_flux_scale", "log10_observations");
    /** Names of the summary features, in vector order. */
    public static final List<String> SUMMARY_NAMES = summaryNameList();

    private static final double DISTMOD_UNIT = 10.0;

    private LightCurveFeatures() {
    }

    /** Names of the C sequence channels, in channel order. */
    public static List<String> channelNames() {
        return CHANNEL_NAMES;
    }

    private static List<String> channelNameList() {
        List<String> names = new ArrayList<>(CHANNELS);
        names.add("time");
        for (int b = 0; b < BANDS; b++) {
            names.add("band_" + BAND_LETTERS.charAt(b));
        }
        names.addAll(List.of("flux", "flux_err", "detected"));
        return Collections.unmodifiableList(names);
    }

    private static List<String> summaryNameList() {
        List<String> names = new ArrayList<>(SUMMARY_LENGTH);
        for (int b = 0; b < BANDS; b++) {
            char band = BAND_LETTERS.charAt(b);
            for (String stat : List.of("log10_count", "flux_mean", "flux_std", "flux_min", "flux_max",
                    "detected_fraction")) {
                names.add(band + "_" + stat);
            }
        }
        names.add("detected_span");
        names.add("log10_detections");
        names.addAll(METADATA_NAMES);
        return Collections.unmodifiableList(names);
    }

    /**
     * The features of one object.
     *
     * @param metadata     the object's metadata row; its target gives {@link ObjectFeatures#targetIndex()}
     * @param observations the object's observations in any order (may be empty)
     * @param config       sequence length, time unit and value bound
     * @throws IllegalArgumentException for an observation of another object, a passband outside 0..5, a
     *                                  non-finite mjd or flux, or a flux_err that is not finite and &gt; 0
     */
    public static ObjectFeatures of(PlasticcObject metadata, List<Observation> observations, FeatureConfig config) {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(observations, "observations");
        Objects.requireNonNull(config, "config");
        Observation[] sorted = validatedAndSorted(metadata.objectId(), observations);
        int anchor = anchorIndex(sorted);
        double scale = fluxScale(sorted, anchor);
        float[] meta = metadataVector(metadata, scale, sorted.length, config.maxAbsValue());
        return new ObjectFeatures(metadata.objectId(), ClassIndex.indexOfTarget(metadata.target()),
                sequence(sorted, anchor, scale, config), mask(sorted.length, config.sequenceLength()), meta,
                summaryVector(sorted, scale, meta, config));
    }

    private static Observation[] validatedAndSorted(long objectId, List<Observation> observations) {
        Observation[] sorted = observations.toArray(new Observation[0]);
        for (Observation o : sorted) {
            checkValid(objectId, o);
        }
        Arrays.sort(sorted, LightCurveFeatures::compareObservations);
        return sorted;
    }

    private static void checkValid(long objectId, Observation o) {
        Objects.requireNonNull(o, "observation");
        String problem = null;
        if (o.objectId() != objectId) {
            problem = "belongs to object " + o.objectId();
        } else if (o.passband() < 0 || o.passband() >= BANDS) {
            problem = "has passband " + o.passband();
        } else if (!Double.isFinite(o.mjd()) || !Float.isFinite(o.flux())) {
            problem = "has a non-finite mjd or flux";
        } else if (!(o.fluxErr() > 0f && Float.isFinite(o.fluxErr()))) {
            problem = "has flux_err " + o.fluxErr();
        }
        if (problem != null) {
            throw new IllegalArgumentException("Observation " + o + " of object " + objectId + " " + problem);
        }
    }

    /** A total order, so that equal inputs in any order give equal features. */
    private static int compareObservations(Observation a, Observation b) {
        int c = Double.compare(a.mjd(), b.mjd());
        if (c == 0) {
            c = Byte.compare(a.passband(), b.passband());
        }
        if (c == 0) {
            c = Float.compare(a.flux(), b.flux());
        }
        if (c == 0) {
            c = Float.compare(a.fluxErr(), b.fluxErr());
        }
        return c != 0 ? c : Boolean.compare(a.detected(), b.detected());
    }

    /** The detected observation of largest |flux| (earliest on ties), any observation if none; -1 if empty. */
    private static int anchorIndex(Observation[] sorted) {
        int anchor = -1;
        boolean anchorDetected = false;
        for (int i = 0; i < sorted.length; i++) {
            Observation o = sorted[i];
            boolean better = anchor < 0
                    || (o.detected() && !anchorDetected)
                    || (o.detected() == anchorDetected && Math.abs(o.flux()) > Math.abs(sorted[anchor].flux()));
            if (better) {
                anchor = i;
                anchorDetected = o.detected();
            }
        }
        return anchor;
    }

    private static double fluxScale(Observation[] sorted, int anchor) {
        if (anchor < 0) {
            return 1.0;
        }
        double minErr = Double.POSITIVE_INFINITY;
        for (Observation o : sorted) {
            minErr = Math.min(minErr, o.fluxErr());
        }
        return Math.max(Math.abs((double) sorted[anchor].flux()), minErr);
    }

    /** mjd of the first detection, of the first observation if none was detected, 0 if empty. */
    private static double referenceTime(Observation[] sorted) {
        for (Observation o : sorted) {
            if (o.detected()) {
                return o.mjd();
            }
        }
        return sorted.length > 0 ? sorted[0].mjd() : 0.0;
    }

    /** First observation of the window of L observations around the anchor. */
    private static int windowStart(int n, int anchor, int length) {
        if (n <= length) {
            return 0;
        }
        return Math.max(0, Math.min(anchor - length / 2, n - length));
    }

    private static float[] sequence(Observation[] sorted, int anchor, double scale, FeatureConfig config) {
        int length = config.sequenceLength();
        int start = windowStart(sorted.length, anchor, length);
        int steps = Math.min(sorted.length, length);
        double t0 = referenceTime(sorted);
        double bound = config.maxAbsValue();
        float[] sequence = new float[CHANNELS * length];
        for (int t = 0; t < steps; t++) {
            Observation o = sorted[start + t];
            sequence[TIME_CHANNEL * length + t] = bounded((o.mjd() - t0) / config.timeScaleDays(), bound);
            sequence[(BAND_CHANNEL + o.passband()) * length + t] = 1f;
            sequence[FLUX_CHANNEL * length + t] = bounded(o.flux() / scale, bound);
            sequence[FLUX_ERR_CHANNEL * length + t] = bounded(o.fluxErr() / scale, bound);
            sequence[DETECTED_CHANNEL * length + t] = o.detected() ? 1f : 0f;
        }
        return sequence;
    }

    private static float[] mask(int n, int length) {
        float[] mask = new float[length];
        Arrays.fill(mask, 0, Math.min(n, length), 1f);
        return mask;
    }

    private static float[] metadataVector(PlasticcObject m, double scale, int n, double bound) {
        Double distmod = m.distmod();
        boolean hasDistmod = distmod != null && Double.isFinite(distmod);
        return new float[] {
            bounded(m.hostgalPhotoz(), bound),
            bounded(m.hostgalPhotozErr(), bound),
            hasDistmod ? bounded(distmod / DISTMOD_UNIT, bound) : 0f,
            hasDistmod ? 1f : 0f,
            bounded(m.mwebv(), bound),
            m.ddf() ? 1f : 0f,
            m.galactic() ? 1f : 0f,
            bounded(Math.log10(scale), bound),
            (float) Math.log10(1.0 + n),
        };
    }

    private static float[] summaryVector(Observation[] sorted, double scale, float[] meta, FeatureConfig config) {
        double bound = config.maxAbsValue();
        float[] summary = new float[SUMMARY_LENGTH];
        BandStatistics stats = BandStatistics.of(sorted, scale);
        for (int b = 0; b < BANDS; b++) {
            int at = b * SUMMARY_PER_BAND;
            int count = stats.count[b];
            summary[at] = (float) Math.log10(1.0 + count);
            if (count > 0) {
                summary[at + 1] = bounded(stats.mean[b], bound);
                summary[at + 2] = bounded(Math.sqrt(stats.sumSquares[b] / count), bound);
                summary[at + 3] = bounded(stats.min[b], bound);
                summary[at + 4] = bounded(stats.max[b], bound);
                summary[at + 5] = (float) stats.detected[b] / count;
            }
        }
        int overall = BANDS * SUMMARY_PER_BAND;
        summary[overall] = bounded(detectedSpanDays(sorted) / config.timeScaleDays(), bound);
        summary[overall + 1] = (float) Math.log10(1.0 + detections(sorted));
        System.arraycopy(meta, 0, summary, overall + 2, METADATA_LENGTH);
        return summary;
    }

    private static double detectedSpanDays(Observation[] sorted) {
        double first = Double.NaN;
        double last = Double.NaN;
        for (Observation o : sorted) {
            if (o.detected()) {
                if (Double.isNaN(first)) {
                    first = o.mjd();
                }
                last = o.mjd();
            }
        }
        return Double.isNaN(first) ? 0.0 : last - first;
    }

    private static int detections(Observation[] sorted) {
        int detections = 0;
        for (Observation o : sorted) {
            if (o.detected()) {
                detections++;
            }
        }
        return detections;
    }

    /** Clamps to ±bound; NaN (impossible for validated input) becomes 0 rather than leak into training. */
    private static float bounded(double value, double bound) {
        if (value > bound) {
            return (float) bound;
        }
        if (value < -bound) {
            return (float) -bound;
        }
        return value == value ? (float) value : 0f;
    }

    /** Per-band count, detections and Welford moments of flux / s. */
    private static final class BandStatistics {
        final int[] count = new int[BANDS];
        final int[] detected = new int[BANDS];
        final double[] mean = new double[BANDS];
        final double[] sumSquares = new double[BANDS];
        final double[] min = new double[BANDS];
        final double[] max = new double[BANDS];

        static BandStatistics of(Observation[] sorted, double scale) {
            BandStatistics s = new BandStatistics();
            Arrays.fill(s.min, Double.POSITIVE_INFINITY);
            Arrays.fill(s.max, Double.NEGATIVE_INFINITY);
            for (Observation o : sorted) {
                int b = o.passband();
                double x = o.flux() / scale;
                int k = ++s.count[b];
                double delta = x - s.mean[b];
                s.mean[b] += delta / k;
                s.sumSquares[b] += delta * (x - s.mean[b]);
                s.min[b] = Math.min(s.min[b], x);
                s.max[b] = Math.max(s.max[b], x);
                if (o.detected()) {
                    s.detected[b]++;
                }
            }
            return s;
        }
    }
}
