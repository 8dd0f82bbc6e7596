#!/usr/bin/env bash
# Starts, stops and reports a Spark standalone cluster on 127.0.0.1: one master and N workers, the same
# org.apache.spark.deploy.master.Master and ...worker.Worker that Spark's sbin/start-master.sh and
# sbin/start-worker.sh run, from a Spark home (a Spark distribution, or the one `mvn package` lays out in
# jobs/target/spark-home from Maven Central).
#
#   deploy/standalone.sh start  --dir DIR [--workers 2] [--cores 1] [--memory 3g] [--spark-home H]
#                               [--worker-conf KEY=VALUE ...] [--timeout 60]
#   deploy/standalone.sh stop   --dir DIR
#   deploy/standalone.sh status --dir DIR
#   deploy/standalone.sh add-worker --dir DIR [--cores 1] [--memory 3g] [--worker-conf KEY=VALUE ...]
#
# Everything lives under DIR: master.log, worker-N.log, worker-N/work (executor logs and jars), local/ (shuffle
# and spill), *.pid, and cluster.env (MASTER_URL, MASTER_WEBUI) once the master is up. Ports are picked by the
# operating system (port 0) and read back from the logs, so two clusters on one machine never collide.
# Everything binds to 127.0.0.1 (SPARK_LOCAL_IP). `stop` stops only the processes whose PIDs it recorded.
#
# Submit to it with deploy/spark-submit.sh --master "$(deploy/standalone.sh url --dir DIR)" -- COMMAND ...
# Environment: JAVA_HOME, SPARK_DAEMON_MEMORY (heap of master and workers, default 512m).
set -euo pipefail

home=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
action=${1:-}
[[ $# -gt 0 ]] && shift

dir=""
workers=2
cores=1
memory=3g
spark_home="${SPARK_HOME:-$home/jobs/target/spark-home}"
timeout=60
worker_conf=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --dir) dir=$2; shift 2 ;;
    --workers) workers=$2; shift 2 ;;
    --cores) cores=$2; shift 2 ;;
    --memory) memory=$2; shift 2 ;;
    --spark-home) spark_home=$2; shift 2 ;;
    --worker-conf) worker_conf+=("-Dspark.${2#spark.}"); shift 2 ;;
    --timeout) timeout=$2; shift 2 ;;
    *) echo "standalone.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
if [[ -z "$action" || -z "$dir" ]]; then
  sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

alive() { [[ -f "$1" ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

# Waits until FILE has a line matching REGEX; prints the line. Fails after the timeout or if PID died.
await_line() {
  local file=$1 regex=$2 pid=$3 what=$4 waited=0 line
  while true; do
    line=$(grep -m1 -E "$regex" "$file" 2>/dev/null || true)
    if [[ -n "$line" ]]; then
      echo "$line"
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "standalone.sh: $what exited before it was ready; last lines of $file:" >&2
      tail -n 20 "$file" >&2
      return 1
    fi
    if (( waited >= timeout * 10 )); then
      echo "standalone.sh: $what not ready after ${timeout}s; see $file" >&2
      return 1
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
}

daemon() { # LOG PIDFILE CLASS ARGS...: starts a Spark daemon JVM in the background
  local log=$1 pidfile=$2
  shift 2
  # shellcheck disable=SC2086
  SPARK_HOME="$spark_home" SPARK_SCALA_VERSION=2.12 SPARK_LOCAL_IP=127.0.0.1 SPARK_LOCAL_DIRS="$dir/local" \
    nohup "$java" "-Xmx${SPARK_DAEMON_MEMORY:-512m}" "${LOSSLAB_JVM_OPENS[@]}" \
    -cp "$spark_home/conf:$spark_home/jars/*" "$@" >"$log" 2>&1 </dev/null &
  echo $! >"$pidfile"
}

start_worker() { # N
  local n=$1 pid line
  mkdir -p "$dir/worker-$n/work" "$dir/local"
  # the worker's index, for resource discovery scripts that tell workers on one host apart
  export LOSSLAB_WORKER_INDEX=$n
  daemon "$dir/worker-$n.log" "$dir/worker-$n.pid" "${worker_conf[@]}" org.apache.spark.deploy.worker.Worker \
    --host 127.0.0.1 --port 0 --webui-port 0 --cores "$cores" --memory "$memory" \
    --work-dir "$dir/worker-$n/work" "$MASTER_URL"
  pid=$(cat "$dir/worker-$n.pid")
  await_line "$dir/worker-$n.log" "Successfully registered with master" "$pid" "worker $n" >/dev/null
  line=$(grep -m1 -E "WorkerWebUI.*started at" "$dir/worker-$n.log" || true)
  echo "worker $n: pid $pid, ${cores} core(s), $memory, web UI ${line##*started at }" | sed 's#//localhost#//127.0.0.1#'
}

# shellcheck source=../conf/jvm-options.sh
source "$home/conf/jvm-options.sh"

case "$action" in
  start)
    if [[ ! -d "$spark_home/jars" ]]; then
      echo "standalone.sh: no Spark jars in $spark_home/jars; build them with: (cd $home && mvn -B -DskipTests package)" >&2
      exit 1
    fi
    if alive "$dir/master.pid"; then
      echo "standalone.sh: a master already runs from $dir (pid $(cat "$dir/master.pid")); stop it first" >&2
      exit 1
    fi
    rm -f "$dir"/*.pid "$dir/cluster.env"
    daemon "$dir/master.log" "$dir/master.pid" org.apache.spark.deploy.master.Master \
      --host 127.0.0.1 --port 0 --webui-port 0
    pid=$(cat "$dir/master.pid")
    line=$(await_line "$dir/master.log" "Starting Spark master at spark://" "$pid" "master")
    MASTER_URL="spark://${line##*spark://}"
    line=$(await_line "$dir/master.log" "MasterWebUI.*started at" "$pid" "master web UI")
    MASTER_WEBUI=$(echo "${line##*started at }" | sed 's#//localhost#//127.0.0.1#')
    printf 'MASTER_URL=%s\nMASTER_WEBUI=%s\nSPARK_HOME=%s\n' "$MASTER_URL" "$MASTER_WEBUI" "$spark_home" \
      >"$dir/cluster.env"
    echo "master: pid $pid, $MASTER_URL, web UI $MASTER_WEBUI (JSON: $MASTER_WEBUI/json/)"
    for ((n = 1; n <= workers; n++)); do
      start_worker "$n"
    done
    ;;
  add-worker)
    # shellcheck disable=SC1091
    source "$dir/cluster.env"
    n=1
    while [[ -f "$dir/worker-$n.pid" ]]; do n=$((n + 1)); done
    start_worker "$n"
    ;;
  url)
    # shellcheck disable=SC1091
    source "$dir/cluster.env"
    echo "$MASTER_URL"
    ;;
  status)
    if [[ -f "$dir/cluster.env" ]]; then
      # shellcheck disable=SC1091
      source "$dir/cluster.env"
      echo "master $MASTER_URL, web UI $MASTER_WEBUI"
    fi
    found=0
    for pidfile in "$dir"/master.pid "$dir"/worker-*.pid; do
      [[ -f "$pidfile" ]] || continue
      found=1
      name=$(basename "$pidfile" .pid)
      if alive "$pidfile"; then
        echo "$name: running (pid $(cat "$pidfile"))"
      else
        echo "$name: not running (pid $(cat "$pidfile") recorded)"
      fi
    done
    [[ $found == 1 ]] || echo "no cluster recorded in $dir"
    ;;
  stop)
    pids=()
    for pidfile in "$dir"/worker-*.pid "$dir"/master.pid; do
      [[ -f "$pidfile" ]] || continue
      if alive "$pidfile"; then
        pids+=("$(cat "$pidfile")")
        kill "$(cat "$pidfile")" 2>/dev/null || true
      fi
    done
    # a worker's TERM handler stops its executors; give them 15 s, then kill what is left of ours
    for pid in "${pids[@]}"; do
      for _ in $(seq 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid" 2>/dev/null || true; fi
    done
    rm -f "$dir"/*.pid
    echo "stopped ${#pids[@]} process(es) recorded in $dir"
    ;;
  *)
    echo "standalone.sh: unknown action '$action' (start, stop, status, url, add-worker)" >&2
    exit 2
    ;;
esac
