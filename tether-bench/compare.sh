#!/usr/bin/env bash
# Runs every scenario of the bench contract against Tether and its peers, side by side, and writes the medians
# to tether-bench/RESULTS.md.
#
#   tether-bench/compare.sh [--rounds N] [--servers "tether node netty-socketio netty-raw"]
#                           [--scenarios "idle idle-19k echo echo-rate fanout"] [--quick] [--no-build]
#                           [--results FILE]
#
# It exits 1 when a run failed (after writing the table, which lists the failures).
#
# Every server runs pinned to core 0 and the load generator to core 1 (taskset). Runs are interleaved: for
# each round, for each scenario, every server in turn (A B C A B C ...), each on a freshly started server, so
# a drift of the machine touches every server alike. The JSON line of every run goes to
# tether-bench/target/compare/runs.jsonl; io.tether.bench.load.ResultsTable turns them into the table between
# the markers of RESULTS.md (the rest of that file is the hand-written log and stays as it is).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
rounds=3
servers="tether node netty-socketio netty-raw"
scenarios="idle idle-19k echo echo-rate fanout"
quick=0
build=1
results="$here/RESULTS.md"
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --servers) servers="$2"; shift 2 ;;
    --scenarios) scenarios="$2"; shift 2 ;;
    --quick) quick=1; shift ;;
    --no-build) build=0; shift ;;
    --results) results="$2"; shift 2 ;;
    *) echo "compare.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

server_core=0
load_core=1
if [ "$(nproc --all)" -lt 2 ]; then
  echo "compare.sh: needs two cores (server on core 0, load generator on core 1)" >&2
  exit 1
fi

out="$here/target/compare"
mkdir -p "$out"
if [ "$build" = 1 ]; then
  echo "building Tether, the Node peer and the netty-socketio peers..." >&2
  (cd "$root" && mvn -q -B -ntp -DskipTests install -pl tether-bench -am)
  (cd "$here/peers/node" && npm ci --silent --no-audit --no-fund)
  mvn -q -B -ntp -f "$here/peers/netty-socketio/pom.xml" package
fi
# run from copies, so that a rebuild while the comparison runs cannot pull classes from under a server
cp "$here/target/tether-bench.jar" "$here/peers/netty-socketio/target/netty-socketio-bench.jar" "$out/"

server_command() {
  case "$1" in
    tether) echo "java -jar $out/tether-bench.jar --port $2" ;;
    node) echo "node $here/peers/node/server.js --port $2" ;;
    netty-socketio) echo "java -jar $out/netty-socketio-bench.jar --port $2" ;;
    netty-raw) echo "java -cp $out/netty-socketio-bench.jar io.tether.bench.peers.RawNettyBenchServer --port $2" ;;
    *) echo "compare.sh: unknown server $1" >&2; return 1 ;;
  esac
}

scenario_arguments() {
  if [ "$quick" = 1 ]; then
    case "$1" in
      idle) echo "idle --connections 2000 --hold 3" ;;
      idle-19k) echo "idle --connections 5000 --hold 3" ;;
      echo) echo "echo --warmup 2 --seconds 3" ;;
      echo-rate) echo "echo-rate --warmup 2 --seconds 3" ;;
      fanout) echo "fanout --warmup 2 --seconds 3" ;;
    esac
  else
    case "$1" in
      idle) echo "idle --connections 10000 --hold 30" ;;
      idle-19k) echo "idle --connections 19000 --hold 30" ;;
      echo) echo "echo --connections 100 --warmup 5 --seconds 10" ;;
      echo-rate) echo "echo-rate --connections 1000 --rate 20000 --warmup 5 --seconds 10" ;;
      fanout) echo "fanout --connections 1000 --room-size 100 --senders 10 --warmup 5 --seconds 10" ;;
    esac
  fi
}

port=7500
runs="$out/runs.jsonl"
: > "$runs"
for round in $(seq 1 "$rounds"); do
  for scenario in $scenarios; do
    for server in $servers; do
      port=$((port + 1))
      log="$out/$server-$scenario-$round.log"
      # shellcheck disable=SC2046
      taskset -c "$server_core" $(server_command "$server" "$port") > "$log" 2>&1 &
      launcher=$!
      for _ in $(seq 1 300); do
        grep -q '^READY' "$log" && break
        kill -0 "$launcher" 2>/dev/null || break
        sleep 0.1
      done
      if ! grep -q '^READY' "$log"; then
        echo "{\"scenario\":\"$scenario\",\"server\":\"$server\",\"round\":$round,\"error\":\"server did not start\"}" >> "$runs"
        kill -9 "$launcher" 2>/dev/null || true
        continue
      fi
      pid="$(awk '/^PID/ {print $2; exit}' "$log")"
      sleep 1
      echo "round $round: $scenario on $server (pid $pid, port $port)" >&2
      # shellcheck disable=SC2046
      # the generator's heap is fixed, touched up front and mostly young, so its own GC (rare, and with no first
      # touch of pages) does not blur the servers' latencies
      if line="$(taskset -c "$load_core" java -Xms2g -Xmx2g -Xmn1600m -XX:+AlwaysPreTouch -cp "$out/tether-bench.jar" io.tether.bench.load.LoadGenerator \
            $(scenario_arguments "$scenario") --port "$port" --pid "$pid" --label "$server" 2>>"$log")"; then
        echo "${line%\}},\"case\":\"$scenario\",\"round\":$round}" >> "$runs"
      else
        echo "{\"scenario\":\"$scenario\",\"case\":\"$scenario\",\"server\":\"$server\",\"round\":$round,\"error\":\"load generator failed, see $log\"}" >> "$runs"
      fi
      kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 1 100); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
      done
      kill -9 "$pid" 2>/dev/null || true
      wait "$launcher" 2>/dev/null || true
    done
  done
done

machine="$(nproc --all) cores ($(lscpu | sed -n 's/^Model name: *//p' | head -1)), $(free -g | awk '/^Mem:/ {print $2}') GB, $(uname -sr); $(java -version 2>&1 | head -1); Node $(node --version)"
java -cp "$out/tether-bench.jar" io.tether.bench.load.ResultsTable "$runs" "$results" "$machine" "$rounds"
echo "wrote $results from $runs" >&2
if grep -q '"error"' "$runs"; then
  echo "compare.sh: some runs failed:" >&2
  grep '"error"' "$runs" >&2
  exit 1
fi
