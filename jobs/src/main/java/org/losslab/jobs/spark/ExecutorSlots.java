package org.losslab.jobs.spark;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.spark.SparkConf;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorAdded;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The task slots a cluster gives this application: executors with their cores, followed from the start of the
 * SparkContext ({@code spark.extraListeners}, set by {@link SparkSessions}). A job on a cluster that gives no
 * executor waits forever ("Initial job has not accepted any resources"); losslab waits a bounded time instead
 * and then fails with what to change, or, for training, warns when there are fewer slots than workers.
 */
public final class ExecutorSlots extends SparkListener {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutorSlots.class);
    private static final Map<String, Integer> CORES = new ConcurrentHashMap<>();
    private static volatile int taskCpus = 1;

    public ExecutorSlots(SparkConf conf) {
        CORES.clear();
        taskCpus = Math.max(1, conf.getInt("spark.task.cpus", 1));
    }

    @Override
    public void onExecutorAdded(SparkListenerExecutorAdded added) {
        CORES.put(added.executorId(), added.executorInfo().totalCores());
    }

    @Override
    public void onExecutorRemoved(SparkListenerExecutorRemoved removed) {
        CORES.remove(removed.executorId());
    }

    /** Concurrent tasks the registered executors can run. */
    public static int taskSlots() {
        return CORES.values().stream().mapToInt(c -> c / taskCpus).sum();
    }

    public static int executors() {
        return CORES.size();
    }

    /** Whether the session runs on a cluster manager (not local[*], whose slots are its threads). */
    public static boolean onCluster(SparkSession spark) {
        return !spark.sparkContext().isLocal();
    }

    /**
     * Waits up to {@code timeoutMillis} until the cluster gives {@code wanted} task slots; returns the slots
     * there are then (0 when no executor came).
     */
    public static int await(int wanted, long timeoutMillis) {
        long start = System.currentTimeMillis();
        long deadline = start + timeoutMillis;
        boolean logged = false;
        while (taskSlots() < wanted && System.currentTimeMillis() < deadline) {
            if (!logged && System.currentTimeMillis() - start > 5000) { // executors usually come within seconds
                LOG.info("Waiting up to {} s for {} task slot(s) (have {})", timeoutMillis / 1000, wanted, taskSlots());
                logged = true;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return taskSlots();
    }

    /** Fails with what to change when a cluster gives this application no executor within the timeout. */
    public static void requireExecutors(SparkSession spark, long timeoutMillis) {
        if (!onCluster(spark) || await(1, timeoutMillis) > 0) {
            return;
        }
        SparkConf conf = spark.sparkContext().getConf();
        throw new IllegalStateException("No executor registered with " + spark.sparkContext().master() + " within "
                + timeoutMillis / 1000 + " s: no worker has room for one with spark.executor.cores="
                + conf.get("spark.executor.cores", "(all of a worker's)") + ", spark.executor.memory="
                + conf.get("spark.executor.memory", "1g")
                + (conf.contains("spark.executor.resource.gpu.amount") ? ", spark.executor.resource.gpu.amount="
                        + conf.get("spark.executor.resource.gpu.amount") : "")
                + " (busy with other applications, too small, or no workers); see the master's web UI, or lower"
                + " those settings (losslab.executor-wait-seconds sets this wait)");
    }
}
