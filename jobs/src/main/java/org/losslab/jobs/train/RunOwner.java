package org.losslab.jobs.train;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.apache.spark.sql.SparkSession;
import org.losslab.common.runs.RunLiveness;

/** The driver that trains a run: its Spark application id, host name and PID, as recorded in {@code runs}. */
public final class RunOwner {
    private RunOwner() {
    }

    public static RunLiveness.Owner current(SparkSession spark) {
        return new RunLiveness.Owner(spark.sparkContext().applicationId(), hostName(), ProcessHandle.current().pid());
    }

    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
