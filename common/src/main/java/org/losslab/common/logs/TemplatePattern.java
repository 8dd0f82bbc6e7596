package org.losslab.common.logs;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A template compiled for matching raw messages: the literal pieces between {@code <*>}s. A space in a
 * literal matches one or more whitespace characters and every {@code <*>} matches the shortest possible
 * stretch, possibly empty (the regex {@code (.*?)} of the Loghub tools, so {@code (<*>)} also covers
 * {@code ()}), anchored at both ends of the trimmed message.
 */
final class TemplatePattern implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final int STEP_BUDGET = 20_000;

    private final String[] literals;

    TemplatePattern(String template) {
        List<String> parts = new ArrayList<>();
        int from = 0;
        while (true) {
            int v = template.indexOf(ContentMasker.VARIABLE, from);
            if (v < 0) {
                parts.add(template.substring(from));
                break;
            }
            parts.add(template.substring(from, v));
            from = v + ContentMasker.VARIABLE.length();
        }
        this.literals = parts.toArray(new String[0]);
    }

    /** Number of variables. */
    int variableCount() {
        return literals.length - 1;
    }

    /**
     * Matches {@code text} and writes the variable spans as (start, end) pairs into {@code spans}.
     *
     * @return true when the whole trimmed text matches
     */
    boolean match(CharSequence text, int[] spans) {
        char[] chars = new char[text.length()];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = text.charAt(i);
        }
        return match(chars, chars.length, spans);
    }

    /** As {@link #match(CharSequence, int[])} over the first {@code length} chars of a buffer. */
    boolean match(char[] text, int length, int[] spans) {
        int start = 0;
        int end = length;
        while (start < end && text[start] <= ' ') {
            start++;
        }
        while (end > start && text[end - 1] <= ' ') {
            end--;
        }
        int pos = matchLiteral(literals[0], text, start, end);
        if (pos < 0) {
            return false;
        }
        if (literals.length == 1) {
            return pos == end;
        }
        int[] steps = {0};
        return matchVariable(1, text, pos, end, spans, steps);
    }

    /** Variable {@code i-1} starts at {@code pos}; literal {@code i} must follow it. */
    private boolean matchVariable(int i, char[] text, int pos, int end, int[] spans, int[] steps) {
        String lit = literals[i];
        boolean last = i == literals.length - 1;
        spans[2 * (i - 1)] = pos;
        if (last && lit.isEmpty()) {
            spans[2 * (i - 1) + 1] = end;
            return true;
        }
        char first = lit.isEmpty() ? 0 : lit.charAt(0);
        for (int x = pos; x <= end; x++) {
            if (++steps[0] > STEP_BUDGET) {
                return false;
            }
            if (first != 0 && (x >= end || !sameClass(first, text[x]))) {
                continue;
            }
            int next = matchLiteral(lit, text, x, end);
            if (next < 0) {
                continue;
            }
            spans[2 * (i - 1) + 1] = x;
            if (last ? next == end : matchVariable(i + 1, text, next, end, spans, steps)) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameClass(char literal, char c) {
        return literal == ' ' ? c <= ' ' : literal == c;
    }

    private static int matchLiteral(String lit, char[] text, int pos, int end) {
        int p = pos;
        for (int k = 0, n = lit.length(); k < n; k++) {
            char c = lit.charAt(k);
            if (c == ' ') {
                if (p >= end || text[p] > ' ') {
                    return -1;
                }
                while (p < end && text[p] <= ' ') {
                    p++;
                }
            } else {
                if (p >= end || text[p] != c) {
                    return -1;
                }
                p++;
            }
        }
        return p;
    }
}
