package org.losslab.jobs.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The losslab command line. Global options may be given before or after the command; every option has a
 * default, shown by {@code --help}, and a conf key (see {@link ConfDefaults}).
 */
@Command(name = "losslab",
        mixinStandardHelpOptions = true,
        versionProvider = LossLab.Version.class,
        usageHelpAutoWidth = true,
        description = "Spark jobs that ingest light curves and system logs, train DL4J networks with parameter"
                + " averaging, record every step in Parquet tables and analyse the losses.",
        subcommands = {
            DemoCommand.class,
            SimulatePlasticcCommand.class,
            IngestPlasticcCommand.class,
            BuildFeaturesCommand.class,
            TrainCommand.class,
            SweepCommand.class,
            AggregateCommand.class,
            FitScalingCommand.class,
            PlotScalingCommand.class,
            GrokkingCommand.class,
            PlotGrokkingCommand.class,
            ReportCommand.class,
            IngestRunsCommand.class,
            SimulateLogsCommand.class,
            IngestLogsCommand.class,
            EvaluateParsingCommand.class,
            BuildLogSequencesCommand.class,
            DetectAnomaliesCommand.class,
            TablesCommand.class,
            SqlCommand.class,
            BenchCommand.class,
            CommandLine.HelpCommand.class})
public final class LossLab implements Callable<Integer> {

    @Option(names = "--warehouse", scope = ScopeType.INHERIT, paramLabel = "DIR", defaultValue = "./warehouse",
            description = "Folder or Hadoop URI of the Parquet tables. Default: ${DEFAULT-VALUE}.")
    String warehouse;

    @Option(names = "--master", scope = ScopeType.INHERIT, paramLabel = "URL",
            defaultValue = "${sys:spark.master:-local[*]}",
            description = "Spark master; under spark-submit the master it was given. Default: ${DEFAULT-VALUE}.")
    String master;

    @Option(names = "--conf", scope = ScopeType.INHERIT, paramLabel = "KEY=VALUE",
            description = "Spark property, repeatable; beats conf/spark-defaults.conf. Default: none.")
    Map<String, String> conf = new LinkedHashMap<>();

    @Option(names = "--json", scope = ScopeType.INHERIT,
            description = "Print one JSON object on stdout instead of the summary (logs go to stderr)."
                    + " Default: ${DEFAULT-VALUE}.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(System.err);
        return CommandLine.ExitCode.USAGE;
    }

    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new LossLab());
        cli.setDefaultValueProvider(new ConfDefaults());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        return cli;
    }

    public static void main(String[] args) {
        // a bare `java -cp SPARK_HOME/jars/* ...SparkSubmit` driver has neither Spark's Java 17 flags nor
        // losslab's logging: supply both before Spark starts
        org.losslab.jobs.spark.JavaModuleAccess.openMissing();
        org.losslab.jobs.spark.JvmDefaults.apply();
        System.exit(commandLine().execute(args));
    }

    /** The version from the jar manifest, when there is one. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = LossLab.class.getPackage().getImplementationVersion();
            return new String[] {"losslab " + (version == null ? "(development build)" : version)};
        }
    }
}
