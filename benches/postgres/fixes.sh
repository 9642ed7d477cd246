#!/usr/bin/env bash
# Drivers' position fixes on PostgreSQL through one instance: `POST /api/drivers/{id}/location`
# over $DRIVERS drivers as fast as $CONNECTIONS connections send them, for each binary named in
# $BINARIES (the build before a change, and after it), in turn within each round, each on a fresh
# database; prints each one's rate, latency and the CPU Switchboard and PostgreSQL spent per fix.
#
#     BINARIES="/var/tmp/sb-before /var/tmp/switchboard-target/release/switchboard" benches/postgres/fixes.sh
#
# Needs PostgreSQL at $PG (default postgres://postgres@127.0.0.1:5432), psql and wrk.
set -euo pipefail
cd "$(dirname "$0")/../.."
PG="${PG:-postgres://postgres@127.0.0.1:5432}"
ROUNDS="${ROUNDS:-3}"
SECONDS_EACH="${SECONDS_EACH:-10}"
CONNECTIONS="${CONNECTIONS:-64}"
DRIVERS="${DRIVERS:-2000}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/var/tmp/switchboard-target}"
BINARIES="${BINARIES:-$CARGO_TARGET_DIR/release/switchboard}"
DB=switchboard_fixes_bench
URL="$PG/$DB"
PORT=5151
PID=

export RUST_LOG=warn SWITCHBOARD_RATE_LIMIT_PER_MIN=0 DRIVERS
stop() {
    if [ -n "$PID" ]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; fi
    PID=
}
trap stop EXIT

# shellcheck source=benches/postgres/cpu.sh
source benches/postgres/cpu.sh

run() { # binary $1: prints "rate/s, p50 / p99 ms, Switchboard + PostgreSQL µs CPU a fix"
    local binary=$1 token out pg_before sb_before
    psql "$PG/postgres" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB" >/dev/null
    DATABASE_URL="$URL" "$binary" migrate >/dev/null
    psql "$URL" -qc "INSERT INTO drivers (name, status, created_at, updated_at, version)
        SELECT 'Driver ' || n, 'available', now(), now(), 1 FROM generate_series(1, $DRIVERS) AS n" >/dev/null
    token=$(DATABASE_URL="$URL" "$binary" token create --name bench --role admin | tail -n1)
    DATABASE_URL="$URL" "$binary" --port "$PORT" >/dev/null 2>&1 &
    PID=$!
    for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null && break; sleep 0.1; done
    out=$(mktemp)
    pg_before=$(cpu_ms $(postgres_pids))
    sb_before=$(cpu_ms "$PID")
    AUTH="Bearer $token" wrk -t1 -c"$CONNECTIONS" -d"${SECONDS_EACH}s" --latency -s benches/postgres/fix.lua \
        "http://127.0.0.1:$PORT" >"$out" 2>&1
    local pg_cpu=$(($(cpu_ms $(postgres_pids)) - pg_before)) sb_cpu=$(($(cpu_ms "$PID") - sb_before))
    stop
    if grep -q 'Non-2xx' "$out"; then echo "errors: $(grep Non-2xx "$out")" >&2; fi
    awk -v s="$sb_cpu" -v p="$pg_cpu" -v d="$SECONDS_EACH" '
        /^Requests\/sec/ {rate = $2}
        $1 == "50%" {p50 = $2} $1 == "99%" {p99 = $2}
        END {n = rate * d; printf "%.0f/s, latency p50 %s p99 %s, Switchboard %.0f µs + PostgreSQL %.0f µs CPU a fix",
             rate, p50, p99, s * 1000 / n, p * 1000 / n}' "$out"
    rm -f "$out"
}

echo "machine: $(nproc) cores, $(lscpu | awk -F: '/Model name/ {gsub(/^ +/, "", $2); print $2}'); $(psql "$PG/postgres" -Atc 'show server_version') PostgreSQL; $DRIVERS drivers, $CONNECTIONS connections, $SECONDS_EACH s runs"
for round in $(seq 1 "$ROUNDS"); do
    echo "round $round:"
    for binary in $BINARIES; do
        echo "  $binary: $(run "$binary")"
    done
done
