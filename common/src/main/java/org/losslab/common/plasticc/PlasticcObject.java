package org.losslab.common.plasticc;

/**
 * One row of PLAsTiCC metadata with the types of the {@code plasticc_objects} table. Nullable fields are
 * boxed: {@code hostgalSpecz} (absent for most test objects), {@code distmod} (NaN in the source for galactic
 * objects), {@code target} and {@code trueTarget} (absent in test metadata). {@code target} is the Kaggle
 * class (991..994 folded into 99), {@code trueTarget} the class as given.
 */
public record PlasticcObject(
        long objectId,
        double ra,
        double decl,
        double galL,
        double galB,
        boolean ddf,
        Double hostgalSpecz,
        double hostgalPhotoz,
        double hostgalPhotozErr,
        Double distmod,
        double mwebv,
        Integer target,
        Integer trueTarget) {

    /** Galactic objects have no host galaxy: PLAsTiCC gives them photo-z exactly 0. */
    public boolean galactic() {
        return hostgalPhotoz == 0.0;
    }
}
