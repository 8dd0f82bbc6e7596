package org.losslab.jobs.train;

import org.losslab.common.train.LearningRateSchedule;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonIgnore;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * A losslab {@link LearningRateSchedule} as a DL4J {@link ISchedule}, indexed by the network's iteration
 * count: under parameter averaging that is the global step, since every round advances all workers and the
 * master by the averaging frequency. DL4J stores network configurations as JSON (in broadcasts and
 * checkpoints), so the schedule travels as its defining numbers and is rebuilt on use.
 */
public final class ScheduleAdapter implements ISchedule {
    private static final long serialVersionUID = 1L;

    @JsonProperty private final String name;
    @JsonProperty private final double learningRate;
    @JsonProperty private final long warmupSteps;
    @JsonProperty private final long totalSteps;
    @JsonProperty private final double decayFraction;
    @JsonProperty private final double minLearningRate;
    @JsonIgnore private transient LearningRateSchedule schedule;

    @JsonCreator
    public ScheduleAdapter(@JsonProperty("name") String name, @JsonProperty("learningRate") double learningRate,
            @JsonProperty("warmupSteps") long warmupSteps, @JsonProperty("totalSteps") long totalSteps,
            @JsonProperty("decayFraction") double decayFraction,
            @JsonProperty("minLearningRate") double minLearningRate) {
        this.name = name;
        this.learningRate = learningRate;
        this.warmupSteps = warmupSteps;
        this.totalSteps = totalSteps;
        this.decayFraction = decayFraction;
        this.minLearningRate = minLearningRate;
        this.schedule = schedule();
    }

    /** The schedule itself, for recording the learning rate of each step. */
    public LearningRateSchedule schedule() {
        if (schedule == null) {
            schedule = LearningRateSchedule.parse(name, learningRate, warmupSteps, totalSteps, decayFraction,
                    minLearningRate);
        }
        return schedule;
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        return schedule().at(iteration);
    }

    @Override
    public ISchedule clone() {
        return new ScheduleAdapter(name, learningRate, warmupSteps, totalSteps, decayFraction, minLearningRate);
    }
}
