package org.losslab.common.logs;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.Arrays;

/**
 * Pass 1 of template mining: the mergeable statistics of a set of messages, namely how many messages
 * have each distinct <em>signature</em> (the message after {@link ContentMasker} masking).
 *
 * <p>Contract for distributed use:
 * <ul>
 *   <li>Build one instance per partition with {@link #add} (an instance is not thread-safe);</li>
 *   <li>combine instances with {@link #merge}, which is commutative and associative: the merged
 *       statistics are the same multiset of signatures whatever the partitioning of the lines and the
 *       order of merges;</li>
 *   <li>hand the merged statistics to {@link TemplateMiner#mine} on the driver, which only looks at
 *       that multiset and sorts it before use, so the model does not depend on partitioning either.</li>
 * </ul>
 * Memory grows with the number of distinct signatures, not with the number of lines; identical
 * signatures are recognised by a 64-bit hash of their text (collisions are negligible below billions of
 * distinct signatures). The state is plain arrays (the hash index is transient and rebuilt on first
 * use), so Java serialization and Kryo's default field serializer both ship it correctly.
 */
public final class TemplateStatistics implements Serializable {
    private static final long serialVersionUID = 1L;

    private String[] signatures;
    private long[] hashes;
    private long[] counts;
    private int size;
    private long lines;
    /** Rebuilt from {@link #hashes} after deserialization, so serializers only ship the arrays. */
    private transient LongIntMap index;
    private transient ContentMasker masker;

    /** Empty statistics. */
    public TemplateStatistics() {
        signatures = new String[64];
        hashes = new long[64];
        counts = new long[64];
    }

    /** Counts one message (the Content field of a log line). */
    public void add(CharSequence content) {
        if (masker == null) {
            masker = new ContentMasker();
        }
        long h = masker.mask(content);
        int slot = index().get(h);
        if (slot < 0) {
            slot = newSlot(h, masker.signature());
        }
        counts[slot]++;
        lines++;
    }

    /** Counts every message of an iterable. */
    public TemplateStatistics addAll(Iterable<? extends CharSequence> contents) {
        for (CharSequence c : contents) {
            add(c);
        }
        return this;
    }

    /**
     * Adds {@code other} into this instance and returns this, so it can serve directly as the function
     * of Spark's {@code reduce}, {@code treeReduce} or {@code fold} (which allow modifying the first
     * argument). Commutative and associative in the resulting multiset of (signature, count);
     * {@code other} is not modified.
     */
    public TemplateStatistics merge(TemplateStatistics other) {
        if (other == this) {
            for (int i = 0; i < size; i++) {
                counts[i] *= 2;
            }
            lines *= 2;
            return this;
        }
        for (int i = 0; i < other.size; i++) {
            addSignature(other.hashes[i], other.signatures[i], other.counts[i]);
        }
        lines += other.lines;
        return this;
    }

    /** Number of messages counted. */
    public long lineCount() {
        return lines;
    }

    /** Number of distinct signatures. */
    public int signatureCount() {
        return size;
    }

    /** The distinct signatures, sorted, with their counts (a copy, for inspection and tests). */
    public java.util.SortedMap<String, Long> signatureCounts() {
        java.util.TreeMap<String, Long> m = new java.util.TreeMap<>();
        for (int i = 0; i < size; i++) {
            m.put(signatures[i], counts[i]);
        }
        return m;
    }

    String signature(int i) {
        return signatures[i];
    }

    long count(int i) {
        return counts[i];
    }

    private LongIntMap index() {
        if (index == null) {
            index = new LongIntMap(Math.max(16, size));
            for (int i = 0; i < size; i++) {
                index.put(hashes[i], i);
            }
        }
        return index;
    }

    private void addSignature(long hash, String signature, long count) {
        int slot = index().get(hash);
        if (slot < 0) {
            slot = newSlot(hash, signature);
        }
        counts[slot] += count;
    }

    private int newSlot(long hash, String signature) {
        if (size == signatures.length) {
            int n = size * 2;
            signatures = Arrays.copyOf(signatures, n);
            hashes = Arrays.copyOf(hashes, n);
            counts = Arrays.copyOf(counts, n);
        }
        signatures[size] = signature;
        hashes[size] = hash;
        index().put(hash, size);
        return size++;
    }

    /** Ships only the used part of the arrays. */
    private void writeObject(ObjectOutputStream out) throws IOException {
        signatures = Arrays.copyOf(signatures, Math.max(1, size));
        hashes = Arrays.copyOf(hashes, signatures.length);
        counts = Arrays.copyOf(counts, signatures.length);
        out.defaultWriteObject();
    }

    @Override
    public String toString() {
        return "TemplateStatistics[lines=" + lines + ", signatures=" + size + "]";
    }
}
