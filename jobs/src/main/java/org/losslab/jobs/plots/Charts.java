package org.losslab.jobs.plots;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/**
 * XY charts for the analysis plots, written as SVG (JFreeSVG) and PNG (JFreeChart): points, lines or both per
 * series, linear or logarithmic axes. Each series of a chart gets its own colour; a fitted line and the points
 * it belongs to can share one by sharing a {@code group}.
 */
public final class Charts {
    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
        new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
        new Color(0xbcbd22), new Color(0x17becf)};

    static {
        // clusters and CI have no display; JFreeChart only needs AWT's off-screen drawing
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {
    }

    /** How a series is drawn. */
    public enum Style { POINTS, LINE, DASHED_LINE }

    /** One series: name (legend), colour group, style and the points. */
    public record Series(String name, int group, Style style, double[] x, double[] y) {
        public Series {
            if (x.length != y.length) {
                throw new IllegalArgumentException("Series " + name + " has " + x.length + " x and " + y.length
                        + " y values");
            }
        }
    }

    /**
     * A chart and how its axes scale; {@code secondary} series (may be empty) are drawn against a second, linear
     * y axis on the right labelled {@code y2Label} (a learning rate beside a loss).
     */
    public record Chart(String title, String xLabel, boolean logX, String yLabel, boolean logY, List<Series> series,
            String y2Label, List<Series> secondary) {
        public Chart {
            secondary = secondary == null ? List.of() : List.copyOf(secondary);
        }

        public Chart(String title, String xLabel, boolean logX, String yLabel, boolean logY, List<Series> series) {
            this(title, xLabel, logX, yLabel, logY, series, null, List.of());
        }
    }

    /**
     * Writes {@code <dir>/<name>.svg} and {@code .png} on any Hadoop file system (a local folder, {@code hdfs://}:
     * in cluster deploy mode the driver's local disk is a worker's); returns both as qualified paths.
     */
    public static List<String> write(Chart chart, Configuration conf, String dir, String name, int width, int height) {
        JFreeChart jfree = build(chart);
        Path folder = new Path(dir);
        try {
            FileSystem fs = folder.getFileSystem(conf);
            Path svg = fs.makeQualified(new Path(folder, name + ".svg"));
            Path png = fs.makeQualified(new Path(folder, name + ".png"));
            SVGGraphics2D g = new SVGGraphics2D(width, height);
            jfree.draw(g, new Rectangle2D.Double(0, 0, width, height));
            try (OutputStream out = fs.create(svg, true)) {
                out.write(g.getSVGDocument().getBytes(StandardCharsets.UTF_8));
            }
            try (OutputStream out = fs.create(png, true)) {
                ChartUtils.writeChartAsPNG(out, jfree, width, height);
            }
            return List.of(svg.toString(), png.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write plot " + name + " in " + dir + ": " + e.getMessage(), e);
        }
    }

    static JFreeChart build(Chart chart) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer();
        fill(data, renderer, chart.series(), chart.logX(), chart.logY());
        XYPlot plot = new XYPlot(data, axis(chart.xLabel(), chart.logX(), new java.text.DecimalFormat("0.#E0")),
                axis(chart.yLabel(), chart.logY(), new SignificantDigits()), renderer);
        if (!chart.secondary().isEmpty()) {
            XYSeriesCollection right = new XYSeriesCollection();
            XYLineAndShapeRenderer rightRenderer = new XYLineAndShapeRenderer();
            fill(right, rightRenderer, chart.secondary(), chart.logX(), false);
            if (right.getSeriesCount() > 0) {
                NumberAxis axis = new NumberAxis(chart.y2Label());
                // a rate from zero: a constant learning rate is a flat line, not a zoom into rounding noise
                axis.setAutoRangeIncludesZero(true);
                plot.setRangeAxis(1, axis);
                plot.setDataset(1, right);
                plot.setRenderer(1, rightRenderer);
                plot.mapDatasetToRangeAxis(1, 1);
            }
        }
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdddddd));
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        JFreeChart jfree = new JFreeChart(chart.title(), JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        jfree.setBackgroundPaint(Color.WHITE);
        return jfree;
    }

    /** Adds the plottable points of each series (positive ones on a log axis) with its colour and style. */
    private static void fill(XYSeriesCollection data, XYLineAndShapeRenderer renderer, List<Series> all, boolean logX,
            boolean logY) {
        for (Series s : all) {
            XYSeries series = new XYSeries(s.name(), false, true);
            for (int i = 0; i < s.x().length; i++) {
                boolean plottable = Double.isFinite(s.x()[i]) && Double.isFinite(s.y()[i])
                        && (!logX || s.x()[i] > 0) && (!logY || s.y()[i] > 0);
                if (plottable) {
                    series.add(s.x()[i], s.y()[i]);
                }
            }
            if (series.getItemCount() == 0) {
                continue;
            }
            int index = data.getSeriesCount();
            data.addSeries(series);
            Color colour = PALETTE[Math.floorMod(s.group(), PALETTE.length)];
            renderer.setSeriesPaint(index, colour);
            renderer.setSeriesLinesVisible(index, s.style() != Style.POINTS);
            renderer.setSeriesShapesVisible(index, s.style() == Style.POINTS);
            renderer.setSeriesShape(index, new Ellipse2D.Double(-3, -3, 6, 6));
            renderer.setSeriesStroke(index, s.style() == Style.DASHED_LINE
                    ? new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f)
                    : new BasicStroke(1.5f));
        }
    }

    /** A log axis labels its ticks with {@code logFormat} (JFreeChart's default writes 10^x exponents). */
    private static ValueAxis axis(String label, boolean log, java.text.NumberFormat logFormat) {
        if (log) {
            LogAxis axis = new LogAxis(label);
            axis.setSmallestValue(1e-12);
            axis.setNumberFormatOverride(logFormat);
            return axis;
        }
        NumberAxis axis = new NumberAxis(label);
        axis.setAutoRangeIncludesZero(false);
        return axis;
    }

    /** Three significant digits, so that ticks at 0.0003 and 3,000 both read (a fixed pattern writes 0.0003 as 0). */
    private static final class SignificantDigits extends java.text.NumberFormat {
        private static final long serialVersionUID = 1L;

        @Override
        public StringBuffer format(double number, StringBuffer to, java.text.FieldPosition pos) {
            String text = String.format(java.util.Locale.ROOT, "%.3g", number);
            if (!text.contains("e")) {
                text = text.contains(".") ? text.replaceAll("0+$", "").replaceAll("\\.$", "") : text;
            }
            return to.append(text);
        }

        @Override
        public StringBuffer format(long number, StringBuffer to, java.text.FieldPosition pos) {
            return format((double) number, to, pos);
        }

        @Override
        public Number parse(String source, java.text.ParsePosition pos) {
            throw new UnsupportedOperationException("axis labels are not parsed");
        }
    }
}
