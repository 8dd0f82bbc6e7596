package org.losslab.common.plasticc;

import static java.util.Objects.requireNonNull;

/**
 * A rejected row: the reason, the column at fault (null when the row as a whole is wrong, as with a wrong
 * column count) and a message that says what was found.
 */
public record Rejection(RejectReason reason, String column, String detail) {
    public Rejection {
        requireNonNull(reason, "reason");
        requireNonNull(detail, "detail");
    }
}
