package org.losslab.common.plasticc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The column layouts PLAsTiCC files circulate in: the 2018 Kaggle release and the unblinded Zenodo release
 * (doi:10.5281/zenodo.2539456), which renames {@code detected}/{@code ddf} to {@code detected_bool}/
 * {@code ddf_bool}, carries the class as {@code true_target} and has no {@code gal_l}/{@code gal_b}.
 * {@link #detect} picks the layout from a file's header; columns beyond the layout's are ignored.
 */
public enum PlasticcLayout {
    KAGGLE_OBSERVATIONS(Kind.OBSERVATIONS, "Kaggle",
            List.of("object_id", "mjd", "passband", "flux", "flux_err", "detected"), List.of()),
    ZENODO_OBSERVATIONS(Kind.OBSERVATIONS, "unblinded Zenodo",
            List.of("object_id", "mjd", "passband", "flux", "flux_err", "detected_bool"), List.of()),
    KAGGLE_METADATA(Kind.METADATA, "Kaggle",
            List.of("object_id", "ra", "decl", "gal_l", "gal_b", "ddf", "hostgal_specz", "hostgal_photoz",
                    "hostgal_photoz_err", "distmod", "mwebv"),
            List.of("target")),
    ZENODO_METADATA(Kind.METADATA, "unblinded Zenodo",
            List.of("object_id", "ra", "decl", "ddf_bool", "hostgal_specz", "hostgal_photoz",
                    "hostgal_photoz_err", "distmod", "mwebv"),
            List.of("gal_l", "gal_b", "true_target", "target"));

    /** What a file holds. */
    public enum Kind {
        OBSERVATIONS("observations"), METADATA("metadata");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final Kind kind;
    private final String release;
    private final List<String> required;
    private final List<String> optional;

    PlasticcLayout(Kind kind, String release, List<String> required, List<String> optional) {
        this.kind = kind;
        this.release = release;
        this.required = required;
        this.optional = optional;
    }

    public Kind kind() {
        return kind;
    }

    /** "Kaggle" or "unblinded Zenodo". */
    public String release() {
        return release;
    }

    public List<String> requiredColumns() {
        return required;
    }

    /**
     * Detects the layout of a file of the given kind from its header columns.
     *
     * @throws LayoutException naming the file, the columns found and what each layout misses
     */
    public static ColumnMapping detect(Kind kind, String file, List<String> header) {
        List<String> names = new ArrayList<>(header.size());
        for (int i = 0; i < header.size(); i++) {
            names.add(normalise(header.get(i), i == 0));
        }
        Map<PlasticcLayout, List<String>> missingByLayout = new LinkedHashMap<>();
        for (PlasticcLayout layout : values()) {
            if (layout.kind != kind) {
                continue;
            }
            List<String> missing = layout.required.stream().filter(c -> !names.contains(c)).toList();
            if (missing.isEmpty()) {
                return ColumnMapping.of(layout, names);
            }
            missingByLayout.put(layout, missing);
        }
        StringBuilder message = new StringBuilder()
                .append("Cannot read ").append(file).append(": its header fits no PLAsTiCC ")
                .append(kind.label()).append(" layout. Columns found: ").append(header).append('.');
        missingByLayout.forEach((layout, missing) ->
                message.append(" The ").append(layout.release).append(" layout misses ").append(missing).append('.'));
        throw new LayoutException(message.toString());
    }

    boolean isOptional(String column) {
        return optional.contains(column);
    }

    private static String normalise(String column, boolean first) {
        String name = column.trim();
        if (first && !name.isEmpty() && name.charAt(0) == '\uFEFF') {
            name = name.substring(1);
        }
        if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
            name = name.substring(1, name.length() - 1);
        }
        return name.toLowerCase(Locale.ROOT);
    }

    /** A header that fits no layout: the message names the file and the columns found. */
    public static final class LayoutException extends IllegalArgumentException {
        public LayoutException(String message) {
            super(message);
        }
    }
}
