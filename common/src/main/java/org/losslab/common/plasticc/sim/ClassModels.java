package org.losslab.common.plasticc.sim;

import java.util.SplittableRandom;
import org.losslab.common.plasticc.PlasticcClass;

/** Chooses and draws the light-curve model of each simulated class. */
final class ClassModels {
    private ClassModels() {
    }

    /** Whether the simulator has a model for this class (the 14 classes of the training set). */
    static boolean supports(PlasticcClass cls) {
        return cls.trainingCount() > 0;
    }

    /**
     * Draws the model of one object. {@code z} and {@code distmod} are the true redshift and distance
     * modulus (ignored for galactic classes), {@code mwebv} the Milky Way reddening towards it.
     */
    static ClassModel draw(PlasticcClass cls, double z, double distmod, double mwebv, SplittableRandom rng) {
        return switch (cls) {
            case SN_IA, SN_IA_91BG, SN_IAX, SN_II, SN_IBC, SLSN_I, KILONOVA -> TransientModel.draw(cls, z, distmod, mwebv, rng);
            case TDE -> TdeModel.draw(z, distmod, mwebv, rng);
            case AGN -> AgnModel.draw(z, distmod, mwebv, rng);
            case RR_LYRAE -> PeriodicModel.RrLyrae.draw(mwebv, rng);
            case MIRA -> PeriodicModel.Mira.draw(mwebv, rng);
            case ECLIPSING_BINARY -> PeriodicModel.EclipsingBinary.draw(mwebv, rng);
            case M_DWARF -> FlareModel.draw(mwebv, rng);
            case MICROLENS -> MicrolensModel.draw(mwebv, rng);
            default -> throw new IllegalArgumentException("no light-curve model for class " + cls);
        };
    }
}
