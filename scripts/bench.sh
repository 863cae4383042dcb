#!/usr/bin/env bash
# Benchmark: raw NATS.Net ceilings and the kit's publisher and projection processor (full telemetry), same run,
# same machine, against a fresh nats-server with file storage. Prints a table; the LAST line is one JSON object.
# Usage: scripts/bench.sh [--messages N] [--reps N] [--size BYTES] [--window N]
set -euo pipefail
cd "$(dirname "$0")/.."
PATH="$PATH:/usr/sbin"
command -v nats-server >/dev/null || bash scripts/install-deps.sh >/dev/null

work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
nats-server -a 127.0.0.1 -p "$port" -js -sd "$work/store" >"$work/nats.log" 2>&1 &
nats_pid=$!
# Keep the benchmark's own status: the wait on the killed server fails (143), and under set -e that would be the exit.
trap 'status=$?; kill $nats_pid 2>/dev/null; wait $nats_pid 2>/dev/null || true; rm -rf "$work"; exit $status' EXIT
for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done

dotnet build benchmarks/Observability.Benchmarks -c Release -v quiet -nologo >/dev/null
dotnet benchmarks/Observability.Benchmarks/bin/Release/net10.0/Observability.Benchmarks.dll --url "nats://127.0.0.1:$port" "$@"
