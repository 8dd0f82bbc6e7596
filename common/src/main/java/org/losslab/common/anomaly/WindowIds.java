package org.losslab.common.anomaly;

import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ids of the windows ({@link WindowKind}) a log line is in: for sessions every distinct match of a regex over
 * the Content (or a header field's value), for fixed and sliding windows {@code file#k} (k counts windows from 0),
 * for time windows the UTC start of the line's interval as {@code yyyy-MM-dd'T'HH:mm:ss}. A line may be in no
 * window (no match, no time) and, for sessions and sliding windows, in several.
 */
public final class WindowIds implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final String[] NONE = new String[0];
    private static final DateTimeFormatter TIME_ID = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private final WindowKind kind;
    private final String sessionKey;
    private final int size;
    private final int step;
    private final long durationMs;
    private transient Pattern pattern;
    private transient long lastInterval = Long.MIN_VALUE;
    private transient String lastTimeId;

    private WindowIds(WindowKind kind, String sessionKey, int size, int step, long durationMs) {
        this.kind = kind;
        this.sessionKey = sessionKey;
        this.size = size;
        this.step = step;
        this.durationMs = durationMs;
    }

    /** Sessions keyed by every match of {@code regex} over the Content, or by a header field when it is null. */
    public static WindowIds session(String regex) {
        return new WindowIds(WindowKind.SESSION, regex, 0, 0, 0);
    }

    public static WindowIds fixed(int size) {
        return new WindowIds(WindowKind.FIXED, null, size, size, 0);
    }

    public static WindowIds sliding(int size, int step) {
        return new WindowIds(WindowKind.SLIDING, null, size, step, 0);
    }

    public static WindowIds time(long durationSeconds) {
        return new WindowIds(WindowKind.TIME, null, 0, 0, durationSeconds * 1000);
    }

    /** Whether the ids come from the Content (a session regex), so callers need to read it. */
    public boolean readsContent() {
        return kind == WindowKind.SESSION && sessionKey != null;
    }

    /**
     * The windows of the line at 1-based {@code lineNumber} of {@code file}: {@code field} is the session header
     * field's value when sessions are keyed by a field, {@code timeMs} the line's time (null: none).
     */
    public String[] of(String file, long lineNumber, String content, String field, Long timeMs) {
        return switch (kind) {
            case SESSION -> sessionKey != null ? matches(content) : (field == null || field.isEmpty() ? NONE
                    : new String[] {field});
            case FIXED -> new String[] {file + "#" + Math.floorDiv(lineNumber - 1, size)};
            case SLIDING -> {
                long[] windows = WindowKind.slidingWindows(lineNumber - 1, size, step);
                String[] ids = new String[windows.length];
                for (int i = 0; i < ids.length; i++) {
                    ids[i] = file + "#" + windows[i];
                }
                yield ids;
            }
            case TIME -> timeMs == null ? NONE : new String[] {timeId(timeMs)};
        };
    }

    private String[] matches(String content) {
        if (content == null) {
            return NONE;
        }
        if (pattern == null) {
            pattern = Pattern.compile(sessionKey);
        }
        Matcher m = pattern.matcher(content);
        List<String> ids = null;
        while (m.find()) {
            String id = m.group();
            if (id.isEmpty()) {
                continue;
            }
            if (ids == null) {
                ids = new ArrayList<>(2);
            }
            if (!ids.contains(id)) {
                ids.add(id);
            }
        }
        return ids == null ? NONE : ids.toArray(NONE);
    }

    private String timeId(long ms) {
        long interval = Math.floorDiv(ms, durationMs);
        if (interval != lastInterval || lastTimeId == null) {
            lastInterval = interval;
            lastTimeId = TIME_ID.format(Instant.ofEpochMilli(interval * durationMs));
        }
        return lastTimeId;
    }
}
