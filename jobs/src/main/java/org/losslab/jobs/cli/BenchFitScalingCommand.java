package org.losslab.jobs.cli;

import java.util.concurrent.Callable;

import org.losslab.common.scaling.ScalingFitBenchmark;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code losslab bench fit-scaling}: wall time of the full 4,500-start chinchilla fit on a 245-point set and of
 * the bootstrap resamples (no Spark: the fit runs on the driver's cores).
 */
@Command(name = "fit-scaling", mixinStandardHelpOptions = true,
        description = "Time the 4,500-start chinchilla fit on 245 generated points and the bootstrap refits, next to"
                + " the scipy reference measured on this kind of machine.")
final class BenchFitScalingCommand implements Callable<Integer> {

    @Option(names = "--bootstrap", paramLabel = "R", defaultValue = "4000",
            description = "Bootstrap resamples to time. Default: ${DEFAULT-VALUE}.")
    int bootstrap;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "2024", description = "Default: ${DEFAULT-VALUE}.")
    long seed;

    @Override
    public Integer call() {
        ScalingFitBenchmark.main(new String[] {Integer.toString(bootstrap), Long.toString(seed)});
        return CommandLine.ExitCode.OK;
    }
}
