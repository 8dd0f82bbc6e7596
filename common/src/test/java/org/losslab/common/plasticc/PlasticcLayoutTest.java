package org.losslab.common.plasticc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class PlasticcLayoutTest {

    @Test
    void detectsKaggleAndZenodoObservations() {
        assertEquals(PlasticcLayout.KAGGLE_OBSERVATIONS, PlasticcLayout.detect(PlasticcLayout.Kind.OBSERVATIONS,
                "training_set.csv", List.of("object_id", "mjd", "passband", "flux", "flux_err", "detected")).layout());
        assertEquals(PlasticcLayout.ZENODO_OBSERVATIONS, PlasticcLayout.detect(PlasticcLayout.Kind.OBSERVATIONS,
                "plasticc_test_lightcurves_01.csv.gz",
                List.of("object_id", "mjd", "passband", "flux", "flux_err", "detected_bool")).layout());
    }

    @Test
    void detectsKaggleTrainTestAndZenodoMetadata() {
        List<String> train = List.of(CsvLine.split("object_id,ra,decl,gal_l,gal_b,ddf,hostgal_specz,hostgal_photoz,"
                + "hostgal_photoz_err,distmod,mwebv,target"));
        assertEquals(PlasticcLayout.KAGGLE_METADATA,
                PlasticcLayout.detect(PlasticcLayout.Kind.METADATA, "m.csv", train).layout());
        assertEquals(PlasticcLayout.KAGGLE_METADATA,
                PlasticcLayout.detect(PlasticcLayout.Kind.METADATA, "m.csv", train.subList(0, 11)).layout());
        List<String> zenodo = List.of(CsvLine.split("object_id,ra,decl,ddf_bool,hostgal_specz,hostgal_photoz,"
                + "hostgal_photoz_err,distmod,mwebv,true_target,true_submodel,true_z,true_distmod,true_lensdmu,"
                + "true_vpec,true_rv,true_av,true_peakmjd,libid_cadence,tflux_u,tflux_g,tflux_r,tflux_i,tflux_z,"
                + "tflux_y"));
        assertEquals(PlasticcLayout.ZENODO_METADATA,
                PlasticcLayout.detect(PlasticcLayout.Kind.METADATA, "m.csv", zenodo).layout());
    }

    @Test
    void toleratesByteOrderMarkQuotesCaseAndSpaces() {
        ColumnMapping m = PlasticcLayout.detect(PlasticcLayout.Kind.OBSERVATIONS, "x.csv",
                List.of("\uFEFFObject_ID", " mjd ", "\"passband\"", "FLUX", "flux_err", "detected"));
        assertEquals(0, m.indexOf("object_id"));
        assertEquals(2, m.indexOf("passband"));
    }

    @Test
    void aHeaderThatFitsNeitherNamesTheFileTheColumnsAndWhatIsMissing() {
        PlasticcLayout.LayoutException e = assertThrows(PlasticcLayout.LayoutException.class, () ->
                PlasticcLayout.detect(PlasticcLayout.Kind.OBSERVATIONS, "/data/lightcurves.csv",
                        List.of("id", "time", "band", "flux", "flux_err")));
        assertTrue(e.getMessage().contains("/data/lightcurves.csv"), e.getMessage());
        assertTrue(e.getMessage().contains("[id, time, band, flux, flux_err]"), e.getMessage());
        assertTrue(e.getMessage().contains("Kaggle layout misses [object_id, mjd, passband, detected]"),
                e.getMessage());
        assertTrue(e.getMessage().contains("unblinded Zenodo layout misses [object_id, mjd, passband, detected_bool]"),
                e.getMessage());
    }

    @Test
    void metadataGivenAsObservationsIsAnError() {
        assertThrows(PlasticcLayout.LayoutException.class, () -> PlasticcLayout.detect(
                PlasticcLayout.Kind.OBSERVATIONS, "meta.csv",
                List.of(CsvLine.split("object_id,ra,decl,gal_l,gal_b,ddf,hostgal_specz,hostgal_photoz,"
                        + "hostgal_photoz_err,distmod,mwebv,target"))));
    }
}
