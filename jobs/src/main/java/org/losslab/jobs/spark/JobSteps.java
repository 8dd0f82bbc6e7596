package org.losslab.jobs.spark;

import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;

/**
 * Names the Spark jobs of a stage's steps (what the Spark UI shows as the job description) and logs how
 * long each step took.
 */
public final class JobSteps {
    private final SparkSession spark;
    private final String stage;
    private final Logger log;
    private String current;
    private long started = System.nanoTime();

    public JobSteps(SparkSession spark, String stage, Logger log) {
        this.spark = spark;
        this.stage = stage;
        this.log = log;
    }

    /** Ends the previous step (logging its time) and starts the next. */
    public void step(String description) {
        finishCurrent();
        current = description;
        spark.sparkContext().setJobDescription(stage + ": " + description);
    }

    /** Ends the last step and clears the job description. */
    public void done() {
        finishCurrent();
        current = null;
        spark.sparkContext().setJobDescription(null);
    }

    private void finishCurrent() {
        long now = System.nanoTime();
        if (current != null) {
            log.info("{}: {} took {} ms", stage, current, (now - started) / 1_000_000);
        }
        started = now;
    }
}
