package org.losslab.common.logs;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

/**
 * The mined templates plus the lookup that pass 2 needs: built on the driver by
 * {@link TemplateMiner#mine} from merged {@link TemplateStatistics}, broadcast, and used on the
 * executors through one {@link #matcher()} per partition.
 *
 * <p>The model is immutable and serializable. Its content depends only on the merged statistics
 * (hence not on partitioning); template ids are derived from the template text, so they are stable
 * across reruns. A message maps to its template through the hash of its signature, which makes pass 2
 * a tokenise-mask-lookup with no search; messages whose signature was not mined (new data) fall back
 * to the most specific mined template that matches them, or become their own template.
 */
public final class TemplateModel implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String[] ids;
    private final String[] templates;
    private final long[] counts;
    private final TemplatePattern[] patterns;
    private final LongIntMap bySignature;
    private final Map<String, Integer> byId;
    /** Templates by their first token when it is constant; the others are in {@link #openStart}. */
    private final Map<String, int[]> byFirstToken;
    private final int[] openStart;

    TemplateModel(SortedMap<String, Long> templateCounts, long[] signatureHashes, String[] signatureTemplates) {
        int n = templateCounts.size();
        templates = templateCounts.keySet().toArray(new String[0]);
        counts = new long[n];
        patterns = new TemplatePattern[n];
        Map<String, Integer> indexOf = new HashMap<>();
        int i = 0;
        for (Map.Entry<String, Long> e : templateCounts.entrySet()) {
            counts[i] = e.getValue();
            patterns[i] = new TemplatePattern(e.getKey());
            indexOf.put(e.getKey(), i);
            i++;
        }
        ids = assignIds(templates);
        byId = new HashMap<>();
        for (int t = 0; t < n; t++) {
            byId.put(ids[t], t);
        }
        Map<String, List<Integer>> first = new HashMap<>();
        List<Integer> open = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            String head = templates[t].split(" ", 2)[0];
            if (head.contains(ContentMasker.VARIABLE)) {
                open.add(t);
            } else {
                first.computeIfAbsent(head, k -> new ArrayList<>()).add(t);
            }
        }
        byFirstToken = new HashMap<>();
        first.forEach((k, v) -> byFirstToken.put(k, v.stream().mapToInt(Integer::intValue).toArray()));
        openStart = open.stream().mapToInt(Integer::intValue).toArray();
        bySignature = new LongIntMap(signatureHashes.length);
        for (int s = 0; s < signatureHashes.length; s++) {
            bySignature.put(signatureHashes[s], indexOf.get(signatureTemplates[s]));
        }
    }

    /** Template id of a template text: {@code T} + 12 hex digits of its 64-bit hash. */
    public static String idOf(String template) {
        return idOf(template, 0);
    }

    private static String idOf(String template, int salt) {
        long h = ContentMasker.hashOf(salt == 0 ? template : template + '\u0000' + salt);
        return "T" + String.format(Locale.ROOT, "%012x", h >>> 16);
    }

    /** Ids in sorted template order; a (practically impossible) collision is salted deterministically. */
    private static String[] assignIds(String[] sortedTemplates) {
        String[] out = new String[sortedTemplates.length];
        Set<String> used = new HashSet<>();
        for (int i = 0; i < sortedTemplates.length; i++) {
            int salt = 0;
            String id = idOf(sortedTemplates[i], salt);
            while (!used.add(id)) {
                id = idOf(sortedTemplates[i], ++salt);
            }
            out[i] = id;
        }
        return out;
    }

    /** Number of templates. */
    public int templateCount() {
        return templates.length;
    }

    /** All templates sorted by text. */
    public List<LogTemplate> templates() {
        List<LogTemplate> list = new ArrayList<>(templates.length);
        for (int i = 0; i < templates.length; i++) {
            list.add(new LogTemplate(ids[i], templates[i], counts[i]));
        }
        return Collections.unmodifiableList(list);
    }

    /** The template with this id, or null. */
    public LogTemplate template(String id) {
        Integer i = byId.get(id);
        return i == null ? null : new LogTemplate(ids[i], templates[i], counts[i]);
    }

    /** A new matcher for pass 2; not thread-safe, so use one per partition or thread. */
    public Matcher matcher() {
        return new Matcher();
    }

    /** Convenience for a single message (allocates a matcher; prefer {@link #matcher()} in loops). */
    public ParsedMessage parse(CharSequence content) {
        return matcher().parse(content);
    }

    /**
     * Pass 2 state for one thread: a masker, reusable buffers and a cache for signatures that were not
     * mined.
     */
    public final class Matcher {
        private final ContentMasker masker = new ContentMasker();
        private final Map<Long, Integer> fallback = new HashMap<>();
        private int[] spans = new int[32];
        private char[] chars = new char[256];

        private Matcher() {
        }

        /**
         * The index of the message's template in {@link #templates()}, or -1 when the message matches no
         * mined template. Allocation-free for mined signatures.
         */
        public int templateIndex(CharSequence content) {
            long h = masker.mask(content);
            int t = bySignature.get(h);
            return t >= 0 ? t : fallbackIndex(h);
        }

        /** Template id of the message (its own signature's id when it matches no mined template). */
        public String templateId(CharSequence content) {
            int t = templateIndex(content);
            return t >= 0 ? ids[t] : idOf(masker.signature());
        }

        /** Full pass-2 result: template id, template text and variable values. */
        public ParsedMessage parse(CharSequence content) {
            int t = templateIndex(content);
            if (t < 0) {
                String own = masker.signature();
                return new ParsedMessage(idOf(own), own, variables(new TemplatePattern(own), content), false);
            }
            return new ParsedMessage(ids[t], templates[t], variables(patterns[t], content), true);
        }

        /**
         * Writes the (start, end) character spans of the variables of {@code content} in template
         * {@code templateIndex} into {@code out}, allocation-free.
         *
         * @return the number of variables, or -1 when the message does not align with the template
         */
        public int variableSpans(CharSequence content, int templateIndex, int[] out) {
            TemplatePattern p = patterns[templateIndex];
            if (out.length < 2 * p.variableCount()) {
                throw new IllegalArgumentException("span buffer needs " + 2 * p.variableCount() + " ints");
            }
            int n = content.length();
            if (chars.length < n) {
                chars = new char[Math.max(n, 2 * chars.length)];
            }
            if (content instanceof String) {
                ((String) content).getChars(0, n, chars, 0);
            } else {
                for (int i = 0; i < n; i++) {
                    chars[i] = content.charAt(i);
                }
            }
            return p.match(chars, n, out) ? p.variableCount() : -1;
        }

        /**
         * Pass 2 in one call, allocation-free for mined signatures: writes the variable spans of
         * {@code content} into {@code out} and returns the template index (or -1 when the message
         * matches no mined template, or -2 when it does not align with its template).
         */
        public int templateIndexAndSpans(CharSequence content, int[] out) {
            int t = templateIndex(content);
            if (t < 0) {
                return t;
            }
            TemplatePattern p = patterns[t];
            if (out.length < 2 * p.variableCount()) {
                throw new IllegalArgumentException("span buffer needs " + 2 * p.variableCount() + " ints");
            }
            return p.match(masker.input(), masker.inputLength(), out) ? t : -2;
        }

        private List<String> variables(TemplatePattern p, CharSequence content) {
            int n = p.variableCount();
            if (spans.length < 2 * n) {
                spans = new int[2 * n];
            }
            if (n == 0 || !p.match(masker.input(), masker.inputLength(), spans)) {
                return List.of();
            }
            String[] values = new String[n];
            for (int v = 0; v < n; v++) {
                values[v] = content.subSequence(spans[2 * v], spans[2 * v + 1]).toString();
            }
            return Arrays.asList(values);
        }

        /** The most specific mined template whose pattern covers the signature, cached per signature. */
        private int fallbackIndex(long h) {
            Integer cached = fallback.get(h);
            if (cached != null) {
                return cached;
            }
            String signature = masker.signature();
            int[] scratch = new int[2 * (signature.length() + 1)];
            int[] sameStart = byFirstToken.getOrDefault(signature.split(" ", 2)[0], new int[0]);
            int best = mostSpecificMatch(signature, sameStart, scratch, -1);
            best = mostSpecificMatch(signature, openStart, scratch, best);
            fallback.put(h, best);
            return best;
        }

        /** Among {@code candidates}, the template with the most literal text that covers the signature. */
        private int mostSpecificMatch(String signature, int[] candidates, int[] scratch, int best) {
            for (int t : candidates) {
                if (literalLength(t) > signature.length() || !patterns[t].match(signature, scratch)) {
                    continue;
                }
                if (best < 0 || literalLength(t) > literalLength(best)
                        || (literalLength(t) == literalLength(best) && t < best)) {
                    best = t;
                }
            }
            return best;
        }

        private int literalLength(int t) {
            return templates[t].length() - ContentMasker.VARIABLE.length() * patterns[t].variableCount();
        }
    }

    @Override
    public String toString() {
        return "TemplateModel[templates=" + templates.length + ", signatures=" + bySignature.size() + "]";
    }
}
