/**
 * Engine-free scaling-law fits on the losses of many trained networks.
 *
 * <ul>
 *   <li>{@link org.losslab.common.scaling.ChinchillaFit}: {@code L(N, D) = E + A / N^alpha + B / D^beta} fitted
 *       as Hoffmann et al. (2022) did (Huber loss on log-sum-exp, L-BFGS from a 4,500-point grid), with a
 *       bootstrap and the compute-optimal allocation ({@link org.losslab.common.scaling.ChinchillaLaw});</li>
 *   <li>{@link org.losslab.common.scaling.KaplanFit}: single-variable power laws in {@code N} or {@code D} on
 *       the loss frontier;</li>
 *   <li>{@link org.losslab.common.scaling.AnnealingLawFit}: the learning-rate annealing law of Tissue et al.
 *       (2024), fitted on per-step losses and used to predict other schedules.</li>
 * </ul>
 * All fits minimise with Breeze's L-BFGS and analytic gradients ({@code BreezeLbfgs} adapts a Java objective to
 * Breeze). Breeze and scala-library are {@code provided}: Spark brings them at run time. Results are immutable,
 * {@link java.io.Serializable} records, and fits are deterministic for their inputs and seeds.
 */
package org.losslab.common.scaling;
