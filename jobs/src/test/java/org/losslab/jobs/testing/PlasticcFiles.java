package org.losslab.jobs.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

import org.losslab.common.plasticc.Observation;
import org.losslab.common.plasticc.PlasticcObject;
import org.losslab.common.plasticc.sim.PlasticcSimulator;
import org.losslab.common.plasticc.sim.SimulatedObject;
import org.losslab.common.plasticc.sim.SimulationConfig;

/** Small PLAsTiCC CSV inputs for tests, written line by line so that tests can damage exact lines. */
public final class PlasticcFiles {
    public static final String OBSERVATIONS_HEADER = "object_id,mjd,passband,flux,flux_err,detected";
    public static final String METADATA_HEADER = "object_id,ra,decl,gal_l,gal_b,ddf,hostgal_specz,hostgal_photoz,"
            + "hostgal_photoz_err,distmod,mwebv,target";

    private PlasticcFiles() {
    }

    /** Lines (header first) of a simulated set, in the Kaggle layout. */
    public record Lines(List<String> observations, List<String> metadata) {
        public Lines copy() {
            return new Lines(new ArrayList<>(observations), new ArrayList<>(metadata));
        }

        public long observationRows() {
            return observations.size() - 1;
        }

        public long metadataRows() {
            return metadata.size() - 1;
        }
    }

    public static Lines simulate(int objects, long seed) {
        PlasticcSimulator simulator = new PlasticcSimulator(SimulationConfig.defaults(seed));
        List<String> observations = new ArrayList<>(List.of(OBSERVATIONS_HEADER));
        List<String> metadata = new ArrayList<>(List.of(METADATA_HEADER));
        for (int i = 0; i < objects; i++) {
            SimulatedObject object = simulator.simulate(i);
            PlasticcObject m = object.metadata();
            metadata.add(String.format(Locale.ROOT, "%d,%.6f,%.6f,%.6f,%.6f,%d,%.4f,%.4f,%.4f,%s,%.3f,%d",
                    m.objectId(), m.ra(), m.decl(), m.galL(), m.galB(), m.ddf() ? 1 : 0, m.hostgalSpecz(),
                    m.hostgalPhotoz(), m.hostgalPhotozErr(),
                    m.distmod() == null ? "nan" : String.format(Locale.ROOT, "%.4f", m.distmod()), m.mwebv(),
                    m.target()));
            for (Observation o : object.observations()) {
                observations.add(String.format(Locale.ROOT, "%d,%.4f,%d,%f,%f,%d", o.objectId(), o.mjd(),
                        o.passband(), o.flux(), o.fluxErr(), o.detected() ? 1 : 0));
            }
        }
        return new Lines(observations, metadata);
    }

    public static Path write(Path file, List<String> lines) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, lines, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path writeGzip(Path file, List<String> lines) {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
