package org.losslab.jobs.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.SparkSession;
import org.losslab.common.sweep.SweepPlan;
import org.losslab.jobs.spark.SparkSessions;
import org.losslab.jobs.sweep.RunSweep;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code losslab sweep --spec FILE}: a grid of training runs from a HOCON spec (see conf/sweeps/). Every run's
 * options go through {@code train}'s own option parsing, so a spec accepts exactly {@code train}'s options with
 * the same defaults and conf keys.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Train every run of a sweep spec (HOCON: sweep.id, sweep.task, sweep.fixed {train options},"
                + " sweep.axes {option = [values]}) with a shared sweep_id. Rerunning skips finished runs and"
                + " retries failed ones; a failed run never stops the sweep.")
final class SweepCommand extends SparkCommand {

    @Option(names = "--spec", required = true, paramLabel = "FILE",
            description = "Sweep spec, e.g. conf/sweeps/plasticc-small.conf: a local file or a Hadoop URI (hdfs://...)."
                    + " Default: none (required).")
    String spec;

    @Option(names = "--parallel-runs", paramLabel = "N", defaultValue = "0",
            description = "Runs trained at once (concurrent Spark jobs); 0 = the spec's sweep.parallel-runs, else 1."
                    + " Default: ${DEFAULT-VALUE}.")
    int parallelRuns;

    @Option(names = "--stale-after", paramLabel = "SECONDS", defaultValue = "600",
            description = "A run recorded as running whose driver ran on another host and sent no heartbeat for this"
                    + " long was left behind by a dead driver and is trained again (a driver on this host is checked by"
                    + " its PID at once). Default: ${DEFAULT-VALUE}.")
    long staleAfterSeconds;

    @Override
    Map<String, String> sessionDefaults() {
        return SparkSessions.TRAINING_DEFAULTS;
    }

    @Override
    CommandResult run(SparkSession spark) {
        Config config = load(spark.sparkContext().hadoopConfiguration());
        SweepPlan plan = SweepPlan.expand(config.getString("sweep.id"), fixedOptions(config), axes(config));
        String task = config.hasPath("sweep.task") ? config.getString("sweep.task") : "plasticc";
        List<RunSweep.PlannedRun> runs = new ArrayList<>();
        for (SweepPlan.PlannedRun run : plan.runs()) {
            runs.add(new RunSweep.PlannedRun(run.runId(), run.axisValues(),
                    trainCommand(run, task, plan.sweepId()).trainOptions(warehouse())));
        }
        int parallel = parallelRuns > 0 ? parallelRuns
                : config.hasPath("sweep.parallel-runs") ? config.getInt("sweep.parallel-runs") : 1;
        RunSweep.Result result = new RunSweep(new RunSweep.Options(warehouse(), plan.sweepId(), runs, parallel,
                java.time.Duration.ofSeconds(staleAfterSeconds))).run(spark);

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("sweep_id", result.sweepId());
        json.put("runs", result.runs().size());
        json.put("finished", result.count("finished"));
        json.put("skipped", result.count("skipped"));
        json.put("failed", result.count("failed"));
        json.put("running_elsewhere", result.count("running-elsewhere"));
        List<Map<String, Object>> outcomes = new ArrayList<>();
        StringBuilder text = new StringBuilder(String.format("Sweep %s: %d runs, %d finished, %d skipped (finished"
                + " before), %d failed, %d running elsewhere%n", result.sweepId(), result.runs().size(),
                result.count("finished"), result.count("skipped"), result.count("failed"),
                result.count("running-elsewhere")));
        for (RunSweep.RunOutcome o : result.runs()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("run_id", o.runId());
            m.put("axis_values", o.axisValues());
            m.put("status", o.status());
            m.put("failure_reason", o.failureReason());
            m.put("final_val_loss", o.finalValLoss());
            outcomes.add(m);
            text.append(String.format("  %-30s %-9s %s%s%n", o.runId(), o.status(), o.axisValues(),
                    o.failureReason() == null ? "" : " " + o.failureReason()));
        }
        json.put("outcomes", outcomes);
        text.append("Next: bin/losslab aggregate --sweep ").append(result.sweepId());
        return new CommandResult(text.toString(), json);
    }

    /** The spec, read through Hadoop's FileSystem: in cluster deploy mode the driver runs on a worker. */
    private Config load(org.apache.hadoop.conf.Configuration conf) {
        String text;
        try {
            org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(spec);
            org.apache.hadoop.fs.FileSystem fs = path.getFileSystem(conf);
            if (!fs.isFile(path)) {
                throw new IllegalArgumentException("Cannot read sweep spec " + spec + ": no such file ("
                        + fs.makeQualified(path) + ")");
            }
            try (java.io.InputStream in = fs.open(path)) {
                text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("Cannot read sweep spec " + spec + ": " + e.getMessage(), e);
        }
        try {
            Config config = ConfigFactory.parseString(text,
                    com.typesafe.config.ConfigParseOptions.defaults().setOriginDescription(spec)).resolve();
            config.getString("sweep.id");
            return config;
        } catch (ConfigException e) {
            throw new IllegalArgumentException("Cannot read sweep spec " + spec + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, String> fixedOptions(Config config) {
        Map<String, String> fixed = new LinkedHashMap<>();
        if (config.hasPath("sweep.fixed")) {
            for (Map.Entry<String, ConfigValue> e : config.getConfig("sweep.fixed").root().entrySet()) {
                fixed.put(e.getKey(), String.valueOf(e.getValue().unwrapped()));
            }
        }
        return fixed;
    }

    private static Map<String, List<String>> axes(Config config) {
        Map<String, List<String>> axes = new LinkedHashMap<>();
        if (config.hasPath("sweep.axes")) {
            Config section = config.getConfig("sweep.axes");
            for (String axis : section.root().keySet()) {
                List<String> values = new ArrayList<>();
                for (Object value : section.getList(axis).unwrapped()) {
                    values.add(String.valueOf(value));
                }
                axes.put(axis, values);
            }
        }
        return axes;
    }

    /** One run's options parsed exactly as {@code losslab train} would parse them. */
    private TrainCommand trainCommand(SweepPlan.PlannedRun run, String task, String sweepId) {
        List<String> args = new ArrayList<>(List.of("--task", task, "--sweep-id", sweepId, "--run-id", run.runId()));
        run.options().forEach((name, value) -> {
            if (List.of("run-id", "sweep-id", "resume", "task").contains(name)) {
                throw new IllegalArgumentException("Sweep spec " + spec + ": '" + name + "' is set by the sweep itself");
            }
            args.add("--" + name);
            args.add(value);
        });
        TrainCommand train = new TrainCommand();
        CommandLine cli = new CommandLine(train);
        cli.setDefaultValueProvider(new ConfDefaults());
        try {
            cli.parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException("Sweep spec " + spec + ", run " + run.runId() + ": " + e.getMessage(), e);
        }
        return train;
    }
}
