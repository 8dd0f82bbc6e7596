package org.losslab.common.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The Spark contract: pass 1 per partition, merge in any order, mine on the driver, pass 2 per
 * partition. Splitting the same lines into 1, 2 or 4 partitions, with different line orders and merge
 * orders, must give the same templates and the same id for every line.
 */
class DistributedMiningTest {

    private static final List<String> LINES = SyntheticLogs.generate(4000, 11);

    /** Template id per line, computed as a distributed job would. */
    private static Result runJob(int partitions, long shuffleSeed, boolean treeMerge) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < LINES.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(shuffleSeed));
        List<List<Integer>> parts = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            parts.add(order.subList(p * order.size() / partitions, (p + 1) * order.size() / partitions));
        }

        List<TemplateStatistics> partials = new ArrayList<>();
        for (List<Integer> part : parts) {
            TemplateStatistics s = new TemplateStatistics();
            for (int i : part) {
                s.add(LINES.get(i));
            }
            partials.add(SyntheticLogs.roundTrip(s));
        }
        TemplateStatistics merged = treeMerge ? mergeAsTree(partials, 0, partials.size()) : mergeBackwards(partials);
        TemplateModel model = SyntheticLogs.roundTrip(TemplateMiner.mine(SyntheticLogs.roundTrip(merged)));

        String[] ids = new String[LINES.size()];
        String[] templates = new String[LINES.size()];
        for (List<Integer> part : parts) {
            TemplateModel.Matcher m = SyntheticLogs.roundTrip(model).matcher();
            for (int i : part) {
                ParsedMessage p = m.parse(LINES.get(i));
                ids[i] = p.templateId();
                templates[i] = p.template();
            }
        }
        return new Result(model.templates(), List.of(ids), List.of(templates));
    }

    private static TemplateStatistics mergeAsTree(List<TemplateStatistics> parts, int from, int to) {
        if (to - from == 1) {
            return parts.get(from);
        }
        int mid = (from + to) / 2;
        TemplateStatistics left = mergeAsTree(parts, from, mid);
        return left.merge(mergeAsTree(parts, mid, to));
    }

    private static TemplateStatistics mergeBackwards(List<TemplateStatistics> parts) {
        TemplateStatistics acc = new TemplateStatistics();
        for (int i = parts.size() - 1; i >= 0; i--) {
            acc.merge(parts.get(i));
        }
        return acc;
    }

    private record Result(List<LogTemplate> templates, List<String> ids, List<String> texts) {
    }

    @Test
    void sameTemplatesAndIdsWithOneTwoAndFourPartitions() {
        Result single = runJob(1, 1, false);
        for (Result other : List.of(runJob(2, 2, true), runJob(2, 3, false), runJob(4, 4, true),
                runJob(4, 5, false))) {
            assertEquals(single.templates(), other.templates());
            assertEquals(single.ids(), other.ids());
            assertEquals(single.texts(), other.texts());
        }
        assertEquals(SyntheticLogs.TEMPLATES.size(), single.templates().size());
    }

    @Test
    void idsAreStableAcrossReruns() {
        assertEquals(runJob(4, 9, true).ids(), runJob(4, 9, true).ids());
    }
}
