package org.losslab.common.grokking;

import java.util.Comparator;
import java.util.List;

/**
 * Grokking measured on one run's evaluation curve. The memorisation step is the first evaluated step whose
 * training accuracy reaches the threshold; the generalisation step the first whose validation accuracy does.
 * The delay is their difference and the delay ratio their quotient (generalisation over memorisation); a run
 * grokked when it generalised within its budget (its last evaluated step). Defined for any task: only the
 * accuracies are needed; weight norm and SC fraction are reported where the run recorded them.
 */
public record GrokkingMetrics(Long memorizationStep, Long generalizationStep, Long delay, Double delayRatio,
        boolean grokked, long budgetSteps, int evaluations, Double finalTrainAccuracy, Double finalValAccuracy,
        Double finalScFraction, Double maxScFraction, Double weightNormAtMemorization,
        Double weightNormAtGeneralization, Double finalWeightNorm) {

    /** The default accuracy threshold for both steps. */
    public static final double DEFAULT_THRESHOLD = 0.99;

    /** One evaluated step of a run; any field but the step may be missing (null). */
    public record Point(long step, Double trainAccuracy, Double valAccuracy, Double weightNorm, Double scFraction) {
    }

    /**
     * Computes the metrics of a curve (points in any order; steps without evaluations are ignored). The budget
     * is the largest step of the curve, evaluated or not.
     */
    public static GrokkingMetrics of(List<Point> curve, double threshold) {
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("Cannot use an accuracy threshold of " + threshold);
        }
        List<Point> sorted = curve.stream().sorted(Comparator.comparingLong(Point::step)).toList();
        long budget = sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1).step();
        List<Point> evaluated = sorted.stream().filter(p -> p.trainAccuracy() != null || p.valAccuracy() != null)
                .toList();
        Point memorized = evaluated.stream().filter(p -> p.trainAccuracy() != null && p.trainAccuracy() >= threshold)
                .findFirst().orElse(null);
        Point generalized = evaluated.stream().filter(p -> p.valAccuracy() != null && p.valAccuracy() >= threshold)
                .findFirst().orElse(null);
        Long delay = memorized != null && generalized != null ? generalized.step() - memorized.step() : null;
        Double ratio = memorized != null && generalized != null && memorized.step() > 0
                ? (double) generalized.step() / memorized.step() : null;
        Point last = evaluated.isEmpty() ? null : evaluated.get(evaluated.size() - 1);
        Double maxSc = evaluated.stream().map(Point::scFraction).filter(v -> v != null)
                .max(Double::compare).orElse(null);
        return new GrokkingMetrics(memorized == null ? null : memorized.step(),
                generalized == null ? null : generalized.step(), delay, ratio, generalized != null, budget,
                evaluated.size(), last == null ? null : last.trainAccuracy(), last == null ? null : last.valAccuracy(),
                last == null ? null : last.scFraction(), maxSc, memorized == null ? null : memorized.weightNorm(),
                generalized == null ? null : generalized.weightNorm(), last == null ? null : last.weightNorm());
    }
}
