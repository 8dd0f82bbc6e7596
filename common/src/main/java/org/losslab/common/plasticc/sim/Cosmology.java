package org.losslab.common.plasticc.sim;

/**
 * Flat LambdaCDM distances with the PLAsTiCC cosmology (H0 = 70 km/s/Mpc, Omega_m = 0.3), radiation
 * neglected.
 */
final class Cosmology {
    static final double H0 = 70.0;
    static final double OMEGA_M = 0.3;
    private static final double SPEED_OF_LIGHT = 299_792.458; // km/s
    private static final double HUBBLE_DISTANCE = SPEED_OF_LIGHT / H0; // Mpc
    private static final int INTERVALS_PER_UNIT_Z = 64;

    private Cosmology() {
    }

    /** 1 / E(z) with E(z) = H(z) / H0. */
    static double inverseE(double z) {
        double a = 1.0 + z;
        return 1.0 / Math.sqrt(OMEGA_M * a * a * a + (1.0 - OMEGA_M));
    }

    /** Line-of-sight comoving distance in Mpc, by composite Simpson integration of 1/E. */
    static double comovingDistanceMpc(double z) {
        if (z <= 0.0) {
            return 0.0;
        }
        int n = 2 * Math.max(8, (int) Math.ceil(z * INTERVALS_PER_UNIT_Z / 2.0));
        double h = z / n;
        double sum = inverseE(0.0) + inverseE(z);
        for (int i = 1; i < n; i++) {
            sum += (i % 2 == 1 ? 4.0 : 2.0) * inverseE(i * h);
        }
        return HUBBLE_DISTANCE * sum * h / 3.0;
    }

    static double luminosityDistanceMpc(double z) {
        return (1.0 + z) * comovingDistanceMpc(z);
    }

    /** Distance modulus {@code 5 log10(d_L / 10 pc)}; requires z &gt; 0. */
    static double distanceModulus(double z) {
        if (!(z > 0.0)) {
            throw new IllegalArgumentException("distance modulus needs z > 0, got " + z);
        }
        return 5.0 * Math.log10(luminosityDistanceMpc(z)) + 25.0;
    }
}
