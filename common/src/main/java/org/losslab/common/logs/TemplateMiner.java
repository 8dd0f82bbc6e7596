package org.losslab.common.logs;

import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Entry point of template mining, written for a two-pass distributed job:
 * <pre>{@code
 * // pass 1, on each partition (executor):
 * TemplateStatistics partial = new TemplateStatistics();
 * for (String content : partition) partial.add(content);
 * // driver: merge partials in any grouping and order, then mine
 * TemplateStatistics all = partials.reduce(TemplateStatistics::merge);
 * TemplateModel model = TemplateMiner.mine(all);          // broadcast this
 * // pass 2, on each partition:
 * TemplateModel.Matcher m = model.matcher();
 * ParsedMessage p = m.parse(content);                     // template id, template, variables
 * }</pre>
 * The model depends only on the merged multiset of signatures, so the same input gives the same
 * templates and ids with any number of partitions and any merge order.
 */
public final class TemplateMiner {

    private TemplateMiner() {
    }

    /** Mines templates from merged statistics with the default settings. */
    public static TemplateModel mine(TemplateStatistics merged) {
        return mine(merged, TemplateMinerSettings.defaults());
    }

    /** Mines templates from merged statistics. Deterministic in the statistics' content. */
    public static TemplateModel mine(TemplateStatistics merged, TemplateMinerSettings settings) {
        int n = merged.signatureCount();
        String[] signatures = new String[n];
        long[] counts = new long[n];
        long[] hashes = new long[n];
        for (int i = 0; i < n; i++) {
            signatures[i] = merged.signature(i);
            counts[i] = merged.count(i);
            hashes[i] = ContentMasker.hashOf(signatures[i]);
        }
        String[] templates = new TemplateGrouper(settings).group(signatures, counts);
        SortedMap<String, Long> templateCounts = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            templateCounts.merge(templates[i], counts[i], Long::sum);
        }
        return new TemplateModel(templateCounts, hashes, templates);
    }

    /** Single-process convenience: pass 1 over all messages, then {@link #mine(TemplateStatistics)}. */
    public static TemplateModel mine(Iterable<? extends CharSequence> contents) {
        return mine(new TemplateStatistics().addAll(contents));
    }
}
