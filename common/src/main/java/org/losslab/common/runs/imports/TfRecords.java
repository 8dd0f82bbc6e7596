package org.losslab.common.runs.imports;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * TFRecord framing, the container of TensorBoard event files: each record is a little-endian uint64 length, the
 * masked CRC-32C of those 8 bytes, the record, and the masked CRC-32C of the record. A record whose own checksum
 * fails is rejected and reading goes on (its length was checksummed, so the next record is found); a length
 * whose checksum fails ends the file (nothing after it can be framed); a file that ends inside a record is
 * truncated there: the records before it are kept, as a file still being written has them.
 */
public final class TfRecords {
    private static final int MASK_DELTA = 0xa282ead8;

    private TfRecords() {
    }

    /** A record's bytes and the byte offset of its frame in the file. */
    public record Record(long offset, byte[] data) {
    }

    /** The records read, the rejects, and whether the file ended inside a record. */
    public record Read(List<Record> records, List<ImportReject> rejects, boolean truncated) {
    }

    public static Read read(String file, byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        List<Record> records = new ArrayList<>();
        List<ImportReject> rejects = new ArrayList<>();
        while (in.remaining() > 0) {
            long offset = in.position();
            if (in.remaining() < 12) {
                return new Read(records, rejects, true);
            }
            long length = in.getLong(in.position());
            int lengthCrc = in.getInt(in.position() + 8);
            if (mask(crc(bytes, (int) offset, 8)) != lengthCrc) {
                rejects.add(ImportReject.atOffset(file, offset, "length_crc_mismatch", "the checksum of the record"
                        + " length at byte " + offset + " does not match: the rest of the file ("
                        + (bytes.length - offset) + " bytes) cannot be framed"));
                return new Read(records, rejects, false);
            }
            if (length < 0 || length > Integer.MAX_VALUE - 16 || in.remaining() < 12 + length + 4) {
                return new Read(records, rejects, true);
            }
            int start = (int) offset + 12;
            int dataCrc = in.getInt(start + (int) length);
            if (mask(crc(bytes, start, (int) length)) != dataCrc) {
                rejects.add(ImportReject.atOffset(file, offset, "crc_mismatch", "the checksum of the " + length
                        + "-byte record at byte " + offset + " does not match its data"));
            } else {
                byte[] data = new byte[(int) length];
                System.arraycopy(bytes, start, data, 0, (int) length);
                records.add(new Record(offset, data));
            }
            in.position(start + (int) length + 4);
        }
        return new Read(records, rejects, false);
    }

    /** The frame of one record, as TensorFlow writes it. */
    public static byte[] frame(byte[] data) {
        ByteBuffer out = ByteBuffer.allocate(12 + data.length + 4).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(data.length);
        out.putInt(mask(crc(out.array(), 0, 8)));
        out.put(data);
        out.putInt(mask(crc(data, 0, data.length)));
        return out.array();
    }

    static int mask(int crc) {
        return ((crc >>> 15) | (crc << 17)) + MASK_DELTA;
    }

    private static int crc(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }
}
