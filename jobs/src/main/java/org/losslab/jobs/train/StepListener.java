package org.losslab.jobs.train;

import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.deeplearning4j.core.storage.listener.RoutingIterationListener;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;

/**
 * Runs on each Spark worker: after every minibatch it routes a {@link StepUpdate} to the per-task router that
 * DL4J-Spark gives routing listeners; the updates come back with the worker's training result and are
 * re-posted to the driver's {@link StepRecorder} after each averaging round. (A plain TrainingListener would
 * run on the workers only, with no way back.)
 */
public final class StepListener extends BaseTrainingListener implements RoutingIterationListener {
    private transient StatsStorageRouter router;
    private String workerId;
    private String sessionId;

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        if (router == null) {
            return;
        }
        router.putUpdate(new StepUpdate(sessionId, workerId, System.currentTimeMillis(), iteration, epoch,
                model.score(), model.batchSize(), TaskDevices.taskGpu()));
    }

    @Override
    public void setStorageRouter(StatsStorageRouter storageRouter) {
        this.router = storageRouter;
    }

    @Override
    public StatsStorageRouter getStorageRouter() {
        return router;
    }

    @Override
    public void setWorkerID(String id) {
        this.workerId = id;
    }

    @Override
    public String getWorkerID() {
        return workerId;
    }

    @Override
    public void setSessionID(String id) {
        this.sessionId = id;
    }

    @Override
    public String getSessionID() {
        return sessionId;
    }

    @Override
    public StepListener clone() {
        StepListener copy = new StepListener();
        copy.workerId = workerId;
        copy.sessionId = sessionId;
        return copy;
    }
}
