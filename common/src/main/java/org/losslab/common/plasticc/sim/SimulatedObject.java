package org.losslab.common.plasticc.sim;

import java.util.List;
import java.util.Objects;
import org.losslab.common.plasticc.Observation;
import org.losslab.common.plasticc.PlasticcClass;
import org.losslab.common.plasticc.PlasticcObject;

/**
 * One simulated PLAsTiCC object: its true class and redshift (0 for galactic classes), its metadata row as
 * PLAsTiCC would publish it, and its light curve sorted by time.
 */
public record SimulatedObject(PlasticcClass truth, double redshift, PlasticcObject metadata, List<Observation> observations) {
    public SimulatedObject {
        Objects.requireNonNull(truth, "truth");
        Objects.requireNonNull(metadata, "metadata");
        observations = List.copyOf(observations);
    }
}
