package org.losslab.common.logs;

import static org.losslab.common.logs.CharClass.*;

/**
 * Single-pass tokenizer and masker: turns a log message into its <em>signature</em>, the message with
 * whitespace collapsed to single spaces and the obvious variables replaced by {@value #VARIABLE}.
 *
 * <p>What is masked (in the Loghub-2.0 labelling convention, so that a masked token renders exactly as
 * in the ground-truth templates):
 * <ul>
 *   <li>numbers, signed numbers, decimals, {@code 1,234,567} (also as a {@code key=} value), numbers with an
 *       attached unit or suffix ({@code 12ms}, {@code 16K}, {@code 41C}) and anything else that starts with a
 *       digit;</li>
 *   <li>a number followed by a size unit ({@code 1.2 KB}) as one variable;</li>
 *   <li>hexadecimal ({@code 0x1f}, long hex words such as {@code ffff3000}), MAC addresses, UUIDs;</li>
 *   <li>IPv4 and IPv6 addresses, {@code host:port} (the host and the port separately, as {@code <*>:<*>}),
 *       host names with digits, e-mail addresses, URLs ({@code hdfs://<*>}), absolute and relative paths;</li>
 *   <li>identifiers with numeric parts joined by underscores ({@code blk_-123}, {@code rdd_2_0}),
 *       versions ({@code v1.0.3}), digit-led parts of dotted or hyphenated words
 *       ({@code core.<*>}, {@code node-<*>}), the value of {@code key=value} when it is a single
 *       word with a digit ({@code mc=e08x}), and values of {@code key=value} / {@code key:value}
 *       pairs that fall under the other rules. Words without digits ({@code tty=NODEVssh},
 *       {@code user=alice}) are left to the statistics of {@link TemplateMiner};</li>
 *   <li>calendar dates around a clock time ({@code Fri Jun 17 07:07:00 2005}), and the month name of a slashed
 *       date ({@code 03/Dec/2026:10:15:30} as {@code <*>/<*>/<*>:<*>:<*>:<*>}, like {@code 03/12/2026});</li>
 *   <li>the words true, false, null, root and admin (the Loghub-2.0 "user string" rule).</li>
 * </ul>
 * Adjacent variables joined by a dot or by nothing collapse into one, and chains of three or more
 * hyphen-joined variables collapse into one.
 *
 * <p>The scanner works on a reusable char buffer and computes a 64-bit hash of the signature without
 * building a String, so it allocates nothing per line once warmed up. What each kind of token is, and why it is
 * a variable in logs at large, lives in the recognisers it calls: {@link NetworkTokens}, {@link NumberTokens},
 * {@link DateTokens}, {@link PathTokens}, over the character classes of {@link CharClass}. Instances are not thread-safe:
 * use one per thread (or per Spark partition).
 */
public final class ContentMasker {

    /** The variable marker used in signatures and templates. */
    public static final String VARIABLE = "<*>";

    private static final String[] USER_STRINGS = {"true", "false", "null", "root", "admin"};
    private char[] in = new char[256];
    private int inLength;
    private char[] out = new char[512];
    private int outLength;
    private long hash;

    private int[] segStart = new int[16];
    private int[] segEnd = new int[16];
    private byte[] segKind = new byte[16];

    private static final byte SEG_CONST = 0;
    private static final byte SEG_INT = 1;
    private static final byte SEG_VAR = 2;

    /**
     * Masks one message; the signature is then available from {@link #signature()}, {@link #hash()},
     * {@link #length()} and {@link #charAt(int)}.
     *
     * @return the 64-bit hash of the signature
     */
    public long mask(CharSequence content) {
        load(content);
        outLength = 0;
        int p = skipSpace(0);
        while (p < inLength) {
            if (outLength > 0) {
                append(' ');
            }
            p = skipSpace(renderFrom(p));
        }
        hash = hashOf(out, outLength);
        return hash;
    }

    /** Convenience: the signature of one message as a new String. */
    public String maskToString(CharSequence content) {
        mask(content);
        return signature();
    }

    /** The hash of the last signature (see {@link #hashOf(CharSequence)}). */
    public long hash() {
        return hash;
    }

    /** Length of the last signature. */
    public int length() {
        return outLength;
    }

    /** A character of the last signature. */
    public char charAt(int i) {
        return out[i];
    }

    /** The last signature as a new String. */
    public String signature() {
        return new String(out, 0, outLength);
    }

    /** The signature hash of a text that already is a signature (used to index templates). */
    public static long hashOf(CharSequence s) {
        int n = s.length();
        long h = SEED ^ n;
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            long block = s.charAt(i) | (long) s.charAt(i + 1) << 16 | (long) s.charAt(i + 2) << 32
                    | (long) s.charAt(i + 3) << 48;
            h = Long.rotateLeft((h ^ block) * MULTIPLIER, 29);
        }
        for (; i < n; i++) {
            h = Long.rotateLeft((h ^ s.charAt(i)) * MULTIPLIER, 29);
        }
        return mix(h);
    }

    private static long hashOf(char[] s, int n) {
        long h = SEED ^ n;
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            long block = s[i] | (long) s[i + 1] << 16 | (long) s[i + 2] << 32 | (long) s[i + 3] << 48;
            h = Long.rotateLeft((h ^ block) * MULTIPLIER, 29);
        }
        for (; i < n; i++) {
            h = Long.rotateLeft((h ^ s[i]) * MULTIPLIER, 29);
        }
        return mix(h);
    }

    private static final long SEED = 0xcbf29ce484222325L;
    private static final long MULTIPLIER = 0x9e3779b97f4a7c15L;

    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 33);
    }

    // ---------------------------------------------------------------- input

    private void load(CharSequence content) {
        int n = content.length();
        if (in.length < n) {
            in = new char[Math.max(n, in.length * 2)];
        }
        // a masked signature is at most three times as long as its message ("1" becomes "<*>")
        if (out.length < 3 * n + 16) {
            out = new char[3 * n + 16];
        }
        if (content instanceof String) {
            ((String) content).getChars(0, n, in, 0);
        } else {
            for (int i = 0; i < n; i++) {
                in[i] = content.charAt(i);
            }
        }
        inLength = n;
    }

    private int skipSpace(int i) {
        while (i < inLength && in[i] <= ' ') {
            i++;
        }
        return i;
    }

    private int wordEnd(int i) {
        while (i < inLength && in[i] > ' ') {
            i++;
        }
        return i;
    }

    /** The message as loaded by the last {@link #mask} call (package use: pass 2 matches against it). */
    char[] input() {
        return in;
    }

    int inputLength() {
        return inLength;
    }

    // ---------------------------------------------------------------- output

    private void append(char c) {
        out[outLength++] = c;
    }

    private boolean endsWithVariable() {
        int n = outLength;
        return n >= 3 && out[n - 1] == '>' && out[n - 2] == '*' && out[n - 3] == '<';
    }

    /** Appends a variable, merging it into a preceding {@code <*>} or {@code <*>.}. */
    private void appendVariable() {
        if (endsWithVariable()) {
            return;
        }
        int n = outLength;
        if (n >= 4 && out[n - 1] == '.' && out[n - 2] == '>' && out[n - 3] == '*' && out[n - 4] == '<') {
            outLength--;
            return;
        }
        append('<');
        append('*');
        append('>');
    }

    /** Appends a delimiter as it is: {@code <memory:512, cores:2>} keeps its closing {@code >}. */
    private void appendDelimiter(char c) {
        append(c);
    }

    /** Appends constant text, masking the Loghub user-string words (true, false, null, root, admin). */
    private void appendConstant(int s, int e) {
        int i = s;
        while (i < e) {
            char c = in[i];
            if (isLetter(c)) {
                int r = i + 1;
                while (r < e && isLetter(in[r])) {
                    r++;
                }
                if ((r - i >= 4 && r - i <= 5 && isUserString(i, r)) || (r - i >= 8 && isStandaloneHex(i, r))) {
                    appendVariable();
                } else {
                    for (int k = i; k < r; k++) {
                        append(in[k]);
                    }
                }
                i = r;
            } else {
                append(c);
                i++;
            }
        }
    }

    // ---------------------------------------------------------------- words

    /**
     * Renders the word starting at {@code s}, possibly together with following words.
     *
     * @return the position after the last consumed word
     */
    private int renderFrom(int s) {
        int start = outLength;
        int plainEnd = renderPlainWord(s);
        if (plainEnd >= 0) {
            if (isUpper(in[s]) && plainEnd - s >= 3
                    && (DateTokens.isWeekday(in, s, plainEnd) || DateTokens.isMonth(in, s, plainEnd))) {
                outLength = start;
                int next = foldDateTime(plainEnd);
                if (next >= 0) {
                    return next;
                }
                renderPlainWord(s);
            }
            return plainEnd;
        }
        int e = s;
        int bits = 0;
        while (e < inLength) {
            int cls = CLASS[in[e]];
            if (cls == SPACE) {
                break;
            }
            bits |= cls;
            e++;
        }
        char first = in[s];
        if ((bits & DIGIT) != 0 && (isDigit(first) || first == '(' || first == '-')) {
            int unitEnd = sizeUnitAfter(e);
            if (unitEnd >= 0 && NumberTokens.isNumberWord(in, s, e)) {
                renderNumberWithUnit(s, skipSpace(e), unitEnd);
                return unitEnd;
            }
        }
        renderSlowWord(s, e, bits);
        return e;
    }

    private void renderWord(int s, int e) {
        if (renderPlainWord(s) < 0) {
            renderSlowWord(s, e, classBits(s, e));
        }
    }

    /** @param bits the class bits of all characters of the word */
    private void renderSlowWord(int s, int e, int bits) {
        boolean slashes = (bits & (SLASH | BACKSLASH)) != 0;
        if ((bits & STRONG) == 0 && !slashes) {
            if (NetworkTokens.matchMac(in, s, e) < 0) {
                renderAtom(s, e, e, bits);
            } else {
                appendVariable();
            }
            return;
        }
        int p = s;
        while (p < e) {
            char c = in[p];
            if (isHex(c) || (c == ':' && p + 1 < e && in[p + 1] == ':')) {
                int v6 = NetworkTokens.matchIpv6(in, p, e);
                if (v6 >= 0) {
                    appendVariable();
                    p = v6;
                    continue;
                }
            }
            if (isStrong(c)) {
                appendDelimiter(c);
                p++;
                if (c == '=' && p < e && !isStrong(in[p])) {
                    p = renderAssignedValue(p, e, slashes);
                }
                continue;
            }
            int q = slashes ? matchUrl(p, e) : -1;
            if (q < 0 && (bits & AT) != 0) {
                q = NetworkTokens.matchEmail(in, p, e);
                if (q >= 0) {
                    appendVariable();
                    p = q;
                    continue;
                }
            }
            if (q < 0) {
                q = slashes ? PathTokens.matchPath(in, p, e) : -1;
                if (q < 0) {
                    q = NetworkTokens.matchMac(in, p, e);
                    if (q < 0) {
                        q = NumberTokens.matchThousands(in, p, e);
                    }
                }
                if (q >= 0) {
                    appendVariable();
                }
            }
            if (q >= 0) {
                p = q;
                continue;
            }
            int a = p;
            int atomBits = 0;
            while (a < e && (CLASS[in[a]] & STRONG) == 0) {
                atomBits |= CLASS[in[a]];
                a++;
            }
            renderAtom(p, a, e, atomBits);
            p = a;
        }
    }

    /**
     * A month name between the day and the year of a slashed date, as web servers write their access times
     * ({@code 03/Dec/2026:10:15:30}): a part of the date like the day and the year, so that lines a month apart
     * share their template ({@code <*>/<*>/<*>:<*>:<*>:<*>}, the same shape as {@code 03/12/2026:10:15:30}).
     */
    private boolean isMonthBetweenSlashes(int s, int p, int slash, int e) {
        return p - 2 >= s && in[p - 1] == '/' && isDigit(in[p - 2]) && slash + 1 < e && in[slash] == '/'
                && isDigit(in[slash + 1]) && DateTokens.isMonth(in, p, slash);
    }

    /**
     * The value after {@code key=}: one variable when it is a single alphanumeric word with a digit
     * ({@code mc=e08x}), the same test as for any token, otherwise rendered like any other text, so dotted names
     * such as {@code class=org.x.HttpServer2} keep their words; a word value ({@code state=RUNNING}) is left to
     * the per-position statistics, which make it a variable when it takes many values. (Masking every word value
     * instead changed no system's GA and lowered PA on BGL, Linux and Android.)
     *
     * @return where rendering continues
     */
    private int renderAssignedValue(int p, int e, boolean slashes) {
        if (slashes && (matchUrl(p, e, false) >= 0 || PathTokens.matchPath(in, p, e) >= 0)) {
            return p;
        }
        int thousands = NumberTokens.matchThousands(in, p, e);
        if (thousands >= 0) { // count=1,234,567: one number, not split at its commas
            appendVariable();
            return thousands;
        }
        int a = p;
        boolean digit = false;
        boolean simple = true;
        while (a < e && !isStrong(in[a])) {
            char c = in[a];
            digit |= isDigit(c);
            simple &= isLetterOrDigit(c) || c == '_' || c == '-' || c == '+';
            a++;
        }
        while (a < e && in[a] == '.') {
            a++;
        }
        if (!digit || !simple && !isDottedTail(p, a)) {
            return p;
        }
        int dots = a;
        while (dots > p && in[dots - 1] == '.') {
            dots--;
        }
        appendVariable();
        for (int i = dots; i < a; i++) {
            append('.');
        }
        return a;
    }

    /** Whether the only dots of {@code [s, e)} are trailing (sentence punctuation). */
    private boolean isDottedTail(int s, int e) {
        int i = s;
        while (i < e && in[i] != '.') {
            if (!isLetterOrDigit(in[i]) && in[i] != '_' && in[i] != '-' && in[i] != '+') {
                return false;
            }
            i++;
        }
        while (i < e && in[i] == '.') {
            i++;
        }
        return i == e;
    }

    /**
     * Fast path: a word without digits or path/URL characters renders as itself, apart from user
     * strings and long hex words. Copies in the same pass that finds the end of the word.
     *
     * @return the end of the word when it was rendered, or {@code -i - 1} for the first character
     *     {@code i} that needs the slow path (nothing is written then)
     */
    private int renderPlainWord(int s) {
        char[] a = in;
        char[] o = out;
        int n = inLength;
        int start = outLength;
        int k = start;
        int run = -1;
        boolean hex = true;
        int i = s;
        for (; i < n; i++) {
            char c = a[i];
            int cls = CLASS[c];
            if ((cls & (DIGIT | SPECIAL | SPACE)) != 0) {
                if (cls == SPACE) {
                    break;
                }
                outLength = start;
                return -i - 1;
            }
            if ((cls & LETTER) != 0) {
                if (run < 0) {
                    run = i;
                    hex = true;
                }
                hex &= (cls & HEX) != 0;
            } else if (run >= 0) {
                k = finishLetterRun(run, i, k, hex);
                run = -1;
            }
            o[k++] = c;
        }
        outLength = run >= 0 ? finishLetterRun(run, i, k, hex) : k;
        return i;
    }

    /** A letter run {@code [s, e)} was copied and ends at {@code k} in the output; masks it if needed. */
    private int finishLetterRun(int s, int e, int k, boolean hex) {
        int len = e - s;
        if ((len >= 4 && len <= 5 && isUserString(s, e)) || (len >= 8 && hex && isStandaloneHex(s, e))) {
            outLength = k - len;
            appendVariable();
            return outLength;
        }
        return k;
    }

    /**
     * An atom is a run without strong delimiters. Slashes inside it separate parts (host/ip, PS/2);
     * a part directly before {@code :port} or before {@code /ip} is a host name.
     */
    private void renderAtom(int s, int end, int wordEnd, int bits) {
        boolean portFollows = portFollows(end, wordEnd);
        int e = end;
        while (e > s && in[e - 1] == '.') {
            e--;
        }
        if (e == s) {
            appendRange(s, end);
            return;
        }
        if ((bits & SLASH) == 0) {
            renderPart(s, e, portFollows, bits);
        } else {
            renderSlashedParts(s, e, portFollows);
        }
        appendRange(e, end);
    }

    private void appendRange(int s, int e) {
        for (int i = s; i < e; i++) {
            append(in[i]);
        }
    }

    private void renderSlashedParts(int s, int e, boolean portFollows) {
        int p = s;
        while (true) {
            int slash = p;
            while (slash < e && in[slash] != '/') {
                slash++;
            }
            boolean host = slash == e ? portFollows : NetworkTokens.isIpv4(in, slash + 1, nextSlash(slash + 1, e));
            if (isMonthBetweenSlashes(s, p, slash, e)) {
                appendVariable();
            } else {
                renderPart(p, slash, host, classBits(p, slash));
            }
            if (slash >= e) {
                return;
            }
            append('/');
            p = slash + 1;
        }
    }

    private int nextSlash(int from, int e) {
        int i = from;
        while (i < e && in[i] != '/') {
            i++;
        }
        return i;
    }

    private boolean portFollows(int colon, int wordEnd) {
        if (colon >= wordEnd || in[colon] != ':') {
            return false;
        }
        int i = colon + 1;
        while (i < wordEnd && isDigit(in[i])) {
            i++;
        }
        int digits = i - colon - 1;
        if (digits < 1 || digits > 5) {
            return false;
        }
        if (i + 1 < wordEnd && in[i] == ':' && isDigit(in[i + 1])) {
            return false;
        }
        return i == wordEnd || !isLetterOrDigit(in[i]);
    }

    private int classBits(int s, int e) {
        int bits = 0;
        for (int i = s; i < e; i++) {
            bits |= CLASS[in[i]];
        }
        return bits;
    }

    /** A part of an atom; {@code bits} are the class bits of (at least) its characters. */
    private void renderPart(int s, int e, boolean hostContext, int bits) {
        if (s >= e) {
            return;
        }
        if (isDigit(in[s]) && ((bits & HYPHEN) == 0 || !containsHyphen(s + 1, e))) {
            appendVariable();
            return;
        }
        boolean digit = (bits & DIGIT) != 0;
        boolean dotOrHyphen = (bits & (DOT | HYPHEN)) != 0;
        boolean underscore = (bits & UNDERSCORE) != 0;
        if (hostContext && (digit || dotOrHyphen) && NetworkTokens.isHostName(in, s, e)) {
            appendVariable();
            return;
        }
        if (!digit) {
            appendConstant(s, e);
            return;
        }
        if (NumberTokens.isHexLiteral(in, s, e) || NetworkTokens.isFqdnWithDigits(in, s, e)
                || (underscore && NumberTokens.isUnderscoreId(in, s, e))
                || NumberTokens.isVersion(in, s, e) || NumberTokens.isUuid(in, s, e)) {
            appendVariable();
            return;
        }
        renderHyphenated(s, e);
    }

    private boolean containsHyphen(int s, int e) {
        for (int i = s; i < e; i++) {
            if (in[i] == '-') {
                return true;
            }
        }
        return false;
    }

    /**
     * Splits at hyphens; a segment starting with a digit is a variable. Two plain integers stay
     * separate ({@code <*>-<*>}, a range); longer chains or chains with dotted/alphanumeric variables
     * collapse into one variable.
     */
    private void renderHyphenated(int s, int e) {
        int n = 0;
        int p = s;
        if (in[p] == '-' && p + 1 < e && isDigit(in[p + 1])) {
            p++;
        }
        int segFrom = s;
        for (int i = p; i <= e; i++) {
            if (i == e || in[i] == '-') {
                n = addSegment(n, segFrom, i);
                segFrom = i + 1;
            }
        }
        absorbHexNeighbours(n);
        int i = 0;
        while (i < n) {
            if (i > 0) {
                append('-');
            }
            if (segKind[i] == SEG_CONST) {
                renderDotted(segStart[i], segEnd[i]);
                i++;
                continue;
            }
            int j = i;
            boolean plain = true;
            while (j < n && segKind[j] != SEG_CONST) {
                plain &= segKind[j] == SEG_INT;
                j++;
            }
            if (j - i >= 3 || !plain) {
                appendVariable();
            } else {
                for (int k = i; k < j; k++) {
                    if (k > i) {
                        append('-');
                    }
                    appendVariable();
                }
            }
            i = j;
        }
    }

    /** In {@code b9000564-fe1a-409b}, {@code fe1a} belongs to the id around it, not to the words. */
    private void absorbHexNeighbours(int n) {
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int k = 0; k < n; k++) {
                boolean besideVariable = (k > 0 && segKind[k - 1] != SEG_CONST)
                        || (k + 1 < n && segKind[k + 1] != SEG_CONST);
                if (segKind[k] == SEG_CONST && besideVariable
                        && NumberTokens.isHexWithDigit(in, segStart[k], segEnd[k])) {
                    segKind[k] = SEG_VAR;
                    changed = true;
                }
            }
        }
    }

    private int addSegment(int n, int s, int e) {
        if (n == segStart.length) {
            segStart = java.util.Arrays.copyOf(segStart, n * 2);
            segEnd = java.util.Arrays.copyOf(segEnd, n * 2);
            segKind = java.util.Arrays.copyOf(segKind, n * 2);
        }
        segStart[n] = s;
        segEnd[n] = e;
        segKind[n] = segmentKind(s, e);
        return n + 1;
    }

    private byte segmentKind(int s, int e) {
        if (s >= e) {
            return SEG_CONST;
        }
        int from = in[s] == '-' && s + 1 < e ? s + 1 : s;
        if (isDigit(in[from])) {
            for (int i = from; i < e; i++) {
                if (!isDigit(in[i])) {
                    return SEG_VAR;
                }
            }
            return SEG_INT;
        }
        return NumberTokens.isLongHex(in, s, e) ? SEG_VAR : SEG_CONST;
    }

    /** Splits at dots: {@code core.2275} becomes {@code core.<*>}, {@code L3......0} keeps its dots. */
    private void renderDotted(int s, int e) {
        int from = s;
        for (int i = s; i <= e; i++) {
            if (i == e || in[i] == '.') {
                if (i > from) {
                    if (isDigit(in[from]) || NumberTokens.isLongHex(in, from, i)) {
                        appendVariable();
                    } else {
                        appendConstant(from, i);
                    }
                }
                if (i < e) {
                    append('.');
                }
                from = i + 1;
            }
        }
    }

    // ---------------------------------------------------------------- multi-word rules

    /**
     * A weekday/month-led date directly before a clock time folds into the time, and a year right after
     * it is absorbed too: {@code Fri Jun 17 07:07:00 2005} renders as {@code <*>:<*>:<*>}.
     *
     * @param p the end of the leading weekday or month word
     * @return the position after the consumed words, or -1 when they are not such a date
     */
    private int foldDateTime(int p) {
        int a = skipSpace(p);
        int b = wordEnd(a);
        for (int parts = 0; parts < 4 && a < inLength && DateTokens.isDatePart(in, a, b); parts++) {
            a = skipSpace(b);
            b = wordEnd(a);
        }
        if (a >= inLength || !DateTokens.isClock(in, a, b)) {
            return -1;
        }
        renderWord(a, b);
        int ys = skipSpace(b);
        int ye = wordEnd(ys);
        if (ys < inLength && isDigit(in[b - 1]) && DateTokens.isYear(in, ys, ye)) {
            return ye;
        }
        return b;
    }

    private void renderNumberWithUnit(int s, int us, int ue) {
        if (!isDigit(in[s]) && in[s] != '-') {
            append(in[s]);
        }
        appendVariable();
        int letters = us;
        while (letters < ue && isLetter(in[letters])) {
            letters++;
        }
        for (int i = letters; i < ue; i++) {
            appendDelimiter(in[i]);
        }
    }

    /** The end of the word after {@code e} when that word is a size unit, else -1; looks at few chars. */
    private int sizeUnitAfter(int e) {
        int us = skipSpace(e);
        int i = us;
        int limit = Math.min(inLength, us + 6);
        while (i < limit && in[i] > ' ') {
            i++;
        }
        if (i == us || (i < inLength && in[i] > ' ')) {
            return -1;
        }
        return NumberTokens.isSizeUnit(in, us, i) ? i : -1;
    }

    // ---------------------------------------------------------------- whole-token matchers

    private int matchUrl(int p, int e) {
        return matchUrl(p, e, true);
    }

    /**
     * {@code scheme://rest}: the scheme stays; a rest with digits is one variable ({@code <*>:<*>} when
     * it is just host:port), a rest without digits (a documentation link) stays constant.
     */
    private int matchUrl(int p, int e, boolean render) {
        if (!isLetter(in[p])) {
            return -1;
        }
        int j = p + 1;
        while (j < e && (isLetterOrDigit(in[j]) || in[j] == '+' || in[j] == '.' || in[j] == '-')) {
            j++;
        }
        if (j + 2 >= e || in[j] != ':' || in[j + 1] != '/' || in[j + 2] != '/') {
            return -1;
        }
        int body = j + 3;
        int end = e;
        while (end > body && PathTokens.isUrlTrailer(in[end - 1])) {
            end--;
        }
        if (!render) {
            return e;
        }
        boolean digit = false;
        int colon = -1;
        for (int i = body; i < end; i++) {
            digit |= isDigit(in[i]);
            if (in[i] == ':') {
                colon = i;
            }
        }
        if (!digit) {
            appendRange(p, e);
            return e;
        }
        appendRange(p, body);
        if (colon > body && NetworkTokens.isHostName(in, body, colon) && NumberTokens.isAllDigits(in, colon + 1, end)) {
            appendVariable();
            append(':');
            appendVariable();
        } else {
            appendVariable();
        }
        for (int i = end; i < e; i++) {
            appendDelimiter(in[i]);
        }
        return e;
    }

    /**
     * The words true, false, null, root and admin as whole words: the literal values of boolean and nullable
     * fields ({@code enabled=true}, {@code owner: null}) and the two default account names every system has
     * ({@code session opened for user root}), which stand where any other user name could. Kept on evidence:
     * without root and admin, Linux's GA falls from 0.993 to 0.871 (a user column of few distinct names splits
     * one event into several); without true, false and null, GA is unchanged on the 8 corrected label sets and
     * Android's original labels (which keep booleans as words) gain, a convention of that label set only.
     */
    private boolean isUserString(int s, int e) {
        char c = (char) (in[s] | 0x20);
        if (c != 't' && c != 'f' && c != 'n' && c != 'r' && c != 'a') {
            return false;
        }
        if (s > 0 && !isKhanBoundary(in[s - 1])) {
            return false;
        }
        if (e < inLength && !isKhanBoundary(in[e])) {
            return false;
        }
        for (String u : USER_STRINGS) {
            if (regionEquals(in, s, e, u, true)) {
                return true;
            }
        }
        return false;
    }

    private boolean isStandaloneHex(int s, int e) {
        return (s == 0 || !isLetterOrDigit(in[s - 1])) && (e == inLength || !isLetterOrDigit(in[e]))
                && NumberTokens.isLongHex(in, s, e);
    }


}
