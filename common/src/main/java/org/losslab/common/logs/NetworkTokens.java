package org.losslab.common.logs;

import static org.losslab.common.logs.CharClass.isDigit;
import static org.losslab.common.logs.CharClass.isHex;
import static org.losslab.common.logs.CharClass.isLetter;
import static org.losslab.common.logs.CharClass.isLetterOrDigit;

/**
 * Recognisers of network addresses in a log token, each a static test over the tokenizer's {@code char[]}
 * ({@code [s, e)} or from {@code p}). Addresses identify one machine or interface among many, so they are
 * variables in every log: IPv4 ({@code 192.0.2.7}), IPv6 ({@code 2001:db8::17}), MAC addresses
 * ({@code 00:1b:44:11:3a:b7}), host names before a port ({@code build-7.example.net:8443}) and fully
 * qualified names with digits ({@code node12.rack3.example.org}).
 */
final class NetworkTokens {
    private NetworkTokens() {
    }

    static boolean isIpv4(char[] in, int s, int e) {
        int i = s;
        for (int g = 0; g < 4; g++) {
            int d = i;
            while (i < e && isDigit(in[i])) {
                i++;
            }
            if (i - d < 1 || i - d > 3) {
                return false;
            }
            if (g < 3) {
                if (i >= e || in[i] != '.') {
                    return false;
                }
                i++;
            }
        }
        return i == e;
    }

    /**
     * An IPv6 address ({@code fe80::1}, {@code 2001:db8:0:0:8:800:200c:417a}, {@code ::ffff:192.0.2.7},
     * {@code fe80::1%eth0}): groups of 1-4 hex digits joined by ':', either all eight of them or fewer with
     * one {@code ::} standing for the zero groups left out, the last two groups possibly written as an
     * IPv4 address, and an optional {@code %zone}. Eight groups or a {@code ::} is what keeps a clock
     * ({@code 12:30:45}) and a ratio ({@code 3:2}) out, and a digit somewhere a C++ scope of hex-letter
     * words ({@code Beef::feed}).
     *
     * @return the end of the address, or -1
     */
    static int matchIpv6(char[] in, int p, int e) {
        int q = p;
        while (q < e && (isHex(in[q]) || in[q] == ':' || in[q] == '.')) {
            q++;
        }
        while (q > p && in[q - 1] == '.') {
            q--; // sentence punctuation
        }
        if (q < e && isLetterOrDigit(in[q]) || (p > 0 && isLetterOrDigit(in[p - 1]))) {
            return -1;
        }
        int groups = 0;
        int colons = 0;
        boolean compressed = false;
        boolean digit = false;
        int i = p;
        while (i < q) {
            digit |= isDigit(in[i]);
            if (in[i] == ':') {
                if (i + 1 < q && in[i + 1] == ':') {
                    if (compressed) {
                        return -1;
                    }
                    compressed = true;
                    colons += 2;
                    i += 2;
                    continue;
                }
                if (i == p || i + 1 == q) {
                    return -1; // a lone ':' at either end is punctuation, not '::'
                }
                colons++;
                i++;
                continue;
            }
            int g = i;
            boolean dot = false;
            while (i < q && in[i] != ':') {
                dot |= in[i] == '.';
                digit |= isDigit(in[i]);
                i++;
            }
            if (dot) {
                if (i != q || !isIpv4(in, g, i)) {
                    return -1;
                }
                groups += 2;
            } else {
                if (i - g > 4) {
                    return -1;
                }
                groups++;
            }
        }
        if (!digit || colons < 2 || groups == 0 || (compressed ? groups > 7 : groups != 8)) {
            return -1;
        }
        if (q + 1 < e && in[q] == '%' && isLetterOrDigit(in[q + 1])) {
            q++;
            while (q < e && (isLetterOrDigit(in[q]) || in[q] == '.' || in[q] == '_')) {
                q++;
            }
        }
        return q;
    }

    /** Six or more two-digit hex groups separated by ':' or '-'. */
    static int matchMac(char[] in, int p, int e) {
        int i = p;
        int groups = 0;
        while (i + 1 < e && isHex(in[i]) && isHex(in[i + 1])) {
            groups++;
            i += 2;
            if (i < e && (in[i] == ':' || in[i] == '-') && i + 2 < e && isHex(in[i + 1]) && isHex(in[i + 2])) {
                i++;
            } else {
                break;
            }
        }
        if (groups >= 6 && (i == e || !isLetterOrDigit(in[i]))) {
            return i;
        }
        return -1;
    }

    /**
     * An e-mail address, {@code local@domain.tld} ({@code ann.lee@example.com}, {@code ops+alerts@mail.example.org}):
     * the mailbox of a person or a team, data like a host name whatever its letters, so masked even when a sample
     * holds few of them. The domain needs a dot and a top-level domain of letters, which {@code Class@1a2b3c} (a
     * Java object's default string) and {@code user@host} have not.
     *
     * @return the end of the address starting at {@code s}, or -1
     */
    static int matchEmail(char[] in, int s, int e) {
        int at = s;
        while (at < e && in[at] != '@') {
            char c = in[at];
            if (!isLetterOrDigit(c) && c != '.' && c != '_' && c != '-' && c != '+' && c != '%') {
                return -1;
            }
            at++;
        }
        if (at == s || at >= e - 1) {
            return -1;
        }
        int end = at + 1;
        int lastDot = -1;
        while (end < e && (isLetterOrDigit(in[end]) || in[end] == '-'
                || in[end] == '.' && end + 1 < e && isLetterOrDigit(in[end + 1]) && in[end - 1] != '@')) {
            lastDot = in[end] == '.' ? end : lastDot;
            end++;
        }
        if (lastDot < 0 || end - lastDot - 1 < 2) {
            return -1;
        }
        for (int i = lastDot + 1; i < end; i++) {
            if (!isLetter(in[i])) {
                return -1;
            }
        }
        return end;
    }

    static boolean isHostName(char[] in, int s, int e) {
        if (s >= e || isSourceFile(in, s, e)) {
            return false;
        }
        for (int i = s; i < e; i++) {
            char c = in[i];
            if (!isLetterOrDigit(c) && c != '.' && c != '-' && c != '_') {
                return false;
            }
        }
        return true;
    }

    /** Extensions of source files that no top-level domain has (so {@code example.pl} stays a host). */
    private static final java.util.Set<String> SOURCE_EXTENSIONS = java.util.Set.of("java", "scala", "kt", "groovy",
            "go", "c", "h", "cpp", "cxx", "hpp", "rb", "js", "ts", "swift", "php", "lua", "erl", "cs");

    /**
     * {@code Name.ext} with a source-code extension: before {@code :123} it is the file of a stack frame or a
     * compiler message ({@code at x.Server.run(Server.java:117)}, {@code main.go:42}), a constant of the code
     * that logged, not a host whose name varies.
     */
    static boolean isSourceFile(char[] in, int s, int e) {
        int dot = e - 1;
        while (dot > s && in[dot] != '.') {
            dot--;
        }
        if (dot <= s || !isLetter(in[s]) || e - dot - 1 < 1 || e - dot - 1 > 6) {
            return false;
        }
        for (int i = s; i < dot; i++) {
            if (!isLetterOrDigit(in[i]) && in[i] != '_' && in[i] != '$') {
                return false;
            }
        }
        return SOURCE_EXTENSIONS.contains(new String(in, dot + 1, e - dot - 1));
    }

    /** At least three labels, the last alphabetic (a TLD), digits only in the first label. */
    static boolean isFqdnWithDigits(char[] in, int s, int e) {
        int labels = 0;
        int labelStart = s;
        boolean digitInFirst = false;
        for (int i = s; i <= e; i++) {
            if (i == e || in[i] == '.') {
                if (i == labelStart) {
                    return false;
                }
                labels++;
                labelStart = i + 1;
                continue;
            }
            char c = in[i];
            if (isDigit(c)) {
                if (labels > 0) {
                    return false;
                }
                digitInFirst = true;
            } else if (!isLetter(c) && c != '-') {
                return false;
            }
        }
        if (labels < 3 || !digitInFirst) {
            return false;
        }
        int tld = e;
        while (tld > s && in[tld - 1] != '.') {
            tld--;
        }
        if (e - tld < 2 || e - tld > 4) {
            return false;
        }
        for (int i = tld; i < e; i++) {
            if (!isLetter(in[i])) {
                return false;
            }
        }
        return true;
    }
}
