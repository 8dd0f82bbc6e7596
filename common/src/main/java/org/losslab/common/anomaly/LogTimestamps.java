package org.losslab.common.anomaly;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The time of a log line from its header fields, in epoch milliseconds (UTC; log headers rarely say their zone, and
 * only differences matter to time windows), or null when the header has no time this class knows. Forms, tried in
 * this order:
 * <ul>
 *   <li>a {@code Timestamp} field of epoch seconds ({@code 1117838570});</li>
 *   <li>a {@code Time} field that is a whole date-time: {@code 2005-06-03-15.42.50.675872},
 *       {@code 2015-10-18 18:01:47,978}, {@code 2015-10-18T18:01:47.978};</li>
 *   <li>a {@code Date} field and a {@code Time} field: dates {@code 081109} (yyMMdd), {@code 2008-11-09},
 *       {@code 17/06/09} (yy/MM/dd), {@code 2008.11.09}; times {@code 203615} (HHmmss), {@code 20:36:15} with an
 *       optional fraction after {@code ,} or {@code .}.</li>
 * </ul>
 */
public final class LogTimestamps {
    private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("yyMMdd");
    private static final Pattern EPOCH_SECONDS = Pattern.compile("\\d{9,11}");
    private static final Pattern DATE_TIME = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})[-T ](\\d{2})[.:](\\d{2})[.:](\\d{2})(?:[.,](\\d{1,9}))?");
    private static final Pattern SIX_DIGITS = Pattern.compile("\\d{6}");
    private static final Pattern DATE = Pattern.compile("(\\d{2}|\\d{4})[-/.](\\d{2})[-/.](\\d{2})");
    private static final Pattern TIME_OF_DAY = Pattern.compile("(\\d{2}):?(\\d{2}):?(\\d{2})(?:[.,](\\d{1,9}))?");

    private LogTimestamps() {
    }

    public static Long millis(Map<String, String> fields) {
        return millis(fields.get("Timestamp"), fields.get("Date"), fields.get("Time"));
    }

    /** The same from the three header fields it reads (each may be null). */
    public static Long millis(String timestamp, String dateField, String time) {
        if (timestamp != null && EPOCH_SECONDS.matcher(timestamp).matches()) {
            return Long.parseLong(timestamp) * 1000;
        }
        Long whole = dateTime(time);
        if (whole != null) {
            return whole;
        }
        LocalDate date = date(dateField);
        Long ofDay = timeOfDay(time);
        if (date == null || ofDay == null) {
            return null;
        }
        return date.atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli() + ofDay;
    }

    private static Long dateTime(String value) {
        if (value == null) {
            return null;
        }
        Matcher m = DATE_TIME.matcher(value.trim());
        if (!m.matches()) {
            return null;
        }
        try {
            LocalDateTime t = LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                    Integer.parseInt(m.group(6)));
            return t.toInstant(ZoneOffset.UTC).toEpochMilli() + fractionMillis(m.group(7));
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    private static LocalDate date(String value) {
        if (value == null) {
            return null;
        }
        String v = value.trim();
        try {
            if (SIX_DIGITS.matcher(v).matches()) {
                return LocalDate.parse(v, YYMMDD);
            }
            Matcher m = DATE.matcher(v);
            if (m.matches()) {
                int year = Integer.parseInt(m.group(1));
                return LocalDate.of(year < 100 ? 2000 + year : year, Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(3)));
            }
        } catch (java.time.DateTimeException e) {
            return null;
        }
        return null;
    }

    private static Long timeOfDay(String value) {
        if (value == null) {
            return null;
        }
        Matcher m = TIME_OF_DAY.matcher(value.trim());
        if (!m.matches()) {
            return null;
        }
        int h = Integer.parseInt(m.group(1));
        int min = Integer.parseInt(m.group(2));
        int s = Integer.parseInt(m.group(3));
        if (h > 23 || min > 59 || s > 60) {
            return null;
        }
        return ((h * 60L + min) * 60 + s) * 1000 + fractionMillis(m.group(4));
    }

    private static long fractionMillis(String fraction) {
        if (fraction == null) {
            return 0;
        }
        String ms = (fraction + "000").substring(0, 3);
        return Long.parseLong(ms);
    }
}
