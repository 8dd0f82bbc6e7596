package org.losslab.jobs.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.losslab.common.runs.imports.TfRecords;
import org.losslab.common.runs.imports.proto.TensorBoardEvents.Event;
import org.losslab.common.runs.imports.proto.TensorBoardEvents.Summary;
import org.losslab.jobs.imports.IngestRuns;
import org.losslab.jobs.imports.RunSources;

/**
 * {@code bench ingest-runs}: TensorBoard event records ingested per second per core next to a plain Spark read of
 * the same bytes (binaryFiles, every byte touched), alternating; the ratio read/ingest per repetition, median and
 * range. The event files are written first: {@code runs} folders of {@code steps} steps with three scalars each.
 */
public final class IngestRunsBenchmark {

    public record Options(int runs, int steps, int repetitions, Path workDir) {
    }

    public record Result(long records, long bytes, double[] read, double[] ingest, double[] ratios,
            double recordsPerSecondPerCore) {
    }

    private final Options options;

    public IngestRunsBenchmark(Options options) {
        this.options = options;
    }

    public Result run(SparkSession spark) {
        Path events = options.workDir().resolve("tensorboard");
        long[] written = write(events);
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int cores = spark.sparkContext().defaultParallelism();
        double[] read = new double[options.repetitions()];
        double[] ingest = new double[options.repetitions()];
        for (int i = 0; i < options.repetitions(); i++) {
            long start = System.nanoTime();
            long bytes = jsc.binaryFiles(events.toUri() + "/*/*", cores * 4).map(f -> {
                byte[] b = f._2().toArray();
                long sum = 0;
                for (byte x : b) {
                    sum += x;
                }
                return sum == Long.MIN_VALUE ? 0L : (long) b.length;
            }).reduce(Long::sum);
            read[i] = (System.nanoTime() - start) / 1e9;
            if (bytes != written[1]) {
                throw new IllegalStateException("read " + bytes + " bytes of " + written[1]);
            }
            start = System.nanoTime();
            IngestRuns.Result result = new IngestRuns(new IngestRuns.Options(
                    options.workDir().resolve("warehouse").toString(), RunSources.Format.TENSORBOARD,
                    List.of(events.toString()), "bench", null, null, 32L, null, List.of(), null, null)).run(spark);
            ingest[i] = (System.nanoTime() - start) / 1e9;
            if (result.runs().size() != options.runs()) {
                throw new IllegalStateException("ingested " + result.runs().size() + " runs of " + options.runs());
            }
        }
        double[] ratios = LogSequencesBenchmark.ratios(read, ingest);
        double medianIngest = LogSequencesBenchmark.median(ingest);
        return new Result(written[0], written[1], read, ingest, ratios, written[0] / medianIngest / cores);
    }

    /** Writes the event files once (kept between invocations); returns records and bytes. */
    private long[] write(Path events) {
        long records = 0;
        long bytes = 0;
        Random random = new Random(7);
        try {
            for (int r = 0; r < options.runs(); r++) {
                Path dir = Files.createDirectories(events.resolve(String.format(Locale.ROOT, "run-%04d", r)));
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.writeBytes(TfRecords.frame(Event.newBuilder().setWallTime(1.7e9).setFileVersion("brain.Event:2")
                        .build().toByteArray()));
                records++;
                for (int s = 0; s < options.steps(); s++) {
                    for (String tag : new String[] {"train/loss", "lr", "eval/loss"}) {
                        out.writeBytes(TfRecords.frame(Event.newBuilder().setStep(s).setWallTime(1.7e9 + s * 0.1)
                                .setSummary(Summary.newBuilder().addValue(Summary.Value.newBuilder().setTag(tag)
                                        .setSimpleValue(random.nextFloat()))).build().toByteArray()));
                        records++;
                    }
                }
                Path file = dir.resolve("events.out.tfevents.1700000000.bench." + r);
                Files.write(file, out.toByteArray());
                bytes += out.size();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the benchmark's event files in " + events, e);
        }
        return new long[] {records, bytes};
    }

    public static String report(Result r) {
        return String.format(Locale.ROOT, "ingest-runs tensorboard, %,d event records (%,d bytes): plain read %s s,"
                + " ingest %s s; ratio read/ingest median %.3f (%s); %,.0f records/s per core", r.records(),
                r.bytes(), LogSequencesBenchmark.seconds(r.read()), LogSequencesBenchmark.seconds(r.ingest()),
                LogSequencesBenchmark.median(r.ratios()), LogSequencesBenchmark.range(r.ratios()),
                r.recordsPerSecondPerCore());
    }
}
