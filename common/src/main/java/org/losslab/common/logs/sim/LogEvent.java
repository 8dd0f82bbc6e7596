package org.losslab.common.logs.sim;

import java.io.Serializable;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * One simulated log line: when (milliseconds since the epoch, read as local time), which lifecycle step of
 * which replica (pipeline position, or -1 for block-wide steps), and the header fields and content that
 * {@link #line()} writes in the Loghub HDFS layout {@code <Date> <Time> <Pid> <Level> <Component>: <Content>}.
 */
public record LogEvent(long timeMillis, HdfsStep step, int replica, int pid, String level, String component,
        String content) implements Serializable {
    public LogEvent {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(content, "content");
    }

    /** The same event at another time. */
    LogEvent at(long time) {
        return new LogEvent(time, step, replica, pid, level, component, content);
    }

    /** The line, e.g. {@code 081109 203615 148 INFO dfs.DataNode$PacketResponder: PacketResponder 1 for ...}. */
    public String line() {
        LocalDateTime t = LocalDateTime.ofEpochSecond(Math.floorDiv(timeMillis, 1000L), 0, ZoneOffset.UTC);
        StringBuilder b = new StringBuilder(48 + component.length() + content.length());
        twoDigits(b, t.getYear() % 100);
        twoDigits(b, t.getMonthValue());
        twoDigits(b, t.getDayOfMonth());
        b.append(' ');
        twoDigits(b, t.getHour());
        twoDigits(b, t.getMinute());
        twoDigits(b, t.getSecond());
        return b.append(' ').append(pid).append(' ').append(level).append(' ').append(component).append(": ")
                .append(content).toString();
    }

    private static void twoDigits(StringBuilder b, int value) {
        b.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }
}
