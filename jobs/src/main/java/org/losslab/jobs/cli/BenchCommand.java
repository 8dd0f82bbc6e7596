package org.losslab.jobs.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code losslab bench ...}: benchmark programs that print ratios against a baseline run in the same process. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks: each prints throughput next to a baseline run in the same process.",
        subcommands = {BenchIngestPlasticcCommand.class, BenchIngestLogsCommand.class, BenchTrainCommand.class,
            BenchFitScalingCommand.class, BenchLogSequencesCommand.class, BenchIngestRunsCommand.class,
            CommandLine.HelpCommand.class})
final class BenchCommand implements java.util.concurrent.Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(System.err);
        return CommandLine.ExitCode.USAGE;
    }
}
