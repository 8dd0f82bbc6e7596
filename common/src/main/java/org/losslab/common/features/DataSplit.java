package org.losslab.common.features;

/** The three disjoint parts of a labelled data set; {@link SplitAssigner} decides which object goes where. */
public enum DataSplit {
    TRAIN,
    VALIDATION,
    TEST
}
