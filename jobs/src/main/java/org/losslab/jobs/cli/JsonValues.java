package org.losslab.jobs.cli;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Row;

import scala.collection.JavaConverters;

/**
 * Spark values as JSON-ready Java values: structs become objects, arrays lists, maps objects; NaN and
 * infinities (which JSON lacks) become the strings "NaN", "Infinity", "-Infinity"; dates and timestamps
 * their ISO text.
 */
final class JsonValues {
    private JsonValues() {
    }

    static Object of(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Long
                || value instanceof Integer || value instanceof Short || value instanceof Byte
                || value instanceof BigDecimal) {
            return value;
        }
        if (value instanceof Double d) {
            return Double.isFinite(d) ? d : d.toString();
        }
        if (value instanceof Float f) {
            return Float.isFinite(f) ? f : f.toString();
        }
        if (value instanceof Row row) {
            Map<String, Object> object = new LinkedHashMap<>();
            String[] names = row.schema() == null ? null : row.schema().fieldNames();
            for (int i = 0; i < row.length(); i++) {
                object.put(names == null ? "_" + (i + 1) : names[i], of(row.get(i)));
            }
            return object;
        }
        if (value instanceof scala.collection.Seq<?> seq) {
            List<Object> list = new ArrayList<>();
            for (Object element : JavaConverters.seqAsJavaList(seq)) {
                list.add(of(element));
            }
            return list;
        }
        if (value instanceof scala.collection.Map<?, ?> map) {
            Map<String, Object> object = new LinkedHashMap<>();
            JavaConverters.mapAsJavaMap(map).forEach((k, v) -> object.put(String.valueOf(k), of(v)));
            return object;
        }
        if (value instanceof byte[] bytes) {
            return java.util.Base64.getEncoder().encodeToString(bytes);
        }
        if (value instanceof java.sql.Timestamp ts) {
            return ts.toInstant().toString();
        }
        return value.toString();
    }

    static List<Object> row(Row row) {
        List<Object> values = new ArrayList<>(row.length());
        for (int i = 0; i < row.length(); i++) {
            values.add(of(row.get(i)));
        }
        return values;
    }
}
