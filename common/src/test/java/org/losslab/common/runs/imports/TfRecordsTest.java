package org.losslab.common.runs.imports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/** TFRecord framing: checksums as TensorFlow computes them, a damaged record, a damaged length, a cut file. */
class TfRecordsTest {

    private static byte[] file(List<byte[]> records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        records.forEach(r -> out.writeBytes(TfRecords.frame(r)));
        return out.toByteArray();
    }

    private static final List<byte[]> RECORDS = List.of("first".getBytes(StandardCharsets.UTF_8),
            "second record".getBytes(StandardCharsets.UTF_8), new byte[0], "fourth".getBytes(StandardCharsets.UTF_8));

    @Test
    void theMaskedCrcOfTensorFlowsFraming() {
        // TensorFlow's crc32c::Mask of the CRC-32C of "123456789" (0xe3069283, the standard check value)
        assertEquals(Integer.toUnsignedString(((0xe3069283 >>> 15) | (0xe3069283 << 17)) + 0xa282ead8),
                Integer.toUnsignedString(TfRecords.mask(0xe3069283)));
        byte[] framed = TfRecords.frame("123456789".getBytes(StandardCharsets.US_ASCII));
        assertEquals(12 + 9 + 4, framed.length);
        assertEquals(9, framed[0]);
    }

    @Test
    void everyRecordIsReadBackWithItsOffset() {
        TfRecords.Read read = TfRecords.read("f", file(RECORDS));
        assertEquals(4, read.records().size());
        assertFalse(read.truncated());
        assertTrue(read.rejects().isEmpty());
        long offset = 0;
        for (int i = 0; i < RECORDS.size(); i++) {
            assertArrayEquals(RECORDS.get(i), read.records().get(i).data());
            assertEquals(offset, read.records().get(i).offset());
            offset += 16 + RECORDS.get(i).length;
        }
    }

    @Test
    void aDamagedRecordIsRejectedAtItsOffsetAndTheRestIsRead() {
        byte[] bytes = file(RECORDS);
        long second = 16 + RECORDS.get(0).length;
        bytes[(int) second + 12 + 3] ^= 0x20;
        TfRecords.Read read = TfRecords.read("events.x", bytes);
        assertEquals(List.of("first", "", "fourth"), read.records().stream()
                .map(r -> new String(r.data(), StandardCharsets.UTF_8)).toList());
        assertEquals(1, read.rejects().size());
        ImportReject reject = read.rejects().get(0);
        assertEquals("crc_mismatch", reject.reason());
        assertEquals(second, reject.offset());
        assertEquals("events.x", reject.file());
    }

    @Test
    void aDamagedLengthEndsTheFileWithAReject() {
        byte[] bytes = file(RECORDS);
        long second = 16 + RECORDS.get(0).length;
        bytes[(int) second] ^= 0x01;
        TfRecords.Read read = TfRecords.read("f", bytes);
        assertEquals(1, read.records().size());
        assertEquals("length_crc_mismatch", read.rejects().get(0).reason());
        assertEquals(second, read.rejects().get(0).offset());
    }

    @Test
    void aFileCutInsideARecordKeepsTheRecordsBeforeAndSaysItIsTruncated() {
        byte[] bytes = file(RECORDS);
        for (int cut : new int[] {1, 5, 12, 16}) {
            TfRecords.Read read = TfRecords.read("f", Arrays.copyOf(bytes, bytes.length - cut));
            assertTrue(read.truncated(), "cut " + cut);
            assertEquals(3, read.records().size(), "cut " + cut);
            assertTrue(read.rejects().isEmpty());
        }
    }
}
