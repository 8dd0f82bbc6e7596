package org.losslab.common.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Grouping on a corpus of invented lines in the styles of software the shipped Loghub sets do not cover (proxies,
 * REST access lines, structured JSON, SSH, kernel messages, Java exceptions, free-text reasons, quoted values,
 * UUIDs, IPv6), each line labelled with the event that printed it. No line comes from a real log: this is the
 * "logs at large" the rules are justified by, scored the way Loghub scores a parser (GA). Event frequencies are
 * skewed as in real logs, so a mis-grouped frequent event costs what it would cost there. A second corpus holds
 * structured lines (logfmt, JSON) and values of several words.
 */
class InventedStylesTest {

    private static final String[] USERS = {"alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan",
        "judy", "mallory", "niaj", "olivia", "peggy", "rupert", "sybil", "trent", "victor", "walter", "zoe"};
    private static final String[] WORDS = ("disk quota exceeded for volume backup network timeout while reading peer "
            + "closed stream unexpectedly token expired checksum mismatch in block header file too large name contains "
            + "invalid characters owner lacks write permission on target folder archive format unsupported").split(" ");

    /** One invented event: the label, its share of the lines and a printer of fresh lines. */
    private record Event(String label, int weight, Function<Random, String> line) {
    }

    private static final List<Event> EVENTS = List.of(
            new Event("proxy-open", 40, r -> host(r) + ":" + port(r) + " open through proxy " + host(r) + ":"
                    + (r.nextBoolean() ? 8080 : 3128) + " HTTPS"),
            new Event("proxy-close", 35, r -> host(r) + ":" + port(r) + " close, " + r.nextInt(90_000) + " bytes ("
                    + r.nextInt(90) + "." + r.nextInt(10) + " KB) sent, " + r.nextInt(9_000) + " bytes received, lifetime "
                    + String.format("%02d:%02d", r.nextInt(60), r.nextInt(60))),
            new Event("rest-get", 30, r -> ip(r) + " \"GET /v2/" + hex(r, 32) + "/servers/detail HTTP/1.1\" status: "
                    + (r.nextInt(10) == 0 ? 404 : 200) + " len: " + (1000 + r.nextInt(900)) + " time: 0."
                    + (1_000_000 + r.nextInt(8_999_999))),
            new Event("ssh-failed", 25, r -> "Failed password for invalid user " + USERS[r.nextInt(USERS.length)]
                    + r.nextInt(100) + " from " + ip(r) + " port " + port(r) + " ssh2"),
            new Event("ssh-accepted", 12, r -> "Accepted publickey for " + USERS[r.nextInt(USERS.length)] + " from "
                    + ip(r) + " port " + port(r) + " ssh2"),
            new Event("json-login", 20, r -> "{\"event\":\"login\",\"user\":\"" + USERS[r.nextInt(USERS.length)]
                    + "\",\"ok\":" + r.nextBoolean() + ",\"ms\":" + r.nextInt(900) + "}"),
            new Event("json-request", 18, r -> "{\"level\":\"info\",\"msg\":\"request done\",\"path\":\"/api/items/"
                    + r.nextInt(9999) + "\",\"status\":" + (r.nextBoolean() ? 200 : 201) + ",\"dur_ms\":"
                    + r.nextInt(999) / 10.0 + "}"),
            new Event("upload-rejected", 15, r -> {
                StringBuilder b = new StringBuilder("upload " + r.nextInt(99_999) + " rejected:");
                for (int w = 2 + r.nextInt(5); w > 0; w--) {
                    b.append(' ').append(WORDS[r.nextInt(WORDS.length)]);
                }
                return b.toString();
            }),
            new Event("instance-spawned", 12, r -> "[instance: " + uuid(r) + "] Took " + r.nextInt(90) / 10.0
                    + " seconds to spawn the instance on the hypervisor."),
            new Event("task-started", 10, r -> "task \"" + (r.nextBoolean() ? "Nightly Sync" : "Weekly Report")
                    + "\" started on worker " + r.nextInt(64)),
            new Event("io-exception", 8, r -> "java.io.IOException: Connection reset by peer at "
                    + "com.acme.net.Channel.read(Channel.java:" + (100 + r.nextInt(800)) + ")"),
            new Event("ipv6-accepted", 8, r -> "Connection from [2001:db8::" + Integer.toHexString(r.nextInt(65_536))
                    + "]:" + port(r) + " accepted"),
            new Event("activity-launch", 6, r -> "launching activity cmp=com.acme." + (r.nextBoolean() ? "shop/.Cart"
                    : "mail/.Inbox") + " for user " + r.nextInt(20)),
            new Event("usb-device", 5, r -> "usb 1-" + (1 + r.nextInt(4)) + ": new high-speed USB device number "
                    + (2 + r.nextInt(30)) + " using ehci_hcd"),
            new Event("disk-full", 5, r -> "Disk /dev/sd" + (char) ('a' + r.nextInt(4)) + (1 + r.nextInt(4)) + " is "
                    + (50 + r.nextInt(50)) + "% full"),
            new Event("link-up", 4, r -> "Link up on interface eth" + r.nextInt(4)),
            new Event("link-down", 4, r -> "Link down on interface eth" + r.nextInt(4)),
            new Event("policy-lru", 3, r -> "cache eviction policy set to LRU by " + USERS[r.nextInt(USERS.length)]
                    + r.nextInt(10)),
            new Event("policy-lfu", 3, r -> "cache eviction policy set to LFU by " + USERS[r.nextInt(USERS.length)]
                    + r.nextInt(10)),
            new Event("pod-deleted", 3, r -> "Pod default/web-" + hex(r, 9) + "-" + hex(r, 5) + " deleted after "
                    + r.nextInt(600) + "s"));

    private static final String[] AGENTS = {"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)",
        "curl/8.4.0", "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_1) Firefox/121.0", "python-requests/2.31"};

    /**
     * Structured lines (logfmt, JSON compact, with spaces and nested) whose events share one set of keys and differ
     * by their message, and values of several words in single quotes, parentheses and quoted user agents.
     */
    private static final List<Event> STRUCTURED_EVENTS = List.of(
            new Event("logfmt-connected", 20, r -> logfmt(r, "peer connected")),
            new Event("logfmt-disconnected", 15, r -> logfmt(r, "peer disconnected")),
            new Event("logfmt-banned", 4, r -> logfmt(r, "peer banned")),
            new Event("json-queued", 12, r -> "{\"level\":\"info\",\"msg\":\"job queued\",\"job\":" + r.nextInt(9999)
                    + "}"),
            new Event("json-finished", 12, r -> "{\"level\":\"info\",\"msg\":\"job finished\",\"job\":"
                    + r.nextInt(9999) + "}"),
            new Event("spaced-hit", 10, r -> "{\"event\": \"cache hit\", \"key\": \"k" + r.nextInt(999)
                    + "\", \"owner\": \"" + USERS[r.nextInt(USERS.length)] + "\"}"),
            new Event("spaced-miss", 10, r -> "{\"event\": \"cache miss\", \"key\": \"k" + r.nextInt(999)
                    + "\", \"owner\": \"" + USERS[r.nextInt(USERS.length)] + "\"}"),
            new Event("pino-request", 10, r -> pino(r) + "\"req\":{\"method\":\"POST\",\"id\":" + r.nextInt(9999)
                    + "},\"msg\":\"incoming request\"}"),
            new Event("pino-timeout", 6, r -> pino(r) + "\"err\":{\"type\":\"TimeoutError\",\"ms\":" + r.nextInt(9999)
                    + "},\"msg\":\"upstream timed out\"}"),
            new Event("pino-signin", 8, r -> pino(r) + "\"user\":{\"id\":" + r.nextInt(9999) + ",\"name\":\""
                    + USERS[r.nextInt(USERS.length)] + r.nextInt(10) + "\"},\"msg\":\"signed in\"}"),
            new Event("file-open", 8, r -> "Could not open '" + words(r, 1, 4) + ".txt': permission denied"),
            new Event("worker-done", 8, r -> "Worker (" + words(r, 1, 2) + ") finished batch " + r.nextInt(99)),
            new Event("read-timeout", 5, r -> "java.net.SocketTimeoutException: Read timed out after "
                    + r.nextInt(60_000) + " ms (host " + host(r) + ")"),
            new Event("access-get", 15, r -> "\"GET /api/items/" + r.nextInt(999) + " HTTP/1.1\" 200 " + r.nextInt(9999)
                    + " \"-\" \"" + AGENTS[r.nextInt(AGENTS.length)] + "\""));

    @Test
    void groupsTheInventedEventsOfManyStyles() {
        // every event is its own template: measured GA 1.000 over 20 events, 20 templates
        assertEveryEventIsOneTemplate(EVENTS, 2026);
    }

    @Test
    void groupsStructuredLinesByMessageAndMultiWordValuesAsOne() {
        // measured GA 1.000 over 14 events, 14 templates; GA 0.036 (15 templates, 1 right) before the rules for
        // message keys, single-quoted and parenthesised spans and the per-event write-out
        assertEveryEventIsOneTemplate(STRUCTURED_EVENTS, 2027);
    }

    private static void assertEveryEventIsOneTemplate(List<Event> events, long seed) {
        Random r = new Random(seed);
        int total = events.stream().mapToInt(Event::weight).sum();
        List<String> lines = new ArrayList<>();
        List<String> truth = new ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            int pick = r.nextInt(total);
            for (Event e : events) {
                pick -= e.weight();
                if (pick < 0) {
                    lines.add(e.line().apply(r));
                    truth.add(e.label());
                    break;
                }
            }
        }
        TemplateModel model = TemplateMiner.mine(lines);
        TemplateModel.Matcher matcher = model.matcher();
        List<String> templates = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        for (String line : lines) {
            ParsedMessage p = matcher.parse(line);
            templates.add(p.template());
            groups.add(p.templateId());
        }
        ParsingScores scores = ParsingEvaluator.evaluate(truth, templates, groups);
        assertEquals(events.size(), model.templates().size(), model.templates().toString());
        assertTrue(scores.groupingAccuracy() >= 0.999, scores.toString());
    }

    private static String logfmt(Random r, String message) {
        return "level=INFO msg=\"" + message + "\" peer=" + USERS[r.nextInt(USERS.length)] + " id=" + r.nextInt(999);
    }

    private static String pino(Random r) {
        return "{\"level\":" + (r.nextBoolean() ? 30 : 40) + ",\"time\":"
                + (1_733_400_000_000L + r.nextInt(99_999_999)) + ",\"pid\":" + (100 + r.nextInt(900))
                + ",\"hostname\":\"web-" + (1 + r.nextInt(3)) + "\",";
    }

    private static String words(Random r, int min, int max) {
        StringBuilder b = new StringBuilder();
        for (int n = min + r.nextInt(max - min + 1); n > 0; n--) {
            b.append(b.length() > 0 ? " " : "").append(WORDS[r.nextInt(WORDS.length)]);
        }
        return b.toString();
    }

    private static String host(Random r) {
        String[] names = {"api", "cdn", "mail", "shop", "static", "auth"};
        return names[r.nextInt(names.length)] + r.nextInt(40) + ".example.com";
    }

    private static String ip(Random r) {
        return "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
    }

    private static int port(Random r) {
        return 1024 + r.nextInt(60_000);
    }

    private static String hex(Random r, int digits) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < digits; i++) {
            b.append(Character.forDigit(r.nextInt(16), 16));
        }
        return b.toString();
    }

    private static String uuid(Random r) {
        String h = hex(r, 32);
        return h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-" + h.substring(16, 20)
                + "-" + h.substring(20);
    }
}
