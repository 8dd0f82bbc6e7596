package org.losslab.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.losslab.jobs.testing.CliRunner;
import org.losslab.jobs.testing.ExampleWarehouse;
import org.losslab.jobs.testing.SparkTestSession;

/**
 * {@code report --all} over a warehouse with every kind of table ({@link ExampleWarehouse}, plus an invented log
 * whose lines carry markup): every page is reachable from the index, every link and image resolves inside the
 * folder (nothing points at the network), every run has a page, values from tables are HTML-escaped, a selection
 * gives pages to its runs only, and a non-empty folder that is not a report is refused. In a real browser
 * (Debian's {@code chromium}, headless, with name resolution and any proxy pointed nowhere): every page loads with
 * no broken image, and the overview is captured as a screenshot. Without chromium that test is skipped, saying so.
 */
class ReportTest {
    private static final Pattern LINK = Pattern.compile("\\s(href|src)=\"([^\"]*)\"");
    private static final Pattern ID = Pattern.compile("\\sid=\"([^\"]*)\"");
    private static final Pattern IMG = Pattern.compile("<img\\s");

    private static Path report;
    private static Map<String, Object> json;

    @BeforeAll
    static void buildReport() throws IOException {
        assumeTrue(SparkTestSession.sharedData().isPresent(), "../shared/data is absent: report tests skipped");
        ExampleWarehouse.get();
        Path dir = SparkTestSession.tempDir("report");
        // invented lines: a template and a rejected raw line that hold markup the report must show as text
        Path log = Files.write(dir.resolve("markup.log"), List.of(
                "081109 203615 148 INFO web.Render: rendering <script>alert(1)</script> for user 17",
                "081109 203616 149 INFO web.Render: rendering <script>alert(1)</script> for user 18",
                "081109 203617 150 WARN web.Render: a \"quoted\" & <b>bold</b> value 3",
                "<img src=x onerror=alert(2)>"), StandardCharsets.UTF_8);
        ExampleWarehouse.cli("ingest-logs", "--system", "markup", "--layout",
                "<Date> <Time> <Pid> <Level> <Component>: <Content>", "--input", log.toString());
        report = dir.resolve("report");
        json = ExampleWarehouse.cli("--json", "report", "--all", "--out", report.toString()).json();
    }

    private static List<Path> pages() throws IOException {
        try (Stream<Path> files = Files.walk(report)) {
            return files.filter(p -> p.toString().endsWith(".html")).sorted().toList();
        }
    }

    @Test
    void everyRunHasAPageReachableFromTheIndex() throws IOException {
        Set<String> runs = new TreeSet<>(runIds());
        assertTrue(runs.size() >= 16, "runs in the example warehouse: " + runs);
        @SuppressWarnings("unchecked")
        List<String> runPages = (List<String>) json.get("run_pages");
        assertEquals(runs, new TreeSet<>(runPages));

        Set<Path> reached = new HashSet<>();
        Deque<Path> queue = new ArrayDeque<>(List.of(report.resolve("index.html")));
        while (!queue.isEmpty()) {
            Path page = queue.pop();
            if (!reached.add(page)) {
                continue;
            }
            for (Path target : links(page)) {
                if (target.toString().endsWith(".html")) {
                    queue.add(target);
                }
            }
        }
        for (String id : runs) {
            Path page = report.resolve("runs/" + ReportPages.fileName(id) + ".html");
            assertTrue(reached.contains(page), "run " + id + ": no page reachable from index.html (" + page + ")");
            String html = unescape(Files.readString(page));
            assertTrue(html.contains("<h1>Run " + id + "</h1>"), page.toString());
        }
        assertEquals(new HashSet<>(pages()), reached, "every page reachable from index.html");
        String demoRun = ExampleWarehouse.first("SELECT run_id FROM runs WHERE task = 'plasticc' ORDER BY run_id");
        String demoPage = Files.readString(report.resolve("runs/" + ReportPages.fileName(demoRun) + ".html"));
        assertTrue(demoPage.contains("-loss.svg") && demoPage.contains("-workers.svg"), "loss and worker plots");
        String grokRun = ExampleWarehouse.first("SELECT run_id FROM runs WHERE task = 'modadd' ORDER BY run_id");
        assertTrue(Files.readString(report.resolve("runs/" + ReportPages.fileName(grokRun) + ".html"))
                .contains("-accuracy.svg"), "a grokking run's accuracy plot");
        assertTrue(Files.readString(report.resolve("scaling.html")).contains("-loss-vs-compute.svg"),
                "the fitted sweep's plots");
    }

    @Test
    void everyLinkAndImageResolvesInsideTheFolder() throws IOException {
        int images = 0;
        for (Path page : pages()) {
            String html = Files.readString(page);
            Matcher m = LINK.matcher(html);
            while (m.find()) {
                String target = m.group(2);
                assertFalse(target.contains("://") || target.startsWith("//") || target.startsWith("/"),
                        page + " links outside the folder: " + target);
            }
            for (Path target : links(page)) {
                assertTrue(target.startsWith(report), page + " -> " + target + " leaves the report folder");
                assertTrue(Files.isRegularFile(target) && Files.size(target) > 0, page + " -> missing " + target);
            }
            Matcher img = IMG.matcher(html);
            while (img.find()) {
                images++;
            }
        }
        assertEquals(((Number) json.get("plots")).intValue(), images, "every plot drawn is on a page, once");
        assertTrue(images >= 20, "plots on the pages: " + images);
    }

    @Test
    void valuesFromTablesAreEscaped() throws IOException {
        String logs = Files.readString(report.resolve("logs.html"));
        assertTrue(logs.contains("System markup"), "the invented system is on the logs page");
        assertFalse(logs.contains("<script>alert"), "a template's markup must be text");
        assertFalse(logs.contains("<b>bold"), "a template's markup must be text");
        assertTrue(logs.contains("&lt;b&gt;bold") || logs.contains("&lt;script&gt;"), "escaped markup shown");
        String rejects = Files.readString(report.resolve("rejects.html"));
        assertFalse(rejects.contains("<img src=x"), "a rejected raw line's markup must be text");
        assertTrue(rejects.contains("&lt;img src"), "the rejected line is shown, escaped");
        String index = Files.readString(report.resolve("index.html"));
        assertTrue(index.contains("logs of markup"), "the ingest row of the invented system");
    }

    @Test
    void aSelectionGivesPagesToItsRunsAndAForeignFolderIsRefused() throws IOException {
        Path selected = SparkTestSession.tempDir("report-selection").resolve("report");
        Map<String, Object> one = ExampleWarehouse.cli("--json", "report", "--runs", "nb-logs", "--out",
                selected.toString()).json();
        assertEquals(List.of("nb-logs"), one.get("run_pages"));
        try (Stream<Path> runPages = Files.list(selected.resolve("runs"))) {
            assertEquals(List.of(selected.resolve("runs/nb-logs.html")), runPages.toList());
        }
        String runs = unescape(Files.readString(selected.resolve("runs.html")));
        for (String id : runIds()) {
            assertTrue(runs.contains(">" + id + "<"), "runs.html lists " + id);
        }
        // rewriting an earlier report is allowed; a folder with other files is not touched
        ExampleWarehouse.cli("report", "--runs", "nb-logs", "--out", selected.toString());
        Path foreign = SparkTestSession.tempDir("report-foreign");
        Files.writeString(foreign.resolve("notes.txt"), "mine");
        CliRunner.Outcome refused = CliRunner.run("--warehouse", ExampleWarehouse.get().toString(), "report",
                "--all", "--out", foreign.toString());
        assertEquals(1, refused.exitCode());
        assertEquals("mine", Files.readString(foreign.resolve("notes.txt")));
        CliRunner.Outcome unknown = CliRunner.run("--warehouse", ExampleWarehouse.get().toString(), "report",
                "--runs", "no-such-run", "--out", SparkTestSession.tempDir("report-unknown").resolve("r").toString());
        assertEquals(1, unknown.exitCode());
    }

    @Test
    void anEmptyWarehouseGivesAReportThatSaysSo() throws IOException {
        Path dir = SparkTestSession.tempDir("report-empty");
        CliRunner.Outcome outcome = CliRunner.run("--warehouse", dir.resolve("warehouse").toString(), "--json",
                "report", "--all", "--out", dir.resolve("report").toString());
        assertEquals(0, outcome.exitCode(), outcome.out());
        assertEquals(List.of(), outcome.json().get("run_pages"));
        assertTrue(Files.readString(dir.resolve("report/index.html")).contains("The warehouse has no tables yet."));
        assertTrue(Files.readString(dir.resolve("report/runs.html")).contains("No runs recorded yet"));
        assertTrue(Files.readString(dir.resolve("report/logs.html")).contains("No logs ingested yet"));
    }

    @Test
    void chromiumRendersEveryPageWithNoBrokenImage() throws Exception {
        Optional<String> chromium = chromium();
        assumeTrue(chromium.isPresent(), "chromium is not installed (apt-get install chromium; .ci/run does):"
                + " the browser check of the report is skipped");
        Path profile = SparkTestSession.tempDir("chromium-profile");
        for (Path page : pages()) {
            String dom = browse(chromium.get(), profile, List.of("--dump-dom"), page);
            int expected = count(IMG, Files.readString(page));
            assertTrue(dom.contains("data-report-loaded=\"true\""), page + " did not finish loading:\n" + tail(dom));
            assertTrue(dom.contains("data-broken-images=\"0\""), page + " has images that did not load:\n" + tail(dom));
            assertTrue(dom.contains("data-images=\"" + expected + "\""), page + ": " + expected + " images expected");
        }
        Path screenshot = Path.of("target/report-test/overview.png").toAbsolutePath();
        Files.createDirectories(screenshot.getParent());
        Files.deleteIfExists(screenshot);
        browse(chromium.get(), profile, List.of("--screenshot=" + screenshot, "--window-size=1280,900"),
                report.resolve("index.html"));
        byte[] png = Files.readAllBytes(screenshot);
        assertTrue(png.length > 10_000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G',
                "a screenshot of the overview: " + png.length + " bytes");
    }

    /** Headless chromium on one file; no request can leave the machine (no DNS, a proxy that does not exist). */
    private static String browse(String chromium, Path profile, List<String> action, Path page) throws Exception {
        List<String> command = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-extensions", "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=127.0.0.1:9",
                "--user-data-dir=" + profile, "--virtual-time-budget=5000"));
        command.addAll(action);
        command.add(page.toUri().toString());
        Path stderr = Files.createTempFile(profile, "chromium", ".err");
        Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError("chromium did not finish on " + page);
        }
        assertEquals(0, process.exitValue(), "chromium on " + page + ":\n" + Files.readString(stderr));
        return new String(out, StandardCharsets.UTF_8);
    }

    private static Optional<String> chromium() {
        String configured = System.getenv("LOSSLAB_CHROMIUM");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(configured);
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate.toString());
                }
            }
        }
        return Optional.empty();
    }

    /** The files a page's relative links and images point at (fragments checked against the target's ids). */
    private static List<Path> links(Path page) throws IOException {
        String html = Files.readString(page);
        List<Path> targets = new ArrayList<>();
        Matcher m = LINK.matcher(html);
        while (m.find()) {
            String link = m.group(2);
            int hash = link.indexOf('#');
            String file = hash < 0 ? link : link.substring(0, hash);
            Path target = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
            if (hash >= 0 && Files.isRegularFile(target)) {
                String fragment = link.substring(hash + 1);
                assertTrue(ids(Files.readString(target)).contains(fragment), page + ": no id " + fragment + " in "
                        + target);
            }
            targets.add(target);
        }
        return targets;
    }

    private static Set<String> ids(String html) {
        Set<String> ids = new HashSet<>();
        Matcher m = ID.matcher(html);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    private static int count(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static List<String> runIds() {
        CliRunner.Outcome outcome = ExampleWarehouse.cli("--json", "sql", "SELECT run_id FROM runs");
        @SuppressWarnings("unchecked")
        List<List<Object>> rows = (List<List<Object>>) outcome.json().get("rows");
        return rows.stream().map(r -> String.valueOf(r.get(0))).toList();
    }

    /** The text of HTML with its character references decoded (what a browser shows). */
    private static String unescape(String html) {
        Matcher m = Pattern.compile("&#(\\d+);").matcher(html);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(Character.toString(Integer.parseInt(m.group(1)))));
        }
        m.appendTail(out);
        return out.toString().replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    private static String tail(String text) {
        return text.length() <= 2000 ? text : text.substring(text.length() - 2000);
    }
}
