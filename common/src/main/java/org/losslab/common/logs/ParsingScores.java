package org.losslab.common.logs;

/**
 * The four standard log-parsing accuracy measures for one data set (see {@link ParsingEvaluator}).
 *
 * @param lines number of lines scored
 * @param groupingAccuracy GA: share of lines whose predicted group is exactly their true group
 * @param parsingAccuracy PA: share of lines whose predicted template equals the true template
 * @param groupingF1 FGA: F1 of correctly grouped templates over predicted and true templates
 * @param templateF1 FTA: F1 of templates that are correctly grouped and exactly right
 * @param trueTemplates number of distinct true templates
 * @param predictedGroups number of predicted groups
 * @param correctGroups predicted groups that equal a true group
 * @param correctTemplates correct groups whose template text is also exactly right
 */
public record ParsingScores(long lines, double groupingAccuracy, double parsingAccuracy, double groupingF1,
        double templateF1, int trueTemplates, int predictedGroups, int correctGroups, int correctTemplates) {
}
