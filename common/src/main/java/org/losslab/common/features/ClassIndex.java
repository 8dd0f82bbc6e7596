package org.losslab.common.features;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.losslab.common.plasticc.PlasticcClass;

/**
 * The label encoding of the classifiers: the 14 training classes ({@link PlasticcClass#trainingClasses()},
 * in code order: 6, 15, 16, 42, 52, 53, 62, 64, 65, 67, 88, 90, 92, 95) are indices 0..13. Any other class
 * (99 and 991..994, which only occur in test data) has index -1 and no index maps back to it.
 */
public final class ClassIndex {
    private static final List<PlasticcClass> CLASSES = PlasticcClass.trainingClasses();
    /** Number of classes the networks predict. */
    public static final int COUNT = CLASSES.size();
    private static final int MAX_CODE = 1000;
    private static final int[] INDEX_BY_CODE = indexByCode();

    private ClassIndex() {
    }

    private static int[] indexByCode() {
        int[] byCode = new int[MAX_CODE];
        Arrays.fill(byCode, -1);
        for (int i = 0; i < CLASSES.size(); i++) {
            byCode[CLASSES.get(i).code()] = i;
        }
        return byCode;
    }

    /** The training classes, position = index. */
    public static List<PlasticcClass> classes() {
        return CLASSES;
    }

    /** Index 0..13 of a training class, -1 for any other class or null. */
    public static int indexOf(PlasticcClass cls) {
        return cls == null ? -1 : indexOfCode(cls.code());
    }

    /** Index 0..13 of a class code such as 90, -1 for a code that is not a training class. */
    public static int indexOfCode(int code) {
        return code >= 0 && code < MAX_CODE ? INDEX_BY_CODE[code] : -1;
    }

    /** Like {@link #indexOfCode(int)}, with -1 for a missing target (test-set metadata). */
    public static int indexOfTarget(Integer target) {
        return target == null ? -1 : indexOfCode(target);
    }

    /** The class at an index, empty outside 0..13. */
    public static Optional<PlasticcClass> classAt(int index) {
        return index >= 0 && index < COUNT ? Optional.of(CLASSES.get(index)) : Optional.empty();
    }

    /** The class code at an index, -1 outside 0..13. */
    public static int codeAt(int index) {
        return index >= 0 && index < COUNT ? CLASSES.get(index).code() : -1;
    }
}
