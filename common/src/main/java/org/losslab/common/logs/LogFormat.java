package org.losslab.common.logs;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A log header layout such as {@code <Date> <Time> <Pid> <Level> <Component>: <Content>}, compiled once
 * into a small backtracking matcher that splits a line into its named fields.
 *
 * <p>Layout syntax (the Loghub/logparser convention): {@code <Name>} is a field, everything else is
 * literal, a run of spaces matches one or more whitespace characters, {@code (...)?} is an optional
 * group, and a backslash makes the next character literal ({@code \[}, {@code \(}). Fields match as
 * few characters as possible (like the regex {@code (?P<Name>.*?)}), the line is trimmed first and the
 * whole line must be consumed, so the result equals what logparser's generated regex extracts. A layout
 * normally ends with {@code <Content>}, the free text that is mined for templates.
 *
 * <p>Instances are immutable and serializable; {@link #match} allocates only its result, so one
 * instance can be shared by all threads of an executor.
 */
public final class LogFormat implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Name of the field that holds the free-text message. */
    public static final String CONTENT = "Content";

    private static final int STEP_BUDGET = 200_000;

    private static final Map<String, String> BUILTIN = builtinTable();

    private final String layout;
    private final String[] fieldNames;
    private final int contentField;
    private final Instruction[] program;

    private LogFormat(String layout, String[] fieldNames, Instruction[] program) {
        this.layout = layout;
        this.fieldNames = fieldNames;
        this.program = program;
        int content = -1;
        for (int i = 0; i < fieldNames.length; i++) {
            if (fieldNames[i].equals(CONTENT)) {
                content = i;
            }
        }
        this.contentField = content;
    }

    /**
     * Compiles a layout string.
     *
     * @throws IllegalArgumentException when the layout is empty, names a field twice or has an
     *     unterminated {@code <field>}
     */
    public static LogFormat compile(String layout) {
        Objects.requireNonNull(layout, "layout");
        if (layout.isBlank()) {
            throw new IllegalArgumentException("empty log layout");
        }
        LayoutCompiler compiler = new LayoutCompiler(layout);
        compiler.compileSequence(0, layout.length());
        compiler.program.add(Instruction.end());
        return new LogFormat(layout, compiler.fields.toArray(new String[0]),
                compiler.program.toArray(new Instruction[0]));
    }

    /**
     * The built-in layout of a Loghub system (case-insensitive name such as {@code "HDFS"} or
     * {@code "openssh"}).
     *
     * @throws IllegalArgumentException for an unknown name; {@link #builtinLayouts()} lists them
     */
    public static LogFormat builtin(String system) {
        String layout = BUILTIN.get(system.toLowerCase(Locale.ROOT));
        if (layout == null) {
            throw new IllegalArgumentException("no built-in log layout named '" + system + "'; known: "
                    + builtinLayouts().keySet());
        }
        return compile(layout);
    }

    /**
     * Resolves a built-in name if there is one, otherwise compiles the argument as a layout string.
     */
    public static LogFormat forName(String systemOrLayout) {
        return BUILTIN.containsKey(systemOrLayout.toLowerCase(Locale.ROOT))
                ? builtin(systemOrLayout) : compile(systemOrLayout);
    }

    /** The built-in layouts by system name (Loghub spelling), in a stable order. */
    public static Map<String, String> builtinLayouts() {
        Map<String, String> named = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : BUILTIN.entrySet()) {
            named.put(displayName(e.getKey()), e.getValue());
        }
        return Collections.unmodifiableMap(named);
    }

    /** The layout string this format was compiled from. */
    public String layout() {
        return layout;
    }

    /** Field names in layout order (the same order as {@link HeaderMatch#values()}). */
    public List<String> fieldNames() {
        return List.of(fieldNames);
    }

    /** Index of the {@value #CONTENT} field, or -1 when the layout has none. */
    public int contentIndex() {
        return contentField;
    }

    /**
     * Splits one line into its fields. The line is trimmed first; on failure the result says which
     * literal could not be found and at which character (0-based, in the trimmed line).
     */
    public HeaderMatch match(String line) {
        String text = line.strip();
        Matcher m = new Matcher(text);
        if (m.run(0, 0)) {
            String[] values = new String[fieldNames.length];
            for (int f = 0; f < values.length; f++) {
                values[f] = m.start[f] < 0 ? null : text.substring(m.start[f], m.end[f]);
            }
            return HeaderMatch.matched(this, values);
        }
        return HeaderMatch.failed(this, m.failureReason(), Math.max(m.furthest, 0));
    }

    @Override
    public String toString() {
        return "LogFormat[" + layout + "]";
    }

    /** Loghub's spelling of a system; names that are not Loghub systems (such as {@code hdfs-sim}) as they are. */
    private static String displayName(String key) {
        for (String name : new String[] {"HDFS", "Hadoop", "Spark", "Zookeeper", "BGL", "HPC", "Linux",
                "Apache", "Android", "HealthApp", "Mac", "OpenSSH", "OpenStack", "Proxifier", "Thunderbird",
                "Windows"}) {
            if (name.toLowerCase(Locale.ROOT).equals(key)) {
                return name;
            }
        }
        return key;
    }

    private static Map<String, String> builtinTable() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("hdfs", "<Date> <Time> <Pid> <Level> <Component>: <Content>");
        m.put("hadoop", "<Date> <Time> <Level> [<Process>] <Component>: <Content>");
        m.put("spark", "<Date> <Time> <Level> <Component>: <Content>");
        m.put("zookeeper", "<Date> <Time> - <Level>  [<Node>:<Component>@<Id>] - <Content>");
        m.put("bgl", "<Label> <Timestamp> <Date> <Node> <Time> <NodeRepeat> <Type> <Component> <Level> <Content>");
        m.put("hpc", "<LogId> <Node> <Component> <State> <Time> <Flag> <Content>");
        m.put("linux", "<Month> <Date> <Time> <Level> <Component>([<PID>])?: <Content>");
        m.put("apache", "[<Time>] [<Level>] <Content>");
        m.put("android", "<Date> <Time>  <Pid>  <Tid> <Level> <Component>: <Content>");
        m.put("healthapp", "<Time>|<Component>|<Pid>|<Content>");
        m.put("mac", "<Month>  <Date> <Time> <User> <Component>[<PID>]( \\(<Address>\\))?: <Content>");
        m.put("openssh", "<Date> <Day> <Time> <Component> sshd[<Pid>]: <Content>");
        m.put("openstack", "<Logrecord> <Date> <Time> <Pid> <Level> <Component> [<ADDR>] <Content>");
        m.put("proxifier", "[<Time>] <Program> - <Content>");
        m.put("thunderbird",
                "<Label> <Timestamp> <Date> <User> <Month> <Day> <Time> <Location> <Component>([<PID>])?: <Content>");
        m.put("windows", "<Date> <Time>, <Level>                  <Component>    <Content>");
        // simulate-logs --style hdfs writes the HDFS layout; its own name keeps its ingest apart from real HDFS
        m.put("hdfs-sim", m.get("hdfs"));
        return m;
    }

    /** One step of the compiled layout program. */
    private static final class Instruction implements Serializable {
        private static final long serialVersionUID = 1L;
        static final int LITERAL = 0;
        static final int SPACE = 1;
        static final int FIELD = 2;
        static final int SPLIT = 3;
        static final int END = 4;

        final int op;
        final String literal;
        final int field;
        int next;

        private Instruction(int op, String literal, int field) {
            this.op = op;
            this.literal = literal;
            this.field = field;
        }

        static Instruction literal(String s) {
            return new Instruction(LITERAL, s, -1);
        }

        static Instruction space() {
            return new Instruction(SPACE, null, -1);
        }

        static Instruction field(int index) {
            return new Instruction(FIELD, null, index);
        }

        static Instruction split() {
            return new Instruction(SPLIT, null, -1);
        }

        static Instruction end() {
            return new Instruction(END, null, -1);
        }
    }

    /** Turns layout text into instructions; optional groups become a SPLIT that may skip the group. */
    private static final class LayoutCompiler {
        final String layout;
        final List<Instruction> program = new ArrayList<>();
        final List<String> fields = new ArrayList<>();
        final StringBuilder pending = new StringBuilder();

        LayoutCompiler(String layout) {
            this.layout = layout;
        }

        void compileSequence(int from, int to) {
            int i = from;
            while (i < to) {
                char c = layout.charAt(i);
                if (c == '\\' && i + 1 < to) {
                    pending.append(layout.charAt(i + 1));
                    i += 2;
                } else if (c == '<' && isFieldStart(i, to)) {
                    i = compileField(i, to);
                } else if (c == ' ' || c == '\t') {
                    flushLiteral();
                    while (i < to && (layout.charAt(i) == ' ' || layout.charAt(i) == '\t')) {
                        i++;
                    }
                    program.add(Instruction.space());
                } else if (c == '(' && groupEnd(i, to) > 0) {
                    int close = groupEnd(i, to);
                    flushLiteral();
                    Instruction split = Instruction.split();
                    program.add(split);
                    compileSequence(i + 1, close);
                    flushLiteral();
                    split.next = program.size();
                    i = close + 2;
                } else {
                    pending.append(c);
                    i++;
                }
            }
            flushLiteral();
        }

        private boolean isFieldStart(int i, int to) {
            int j = i + 1;
            while (j < to && (Character.isLetterOrDigit(layout.charAt(j)) || layout.charAt(j) == '_')) {
                j++;
            }
            return j > i + 1 && j < to && layout.charAt(j) == '>';
        }

        private int compileField(int i, int to) {
            int close = layout.indexOf('>', i);
            String name = layout.substring(i + 1, close);
            if (fields.contains(name)) {
                throw new IllegalArgumentException("field <" + name + "> appears twice in layout: " + layout);
            }
            flushLiteral();
            program.add(Instruction.field(fields.size()));
            fields.add(name);
            return close + 1;
        }

        /** Index of the ')' that closes the group opened at {@code open} and is followed by '?', or -1. */
        private int groupEnd(int open, int to) {
            int depth = 0;
            for (int j = open; j < to; j++) {
                char c = layout.charAt(j);
                if (c == '\\') {
                    j++;
                } else if (c == '(') {
                    depth++;
                } else if (c == ')' && --depth == 0) {
                    return j + 1 < to && layout.charAt(j + 1) == '?' ? j : -1;
                }
            }
            return -1;
        }

        private void flushLiteral() {
            if (pending.length() > 0) {
                program.add(Instruction.literal(pending.toString()));
                pending.setLength(0);
            }
        }
    }

    /** Backtracking run of the program over one line: fields lazy, optional groups and spaces greedy. */
    private final class Matcher {
        final String text;
        final int length;
        final int[] start;
        final int[] end;
        int steps;
        int furthest = -1;
        int furthestPc = -1;

        Matcher(String text) {
            this.text = text;
            this.length = text.length();
            this.start = new int[fieldNames.length];
            this.end = new int[fieldNames.length];
            java.util.Arrays.fill(start, -1);
        }

        boolean run(int pc, int pos) {
            if (++steps > STEP_BUDGET) {
                return false;
            }
            Instruction in = program[pc];
            switch (in.op) {
                case Instruction.LITERAL:
                    if (text.startsWith(in.literal, pos)) {
                        return run(pc + 1, pos + in.literal.length());
                    }
                    noteFailure(pc, pos);
                    return false;
                case Instruction.SPACE:
                    return runSpace(pc, pos);
                case Instruction.FIELD:
                    return runField(pc, pos, in.field);
                case Instruction.SPLIT:
                    return run(pc + 1, pos) || run(in.next, pos);
                default:
                    if (pos == length) {
                        return true;
                    }
                    noteFailure(pc, pos);
                    return false;
            }
        }

        private boolean runSpace(int pc, int pos) {
            int p = pos;
            while (p < length && Character.isWhitespace(text.charAt(p))) {
                p++;
            }
            if (p == pos) {
                noteFailure(pc, pos);
                return false;
            }
            for (int q = p; q > pos; q--) {
                if (run(pc + 1, q)) {
                    return true;
                }
            }
            return false;
        }

        private boolean runField(int pc, int pos, int field) {
            int saved = start[field];
            start[field] = pos;
            Instruction next = program[pc + 1];
            if (next.op == Instruction.END) {
                end[field] = length;
                return true;
            }
            for (int e = pos; e <= length; e++) {
                if (cannotFollow(next, e)) {
                    continue;
                }
                end[field] = e;
                if (run(pc + 1, e)) {
                    return true;
                }
                if (steps > STEP_BUDGET) {
                    break;
                }
            }
            noteFailure(pc + 1, length);
            start[field] = saved;
            return false;
        }

        /** Cheap pre-check that skips field ends where the next literal or space cannot start. */
        private boolean cannotFollow(Instruction next, int e) {
            if (next.op == Instruction.LITERAL) {
                return e >= length || text.charAt(e) != next.literal.charAt(0);
            }
            if (next.op == Instruction.SPACE) {
                return e >= length || !Character.isWhitespace(text.charAt(e));
            }
            return false;
        }

        private void noteFailure(int pc, int pos) {
            if (pos > furthest || (pos == furthest && furthestPc < 0)) {
                furthest = pos;
                furthestPc = pc;
            }
        }

        String failureReason() {
            if (steps > STEP_BUDGET) {
                return "line is too ambiguous for the layout (more than " + STEP_BUDGET + " matching steps)";
            }
            if (length == 0) {
                return "empty line";
            }
            if (furthestPc < 0) {
                return "line does not fit the layout";
            }
            Instruction in = program[furthestPc];
            String expected;
            switch (in.op) {
                case Instruction.LITERAL:
                    expected = "literal \"" + in.literal + "\"";
                    break;
                case Instruction.SPACE:
                    expected = "whitespace";
                    break;
                default:
                    expected = "end of line";
                    break;
            }
            String after = precedingField(furthestPc);
            String found = furthest >= length ? "end of line" : "'" + text.charAt(furthest) + "'";
            return "expected " + expected + (after == null ? "" : " after field <" + after + ">")
                    + " at char " + furthest + " but found " + found;
        }

        private String precedingField(int pc) {
            for (int i = pc - 1; i >= 0; i--) {
                if (program[i].op == Instruction.FIELD) {
                    return fieldNames[program[i].field];
                }
            }
            return null;
        }
    }
}
