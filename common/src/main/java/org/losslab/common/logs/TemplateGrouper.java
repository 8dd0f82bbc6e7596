package org.losslab.common.logs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Driver-side grouping of distinct signatures into templates. Deterministic: it only depends on the
 * multiset of (signature, count) and processes signatures in sorted order.
 *
 * <p>Signatures are bucketed by token count (a run of variables, {@code <*> <*>} or {@code <*>, <*>, <*>},
 * counts as one token, and so do a double-quoted string, a bracketed comma-separated collection and a field of
 * a compact JSON object ({@link SignatureTokens}), so a variable spanning a varying number of tokens stays in one
 * bucket).
 * Within a bucket each signature picks as its anchor the largest set of its tokens that share one
 * position-wise frequency (the template's constant words all occur exactly as often as the template);
 * signatures with the same anchor form a candidate group. In a candidate group, every other column is either a
 * variable (many distinct, mostly rare values, or values already masked as {@code <*>}) or a discriminating
 * constant that splits the group into templates. Finally a rare template that is a frequent one with a
 * statistically found variable stretched over several tokens joins the frequent one, and templates ending in
 * free-text runs of different lengths join ({@link LengthVariants}).
 */
final class TemplateGrouper {
    static final String VAR = ContentMasker.VARIABLE;
    /**
     * Keys under which structured logs print the event's own message rather than a value: logfmt and JSON lines
     * from Go's slog, logrus and zap, pino and bunyan ({@code msg}), Logstash-style JSON ({@code message}),
     * structlog ({@code event}). {@code level=INFO msg="peer connected" peer=ann} and {@code msg="peer banned"}
     * with the same keys are two events, though every message is quoted.
     */
    static final Set<String> MESSAGE_KEYS = Set.of("msg", "message", "event");

    private final TemplateMinerSettings settings;

    TemplateGrouper(TemplateMinerSettings settings) {
        this.settings = settings;
    }

    /** One distinct signature. */
    static final class Sig {
        final String text;
        final long count;
        /** Tokens with runs of variables collapsed into one ({@link SignatureTokens#collapseRuns}). */
        final String[] tokens;
        /** For each collapsed token: the run of variables it stands for as written, null for other tokens. */
        final String[] runs;
        /** For each token: whether it continues the previous one without a space (a field of a JSON object). */
        final boolean[] glued;
        /** Token count and the positions of glued tokens: signatures are only compared within one shape. */
        final String shape;
        String template;
        /** Token positions of {@link #template} whose variable was found statistically, not by masking. */
        boolean[] free;

        Sig(String text, long count) {
            this.text = text;
            this.count = count;
            String[] raw = SignatureTokens.joinSpans(text.isEmpty() ? new String[0] : text.split(" "));
            List<String> toks = new ArrayList<>(raw.length);
            List<String> r = new ArrayList<>(raw.length);
            SignatureTokens.collapseRuns(raw, toks, r);
            List<Boolean> g = new ArrayList<>(toks.size());
            SignatureTokens.splitJsonObjects(toks, r, g);
            this.tokens = toks.toArray(new String[0]);
            this.runs = r.toArray(new String[0]);
            this.glued = new boolean[tokens.length];
            StringBuilder sh = new StringBuilder().append(tokens.length);
            for (int i = 0; i < tokens.length; i++) {
                glued[i] = g.get(i);
                if (glued[i]) {
                    sh.append(',').append(i);
                }
            }
            this.shape = sh.toString();
        }
    }

    /**
     * Assigns a template text to every signature.
     *
     * @return the template of {@code signatures[i]} at index {@code i}
     */
    String[] group(String[] signatures, long[] counts) {
        Integer[] order = new Integer[signatures.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> signatures[a].compareTo(signatures[b]));
        Sig[] sigs = new Sig[signatures.length];
        TreeMap<String, List<Sig>> byShape = new TreeMap<>();
        for (int i : order) {
            sigs[i] = new Sig(signatures[i], counts[i]);
            byShape.computeIfAbsent(sigs[i].shape, k -> new ArrayList<>()).add(sigs[i]);
        }
        for (List<Sig> bucket : byShape.values()) {
            groupBucket(bucket);
        }
        LengthVariants.absorbLongerVariants(sigs);
        String[] templates = new String[signatures.length];
        for (int i = 0; i < sigs.length; i++) {
            templates[i] = sigs[i].template;
        }
        return templates;
    }

    private void groupBucket(List<Sig> bucket) {
        int len = bucket.get(0).tokens.length;
        if (len == 0) {
            for (Sig s : bucket) {
                s.template = "";
                s.free = new boolean[0];
            }
            return;
        }
        List<Map<String, Long>> freq = new ArrayList<>(len);
        for (int p = 0; p < len; p++) {
            freq.add(new HashMap<>());
        }
        for (Sig s : bucket) {
            for (int p = 0; p < len; p++) {
                freq.get(p).merge(s.tokens[p], s.count, Long::sum);
            }
        }
        Map<String, List<Sig>> candidates = new LinkedHashMap<>();
        Map<String, boolean[]> anchors = new HashMap<>();
        for (Sig s : bucket) {
            boolean[] anchor = anchorOf(s, freq);
            String key = anchorKey(s, anchor);
            candidates.computeIfAbsent(key, k -> new ArrayList<>()).add(s);
            anchors.putIfAbsent(key, anchor);
        }
        for (Map.Entry<String, List<Sig>> e : candidates.entrySet()) {
            resolveCandidate(e.getValue(), anchors.get(e.getKey()));
        }
    }

    /** The positions of the largest set of tokens sharing one frequency (ties: the higher frequency). */
    private static boolean[] anchorOf(Sig s, List<Map<String, Long>> freq) {
        int len = s.tokens.length;
        long[] f = new long[len];
        for (int p = 0; p < len; p++) {
            f[p] = s.tokens[p].equals(VAR) ? -1 : freq.get(p).get(s.tokens[p]);
        }
        long[] sorted = f.clone();
        Arrays.sort(sorted);
        long best = -1;
        int bestSize = 0;
        for (int i = 0; i < len; ) {
            int j = i;
            while (j < len && sorted[j] == sorted[i]) {
                j++;
            }
            if (sorted[i] >= 0 && j - i >= bestSize) {
                best = sorted[i];
                bestSize = j - i;
            }
            i = j;
        }
        boolean[] anchor = new boolean[len];
        for (int p = 0; p < len; p++) {
            anchor[p] = best >= 0 && f[p] == best;
        }
        return anchor;
    }

    private static String anchorKey(Sig s, boolean[] anchor) {
        StringBuilder b = new StringBuilder();
        for (int p = 0; p < anchor.length; p++) {
            if (anchor[p]) {
                b.append(p).append('\u0001').append(s.tokens[p]).append('\u0002');
            }
        }
        return b.toString();
    }

    /** Decides each non-anchor column, splits on discriminating ones and renders the templates. */
    private void resolveCandidate(List<Sig> group, boolean[] anchor) {
        int len = anchor.length;
        Frame[] variable = new Frame[len];
        boolean[] free = new boolean[len];
        List<Integer> splitColumns = new ArrayList<>();
        for (int p = 0; p < len; p++) {
            if (anchor[p]) {
                continue;
            }
            Map<String, Long> values = new TreeMap<>();
            for (Sig s : group) {
                values.merge(s.tokens[p], s.count, Long::sum);
            }
            if (values.size() == 1) {
                continue;
            }
            Frame frame = Frame.of(values.keySet());
            String previous = p > 0 && anchor[p - 1] ? group.get(0).tokens[p - 1] : null;
            Frame named = parameterFrame(frame, previous);
            if (isVariableColumn(frame, values, named, isMessage(frame, previous))) {
                variable[p] = named != null ? named : frame;
                free[p] = hasUnmaskedValue(frame, values.keySet());
            } else {
                splitColumns.add(p);
            }
        }
        Map<String, List<Sig>> byParameter = partitionByParameter(group, splitColumns);
        if (byParameter != null) {
            for (List<Sig> part : byParameter.values()) {
                resolveCandidate(part, anchor);
            }
            return;
        }
        Map<String, List<Sig>> templates = new LinkedHashMap<>();
        for (Sig s : group) {
            StringBuilder key = new StringBuilder();
            for (int p : splitColumns) {
                key.append(s.tokens[p]).append('\u0001');
            }
            templates.computeIfAbsent(key.toString(), k -> new ArrayList<>()).add(s);
        }
        for (List<Sig> members : templates.values()) {
            List<Boolean> freeTokens = new ArrayList<>();
            String text = render(members, variable, free, freeTokens);
            boolean[] flags = new boolean[freeTokens.size()];
            for (int i = 0; i < flags.length; i++) {
                flags[i] = freeTokens.get(i);
            }
            for (Sig s : members) {
                s.template = text;
                s.free = flags;
            }
        }
    }

    /**
     * Splits a candidate group by parameter name where a splitting column holds {@code key=value} tokens of
     * several keys, some with several values, or returns null when no column does. Different keys are different
     * parameters and so different events ({@code jobs: num=3,flags=0x1} and {@code jobs: top=com.acme/.Main}), but
     * judged together the column looks like a closed set of words and splits every value apart; judged per key,
     * each parameter's values are decided on their own ({@code top=com.acme/.Main}, {@code top=org.demo/.Cart}
     * is one named parameter holding class names). Each part has fewer signatures than the group, and within a
     * part the column has one key, so the recursion ends.
     */
    private static Map<String, List<Sig>> partitionByParameter(List<Sig> group, List<Integer> splitColumns) {
        List<Integer> keyed = new ArrayList<>();
        for (int p : splitColumns) {
            Set<String> keys = new HashSet<>();
            Set<String> values = new HashSet<>();
            for (Sig s : group) {
                keys.add(parameterKey(s.tokens[p]));
                values.add(s.tokens[p]);
            }
            if (keys.size() >= 2 && keys.size() < values.size()) {
                keyed.add(p);
            }
        }
        if (keyed.isEmpty()) {
            return null;
        }
        Map<String, List<Sig>> parts = new LinkedHashMap<>();
        for (Sig s : group) {
            StringBuilder key = new StringBuilder();
            for (int p : keyed) {
                key.append(parameterKey(s.tokens[p])).append('\u0001');
            }
            parts.computeIfAbsent(key.toString(), k -> new ArrayList<>()).add(s);
        }
        return parts;
    }

    /** The {@code key=} of a {@code key=value} token, or the whole token. */
    private static String parameterKey(String token) {
        int eq = token.indexOf('=');
        return eq > 0 ? token.substring(0, eq + 1) : token;
    }

    /**
     * The frame around a named parameter's value, or null when the column is not one: {@code key=value} in one
     * token, or a value after a constant {@code key:} or {@code key=} token ({@code previous}, null when the
     * previous column is not constant). The values of one parameter often share a leading part beyond the
     * {@code =} ({@code cmp=com.acme.shop/.Cart}, {@code cmp=com.acme.mail/.Inbox} share {@code cmp=com.acme.}),
     * and the value is what follows the key however much of it the values share, so the frame returned for
     * {@code key=value} ends at the last {@code =} of the common prefix (or the double or single quote that opens
     * the value: {@code customer='ann'} renders {@code customer='<*>'}).
     */
    static Frame parameterFrame(Frame frame, String previous) {
        int eq = frame.prefix.lastIndexOf('=');
        if (eq > 0) {
            int cut = eq + 1 < frame.prefix.length() && isQuote(frame.prefix.charAt(eq + 1)) ? eq + 2 : eq + 1;
            return cut == frame.prefix.length() ? frame : new Frame(frame.prefix.substring(0, cut), frame.suffix);
        }
        boolean named = frame.prefix.endsWith(":")
                || previous != null && (previous.endsWith(":") || previous.endsWith("="));
        return named ? frame : null;
    }

    /**
     * Whether a column holds a structured line's message: its values follow a message key ({@link #MESSAGE_KEYS})
     * in the same token ({@code msg="peer connected"}, {@code "msg":"peer connected",}) or in the constant token
     * before it ({@code "msg": "peer connected",}, as JSON with spaces prints it; {@code previous} is null when the
     * previous column is not constant).
     */
    static boolean isMessage(Frame frame, String previous) {
        return MESSAGE_KEYS.contains(parameterName(frame.prefix))
                || (previous != null && MESSAGE_KEYS.contains(parameterName(previous)));
    }

    /**
     * The name of the parameter a frame's prefix ends with, lower-cased ({@code msg} for {@code level=INFO msg="}
     * and for {@code "msg":"}), or "" when the prefix does not end with a {@code key=} or {@code key:}.
     */
    static String parameterName(String prefix) {
        int end = prefix.length();
        while (end > 0 && isQuote(prefix.charAt(end - 1))) {
            end--;
        }
        if (end == 0 || (prefix.charAt(end - 1) != '=' && prefix.charAt(end - 1) != ':')) {
            return "";
        }
        end--;
        while (end > 0 && isQuote(prefix.charAt(end - 1))) {
            end--;
        }
        int start = end;
        while (start > 0 && (Character.isLetterOrDigit(prefix.charAt(start - 1)) || prefix.charAt(start - 1) == '_')) {
            start--;
        }
        return prefix.substring(start, end).toLowerCase(Locale.ROOT);
    }

    private static boolean isQuote(char c) {
        return c == '"' || c == '\'';
    }

    private static boolean hasUnmaskedValue(Frame frame, Iterable<String> values) {
        for (String v : values) {
            String inner = frame.inner(v);
            if (!inner.isEmpty() && !inner.contains(VAR)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a multi-valued column is a variable (true) or splits templates (false). The decision
     * looks at the values without their common frame ({@code rhost=}...): a variable when
     * <ul>
     *   <li>some values are masked variables and the others are empty, numerous (4+ distinct) or look
     *       like identifiers (dots, hyphens, digits..., or partly masked) that the masker did not recognise;</li>
     *   <li>all values are numbered names of one shape ({@code bglio91}, {@code bglio716});</li>
     *   <li>the column is a named parameter ({@code server=}..., or after a {@code key:} token; {@code named} is
     *       the frame around its value, {@link #parameterFrame}) and every value is
     *       a hierarchical name ({@link #allNames}): the parameter's name is the constant, and a host, package or
     *       class name in it is data even when a sample holds only two of them ({@code server: example.com},
     *       {@code server: shop.example.org});</li>
     *   <li>every value is a quoted string that is not an upper-case constant ({@link #allQuoted}), and the column
     *       is not a structured line's message ({@code message}, {@link #isMessage});</li>
     *   <li>there are enough lines and most distinct values are seen once, or there are very many.</li>
     * </ul>
     */
    boolean isVariableColumn(Frame frame, Map<String, Long> values, Frame named, boolean message) {
        int distinct = values.size();
        boolean masked = false;
        boolean empty = false;
        boolean identifiers = true;
        long lines = 0;
        int singletons = 0;
        for (Map.Entry<String, Long> e : values.entrySet()) {
            String inner = frame.inner(e.getKey());
            lines += e.getValue();
            singletons += e.getValue() == 1 ? 1 : 0;
            if (inner.equals(VAR)) {
                masked = true;
            } else if (inner.isEmpty()) {
                empty = true;
            } else {
                identifiers &= looksLikeIdentifier(inner);
            }
        }
        if (masked && (empty || identifiers || distinct >= 4)) {
            return true;
        }
        if (isNumberedFamily(frame, values.keySet())) {
            return true;
        }
        if (named != null && !masked && !empty && allNames(named, values.keySet())) {
            return true;
        }
        if (!masked && !empty && !message && allQuoted(frame, values.keySet())) {
            return true;
        }
        int min = settings.minDistinctForVariable();
        return lines >= 2L * min && distinct >= min
                && (singletons * 2 > distinct || distinct > settings.maxDistinctConstants());
    }

    /**
     * Every value is a hierarchical name: dotted, slashed or with an {@code @} ({@code example.com},
     * {@code com.acme.Main}, {@code svc/api}, {@code ann@example.org}). Upper-case words joined by underscores
     * ({@code ACTION_DOWN}) are not: they are the constants of an enumeration, which name different events.
     */
    private static boolean allNames(Frame frame, Iterable<String> values) {
        for (String v : values) {
            String inner = frame.inner(v);
            boolean name = false;
            for (int i = 1; i < inner.length() - 1 && !name; i++) {
                char c = inner.charAt(i);
                name = (c == '.' || c == '/' || c == '@') && Character.isLetterOrDigit(inner.charAt(i - 1))
                        && Character.isLetterOrDigit(inner.charAt(i + 1));
            }
            if (!name || inner.contains(VAR)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Every value is a double-quoted string that is not an upper-case constant: a program quotes the values it
     * interpolates into a message ({@code comm="cron"}, {@code task "Nightly Sync" started}), so a quoted column
     * is data however few distinct values a sample holds. Upper-case words ({@code result="DENIED"}) are the
     * constants of an enumeration and still split. A body the masker hid part of ({@code image="nginx:<*>"} beside
     * {@code image="busybox:latest"}) is data all the more: its masked part already varies. The quotes are the
     * frame's ({@code comm="}...{@code "}) or each value's own. Not asked of a structured line's message
     * ({@link #isMessage}): there the quotes are the format's syntax around the event's own text.
     */
    private static boolean allQuoted(Frame frame, Iterable<String> values) {
        boolean framed = frame.prefix.endsWith("\"") && frame.suffix.startsWith("\"");
        for (String v : values) {
            String inner = framed ? frame.inner(v) : v;
            if (!framed && !(inner.length() >= 2 && inner.startsWith("\"") && inner.endsWith("\""))) {
                return false;
            }
            String body = framed ? inner : inner.substring(1, inner.length() - 1);
            if (body.isEmpty() || body.equals(VAR) || body.equals(body.toUpperCase(Locale.ROOT))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Text that has the marks of a value rather than a word: digits or inner punctuation, also in one word that is
     * partly masked ({@code web-<*>-xkbtl}: a generated name whose random part happened to hold no digit).
     */
    private static boolean looksLikeIdentifier(String inner) {
        if (inner.contains(VAR) && inner.indexOf(' ') >= 0) {
            return false;
        }
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (Character.isDigit(c) || ".-_/@:".indexOf(c) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** All values are names with numbers that differ only in their digits. */
    private static boolean isNumberedFamily(Frame frame, Iterable<String> values) {
        String shape = null;
        for (String v : values) {
            String inner = frame.inner(v);
            if (inner.isEmpty() || inner.contains(VAR)) {
                return false;
            }
            String s = inner.replaceAll("[0-9]+", "#");
            if (s.equals(inner) || (shape != null && !shape.equals(s))) {
                return false;
            }
            shape = s;
        }
        return true;
    }

    /** Renders a template and reports, token by token, whether it is a statistically found variable. */
    private static String render(List<Sig> members, Frame[] variable, boolean[] free, List<Boolean> freeTokens) {
        Sig first = members.get(0);
        StringBuilder b = new StringBuilder();
        StringBuilder word = new StringBuilder();
        boolean wordFree = false;
        for (int p = 0; p < variable.length; p++) {
            if (p > 0 && !first.glued[p]) {
                addFlags(word.toString(), wordFree, freeTokens);
                word.setLength(0);
                wordFree = false;
                b.append(' ');
            }
            String text;
            if (variable[p] != null) {
                text = variableToken(members, p, variable[p]);
                wordFree |= free[p];
            } else if (first.runs[p] != null) {
                text = first.runs[p];
                for (Sig s : members) {
                    if (!s.runs[p].equals(text)) {
                        text = first.tokens[p];
                        break;
                    }
                }
            } else {
                text = first.tokens[p];
            }
            b.append(text);
            word.append(text);
        }
        if (variable.length > 0) {
            addFlags(word.toString(), wordFree, freeTokens);
        }
        return b.toString();
    }

    /**
     * One flag per space-separated token of a rendered column (a joined quoted span renders as several; glued
     * JSON fields render as one).
     */
    private static void addFlags(String column, boolean free, List<Boolean> freeTokens) {
        for (String token : column.split(" ", -1)) {
            freeTokens.add(free && token.contains(VAR));
        }
    }

    /**
     * The frame with a variable inside, or the value itself when every line of the template has the same value. A
     * column is judged over the whole candidate group, before the group splits into events; one that varies across
     * the group but holds one value in all lines of an event is constant for that event. Invented example: JSON
     * lines of one shape whose nested object differs by event ({@code "req":{"method":"POST","id":<*>}} with
     * {@code "msg":"incoming request"}, {@code "user":{"id":<*>,"name":"u17"}} with {@code "msg":"signed in"}).
     */
    private static String variableToken(List<Sig> members, int p, Frame frame) {
        String value = members.get(0).tokens[p];
        for (Sig s : members) {
            if (!s.tokens[p].equals(value)) {
                return frame.prefix + VAR + frame.suffix;
            }
        }
        return value;
    }

    /**
     * The constant frame around a variable column: the values' common prefix up to a delimiter and
     * their common suffix from a strong delimiter, so {@code rhost=a.b} and {@code rhost=<*>} become
     * {@code rhost=<*>} and {@code (x)} and {@code ()} become {@code (<*>)}. A space ends a prefix too, inside a
     * span joined into one token: {@code (host a.example.com)} and {@code (host b.example.org)} give
     * {@code (host <*>)}. The suffix may hold variables of its own: {@code Order{id=<*>, customer=Ann, items=<*>}}
     * and {@code ... customer=Bo Lee, items=<*>}} become {@code Order{id=<*>, customer=<*>, items=<*>}}.
     */
    static final class Frame {
        final String prefix;
        final String suffix;

        private Frame(String prefix, String suffix) {
            this.prefix = prefix;
            this.suffix = suffix;
        }

        static Frame of(Iterable<String> values) {
            String first = null;
            int prefix = Integer.MAX_VALUE;
            int suffix = Integer.MAX_VALUE;
            int minLength = Integer.MAX_VALUE;
            for (String v : values) {
                if (first == null) {
                    first = v;
                }
                prefix = Math.min(prefix, commonPrefix(first, v));
                suffix = Math.min(suffix, commonSuffix(first, v));
                minLength = Math.min(minLength, v.length());
            }
            int p = cutPrefixAtDelimiter(first, Math.min(prefix, minLength));
            int q = cutSuffixAtDelimiter(first, Math.min(suffix, minLength - p));
            String tail = first.substring(first.length() - q);
            return new Frame(first.substring(0, p), tail);
        }

        String inner(String value) {
            return value.substring(prefix.length(), value.length() - suffix.length());
        }
    }

    private static int commonPrefix(String a, String b) {
        int n = Math.min(a.length(), b.length());
        int i = 0;
        while (i < n && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return i;
    }

    private static int commonSuffix(String a, String b) {
        int n = Math.min(a.length(), b.length());
        int i = 0;
        while (i < n && a.charAt(a.length() - 1 - i) == b.charAt(b.length() - 1 - i)) {
            i++;
        }
        return i;
    }

    private static int cutPrefixAtDelimiter(String s, int prefix) {
        for (int i = prefix; i > 0; i--) {
            char c = s.charAt(i - 1);
            if (isStrongDelimiter(c) || c == '-' || c == '.' || c == ' ') {
                return i;
            }
        }
        return 0;
    }

    private static int cutSuffixAtDelimiter(String s, int suffix) {
        for (int i = suffix; i > 0; i--) {
            if (isStrongDelimiter(s.charAt(s.length() - i))) {
                return i;
            }
        }
        return 0;
    }

    private static boolean isStrongDelimiter(char c) {
        return ",;:=|\"'[](){}".indexOf(c) >= 0;
    }
}
