#!/usr/bin/env bash
# Load benchmark of the pipeline, driven by loadsim: generator accuracy, orders-publish at max rate (closed model)
# and find-knee for the order-summary projection, against a fresh nats-server and the real processors (Release
# build output). Figures come from each run's report.json (its typed "figures"), never from threshold prose.
# Prints a table; the LAST line is one JSON object.
# Usage: scripts/bench-load.sh [--accuracy-rate N] [--copies N] [--duration D] [--knee-start N] [--knee-step S] [--knee-steps N]
set -euo pipefail
cd "$(dirname "$0")/.."
PATH="$PATH:/usr/sbin"
command -v nats-server >/dev/null || bash scripts/install-deps.sh >/dev/null

accuracy_rate=50000 copies=1000 duration=10s knee_start=1000 knee_step=5 knee_steps=8
while [ $# -gt 0 ]; do
  case "$1" in
    --accuracy-rate) accuracy_rate=$2; shift 2 ;;
    --copies) copies=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --knee-start) knee_start=$2; shift 2 ;;
    --knee-step) knee_step=$2; shift 2 ;;
    --knee-steps) knee_steps=$2; shift 2 ;;
    *) echo "bench-load: unknown option $1" >&2; exit 3 ;;
  esac
done

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

dotnet build simulators/Observability.LoadSimulator -c Release -v quiet -nologo >/dev/null
dotnet build src/Observability.Processors -c Release -v quiet -nologo >/dev/null
loadsim=(dotnet simulators/Observability.LoadSimulator/bin/Release/net10.0/loadsim.dll)

nats_port=$(free_port)
nats-server -a 127.0.0.1 -p "$nats_port" -js -sd "$work/store" >"$work/nats.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$nats_port") 2>/dev/null && break; sleep 0.1; done
nats="nats://127.0.0.1:$nats_port"

proc_port=$(free_port)
Nats__Url="$nats" OTEL_SERVICE_NAME=processors \
  dotnet src/Observability.Processors/bin/Release/net10.0/Observability.Processors.dll --urls "http://127.0.0.1:$proc_port" \
  >"$work/processors.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 300); do curl -fsS "http://127.0.0.1:$proc_port/health" >/dev/null 2>&1 && break; sleep 0.2; done
curl -fsS "http://127.0.0.1:$proc_port/health" >/dev/null || { echo "bench-load: processors did not become healthy" >&2; tail -20 "$work/processors.log" >&2; exit 1; }
processors="http://127.0.0.1:$proc_port"

# 1. Generator accuracy: a no-op scenario at a high fixed rate (goal: within 1 %).
"${loadsim[@]}" accuracy --rate "$accuracy_rate" --duration 10s >"$work/accuracy.txt" 2>&1 || true
accuracy=$(awk '/^generator_accuracy/ {print $2}' "$work/accuracy.txt")

# 1b. What the generator adds on HTTP: demo-http at 5 000/s against a static nginx it starts, beside hey (when both
# are installed; the figures are then in the JSON as http_*). One line of key=value pairs.
if [ -x /usr/sbin/nginx ] || command -v nginx >/dev/null; then
  "${loadsim[@]}" accuracy --http --rate 5000 >"$work/http.txt" 2>&1 || true
fi
http_line=$(tr '\n' ' ' 2>/dev/null <"$work/http.txt" | grep -o 'http_accuracy .*' || true)

# 2. orders-publish at max rate: closed model, many copies, each publishing as fast as its acks come back.
common=(--no-live --metrics-port 0 --report-folder "$work/reports" --set "nats=$nats" --set "processors=$processors" --max-drain-seconds 60)
"${loadsim[@]}" run orders-publish --copies "$copies" --duration "$duration" --run-id bench-publish "${common[@]}" >"$work/publish.txt" 2>&1 || true

# 3. find-knee for the order-summary projection: rate x1.5 every step until lag keeps growing.
"${loadsim[@]}" run find-knee --run-id bench-knee "${common[@]}" \
  --set "kneeStart=$knee_start" --set "kneeStepSeconds=$knee_step" --set "kneeSteps=$knee_steps" >"$work/knee.txt" 2>&1 || true

python3 - "$work/reports" "${accuracy:-0}" "$accuracy_rate" "$copies" "${http_line:-}" <<'EOF'
import json, sys
folder, accuracy, accuracy_rate, copies = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
http = dict(kv.split("=", 1) for kv in sys.argv[5].split()[1:] if "=" in kv)

def load(run):
    try:
        with open(f"{folder}/{run}/report.json") as f:
            return json.load(f)
    except OSError:
        return None

def figure(report, name, default=None):
    """A typed figure of report.json ("figures": [{scenario, name, value, unit}]); default when absent or unmeasured."""
    for f in (report or {}).get("figures", []):
        if f["name"] == name and f.get("value") is not None:
            return f["value"]
    return default

publish, knee = load("bench-publish"), load("bench-knee")
p = publish["scenarios"][0] if publish else {}
counts = p.get("counts", {})
k = next((t for t in (knee or {}).get("thresholds", []) if t["name"].startswith("find-knee")), None)
result = {
    "generator_accuracy": round(accuracy, 4),
    "generator_accuracy_target_per_s": accuracy_rate,
    "orders_publish_max_per_s": round(p.get("rps", 0), 1),
    "orders_publish_copies": copies,
    "orders_publish_failed": counts.get("fail", 0) + counts.get("timedOut", 0),
    "orders_publish_latency_p99_ms": round(p.get("latency", {}).get("p99Ms", 0), 2),
    "orders_publish_freshness_p99_ms": round(figure(publish, "freshness_p99_ms", 0), 1),
    "orders_publish_drain_s": round(figure(publish, "drain_s", -1), 1),
    "orders_publish_lag_peak": figure(publish, "lag_peak", 0),
    "knee_rate_per_s": figure(knee, "knee_rate_per_s", 0),
    "knee_replicas": int(figure(knee, "replicas")) if figure(knee, "replicas") is not None else None,
    "knee_detail": (k or {}).get("actual", "no find-knee result"),
    "knee_freshness_p99_ms": round(figure(knee, "freshness_p99_ms", 0), 1),
}
for key in ("loadsim_p99_ms", "loadsim_cpu_us_per_req", "hey_p99_ms", "hey_cpu_us_per_req", "added_p99_ms", "cpu_ratio"):
    if key in http:
        result["http_" + key] = float(http[key])
rows = [
    ("generator_accuracy", f"{result['generator_accuracy']:.4f} at {accuracy_rate}/s (goal >= 0.99)"),
    ("orders-publish max", f"{result['orders_publish_max_per_s']:.0f}/s ({copies} copies, {result['orders_publish_failed']} failed, p99 {result['orders_publish_latency_p99_ms']} ms)"),
    ("  freshness p99", f"{result['orders_publish_freshness_p99_ms']} ms"),
    ("  lag peak / drain", f"{result['orders_publish_lag_peak']:.0f} / {result['orders_publish_drain_s']} s"),
    ("find-knee", result["knee_detail"]),
]
if "http_loadsim_p99_ms" in result:
    rows.append(("http 5000/s p99 loadsim / hey", f"{result['http_loadsim_p99_ms']} / {result.get('http_hey_p99_ms', '-')} ms (cpu ratio {result.get('http_cpu_ratio', '-')})"))
width = max(len(r[0]) for r in rows)
print(f"{'figure'.ljust(width)} | value")
print(f"{'-' * width}-|------")
for name, value in rows:
    print(f"{name.ljust(width)} | {value}")
print(json.dumps(result, separators=(",", ":")))
EOF
