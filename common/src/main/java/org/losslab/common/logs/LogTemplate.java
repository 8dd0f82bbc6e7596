package org.losslab.common.logs;

import java.io.Serializable;

/**
 * One mined template.
 *
 * @param id stable id: {@code T} followed by 12 hex digits of a hash of the template text
 * @param template the template text, variables written as {@code <*>}
 * @param count number of mined messages that belong to it
 */
public record LogTemplate(String id, String template, long count) implements Serializable {
}
