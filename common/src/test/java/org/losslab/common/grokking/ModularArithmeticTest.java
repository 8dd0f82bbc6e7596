package org.losslab.common.grokking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ModularArithmeticTest {

    @Test
    void operations() {
        assertEquals(1, new ModularArithmetic(7, ModularArithmetic.Op.ADD).apply(5, 3));
        assertEquals(5, new ModularArithmetic(7, ModularArithmetic.Op.SUB).apply(1, 3));
        assertEquals(1, new ModularArithmetic(7, ModularArithmetic.Op.MUL).apply(5, 3));
        ModularArithmetic div = new ModularArithmetic(7, ModularArithmetic.Op.DIV);
        ModularArithmetic mul = new ModularArithmetic(7, ModularArithmetic.Op.MUL);
        assertEquals(4, div.apply(1, 2), "2 * 4 = 8 = 1 mod 7");
        for (int a = 0; a < 7; a++) {
            for (int b = 1; b < 7; b++) {
                assertEquals(a, mul.apply(div.apply(a, b), b), "(a / b) * b = a for a=" + a + ", b=" + b);
            }
        }
        assertEquals(42, div.examples().size(), "b = 0 is left out of division");
        assertThrows(IllegalArgumentException.class, () -> new ModularArithmetic(8, ModularArithmetic.Op.DIV));
        assertThrows(IllegalArgumentException.class, () -> ModularArithmetic.Op.parse("pow"));
    }

    @Test
    void splitIsSeededDisjointAndComplete() {
        ModularArithmetic task = new ModularArithmetic(11, ModularArithmetic.Op.ADD);
        ModularArithmetic.Split split = task.split(0.3, 5);
        assertEquals(36, split.train().size()); // round(0.3 * 121)
        assertEquals(85, split.validation().size());
        Set<ModularArithmetic.Example> all = new HashSet<>(split.train());
        all.addAll(split.validation());
        assertEquals(121, all.size());
        assertEquals(split, task.split(0.3, 5));
        assertTrue(!split.train().equals(task.split(0.3, 6).train()));
        for (ModularArithmetic.Example e : split.train()) {
            assertEquals((e.a() + e.b()) % 11, e.label());
        }
        assertThrows(IllegalArgumentException.class, () -> task.split(1.0, 5));
        assertThrows(IllegalArgumentException.class, () -> task.split(0.001, 5));
    }
}
