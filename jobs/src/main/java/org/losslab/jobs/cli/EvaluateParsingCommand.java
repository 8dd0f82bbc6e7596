package org.losslab.jobs.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import org.apache.spark.sql.SparkSession;
import org.losslab.common.logs.ParsingScores;
import org.losslab.jobs.logs.EvaluateParsing;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code losslab evaluate-parsing}: GA, PA, FGA, FTA of the default template mining on Loghub data. */
@Command(name = "evaluate-parsing", mixinStandardHelpOptions = true,
        description = "Parse each system of a Loghub-layout directory with the default settings (the same passes"
                + " as ingest-logs) and print GA, PA, FGA and FTA per system and their averages.")
final class EvaluateParsingCommand extends SparkCommand {

    @Option(names = "--loghub", required = true, paramLabel = "DIR", split = ",",
            description = "Local directory with X/X_2k.log and X/X_2k.log_structured_corrected.csv (or Loghub's"
                    + " original X_2k.log_structured.csv) per system; repeatable or comma-separated."
                    + " Default: none (required).")
    List<Path> loghub;

    @Option(names = "--systems", split = ",", paramLabel = "A,B",
            description = "Systems to score. Default: every system folder found.")
    List<String> systems;

    @Option(names = "--dev", split = ",", paramLabel = "A,B",
            description = "Development systems (the ones whose labels the rules were written against): their average"
                    + " is printed apart from the held-out systems'. Default: none.")
    List<String> dev;

    @Override
    CommandResult run(SparkSession spark) {
        EvaluateParsing.Result result = new EvaluateParsing(new EvaluateParsing.Options(loghub, systems, dev)).run(spark);
        Map<String, Object> perSystem = new LinkedHashMap<>();
        result.systems().forEach((system, s) -> {
            Map<String, Object> m = measures(s);
            m.put("lines", s.lines());
            m.put("templates_true", s.trueTemplates());
            m.put("templates_found", s.predictedGroups());
            m.put("lines_not_fitting_layout", result.rejectedLines().get(system));
            perSystem.put(system, m);
        });
        Map<String, Object> average = new LinkedHashMap<>();
        average.put("GA", result.average(ParsingScores::groupingAccuracy));
        average.put("PA", result.average(ParsingScores::parsingAccuracy));
        average.put("FGA", result.average(ParsingScores::groupingF1));
        average.put("FTA", result.average(ParsingScores::templateF1));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("systems", perSystem);
        json.put("average", average);
        if (!result.dev().isEmpty()) {
            json.put("dev", split(result, true));
            json.put("held_out", split(result, false));
        }
        return new CommandResult(EvaluateParsing.report(result), json);
    }

    private static Map<String, Object> split(EvaluateParsing.Result result, boolean development) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("systems", result.count(development));
        m.put("GA", result.average(ParsingScores::groupingAccuracy, development));
        m.put("PA", result.average(ParsingScores::parsingAccuracy, development));
        m.put("FGA", result.average(ParsingScores::groupingF1, development));
        m.put("FTA", result.average(ParsingScores::templateF1, development));
        return m;
    }

    private static Map<String, Object> measures(ParsingScores s) {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "GA", s, ParsingScores::groupingAccuracy);
        put(m, "PA", s, ParsingScores::parsingAccuracy);
        put(m, "FGA", s, ParsingScores::groupingF1);
        put(m, "FTA", s, ParsingScores::templateF1);
        return m;
    }

    private static void put(Map<String, Object> m, String key, ParsingScores s, ToDoubleFunction<ParsingScores> f) {
        m.put(key, f.applyAsDouble(s));
    }
}
