package org.losslab.common.plasticc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ObjectParserTest {
    private static final String KAGGLE_HEADER =
            "object_id,ra,decl,gal_l,gal_b,ddf,hostgal_specz,hostgal_photoz,hostgal_photoz_err,distmod,mwebv,target";
    private static final String ZENODO_HEADER = "object_id,ra,decl,ddf_bool,hostgal_specz,hostgal_photoz,"
            + "hostgal_photoz_err,distmod,mwebv,true_target,true_submodel,true_z";

    private static ObjectParser parser(String header) {
        return new ObjectParser(PlasticcLayout.detect(PlasticcLayout.Kind.METADATA, "meta.csv",
                List.of(CsvLine.split(header))));
    }

    private static PlasticcObject accepted(Parsed<PlasticcObject> parsed) {
        return (PlasticcObject) assertInstanceOf(Parsed.Accepted.class, parsed, () -> "rejected: " + parsed).value();
    }

    private static Rejection rejected(Parsed<PlasticcObject> parsed) {
        return assertInstanceOf(Parsed.Rejected.class, parsed, () -> "accepted: " + parsed).rejection();
    }

    @Test
    void galacticObjectsHaveNullDistanceModulus() {
        PlasticcObject o = accepted(parser(KAGGLE_HEADER).parse(CsvLine.split(
                "615,349.046051,-61.943836,320.796530,-51.753706,1,0.0000,0.0000,0.0000,nan,0.017,92")));
        assertNull(o.distmod());
        assertTrue(o.galactic());
        assertTrue(o.ddf());
        assertEquals(92, o.target());
        assertEquals(92, o.trueTarget());
    }

    @Test
    void extragalacticObjectsKeepTheirValues() {
        PlasticcObject o = accepted(parser(KAGGLE_HEADER).parse(CsvLine.split(
                "713,53.085938,-27.784405,223.525509,-54.460748,1,1.8181,1.6267,0.2552,45.4063,0.007,88")));
        assertEquals(45.4063, o.distmod());
        assertEquals(1.8181, o.hostgalSpecz());
        assertFalse(o.galactic());
    }

    @Test
    void testSetMetadataHasNoTargetAndMayLackSpecz() {
        ObjectParser test = parser(KAGGLE_HEADER.replace(",target", ""));
        PlasticcObject o = accepted(test.parse(CsvLine.split(
                "13,34.453125,-5.229529,169.987075,-59.956185,1,0.3048,0.3193,0.0542,41.1123,0.019")));
        assertNull(o.target());
        o = accepted(test.parse(CsvLine.split(
                "14,33.398438,-4.331149,167.226341,-59.936551,1,nan,0.6323,0.0179,42.8774,0.018")));
        assertNull(o.hostgalSpecz());
    }

    @Test
    void zenodoLayoutFoldsTestOnlyClassesInto99AndComputesGalacticCoordinates() {
        PlasticcObject o = accepted(parser(ZENODO_HEADER).parse(CsvLine.split(
                "615,349.046051,-61.943836,1,0.0,0.0,0.0,nan,0.017,991,1,0.0")));
        assertEquals(99, o.target());
        assertEquals(991, o.trueTarget());
        // the Kaggle file gives gal_l 320.796530, gal_b -51.753706 for this object
        assertEquals(320.796530, o.galL(), 1e-3);
        assertEquals(-51.753706, o.galB(), 1e-3);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "615,349.0,-61.9,320.7,-51.7,1,0,0,0,nan,0.017                | wrong_column_count | NULL",
        "615,abc,-61.9,320.7,-51.7,1,0,0,0,nan,0.017,92               | non_numeric        | ra",
        "615,361.0,-61.9,320.7,-51.7,1,0,0,0,nan,0.017,92             | out_of_range       | ra",
        "615,349.0,-91.0,320.7,-51.7,1,0,0,0,nan,0.017,92             | out_of_range       | decl",
        "615,349.0,-61.9,320.7,-51.7,2,0,0,0,nan,0.017,92             | not_0_or_1         | ddf",
        "615,349.0,-61.9,320.7,-51.7,1,0,nan,0,nan,0.017,92           | non_finite         | hostgal_photoz",
        "615,349.0,-61.9,320.7,-51.7,1,0,0,0,nan,-0.1,92              | out_of_range       | mwebv",
        "615,349.0,-61.9,320.7,-51.7,1,0,0,0,inf,0.017,92             | non_finite         | distmod",
        "615,349.0,-61.9,320.7,-51.7,1,0,0,0,nan,0.017,17             | unknown_target     | target",
        "615,349.0,-61.9,320.7,-51.7,1,0,0,0,nan,0.017,star           | non_numeric        | target"})
    void rejectsBadMetadataRows(String line, String reason, String column) {
        Rejection r = rejected(parser(KAGGLE_HEADER).parse(CsvLine.split(line.trim())));
        assertEquals(reason, r.reason().code());
        assertEquals(column, r.column());
    }
}
