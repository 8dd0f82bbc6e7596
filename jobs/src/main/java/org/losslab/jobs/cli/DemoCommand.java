package org.losslab.jobs.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.SparkSession;
import org.losslab.jobs.plasticc.IngestPlasticc;
import org.losslab.jobs.plasticc.SimulatePlasticc;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code losslab demo}: the whole present chain on the embedded default — simulate a PLAsTiCC training set,
 * ingest it into the warehouse, say where the tables are.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the chain end to end: simulate PLAsTiCC objects, ingest them into the warehouse,"
                + " print the counts and where the tables are.")
final class DemoCommand extends SparkCommand {

    @Option(names = "--objects", paramLabel = "N", defaultValue = "2000",
            description = "Objects to simulate. Default: ${DEFAULT-VALUE}.")
    long objects;

    @Option(names = "--input-dir", paramLabel = "DIR", defaultValue = "./work/demo",
            description = "Where the simulated CSV files go. Default: ${DEFAULT-VALUE}.")
    String inputDir;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Default: ${DEFAULT-VALUE}.")
    long seed;

    @Override
    CommandResult run(SparkSession spark) {
        SimulatePlasticc.Result simulated = new SimulatePlasticc(new SimulatePlasticc.Options(objects, inputDir,
                SimulatePlasticc.Format.CSV, seed, 0, org.losslab.common.plasticc.sim.SimulationConfig
                        .DEFAULT_DDF_FRACTION)).run(spark);
        IngestPlasticc.Result ingested = new IngestPlasticc(new IngestPlasticc.Options(warehouse(),
                List.of(simulated.observationsPath()), List.of(simulated.metadataPath()))).run(spark);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("simulate", SimulatePlasticcCommand.json(simulated));
        json.put("ingest", IngestPlasticcCommand.json(ingested));
        String summary = SimulatePlasticcCommand.summary(simulated) + "\n" + IngestPlasticcCommand.summary(ingested)
                + "\nQuery the tables with: bin/losslab sql \"SELECT target, count(*) FROM plasticc_objects GROUP BY"
                + " target\" (or bin/losslab tables)";
        return new CommandResult(summary, json);
    }
}
