package org.losslab.jobs.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.losslab.jobs.warehouse.Warehouse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code losslab sql "SELECT ..."}: Spark SQL over every warehouse table, registered under its name. */
@Command(name = "sql", mixinStandardHelpOptions = true,
        description = "Run a Spark SQL query with every warehouse table registered as a view under its name."
                + " With --json: {\"columns\": [...], \"rows\": [[...], ...]}.")
final class SqlCommand extends SparkCommand {
    private static final Logger LOG = LoggerFactory.getLogger(SqlCommand.class);

    @Parameters(index = "0", paramLabel = "QUERY", description = "The query, e.g. \"SELECT target, count(*)"
            + " FROM plasticc_objects GROUP BY target\".")
    String query;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "1000",
            description = "Most rows to print; more are cut with a warning on stderr. Default: ${DEFAULT-VALUE}.")
    int limit;

    @Override
    CommandResult run(SparkSession spark) {
        Warehouse.open(spark, warehouse()).registerViews();
        Dataset<Row> result = spark.sql(query);
        List<Row> rows = result.limit(limit + 1).collectAsList();
        if (rows.size() > limit) {
            LOG.warn("Query returned more than {} rows; printing the first {} (raise --limit for more)", limit,
                    limit);
            rows = rows.subList(0, limit);
        }
        List<String> columns = Arrays.asList(result.columns());
        List<List<Object>> values = new ArrayList<>();
        TextTable table = new TextTable(columns, 60);
        for (Row row : rows) {
            List<Object> converted = JsonValues.row(row);
            values.add(converted);
            table.add(converted.stream().map(v -> v == null ? null : v instanceof String s ? s
                    : SparkCommand.toJson(v)).toList());
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("columns", columns);
        json.put("rows", values);
        String summary = table + String.format("%n(%d row%s)", rows.size(), rows.size() == 1 ? "" : "s");
        return new CommandResult(summary, json);
    }
}
