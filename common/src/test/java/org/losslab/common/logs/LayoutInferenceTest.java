package org.losslab.common.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Made-up logs in common header styles; none of them is a line of an evaluated log. */
class LayoutInferenceTest {

    private static LayoutInference.Result infer(String... lines) {
        return LayoutInference.infer(List.of(lines));
    }

    private static String content(LayoutInference.Result r, String line) {
        return LogFormat.compile(r.layout()).match(line).content();
    }

    @Test
    void log4jStyleWithThreadAndLogger() {
        LayoutInference.Result r = infer(
                "2024-03-01 12:00:01,123 INFO [main] com.example.Server: listening on 8080",
                "2024-03-01 12:00:02,007 WARN [pool-2-thread-1] com.example.Cache: evicted 12 entries",
                "2024-03-01 12:00:05,410 ERROR [main] com.example.Server: bind failed");
        assertEquals("<Date> <Time> <Level> [<Thread>] <Component>: <Content>", r.layout());
        assertEquals(3, r.fitting());
        assertEquals("evicted 12 entries", content(r, "2024-03-01 12:00:02,007 WARN [pool-2-thread-1]"
                + " com.example.Cache: evicted 12 entries"));
    }

    @Test
    void logbackStyleWithABracketedLevelAndALoggerBeforeADash() {
        // invented: "%d [%level] [%thread] %logger - %msg", whose messages here all have the same shape
        LayoutInference.Result r = infer(
                "2026-03-01T10:00:01.123Z [INFO] [worker-1] com.acme.Api - request 17 handled in 12 ms",
                "2026-03-01T10:00:02.456Z [WARN] [worker-2] com.acme.Db - request 18 handled in 950 ms",
                "2026-03-01T10:00:03.789Z [INFO] [worker-1] com.acme.Cache - request 19 handled in 3 ms");
        assertEquals("<Timestamp> [<Level>] [<Thread>] <Component> - <Content>", r.layout());
        assertEquals(3, r.fitting());
        assertEquals("request 18 handled in 950 ms",
                content(r, "2026-03-01T10:00:02.456Z [WARN] [worker-2] com.acme.Db - request 18 handled in 950 ms"));
    }

    @Test
    void anAccessLogEndsItsHeaderAtTheTimeBeforeTheQuotedRequest() {
        // invented nginx/Apache combined-format lines: no level, the request is quoted message text
        LayoutInference.Result r = infer(
                "10.0.8.74 - - [05/Mar/2026:10:07:09 +0000] \"GET /api/70 HTTP/1.1\" 200 7042 \"-\" \"curl/8.0\"",
                "10.0.2.11 - - [05/Mar/2026:10:07:12 +0000] \"POST /api/orders HTTP/1.1\" 201 88 \"-\" \"app/2.1\"",
                "10.0.8.74 - - [05/Mar/2026:10:08:40 +0000] \"GET /health HTTP/1.1\" 200 2 \"-\" \"probe\"");
        assertEquals("<Field> - - [<Time>] <Content>", r.layout());
        assertEquals("\"GET /health HTTP/1.1\" 200 2 \"-\" \"probe\"",
                content(r, "10.0.8.74 - - [05/Mar/2026:10:08:40 +0000] \"GET /health HTTP/1.1\" 200 2 \"-\" \"probe\""));
    }

    @Test
    void aDottedLoggerNameAfterTheLevelIsTheComponent() {
        // invented lines of Python's "%(asctime)s %(levelname)s %(name)s %(message)s"
        LayoutInference.Result r = infer(
                "2026-03-05 10:16:05,350 INFO app.api cache miss for key k746",
                "2026-03-05 10:16:06,001 ERROR app.db connection lost",
                "2026-03-05 10:16:09,420 WARNING app.api slow request 812 ms");
        assertEquals("<Date> <Time> <Level> <Component> <Content>", r.layout());
        assertEquals("connection lost", content(r, "2026-03-05 10:16:06,001 ERROR app.db connection lost"));
    }

    @Test
    void pythonLoggingWithDashSeparators() {
        LayoutInference.Result r = infer(
                "2024-03-01 12:00:01,123 - payments.worker - WARNING - retry 3 of 5",
                "2024-03-01 12:00:02,456 - payments.api - INFO - request served in 31 ms",
                "2024-03-01 12:00:03,789 - payments.worker - ERROR - gave up after 5 tries");
        assertEquals("<Date> <Time> - <Field> - <Level> - <Content>", r.layout());
        assertEquals("request served in 31 ms",
                content(r, "2024-03-01 12:00:02,456 - payments.api - INFO - request served in 31 ms"));
    }

    @Test
    void syslogWithHostAndProcess() {
        LayoutInference.Result r = infer(
                "Mar  4 10:00:00 web01 nginx[812]: upstream timed out",
                "Mar  4 10:00:03 web01 cron[77]: job 4 started",
                "Mar 14 10:01:00 web02 sshd[9001]: accepted key for deploy");
        assertEquals("<Month> <Date> <Time> <Field> <Component>: <Content>", r.layout());
        assertEquals(List.of("month", "date", "time", "word", "component"), r.columns());
    }

    @Test
    void bracketedTimeAndLevelAndAnErrorLogStyle() {
        LayoutInference.Result apacheLike = infer(
                "[Mon Mar 04 10:00:00 2024] [warn] slow request to /index",
                "[Mon Mar 04 10:00:01 2024] [error] client closed the connection");
        assertEquals("[<Time>] [<Level>] <Content>", apacheLike.layout());
        LayoutInference.Result nginxLike = infer(
                "2024/03/04 10:00:00 [error] 812#812: *5 upstream timed out",
                "2024/03/04 10:00:02 [warn] 813#813: *9 client sent invalid header");
        assertEquals("<Date> <Time> [<Level>] <Component>: <Content>", nginxLike.layout());
    }

    @Test
    void isoTimestampsCompactDatesAndOneLetterLevels() {
        assertEquals("<Timestamp> <Level> [<Thread>] <Content>", infer(
                "2024-03-01T12:00:01.123Z INFO [http-1] order 17 accepted",
                "2024-03-01T12:00:02.001Z DEBUG [http-2] order 18 queued").layout());
        assertEquals("<Date> <Time> <Pid> <Level> <Component>: <Content>", infer(
                "240301 120001 311 INFO net.Listener: accepted 3",
                "240301 120002 312 WARN net.Listener: dropped 1").layout());
        assertEquals("<Date> <Time> <Pid> <Tid> <Level> <Component>: <Content>", infer(
                "03-01 12:00:01.123  812  830 I Battery: level 80",
                "03-01 12:00:01.456  812  831 W Wifi: signal weak").layout());
    }

    @Test
    void anAlignedColumnAfterTheLevelIsTheComponent() {
        LayoutInference.Result r = infer(
                "2024-03-04 10:00:00, Info      SVC    Service started",
                "2024-03-04 10:00:01, Warning   NET    Link down on port 2",
                "2024-03-04 10:00:02, Info      SVC    Service stopped");
        assertEquals("<Date> <Time>, <Level> <Component> <Content>", r.layout());
        assertEquals("Link down on port 2", content(r, "2024-03-04 10:00:01, Warning   NET    Link down on port 2"));
    }

    @Test
    void aMostlyDashColumnIsAFieldAndLinesOffTheHeaderAreCounted() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 19; i++) {
            lines.add("- 1709546400 2024.03.04 INFO unit " + i + " healthy");
        }
        lines.add("ALERT 1709546401 2024.03.04 FATAL unit 7 lost");
        lines.add("a stack trace line without any header");
        LayoutInference.Result r = LayoutInference.infer(lines);
        assertEquals("<Field> <Timestamp> <Date> <Level> <Content>", r.layout());
        assertEquals(21, r.sampled());
        assertEquals(20, r.fitting());
    }

    /**
     * On the ten shipped Loghub systems (whose headers were in view while this was written, so this is a
     * regression check, not a measure of generalisation), the inferred layout cuts every line's Content exactly
     * where the hand-written built-in layout does: measured 2,000 of 2,000 lines on each.
     */
    @Test
    void onTheShippedSystemsTheContentIsWhereTheBuiltInLayoutPutsIt() throws java.io.IOException {
        int systems = 0;
        for (String folder : List.of("loghub-2k", "loghub-2k-extra")) {
            java.nio.file.Path dir = java.nio.file.Path.of("../../shared/data", folder).toAbsolutePath().normalize();
            if (!java.nio.file.Files.isDirectory(dir)) {
                dir = java.nio.file.Path.of("../shared/data", folder).toAbsolutePath().normalize();
            }
            org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isDirectory(dir),
                    "../shared/data absent; skipping");
            for (String system : LoghubEvaluation.discoverSystems(dir)) {
                List<String> lines = java.nio.file.Files.readAllLines(dir.resolve(system).resolve(system + "_2k.log"));
                LayoutInference.Result r = LayoutInference.infer(lines.subList(0, Math.min(1000, lines.size())));
                LogFormat inferred = LogFormat.compile(r.layout());
                LogFormat builtin = LogFormat.builtin(system);
                int same = 0;
                for (String line : lines) {
                    HeaderMatch a = inferred.match(line);
                    HeaderMatch b = builtin.match(line);
                    same += a.matched() && b.matched() && a.content().equals(b.content()) ? 1 : 0;
                }
                assertEquals(lines.size(), same, system + " with " + r.layout());
                systems++;
            }
        }
        assertEquals(10, systems);
    }

    @Test
    void noHeaderMeansTheWholeLineIsContent() {
        assertEquals("<Content>", infer("user alice logged in", "user bob logged out", "disk check ok").layout());
        assertThrows(IllegalArgumentException.class, () -> infer("", "   "));
    }
}
