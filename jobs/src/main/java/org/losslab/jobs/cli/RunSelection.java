package org.losslab.jobs.cli;

import java.util.List;

import org.losslab.jobs.grokking.GrokkingRuns;

import picocli.CommandLine.Option;

/** {@code --sweep ID | --runs ID,... | --all} (exactly one; picocli enforces it): the runs a grokking command covers. */
final class RunSelection {

    @Option(names = "--sweep", paramLabel = "ID", description = "The finished runs of a sweep. Default: none.")
    String sweepId;

    @Option(names = "--runs", paramLabel = "ID", split = ",", description = "These runs (comma-separated)."
            + " Default: none.")
    List<String> runIds;

    @Option(names = "--all", description = "Every finished run in the warehouse. Default: off.")
    boolean all;

    GrokkingRuns.Selection selection() {
        return new GrokkingRuns.Selection(sweepId, runIds, all);
    }
}
