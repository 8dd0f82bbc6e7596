package org.losslab.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.losslab.jobs.testing.CliRunner;
import org.losslab.jobs.testing.PlasticcFiles;
import org.losslab.jobs.testing.SparkTestSession;


import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

class LossLabCliTest {
    @BeforeAll
    static void start() {
        SparkTestSession.get(); // commands join the shared session instead of starting their own
    }

    /** Runs the CLI in-process; returns exit code and stdout. */
    private static Map.Entry<Integer, String> run(String... args) {
        CliRunner.Outcome outcome = CliRunner.run(args);
        return Map.entry(outcome.exitCode(), outcome.out());
    }

    private static Map<String, Object> json(String text) {
        return new CliRunner.Outcome(0, text).json();
    }

    @Test
    void everyOptionOfEveryCommandShowsItsDefaultInHelp() {
        List<CommandLine> commands = new java.util.ArrayList<>();
        collect(LossLab.commandLine(), commands);
        assertTrue(commands.size() >= 8, "commands: " + commands.size());
        for (CommandLine command : commands) {
            CommandSpec spec = command.getCommandSpec();
            String help = command.getUsageMessage(CommandLine.Help.Ansi.OFF);
            for (OptionSpec option : spec.options()) {
                if (option.usageHelp() || option.versionHelp()) {
                    continue;
                }
                String description = String.join(" ", option.description());
                assertTrue(description.contains("Default:"), spec.qualifiedName() + " " + option.longestName()
                        + " has no default in its description: " + description);
                // a negatable option reads --[no-]name in help
                String shown = option.negatable() ? "--[no-]" + option.longestName().substring(2) : option.longestName();
                assertTrue(help.contains(shown), spec.qualifiedName() + " help lacks " + shown);
            }
        }
        String top = LossLab.commandLine().setUsageHelpWidth(200).getUsageMessage(CommandLine.Help.Ansi.OFF);
        for (String name : List.of("demo", "ingest-plasticc", "simulate-plasticc", "tables", "sql", "bench")) {
            assertTrue(top.contains(name), "top-level help lacks " + name);
        }
        assertTrue(top.contains("Default: ./warehouse"), top);
    }

    private static void collect(CommandLine command, List<CommandLine> out) {
        if (!command.getCommandName().equals("help")) {
            out.add(command);
        }
        command.getSubcommands().values().forEach(sub -> collect(sub, out));
    }

    @Test
    void confKeysSetOptionDefaultsAndFlagsBeatThem() {
        System.setProperty("losslab.sql.limit", "3");
        try {
            String help = LossLab.commandLine().getSubcommands().get("sql").getUsageMessage(CommandLine.Help.Ansi.OFF);
            assertTrue(help.contains("Default: 3."), help);
            CommandLine.ParseResult fromConf = LossLab.commandLine().parseArgs("sql", "SELECT 1");
            assertEquals(3, ((SqlCommand) fromConf.subcommand().commandSpec().userObject()).limit);
            CommandLine.ParseResult fromFlag = LossLab.commandLine().parseArgs("sql", "--limit", "9", "SELECT 1");
            assertEquals(9, ((SqlCommand) fromFlag.subcommand().commandSpec().userObject()).limit);
        } finally {
            System.clearProperty("losslab.sql.limit");
        }
    }

    @Test
    void ingestThenTablesThenSqlPrintTheDocumentedJson() {
        Path dir = SparkTestSession.tempDir("cli");
        PlasticcFiles.Lines lines = PlasticcFiles.simulate(6, 21);
        Path obs = PlasticcFiles.write(dir.resolve("obs.csv"), lines.observations());
        Path meta = PlasticcFiles.write(dir.resolve("meta.csv"), lines.metadata());
        String warehouse = dir.resolve("warehouse").toString();

        Map.Entry<Integer, String> ingest = run("--warehouse", warehouse, "ingest-plasticc", "--observations",
                obs.toString(), "--metadata", meta.toString(), "--json");
        assertEquals(0, ingest.getKey(), ingest.getValue());
        Map<String, Object> result = json(ingest.getValue().trim());
        @SuppressWarnings("unchecked")
        Map<String, Object> observations = (Map<String, Object>) result.get("observations");
        assertEquals(lines.observationRows(), ((Number) observations.get("rows_in")).longValue());
        assertEquals(lines.observationRows(), ((Number) observations.get("rows_written")).longValue());
        assertEquals(0, ((Number) observations.get("rows_rejected")).longValue());
        assertEquals(Map.of(), observations.get("rejects_by_reason"));
        assertTrue(result.containsKey("objects"));

        Map.Entry<Integer, String> tables = run("tables", "--warehouse", warehouse, "--json");
        assertEquals(0, tables.getKey());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> listed = (List<Map<String, Object>>) json(tables.getValue().trim()).get("tables");
        assertEquals(List.of("plasticc_objects", "plasticc_observations", "plasticc_rejects"),
                listed.stream().map(t -> t.get("name")).toList());
        assertEquals(6, ((Number) listed.get(0).get("rows")).intValue());

        Map.Entry<Integer, String> sql = run("--warehouse", warehouse, "--json", "sql",
                "SELECT count(*) AS n, max(distmod) IS NOT NULL AS has_distmod FROM plasticc_objects");
        assertEquals(0, sql.getKey(), sql.getValue());
        assertEquals(Map.of("columns", List.of("n", "has_distmod"), "rows", List.of(List.of(6, true))),
                json(sql.getValue().trim()));

        Map.Entry<Integer, String> human = run("--warehouse", warehouse, "sql", "SELECT count(*) AS n FROM "
                + "plasticc_observations");
        assertTrue(human.getValue().contains(Long.toString(lines.observationRows())), human.getValue());
    }

    @Test
    void aFailingCommandExitsWithOneAndPrintsTheErrorAsJson() {
        Path dir = SparkTestSession.tempDir("cli-error");
        Map.Entry<Integer, String> result = run("ingest-plasticc", "--warehouse", dir.resolve("wh").toString(),
                "--observations", dir.resolve("missing.csv").toString(), "--metadata",
                dir.resolve("missing-meta.csv").toString(), "--json");
        assertEquals(1, result.getKey());
        Map<String, Object> error = json(result.getValue().trim());
        assertEquals("ingest-plasticc", error.get("command"));
        assertTrue(String.valueOf(error.get("error")).contains("missing"), String.valueOf(error.get("error")));
    }
}
