package org.losslab.jobs.spark;

import org.apache.spark.serializer.KryoRegistrator;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.serializers.JavaSerializer;

/**
 * Kryo set-up for losslab's own classes. Spark's Kryo 4 cannot serialize Java records (its field
 * serializer needs field offsets, which records refuse), and records travel in task results and broadcasts
 * (split counts, mined templates); Java serialization handles them. Set by {@link SparkSessions} and
 * conf/spark-defaults.conf as {@code spark.kryo.registrator}; list it first when adding other registrators.
 */
public final class LossLabKryoRegistrator implements KryoRegistrator {
    @Override
    public void registerClasses(Kryo kryo) {
        kryo.addDefaultSerializer(Record.class, new JavaSerializer());
    }
}
