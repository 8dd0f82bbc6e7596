package org.losslab.common.plasticc.sim;

import java.util.SplittableRandom;
import org.losslab.common.plasticc.SkyCoordinates;

/**
 * Sky positions and Milky Way reddening: deep-drilling objects lie in one of the five LSST deep fields
 * of the PLAsTiCC survey simulation, wide-fast-deep ones anywhere in the southern footprint, galactic
 * classes preferring low galactic latitude.
 */
final class Sky {
    /** Deep-drilling field centres (ra, decl in degrees) of the OpSim run PLAsTiCC used. */
    static final double[][] DDF_FIELDS = {
            {349.39, -63.32}, {0.0, -45.52}, {53.01, -27.44}, {34.39, -5.09}, {150.36, 2.84}};
    static final double DDF_RADIUS_DEG = 1.75;
    static final double WFD_MIN_DECL = -75.0;
    static final double WFD_MAX_DECL = 5.0;
    static final double MAX_MWEBV = 1.0;
    private static final double MWEBV_AT_POLE = 0.015;
    private static final double MWEBV_LOG_SCATTER = 0.35;
    private static final double GALACTIC_SCALE_HEIGHT_DEG = 15.0;
    private static final int MAX_POSITION_TRIES = 64;

    private Sky() {
    }

    /** A position with the coordinates rounded as in the PLAsTiCC metadata. */
    record Position(double ra, double decl, double galL, double galB) {
        static Position of(double ra, double decl) {
            double r = round(ra, 1e6);
            if (r >= 360.0) {
                r -= 360.0;
            }
            double d = Math.max(-90.0, Math.min(90.0, round(decl, 1e6)));
            double[] lb = SkyCoordinates.galactic(r, d);
            return new Position(r, d, lb[0], lb[1]);
        }
    }

    static Position draw(boolean ddf, boolean galactic, SplittableRandom rng) {
        return ddf ? deepField(rng) : wideFast(galactic, rng);
    }

    /** E(B-V) of the Milky Way towards galactic latitude {@code galB}: a cosecant law with scatter, capped. */
    static double mwebv(double galB, SplittableRandom rng) {
        double sinB = Math.max(Math.abs(Math.sin(Math.toRadians(galB))), MWEBV_AT_POLE);
        double value = MWEBV_AT_POLE / sinB * Math.exp(MWEBV_LOG_SCATTER * rng.nextGaussian());
        return round(Math.min(MAX_MWEBV, value), 1e3);
    }

    private static Position deepField(SplittableRandom rng) {
        double[] field = DDF_FIELDS[rng.nextInt(DDF_FIELDS.length)];
        // uniform in a small disc: the flat-sky approximation is good to well below the field radius
        double r = DDF_RADIUS_DEG * Math.sqrt(rng.nextDouble());
        double angle = 2.0 * Math.PI * rng.nextDouble();
        double decl = field[1] + r * Math.sin(angle);
        double ra = field[0] + r * Math.cos(angle) / Math.cos(Math.toRadians(decl));
        return Position.of(normaliseRa(ra), decl);
    }

    private static Position wideFast(boolean galactic, SplittableRandom rng) {
        Position p = uniformInFootprint(rng);
        if (galactic) {
            // rejection sampling towards the disc; bounded so that the cost per object stays fixed
            for (int i = 0; i < MAX_POSITION_TRIES && rng.nextDouble() > discPreference(p.galB()); i++) {
                p = uniformInFootprint(rng);
            }
        }
        return p;
    }

    private static double discPreference(double galB) {
        return 0.2 + 0.8 * Math.exp(-Math.abs(galB) / GALACTIC_SCALE_HEIGHT_DEG);
    }

    private static Position uniformInFootprint(SplittableRandom rng) {
        double lo = Math.sin(Math.toRadians(WFD_MIN_DECL));
        double hi = Math.sin(Math.toRadians(WFD_MAX_DECL));
        double decl = Math.toDegrees(Math.asin(lo + (hi - lo) * rng.nextDouble()));
        return Position.of(360.0 * rng.nextDouble(), decl);
    }

    private static double normaliseRa(double ra) {
        double r = ra % 360.0;
        return r < 0 ? r + 360.0 : r;
    }

    static double round(double value, double scale) {
        return Math.rint(value * scale) / scale;
    }
}
