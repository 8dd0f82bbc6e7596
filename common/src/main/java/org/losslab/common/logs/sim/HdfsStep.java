package org.losslab.common.logs.sim;

/** The step of a block's lifecycle that a simulated line records (one line template each, or ERROR). */
public enum HdfsStep {
    /** NameNode: {@code BLOCK* NameSystem.allocateBlock: PATH blk_X}. */
    ALLOCATE,
    /** DataNode: {@code Receiving block blk_X src: /IP:PORT dest: /IP:50010} (pipeline or transfer target). */
    RECEIVING,
    /** DataNode: {@code Received block blk_X of size S from /IP}. */
    RECEIVED,
    /** DataNode: {@code PacketResponder N for block blk_X terminating}. */
    RESPONDER_TERMINATING,
    /** NameNode: {@code BLOCK* NameSystem.addStoredBlock: blockMap updated: IP:50010 is added to blk_X size S}. */
    ADD_STORED,
    /** DataNode: {@code Verification succeeded for blk_X}. */
    VERIFIED,
    /** DataNode: {@code IP:50010 Served block blk_X to /IP}. */
    SERVED,
    /** DataNode (WARN, also in normal blocks, as in the real log): {@code IP:50010:Got exception while serving blk_X to /IP:}. */
    SERVE_FAILED,
    /** NameNode: {@code BLOCK* ask IP:50010 to replicate blk_X to datanode(s) IP:50010}. */
    ASK_REPLICATE,
    /** DataNode: {@code IP:50010 Starting thread to transfer block blk_X to IP:50010}. */
    START_TRANSFER,
    /** DataNode: {@code Received block blk_X src: /IP:PORT dest: /IP:50010 of size S} (replication target). */
    RECEIVED_TRANSFER,
    /** DataNode: {@code IP:50010:Transmitted block blk_X to /IP:50010}. */
    TRANSMITTED,
    /** NameNode: {@code BLOCK* NameSystem.delete: blk_X is added to invalidSet of IP:50010}. */
    INVALIDATE,
    /** DataNode: {@code Deleting block blk_X file /mnt/hadoop/dfs/data/current/subdirN/blk_X}. */
    DELETING,
    /** An injected failure line (WARN); only in blocks labelled {@link AnomalyKind#ERROR_EVENT}. */
    ERROR
}
