package org.losslab.common.logs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How mined templates and their variables are written out: a presentation choice applied after mining, so it
 * changes no grouping and no template id (ids hash the {@link #LOGHUB} text).
 * <ul>
 *   <li>{@link #LOGHUB} (the default): one {@code <*>} per token, the delimiters between tokens kept, so a clock
 *       is {@code <*>:<*>:<*>} and an address with its port {@code <*>:<*>}. It is the convention of Loghub-2.0's
 *       labelled templates, which {@code evaluate-parsing} scores against, and what the mining produces.</li>
 *   <li>{@link #COMPACT}: one {@code <*>} per value: variables joined only by one of {@code : . / - @} (no space)
 *       become one variable, so {@code 10.0.0.7:52311} or {@code 12:03:04} is one {@code <*>} with one value.
 *       Templates read more like the code's format string; line variables are joined the same way.</li>
 * </ul>
 */
public enum TemplateStyle {
    LOGHUB, COMPACT;

    private static final String JOINERS = ":./-@";

    public static TemplateStyle parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown template style '" + name + "': use loghub or compact", e);
        }
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The template as this style writes it. */
    public String template(String mined) {
        if (this == LOGHUB) {
            return mined;
        }
        StringBuilder out = new StringBuilder(mined.length());
        int at = 0;
        for (int[] g : groups(mined)) {
            out.append(mined, at, g[0]).append(ContentMasker.VARIABLE);
            at = g[0] + g[1] * ContentMasker.VARIABLE.length() + (g[1] - 1);
        }
        out.append(mined, at, mined.length());
        return out.toString();
    }

    /**
     * A line's variables (one per {@code <*>} of the {@code mined} template) as this style writes them: joined with
     * the delimiters between them where the template's variables are joined. Returned as given when the counts do
     * not agree.
     */
    public List<String> variables(String mined, List<String> variables) {
        if (this == LOGHUB) {
            return variables;
        }
        List<int[]> groups = groups(mined);
        int total = 0;
        for (int[] g : groups) {
            total += g[1];
        }
        if (total != variables.size()) {
            return variables;
        }
        List<String> out = new ArrayList<>(groups.size());
        int v = 0;
        for (int[] g : groups) {
            StringBuilder value = new StringBuilder(variables.get(v++));
            int at = g[0] + ContentMasker.VARIABLE.length();
            for (int i = 1; i < g[1]; i++) {
                value.append(mined.charAt(at)).append(variables.get(v++));
                at += 1 + ContentMasker.VARIABLE.length();
            }
            out.add(value.toString());
        }
        return out;
    }

    /** Runs of joined variables: {start index of the first {@code <*>}, how many}. */
    private static List<int[]> groups(String mined) {
        List<int[]> out = new ArrayList<>();
        String v = ContentMasker.VARIABLE;
        int i = mined.indexOf(v);
        while (i >= 0) {
            int start = i;
            int count = 1;
            int end = i + v.length();
            while (end + 1 + v.length() <= mined.length() && JOINERS.indexOf(mined.charAt(end)) >= 0
                    && mined.startsWith(v, end + 1)) {
                count++;
                end += 1 + v.length();
            }
            out.add(new int[] {start, count});
            i = mined.indexOf(v, end);
        }
        return out;
    }
}
