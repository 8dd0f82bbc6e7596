package org.losslab.jobs.cli;

import java.util.Map;

/** What a command prints: a short human summary, or with {@code --json} the object. */
record CommandResult(String summary, Map<String, Object> json) {
}
