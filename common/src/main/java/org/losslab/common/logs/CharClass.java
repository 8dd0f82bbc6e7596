package org.losslab.common.logs;

/**
 * The character classes the log tokenizer and its recognisers test: one table lookup per UTF-16 code unit. Letters
 * are Unicode letters; delimiters are the ASCII punctuation that separates tokens in logs at large.
 */
final class CharClass {
    private CharClass() {
    }

    static final short LETTER = 1;
    static final short DIGIT = 2;
    /** Characters that always separate tokens and are kept verbatim. */
    static final short STRONG = 4;
    /** Characters that force the slow path (paths, URLs, host:port, IPv6). */
    static final short SPECIAL = 8;
    /** Delimiters of the Loghub-2.0 rules when looking for the user-string words. */
    static final short KHAN_DELIM = 16;
    static final short HEX = 32;
    /** Characters that end a path. */
    static final short PATH_STOP = 64;
    /** Whitespace or a control character: separates words. */
    static final short SPACE = 128;
    static final short SLASH = 256;
    static final short BACKSLASH = 512;
    static final short DOT = 1024;
    static final short HYPHEN = 2048;
    static final short UNDERSCORE = 4096;
    /** {@code @}: takes a word to the slow path, where e-mail addresses are recognised. */
    static final short AT = 8192;

    /** Class bits of every UTF-16 code unit, so the scanner needs one lookup per character. */
    static final short[] CLASS = new short[65536];

    static {
        for (int c = 128; c < 65536; c++) {
            if (Character.isLetter((char) c)) {
                CLASS[c] = LETTER;
            }
        }
        for (char c = 0; c <= ' '; c++) {
            CLASS[c] = SPACE;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            CLASS[c] |= LETTER;
            CLASS[Character.toUpperCase(c)] |= LETTER;
        }
        for (char c = '0'; c <= '9'; c++) {
            CLASS[c] |= DIGIT | HEX;
        }
        for (char c = 'a'; c <= 'f'; c++) {
            CLASS[c] |= HEX;
            CLASS[Character.toUpperCase(c)] |= HEX;
        }
        mark(",;:=|\"'[](){}<>#@$!?&", STRONG);
        mark("/\\<>:", SPECIAL);
        mark(",!;:=|\"'[](){}.-+@#$%&", KHAN_DELIM);
        mark(",;:=|\"'[](){}<>", PATH_STOP);
        mark("/", SLASH);
        mark("\\", BACKSLASH);
        mark(".", DOT);
        mark("-", HYPHEN);
        mark("_", UNDERSCORE);
        mark("@", (short) (AT | SPECIAL));
    }

    private static void mark(String chars, short bit) {
        for (char c : chars.toCharArray()) {
            CLASS[c] |= bit;
        }
    }


    static boolean isLetter(char c) {
        return (CLASS[c] & LETTER) != 0;
    }

    static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isLetterOrDigit(char c) {
        return (CLASS[c] & (LETTER | DIGIT)) != 0;
    }

    static boolean isHex(char c) {
        return (CLASS[c] & HEX) != 0;
    }

    static boolean isStrong(char c) {
        return (CLASS[c] & STRONG) != 0;
    }

    static boolean isPathStop(char c) {
        return (CLASS[c] & (PATH_STOP | SPACE)) != 0;
    }

    static boolean isKhanBoundary(char c) {
        return (CLASS[c] & (KHAN_DELIM | SPACE)) != 0;
    }

    static boolean regionEquals(char[] in, int s, int e, String word, boolean ignoreCase) {
        if (e - s != word.length()) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            char a = in[s + i];
            char b = word.charAt(i);
            if (a != b && (!ignoreCase || Character.toLowerCase(a) != b)) {
                return false;
            }
        }
        return true;
    }
}
