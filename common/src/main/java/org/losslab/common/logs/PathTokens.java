package org.losslab.common.logs;

import static org.losslab.common.logs.CharClass.isLetter;
import static org.losslab.common.logs.CharClass.isPathStop;

/**
 * Recognisers of file-system locations, each a static test over the tokenizer's {@code char[]}: absolute
 * ({@code /var/lib/app/17.db}), relative ({@code ./cache/a}, {@code ../x}, {@code ~/x}) and Windows
 * ({@code C:\data\run.log}) paths name one file among many, so each is one variable. A path followed by a
 * query string ({@code /api/items/42?page=3&size=20}, the request target of an HTTP access log) is one variable
 * through the end of its query: the parameters vary per request as the path does, and cutting at the {@code ?}
 * would leave a different number of pieces for every request.
 */
final class PathTokens {
    private PathTokens() {
    }

    /** Absolute ({@code /a/b}), relative ({@code ./a}, {@code ../a}, {@code ~/a}) or Windows paths. */
    static int matchPath(char[] in, int p, int e) {
        char c = in[p];
        int body;
        if (c == '/') {
            body = p + 1;
        } else if (c == '.' && p + 1 < e && in[p + 1] == '/') {
            body = p + 2;
        } else if (c == '.' && p + 2 < e && in[p + 1] == '.' && in[p + 2] == '/') {
            body = p + 3;
        } else if (c == '~' && p + 1 < e && in[p + 1] == '/') {
            body = p + 2;
        } else if (isLetter(c) && p + 2 < e && in[p + 1] == ':' && in[p + 2] == '\\') {
            body = p + 3;
        } else {
            return -1;
        }
        if (body >= e || in[body] == '/' || isPathStop(in[body])) {
            return -1;
        }
        int q = body;
        while (q < e) {
            char ch = in[q];
            if (isPathStop(ch)) {
                boolean driveSeparator = ch == ':' && q + 1 < e && (in[q + 1] == '/' || in[q + 1] == '\\');
                if (!driveSeparator) {
                    break;
                }
            }
            q++;
        }
        int query = body;
        while (query < q && in[query] != '?') {
            query++;
        }
        if (query < q) {
            q = e;
            while (q > body && isUrlTrailer(in[q - 1])) {
                q--;
            }
        }
        return q;
    }

    /** Punctuation that closes the sentence or bracket around a URL rather than belonging to it. */
    static boolean isUrlTrailer(char c) {
        return c == ']' || c == ')' || c == '}' || c == '>' || c == ',' || c == '.' || c == ';' || c == '\''
                || c == '"';
    }
}
