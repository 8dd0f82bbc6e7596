package org.losslab.jobs.train;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.data.BatchAndExportDataSetsFunction;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Training data as minibatch files that every executor reads: DL4J-Spark's export approach, done by losslab
 * under the warehouse ({@code <warehouse>/_tmp/dl4j-export/<run_id>/}) instead of under {@code hadoop.tmp.dir}.
 * DL4J's own export refuses to run on a cluster whose default Hadoop file system is {@code file:} (it cannot
 * know the folder is shared); the warehouse must be reachable from every executor anyway, since they write its
 * tables, so its file system is the right place. Each averaging round then reads exactly the files it trains
 * on ({@code SparkDl4jMultiLayer.fitPaths}): no data in task closures, no shuffle per round.
 */
final class MinibatchFiles {
    private MinibatchFiles() {
    }

    /**
     * Writes the examples as minibatches of {@code batchSize} (DL4J's {@link BatchAndExportDataSetsFunction}: one
     * file per full minibatch of each partition, the remainder as a smaller one) in one Spark job; returns the
     * files in partition order.
     */
    static List<String> export(JavaRDD<DataSet> examples, int batchSize, Path dir) {
        List<String> files = new ArrayList<>(examples.mapPartitionsWithIndex(
                new BatchAndExportDataSetsFunction(batchSize, new Path(dir, "data").toString() + "/"), true)
                .collect());
        if (files.isEmpty()) {
            throw new IllegalArgumentException("Cannot train: no training examples to export to " + dir);
        }
        return files;
    }

    /** Writes ready minibatches from the driver (small sets: the modular-arithmetic shards); returns the files. */
    static List<String> write(FileSystem fs, List<DataSet> minibatches, Path dir) {
        List<String> files = new ArrayList<>(minibatches.size());
        for (int i = 0; i < minibatches.size(); i++) {
            Path file = new Path(new Path(dir, "data"), String.format(Locale.ROOT, "minibatch-%05d.bin", i));
            try (OutputStream out = fs.create(file, true)) {
                minibatches.get(i).save(out);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write training minibatch " + file + ": " + e.getMessage(), e);
            }
            files.add(file.toString());
        }
        return files;
    }

    /**
     * One epoch as averaging rounds: the files in a seeded order for this epoch, cut into rounds of
     * {@code workers * averagingFrequency}, so that the {@code workers} contiguous slices of
     * {@code parallelize(round, workers)} hold {@code averagingFrequency} files each. The last round may be
     * shorter, but always gives every worker the same number of files: the epoch leaves out the last
     * {@code files mod workers} of its order (fewer than one file per worker, a different few each epoch), so that
     * every step is a step of all workers.
     */
    static List<List<String>> epochRounds(List<String> files, int workers, int averagingFrequency, long seed,
            int epoch) {
        List<String> order = new ArrayList<>(files);
        Collections.shuffle(order, new Random(seed * 1_000_003L + epoch));
        int usable = usableFiles(order.size(), workers);
        int perRound = workers * averagingFrequency;
        List<List<String>> rounds = new ArrayList<>();
        for (int from = 0; from < usable; from += perRound) {
            rounds.add(List.copyOf(order.subList(from, Math.min(usable, from + perRound))));
        }
        return rounds;
    }

    /** Files an epoch trains on: a multiple of {@code workers} (all of them when there are fewer). */
    static int usableFiles(int files, int workers) {
        return files < workers ? files : files - files % workers;
    }

    /** Steps one epoch takes: each worker's share of the usable files. */
    static long stepsPerEpoch(int files, int workers) {
        return Math.max(1, (usableFiles(files, workers) + workers - 1) / workers);
    }

    /**
     * Trains one epoch on the files: one {@code fitPaths} per averaging round, on an RDD of the round's files in
     * {@code workers} slices (each task first selects its GPU, if Spark gave it one).
     */
    static void fitEpoch(JavaSparkContext jsc, SparkDl4jMultiLayer sparkNet, RoundTrainingMaster master,
            List<String> files, int workers, int averagingFrequency, long seed, int epoch) {
        for (List<String> round : epochRounds(files, workers, averagingFrequency, seed, epoch)) {
            sparkNet.getNetwork().getLayerWiseConfigurations().setEpochCount(epoch); // fitPaths counts rounds
            fitRound(jsc, sparkNet, master, round, workers);
        }
    }

    /**
     * One averaging round on exactly these files, in {@code slices} worker slices. DL4J advances the iteration
     * count by the averaging frequency whatever the round held; a short round advances it by the steps taken, so
     * that step numbers stay contiguous.
     */
    static void fitRound(JavaSparkContext jsc, SparkDl4jMultiLayer sparkNet, RoundTrainingMaster master,
            List<String> files, int slices) {
        var conf = sparkNet.getNetwork().getLayerWiseConfigurations();
        int before = conf.getIterationCount();
        master.nextRoundFiles(files.size());
        sparkNet.fitPaths(jsc.parallelize(files, slices).mapPartitions(new TaskDevices.SelectDevice(), true),
                new CachedMinibatchLoader());
        conf.setIterationCount(before + (files.size() + slices - 1) / slices);
    }

}
