package org.losslab.common.logs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How {@link TemplateGrouper} reads a masked signature as tokens before grouping: spans that print one value
 * become one token ({@link #joinSpans}), runs of variables collapse into one ({@link #collapseRuns}) and a JSON
 * object printed without spaces splits into its fields ({@link #splitJsonObjects}). All three keep the lines of
 * one event in one bucket of equal token count however many words its values hold. Static helpers over strings;
 * each rule's reason and invented examples are in its Javadoc and in {@code TemplateMinerTest}.
 */
final class SignatureTokens {
    private static final String VAR = ContentMasker.VARIABLE;

    private SignatureTokens() {
    }

    /**
     * Splits each JSON object printed without spaces into its top-level fields, each a token glued to the one
     * before it ({@code {"user":"ann","ok":<*>}} becomes {@code {"user":"ann",} {@code "ok":<*>}}). Most JSON
     * serialisers (Jackson, Go's encoding/json, JavaScript's JSON.stringify) print no spaces, so to the space
     * tokenizer a structured log line is one word and every distinct value in it would be an event of its own;
     * as fields, each value is a column judged like any other, and rendering glues the fields back together.
     * A token is an object when it opens with <code>{"</code> and its braces, outside strings, close at its
     * last character; {@code runs} and {@code glued} are kept aligned with {@code tokens}.
     */
    static void splitJsonObjects(List<String> tokens, List<String> runs, List<Boolean> glued) {
        for (int i = 0; i < tokens.size(); i++) {
            List<String> fields = jsonFields(tokens.get(i));
            if (fields == null || fields.size() < 2) {
                glued.add(false);
                continue;
            }
            tokens.remove(i);
            runs.remove(i);
            tokens.addAll(i, fields);
            for (int k = 0; k < fields.size(); k++) {
                runs.add(i, null);
                glued.add(k > 0);
            }
            i += fields.size() - 1;
        }
    }

    /** The top-level fields of a compact JSON object token, each with its comma, or null. */
    private static List<String> jsonFields(String token) {
        if (!token.startsWith("{\"") || !token.endsWith("}")) {
            return null;
        }
        List<String> fields = new ArrayList<>();
        int depth = 0;
        boolean inString = false;
        int from = 0;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
                if (depth == 0 && i != token.length() - 1) {
                    return null;
                }
            } else if (c == ',' && depth == 1) {
                fields.add(token.substring(from, i + 1));
                from = i + 1;
            }
        }
        if (depth != 0 || inString) {
            return null;
        }
        fields.add(token.substring(from));
        return fields;
    }

    /**
     * Collapses each run of variables into one token: adjacent {@code <*>} ({@code <*> <*>}, a value of several
     * words) and a comma-separated list of them ({@code <*>, <*>, <*>}, a list printed without brackets), so
     * that the lines of one event stay in one bucket when the run's length varies. The collapsed token is
     * {@code <*>}, or {@code <*>,} when the run ends with a comma; {@code runs} gets the run as written (null
     * for other tokens), which the template keeps when every line of it has the same run. A lone {@code <*>,}
     * stays as it is.
     */
    static void collapseRuns(String[] raw, List<String> tokens, List<String> runs) {
        String listed = VAR + ",";
        for (int i = 0; i < raw.length; i++) {
            int j = i;
            while (j < raw.length && (raw[j].equals(VAR) || raw[j].equals(listed))) {
                j++;
            }
            if (j == i || j - i == 1 && raw[i].equals(listed)) {
                tokens.add(raw[i]);
                runs.add(null);
                continue;
            }
            tokens.add(raw[j - 1].equals(listed) ? listed : VAR);
            runs.add(String.join(" ", Arrays.asList(raw).subList(i, j)));
            i = j - 1;
        }
    }

    /**
     * Joins each span of tokens that prints one value into one token, so that the lines of one event stay in one
     * bucket when that value's word count varies, and the span is one column for the per-position statistics:
     * many distinct values make it one variable ({@code "<*>"}, {@code [<*>]}), one value everywhere keeps it
     * literal text. These kinds of span, each a value in logs at large:
     * <ul>
     *   <li>a double-quoted string, which a program prints as one argument however many words it holds
     *       ({@code user "Ann Lee" logged in}, {@code folder "Q3 reports" deleted}): it opens at a token with
     *       an odd number of quotes and closes at the next such token;</li>
     *   <li>a single-quoted string of several words ({@link #singleQuoteClose}), and a parenthesised group of
     *       several words ({@link #parenClose});</li>
     *   <li>a collection printed as comma-separated elements in brackets or braces, as Java's and Python's
     *       lists, sets and maps print ({@code moved [orders-3, orders-7] to broker 2},
     *       {@code tags {env=prod, team=search}}) and objects print their fields
     *       ({@code Order{id=7, customer=Ann de la Cruz, items=3}}): it opens at a token that leaves a bracket open
     *       and ends with a comma, every element inside is one token ending with a comma or a {@code key=value}
     *       whose value has more words (without {@code =} or {@code :}), and it closes where the brackets
     *       balance. Brackets around words that are not a comma-separated list ({@code [client <*>]}, JSON with
     *       {@code "key": value} pairs) join nothing;</li>
     *   <li>outside brackets, a field of a comma-separated {@code key=value} list whose value has several
     *       words ({@code id=7, customer=Ann de la Cruz, items=3}).</li>
     * </ul>
     * A span that never closes joins nothing.
     */
    static String[] joinSpans(String[] tokens) {
        List<String> out = null;
        for (int i = 0; i < tokens.length; i++) {
            int close = quoteClose(tokens, i);
            if (close < 0) {
                close = singleQuoteClose(tokens, i);
            }
            if (close < 0) {
                close = parenClose(tokens, i);
            }
            if (close < 0) {
                close = collectionClose(tokens, i);
            }
            if (close < 0) {
                close = fieldValueClose(tokens, i);
            }
            if (close < 0) {
                if (out != null) {
                    out.add(tokens[i]);
                }
                continue;
            }
            if (out == null) {
                out = new ArrayList<>(Arrays.asList(tokens).subList(0, i));
            }
            out.add(String.join(" ", Arrays.asList(tokens).subList(i, close + 1)));
            i = close;
        }
        return out == null ? tokens : out.toArray(new String[0]);
    }

    private static int quoteClose(String[] tokens, int open) {
        if (count(tokens[open], '"') % 2 == 0) {
            return -1;
        }
        for (int j = open + 1; j < tokens.length; j++) {
            if (count(tokens[j], '"') % 2 == 1) {
                return j;
            }
        }
        return -1;
    }

    /**
     * A single-quoted span of several words ({@code could not open 'Q3 budget draft.txt': denied},
     * {@code name='Ann Lee'}): it opens at a token whose quote starts the token or follows {@code =}, {@code :} or
     * an opening bracket and is not closed in that token, and closes at the first later token whose last quote is
     * followed by nothing but punctuation. Apostrophes inside words ({@code don't}) neither open nor close one.
     */
    private static int singleQuoteClose(String[] tokens, int open) {
        String first = tokens[open];
        int q = first.indexOf('\'');
        if (q < 0 || count(first, '\'') != 1 || (q > 0 && "=:([{".indexOf(first.charAt(q - 1)) < 0)) {
            return -1;
        }
        for (int j = open + 1; j < tokens.length; j++) {
            String t = tokens[j];
            int last = t.lastIndexOf('\'');
            if (last >= 0 && closesQuote(t, last)) {
                return j;
            }
        }
        return -1;
    }

    /**
     * A parenthesised group of several words: an aside a program prints as one value, a name, a reason or a
     * phase ({@code worker (annual budget) finished}, {@code pause (G1 Evacuation Pause) took <*>}). It opens at a
     * token that starts with the only opening parenthesis it holds and closes at the first token with a closing
     * one (that parenthesis ending the token or followed by one punctuation mark). A nested parenthesis or a
     * {@code key=value} inside joins nothing: that is structure, not one value.
     */
    private static int parenClose(String[] tokens, int open) {
        String first = tokens[open];
        if (!first.startsWith("(") || count(first, '(') != 1 || count(first, ')') != 0) {
            return -1;
        }
        for (int j = open + 1; j < tokens.length; j++) {
            String t = tokens[j];
            if (t.indexOf('(') >= 0 || t.indexOf('=') >= 0) {
                return -1;
            }
            if (t.indexOf(')') >= 0) {
                boolean ends = t.endsWith(")") || t.length() >= 2 && t.charAt(t.length() - 2) == ')'
                        && ".,:;".indexOf(t.charAt(t.length() - 1)) >= 0;
                return count(t, ')') == 1 && ends ? j : -1;
            }
        }
        return -1;
    }

    /** Whether the quote at {@code at} ends a quoted span: only punctuation follows it in the token. */
    private static boolean closesQuote(String token, int at) {
        for (int k = at + 1; k < token.length(); k++) {
            if (".,:;)]}".indexOf(token.charAt(k)) < 0) {
                return false;
            }
        }
        return at > 0;
    }

    private static int collectionClose(String[] tokens, int open) {
        int depth = depth(tokens[open]);
        if (depth <= 0 || !tokens[open].endsWith(",")) {
            return -1;
        }
        boolean elementStart = true;
        boolean field = false;
        for (int j = open + 1; j < tokens.length; j++) {
            String t = tokens[j];
            if (elementStart) {
                field = t.indexOf('=') > 0;
            } else if (!field || t.indexOf('=') >= 0 || t.indexOf(':') >= 0) {
                return -1; // only the value of a key=value element may have more words
            }
            depth += depth(t);
            if (depth <= 0) {
                return depth == 0 ? j : -1;
            }
            elementStart = t.endsWith(",");
        }
        return -1;
    }

    /**
     * A field of a comma-separated {@code key=value} list whose value has several words, where the collection
     * rule joined nothing ({@code id=7, customer=Ann de la Cruz, items=3}): the value runs to the comma before
     * the next {@code key=} or to a closing bracket. The field must be in such a list (its token follows a comma
     * or opens a bracket) and its words hold no {@code =} or {@code :}, so prose after a lone {@code key=value}
     * joins nothing.
     */
    private static int fieldValueClose(String[] tokens, int open) {
        String first = tokens[open];
        int eq = first.indexOf('=');
        if (eq <= 0 || eq == first.length() - 1 || endsField(first) || first.indexOf('=', eq + 1) >= 0
                || !(open > 0 && tokens[open - 1].endsWith(",") || depth(first.substring(0, eq)) > 0)) {
            return -1;
        }
        for (int j = open + 1; j < tokens.length; j++) {
            String t = tokens[j];
            if (t.indexOf('=') >= 0 || t.indexOf(':') >= 0 || depth(t) > 0) {
                return -1;
            }
            if (endsField(t)) {
                boolean closesList = depth(t) < 0;
                return closesList || j + 1 < tokens.length && tokens[j + 1].indexOf('=') > 0 ? j : -1;
            }
        }
        return -1;
    }

    /** A token that ends a list field: with a comma or a closing bracket. */
    private static boolean endsField(String token) {
        char last = token.charAt(token.length() - 1);
        return last == ',' || depth(token) < 0;
    }

    /** Brackets and braces a token opens minus those it closes. */
    private static int depth(String token) {
        return count(token, '[') + count(token, '{') - count(token, ']') - count(token, '}');
    }

    private static int count(String token, char c) {
        int n = 0;
        for (int i = 0; i < token.length(); i++) {
            if (token.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }
}
