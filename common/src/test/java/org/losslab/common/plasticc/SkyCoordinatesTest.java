package org.losslab.common.plasticc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SkyCoordinatesTest {
    /** ra, decl and the gal_l, gal_b the real PLAsTiCC metadata gives for them. */
    @ParameterizedTest
    @CsvSource({
        "349.046051,-61.943836,320.796530,-51.753706",
        "53.085938,-27.784405,223.525509,-54.460748",
        "33.574219,-6.579593,170.455585,-61.548219",
        "0.189873,-45.586655,328.254458,-68.969298"})
    void matchesTheGalacticCoordinatesOfThePlasticcSample(double ra, double decl, double l, double b) {
        double[] lb = SkyCoordinates.galactic(ra, decl);
        assertEquals(l, lb[0], 1e-4);
        assertEquals(b, lb[1], 1e-4);
    }
}
