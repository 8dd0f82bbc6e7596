package org.losslab.common.logs;

import static org.losslab.common.logs.CharClass.isDigit;
import static org.losslab.common.logs.CharClass.isHex;
import static org.losslab.common.logs.CharClass.isLetter;
import static org.losslab.common.logs.CharClass.isLetterOrDigit;
import static org.losslab.common.logs.CharClass.regionEquals;

/**
 * Recognisers of numeric tokens, each a static test over the tokenizer's {@code char[]}: a number is a value,
 * not an event word, in every log, and so are ids with numeric parts. Thousands groups ({@code 1,048,576}),
 * numbers with a size unit ({@code 1.5 GB}), hex literals ({@code 0x7fff}) and long hex words
 * ({@code 9f86d081}), UUIDs, versions ({@code v2.4.1}), underscore-joined ids with a numeric part ({@code job_17_3},
 * {@code part_-42}).
 */
final class NumberTokens {
    private NumberTokens() {
    }

    private static final String[] SIZE_UNITS = {"B", "KB", "MB", "GB", "TB", "PB", "kB", "KiB", "MiB", "GiB",
        "TiB", "kb", "mb", "gb", "tb", "Kb", "Mb", "Gb"};

    /** Digit groups of three after a comma: {@code 1,234,567} (a count written for people). */
    static int matchThousands(char[] in, int p, int e) {
        if (!isDigit(in[p])) {
            return -1;
        }
        int i = p;
        while (i < e && isDigit(in[i])) {
            i++;
        }
        int lead = i - p;
        if (lead < 1 || lead > 3) {
            return -1;
        }
        int groups = 0;
        while (i + 4 <= e && in[i] == ',' && isDigit(in[i + 1]) && isDigit(in[i + 2]) && isDigit(in[i + 3])
                && (i + 4 == e || !isDigit(in[i + 4]))) {
            i += 4;
            groups++;
        }
        return groups > 0 && (i == e || !isLetterOrDigit(in[i])) ? i : -1;
    }

    static boolean isNumberWord(char[] in, int s, int e) {
        int i = s;
        if (in[i] == '(' || in[i] == '[') {
            i++;
        }
        if (i < e && (in[i] == '-' || in[i] == '+')) {
            i++;
        }
        int digits = 0;
        while (i < e && (isDigit(in[i]) || in[i] == '.' || in[i] == ',')) {
            digits += isDigit(in[i]) ? 1 : 0;
            i++;
        }
        return i == e && digits > 0 && isDigit(in[e - 1]);
    }

    static boolean isSizeUnit(char[] in, int s, int e) {
        int letters = s;
        while (letters < e && isLetter(in[letters])) {
            letters++;
        }
        if (letters == s || letters - s > 3 || (in[letters - 1] | 0x20) != 'b') {
            return false;
        }
        for (int i = letters; i < e; i++) {
            char c = in[i];
            if (c != ',' && c != ')' && c != ']' && c != ';' && c != '.') {
                return false;
            }
        }
        for (String unit : SIZE_UNITS) {
            if (regionEquals(in, s, letters, unit, false)) {
                return true;
            }
        }
        return false;
    }

    static boolean isHexLiteral(char[] in, int s, int e) {
        int from = in[s] == '-' ? s + 1 : s;
        return e - from > 2 && in[from] == '0' && (in[from + 1] == 'x' || in[from + 1] == 'X')
                && isHex(in[from + 2]);
    }

    /** A hex word of 6+ characters with a digit ({@code ffff3000}) or of 8+ characters ({@code ffffffff}). */
    static boolean isLongHex(char[] in, int s, int e) {
        if (e - s < 6) {
            return false;
        }
        boolean digit = false;
        for (int i = s; i < e; i++) {
            char c = in[i];
            if (!isHex(c)) {
                return false;
            }
            digit |= isDigit(c);
        }
        return digit || e - s >= 8;
    }

    /** {@code v1.2}, {@code V2.0.1}. */
    static boolean isVersion(char[] in, int s, int e) {
        if (e - s < 4 || (in[s] != 'v' && in[s] != 'V') || !isDigit(in[s + 1])) {
            return false;
        }
        for (int i = s + 2; i + 1 < e; i++) {
            if (in[i] == '.' && isDigit(in[i + 1])) {
                return true;
            }
            if (!isDigit(in[i])) {
                return false;
            }
        }
        return false;
    }

    /** {@code job_17}, {@code part_-42}, {@code task_2024_0311_r_000007}: some part after a '_' is a number. */
    static boolean isUnderscoreId(char[] in, int s, int e) {
        int from = s;
        for (int i = s; i <= e; i++) {
            if (i == e || in[i] == '_') {
                if (i > from) {
                    char c = in[from];
                    if (isDigit(c) || (c == '-' && from + 1 < i && isDigit(in[from + 1]))) {
                        return true;
                    }
                }
                from = i + 1;
            }
        }
        return false;
    }

    static boolean isAllDigits(char[] in, int s, int e) {
        if (s >= e) {
            return false;
        }
        for (int i = s; i < e; i++) {
            if (!isDigit(in[i])) {
                return false;
            }
        }
        return true;
    }

    /**
     * A UUID in its canonical form, five hex groups of 8-4-4-4-12 ({@code 3f2b8c1e-dadc-4c56-936f-8d6d8ec45803}):
     * one id, whichever of its groups happen to hold only the letters a-f ({@code dadc}), which the hyphen
     * rules alone would keep as words.
     */
    static boolean isUuid(char[] in, int s, int e) {
        if (e - s != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = in[s + i];
            boolean hyphen = i == 8 || i == 13 || i == 18 || i == 23;
            if (hyphen ? c != '-' : !isHex(c)) {
                return false;
            }
        }
        return true;
    }

    static boolean isHexWithDigit(char[] in, int s, int e) {
        boolean digit = false;
        for (int i = s; i < e; i++) {
            if (!isHex(in[i])) {
                return false;
            }
            digit |= isDigit(in[i]);
        }
        return digit;
    }
}
