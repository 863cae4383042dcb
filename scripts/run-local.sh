#!/usr/bin/env bash
# One command, no Docker: nats-server with JetStream, the API, the processors and the synthetic producer as local
# processes (plus the observability stack when scripts/run-observability.sh exists). A service that exits on its own is
# restarted; Ctrl-C stops everything it started.
#
#   scripts/run-local.sh [--cluster] [--rate N] [--clicks N] [--seed N] [--processors N] [--no-producer] [--no-observability] [--no-build]
#   scripts/run-local.sh restart-broker    kill -9 the running instance's nats-server; its supervisor starts it again
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
# KIT_RUN_DIR: where logs, the broker store and pid files go (tests point it elsewhere). Default .run/.
RUN="${KIT_RUN_DIR:-$ROOT/.run}"
LOGS="$RUN/logs"
CONFIG=Release
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# Fixed ports (the docs and the Prometheus jobs use them); KIT_*_PORT(S) move them, e.g. for a test beside a running instance.
NATS_PORT=${KIT_NATS_PORT:-4222}
NATS_MONITOR=${KIT_NATS_MONITOR_PORT:-8222}
API_PORT=${KIT_API_PORT:-5080}
PRODUCER_PORT=${KIT_PRODUCER_PORT:-5082}
CLUSTER_PORT=${KIT_NATS_CLUSTER_PORT:-6222}
read -r -a PROCESSOR_PORTS <<<"${KIT_PROCESSOR_PORTS:-5081 5083 5084 5085 5086 5087 5088 5089}"
# The observability stack's ports (scripts/run-observability.sh reads the same variables).
PROMETHEUS_PORT=${KIT_PROMETHEUS_PORT:-9090}
DASHBOARD_PORT=${KIT_DASHBOARD_PORT:-18888}
OTLP_GRPC_PORT=${KIT_OTLP_GRPC_PORT:-4317}
ALERTMANAGER_PORT=${KIT_ALERTMANAGER_PORT:-9093}
LOADSIM_METRICS_PORT=${KIT_LOADSIM_METRICS_PORT:-8090}
BROKER_EXPORTER_PORT=${KIT_BROKER_EXPORTER_PORT:-7777}

rate=""
clicks=""
seed=""
processors=1
producer=1
observability=1
build=1
cluster=0

usage() {
  cat <<EOF
Usage: scripts/run-local.sh [options]
       scripts/run-local.sh restart-broker

Starts nats-server (JetStream, port $NATS_PORT, monitor $NATS_MONITOR; authorisation on: nats/auth.conf, one user per
service, random passwords kept in .run/nats-secrets/) unless one already answers on $NATS_PORT,
builds the solution once, then runs the API ($API_PORT), the processors (5081, 5083, ...) and the synthetic
producer ($PRODUCER_PORT) from their build output. Logs go to .run/logs/<name>.log, pids to .run/<name>.pid. Every process it started is
supervised: one that exits on its own (a crash, an injected fault) is restarted after a short backoff (1 s, doubling
to 30 s while it keeps failing), noted on the console and in its log. Ctrl-C or SIGTERM stops everything.

Commands:
  restart-broker      in another terminal: kill -9 the running instance's nats-server (pid in .run/nats.pid) and
                      wait until its supervisor has started it again on the same store (.run/nats)

Options:
  --cluster           three local nodes instead of one (JetStream cluster "kit": clients $NATS_PORT-$((NATS_PORT + 2)),
                      monitors $NATS_MONITOR-$((NATS_MONITOR + 2)), routes $CLUSTER_PORT-$((CLUSTER_PORT + 2)), stores .run/cluster/nats-N);
                      every service gets all three URLs and an R3 topology. kill -9 \$(cat .run/nats-2.pid) crashes a node;
                      its supervisor starts it again
  --rate N            orders per second for the producer (fractional allowed; default: the producer's, 5)
  --clicks N          clicks per second for the producer (default: the producer's, 50)
  --seed N            producer seed, to reproduce a run (default: a fresh seed per start)
  --processors N      processor replicas sharing the durables (1..${#PROCESSOR_PORTS[@]}, default 1)
  --no-producer       do not start the producer
  --no-observability  do not start scripts/run-observability.sh (Prometheus, Alertmanager, Aspire dashboard)
  --no-build          use the existing Release build output
  -h, --help          this text
EOF
}

die() { echo "run-local: $*" >&2; exit 1; }

NATS_PID_FILE="$RUN/nats.pid"
SUPERVISOR_PID_FILE="$RUN/run-local.pid"

# restart-broker: acts on the running instance, whose supervisor loop does the restart (so Ctrl-C there still stops it).
restart_broker() {
  [ -f "$NATS_PID_FILE" ] || die "no nats-server started by run-local.sh is running (no $NATS_PID_FILE): start scripts/run-local.sh first"
  local pid
  pid=$(cat "$NATS_PID_FILE")
  { [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null; } || die "nats-server pid $pid from $NATS_PID_FILE is not running"
  local supervisor
  supervisor=$(cat "$SUPERVISOR_PID_FILE" 2>/dev/null || true)
  { [ -n "$supervisor" ] && kill -0 "$supervisor" 2>/dev/null; } \
    || die "the run-local.sh that started nats-server (pid ${supervisor:-unknown}) is gone: nothing would restart it"
  echo "run-local: kill -9 nats-server (pid $pid); its supervisor restarts it on the same store"
  kill -KILL "$pid"
  local deadline=$((SECONDS + 60)) now=""
  while [ $SECONDS -lt $deadline ]; do
    now=$(cat "$NATS_PID_FILE" 2>/dev/null || true)
    if [ -n "$now" ] && [ "$now" != "$pid" ] && [ "$(curl -s -o /dev/null -m 2 -w '%{http_code}' "http://127.0.0.1:$NATS_MONITOR/healthz" 2>/dev/null || true)" = 200 ]; then
      echo "run-local: nats-server is back (pid $now)"
      return 0
    fi
    sleep 0.25
  done
  die "nats-server did not come back within 60 s; see $LOGS/nats.log"
}

if [ "${1:-}" = restart-broker ]; then
  [ $# -eq 1 ] || die "restart-broker takes no options"
  restart_broker
  exit 0
fi

# value NAME PATTERN ARGS...: the option's value when it matches PATTERN, else a clear error.
value() {
  local name=$1 pattern=$2
  shift 2
  if [ $# -lt 2 ] || ! [[ "$2" =~ $pattern ]]; then die "$name needs a value matching $pattern"; fi
  echo "$2"
}

number='^[0-9]+([.][0-9]+)?$'
while [ $# -gt 0 ]; do
  case "$1" in
    --rate) rate=$(value --rate "$number" "$@"); shift 2 ;;
    --clicks) clicks=$(value --clicks "$number" "$@"); shift 2 ;;
    --seed) seed=$(value --seed '^[0-9]+$' "$@"); shift 2 ;;
    --processors)
      processors=$(value --processors '^[1-9][0-9]*$' "$@"); shift 2
      [ "$processors" -le ${#PROCESSOR_PORTS[@]} ] || die "--processors: at most ${#PROCESSOR_PORTS[@]}" ;;
    --no-producer) producer=0; shift ;;
    --no-observability) observability=0; shift ;;
    --no-build) build=0; shift ;;
    --cluster) cluster=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown option $1" ;;
  esac
done

command -v dotnet >/dev/null 2>&1 || die "dotnet not found: install the .NET 10 SDK (https://dot.net/download)"
command -v curl >/dev/null 2>&1 || die "curl not found: apt-get install -y curl"
command -v setsid >/dev/null 2>&1 || die "setsid not found: apt-get install -y util-linux"

# --- what this script started, stopped in reverse order on exit --------------------------------------------------
names=()
pids=()
stopping=0
own_broker=0

stop_all() {
  [ "$stopping" -eq 1 ] && return
  stopping=1
  # A second Ctrl-C or SIGTERM (a supervisor, `timeout`) must not cut the clean-up short and orphan the services.
  trap '' INT TERM
  [ "$own_broker" -eq 1 ] && rm -f "$SUPERVISOR_PID_FILE"
  local name
  for name in "${names[@]}"; do rm -f "$RUN/$name.pid"; done
  [ ${#pids[@]} -eq 0 ] && return
  echo
  echo "run-local: stopping ${names[*]}"
  # Newest first: the producer stops before the services it feeds, nats-server last.
  local i
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    kill -TERM -- "-${pids[i]}" 2>/dev/null || true
    local waited=0
    while kill -0 "${pids[i]}" 2>/dev/null && [ $waited -lt 150 ]; do sleep 0.1; waited=$((waited + 1)); done
    if kill -0 "${pids[i]}" 2>/dev/null; then
      echo "run-local: ${names[i]} did not stop in 15 s, killing it"
      kill -KILL -- "-${pids[i]}" 2>/dev/null || true
    fi
    wait "${pids[i]}" 2>/dev/null || true
  done
  echo "run-local: stopped"
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Starts a command in its own process group (so stopping it stops its children too), output to .run/logs/<name>.log.
# The command is kept (shell-quoted) so the supervisor can start it again.
commands=()
started_at=()
restarts=()
start() {
  local name=$1; shift
  setsid "$@" >"$LOGS/$name.log" 2>&1 </dev/null &
  names+=("$name")
  pids+=("$!")
  commands+=("$(printf '%q ' "$@")")
  started_at+=("$SECONDS")
  restarts+=(0)
  echo "$!" >"$RUN/$name.pid"
  if [ "$name" = nats ]; then
    own_broker=1
    echo "$$" >"$SUPERVISOR_PID_FILE"
  fi
  return 0
}

# Starts service i again after an unexpected exit, appending to its log (the crash's last lines stay above).
restart() {
  local i=$1
  echo "run-local: $(date -u +%H:%M:%S) restarting ${names[i]} (restart #${restarts[i]})" | tee -a "$LOGS/${names[i]}.log"
  # Unquote into the positional parameters first: backgrounding eval itself would put a subshell between us and the service.
  eval "set -- ${commands[i]}"
  setsid "$@" >>"$LOGS/${names[i]}.log" 2>&1 </dev/null &
  pids[i]=$!
  started_at[i]=$SECONDS
  echo "$!" >"$RUN/${names[i]}.pid"
  return 0
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

http_code() { curl -s -o /dev/null -m 2 -w '%{http_code}' "$1" 2>/dev/null || true; }

# Waits until a URL answers 200. A 404 means the service has no such endpoint (e.g. a placeholder): warn, go on.
wait_http() {
  local name=$1 url=$2 seconds=$3 pid=${4:-} code=""
  local deadline=$((SECONDS + seconds))
  while [ $SECONDS -lt $deadline ]; do
    code=$(http_code "$url")
    case "$code" in
      200|301|302|307|308) echo "run-local: $name ready ($url)"; return 0 ;;
      404) echo "run-local: WARNING $name answers 404 on $url (no health endpoint yet?)"; return 0 ;;
    esac
    if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then
      echo "run-local: $name exited; last lines of $LOGS/$name.log:" >&2
      tail -n 20 "$LOGS/$name.log" >&2 || true
      return 1
    fi
    sleep 0.25
  done
  echo "run-local: WARNING $name not ready after ${seconds} s (last HTTP status: ${code:-none}); see $LOGS/$name.log"
}

mkdir -p "$LOGS" "$RUN/nats"

for port in "$API_PORT" "$PRODUCER_PORT" "${PROCESSOR_PORTS[@]:0:$processors}"; do
  ! port_open "$port" || die "port $port is in use: stop whatever listens there (ss -ltnp | grep :$port)"
done

# --- nats-server ----------------------------------------------------------------------------------------------------
# find_nats_bin: the nats-server binary (PATH, /usr/sbin, else apt-get when root), in $nats_bin.
find_nats_bin() {
  nats_bin=$(command -v nats-server 2>/dev/null || true)
  [ -z "$nats_bin" ] && [ -x /usr/sbin/nats-server ] && nats_bin=/usr/sbin/nats-server
  if [ -z "$nats_bin" ]; then
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
      echo "run-local: installing nats-server (apt-get)"
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nats-server >/dev/null
      nats_bin=$(command -v nats-server 2>/dev/null || echo /usr/sbin/nats-server)
      # Debian's package may start a system service on 4222; this script runs its own with JetStream.
      if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet nats-server 2>/dev/null; then
        systemctl stop nats-server || true
      fi
    else
      die "nats-server not found. Install it (minimum 2.9.10): sudo apt-get install -y nats-server (or bash scripts/install-deps.sh), then run this again"
    fi
  fi
  [ -x "$nats_bin" ] || die "nats-server not found at $nats_bin"
}

# ensure_nats_credentials: authorisation is on (nats/auth.conf, one least-privilege user per service). A random
# password per user is generated once into .run/nats-secrets/ (git-ignored, kept across runs) and exported for the
# nats-server processes this script starts; each service reads its own through Nats__PasswordFile.
NATS_SECRETS="$RUN/nats-secrets"
ensure_nats_credentials() {
  sh nats/generate-passwords.sh "$NATS_SECRETS" >/dev/null
  chmod 700 "$NATS_SECRETS"
  set -a
  # shellcheck disable=SC1091
  . "$NATS_SECRETS/passwords.env"
  set +a
}

# start_single_broker: one nats-server with JetStream on $NATS_PORT, or the one already answering there.
start_single_broker() {
  nats_url="nats://127.0.0.1:$NATS_PORT"
  if port_open "$NATS_PORT"; then
    echo "run-local: a NATS server already answers on $NATS_PORT: using it (it must have JetStream enabled)"
    nats_monitor_url=""
    [ "$(http_code "http://127.0.0.1:$NATS_MONITOR/varz")" = 200 ] && nats_monitor_url="http://127.0.0.1:$NATS_MONITOR"
    return 0
  fi
  find_nats_bin
  port_open "$NATS_MONITOR" && die "port $NATS_MONITOR (NATS monitoring) is in use"
  echo "run-local: starting $("$nats_bin" --version 2>/dev/null || echo nats-server) with JetStream (store .run/nats)"
  start nats "$nats_bin" -c "$ROOT/nats/auth.conf" -a 127.0.0.1 -p "$NATS_PORT" -m "$NATS_MONITOR" -js -sd "$RUN/nats"
  wait_http nats "http://127.0.0.1:$NATS_MONITOR/healthz" 30 "${pids[-1]}"
  nats_monitor_url="http://127.0.0.1:$NATS_MONITOR"
}

# start_cluster: three nats-server nodes (nats-1..3) with full-mesh routes, one store each under .run/cluster, then waits
# until they agree on a JetStream meta leader. Services get every node's URL and an R3 topology.
start_cluster() {
  find_nats_bin
  local i routes=() urls=()
  for i in 0 1 2; do
    for port in $((NATS_PORT + i)) $((NATS_MONITOR + i)) $((CLUSTER_PORT + i)); do
      ! port_open "$port" || die "--cluster: port $port is in use (ss -ltnp | grep :$port)"
    done
    routes+=("nats-route://127.0.0.1:$((CLUSTER_PORT + i))")
    urls+=("nats://127.0.0.1:$((NATS_PORT + i))")
  done
  mkdir -p "$RUN/cluster"
  # A config's include is relative to the including file: the permissions go beside the node configs.
  cp nats/auth.conf "$RUN/cluster/auth.conf"
  echo "run-local: starting a three-node cluster of $("$nats_bin" --version 2>/dev/null || echo nats-server) (stores .run/cluster)"
  for i in 1 2 3; do
    local conf="$RUN/cluster/nats-$i.conf"
    cat >"$conf" <<CONF
include "auth.conf"
server_name: nats-$i
listen: 127.0.0.1:$((NATS_PORT + i - 1))
http: 127.0.0.1:$((NATS_MONITOR + i - 1))
jetstream { store_dir: "$RUN/cluster/nats-$i" }
cluster {
  name: kit
  listen: 127.0.0.1:$((CLUSTER_PORT + i - 1))
  routes: [$(IFS=,; echo "${routes[*]}")]
}
CONF
    start "nats-$i" "$nats_bin" -c "$conf"
  done
  for i in 1 2 3; do
    wait_http "nats-$i" "http://127.0.0.1:$((NATS_MONITOR + i - 1))/healthz" 30 "${pids[-$((4 - i))]}"
  done
  local deadline=$((SECONDS + 30))
  until curl -s -m 2 "http://127.0.0.1:$NATS_MONITOR/jsz" | grep -q '"leader": *"nats-'; do
    [ $SECONDS -lt $deadline ] || die "the cluster elected no JetStream meta leader within 30 s; see $LOGS/nats-*.log"
    sleep 0.25
  done
  echo "run-local: cluster ready (meta leader $(curl -s -m 2 "http://127.0.0.1:$NATS_MONITOR/jsz" | sed -n 's/.*"leader": *"\([^"]*\)".*/\1/p' | head -n 1))"
  nats_url=$(IFS=,; echo "${urls[*]}")
  nats_monitor_url="http://127.0.0.1:$NATS_MONITOR"
  # The broker exporter reads every node, so the Broker dashboard shows leaders and lagging replicas.
  NATS_MONITOR_URLS=${NATS_MONITOR_URLS:-"http://127.0.0.1:$NATS_MONITOR,http://127.0.0.1:$((NATS_MONITOR + 1)),http://127.0.0.1:$((NATS_MONITOR + 2))"}
  service_env+=("Topology__Replicas=3")
}

service_env=()
ensure_nats_credentials
if [ "$cluster" -eq 1 ]; then
  start_cluster
else
  start_single_broker
fi

# --- Prometheus scrape targets ----------------------------------------------------------------------------------------
# Prometheus (prometheus/prometheus.local.yml) finds the services through file_sd: one <job>.json per job, listing
# every process this run starts on its port, so each processor replica is its own target. Written before the services
# start (the ports are fixed up front), replaced atomically (Prometheus may read the folder at any time).
TARGETS_DIR="$RUN/prometheus-targets"

write_scrape_target() { # job host:port...
  local job=$1 list="" target
  shift
  for target in "$@"; do list+="${list:+, }\"$target\""; done
  printf '[{"targets": [%s]}]\n' "$list" >"$TARGETS_DIR/.$job.json.tmp"
  mv -f "$TARGETS_DIR/.$job.json.tmp" "$TARGETS_DIR/$job.json"
}

write_scrape_targets() {
  mkdir -p "$TARGETS_DIR"
  local processor_targets=() port
  for port in "${PROCESSOR_PORTS[@]:0:$processors}"; do processor_targets+=("127.0.0.1:$port"); done
  write_scrape_target api "127.0.0.1:$API_PORT"
  write_scrape_target processors "${processor_targets[@]}"
  if [ "$producer" -eq 1 ]; then write_scrape_target producer "127.0.0.1:$PRODUCER_PORT"; else write_scrape_target producer; fi
  # The load simulator is not started here; a `loadsim run` on its default metrics port is scraped when it runs.
  write_scrape_target loadsim "127.0.0.1:$LOADSIM_METRICS_PORT"
  if [ -n "$(broker_monitor_urls)" ]; then write_scrape_target nats "127.0.0.1:$BROKER_EXPORTER_PORT"; else write_scrape_target nats; fi
  export KIT_PROMETHEUS_TARGETS="$TARGETS_DIR"
}

# --- broker metrics ---------------------------------------------------------------------------------------------------
# The kit's broker exporter (src/Observability.BrokerExporter) reads the monitoring endpoint of every node in
# NATS_MONITOR_URLS (comma-separated; a cluster start sets all its nodes), else of the one server in use.
broker_monitor_urls() { echo "${NATS_MONITOR_URLS:-$nats_monitor_url}"; }

start_broker_exporter() {
  local urls dll="$ROOT/src/Observability.BrokerExporter/bin/$CONFIG/net10.0/nats-broker-exporter.dll"
  urls=$(broker_monitor_urls)
  if [ -z "$urls" ]; then
    echo "run-local: no NATS monitoring endpoint (the server in use has no -m port): no broker metrics"
    return 1
  fi
  if [ ! -f "$dll" ]; then
    echo "run-local: WARNING Observability.BrokerExporter not built ($dll missing): no broker metrics"
    return 1
  fi
  ! port_open "$BROKER_EXPORTER_PORT" || die "port $BROKER_EXPORTER_PORT (broker exporter) is in use"
  start nats-exporter env BrokerExporter__Servers="$urls" dotnet "$dll" --urls "http://127.0.0.1:$BROKER_EXPORTER_PORT"
  wait_http nats-exporter "http://127.0.0.1:$BROKER_EXPORTER_PORT/alive" 60 "${pids[-1]}"
}

# --- observability stack (optional) ---------------------------------------------------------------------------------
otlp=""
if [ "$observability" -eq 1 ] && [ -f scripts/run-observability.sh ]; then
  echo "run-local: starting the observability stack (scripts/run-observability.sh)"
  write_scrape_targets
  start observability bash scripts/run-observability.sh
  # The first run restores the Aspire dashboard package, hence the generous wait.
  wait_http prometheus "http://127.0.0.1:$PROMETHEUS_PORT/-/ready" 240 "${pids[-1]}"
  wait_http aspire-dashboard "http://127.0.0.1:$DASHBOARD_PORT/api/telemetry/traces" 60 "${pids[-1]}"
  otlp="http://127.0.0.1:$OTLP_GRPC_PORT"
elif [ "$observability" -eq 1 ]; then
  echo "run-local: scripts/run-observability.sh not found: no Prometheus or trace UI (the services still serve /metrics)"
fi

# --- build once, then run from the build output ---------------------------------------------------------------------
if [ "$build" -eq 1 ]; then
  echo "run-local: dotnet build -c $CONFIG (minutes the first time; --no-build skips it next time; output in .run/logs/build.log)"
  dotnet build Observability.sln -c "$CONFIG" -nologo -v quiet -clp:NoSummary >"$LOGS/build.log" 2>&1 \
    || { tail -n 30 "$LOGS/build.log" >&2; die "build failed; see $LOGS/build.log"; }
fi

dll_of() { echo "$ROOT/src/$1/bin/$CONFIG/net10.0/$1.dll"; }

# Only Prometheus reads the broker metrics: without the observability stack there is nothing to export them to.
broker_exporter=0
if [ -n "$otlp" ]; then start_broker_exporter && broker_exporter=1; fi

# Runs one service from its dll with the kit's environment; $1 log name, $2 project, $3 port, $4 OTel service name.
run_service() {
  local name=$1 project=$2 port=$3 service=$4; shift 4
  local dll otel=()
  dll=$(dll_of "$project")
  [ -n "$otlp" ] && otel=("OTEL_EXPORTER_OTLP_ENDPOINT=$otlp")
  if [ ! -f "$dll" ]; then
    echo "run-local: WARNING $project not built ($dll missing): skipping $name"
    return 0
  fi
  start "$name" env \
    Nats__Url="$nats_url" \
    Schemas__BaseUri="http://127.0.0.1:$API_PORT/" \
    Nats__User="$service" \
    Nats__PasswordFile="$NATS_SECRETS/$service" \
    OTEL_SERVICE_NAME="$service" \
    "${service_env[@]}" \
    "${otel[@]}" \
    "$@" \
    dotnet "$dll" --urls "http://127.0.0.1:$port"
  wait_http "$name" "http://127.0.0.1:$port/health" 90 "${pids[-1]}"
}

run_service api Observability.Api "$API_PORT" api

for ((r = 0; r < processors; r++)); do
  name=processors
  [ "$processors" -gt 1 ] && name="processors-$((r + 1))"
  run_service "$name" Observability.Processors "${PROCESSOR_PORTS[r]}" processors
done

if [ "$producer" -eq 1 ]; then
  producer_env=()
  [ -n "$rate" ] && producer_env+=("Producer__OrdersPerSecond=$rate")
  [ -n "$clicks" ] && producer_env+=("Producer__ClicksPerSecond=$clicks")
  [ -n "$seed" ] && producer_env+=("Producer__Seed=$seed")
  run_service producer Observability.Producer "$PRODUCER_PORT" producer "${producer_env[@]}"
fi

# --- where to look --------------------------------------------------------------------------------------------------
echo
echo "Running (logs in .run/logs/, Ctrl-C stops everything this script started):"
echo "  API                 http://127.0.0.1:$API_PORT"
echo "  OpenAPI             http://127.0.0.1:$API_PORT/openapi/v1.json"
echo "  API metrics         http://127.0.0.1:$API_PORT/metrics"
for ((r = 0; r < processors; r++)); do
  echo "  processors metrics  http://127.0.0.1:${PROCESSOR_PORTS[r]}/metrics"
done
if [ "$producer" -eq 1 ]; then
  echo "  producer metrics    http://127.0.0.1:$PRODUCER_PORT/metrics  (its seed is in .run/logs/producer.log: pass --seed N to reproduce)"
fi
if [ -n "$nats_monitor_url" ]; then
  echo "  NATS monitoring     $nats_monitor_url  (streams: $nats_monitor_url/jsz?streams=1)"
fi
if [ "$broker_exporter" -eq 1 ]; then
  echo "  broker metrics      http://127.0.0.1:$BROKER_EXPORTER_PORT/metrics"
fi
echo "  NATS users          one per service (nats/auth.conf); passwords in .run/nats-secrets/. The kit CLI as operator:"
echo "                      NATS_USER=kit NATS_PASSWORD_FILE=$NATS_SECRETS/kit dotnet src/Observability.Cli/bin/$CONFIG/net10.0/kit.dll ..."
if [ "$cluster" -eq 1 ]; then
  echo "  NATS cluster        $nats_url  (monitors $NATS_MONITOR-$((NATS_MONITOR + 2)); R3 streams, buckets and durables)"
fi
if [ -n "$otlp" ]; then
  echo "  Prometheus          http://127.0.0.1:$PROMETHEUS_PORT  (targets: $TARGETS_DIR/*.json)"
  echo "  Alertmanager        http://127.0.0.1:$ALERTMANAGER_PORT  (webhook: ${KIT_ALERT_WEBHOOK_URL:-http://127.0.0.1:9099/alerts})"
  echo "  Aspire dashboard    http://127.0.0.1:$DASHBOARD_PORT  (traces, logs; OTLP on $OTLP_GRPC_PORT)"
fi
echo

# Stay in the foreground as every service's supervisor: one that exits on its own is restarted after a backoff
# (1 s, doubling to 30 s while it keeps failing within a minute of its start; a minute up resets it).
due=()
while true; do
  sleep 1 &
  wait $! || true
  for i in "${!pids[@]}"; do
    if [ -n "${due[i]:-}" ]; then
      if [ "$SECONDS" -ge "${due[i]}" ]; then
        due[i]=""
        restart "$i"
      fi
    elif ! kill -0 "${pids[i]}" 2>/dev/null; then
      code=0
      wait "${pids[i]}" 2>/dev/null || code=$?
      uptime=$((SECONDS - started_at[i]))
      [ "$uptime" -ge 60 ] && restarts[i]=0
      restarts[i]=$((restarts[i] + 1))
      backoff=30
      [ "${restarts[i]}" -le 5 ] && backoff=$((1 << (restarts[i] - 1)))
      echo "run-local: $(date -u +%H:%M:%S) ${names[i]} exited (code $code) after ${uptime} s; restarting in ${backoff} s; see $LOGS/${names[i]}.log" \
        | tee -a "$LOGS/${names[i]}.log"
      due[i]=$((SECONDS + backoff))
    fi
  done
done
