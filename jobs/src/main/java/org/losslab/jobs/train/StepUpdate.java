package org.losslab.jobs.train;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

import org.deeplearning4j.core.storage.Persistable;

/**
 * What one worker reports for one minibatch: step (the network's iteration, global across workers because
 * parameter averaging advances every worker by the same number of steps per round), epoch, loss, minibatch
 * size and the time it finished. Travels back to the driver inside DL4J-Spark's training results.
 */
public final class StepUpdate implements Persistable {
    static final String TYPE = "losslab-step";

    private String sessionId;
    private String workerId;
    private long timestamp;
    private long step;
    private int epoch;
    private double loss;
    private long examples;
    private String accelerator;

    /** For decoding. */
    public StepUpdate() {
    }

    StepUpdate(String sessionId, String workerId, long timestamp, long step, int epoch, double loss, long examples,
            String accelerator) {
        this.accelerator = accelerator;
        this.sessionId = sessionId;
        this.workerId = workerId;
        this.timestamp = timestamp;
        this.step = step;
        this.epoch = epoch;
        this.loss = loss;
        this.examples = examples;
    }

    public long step() {
        return step;
    }

    public int epoch() {
        return epoch;
    }

    public double loss() {
        return loss;
    }

    public long examples() {
        return examples;
    }

    /** The GPU address Spark gave the task that trained this step; null without GPU scheduling. */
    public String accelerator() {
        return accelerator;
    }

    @Override
    public String getSessionID() {
        return sessionId;
    }

    @Override
    public String getTypeID() {
        return TYPE;
    }

    @Override
    public String getWorkerID() {
        return workerId;
    }

    @Override
    public long getTimeStamp() {
        return timestamp;
    }

    @Override
    public int encodingLengthBytes() {
        return encode().length;
    }

    @Override
    public byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try {
            encode(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    @Override
    public void encode(ByteBuffer buffer) {
        buffer.put(encode());
    }

    @Override
    public void encode(OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        data.writeUTF(sessionId == null ? "" : sessionId);
        data.writeUTF(workerId == null ? "" : workerId);
        data.writeLong(timestamp);
        data.writeLong(step);
        data.writeInt(epoch);
        data.writeDouble(loss);
        data.writeLong(examples);
        data.writeUTF(accelerator == null ? "" : accelerator);
        data.flush();
    }

    @Override
    public void decode(byte[] bytes) {
        try {
            decode(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void decode(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        decode(bytes);
    }

    @Override
    public void decode(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        sessionId = data.readUTF();
        workerId = data.readUTF();
        timestamp = data.readLong();
        step = data.readLong();
        epoch = data.readInt();
        loss = data.readDouble();
        examples = data.readLong();
        String device = data.readUTF();
        accelerator = device.isEmpty() ? null : device;
    }

    @Override
    public String toString() {
        return "step " + step + " (epoch " + epoch + ", worker " + workerId + "): loss " + loss + " over " + examples;
    }
}
