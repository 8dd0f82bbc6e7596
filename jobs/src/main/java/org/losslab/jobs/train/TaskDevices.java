package org.losslab.jobs.train;

import java.util.Iterator;

import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.resource.ResourceInformation;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The GPU Spark's scheduler gave a training task ({@code spark.task.resource.gpu.amount}, addresses from the
 * workers' discovery scripts), and selecting it for ND4J: with the CUDA backend every task trains on its own
 * device instead of all on device 0. The addresses travel back with the step reports and end up in
 * {@code runs.accelerators}.
 */
final class TaskDevices {
    private TaskDevices() {
    }

    /** The first GPU address of the running task, or null (no task, no GPU scheduling). */
    static String taskGpu() {
        TaskContext task = TaskContext.get();
        if (task == null) {
            return null;
        }
        scala.Option<ResourceInformation> gpu = task.resources().get("gpu");
        return gpu.isDefined() && gpu.get().addresses().length > 0 ? gpu.get().addresses()[0] : null;
    }

    /** Makes the task's GPU the current ND4J device of this thread when the backend is CUDA; returns its address. */
    static String selectForTask() {
        String address = taskGpu();
        if (address != null && "cuda".equals(TrainModel.backend())) {
            int device;
            try {
                device = Integer.parseInt(address.trim());
            } catch (NumberFormatException e) {
                throw new IllegalStateException("Cannot select GPU '" + address + "' for ND4J: the discovery script"
                        + " must report CUDA device ordinals (0, 1, ...)", e);
            }
            Nd4j.getAffinityManager().unsafeSetDevice(device);
        }
        return address;
    }

    /**
     * Runs before DL4J-Spark's training function reads its partition, on the task's thread, so that the network
     * the worker builds lands on the task's device.
     */
    static final class SelectDevice implements FlatMapFunction<Iterator<String>, String> {
        @Override
        public Iterator<String> call(Iterator<String> paths) {
            selectForTask();
            return paths;
        }
    }
}
