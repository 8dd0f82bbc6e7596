package org.losslab.jobs.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Partitioned Parquet writes without the per-task sort Spark plans for them. Spark sorts every task's rows
 * by the partition columns so that one writer is open at a time; when a task meets only a few partition
 * values (input grouped by object, or one log system per ingest) that sort is pure cost (~40% of the
 * PLAsTiCC ingest). With planned-write sorting off for the write, Spark keeps one open writer per value and
 * falls back to sorting past {@value #MAX_OPEN_WRITERS} values in a task.
 */
public final class PartitionedWrites {
    static final int MAX_OPEN_WRITERS = 16;
    private static final String PLANNED = "spark.sql.optimizer.plannedWrite.enabled";
    private static final String WRITERS = "spark.sql.maxConcurrentOutputFileWriters";

    private PartitionedWrites() {
    }

    public static void writeWithoutSort(SparkSession spark, Dataset<Row> rows, String column, String path) {
        String plannedBefore = spark.conf().get(PLANNED, null);
        String writersBefore = spark.conf().get(WRITERS, null);
        spark.conf().set(PLANNED, "false");
        spark.conf().set(WRITERS, Integer.toString(MAX_OPEN_WRITERS));
        try {
            rows.write().partitionBy(column).parquet(path);
        } finally {
            restore(spark, PLANNED, plannedBefore);
            restore(spark, WRITERS, writersBefore);
        }
    }

    private static void restore(SparkSession spark, String key, String value) {
        if (value == null) {
            spark.conf().unset(key);
        } else {
            spark.conf().set(key, value);
        }
    }
}
