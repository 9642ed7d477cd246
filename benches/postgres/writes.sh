#!/usr/bin/env bash
# REST creates on PostgreSQL: one Switchboard instance with group commit off (one transaction per
# write) and on, three instances on one database with writers on all, and pgbench running the
# same statements one transaction per write (write_shape.sql). Each round runs them all in turn,
# each on a fresh database, so they share the machine's load; prints each figure and the ratios.
#
#     benches/postgres/writes.sh                     # 3 rounds of 10 s runs
#     ROUNDS=1 SECONDS_EACH=5 benches/postgres/writes.sh
#
# Needs PostgreSQL at $PG (default postgres://postgres@127.0.0.1:5432), pgbench, wrk, and the
# release binary (`cargo build --release --locked`).
set -euo pipefail
cd "$(dirname "$0")/../.."
PG="${PG:-postgres://postgres@127.0.0.1:5432}"
ROUNDS="${ROUNDS:-3}"
SECONDS_EACH="${SECONDS_EACH:-10}"
CONNECTIONS="${CONNECTIONS:-64}"
PGBENCH_CLIENTS="${PGBENCH_CLIENTS:-8}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/var/tmp/switchboard-target}"
SWITCHBOARD="${SWITCHBOARD:-$CARGO_TARGET_DIR/release/switchboard}"
DB=switchboard_writes_bench
URL="$PG/$DB"
PIDS=()

export RUST_LOG=warn SWITCHBOARD_RATE_LIMIT_PER_MIN=0
stop() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
    PIDS=()
}
trap stop EXIT

fresh() {
    psql "$PG/postgres" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB" >/dev/null
    DATABASE_URL="$URL" "$SWITCHBOARD" migrate >/dev/null
}

# Starts instance $1 (port 5100+$1) with group commit $2.
start() {
    local port=$((5100 + $1))
    DATABASE_URL="$URL" SWITCHBOARD_GROUP_COMMIT="$2" "$SWITCHBOARD" --port "$port" >/dev/null 2>&1 &
    PIDS+=($!)
    for _ in $(seq 1 100); do
        curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && return
        sleep 0.1
    done
    echo "instance $1 did not start" >&2
    exit 1
}

# wrk against each of the given ports at once, $CONNECTIONS split among them; the summed rate.
creates() {
    local token per=$((CONNECTIONS / $#)) out=() wrks=() total=0
    token=$(DATABASE_URL="$URL" "$SWITCHBOARD" token create --name bench --role admin | tail -n1)
    for port in "$@"; do
        out+=("$(mktemp)")
        BODY='{"name":"Bench {n}","email":"b{n}@example.com"}' AUTH="Bearer $token" \
            wrk -t1 -c"$per" -d"${SECONDS_EACH}s" -s benches/postgres/post.lua \
            "http://127.0.0.1:$port/api/customers" >"${out[-1]}" 2>&1 &
        wrks+=($!)
    done
    wait "${wrks[@]}"
    for file in "${out[@]}"; do
        grep -q 'Non-2xx' "$file" && { echo "errors: $(grep Non-2xx "$file")" >&2; }
        total=$(awk -v t="$total" '/^Requests\/sec/ {print t + $2}' "$file")
        rm -f "$file"
    done
    printf '%.0f' "$total"
}

one() { # group commit $1 through one instance
    fresh; start 1 "$1"; creates 5101; stop
}

three() { # group commit on, three instances
    fresh; start 1 on; start 2 on; start 3 on; creates 5101 5102 5103; stop
}

shape() { # pgbench, the same statements, a transaction per write
    fresh
    pgbench -n -c "$PGBENCH_CLIENTS" -j 2 -T "$SECONDS_EACH" -f benches/postgres/write_shape.sql "$URL" 2>/dev/null |
        awk '/^tps/ {printf "%.0f", $3}'
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(psql "$PG/postgres" -Atc 'show server_version') PostgreSQL; $CONNECTIONS connections, $SECONDS_EACH s runs"
for round in $(seq 1 "$ROUNDS"); do
    off=$(one off)
    on=$(one on)
    fleet=$(three)
    tps=$(shape)
    echo "round $round: one instance, group commit off $off/s, on $on/s ($(awk -v a="$on" -v b="$off" 'BEGIN {printf "%.2f", a / b}')x);" \
        "three instances $fleet/s ($(awk -v a="$fleet" -v b="$on" 'BEGIN {printf "%.2f", a / b}')x one);" \
        "pgbench $tps tx/s (on / pgbench $(awk -v a="$on" -v b="$tps" 'BEGIN {printf "%.2f", a / b}')x)"
done
