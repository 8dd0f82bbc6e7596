package org.losslab.common.logs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The cross-length pass of {@link TemplateGrouper}: templates mined per token count that are one event whose
 * free-text value spans a different number of words join ({@link #absorbLongerVariants}, {@link #mergeFreeTails}).
 */
final class LengthVariants {
    private static final String VAR = ContentMasker.VARIABLE;

    private LengthVariants() {
    }

    /** One template during the cross-length pass. */
    private static final class Candidate {
        final String text;
        final String[] tokens;
        final boolean[] free;
        long count;
        Candidate mergedInto;

        Candidate(String text, boolean[] free) {
            this.text = text;
            this.tokens = text.isEmpty() ? new String[0] : text.split(" ");
            this.free = free;
        }

        boolean hasFree() {
            for (boolean f : free) {
                if (f) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * A rare template that is a frequent template of another length with one statistically found
     * variable stretched over several tokens ({@code environment:<*>} and
     * {@code environment:java.vendor=Oracle Corporation}) joins that template. The stretched tokens
     * must not start new fields ({@code key=value}, {@code key:}), and the rare template must have at
     * most a quarter of the lines of the frequent one.
     */
    static void absorbLongerVariants(TemplateGrouper.Sig[] sigs) {
        Map<String, Candidate> byText = new TreeMap<>();
        for (TemplateGrouper.Sig s : sigs) {
            Candidate c = byText.get(s.template);
            if (c == null) {
                c = new Candidate(s.template, s.free);
                byText.put(s.template, c);
            }
            c.count += s.count;
        }
        mergeFreeTails(byText);
        Map<String, List<Candidate>> hostsByFirstToken = new HashMap<>();
        List<Candidate> anyFirstToken = new ArrayList<>();
        for (Candidate c : byText.values()) {
            if (c.hasFree()) {
                boolean fixedStart = !c.free[0] && !c.tokens[0].contains(VAR);
                (fixedStart ? hostsByFirstToken.computeIfAbsent(c.tokens[0], k -> new ArrayList<>()) : anyFirstToken)
                        .add(c);
            }
        }
        if (hostsByFirstToken.isEmpty() && anyFirstToken.isEmpty()) {
            return;
        }
        for (Candidate rare : byText.values()) {
            if (rare.tokens.length == 0 || rare.mergedInto != null) {
                continue;
            }
            Candidate host = bestHost(rare, hostsByFirstToken.getOrDefault(rare.tokens[0], List.of()), null);
            rare.mergedInto = bestHost(rare, anyFirstToken, host);
        }
        for (TemplateGrouper.Sig s : sigs) {
            Candidate c = byText.get(s.template);
            while (c.mergedInto != null) {
                c = c.mergedInto;
            }
            s.template = c.text;
        }
    }

    /**
     * Templates that share their leading words and end in a run of variables, at least one of them found
     * statistically (free text, not masked numbers), with a different number of words, are one event whose last
     * value is free text of any length: an error message, a user's input, a description
     * ({@code chat message received: <*> <*>} and {@code chat message received: <*> <*> <*> <*> <*>} become
     * {@code chat message received: <*>}). The bucketing by token count puts each length apart and the per-length
     * statistics find the words variable in each, so this joins them; runs of masked variables were already
     * collapsed before bucketing ({@link SignatureTokens#collapseRuns}). The joined template is {@code prefix <*>}, which matches
     * a tail of any length.
     */
    static void mergeFreeTails(Map<String, Candidate> byText) {
        Map<String, List<Candidate>> byPrefix = new TreeMap<>();
        for (Candidate c : byText.values()) {
            int n = c.tokens.length;
            int tail = n;
            boolean free = false;
            while (tail > 0 && c.tokens[tail - 1].equals(VAR)) {
                tail--;
                free |= c.free[tail];
            }
            if (tail == n || tail == 0 || !free) {
                continue;
            }
            byPrefix.computeIfAbsent(String.join(" ", Arrays.asList(c.tokens).subList(0, tail)), k -> new ArrayList<>())
                    .add(c);
        }
        for (Map.Entry<String, List<Candidate>> e : byPrefix.entrySet()) {
            List<Candidate> members = e.getValue();
            if (members.size() < 2) {
                continue;
            }
            String text = e.getKey() + " " + VAR;
            Candidate target = byText.get(text);
            if (target == null) {
                Candidate first = members.get(0);
                int tail = e.getKey().split(" ").length;
                boolean[] flags = Arrays.copyOf(first.free, tail + 1);
                flags[tail] = true;
                target = new Candidate(text, flags);
                byText.put(text, target);
            }
            for (Candidate c : members) {
                if (c != target) {
                    c.mergedInto = target;
                    target.count += c.count;
                }
            }
        }
    }

    /** The most frequent (then alphabetically first) host that {@code rare} stretches, or {@code best}. */
    private static Candidate bestHost(Candidate rare, List<Candidate> hosts, Candidate best) {
        for (Candidate host : hosts) {
            if (host != rare && rare.count * 4 <= host.count && rare.tokens.length > host.tokens.length
                    && (best == null || host.count > best.count
                        || (host.count == best.count && host.text.compareTo(best.text) < 0))
                    && stretches(host, rare)) {
                best = host;
            }
        }
        return best;
    }

    /** Whether {@code rare} is {@code host} with one free variable spanning extra tokens. */
    private static boolean stretches(Candidate host, Candidate rare) {
        int extra = rare.tokens.length - host.tokens.length;
        for (int p = 0; p < host.tokens.length; p++) {
            if (!host.free[p]) {
                continue;
            }
            if (alignsWithStretch(host, rare, p, extra)) {
                return true;
            }
        }
        return false;
    }

    private static boolean alignsWithStretch(Candidate host, Candidate rare, int p, int extra) {
        for (int q = 0; q < host.tokens.length; q++) {
            if (q == p) {
                continue;
            }
            int r = q < p ? q : q + extra;
            if (!tokenMatches(host.tokens[q], rare.tokens[r])) {
                return false;
            }
        }
        for (int r = p + 1; r <= p + extra; r++) {
            String t = rare.tokens[r];
            if (t.contains("=") || t.endsWith(":")) {
                return false;
            }
        }
        StringBuilder stretched = new StringBuilder(rare.tokens[p]);
        for (int r = p + 1; r <= p + extra; r++) {
            stretched.append(' ').append(rare.tokens[r]);
        }
        return tokenMatches(host.tokens[p], stretched.toString());
    }

    private static boolean tokenMatches(String pattern, String token) {
        if (pattern.equals(token)) {
            return true;
        }
        if (!pattern.contains(VAR)) {
            return false;
        }
        return new TemplatePattern(pattern).match(token, new int[2 * (token.length() + 2)]);
    }
}
