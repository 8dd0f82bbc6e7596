package org.losslab.common.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class TemplateStyleTest {
    // an invented template and line: a client address with its port, a clock, a path, a count
    private static final String MINED = "Client <*>:<*> at <*>:<*>:<*> read <*> (<*> rows, <*>-<*>)";
    private static final List<String> VALUES = List.of("10.0.0.7", "52311", "12", "03", "04", "/data/a.csv", "17",
            "3", "9");

    @Test
    void loghubIsTheMinedTextAsItIs() {
        assertSame(MINED, TemplateStyle.LOGHUB.template(MINED));
        assertSame(VALUES, TemplateStyle.LOGHUB.variables(MINED, VALUES));
    }

    @Test
    void compactWritesOneVariablePerValue() {
        assertEquals("Client <*> at <*> read <*> (<*> rows, <*>)", TemplateStyle.COMPACT.template(MINED));
        assertEquals(List.of("10.0.0.7:52311", "12:03:04", "/data/a.csv", "17", "3-9"),
                TemplateStyle.COMPACT.variables(MINED, VALUES));
        assertEquals("a <*>, <*> b", TemplateStyle.COMPACT.template("a <*>, <*> b"), "a comma and a space part values");
        assertEquals("no variables", TemplateStyle.COMPACT.template("no variables"));
        assertEquals("<*>", TemplateStyle.COMPACT.template("<*>.<*>.<*>.<*>"));
        assertEquals(List.of("x"), TemplateStyle.COMPACT.variables("<*>:<*>", List.of("x")),
                "counts that disagree are left as they are");
    }

    @Test
    void parsesItsCliNames() {
        assertEquals(TemplateStyle.COMPACT, TemplateStyle.parse(" Compact"));
        assertThrows(IllegalArgumentException.class, () -> TemplateStyle.parse("drain"));
    }
}
