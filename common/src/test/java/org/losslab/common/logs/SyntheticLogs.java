package org.losslab.common.logs;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** A deterministic corpus of log messages from known templates, for the miner tests. */
final class SyntheticLogs {

    /** The templates the generator draws from, as the miner is expected to write them. */
    static final List<String> TEMPLATES = List.of(
            "Received block <*> of size <*> from <*>",
            "PacketResponder <*> for block <*> terminating",
            "session opened for user <*> by (uid=<*>)",
            "Link error on interface ee0",
            "Link error on interface alt0",
            "Connection from <*>:<*> closed after <*>",
            "Deleting file <*>",
            "Transferred <*> bytes (<*>) in <*> seconds",
            "BLOCK* ask <*>:<*> to delete <*>",
            "Server environment:<*>");

    private static final String[] USERS = new String[40];

    static {
        for (int i = 0; i < USERS.length; i++) {
            USERS[i] = "user" + (char) ('a' + i % 26) + (char) ('a' + i / 26) + "x";
        }
    }

    private SyntheticLogs() {
    }

    static List<String> generate(int lines, long seed) {
        Random r = new Random(seed);
        List<String> out = new ArrayList<>(lines);
        for (int i = 0; i < lines; i++) {
            out.add(message(r.nextInt(TEMPLATES.size()), r));
        }
        return out;
    }

    /** One message of template {@code t}, with fresh variable values. */
    static String message(int t, Random r) {
        switch (t) {
            case 0:
                return "Received block blk_" + r.nextLong() + " of size " + r.nextInt(1 << 26) + " from /" + ip(r);
            case 1:
                return "PacketResponder " + r.nextInt(3) + " for block blk_" + r.nextLong() + " terminating";
            case 2:
                return "session opened for user " + USERS[r.nextInt(USERS.length)] + " by (uid=" + r.nextInt(1000)
                        + ")";
            case 3:
                return "Link error on interface ee0";
            case 4:
                return "Link  error on interface alt0";
            case 5:
                return "Connection from " + ip(r) + ":" + (1024 + r.nextInt(60000)) + " closed after " + r.nextInt(900)
                        + "ms";
            case 6:
                return "Deleting file /data/" + Long.toHexString(r.nextLong()) + "/part-" + r.nextInt(99) + ".log";
            case 7:
                return "Transferred " + String.format("%,d", 1000 + r.nextInt(1_000_000)) + " bytes (" + r.nextInt(999)
                        + "." + r.nextInt(10) + " KB) in " + r.nextInt(60) + " seconds";
            case 8:
                StringBuilder b = new StringBuilder("BLOCK* ask " + ip(r) + ":50010 to delete ");
                for (int k = 0, n = 1 + r.nextInt(4); k < n; k++) {
                    b.append(" blk_").append(r.nextLong());
                }
                return b.toString();
            default:
                String[] keys = {"user.dir=/", "host.name=node-" + r.nextInt(9), "java.vendor=Oracle Corporation",
                    "os.arch=amd64", "java.io.tmpdir=/tmp", "zookeeper.version=3.4." + r.nextInt(9), "os.name=Linux",
                    "user.name=zk", "user.home=/home/zk", "java.version=1.7.0_67", "java.home=/usr/lib/jvm",
                    "java.class.path=/opt/zk/lib", "java.library.path=/usr/lib", "java.compiler=<NA>",
                    "os.version=3.10", "file.encoding=UTF-8"};
                return "Server environment:" + keys[r.nextInt(keys.length)];
        }
    }

    private static String ip(Random r) {
        return "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256);
    }

    /** Java-serializes and reads back, as Spark does when it ships an object between JVMs. */
    @SuppressWarnings("unchecked")
    static <T> T roundTrip(T object) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(object);
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                return (T) in.readObject();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
