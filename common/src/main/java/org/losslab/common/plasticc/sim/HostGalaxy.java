package org.losslab.common.plasticc.sim;

import java.util.SplittableRandom;
import org.losslab.common.plasticc.PlasticcClass;

/**
 * Redshifts of extragalactic objects: the true redshift from a class-typical distribution (lognormal,
 * truncated), the host galaxy's photometric redshift with Gaussian scatter of a few per cent of (1+z) and
 * occasional catastrophic outliers, and the metadata distance modulus, which PLAsTiCC computes from the
 * photometric redshift.
 */
final class HostGalaxy {
    static final double CATASTROPHIC_FRACTION = 0.03;
    static final double MIN_PHOTOZ = 1e-4;
    static final double MIN_SCATTERED_PHOTOZ = 0.005;
    private static final double MIN_RELATIVE_ERR = 0.02;
    private static final double MAX_RELATIVE_ERR = 0.1;
    /** Scatter of photo-z around z in units of the quoted error: a quoted ~0.045(1+z) gives ~0.03(1+z). */
    private static final double SCATTER_PER_ERR = 0.7;
    private static final int MAX_REDSHIFT_TRIES = 32;

    private HostGalaxy() {
    }

    /** Redshift prior: lognormal with this median and log-width, restricted to [min, max]. */
    record Prior(double median, double logSigma, double min, double max) {
    }

    /** Redshift-related metadata of one object, rounded like the PLAsTiCC metadata. */
    record Redshifts(double z, double photoz, double photozErr, double distmod) {
    }

    static Prior prior(PlasticcClass cls) {
        return switch (cls) {
            case SN_IA -> new Prior(0.30, 0.6, 0.02, 1.2);
            case SN_IA_91BG -> new Prior(0.12, 0.6, 0.01, 0.5);
            case SN_IAX -> new Prior(0.12, 0.7, 0.01, 0.6);
            case SN_II, SN_IBC -> new Prior(0.15, 0.7, 0.01, 0.8);
            case SLSN_I -> new Prior(1.0, 0.5, 0.1, 3.0);
            case TDE -> new Prior(0.3, 0.6, 0.02, 1.5);
            case KILONOVA -> new Prior(0.07, 0.5, 0.01, 0.2);
            case AGN -> new Prior(1.0, 0.6, 0.1, 3.0);
            default -> throw new IllegalArgumentException("no redshift prior for galactic or unknown class " + cls);
        };
    }

    static Redshifts draw(PlasticcClass cls, SplittableRandom rng) {
        double z = Sky.round(trueRedshift(prior(cls), rng), 1e4);
        double relativeErr = PeriodicModel.logUniform(rng, MIN_RELATIVE_ERR, MAX_RELATIVE_ERR);
        double photoz;
        if (rng.nextDouble() < CATASTROPHIC_FRACTION) {
            photoz = Cadence.uniform(rng, 0.02, 3.0);
            relativeErr *= Cadence.uniform(rng, 2.0, 6.0);
        } else {
            photoz = scatteredPhotoz(z, SCATTER_PER_ERR * relativeErr * (1.0 + z), rng);
        }
        photoz = Math.max(MIN_PHOTOZ, Sky.round(photoz, 1e4));
        double photozErr = Math.max(MIN_PHOTOZ, Sky.round(relativeErr * (1.0 + z), 1e4));
        double distmod = Sky.round(Cosmology.distanceModulus(photoz), 1e4);
        return new Redshifts(z, photoz, photozErr, distmod);
    }

    /** Gaussian around z truncated at {@link #MIN_SCATTERED_PHOTOZ} (by redrawing, so no pile-up at the cut). */
    private static double scatteredPhotoz(double z, double sigma, SplittableRandom rng) {
        for (int i = 0; i < MAX_REDSHIFT_TRIES; i++) {
            double photoz = z + sigma * rng.nextGaussian();
            if (photoz >= MIN_SCATTERED_PHOTOZ) {
                return photoz;
            }
        }
        return z;
    }

    private static double trueRedshift(Prior prior, SplittableRandom rng) {
        for (int i = 0; i < MAX_REDSHIFT_TRIES; i++) {
            double z = prior.median() * Math.exp(prior.logSigma() * rng.nextGaussian());
            if (z >= prior.min() && z <= prior.max()) {
                return z;
            }
        }
        return Math.max(prior.min(), Math.min(prior.max(), prior.median()));
    }
}
