package org.losslab.common.logs.sim;

import java.io.Serializable;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Simulates labelled HDFS logs block by block, in the wording and layout of Loghub's HDFS log (a Hadoop 0.18
 * cluster, 2008). A block's lifecycle: the NameNode allocates it for a task's output file; a write pipeline
 * of usually 3 DataNodes (sometimes 2 or 1) receives it; each DataNode's PacketResponder ends and reports
 * the block received, last node first; the NameNode updates its blockMap per replica. Later, sometimes: a
 * DataBlockScanner verification, reads (a few failing, logged at WARN as in the real log), a re-replication
 * to a new DataNode, and the deletion (invalidSet entries on the NameNode, then each DataNode deleting its
 * file).
 *
 * <p>A share {@code anomalyRate} of blocks is anomalous, each with one {@link AnomalyKind}: a mandatory step
 * dropped, a failure logged at WARN (with what it breaks: a replica that failed never reports its block),
 * steps out of order, or one step repeated several extra times.
 *
 * <p>Blocks start {@value #MILLIS_PER_BLOCK} ms apart on average (4 a second, as in the real log), each
 * shifted by up to a minute, from 2008-11-09 20:35:18; their steps follow with random delays (a second or
 * a minute for the write, minutes to hours for the later steps), so the lines of many blocks interleave.
 *
 * <p>Stateless apart from its configuration: a block is a pure function of (seed, index), its label of a
 * separate stream, so {@link #anomaly(long)} is cheap and a block's normal lines do not depend on the
 * anomaly rate. Block ids are a bijection of the index for a seed, hence unique.
 */
public final class HdfsLogSimulator implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Label of a normal block in {@code anomaly_label.csv}. */
    public static final String NORMAL = "Normal";
    /** Label of an anomalous block in {@code anomaly_label.csv}. */
    public static final String ANOMALY = "Anomaly";
    /** Largest block index: its start time stays far inside what {@code LocalDateTime} can write. */
    public static final long MAX_INDEX = (1L << 40) - 1;
    /** Start of the first block: the first line of Loghub's HDFS log, 2008-11-09 20:35:18. */
    public static final long START_MILLIS =
            LocalDateTime.of(2008, 11, 9, 20, 35, 18).toEpochSecond(ZoneOffset.UTC) * 1000L;
    /** Mean gap between the starts of consecutive blocks. */
    public static final long MILLIS_PER_BLOCK = 250;
    /** HDFS's default block size in 0.18; most blocks are full. */
    public static final long BLOCK_SIZE = 67_108_864L;

    static final long ARRIVAL_JITTER_MILLIS = 60_000;
    static final int DATANODES = 200;
    static final String FS_NAMESYSTEM = "dfs.FSNamesystem";
    static final String DATA_XCEIVER = "dfs.DataNode$DataXceiver";
    static final String PACKET_RESPONDER = "dfs.DataNode$PacketResponder";
    static final String BLOCK_RECEIVER = "dfs.DataNode$BlockReceiver";
    static final String DATA_TRANSFER = "dfs.DataNode$DataTransfer";
    static final String DATANODE = "dfs.DataNode";
    static final String FS_DATASET = "dfs.FSDataset";
    static final String BLOCK_SCANNER = "dfs.DataBlockScanner";
    static final String PENDING_REPLICATION = "dfs.PendingReplicationMonitor";
    static final String INFO = "INFO";
    static final String WARN = "WARN";

    private static final int DATA_PORT = 50010;
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    private static final long LIFECYCLE_SALT = 0x48444653L;
    private static final long LABEL_SALT = 0x6C6162656CL;
    private static final long ID_SALT = 0x626C6B5FL;
    private static final long NODE_SALT = 0x6E6F646573L;
    private static final String[] DATASETS = {"rand", "randtxt", "sortrand", "sorted", "wordcount"};
    private static final String[] EXCEPTIONS = {
        "java.io.IOException: Connection reset by peer",
        "java.io.EOFException",
        "java.io.IOException: Could not read from stream",
        "java.net.SocketTimeoutException: 480000 millis timeout while waiting for channel to be ready for write.",
        "java.io.InterruptedIOException: Interruped while waiting for IO on channel"
                + " java.nio.channels.SocketChannel. 0 millis timeout left.",
    };

    private final long seed;
    private final double anomalyRate;
    private final long idKey;
    private final String[] datanodes;

    /**
     * @param anomalyRate share of anomalous blocks, in [0, 1]
     */
    public HdfsLogSimulator(long seed, double anomalyRate) {
        if (!(anomalyRate >= 0.0 && anomalyRate <= 1.0)) {
            throw new IllegalArgumentException("Cannot simulate an anomaly rate of " + anomalyRate + ": give 0 to 1");
        }
        this.seed = seed;
        this.anomalyRate = anomalyRate;
        this.idKey = mix64(seed ^ ID_SALT);
        this.datanodes = datanodes(seed);
    }

    public long seed() {
        return seed;
    }

    public double anomalyRate() {
        return anomalyRate;
    }

    /** The block id of an index: unique per seed (a bijection of the index), negative about half the time. */
    public long blockId(long index) {
        return mix64(index + idKey);
    }

    /** {@code blk_} and the signed id, as HDFS writes it. */
    public static String blockName(long blockId) {
        return "blk_" + blockId;
    }

    /** The anomaly of a block ({@code null}: normal) without simulating its lines. */
    public AnomalyKind anomaly(long index) {
        checkIndex(index);
        return drawAnomaly(new SplittableRandom(streamSeed(seed ^ LABEL_SALT, index)));
    }

    /** Deterministic in (seed, index) only: the same block whatever thread, order or partition asks. */
    public SimulatedBlock simulate(long index) {
        checkIndex(index);
        SplittableRandom labelRandom = new SplittableRandom(streamSeed(seed ^ LABEL_SALT, index));
        AnomalyKind anomaly = drawAnomaly(labelRandom);
        Lifecycle life = new Lifecycle(blockId(index), new SplittableRandom(streamSeed(seed ^ LIFECYCLE_SALT, index)));
        life.write(START_MILLIS + index * MILLIS_PER_BLOCK);
        if (anomaly != null) {
            life.inject(anomaly, labelRandom);
        }
        life.events.sort(Comparator.comparingLong(LogEvent::timeMillis)); // stable: ties keep the logged order
        return new SimulatedBlock(index, life.blockId, life.replicas, anomaly, life.events);
    }

    private static void checkIndex(long index) {
        if (index < 0 || index > MAX_INDEX) {
            throw new IllegalArgumentException("Cannot simulate block " + index + ": index must be in [0, "
                    + MAX_INDEX + "]");
        }
    }

    private AnomalyKind drawAnomaly(SplittableRandom random) {
        boolean anomalous = random.nextDouble() < anomalyRate;
        AnomalyKind kind = AnomalyKind.values()[random.nextInt(AnomalyKind.values().length)];
        return anomalous ? kind : null;
    }

    /** Seed of one block's stream: splitmix64 of the master seed and the index. */
    static long streamSeed(long seed, long index) {
        return mix64(mix64(seed) + index * GOLDEN_GAMMA);
    }

    /** The splitmix64 finaliser: a bijection of 64-bit values. */
    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The cluster's DataNodes: distinct addresses in 10.250.x.x and 10.251.x.x, fixed by the seed. */
    private static String[] datanodes(long seed) {
        SplittableRandom random = new SplittableRandom(mix64(seed ^ NODE_SALT));
        Set<String> nodes = new LinkedHashSet<>();
        while (nodes.size() < DATANODES) {
            nodes.add("10." + (250 + random.nextInt(2)) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254)));
        }
        return nodes.toArray(new String[0]);
    }

    private static String padded(long value, int width) {
        String digits = Long.toString(value);
        return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
    }

    /** The lines of one block while they are built; injected anomalies edit them. */
    private final class Lifecycle {
        final long blockId;
        final String blk;
        final SplittableRandom random;
        final List<LogEvent> events = new ArrayList<>();
        /** DataNodes holding a replica: the pipeline in order, then a re-replication target if any. */
        final List<String> holders = new ArrayList<>();
        int replicas;
        long size;
        /** When the last blockMap update of the write was logged. */
        long writeEnd;
        /** How long after the write the block is deleted (or its later steps end when it is not deleted). */
        long afterWrite;

        Lifecycle(long blockId, SplittableRandom random) {
            this.blockId = blockId;
            this.blk = blockName(blockId);
            this.random = random;
        }

        void write(long nominalStart) {
            long start = nominalStart + random.nextLong(ARRIVAL_JITTER_MILLIS);
            double r = random.nextDouble();
            replicas = r < 0.90 ? 3 : r < 0.97 ? 2 : 1;
            for (int k = 0; k < replicas; k++) {
                holders.add(newNode(random));
            }
            String client = random.nextDouble() < 0.8 ? holders.get(0) : datanodes[random.nextInt(datanodes.length)];
            size = random.nextDouble() < 0.85 ? BLOCK_SIZE : 1 + random.nextLong(BLOCK_SIZE - 1);
            add(start, HdfsStep.ALLOCATE, -1, INFO, FS_NAMESYSTEM,
                    "BLOCK* NameSystem.allocateBlock: " + taskOutputPath(start) + " " + blk, random);
            writePipeline(start, client);
            afterWrite = 60_000 + Math.min((long) (exponential(random) * 3_600_000L), 6 * 3_600_000L);
            boolean deleted = random.nextDouble() < 0.6;
            if (random.nextDouble() < 0.03) {
                replicate(writeEnd + (long) (afterWrite * (0.05 + 0.35 * random.nextDouble())), random);
            }
            int reads = random.nextDouble() < 0.25 ? 1 + random.nextInt(3) : 0;
            for (int i = 0; i < reads; i++) {
                read(writeEnd + (long) (afterWrite * (0.02 + 0.93 * random.nextDouble())));
            }
            if (random.nextDouble() < 0.2) {
                add(writeEnd + (long) (afterWrite * (0.02 + 0.93 * random.nextDouble())), HdfsStep.VERIFIED,
                        random.nextInt(replicas), INFO, BLOCK_SCANNER, "Verification succeeded for " + blk, random);
            }
            if (deleted) {
                delete(writeEnd + afterWrite, random);
            }
        }

        /** Receiving down the pipeline, then each node's end of write from the last one back, then blockMap. */
        private void writePipeline(long start, String client) {
            long t = start;
            String[] sources = new String[replicas];
            for (int k = 0; k < replicas; k++) {
                t += 1 + random.nextLong(400);
                sources[k] = k == 0 ? client : holders.get(k - 1);
                add(t, HdfsStep.RECEIVING, k, INFO, DATA_XCEIVER, "Receiving block " + blk + " src: /" + sources[k]
                        + ":" + port(random) + " dest: /" + holders.get(k) + ":" + DATA_PORT, random);
            }
            long write = 500 + (long) (exponential(random) * 8000 * size / BLOCK_SIZE);
            long done = t + write;
            for (int k = replicas - 1; k >= 0; k--) {
                done += random.nextLong(300);
                long received = done;
                long terminating = done + random.nextLong(-200, 201);
                add(received, HdfsStep.RECEIVED, k, INFO, PACKET_RESPONDER, "Received block " + blk + " of size "
                        + size + " from /" + sources[k], random);
                add(terminating, HdfsStep.RESPONDER_TERMINATING, k, INFO, PACKET_RESPONDER, "PacketResponder "
                        + (replicas - 1 - k) + " for block " + blk + " terminating", random);
                long stored = received + 1 + random.nextLong(1500);
                addStored(stored, k, holders.get(k), random);
                writeEnd = Math.max(writeEnd, stored);
            }
        }

        private void addStored(long time, int replica, String node, SplittableRandom r) {
            add(time, HdfsStep.ADD_STORED, replica, INFO, FS_NAMESYSTEM, "BLOCK* NameSystem.addStoredBlock:"
                    + " blockMap updated: " + node + ":" + DATA_PORT + " is added to " + blk + " size " + size, r);
        }

        /** A read from one replica; one in ten fails, logged at WARN as the real DataNodes did. */
        private void read(long time) {
            int k = random.nextInt(replicas);
            String node = holders.get(k);
            String reader = datanodes[random.nextInt(datanodes.length)];
            if (random.nextDouble() < 0.1) {
                add(time, HdfsStep.SERVE_FAILED, k, WARN, DATA_XCEIVER, node + ":" + DATA_PORT
                        + ":Got exception while serving " + blk + " to /" + reader + ":", random);
            } else {
                add(time, HdfsStep.SERVED, k, INFO, DATA_XCEIVER, node + ":" + DATA_PORT + " Served block " + blk
                        + " to /" + reader, random);
            }
        }

        /** The NameNode asks one holder to copy the block to a new DataNode, which stores it. */
        private void replicate(long ask, SplittableRandom r) {
            int target = holders.size();
            String source = holders.get(r.nextInt(replicas));
            String node = newNode(r);
            add(ask, HdfsStep.ASK_REPLICATE, target, INFO, FS_NAMESYSTEM, "BLOCK* ask " + source + ":" + DATA_PORT
                    + " to replicate " + blk + " to datanode(s) " + node + ":" + DATA_PORT, r);
            long start = ask + 1 + r.nextLong(3000);
            add(start, HdfsStep.START_TRANSFER, target, INFO, DATANODE, source + ":" + DATA_PORT
                    + " Starting thread to transfer block " + blk + " to " + node + ":" + DATA_PORT, r);
            long receiving = start + 1 + r.nextLong(300);
            String src = "/" + source + ":" + port(r);
            String dest = "/" + node + ":" + DATA_PORT;
            add(receiving, HdfsStep.RECEIVING, target, INFO, DATA_XCEIVER, "Receiving block " + blk + " src: " + src
                    + " dest: " + dest, r);
            long received = receiving + 300 + r.nextLong(10_000);
            add(received, HdfsStep.RECEIVED_TRANSFER, target, INFO, DATA_XCEIVER, "Received block " + blk + " src: "
                    + src + " dest: " + dest + " of size " + size, r);
            add(Math.max(receiving + 1, received + r.nextLong(-100, 201)), HdfsStep.TRANSMITTED, target, INFO,
                    DATA_TRANSFER, source + ":" + DATA_PORT + ":Transmitted block " + blk + " to " + dest, r);
            addStored(received + 1 + r.nextLong(1500), target, node, r);
            holders.add(node);
        }

        /** invalidSet entries on the NameNode, back to back, then each holder deletes its file seconds later. */
        private void delete(long time, SplittableRandom r) {
            long t = time;
            for (int k = 0; k < holders.size(); k++) {
                t += 1 + r.nextLong(40);
                add(t, HdfsStep.INVALIDATE, k, INFO, FS_NAMESYSTEM, "BLOCK* NameSystem.delete: " + blk
                        + " is added to invalidSet of " + holders.get(k) + ":" + DATA_PORT, r);
            }
            for (int k = 0; k < holders.size(); k++) {
                add(time + 1000 + r.nextLong(30_000), HdfsStep.DELETING, k, INFO, FS_DATASET, "Deleting block " + blk
                        + " file /mnt/hadoop/dfs/data/current/subdir" + r.nextInt(64) + "/" + blk, r);
            }
        }

        void inject(AnomalyKind kind, SplittableRandom r) {
            switch (kind) {
                case MISSING_STEP -> dropStep(r);
                case ERROR_EVENT -> failure(r);
                case OUT_OF_ORDER -> disorder(r);
                case REPETITION -> repeat(r);
                default -> throw new IllegalStateException("unknown anomaly " + kind);
            }
        }

        /** One mandatory line goes missing; the rest of the lifecycle is untouched. */
        private void dropStep(SplittableRandom r) {
            double u = r.nextDouble();
            int k = r.nextInt(replicas);
            if (u < 0.3) {
                remove(HdfsStep.ADD_STORED, k);
            } else if (u < 0.55) {
                remove(HdfsStep.RECEIVING, k); // its Received and PacketResponder lines still appear
            } else if (u < 0.75) {
                remove(HdfsStep.RECEIVED, k);
            } else if (u < 0.9) {
                remove(HdfsStep.RESPONDER_TERMINATING, k);
            } else {
                remove(HdfsStep.ALLOCATE, -1);
            }
        }

        /** WARN lines of one of six failures, and what each breaks. */
        private void failure(SplittableRandom r) {
            int variant = r.nextInt(6);
            if (variant == 3 && replicas < 2) {
                variant = 0; // no mirror to fail on a one-node pipeline
            }
            int k = r.nextInt(replicas);
            String exception = EXCEPTIONS[r.nextInt(EXCEPTIONS.length)];
            switch (variant) {
                case 0, 1, 2 -> {
                    long receiving = find(HdfsStep.RECEIVING, k).timeMillis();
                    long received = find(HdfsStep.RECEIVED, k).timeMillis();
                    long time = receiving + 1 + r.nextLong(received - receiving);
                    if (variant == 0) {
                        add(time, HdfsStep.ERROR, k, WARN, DATA_XCEIVER, "writeBlock " + blk + " received exception "
                                + exception, r);
                    } else if (variant == 1) {
                        add(time, HdfsStep.ERROR, k, WARN, PACKET_RESPONDER, "PacketResponder " + blk + " "
                                + (replicas - 1 - k) + " Exception " + exception, r);
                    } else {
                        add(time, HdfsStep.ERROR, k, WARN, BLOCK_RECEIVER, "Exception in receiveBlock for block "
                                + blk + " " + exception, r);
                    }
                    // the failed replica never reports the block, so the NameNode never maps it
                    remove(HdfsStep.RECEIVED, k);
                    remove(HdfsStep.ADD_STORED, k);
                }
                case 3 -> {
                    int upstream = r.nextInt(replicas - 1);
                    long receiving = find(HdfsStep.RECEIVING, upstream + 1).timeMillis();
                    long received = find(HdfsStep.RECEIVED, upstream + 1).timeMillis();
                    add(receiving + 1 + r.nextLong(received - receiving), HdfsStep.ERROR, upstream, WARN, DATA_XCEIVER,
                            holders.get(upstream) + ":" + DATA_PORT + ":Exception writing block " + blk
                                    + " to mirror " + holders.get(upstream + 1) + ":" + DATA_PORT, r);
                    remove(HdfsStep.RECEIVED, upstream + 1);
                    remove(HdfsStep.ADD_STORED, upstream + 1);
                }
                case 4 -> {
                    // the NameNode asks for a copy that never starts
                    long ask = writeEnd + (long) (afterWrite * (0.05 + 0.2 * r.nextDouble()));
                    String source = holders.get(r.nextInt(replicas));
                    add(ask, HdfsStep.ASK_REPLICATE, holders.size(), INFO, FS_NAMESYSTEM, "BLOCK* ask " + source + ":"
                            + DATA_PORT + " to replicate " + blk + " to datanode(s) " + newNode(r) + ":" + DATA_PORT, r);
                    add(ask + 300_000 + r.nextLong(60_000), HdfsStep.ERROR, -1, WARN, PENDING_REPLICATION,
                            "PendingReplicationMonitor timed out block " + blk, r);
                }
                default -> {
                    ensureDeleted(r);
                    int holder = r.nextInt(holders.size());
                    LogEvent deleting = find(HdfsStep.DELETING, holder);
                    events.set(events.indexOf(deleting), new LogEvent(deleting.timeMillis(), HdfsStep.ERROR, holder,
                            deleting.pid(), WARN, FS_DATASET, "Unexpected error trying to delete block " + blk
                                    + ". BlockInfo not found in volumeMap."));
                }
            }
        }

        /** Times moved so that a step comes before one it must follow; every line is still there. */
        private void disorder(SplittableRandom r) {
            int variant = r.nextInt(4);
            int k = r.nextInt(replicas);
            LogEvent receiving = find(HdfsStep.RECEIVING, k);
            LogEvent received = find(HdfsStep.RECEIVED, k);
            switch (variant) {
                case 0 -> move(received, receiving.timeMillis() - 1 - r.nextLong(3000));
                case 1 -> {
                    // deleted while it is still being written: invalidSet entries before the blockMap updates
                    events.removeIf(e -> e.step() == HdfsStep.INVALIDATE || e.step() == HdfsStep.DELETING);
                    long lastReceiving = find(HdfsStep.RECEIVING, replicas - 1).timeMillis();
                    long firstDone = events.stream().filter(e -> e.step() == HdfsStep.RECEIVED)
                            .mapToLong(LogEvent::timeMillis).min().orElseThrow();
                    delete(lastReceiving + r.nextLong(1, Math.max(2, (firstDone - lastReceiving) / 2)), r);
                }
                case 2 -> {
                    ensureDeleted(r);
                    int holder = r.nextInt(holders.size());
                    move(find(HdfsStep.DELETING, holder),
                            find(HdfsStep.INVALIDATE, holder).timeMillis() - 1 - r.nextLong(5000));
                }
                default -> {
                    long from = receiving.timeMillis();
                    move(find(HdfsStep.ADD_STORED, k), from + 1 + r.nextLong(received.timeMillis() - from - 1));
                }
            }
        }

        /** One step logged 2 to 5 extra times, each a little after the previous copy. */
        private void repeat(SplittableRandom r) {
            List<LogEvent> candidates = new ArrayList<>();
            for (LogEvent e : events) {
                switch (e.step()) {
                    case RECEIVING, RECEIVED, RESPONDER_TERMINATING, ADD_STORED, VERIFIED, INVALIDATE, DELETING ->
                            candidates.add(e);
                    default -> {
                    }
                }
            }
            LogEvent original = candidates.get(r.nextInt(candidates.size()));
            int extra = 2 + r.nextInt(4);
            long t = original.timeMillis();
            for (int i = 0; i < extra; i++) {
                t += 1 + r.nextLong(2000);
                events.add(original.at(t));
            }
        }

        private void ensureDeleted(SplittableRandom r) {
            if (events.stream().noneMatch(e -> e.step() == HdfsStep.INVALIDATE)) {
                delete(writeEnd + afterWrite, r);
            }
        }

        private LogEvent find(HdfsStep step, int replica) {
            for (LogEvent e : events) {
                if (e.step() == step && e.replica() == replica) {
                    return e;
                }
            }
            throw new IllegalStateException("no " + step + " of replica " + replica + " in " + blk);
        }

        private void remove(HdfsStep step, int replica) {
            events.remove(find(step, replica));
        }

        private void move(LogEvent event, long time) {
            events.set(events.indexOf(event), event.at(time));
        }

        private void add(long time, HdfsStep step, int replica, String level, String component, String content,
                SplittableRandom r) {
            events.add(new LogEvent(time, step, replica, pid(component, time, r), level, component, content));
        }

        /** A DataNode that holds no replica yet. */
        private String newNode(SplittableRandom r) {
            while (true) {
                String node = datanodes[r.nextInt(datanodes.length)];
                if (!holders.contains(node)) {
                    return node;
                }
            }
        }

        /** {@code /user/root/DATASET/_temporary/_task_JOB_m_TASK_0/part-TASK.} of the writing map task. */
        private String taskOutputPath(long start) {
            LocalDateTime job = LocalDateTime.ofEpochSecond((start - random.nextLong(3_600_000)) / 1000, 0,
                    ZoneOffset.UTC);
            int task = random.nextInt(2000);
            return "/user/root/" + DATASETS[random.nextInt(DATASETS.length)] + "/_temporary/_task_" + job.getYear()
                    + padded(job.getMonthValue(), 2) + padded(job.getDayOfMonth(), 2) + padded(job.getHour(), 2)
                    + padded(job.getMinute(), 2) + "_" + padded(1 + random.nextInt(60), 4) + "_m_"
                    + padded(task, 6) + "_0/part-" + padded(task, 5) + ".";
        }
    }

    /**
     * The Pid field: NameNode handler threads are few and long-lived; DataNode transfer threads are created
     * per block, so their ids grow with time as in the real log; daemons (scanner, dataset) keep low ids.
     */
    private static int pid(String component, long time, SplittableRandom r) {
        return switch (component) {
            case FS_NAMESYSTEM -> 13 + r.nextInt(23);
            case DATA_XCEIVER, PACKET_RESPONDER, BLOCK_RECEIVER, DATA_TRANSFER ->
                    (int) Math.min(Integer.MAX_VALUE, 100 + Math.max(0, time - START_MILLIS) / 5000 + r.nextInt(60));
            default -> 13 + r.nextInt(10);
        };
    }

    private static int port(SplittableRandom r) {
        return r.nextInt(32768, 61000);
    }

    /** An exponential draw with mean 1. */
    private static double exponential(SplittableRandom r) {
        return -Math.log(1.0 - r.nextDouble());
    }
}
