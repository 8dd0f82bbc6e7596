package org.losslab.common.plasticc;

/**
 * Equatorial (J2000 ra, decl) to galactic (l, b) coordinates, for inputs that carry only ra/decl (the
 * unblinded PLAsTiCC metadata) and for the simulator.
 */
public final class SkyCoordinates {
    // Rotation matrix from ICRS/J2000 equatorial to galactic coordinates (Hipparcos, ESA 1997, vol. 1, 1.5.3).
    private static final double[][] TO_GALACTIC = {
            {-0.0548755604162154, -0.8734370902348850, -0.4838350155487132},
            {+0.4941094278755837, -0.4448296299600112, +0.7469822444972189},
            {-0.8676661490190047, -0.1980763734312015, +0.4559837761750669}};

    private SkyCoordinates() {
    }

    /** Returns {l, b} in degrees, l in [0, 360). */
    public static double[] galactic(double raDeg, double declDeg) {
        double ra = Math.toRadians(raDeg);
        double dec = Math.toRadians(declDeg);
        double x = Math.cos(dec) * Math.cos(ra);
        double y = Math.cos(dec) * Math.sin(ra);
        double z = Math.sin(dec);
        double gx = TO_GALACTIC[0][0] * x + TO_GALACTIC[0][1] * y + TO_GALACTIC[0][2] * z;
        double gy = TO_GALACTIC[1][0] * x + TO_GALACTIC[1][1] * y + TO_GALACTIC[1][2] * z;
        double gz = TO_GALACTIC[2][0] * x + TO_GALACTIC[2][1] * y + TO_GALACTIC[2][2] * z;
        double l = Math.toDegrees(Math.atan2(gy, gx));
        if (l < 0) {
            l += 360.0;
        }
        double b = Math.toDegrees(Math.asin(Math.max(-1.0, Math.min(1.0, gz))));
        return new double[] {l, b};
    }
}
