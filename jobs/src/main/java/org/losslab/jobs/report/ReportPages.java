package org.losslab.jobs.report;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;

/**
 * The report's pages as data (sections of definitions, sortable tables and plots) and their rendering with the
 * Mustache templates in {@code org/losslab/jobs/report/} on the classpath. Mustache HTML-escapes every {@code {{value}}}, so a value
 * read from a table (a run id, a log template, a rejected raw line) can never become markup. No Spark here.
 */
public final class ReportPages {
    /** The pages of the navigation bar, in order: file and label. */
    static final List<String[]> NAVIGATION = List.of(new String[] {"index.html", "Overview"},
            new String[] {"runs.html", "Runs"}, new String[] {"scaling.html", "Sweeps and fits"},
            new String[] {"grokking.html", "Grokking"}, new String[] {"logs.html", "Logs"},
            new String[] {"rejects.html", "Rejects"});
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]+");

    /** One table cell: the text shown, an optional sort key (numbers sort numerically), link and CSS class. */
    public record Cell(String text, String sort, String href, String style) {
        public static Cell text(Object value) {
            return new Cell(value == null ? "" : String.valueOf(value), null, null, null);
        }

        /** Long free text (a template, a raw line) in a monospace, wrapping cell. */
        public static Cell code(Object value) {
            return new Cell(value == null ? "" : String.valueOf(value), null, null, "text");
        }

        public static Cell link(Object value, String href) {
            return new Cell(value == null ? "" : String.valueOf(value), null, href, null);
        }

        /** A number shown with {@link #number} and sorted by its value (missing values sort first). */
        public static Cell number(Number value) {
            return new Cell(ReportPages.number(value), value == null ? "" : String.valueOf(value), null, "num");
        }
    }

    /** A row of cells. */
    public record Row(List<Cell> cells) {
    }

    /** A sortable table with an optional caption. */
    public record Table(String caption, List<String> headers, List<Row> rows) {
    }

    /** One term of a definition list, its value optionally a link. */
    public record Definition(String term, String value, String href) {
    }

    /** A definition list. */
    public record Definitions(List<Definition> items) {
    }

    /** A plot: its path relative to the page, the description (alt text and caption) and its pixel size. */
    public record Image(String src, String alt, int width, int height) {
    }

    /** A titled part of a page; any of its parts may be empty (null text, null definitions, no tables). */
    public record Section(String id, String heading, List<String> text, Definitions definitions, List<Table> tables,
            List<Image> images) {
    }

    /** The navigation bar entry of a page. */
    public record NavigationEntry(String href, String label, boolean current) {
    }

    private final DefaultMustacheFactory templates = new DefaultMustacheFactory("org/losslab/jobs/report");
    private final Path out;
    private final String warehouse;
    private final String generated;
    private final List<Path> written = new ArrayList<>();

    /** Pages go under {@code out}; every page's footer names the warehouse and the time it was written. */
    public ReportPages(Path out, String warehouse, String generated) {
        this.out = out;
        this.warehouse = warehouse;
        this.generated = generated;
    }

    /**
     * Writes {@code file} (relative to the report folder: {@code index.html}, {@code runs/x.html}) from the page
     * template; {@code current} is the navigation entry to highlight.
     */
    public Path write(String file, String title, String current, List<String> intro, List<Section> sections) {
        int depth = (int) file.chars().filter(c -> c == '/').count();
        String root = "../".repeat(depth);
        List<NavigationEntry> nav = NAVIGATION.stream()
                .map(n -> new NavigationEntry(n[0], n[1], n[0].equals(current))).toList();
        Map<String, Object> scope = new LinkedHashMap<>();
        scope.put("title", title);
        scope.put("root", root);
        scope.put("nav", nav);
        scope.put("intro", intro);
        scope.put("sections", sections);
        scope.put("warehouse", warehouse);
        scope.put("generated", generated);
        Mustache page = templates.compile("page.mustache");
        StringWriter html = new StringWriter();
        page.execute(html, scope);
        Path target = out.resolve(file);
        try {
            Files.createDirectories(target.getParent());
            Files.writeString(target, html.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write report page " + target + ": " + e.getMessage(), e);
        }
        written.add(target);
        return target;
    }

    /** The pages written so far. */
    public List<Path> written() {
        return List.copyOf(written);
    }

    /**
     * A file name for an id that may hold any character (a run id, a system name): the id itself when it is made
     * of letters, digits, dots, dashes and underscores, otherwise those characters kept and a hash of the id added
     * so that two ids never share a file.
     */
    public static String fileName(String id) {
        if (SAFE.matcher(id).matches() && !id.startsWith(".")) {
            return id;
        }
        String kept = id.replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("^\\.+", "_");
        return kept + "-" + HexFormat.of().toHexDigits(id.hashCode());
    }

    /** A number for people: integers with thousands separators, others with four significant digits. */
    public static String number(Number value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return String.format(Locale.ROOT, "%,d", value.longValue());
        }
        double d = value.doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return String.valueOf(d);
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) d);
        }
        return String.format(Locale.ROOT, "%.4g", d);
    }
}
