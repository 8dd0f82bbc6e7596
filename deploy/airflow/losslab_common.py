"""What the losslab DAGs share: how a losslab command becomes a Spark application.

Airflow puts its DAG folder on sys.path, so the DAG files import this module; it defines no DAG itself.
"""
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

HOME = "{{ var.value.get('losslab_home', '/opt/losslab') }}"
WAREHOUSE = "{{ var.value.get('losslab_warehouse', 'hdfs:///losslab/warehouse') }}"

# The Java 17 flags and DL4J's clock that conf/jvm-options.sh gives every losslab JVM (a test keeps them equal)
JAVA_OPTIONS = " ".join([
    "-XX:+IgnoreUnrecognizedVMOptions",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/java.net=ALL-UNNAMED",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.util=ALL-UNNAMED",
    "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
    "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
    "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
    "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
    "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
    "--add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
    "-Djdk.reflect.useDirectMethodHandle=false",
    "-Dorg.deeplearning4j.spark.time.TimeSource=org.deeplearning4j.spark.time.SystemClockTimeSource",
])


def losslab(task_id, *args):
    """One losslab command as a Spark application: the fat jar, its CLI class, the command's arguments."""
    return SparkSubmitOperator(
        task_id=task_id,
        conn_id="spark_default",
        application=f"{HOME}/jobs/target/losslab.jar",
        java_class="org.losslab.jobs.cli.LossLab",
        application_args=list(args),
        conf={
            "spark.driver.defaultJavaOptions": JAVA_OPTIONS,
            "spark.executor.defaultJavaOptions": JAVA_OPTIONS,
            "spark.executorEnv.OMP_NUM_THREADS": "1",
        },
        name=f"losslab-{task_id}",
    )
