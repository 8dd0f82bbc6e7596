#!/usr/bin/env bash
# Submits one losslab command to a Spark cluster.
#
#   deploy/spark-submit.sh [spark-submit options] -- COMMAND [command options]
#
# Examples:
#   deploy/spark-submit.sh --master spark://head:7077 --executor-memory 4g -- \
#       ingest-plasticc --warehouse hdfs:///losslab/wh \
#       --observations hdfs:///data/plasticc/test_set_batch*.csv --metadata hdfs:///data/plasticc/test_set_metadata.csv
#   deploy/spark-submit.sh --master yarn --deploy-mode cluster --num-executors 8 -- tables --warehouse hdfs:///losslab/wh --json
#
# With a Spark distribution ($SPARK_HOME/bin/spark-submit) it runs that. Without one it runs Spark's
# org.apache.spark.deploy.SparkSubmit from a Spark home's jars (default: jobs/target/spark-home, which
# `mvn package` lays out from Maven Central), starting the driver JVM itself as bin/spark-submit would
# (--driver-memory, --driver-java-options, Java 17 flags).
#
# The cluster's own spark-defaults.conf still applies (no --properties-file): losslab's Java 17 flags and DL4J
# property go in as spark.{driver,executor}.defaultJavaOptions, prepended to any the cluster defines, so an
# administrator's defaultJavaOptions and everyone's extraJavaOptions survive. Everything else losslab needs
# (Kryo, its plugin, logging) it sets itself, only where the cluster left a setting unset.
#
# Environment: SPARK_HOME, SPARK_CONF_DIR (default $SPARK_HOME/conf), LOSSLAB_JAR (default
# jobs/target/losslab.jar, built by `mvn -B -DskipTests package`), JAVA_HOME.
set -euo pipefail

home=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
jar="${LOSSLAB_JAR:-$home/jobs/target/losslab.jar}"
# shellcheck source=../conf/jvm-options.sh
source "$home/conf/jvm-options.sh"

spark_args=()
driver_memory=""
driver_java_options=""
user_default_opts_driver=""
user_default_opts_executor=""
while [[ $# -gt 0 && "$1" != "--" ]]; do
  case "$1" in
    --driver-memory) driver_memory=$2; spark_args+=("$1" "$2"); shift 2; continue ;;
    --driver-memory=*) driver_memory=${1#*=} ;;
    --driver-java-options) driver_java_options=$2; spark_args+=("$1" "$2"); shift 2; continue ;;
    --conf)
      case "$2" in
        spark.driver.defaultJavaOptions=*) user_default_opts_driver=${2#*=}; shift 2; continue ;;
        spark.executor.defaultJavaOptions=*) user_default_opts_executor=${2#*=}; shift 2; continue ;;
      esac
      spark_args+=("$1" "$2"); shift 2; continue ;;
  esac
  spark_args+=("$1")
  shift
done
if [[ $# -eq 0 ]]; then
  echo "usage: $0 [spark-submit options] -- COMMAND [options]" >&2
  exit 2
fi
shift

if [[ ! -f "$jar" ]]; then
  echo "losslab: $jar is missing; build it with: (cd $home && mvn -B -DskipTests package)" >&2
  exit 1
fi

# A distribution's bin/spark-submit, else the Spark home the build lays out
if [[ -n "${SPARK_HOME:-}" && -x "$SPARK_HOME/bin/spark-submit" ]]; then
  launcher=("$SPARK_HOME/bin/spark-submit")
else
  spark_home="${SPARK_HOME:-$home/jobs/target/spark-home}"
  if [[ ! -d "$spark_home/jars" ]]; then
    echo "losslab: no Spark in $spark_home (no bin/spark-submit, no jars/); set SPARK_HOME or run: (cd $home && mvn -B -DskipTests package)" >&2
    exit 1
  fi
  export SPARK_HOME="$spark_home" SPARK_SCALA_VERSION="${SPARK_SCALA_VERSION:-2.12}"
  # shellcheck disable=SC2206
  driver_opts=(${driver_java_options})
  launcher=("${JAVA_HOME:+$JAVA_HOME/bin/}java" "-Xmx${driver_memory:-1g}" "${LOSSLAB_JVM_OPENS[@]}"
    "${LOSSLAB_JVM_PROPS[@]}" "${driver_opts[@]}"
    -cp "${SPARK_CONF_DIR:-$SPARK_HOME/conf}:$SPARK_HOME/jars/*" org.apache.spark.deploy.SparkSubmit)
fi

# ND4J's OpenMP threads in the driver: one, as bin/losslab does (executors get spark.executorEnv.OMP_NUM_THREADS)
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"

# The value a key has in the cluster's spark-defaults.conf (Java properties: "key value", "key=value")
cluster_default() {
  local file="${SPARK_CONF_DIR:-${SPARK_HOME:-/nonexistent}/conf}/spark-defaults.conf"
  [[ -f "$file" ]] || return 0
  sed -n -E "s/^[[:space:]]*$1[[:space:]=:]+(.*)$/\1/p" "$file" | tail -n 1
}
ours="${LOSSLAB_JVM_OPENS[*]} ${LOSSLAB_JVM_PROPS[*]}"
driver_defaults="$ours ${user_default_opts_driver:-$(cluster_default 'spark\.driver\.defaultJavaOptions')}"
executor_defaults="$ours ${user_default_opts_executor:-$(cluster_default 'spark\.executor\.defaultJavaOptions')}"

exec "${launcher[@]}" \
  --class org.losslab.jobs.cli.LossLab \
  --conf "spark.driver.defaultJavaOptions=${driver_defaults% }" \
  --conf "spark.executor.defaultJavaOptions=${executor_defaults% }" \
  "${spark_args[@]}" \
  "$jar" "$@"
