package org.losslab.common.logs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Infers a header layout ({@link LogFormat}) from a sample of lines of an unknown log, for
 * {@code ingest-logs --layout auto}: a user with an unlabelled log gets sensible fields without writing a layout.
 *
 * <p>Each line's leading tokens (whitespace-separated; a bracketed group such as {@code [Sun Dec 04 04:47:44
 * 2005]} is one token, and so is a double-quoted group) get a class: date, clock time, date-time, epoch timestamp,
 * month or weekday name, level word, number, a lone dash, a component ending in {@code :}, a bracketed group, a
 * quoted group (message text: the header ends before it, as in access logs), or a plain word. A position
 * belongs to the header when one class holds there in at least {@value #AGREEMENT} of the lines. The header
 * ends after its last level or component column (what separates the metadata from the message in almost every
 * log; a bracketed level counts as a level; a bracketed source, a logger name before a dash, and the dash right
 * after a level too, as log4j and logback write them), or after the last typed
 * column when a log has neither; plain words inside it become fields ({@code combo}, a host, in
 * {@code Jun 14 15:16:01 combo sshd[42]: ...}). A word after the level that is padded by a
 * run of spaces in nearly every line is a column of an aligned log ({@code Info      CBS    Loaded ...}), so it
 * is the component; so is a dotted name there in nearly every line (a logger, {@code INFO app.db ...}).
 * Everything after the header is the Content.
 *
 * <p>Made-up examples: {@code 2024-03-01 12:00:01,123 INFO [main] a.b.Server: started} infers
 * {@code <Date> <Time> <Level> [<Thread>] <Component>: <Content>}; {@code [Mon Mar 04 10:00:00 2024] [warn]
 * slow request} infers {@code [<Time>] [<Level>] <Content>}.
 */
public final class LayoutInference {
    /** Share of the sampled lines that must agree on a position's class for it to be a header field. */
    static final double AGREEMENT = 0.9;
    /** Leading tokens looked at per line: headers longer than this are rare. */
    static final int MAX_TOKENS = 12;

    private static final Pattern DATE = Pattern.compile(
            "\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}|\\d{1,2}[-/.]\\d{1,2}[-/.]\\d{2,4}|\\d{2}-\\d{2}");
    private static final Pattern CLOCK = Pattern.compile("\\d{1,2}:\\d{2}(:\\d{2})?([.,:]\\d{1,9})?,?");
    private static final Pattern DATE_TIME = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}[T\\-_ ]\\d{2}[:.]\\d{2}[:.]\\d{2}([.,]\\d{1,9})?(Z|[+-]\\d{2}:?\\d{2})?");
    /** The access-log time of Apache and nginx, {@code 05/Mar/2026:10:07:09} (its zone is a separate word). */
    private static final Pattern ACCESS_TIME = Pattern.compile("\\d{1,2}/[A-Z][a-z]{2}/\\d{4}:\\d{2}:\\d{2}:\\d{2}");
    private static final Pattern EPOCH = Pattern.compile("1\\d{9}(\\d{3})?");
    private static final Pattern NUMBER = Pattern.compile("\\d+");
    private static final Pattern DOTTED_NAME = Pattern.compile("[A-Za-z_][\\w$]*(\\.[A-Za-z_][\\w$]*)+");
    private static final Set<String> LEVELS = Set.of("TRACE", "DEBUG", "FINE", "FINER", "FINEST", "INFO",
            "INFORMATION", "NOTICE", "WARN", "WARNING", "ERROR", "ERR", "SEVERE", "FATAL", "CRITICAL", "CRIT",
            "ALERT", "EMERG", "EMERGENCY", "VERBOSE");
    /** Android/logcat and glog style one-letter levels: verbose, debug, info, warn, error, fatal, assert. */
    private static final Set<String> LETTER_LEVELS = Set.of("V", "D", "I", "W", "E", "F", "A");
    private static final Set<String> MONTHS = Set.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
            "oct", "nov", "dec");
    private static final Set<String> WEEKDAYS = Set.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

    /** The class of a header token. */
    enum Kind {
        DATE("Date"), TIME("Time"), DATE_TIME("Timestamp"), EPOCH("Timestamp"), MONTH("Month"), WEEKDAY("Day"),
        LEVEL("Level"), NUMBER("Pid"), DASH(null), COMPONENT("Component"), BRACKET("Thread"), WORD("Field"),
        /** A bracketed column holding a level word in most lines ({@code [WARN]}): an anchor like a bare level. */
        LEVEL_BRACKET("Level"),
        /** A double-quoted group ({@code "GET /a HTTP/1.1"}): message text, so the header ends before it. */
        QUOTED(null);

        final String field;

        Kind(String field) {
            this.field = field;
        }
    }

    /** One leading token of a line: its text, class, and whether two or more spaces follow it. */
    record Token(String text, Kind kind, boolean padded) {
    }

    /**
     * The inferred layout, how many of the sampled (non-blank) lines have its header (each typed column holding a
     * token of its class), and per header column the class it was read as; {@code layout} is {@code <Content>}
     * alone when no header was found.
     */
    public record Result(String layout, int sampled, int fitting, List<String> columns) {
    }

    private LayoutInference() {
    }

    /** Infers a layout from sample lines (blank lines are ignored). */
    public static Result infer(List<String> sample) {
        List<List<Token>> lines = new ArrayList<>();
        for (String line : sample) {
            if (!line.isBlank()) {
                lines.add(tokens(line.strip()));
            }
        }
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("Cannot infer a log layout: the sample has no non-blank line");
        }
        List<Kind> columns = new ArrayList<>();
        List<Boolean> padded = new ArrayList<>();
        for (int p = 0; p < MAX_TOKENS; p++) {
            Kind kind = agreedKind(lines, p);
            if (kind == null || kind == Kind.QUOTED) {
                break;
            }
            columns.add(kind);
            padded.add(agreed(lines, p, Token::padded));
            if (kind == Kind.COMPONENT) {
                break;
            }
        }
        for (int p = 0; p < columns.size(); p++) {
            if (columns.get(p) == Kind.BRACKET && bracketField(lines, p).equals("Level")) {
                columns.set(p, Kind.LEVEL_BRACKET);
            }
        }
        List<Boolean> dotted = new ArrayList<>();
        for (int p = 0; p < columns.size(); p++) {
            dotted.add(agreed(lines, p, t -> DOTTED_NAME.matcher(t.text()).matches())); // a logger: app.db
        }
        int end = headerEnd(columns, padded, dotted);
        List<Kind> header = columns.subList(0, end);
        String layout = render(header, lines, padded);
        LogFormat.compile(layout); // fails here, not in the job, if rendering went wrong
        int fitting = 0;
        for (List<Token> line : lines) {
            fitting += fits(line, header) ? 1 : 0;
        }
        return new Result(layout, lines.size(), fitting, header.stream().map(k -> k.name().toLowerCase(Locale.ROOT))
                .toList());
    }

    /** Whether a line's leading tokens have the header's classes (a plain-word column takes any token). */
    private static boolean fits(List<Token> line, List<Kind> header) {
        if (line.size() < header.size()) {
            return false;
        }
        for (int p = 0; p < header.size(); p++) {
            Kind k = header.get(p) == Kind.LEVEL_BRACKET ? Kind.BRACKET : header.get(p);
            if (k != Kind.WORD && k != Kind.DASH && line.get(p).kind() != k) {
                return false;
            }
        }
        return true;
    }

    /** How many leading columns form the header (see the class comment). */
    private static int headerEnd(List<Kind> columns, List<Boolean> padded, List<Boolean> dotted) {
        int lastAnchor = -1;
        int lastTyped = -1;
        for (int p = 0; p < columns.size(); p++) {
            Kind k = columns.get(p);
            if (k == Kind.LEVEL || k == Kind.LEVEL_BRACKET || k == Kind.COMPONENT) {
                lastAnchor = p;
            }
            if (k != Kind.WORD) {
                lastTyped = p;
            }
        }
        if (lastAnchor >= 0) {
            int end = lastAnchor + 1;
            if (columns.get(lastAnchor) != Kind.COMPONENT) {
                if (end < columns.size() && columns.get(end) == Kind.WORD && (padded.get(end) || dotted.get(end))) {
                    return end + 1; // an aligned component column, or a dotted logger name (Python's %(name)s)
                }
                // "LEVEL [thread] - message", "LEVEL - message": a bracketed source and a dash belong to the header,
                // and so does a logger name before that dash ("[LEVEL] [thread] a.b.Api - message", logback's)
                while (end < columns.size() && columns.get(end) == Kind.BRACKET) {
                    end++;
                }
                if (end + 1 < columns.size() && columns.get(end) == Kind.WORD && columns.get(end + 1) == Kind.DASH) {
                    end++;
                }
                if (end < columns.size() && columns.get(end) == Kind.DASH) {
                    end++;
                }
            }
            return end;
        }
        // no level and no component: the typed columns, but not a trailing run of words (the message's start)
        return lastTyped + 1;
    }

    private static String render(List<Kind> header, List<List<Token>> lines, List<Boolean> padded) {
        StringBuilder b = new StringBuilder();
        Map<String, Integer> used = new HashMap<>();
        for (int p = 0; p < header.size(); p++) {
            Kind k = header.get(p);
            String name = k == Kind.NUMBER && used.containsKey("Pid") && !used.containsKey("Tid") ? "Tid" : k.field;
            if (k == Kind.WORD && (p > 0 && header.get(p - 1) == Kind.LEVEL
                    || p + 1 < header.size() && header.get(p + 1) == Kind.DASH && header.contains(Kind.LEVEL_BRACKET))) {
                name = "Component";
            }
            switch (k) {
                // a dash in every line is a separator; in most lines, the common value of a field (a label)
                case DASH -> b.append(unanimous(lines, p, Kind.DASH) ? "-" : field("Field", used));
                case COMPONENT -> b.append(field("Component", used)).append(':');
                case BRACKET, LEVEL_BRACKET -> {
                    String inner = bracketField(lines, p);
                    b.append('[').append(field(inner, used)).append(']');
                }
                case TIME -> b.append(field(name, used)).append(commaAfterTime(lines, p) ? "," : "");
                default -> b.append(field(name, used));
            }
            b.append(' '); // one space in a layout matches any run of whitespace
        }
        return b.append('<').append(LogFormat.CONTENT).append('>').toString();
    }

    /** A field name, numbered when it is used again ({@code <Host>}, {@code <Host2>}). */
    private static String field(String name, Map<String, Integer> used) {
        int n = used.merge(name, 1, Integer::sum);
        return "<" + (n == 1 ? name : name + n) + ">";
    }

    /** What a bracketed column holds in most lines: a time, a level, or something else (a thread, a source). */
    private static String bracketField(List<List<Token>> lines, int p) {
        Map<Kind, Integer> inner = new LinkedHashMap<>();
        for (List<Token> line : lines) {
            if (p < line.size()) {
                String text = line.get(p).text();
                String in = text.length() >= 2 ? text.substring(1, text.length() - 1).strip() : "";
                Kind k = in.contains(":") && containsClock(in) ? Kind.TIME : classify(in);
                inner.merge(k, 1, Integer::sum);
            }
        }
        Kind best = inner.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                .orElse(Kind.BRACKET);
        return best == Kind.TIME || best == Kind.DATE_TIME ? "Time" : best == Kind.LEVEL ? "Level" : "Thread";
    }

    private static boolean unanimous(List<List<Token>> lines, int p, Kind kind) {
        for (List<Token> line : lines) {
            if (p >= line.size() || line.get(p).kind() != kind) {
                return false;
            }
        }
        return true;
    }

    private static boolean commaAfterTime(List<List<Token>> lines, int p) {
        int commas = 0;
        for (List<Token> line : lines) {
            if (p < line.size() && line.get(p).text().endsWith(",")) {
                commas++;
            }
        }
        return commas >= AGREEMENT * lines.size();
    }

    private static boolean containsClock(String s) {
        for (String part : s.split("\\s+")) {
            if (CLOCK.matcher(part).matches() || DATE_TIME.matcher(part).matches()
                    || ACCESS_TIME.matcher(part).matches()) {
                return true;
            }
        }
        return false;
    }

    /** The class at position {@code p} in at least {@value #AGREEMENT} of the lines, or null. */
    private static Kind agreedKind(List<List<Token>> lines, int p) {
        Map<Kind, Integer> counts = new HashMap<>();
        for (List<Token> line : lines) {
            if (p < line.size()) {
                counts.merge(line.get(p).kind(), 1, Integer::sum);
            }
        }
        for (Map.Entry<Kind, Integer> e : counts.entrySet()) {
            if (e.getValue() >= AGREEMENT * lines.size()) {
                return e.getKey();
            }
        }
        return null;
    }

    /** Whether the token at {@code p} has a property in at least {@value #AGREEMENT} of the lines. */
    private static boolean agreed(List<List<Token>> lines, int p, Predicate<Token> property) {
        int holding = 0;
        for (List<Token> line : lines) {
            if (p < line.size() && property.test(line.get(p))) {
                holding++;
            }
        }
        return holding >= AGREEMENT * lines.size();
    }

    /** The leading tokens of a stripped line, a bracketed group (nesting allowed) as one token. */
    static List<Token> tokens(String line) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (i < n && out.size() < MAX_TOKENS) {
            int start = i;
            if (line.charAt(i) == '[') {
                int depth = 0;
                while (i < n) {
                    char c = line.charAt(i++);
                    depth += c == '[' ? 1 : c == ']' ? -1 : 0;
                    if (depth == 0) {
                        break;
                    }
                }
                if (depth != 0 || (i < n && !Character.isWhitespace(line.charAt(i)))) {
                    i = start; // not a group standing alone: read it as a plain token
                }
            }
            if (i == start && line.charAt(i) == '"') {
                int close = line.indexOf('"', i + 1);
                if (close > i && (close + 1 == n || Character.isWhitespace(line.charAt(close + 1)))) {
                    i = close + 1;
                }
            }
            if (i == start) {
                while (i < n && !Character.isWhitespace(line.charAt(i))) {
                    i++;
                }
            }
            String text = line.substring(start, i);
            int spaces = 0;
            while (i < n && Character.isWhitespace(line.charAt(i))) {
                i++;
                spaces++;
            }
            Kind kind = text.startsWith("[") && text.endsWith("]") && text.length() > 1 ? Kind.BRACKET
                    : text.length() > 1 && text.startsWith("\"") && text.endsWith("\"") ? Kind.QUOTED : classify(text);
            Kind previous = out.isEmpty() ? null : out.get(out.size() - 1).kind();
            if ((kind == Kind.NUMBER || kind == Kind.DATE) && previous == Kind.DATE && isCompactClock(text)) {
                kind = Kind.TIME; // 081109 203615: yyMMdd HHmmss
            } else if (kind == Kind.NUMBER && previous == Kind.MONTH && text.length() <= 2) {
                kind = Kind.DATE; // Jun 14: the day of the month
            }
            out.add(new Token(text, kind, spaces >= 2));
        }
        return out;
    }

    /** The class of one token. */
    static Kind classify(String token) {
        if (token.isEmpty()) {
            return Kind.WORD;
        }
        if (token.equals("-")) {
            return Kind.DASH;
        }
        if (DATE_TIME.matcher(token).matches()) {
            return Kind.DATE_TIME;
        }
        if (CLOCK.matcher(token).matches()) {
            return Kind.TIME;
        }
        if (DATE.matcher(token).matches() || isCompactDate(token)) {
            return Kind.DATE;
        }
        if (EPOCH.matcher(token).matches()) {
            return Kind.EPOCH;
        }
        if (NUMBER.matcher(token).matches()) {
            return Kind.NUMBER;
        }
        String word = token.endsWith(",") ? token.substring(0, token.length() - 1) : token;
        if (LEVELS.contains(word.toUpperCase(Locale.ROOT)) || LETTER_LEVELS.contains(word)) {
            return Kind.LEVEL;
        }
        String lower = word.toLowerCase(Locale.ROOT);
        if (lower.length() == 3 && MONTHS.contains(lower) && Character.isUpperCase(word.charAt(0))) {
            return Kind.MONTH;
        }
        if (lower.length() == 3 && WEEKDAYS.contains(lower) && Character.isUpperCase(word.charAt(0))) {
            return Kind.WEEKDAY;
        }
        if (token.length() > 1 && token.endsWith(":") && !token.contains("://")) {
            return Kind.COMPONENT;
        }
        return Kind.WORD;
    }

    /** {@code yyMMdd}: six digits that read as a month and a day. */
    private static boolean isCompactDate(String t) {
        if (t.length() != 6 || !NUMBER.matcher(t).matches()) {
            return false;
        }
        int month = Integer.parseInt(t.substring(2, 4));
        int day = Integer.parseInt(t.substring(4, 6));
        return month >= 1 && month <= 12 && day >= 1 && day <= 31;
    }

    /** {@code HHmmss}: six digits that read as a clock (only taken as one right after a date). */
    private static boolean isCompactClock(String t) {
        if (t.length() != 6 || !NUMBER.matcher(t).matches()) {
            return false;
        }
        return Integer.parseInt(t.substring(0, 2)) < 24 && Integer.parseInt(t.substring(2, 4)) < 60
                && Integer.parseInt(t.substring(4, 6)) < 60;
    }
}
