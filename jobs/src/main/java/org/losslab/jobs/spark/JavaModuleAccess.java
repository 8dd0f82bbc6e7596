package org.losslab.jobs.spark;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens the JDK packages Spark needs on Java 17 when the JVM was started without the {@code --add-opens} flags.
 * Spark's own launcher ({@code bin/spark-submit}, {@code spark-class}) adds them, and so do {@code bin/losslab},
 * the tests and {@code deploy/}; a driver started as a bare {@code java -cp "SPARK_HOME/jars/*"
 * org.apache.spark.deploy.SparkSubmit ...} has none and fails in {@code StorageUtils} ("cannot access class
 * sun.nio.ch.DirectBuffer") before any job runs. This does at run time exactly what the flags do, for the
 * packages of Spark's {@code JavaModuleOptions}, and only for packages not open already.
 */
public final class JavaModuleAccess {
    /** Module, package: the {@code --add-opens=M/P=ALL-UNNAMED} flags of Spark 3.5's launcher. */
    static final List<String[]> SPARK_OPENS = List.of(
            new String[] {"java.base", "java.lang"},
            new String[] {"java.base", "java.lang.invoke"},
            new String[] {"java.base", "java.lang.reflect"},
            new String[] {"java.base", "java.io"},
            new String[] {"java.base", "java.net"},
            new String[] {"java.base", "java.nio"},
            new String[] {"java.base", "java.util"},
            new String[] {"java.base", "java.util.concurrent"},
            new String[] {"java.base", "java.util.concurrent.atomic"},
            new String[] {"java.base", "jdk.internal.ref"},
            new String[] {"java.base", "sun.nio.ch"},
            new String[] {"java.base", "sun.nio.cs"},
            new String[] {"java.base", "sun.security.action"},
            new String[] {"java.base", "sun.util.calendar"},
            new String[] {"java.security.jgss", "sun.security.krb5"});

    private JavaModuleAccess() {
    }

    /** The packages of {@link #SPARK_OPENS} not yet open to unnamed modules, as {@code module/package}. */
    public static List<String> missing() {
        List<String> missing = new ArrayList<>();
        Module unnamed = JavaModuleAccess.class.getClassLoader().getUnnamedModule();
        for (String[] open : SPARK_OPENS) {
            Module module = ModuleLayer.boot().findModule(open[0]).orElse(null);
            if (module != null && !module.isOpen(open[1], unnamed)) {
                missing.add(open[0] + "/" + open[1]);
            }
        }
        return missing;
    }

    /**
     * Opens every missing package to all unnamed modules; returns what it opened. Throws when the JVM does not
     * allow it (a JDK without {@code sun.misc.Unsafe}), with the flags to use instead.
     */
    public static List<String> openMissing() {
        List<String> missing = missing();
        if (missing.isEmpty()) {
            return missing;
        }
        try {
            MethodHandle addOpens = privilegedLookup().findVirtual(Module.class, "implAddOpensToAllUnnamed",
                    MethodType.methodType(void.class, String.class));
            for (String open : missing) {
                String[] parts = open.split("/", 2);
                addOpens.invoke(ModuleLayer.boot().findModule(parts[0]).orElseThrow(), parts[1]);
            }
            return missing;
        } catch (Throwable e) {
            throw new IllegalStateException("Cannot open " + missing + " for Spark on Java "
                    + Runtime.version().feature() + " (" + e + "): start the JVM with --add-opens=MODULE/PACKAGE="
                    + "ALL-UNNAMED for each, as bin/spark-submit and deploy/spark-submit.sh do", e);
        }
    }

    /** The JDK's fully privileged lookup, read through {@code sun.misc.Unsafe} (module jdk.unsupported). */
    @SuppressWarnings("removal")
    private static MethodHandles.Lookup privilegedLookup() throws ReflectiveOperationException {
        Field theUnsafe = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
        theUnsafe.setAccessible(true);
        sun.misc.Unsafe unsafe = (sun.misc.Unsafe) theUnsafe.get(null);
        Field implLookup = MethodHandles.Lookup.class.getDeclaredField("IMPL_LOOKUP");
        return (MethodHandles.Lookup) unsafe.getObject(unsafe.staticFieldBase(implLookup),
                unsafe.staticFieldOffset(implLookup));
    }
}
