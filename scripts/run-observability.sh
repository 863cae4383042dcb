#!/usr/bin/env bash
# The no-Docker twin of the observability stack, for machines without a Docker engine:
#   - Prometheus (from PATH) with prometheus/prometheus.local.yml: scrapes the services on their loopback
#     ports (file_sd targets: KIT_PROMETHEUS_TARGETS names a folder of <job>.json files, as scripts/run-local.sh
#     writes them; without it the default ports are written), stores exemplars, accepts remote writes,
#     evaluates prometheus/rules/kit-alerts.yml;
#   - Alertmanager (Debian's prometheus-alertmanager) with alertmanager/alertmanager.local.yml: Prometheus sends it the
#     alerts, it routes them to the webhook receiver at KIT_ALERT_WEBHOOK_URL (default http://127.0.0.1:9099/alerts);
#   - the Aspire dashboard (NuGet Aspire.Dashboard.Sdk.linux-x64, restored into .tools/) as the OTLP
#     receiver (gRPC and HTTP) with a trace/log/metric UI and a JSON API (/api/telemetry/traces).
# Runs in the foreground; Ctrl-C or SIGTERM stops what it started. scripts/run-local.sh calls it.
#
# Ports (override through the environment):
#   KIT_PROMETHEUS_PORT=9090  KIT_DASHBOARD_PORT=18888  KIT_OTLP_GRPC_PORT=4317  KIT_OTLP_HTTP_PORT=4318
#   KIT_ALERTMANAGER_PORT=9093  KIT_ALERT_WEBHOOK_URL=http://127.0.0.1:9099/alerts
# Services then export with OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4317.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
PATH="$PATH:/usr/sbin:/usr/bin"

prometheus_port=${KIT_PROMETHEUS_PORT:-9090}
dashboard_port=${KIT_DASHBOARD_PORT:-18888}
otlp_grpc_port=${KIT_OTLP_GRPC_PORT:-4317}
otlp_http_port=${KIT_OTLP_HTTP_PORT:-4318}
alertmanager_port=${KIT_ALERTMANAGER_PORT:-9093}
alert_webhook_url=${KIT_ALERT_WEBHOOK_URL:-http://127.0.0.1:9099/alerts}
run_dir=${KIT_RUN_DIR:-$repo/.run/observability}
dashboard_version=13.6.5
packages=$repo/.tools/nuget
dashboard_bin=$packages/aspire.dashboard.sdk.linux-x64/$dashboard_version/tools/Aspire.Dashboard

log() { printf '[run-observability] %s\n' "$*" >&2; }

command -v prometheus >/dev/null 2>&1 || { log "prometheus not found on PATH (bash scripts/install-deps.sh installs it)"; exit 1; }
# Debian names the binary prometheus-alertmanager; the upstream tarball names it alertmanager.
alertmanager_bin=$(command -v prometheus-alertmanager 2>/dev/null || command -v alertmanager 2>/dev/null || true)
[ -n "$alertmanager_bin" ] || { log "prometheus-alertmanager not found (bash scripts/install-deps.sh installs it)"; exit 1; }

# Restore the dashboard once; later runs find it in .tools/.
if [ ! -x "$dashboard_bin" ]; then
  log "restoring Aspire.Dashboard.Sdk.linux-x64 $dashboard_version into .tools/nuget"
  dotnet restore tools/aspire-dashboard/aspire-dashboard.csproj --packages "$packages" \
    -p:ImportDirectoryBuildProps=false -p:ImportDirectoryPackagesProps=false >&2
  [ -f "$dashboard_bin" ] || { log "restore did not produce $dashboard_bin"; exit 1; }
  chmod +x "$dashboard_bin"
fi

mkdir -p "$run_dir/prometheus-data"

# Prometheus resolves the config's relative paths (rules/, targets/) next to the config file: run a copy of the
# repository's file from a folder that has both.
prometheus_dir=$run_dir/prometheus
mkdir -p "$prometheus_dir"
cp "$repo/prometheus/prometheus.local.yml" "$prometheus_dir/prometheus.yml"
ln -sfn "$repo/prometheus/rules" "$prometheus_dir/rules"
rm -rf "$prometheus_dir/targets"
if [ -n "${KIT_PROMETHEUS_TARGETS:-}" ]; then
  mkdir -p "$KIT_PROMETHEUS_TARGETS"
  ln -sfn "$KIT_PROMETHEUS_TARGETS" "$prometheus_dir/targets"
else
  mkdir -p "$prometheus_dir/targets"
  for default in api:5080 processors:5081 producer:5082 nats:7777 loadsim:8090; do
    printf '[{"targets": ["127.0.0.1:%s"]}]\n' "${default#*:}" >"$prometheus_dir/targets/${default%%:*}.json"
  done
fi
printf '[{"targets": ["127.0.0.1:%s"]}]\n' "$prometheus_port" >"$prometheus_dir/targets/prometheus.json"
printf '[{"targets": ["127.0.0.1:%s"]}]\n' "$alertmanager_port" >"$prometheus_dir/targets/alertmanager.json"

# Alertmanager runs a copy of the repository's config with the webhook URL of this run; no cluster gossip (one node).
alertmanager_dir=$run_dir/alertmanager
mkdir -p "$alertmanager_dir/data"
sed "s#http://127.0.0.1:9099/alerts#$alert_webhook_url#" "$repo/alertmanager/alertmanager.local.yml" >"$alertmanager_dir/alertmanager.yml"
pids=()
stop() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  log "stopped"
}
trap 'stop; exit 130' INT
trap 'stop; exit 143' TERM
trap stop EXIT

prometheus \
  --config.file="$prometheus_dir/prometheus.yml" \
  --storage.tsdb.path="$run_dir/prometheus-data" \
  --web.listen-address="127.0.0.1:$prometheus_port" \
  --enable-feature=exemplar-storage \
  --web.enable-remote-write-receiver \
  --web.enable-lifecycle \
  >"$run_dir/prometheus.log" 2>&1 &
pids+=($!)

"$alertmanager_bin" \
  --config.file="$alertmanager_dir/alertmanager.yml" \
  --storage.path="$alertmanager_dir/data" \
  --web.listen-address="127.0.0.1:$alertmanager_port" \
  --cluster.listen-address= \
  >"$run_dir/alertmanager.log" 2>&1 &
pids+=($!)

# The dashboard keeps telemetry in memory only; the API is unsecured like the rest (loopback only).
ASPNETCORE_URLS="http://127.0.0.1:$dashboard_port" \
DOTNET_DASHBOARD_OTLP_ENDPOINT_URL="http://127.0.0.1:$otlp_grpc_port" \
DOTNET_DASHBOARD_OTLP_HTTP_ENDPOINT_URL="http://127.0.0.1:$otlp_http_port" \
DASHBOARD__FRONTEND__AUTHMODE=Unsecured \
DASHBOARD__OTLP__AUTHMODE=Unsecured \
DASHBOARD__API__ENABLED=true \
DASHBOARD__API__AUTHMODE=Unsecured \
  "$dashboard_bin" >"$run_dir/aspire-dashboard.log" 2>&1 &
pids+=($!)

# True when GET http://127.0.0.1:<port><path> answers 200. Plain bash (/dev/tcp): no curl needed.
http_ok() { # port path
  (
    exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
    printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "$2" >&3
    IFS= read -r -t 5 status <&3 && [[ "$status" == *" 200 "* ]]
  ) 2>/dev/null
}

wait_for() { # name port path
  for _ in $(seq 1 60); do
    for pid in "${pids[@]}"; do
      kill -0 "$pid" 2>/dev/null || { log "$1 exited; see $run_dir/*.log"; exit 1; }
    done
    if http_ok "$2" "$3"; then return 0; fi
    sleep 0.5
  done
  log "$1 did not answer on 127.0.0.1:$2$3 within 30 s; see $run_dir/*.log"
  exit 1
}
wait_for prometheus "$prometheus_port" /-/ready
wait_for alertmanager "$alertmanager_port" /-/ready
wait_for "Aspire dashboard" "$dashboard_port" /api/telemetry/traces

cat <<EOF
Observability (no Docker) is up:
  Prometheus          http://127.0.0.1:$prometheus_port   (alerts: /alerts, targets: /targets)
  Alertmanager        http://127.0.0.1:$alertmanager_port   (notifications to $alert_webhook_url)
  Aspire dashboard    http://127.0.0.1:$dashboard_port   (traces, structured logs, metrics)
  Traces JSON API     http://127.0.0.1:$dashboard_port/api/telemetry/traces
  OTLP endpoints      grpc http://127.0.0.1:$otlp_grpc_port   http http://127.0.0.1:$otlp_http_port
  Logs and data       $run_dir
Ctrl-C stops them all.
EOF

# Foreground until a child exits or we are told to stop.
wait -n "${pids[@]}" || true
log "a child process exited; stopping the rest"
exit 1
