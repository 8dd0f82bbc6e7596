package org.losslab.common.logs;

import static org.losslab.common.logs.CharClass.isDigit;
import static org.losslab.common.logs.CharClass.isLetter;
import static org.losslab.common.logs.CharClass.isUpper;
import static org.losslab.common.logs.CharClass.regionEquals;

/**
 * Recognisers of calendar and clock tokens, each a static test over the tokenizer's {@code char[]}: a date or a
 * time of day says when, never what, so it is a variable in every log ({@code Tue Mar 5 09:14:07 2024},
 * {@code 23:59:01.250}). Weekday and month names count only capitalised and only next to a clock time, so the
 * word "may" in a sentence stays a word.
 */
final class DateTokens {
    private DateTokens() {
    }

    private static final int[] WEEKDAYS = packAll("mon", "tue", "wed", "thu", "fri", "sat", "sun");

    private static final int[] MONTHS = packAll("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
        "oct", "nov", "dec");

    private static final String[] WEEKDAY_NAMES = {"monday", "tuesday", "wednesday", "thursday", "friday",
        "saturday", "sunday"};

    private static final String[] MONTH_NAMES = {"january", "february", "march", "april", "may", "june", "july",
        "august", "september", "october", "november", "december"};

    static boolean isDatePart(char[] in, int s, int e) {
        int end = in[e - 1] == ',' ? e - 1 : e;
        if (end - s >= 3 && isLetter(in[s])) {
            return isWeekday(in, s, end) || isMonth(in, s, end);
        }
        int digits = 0;
        for (int i = s; i < end; i++) {
            if (!isDigit(in[i])) {
                return false;
            }
            digits++;
        }
        return digits == 1 || digits == 2 || digits == 4;
    }

    static boolean isYear(char[] in, int s, int e) {
        if (e - s != 4) {
            return false;
        }
        for (int i = s; i < e; i++) {
            if (!isDigit(in[i])) {
                return false;
            }
        }
        return in[s] == '1' || in[s] == '2';
    }

    /** {@code h:mm}, {@code hh:mm:ss} with an optional fraction. */
    static boolean isClock(char[] in, int s, int e) {
        int i = s;
        int groups = 0;
        while (true) {
            int d = i;
            while (i < e && isDigit(in[i])) {
                i++;
            }
            int len = i - d;
            if (len < 1 || len > 2 || (groups > 0 && len != 2)) {
                return false;
            }
            groups++;
            if (i < e && in[i] == ':' && groups < 3) {
                i++;
                continue;
            }
            break;
        }
        if (groups < 2) {
            return false;
        }
        if (i < e && (in[i] == '.' || in[i] == ',') && i + 1 < e && isDigit(in[i + 1])) {
            i++;
            while (i < e && isDigit(in[i])) {
                i++;
            }
        }
        return i == e;
    }

    static boolean isWeekday(char[] in, int s, int e) {
        return isCalendarWord(in, s, e, WEEKDAYS, WEEKDAY_NAMES);
    }

    static boolean isMonth(char[] in, int s, int e) {
        return isCalendarWord(in, s, e, MONTHS, MONTH_NAMES);
    }

    private static boolean isCalendarWord(char[] in, int s, int e, int[] abbreviations, String[] fullNames) {
        int len = e - s;
        if (len < 3 || !isUpper(in[s])) {
            return false;
        }
        int key = packLower3(in[s], in[s + 1], in[s + 2]);
        for (int k = 0; k < abbreviations.length; k++) {
            if (abbreviations[k] == key) {
                return len == 3 || regionEquals(in, s, e, fullNames[k], true);
            }
        }
        return false;
    }

    private static int packLower3(char a, char b, char c) {
        return ((a | 0x20) << 16) | ((b | 0x20) << 8) | (c | 0x20);
    }

    private static int[] packAll(String... words) {
        int[] keys = new int[words.length];
        for (int i = 0; i < words.length; i++) {
            keys[i] = packLower3(words[i].charAt(0), words[i].charAt(1), words[i].charAt(2));
        }
        return keys;
    }
}
