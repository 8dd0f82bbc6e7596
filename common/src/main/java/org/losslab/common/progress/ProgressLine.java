package org.losslab.common.progress;

import java.util.Locale;

/**
 * One line of progress for long work (a training run's steps, a sweep's runs): how much of the total is done, as
 * a bar for a terminal or as a percentage for a log, the rate, the caller's latest figures (a loss) and the time
 * left at the rate so far. {@code 3/10 steps [#####.....] 30%, loss 0.41, 250 examples/s, about 2 min left}.
 */
public final class ProgressLine {
    private ProgressLine() {
    }

    /**
     * The line: {@code label}, {@code done} of {@code total} {@code unit}, a bar {@code barWidth} wide (none when
     * 0), {@code figures} as given (may be empty), the rate of {@code rateCount} {@code rateUnit} per second over
     * {@code elapsedSeconds} (none when rateUnit is null), and the time left if the rate of {@code done} holds.
     */
    public static String of(String label, long done, long total, String unit, int barWidth, String figures,
            long rateCount, String rateUnit, double elapsedSeconds) {
        if (total <= 0) {
            throw new IllegalArgumentException("total must be positive, not " + total);
        }
        long shown = Math.max(0, Math.min(done, total));
        double fraction = (double) shown / total;
        StringBuilder line = new StringBuilder(label).append(' ');
        line.append(String.format(Locale.ROOT, "%,d/%,d %s", shown, total, unit));
        if (barWidth > 0) {
            int filled = (int) Math.floor(fraction * barWidth);
            line.append(" [").append("#".repeat(filled)).append(".".repeat(barWidth - filled)).append(']');
        }
        line.append(String.format(Locale.ROOT, " %d%%", (int) Math.floor(fraction * 100)));
        if (figures != null && !figures.isEmpty()) {
            line.append(", ").append(figures);
        }
        if (rateUnit != null && elapsedSeconds > 0) {
            line.append(String.format(Locale.ROOT, ", %,.0f %s/s", rateCount / elapsedSeconds, rateUnit));
        }
        if (shown >= total) {
            line.append(", done in ").append(duration(elapsedSeconds));
        } else if (shown > 0 && elapsedSeconds > 0) {
            line.append(", about ").append(duration(elapsedSeconds / shown * (total - shown))).append(" left");
        }
        return line.toString();
    }

    /** A duration for people: {@code 42 s}, {@code 7 min}, {@code 1 h 05 min}. */
    public static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 90) {
            return s + " s";
        }
        long minutes = Math.round(seconds / 60);
        return minutes < 60 ? minutes + " min" : String.format(Locale.ROOT, "%d h %02d min", minutes / 60,
                minutes % 60);
    }
}
