package org.losslab.common.plasticc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ObservationParserTest {
    private static final List<String> KAGGLE = List.of("object_id", "mjd", "passband", "flux", "flux_err", "detected");
    private final ObservationParser kaggle =
            new ObservationParser(PlasticcLayout.detect(PlasticcLayout.Kind.OBSERVATIONS, "obs.csv", KAGGLE));

    private Observation accepted(Parsed<Observation> parsed) {
        return assertInstanceOf(Parsed.Accepted.class, parsed, () -> "rejected: " + parsed).value() instanceof
                Observation o ? o : null;
    }

    private Rejection rejected(Parsed<Observation> parsed) {
        return assertInstanceOf(Parsed.Rejected.class, parsed, () -> "accepted: " + parsed).rejection();
    }

    @Test
    void parsesAKaggleRowIntoTheTableTypes() {
        Observation o = accepted(kaggle.parse(CsvLine.split("615,59750.4229,2,-544.810303,3.622952,1")));
        assertEquals(615L, o.objectId());
        assertEquals(59750.4229, o.mjd());
        assertEquals((byte) 2, o.passband());
        assertEquals(-544.810303f, o.flux());
        assertEquals(3.622952f, o.fluxErr());
        assertTrue(o.detected());
    }

    @Test
    void parsesTypedParquetValues() {
        Observation o = accepted(kaggle.parse(new Object[] {615L, 59750.5, 3, 1.5, 0.25f, false}));
        assertEquals(3, o.passband());
        assertEquals(1.5f, o.flux());
    }

    @ParameterizedTest(name = "{0} -> {1} on {2}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "615,59750.4,2,1.0,1.0                 | wrong_column_count     | NULL",
        "615,59750.4,2,1.0,1.0,1,7             | wrong_column_count     | NULL",
        "615,59750.4,2,,1.0,1                  | missing_value          | flux",
        "abc,59750.4,2,1.0,1.0,1               | non_numeric            | object_id",
        "615.5,59750.4,2,1.0,1.0,1             | non_numeric            | object_id",
        "615,2019-01-01,2,1.0,1.0,1            | non_numeric            | mjd",
        "615,59750.4,g,1.0,1.0,1               | non_numeric            | passband",
        "615,nan,2,1.0,1.0,1                   | non_finite             | mjd",
        "615,59750.4,2,NaN,1.0,1               | non_finite             | flux",
        "615,59750.4,2,inf,1.0,1               | non_finite             | flux",
        "615,59750.4,2,-Infinity,1.0,1         | non_finite             | flux",
        "615,59750.4,2,1e39,1.0,1              | non_finite             | flux",
        "615,59750.4,2,1.0,nan,1               | non_finite             | flux_err",
        "615,59750.4,6,1.0,1.0,1               | passband_out_of_range  | passband",
        "615,59750.4,-1,1.0,1.0,1              | passband_out_of_range  | passband",
        "615,59750.4,2,1.0,0,1                 | flux_err_not_positive  | flux_err",
        "615,59750.4,2,1.0,-3.5,1              | flux_err_not_positive  | flux_err",
        "615,59750.4,2,1.0,1.0,2               | not_0_or_1             | detected",
        "615,59750.4,2,1.0,1.0,yes             | not_0_or_1             | detected"})
    void rejectsEachBadRowKindWithItsReasonAndColumn(String line, String reason, String column) {
        Rejection r = rejected(kaggle.parse(CsvLine.split(line.trim())));
        assertEquals(reason, r.reason().code());
        assertEquals(column, r.column());
        assertTrue(r.detail().length() > 5, r.detail());
    }

    @Test
    void theFirstProblemInColumnOrderWins() {
        Rejection r = rejected(kaggle.parse(CsvLine.split("615,nan,9,1.0,0,5")));
        assertEquals(RejectReason.NON_FINITE, r.reason());
        assertEquals("mjd", r.column());
    }

    @Test
    void wrongColumnCountSaysWhatWasExpected() {
        Rejection r = rejected(kaggle.parse(CsvLine.split("615,1,2")));
        assertEquals("expected 6 columns, found 3", r.detail());
        assertNull(r.column());
    }

    @Test
    void readsTheZenodoLayoutInAnyColumnOrder() {
        ObservationParser zenodo = new ObservationParser(PlasticcLayout.detect(PlasticcLayout.Kind.OBSERVATIONS,
                "plasticc_train_lightcurves.csv", List.of("object_id", "mjd", "passband", "flux", "flux_err",
                        "detected_bool")));
        assertTrue(accepted(zenodo.parse(CsvLine.split("615,59750.4,2,1.0,1.0,1"))).detected());
        Rejection r = rejected(zenodo.parse(CsvLine.split("615,59750.4,2,1.0,1.0,3")));
        assertEquals("detected_bool", r.column());

        ObservationParser shuffled = new ObservationParser(PlasticcLayout.detect(PlasticcLayout.Kind.OBSERVATIONS,
                "x.csv", List.of("mjd", "flux_err", "object_id", "detected", "flux", "passband")));
        Observation o = accepted(shuffled.parse(CsvLine.split("59750.4,2.5,615,0,-3.0,4")));
        assertEquals(615L, o.objectId());
        assertEquals(2.5f, o.fluxErr());
        assertEquals(-3.0f, o.flux());
        assertEquals(4, o.passband());
    }
}
