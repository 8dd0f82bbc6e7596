/**
 * Engine-free pieces of learning from logs: event windows and their split, next-event examples for a
 * DeepLog-style model, window scores, the PCA residual detector's Q-statistic threshold, and precision / recall /
 * F1 of flagged windows against labels.
 */
package org.losslab.common.anomaly;
