package org.losslab.jobs.cli;

import java.util.List;

import org.losslab.jobs.scaling.FitScaling;

import picocli.CommandLine.Option;

/** The options of fit-scaling, shared with plot-scaling (which fits first). */
final class FitOptions {

    @Option(names = "--law", paramLabel = "chinchilla|kaplan|lr-annealing", defaultValue = "chinchilla",
            description = "Law to fit. Default: ${DEFAULT-VALUE}.")
    String law;

    @Option(names = "--sweep", paramLabel = "ID", description = "Fit a sweep's sweep_points. Default: none.")
    String sweepId;

    @Option(names = "--input", paramLabel = "CSV", description = "Fit any CSV with N, D and loss columns instead."
            + " Default: none.")
    String input;

    @Option(names = "--n-col", paramLabel = "NAME", description = "N column of --input. Default: none.")
    String nColumn;

    @Option(names = "--d-col", paramLabel = "NAME", description = "D column of --input. Default: none.")
    String dColumn;

    @Option(names = "--loss-col", paramLabel = "NAME",
            description = "Loss column (--input), or the sweep_points loss to fit. Default: smoothed_final_val_loss"
                    + " for a sweep.")
    String lossColumn;

    @Option(names = "--exclude-top", paramLabel = "K", defaultValue = "0",
            description = "Leave out the K highest-loss points (chinchilla). Default: ${DEFAULT-VALUE}.")
    int excludeTop;

    @Option(names = "--bootstrap", paramLabel = "R", defaultValue = "1000",
            description = "Bootstrap resamples for standard errors and intervals (chinchilla); 0 = none."
                    + " Default: ${DEFAULT-VALUE}.")
    int bootstrap;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Bootstrap seed."
            + " Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--irreducible", description = "Add an irreducible term E to the kaplan laws."
            + " Default: ${DEFAULT-VALUE}.")
    boolean irreducible;

    @Option(names = "--fit-runs", split = ",", paramLabel = "RUN,RUN",
            description = "Runs whose per-step training losses the lr-annealing law is fitted on. Default: none.")
    List<String> fitRuns;

    @Option(names = "--predict-run", paramLabel = "RUN",
            description = "Run whose curve the fitted lr-annealing law predicts. Default: none.")
    String predictRun;

    FitScaling.Options options(String warehouse) {
        return new FitScaling.Options(warehouse, FitScaling.Law.parse(law), sweepId, input, nColumn, dColumn,
                lossColumn, excludeTop, bootstrap, seed, irreducible, fitRuns, predictRun);
    }
}
