package org.losslab.jobs.train;

import org.apache.spark.api.java.JavaRDDLike;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;

/**
 * DL4J-Spark's parameter averaging, told how many minibatch files the next {@code fitPaths} call gets: losslab
 * lays each averaging round's RDD out itself, so DL4J's {@code count()} of it, a Spark job of its own in every
 * round, only says what losslab already knows (about 20 ms a round on local[2], measured by bench train).
 */
final class RoundTrainingMaster extends ParameterAveragingTrainingMaster {
    private transient long nextCount = -1;

    RoundTrainingMaster(ParameterAveragingTrainingMaster.Builder builder) {
        super(builder);
    }

    /** The number of paths in the RDD of the next {@code fitPaths}; used once. */
    void nextRoundFiles(long count) {
        nextCount = count;
    }

    @Override
    protected <T, R extends JavaRDDLike<T, R>> long getTotalDataSetObjectCount(JavaRDDLike<T, R> data) {
        long count = nextCount;
        nextCount = -1;
        return count >= 0 ? count : super.getTotalDataSetObjectCount(data);
    }
}
