package org.losslab.common.plasticc.sim;

import java.io.Serializable;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.losslab.common.plasticc.Observation;
import org.losslab.common.plasticc.PlasticcClass;
import org.losslab.common.plasticc.PlasticcObject;

/**
 * Simulates PLAsTiCC (LSST) objects: a class drawn from the configured frequencies, a sky position in the
 * wide-fast-deep survey or a deep-drilling field, Milky Way reddening, a host redshift for extragalactic
 * classes, a physical light-curve model of the class, an LSST-like schedule and difference-imaging noise
 * with detection flags.
 *
 * <p>Like the real survey, which only keeps objects that triggered its alert pipeline, an object whose light
 * curve has fewer than {@value #MIN_DETECTIONS} detections is drawn again (same class and survey, new
 * position, redshift, model and schedule), up to {@value #MAX_ATTEMPTS} times; the last draw is kept even
 * if it never triggered.
 *
 * <p>Stateless apart from its configuration: every object is a pure function of (seed, index), so tasks
 * can generate any range of indices concurrently and in any order.
 */
public final class PlasticcSimulator implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Object ids are {@code index * ID_STRIDE + offset} with a pseudo-random offset below the stride. */
    public static final long ID_STRIDE = 10;
    /** Largest index whose object id fits in a long. */
    public static final long MAX_INDEX = Long.MAX_VALUE / ID_STRIDE - 1;
    static final int MIN_DETECTIONS = 2;
    static final int MAX_ATTEMPTS = 10;
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    private static final long SEED_SALT = 0x5DEECE66DL;

    private final SimulationConfig config;
    private final PlasticcClass[] classes;
    private final double[] cumulativeWeights;

    public PlasticcSimulator(SimulationConfig config) {
        this.config = config;
        PlasticcClass[] all = PlasticcClass.values();
        PlasticcClass[] chosen = new PlasticcClass[all.length];
        double[] cumulative = new double[all.length];
        int n = 0;
        double total = 0.0;
        // enum order, not map order, so the draw never depends on how the map iterates
        for (PlasticcClass cls : all) {
            double w = config.classWeights().getOrDefault(cls, 0.0);
            if (w > 0.0) {
                total += w;
                chosen[n] = cls;
                cumulative[n++] = total;
            }
        }
        for (int i = 0; i < n; i++) {
            cumulative[i] /= total;
        }
        this.classes = Arrays.copyOf(chosen, n);
        this.cumulativeWeights = Arrays.copyOf(cumulative, n);
    }

    public SimulationConfig config() {
        return config;
    }

    /** Deterministic in (config.seed, index) only: the same object whatever thread, order or partition asks. */
    public SimulatedObject simulate(long index) {
        return realize(index).object();
    }

    /** A simulated object with the noise-free model behind it and the number of draws it took. */
    record Realization(SimulatedObject object, ClassModel model, int attempts, int detections) {
    }

    Realization realize(long index) {
        if (index < 0 || index > MAX_INDEX) {
            throw new IllegalArgumentException("index must be in [0, " + MAX_INDEX + "], got " + index);
        }
        SplittableRandom rng = new SplittableRandom(streamSeed(config.seed(), index));
        long objectId = index * ID_STRIDE + rng.nextLong(ID_STRIDE);
        PlasticcClass cls = drawClass(rng);
        boolean ddf = rng.nextDouble() < config.ddfFraction();
        for (int attempt = 1; ; attempt++) {
            Realization r = attempt(objectId, cls, ddf, attempt, rng);
            if (r.detections() >= MIN_DETECTIONS || attempt >= MAX_ATTEMPTS) {
                return r;
            }
        }
    }

    /** Seed of the random stream of one object: splitmix64 of the master seed and the index. */
    static long streamSeed(long seed, long index) {
        return mix64(mix64(seed ^ SEED_SALT) + index * GOLDEN_GAMMA);
    }

    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private PlasticcClass drawClass(SplittableRandom rng) {
        double u = rng.nextDouble();
        for (int i = 0; i < classes.length - 1; i++) {
            if (u < cumulativeWeights[i]) {
                return classes[i];
            }
        }
        return classes[classes.length - 1];
    }

    private Realization attempt(long objectId, PlasticcClass cls, boolean ddf, int attempt, SplittableRandom rng) {
        Sky.Position position = Sky.draw(ddf, cls.galactic(), rng);
        double mwebv = Sky.mwebv(position.galB(), rng);
        HostGalaxy.Redshifts host = cls.galactic() ? null : HostGalaxy.draw(cls, rng);
        double z = host == null ? 0.0 : host.z();
        double trueDistmod = host == null ? Double.NaN : Cosmology.distanceModulus(z);
        ClassModel model = ClassModels.draw(cls, z, trueDistmod, mwebv, rng);
        Cadence.Schedule schedule = Cadence.draw(ddf, position.ra(), rng);

        Observation[] observations = new Observation[schedule.size()];
        int detections = observe(objectId, model, schedule, ddf, rng, observations);
        PlasticcObject metadata = new PlasticcObject(objectId, position.ra(), position.decl(), position.galL(),
                position.galB(), ddf,
                host == null ? 0.0 : host.z(),
                host == null ? 0.0 : host.photoz(),
                host == null ? 0.0 : host.photozErr(),
                host == null ? null : host.distmod(),
                mwebv, cls.code(), cls.code());
        SimulatedObject object = new SimulatedObject(cls, z, metadata, Arrays.asList(observations));
        return new Realization(object, model, attempt, detections);
    }

    /** Fills {@code out} with noisy observations of the model on the schedule; returns the detections. */
    private static int observe(long objectId, ClassModel model, Cadence.Schedule schedule, boolean ddf,
            SplittableRandom rng, Observation[] out) {
        double[] mjd = schedule.mjd();
        byte[] band = schedule.band();
        int detections = 0;
        for (int i = 0; i < out.length; i++) {
            double truth = model.flux(mjd[i], band[i]);
            double err = NoiseModel.fluxErr(band[i], ddf, truth, rng);
            float fluxErr = (float) err;
            float flux = (float) (truth + err * rng.nextGaussian());
            boolean detected = rng.nextDouble() < NoiseModel.detectionProbability(flux / fluxErr);
            if (detected) {
                detections++;
            }
            out[i] = new Observation(objectId, mjd[i], band[i], flux, fluxErr, detected);
        }
        return detections;
    }
}
