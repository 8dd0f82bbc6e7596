package org.losslab.common.plasticc;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The PLAsTiCC object classes: the Kaggle target codes, whether the class is galactic, its weight in the
 * challenge metric and its count in the real training set (which the simulator uses as default frequencies).
 * The unblinded test set splits Kaggle's class 99 ("none of the above") into 991..994; those codes are kept
 * as {@code true_target} and map to 99 as {@code target}.
 */
public enum PlasticcClass {
    MICROLENS(6, "mu-lens single", true, 1, 151),
    TDE(15, "TDE", false, 2, 495),
    ECLIPSING_BINARY(16, "eclipsing binary", true, 1, 924),
    SN_II(42, "SN II", false, 1, 1193),
    SN_IAX(52, "SN Iax", false, 1, 183),
    MIRA(53, "Mira", true, 1, 30),
    SN_IBC(62, "SN Ibc", false, 1, 484),
    KILONOVA(64, "kilonova", false, 2, 102),
    M_DWARF(65, "M-dwarf flare", true, 1, 981),
    SN_IA_91BG(67, "SN Ia-91bg", false, 1, 208),
    AGN(88, "AGN", false, 1, 370),
    SN_IA(90, "SN Ia", false, 1, 2313),
    RR_LYRAE(92, "RR Lyrae", true, 1, 239),
    SLSN_I(95, "SLSN-I", false, 1, 175),
    OTHER(99, "none of the above", false, 2, 0),
    MU_LENS_BINARY(991, "mu-lens binary", true, 2, 0),
    ILOT(992, "ILOT", false, 2, 0),
    CA_RICH_TRANSIENT(993, "Ca-rich transient", false, 2, 0),
    PISN(994, "pair-instability SN", false, 2, 0);

    private static final Map<Integer, PlasticcClass> BY_CODE =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(PlasticcClass::code, Function.identity()));

    private final int code;
    private final String label;
    private final boolean galactic;
    private final int kaggleWeight;
    private final int trainingCount;

    PlasticcClass(int code, String label, boolean galactic, int kaggleWeight, int trainingCount) {
        this.code = code;
        this.label = label;
        this.galactic = galactic;
        this.kaggleWeight = kaggleWeight;
        this.trainingCount = trainingCount;
    }

    public int code() {
        return code;
    }

    public String label() {
        return label;
    }

    public boolean galactic() {
        return galactic;
    }

    /** Weight of the class in the Kaggle metric: 2 for 15, 64 and 99, 1 otherwise. */
    public int kaggleWeight() {
        return kaggleWeight;
    }

    /** Number of objects of this class in the real training set (7,848 objects in all). */
    public int trainingCount() {
        return trainingCount;
    }

    /** The Kaggle target code: the test-only classes 991..994 become 99. */
    public int kaggleCode() {
        return code > 99 ? OTHER.code : code;
    }

    public static Optional<PlasticcClass> byCode(int code) {
        return Optional.ofNullable(BY_CODE.get(code));
    }

    /** The 14 classes of the training set, in code order. */
    public static List<PlasticcClass> trainingClasses() {
        return Arrays.stream(values()).filter(c -> c.trainingCount > 0).toList();
    }
}
