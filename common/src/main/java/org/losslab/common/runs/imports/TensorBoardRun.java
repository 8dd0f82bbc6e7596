package org.losslab.common.runs.imports;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.losslab.common.runs.imports.proto.TensorBoardEvents.Event;
import org.losslab.common.runs.imports.proto.TensorBoardEvents.HParamsPluginData;
import org.losslab.common.runs.imports.proto.TensorBoardEvents.Summary;
import org.losslab.common.runs.imports.proto.TensorBoardEvents.TensorProto;

import com.google.protobuf.InvalidProtocolBufferException;

/**
 * A TensorBoard run: the {@code events.out.tfevents.*} files of one folder, read in name order (their names start
 * with the time they were opened). Scalars come as {@code simple_value} or as a one-element tensor (float, double,
 * half, bfloat16, int32, int64, in {@code tensor_content} or the typed value lists); tags map to columns by
 * {@link MetricColumns}; wall times become milliseconds since the first event. The hparams plugin's session start
 * gives the hyperparameters, its session end the status. The run is {@code running} when a file ends inside a
 * record.
 */
public final class TensorBoardRun {
    private TensorBoardRun() {
    }

    /** Reads the run in {@code folder} from its event files (file name -> bytes). */
    public static ImportedRun read(String folder, Map<String, byte[]> files, MetricColumns columns) {
        List<String> names = new ArrayList<>(files.keySet());
        names.sort(null);
        List<ImportReject> rejects = new ArrayList<>();
        boolean truncated = false;
        long records = 0;
        List<double[]> scalars = new ArrayList<>(); // (tag index, step, value, wall time, offset, file index)
        List<String> tags = new ArrayList<>();
        Map<String, Integer> tagIndex = new HashMap<>();
        Double firstWall = null;
        Double lastWall = null;
        Map<String, String> hyperparameters = new java.util.TreeMap<>();
        String sessionStatus = null;
        for (int f = 0; f < names.size(); f++) {
            String file = folder + "/" + names.get(f);
            String name = names.get(f);
            TfRecords.Read read = TfRecords.read(file, files.get(name));
            rejects.addAll(read.rejects());
            truncated |= read.truncated();
            records += read.records().size() + read.rejects().size();
            for (TfRecords.Record record : read.records()) {
                Event event;
                try {
                    event = Event.parseFrom(record.data());
                } catch (InvalidProtocolBufferException e) {
                    rejects.add(ImportReject.atOffset(file, record.offset(), "undecodable_event",
                            "not an Event message: " + e.getMessage()));
                    continue;
                }
                if (event.getWallTime() > 0) {
                    firstWall = firstWall == null ? event.getWallTime() : Math.min(firstWall, event.getWallTime());
                    lastWall = lastWall == null ? event.getWallTime() : Math.max(lastWall, event.getWallTime());
                }
                if (!event.hasSummary()) {
                    continue;
                }
                for (Summary.Value value : event.getSummary().getValueList()) {
                    if ("hparams".equals(value.getMetadata().getPluginData().getPluginName())) {
                        String session = hparams(value, hyperparameters, file, record.offset(), rejects);
                        if (session != null) {
                            sessionStatus = session;
                        }
                        continue;
                    }
                    Double scalar = scalar(value);
                    if (scalar == null) {
                        continue;
                    }
                    int index = tagIndex.computeIfAbsent(value.getTag(), t -> {
                        tags.add(t);
                        return tags.size() - 1;
                    });
                    scalars.add(new double[] {index, event.getStep(), scalar, event.getWallTime(), record.offset(), f});
                }
            }
        }
        Set<String> logged = new LinkedHashSet<>(tags);
        Map<String, String> resolved = columns.resolve(logged);
        Map<String, String> columnOfTag = new HashMap<>();
        resolved.forEach((column, tag) -> columnOfTag.put(tag, column));
        StepTable table = new StepTable();
        Map<String, double[]> last = new HashMap<>(); // tag -> (step, value)
        for (double[] s : scalars) {
            double[] seen = last.get(tags.get((int) s[0]));
            if (seen == null || s[1] >= seen[0]) {
                last.put(tags.get((int) s[0]), new double[] {s[1], s[2]});
            }
            String column = columnOfTag.get(tags.get((int) s[0]));
            if (column != null) {
                if (!table.put((long) s[1], column, s[2])) {
                    rejects.add(StepTable.nonFinite(folder + "/" + names.get((int) s[5]), (long) s[4], null, column,
                            s[2]));
                    continue;
                }
                if (firstWall != null && s[3] > 0) {
                    table.wall((long) s[1], Math.round((s[3] - firstWall) * 1000));
                }
            }
        }
        Map<String, String> hyper = new HashMap<>(hyperparameters);
        hyper.put("logged_tags", String.join(",", new java.util.TreeSet<>(logged)));
        String status = truncated ? ImportedRun.RUNNING : sessionStatus != null ? sessionStatus : ImportedRun.FINISHED;
        return new ImportedRun("tensorboard", folder, null, lastSegment(folder), status, hyper, null,
                firstWall == null ? null : Math.round(firstWall * 1000), lastWall == null ? null
                        : Math.round(lastWall * 1000), table.steps(), lastValues(last), records, rejects);
    }

    /**
     * An hparams-plugin summary: a session start's hyperparameters go into {@code into}; a session end gives the
     * run's status (returned; null otherwise). Content that does not decode is a reject.
     */
    static String hparams(Summary.Value value, Map<String, String> into, String file, long offset,
            List<ImportReject> rejects) {
        HParamsPluginData data;
        try {
            data = HParamsPluginData.parseFrom(value.getMetadata().getPluginData().getContent());
        } catch (InvalidProtocolBufferException e) {
            rejects.add(ImportReject.atOffset(file, offset, "undecodable_hparams", e.getMessage()));
            return null;
        }
        if (data.hasSessionStartInfo()) {
            data.getSessionStartInfo().getHparamsMap().forEach((name, v) -> into.put(name, switch (v.getKindCase()) {
                case NUMBER_VALUE -> v.getNumberValue() == Math.rint(v.getNumberValue())
                        && Math.abs(v.getNumberValue()) < 1e15 ? Long.toString((long) v.getNumberValue())
                        : Double.toString(v.getNumberValue());
                case STRING_VALUE -> v.getStringValue();
                case BOOL_VALUE -> Boolean.toString(v.getBoolValue());
                default -> v.toString().strip();
            }));
        }
        if (data.hasSessionEndInfo()) {
            return switch (data.getSessionEndInfo().getStatus()) {
                case 2 -> ImportedRun.FAILED;
                case 3 -> ImportedRun.RUNNING;
                default -> ImportedRun.FINISHED;
            };
        }
        return null;
    }

    static Map<String, Double> lastValues(Map<String, double[]> last) {
        Map<String, Double> values = new HashMap<>();
        last.forEach((name, stepValue) -> values.put(name, stepValue[1]));
        return values;
    }

    /** The value's scalar: simple_value, or a tensor holding exactly one number; null otherwise. */
    static Double scalar(Summary.Value value) {
        if (value.getValueCase() == Summary.Value.ValueCase.SIMPLE_VALUE) {
            return (double) value.getSimpleValue();
        }
        if (value.getValueCase() != Summary.Value.ValueCase.TENSOR) {
            return null;
        }
        TensorProto t = value.getTensor();
        if (t.getTensorShape().getDimCount() > 0 && t.getTensorShape().getDimList().stream()
                .mapToLong(d -> d.getSize()).reduce(1, (a, b) -> a * b) != 1) {
            return null;
        }
        ByteBuffer content = t.getTensorContent().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        switch (t.getDtype()) {
            case DT_FLOAT:
                return t.getFloatValCount() > 0 ? (double) t.getFloatVal(0)
                        : content.remaining() >= 4 ? (double) content.getFloat() : null;
            case DT_DOUBLE:
                return t.getDoubleValCount() > 0 ? t.getDoubleVal(0)
                        : content.remaining() >= 8 ? content.getDouble() : null;
            case DT_INT32:
                return t.getIntValCount() > 0 ? (double) t.getIntVal(0)
                        : content.remaining() >= 4 ? (double) content.getInt() : null;
            case DT_INT64:
                return t.getInt64ValCount() > 0 ? (double) t.getInt64Val(0)
                        : content.remaining() >= 8 ? (double) content.getLong() : null;
            case DT_HALF:
                return t.getHalfValCount() > 0 ? (double) halfToFloat(t.getHalfVal(0) & 0xffff)
                        : content.remaining() >= 2 ? (double) halfToFloat(content.getShort() & 0xffff) : null;
            case DT_BFLOAT16:
                return t.getHalfValCount() > 0 ? (double) Float.intBitsToFloat(t.getHalfVal(0) << 16)
                        : content.remaining() >= 2 ? (double) Float.intBitsToFloat((content.getShort() & 0xffff) << 16)
                        : null;
            default:
                return null;
        }
    }

    /** IEEE 754 binary16 to float (Java 17 has no Float.float16ToFloat). */
    static float halfToFloat(int bits) {
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & 0x1f;
        int mantissa = bits & 0x3ff;
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            float value = mantissa * 0x1p-24f;
            return sign == 0 ? value : -value;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }

    private static String lastSegment(String path) {
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }
}
