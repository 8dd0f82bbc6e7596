package org.losslab.jobs.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.losslab.jobs.warehouse.Warehouse;

import picocli.CommandLine.Command;

/** {@code losslab tables}: every warehouse table with its row count and schema. */
@Command(name = "tables", mixinStandardHelpOptions = true,
        description = "List the warehouse's tables with row counts and schemas.")
final class TablesCommand extends SparkCommand {

    @Override
    CommandResult run(SparkSession spark) {
        Warehouse warehouse = Warehouse.open(spark, warehouse());
        List<Map<String, Object>> tables = new ArrayList<>();
        StringBuilder text = new StringBuilder("Warehouse " + warehouse.root() + "\n");
        for (String name : warehouse.tables()) {
            Dataset<Row> table = warehouse.read(name);
            long rows = table.count();
            List<Map<String, Object>> columns = new ArrayList<>();
            List<String> described = new ArrayList<>();
            for (StructField field : table.schema().fields()) {
                Map<String, Object> column = new LinkedHashMap<>();
                column.put("name", field.name());
                column.put("type", field.dataType().simpleString());
                column.put("nullable", field.nullable());
                columns.add(column);
                described.add(field.name() + " " + field.dataType().simpleString());
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", name);
            entry.put("rows", rows);
            entry.put("path", warehouse.tablePath(name).toString());
            entry.put("columns", columns);
            tables.add(entry);
            text.append(String.format("  %-24s %,12d rows  (%s)%n", name, rows, String.join(", ", described)));
        }
        if (tables.isEmpty()) {
            text.append("  (no tables yet)");
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("warehouse", warehouse.root().toString());
        json.put("tables", tables);
        return new CommandResult(text.toString().stripTrailing(), json);
    }
}
