#!/usr/bin/env bash
# Submits one losslab command to a Spark cluster with the flags Spark, Kryo and ND4J need on Java 17.
#
#   deploy/spark-submit.sh [spark-submit options] -- COMMAND [command options]
#
# Examples:
#   deploy/spark-submit.sh --master yarn --deploy-mode cluster --num-executors 8 -- \
#       ingest-plasticc --warehouse hdfs:///losslab/warehouse \
#       --observations hdfs:///data/plasticc/test_set_batch*.csv --metadata hdfs:///data/plasticc/test_set_metadata.csv
#   deploy/spark-submit.sh --master spark://head:7077 -- tables --warehouse s3a://bucket/losslab --json
#
# Environment: SPARK_HOME (spark-submit from there, else from PATH), LOSSLAB_JAR (default
# jobs/target/losslab.jar, built by `mvn -DskipTests package`).
set -euo pipefail

home=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
jar="${LOSSLAB_JAR:-$home/jobs/target/losslab.jar}"
submit="${SPARK_HOME:+$SPARK_HOME/bin/}spark-submit"

spark_args=()
while [[ $# -gt 0 && "$1" != "--" ]]; do
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

# conf/spark-defaults.conf carries the Java 17 --add-opens for driver and executors, Kryo and the
# DL4J time source; spark-submit --conf flags given above beat it.
exec "$submit" \
  --class org.losslab.jobs.cli.LossLab \
  --properties-file "$home/conf/spark-defaults.conf" \
  "${spark_args[@]}" \
  "$jar" "$@"
