package org.losslab.common.scaling;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;

/**
 * Times the Chinchilla fit on 245 synthetic points (35 model sizes x 7 token counts from Hoffmann et al.'s
 * law, 1% multiplicative noise): the full 4,500-start grid, then a bootstrap of 4,000 resamples refitted
 * from the full-data optimum, and prints wall and CPU times next to a reference measured elsewhere.
 *
 * <p>Usage: {@code ScalingFitBenchmark [resamples] [seed]}; the classpath needs Breeze and scala-library.
 */
public final class ScalingFitBenchmark {
    private static final ChinchillaLaw TRUTH = new ChinchillaLaw(1.69, 406.4, 410.7, 0.34, 0.28);
    private static final int MODEL_SIZES = 35;
    private static final int TOKEN_COUNTS = 7;
    private static final double NOISE = 0.01;

    private ScalingFitBenchmark() {
    }

    /** Runs the benchmark and prints the report on standard output. */
    public static void main(String[] args) {
        int resamples = args.length > 0 ? Integer.parseInt(args[0]) : 4000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 2024L;
        List<ScalingPoint> points = dataset(seed);
        int threads = ForkJoinPool.commonPool().getParallelism() + 1;

        print("Chinchilla fit benchmark: %d points (%d N x %d D, %.0f%% noise, Hoffmann's law), %d CPUs, "
                + "%d fit threads (common pool + caller)", points.size(), MODEL_SIZES, TOKEN_COUNTS, NOISE * 100,
                Runtime.getRuntime().availableProcessors(), threads);
        warmUp(points);

        Timer gridTimer = Timer.start();
        ChinchillaResult fit = ChinchillaFit.fit(points);
        Timer.Lap grid = gridTimer.stop();
        print("grid fit: %,d starts in %.2f s wall (%.0f starts/s), %.2f s CPU; %,d converged",
                fit.startsTried(), grid.wallSeconds(), fit.startsTried() / grid.wallSeconds(), grid.cpuSeconds(),
                fit.startsConverged());
        print("  fitted E=%.4f A=%.1f B=%.1f alpha=%.4f beta=%.4f (true %.2f %.1f %.1f %.2f %.2f), objective %.6g",
                fit.E(), fit.A(), fit.B(), fit.alpha(), fit.beta(), TRUTH.E(), TRUTH.A(), TRUTH.B(), TRUTH.alpha(),
                TRUTH.beta(), fit.objective());

        Timer bootstrapTimer = Timer.start();
        ChinchillaResult bootstrapped = ChinchillaFit.fit(points, ChinchillaOptions.defaults()
                .withGrid(startingAt(fit.law()))
                .withBootstrap(resamples, seed));
        Timer.Lap bootstrap = bootstrapTimer.stop();
        print("bootstrap: %,d resamples in %.2f s wall (%.2f ms wall per refit), %.2f s CPU (%.2f ms CPU per refit); "
                + "%,d converged", resamples, bootstrap.wallSeconds(), 1e3 * bootstrap.wallSeconds() / resamples,
                bootstrap.cpuSeconds(), 1e3 * bootstrap.cpuSeconds() / resamples, bootstrapped.bootstrap().converged());
        for (String name : ChinchillaFit.PARAMETERS) {
            print("  %-5s SE %-10.4g 95%% [%.4g, %.4g]", name, bootstrapped.standardErrors().get(name),
                    bootstrapped.interval95().get(name).lower(), bootstrapped.interval95().get(name).upper());
        }
        print("reference, measured elsewhere (a colleague's scipy L-BFGS with analytic gradient, one core, 240 points;"
                + " not run here): 4,500 starts in 15.6 s; ~9.6 ms per bootstrap refit");
    }

    /** JIT-compiles the fit's hot paths on a small grid, so the timed runs measure steady state. */
    private static void warmUp(List<ScalingPoint> points) {
        StartGrid small = new StartGrid(List.of(0.0, 10.0, 20.0), List.of(0.0, 10.0, 20.0), List.of(-1.0, 0.0, 1.0),
                List.of(0.5, 1.0), List.of(0.5, 1.0));
        ChinchillaFit.fit(points, ChinchillaOptions.defaults().withGrid(small).withBootstrap(200, 1L));
    }

    /** A one-point grid at {@code law}, so the bootstrap run spends its time on the refits. */
    private static StartGrid startingAt(ChinchillaLaw law) {
        return new StartGrid(List.of(Math.log(law.A())), List.of(Math.log(law.B())), List.of(Math.log(law.E())),
                List.of(law.alpha()), List.of(law.beta()));
    }

    private static List<ScalingPoint> dataset(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<ScalingPoint> points = new ArrayList<>();
        for (int i = 0; i < MODEL_SIZES; i++) {
            double n = 1e6 * Math.pow(1e3, (double) i / (MODEL_SIZES - 1));
            for (int j = 0; j < TOKEN_COUNTS; j++) {
                double d = 1e7 * Math.pow(1e4, (double) j / (TOKEN_COUNTS - 1));
                points.add(new ScalingPoint(n, d, TRUTH.loss(n, d) * Math.exp(NOISE * gaussian(random))));
            }
        }
        return points;
    }

    private static double gaussian(SplittableRandom random) {
        double u = 1.0 - random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * random.nextDouble());
    }

    private static void print(String format, Object... values) {
        System.out.println(String.format(Locale.ROOT, format, values));
    }

    /** Wall-clock and process CPU time of a stretch of work. */
    private record Timer(long wallStart, long cpuStart) {
        record Lap(double wallSeconds, double cpuSeconds) {
        }

        static Timer start() {
            return new Timer(System.nanoTime(), processCpuNanos());
        }

        Lap stop() {
            return new Lap((System.nanoTime() - wallStart) / 1e9, (processCpuNanos() - cpuStart) / 1e9);
        }

        /** CPU time of the whole JVM, or 0 where the platform bean does not report it. */
        private static long processCpuNanos() {
            OperatingSystemMXBean bean = ManagementFactory.getOperatingSystemMXBean();
            return bean instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0L;
        }
    }
}
