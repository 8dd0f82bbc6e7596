package org.losslab.common.logs;

import java.io.Serializable;
import java.util.List;

/**
 * The result of pass 2 for one message: its template id, the template text (variables written as
 * {@code <*>}) and the variable values in order.
 *
 * @param templateId stable id derived from the template text, e.g. {@code T3f9a0c12be45}
 * @param template the template text
 * @param variables the text matched by each {@code <*>}, in order (empty when the message could not
 *     be aligned with its template, which does not happen for messages the model was mined from)
 * @param known false when the message's signature was not in the mined statistics and no mined template
 *     matches it; the template is then the message's own signature
 */
public record ParsedMessage(String templateId, String template, List<String> variables, boolean known)
        implements Serializable {

    /** Copies the variable list. */
    public ParsedMessage {
        variables = List.copyOf(variables);
    }
}
