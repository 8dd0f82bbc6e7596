package org.losslab.jobs.logs;

import static java.util.Objects.requireNonNull;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.losslab.common.io.SplitLineIndex;
import org.losslab.common.logs.HeaderMatch;
import org.losslab.common.logs.LogFormat;
import org.losslab.common.logs.ParsedMessage;
import org.losslab.common.logs.TemplateModel;
import org.losslab.common.logs.TemplateStyle;
import org.losslab.jobs.io.SplitPositions;
import org.losslab.jobs.spark.SkippingIterator;

import scala.collection.JavaConverters;

/**
 * Pass 2 of the log ingest, per partition: every line that fits the layout becomes a {@code log_lines} row
 * with its line number, header fields, label, Content, template id and variables from the merged
 * {@link TemplateModel}; or, in the rejects pass, every line that does not becomes a {@code log_rejects} row
 * saying where the layout failed.
 */
final class LogPassTwo implements MapPartitionsFunction<Row, Row> {
    private final LogFormat format;
    private final Broadcast<TemplateModel> model;
    private final Broadcast<SplitLineIndex> lineIndex;
    private final Map<String, String> displayNames;
    private final String system;
    private final boolean rejects;
    private final TemplateStyle style;

    LogPassTwo(LogFormat format, Broadcast<TemplateModel> model, Broadcast<SplitLineIndex> lineIndex,
            Map<String, String> displayNames, String system, boolean rejects, TemplateStyle style) {
        this.format = requireNonNull(format, "format");
        this.model = model;
        this.lineIndex = requireNonNull(lineIndex, "lineIndex");
        this.displayNames = requireNonNull(displayNames, "displayNames");
        this.system = requireNonNull(system, "system");
        this.rejects = rejects;
        this.style = requireNonNull(style, "style");
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        TemplateModel.Matcher matcher = rejects ? null : model.value().matcher();
        List<String> names = format.fieldNames();
        int content = format.contentIndex();
        int label = names.indexOf(HeaderMatch.LABEL);
        SplitPositions positions = new SplitPositions(null);
        return new SkippingIterator<>(rows) {
            private String display;

            @Override
            protected Row process(Row row) {
                String file = row.getString(1);
                long block = row.getLong(2);
                long lineNumber;
                if (block >= 0) {
                    if (positions.moveTo(file, block)) {
                        display = displayNames.getOrDefault(positions.fileKey(), file);
                    }
                    lineNumber = lineIndex.value().lineNumber(positions.fileKey(), block, positions.nextIndex());
                } else {
                    if (positions.moveTo(file, 0)) {
                        display = displayNames.getOrDefault(positions.fileKey(), file);
                    }
                    lineNumber = row.getLong(3) + 1;
                }
                String raw = row.isNullAt(0) ? "" : row.getString(0);
                HeaderMatch match = format.match(raw);
                if (rejects) {
                    return match.matched() ? null : RowFactory.create(display, lineNumber,
                            LogPassOne.LAYOUT_MISMATCH, "does not fit layout '" + format.layout() + "': "
                                    + match.failureReason() + " at character " + match.failurePosition(),
                            raw, system);
                }
                if (!match.matched()) {
                    return null;
                }
                String[] values = match.values();
                java.util.Map<String, String> fields = new java.util.LinkedHashMap<>();
                for (int i = 0; i < values.length; i++) {
                    if (i != content && values[i] != null) {
                        fields.put(names.get(i), values[i]);
                    }
                }
                String text = content >= 0 ? values[content] : "";
                ParsedMessage parsed = matcher.parse(text);
                return RowFactory.create(display, lineNumber, raw, JavaConverters.mapAsScalaMap(fields),
                        label >= 0 ? values[label] : null, text, parsed.templateId(),
                        style.variables(parsed.template(), parsed.variables()).toArray(new String[0]), system);
            }
        };
    }
}
