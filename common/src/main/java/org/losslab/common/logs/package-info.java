/**
 * Engine-free log parsing: header layouts, template mining and parsing accuracy.
 *
 * <p>A log line goes through three steps:
 * <ol>
 *   <li>{@link org.losslab.common.logs.LogFormat} splits it into header fields and the free-text
 *       {@code Content} (or says why it does not fit the layout, for a rejects table);</li>
 *   <li>pass 1: {@link org.losslab.common.logs.TemplateStatistics#add} masks the content into a
 *       signature with {@link org.losslab.common.logs.ContentMasker} and counts it. Partial statistics
 *       from any number of partitions combine with the commutative, associative
 *       {@link org.losslab.common.logs.TemplateStatistics#merge}; the driver turns the merged
 *       statistics into a {@link org.losslab.common.logs.TemplateModel} with
 *       {@link org.losslab.common.logs.TemplateMiner#mine}, which depends only on the merged multiset
 *       of signatures;</li>
 *   <li>pass 2: each partition maps its lines through a
 *       {@link org.losslab.common.logs.TemplateModel.Matcher} to a
 *       {@link org.losslab.common.logs.ParsedMessage} (template id, template text, variables).</li>
 * </ol>
 * Hence the templates and ids do not depend on how the lines are partitioned or on the merge order,
 * and ids ({@code T} + 12 hex digits of a hash of the template text) are stable across reruns.
 * Templates follow the Loghub-2.0 convention ({@code <*>} for each variable) so that
 * {@link org.losslab.common.logs.ParsingEvaluator} can score them against Loghub ground truth;
 * {@link org.losslab.common.logs.LoghubEvaluation} does that for a Loghub-layout directory.
 *
 * <p>Everything that crosses the network ({@code LogFormat}, {@code TemplateStatistics},
 * {@code TemplateModel}, {@code ParsedMessage}) is {@link java.io.Serializable}; maskers and matchers
 * hold scratch buffers and are meant to be created once per partition.
 */
package org.losslab.common.logs;
