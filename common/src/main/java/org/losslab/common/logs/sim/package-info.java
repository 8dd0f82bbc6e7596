/**
 * Engine-free, labelled log simulation: {@link org.losslab.common.logs.sim.HdfsLogSimulator} writes the
 * lifecycle of HDFS blocks (allocation, the replication pipeline, blockMap updates, scans, reads,
 * re-replication and deletion) in the wording of the HDFS 0.18 NameNode and DataNodes that Loghub's HDFS
 * log was collected from, and injects labelled anomalies into a chosen share of blocks. Every block is a
 * pure function of (seed, block index), so any number of tasks can generate disjoint index ranges.
 */
package org.losslab.common.logs.sim;
