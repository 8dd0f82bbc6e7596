package org.losslab.common.runs.imports;

import java.io.Serializable;

/**
 * A record of a training log that could not be read: the file, where in it ({@code offset}: byte offset of a binary
 * record; {@code line}: 1-based line of a text file), a reason code and a detail for people.
 */
public record ImportReject(String file, Long offset, Long line, String reason, String detail)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public static ImportReject atOffset(String file, long offset, String reason, String detail) {
        return new ImportReject(file, offset, null, reason, detail);
    }

    public static ImportReject atLine(String file, long line, String reason, String detail) {
        return new ImportReject(file, null, line, reason, detail);
    }
}
