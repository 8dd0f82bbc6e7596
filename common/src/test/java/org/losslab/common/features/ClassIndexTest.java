package org.losslab.common.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.losslab.common.plasticc.PlasticcClass;

/** The 14-class label encoding and its round trip. */
class ClassIndexTest {

    @Test
    void trainingClassesAreIndexedInCodeOrderAndMapBack() {
        List<PlasticcClass> training = PlasticcClass.trainingClasses();
        assertEquals(14, ClassIndex.COUNT);
        assertEquals(training, ClassIndex.classes());
        int previousCode = -1;
        for (int i = 0; i < ClassIndex.COUNT; i++) {
            PlasticcClass cls = ClassIndex.classAt(i).orElseThrow();
            assertTrue(cls.code() > previousCode, "code order at " + i);
            previousCode = cls.code();
            assertEquals(i, ClassIndex.indexOf(cls));
            assertEquals(i, ClassIndex.indexOfCode(cls.code()));
            assertEquals(i, ClassIndex.indexOfTarget(cls.code()));
            assertEquals(cls.code(), ClassIndex.codeAt(i));
        }
        assertEquals(0, ClassIndex.indexOfCode(6));
        assertEquals(11, ClassIndex.indexOfCode(90));
        assertEquals(13, ClassIndex.indexOfCode(95));
    }

    @Test
    void classesOutsideTheTrainingSetHaveNoIndex() {
        for (int code : new int[] {99, 991, 992, 993, 994, 0, 7, -1, 1000, Integer.MAX_VALUE, Integer.MIN_VALUE}) {
            assertEquals(-1, ClassIndex.indexOfCode(code), "code " + code);
        }
        assertEquals(-1, ClassIndex.indexOf(PlasticcClass.OTHER));
        assertEquals(-1, ClassIndex.indexOf(PlasticcClass.PISN));
        assertEquals(-1, ClassIndex.indexOf(null));
        assertEquals(-1, ClassIndex.indexOfTarget(null));
        assertEquals(Optional.empty(), ClassIndex.classAt(-1));
        assertEquals(Optional.empty(), ClassIndex.classAt(ClassIndex.COUNT));
        assertEquals(-1, ClassIndex.codeAt(ClassIndex.COUNT));
    }
}
