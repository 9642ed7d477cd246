#!/usr/bin/env bash
# REST creates on PostgreSQL: one Switchboard instance with group commit off (one transaction per
# write) and on, three instances on one database with writers on all, and pgbench running the
# same statements one transaction per write (write_shape.sql); then reads of the first page of
# what was written, through one instance and through three. Each round runs them all in turn,
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

# shellcheck source=benches/postgres/cpu.sh
source benches/postgres/cpu.sh

# wrk against each of the given ports at once, $CONNECTIONS split among them: creates of
# customers (`creates`), or reads of their first page of 50 (`reads`). Prints the summed rate,
# and the CPU Switchboard and PostgreSQL spent per request (µs), as "rate/s (S µs + P µs)".
creates() { hammer create "$@"; }
reads() { hammer read "$@"; }
hammer() {
    local what=$1 token per out=() wrks=() total=0
    shift
    per=$((CONNECTIONS / $#))
    token=$(DATABASE_URL="$URL" "$SWITCHBOARD" token create --name bench --role admin | tail -n1)
    local pg_before sb_before
    pg_before=$(cpu_ms $(postgres_pids))
    sb_before=$(cpu_ms "${PIDS[@]}")
    for port in "$@"; do
        out+=("$(mktemp)")
        if [ "$what" = create ]; then
            BODY='{"name":"Bench {n}","email":"b{n}@example.com"}' AUTH="Bearer $token" \
                wrk -t1 -c"$per" -d"${SECONDS_EACH}s" -s benches/postgres/post.lua \
                "http://127.0.0.1:$port/api/customers" >"${out[-1]}" 2>&1 &
        else
            wrk -t1 -c"$per" -d"${SECONDS_EACH}s" -H "Authorization: Bearer $token" \
                "http://127.0.0.1:$port/api/customers?limit=50" >"${out[-1]}" 2>&1 &
        fi
        wrks+=($!)
    done
    wait "${wrks[@]}"
    local pg_cpu=$(($(cpu_ms $(postgres_pids)) - pg_before)) sb_cpu=$(($(cpu_ms "${PIDS[@]}") - sb_before))
    for file in "${out[@]}"; do
        if grep -q 'Non-2xx' "$file"; then echo "errors: $(grep Non-2xx "$file")" >&2; fi
        total=$(awk -v t="$total" '/^Requests\/sec/ {print t + $2}' "$file")
        rm -f "$file"
    done
    awk -v r="$total" -v s="$sb_cpu" -v p="$pg_cpu" -v d="$SECONDS_EACH" -v w="$what" \
        'BEGIN {n = r * d; printf "%.0f/s (Switchboard %.0f µs + PostgreSQL %.0f µs CPU a %s)", r, s * 1000 / n, p * 1000 / n, w}'
}

one() { # group commit $1 through one instance
    fresh; start 1 "$1"; creates 5101; stop
}

# Group commit on through one instance, or three (writers on all): the creates, then reads of
# what they wrote, printed as "creates | reads".
fleet_of() {
    local ports=() created
    fresh
    for i in $(seq 1 "$1"); do start "$i" on; ports+=($((5100 + i))); done
    created=$(creates "${ports[@]}")
    echo "$created | $(reads "${ports[@]}")"
    stop
}

shape() { # pgbench, the same statements, a transaction per write
    fresh
    local pg_before tps
    pg_before=$(cpu_ms $(postgres_pids))
    tps=$(pgbench -n -c "$PGBENCH_CLIENTS" -j 2 -T "$SECONDS_EACH" -f benches/postgres/write_shape.sql "$URL" 2>/dev/null |
        awk '/^tps/ {printf "%.0f", $3}')
    awk -v r="$tps" -v p="$(($(cpu_ms $(postgres_pids)) - pg_before))" -v d="$SECONDS_EACH" \
        'BEGIN {printf "%.0f/s (PostgreSQL %.0f µs CPU a transaction)", r, p * 1000 / (r * d)}'
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(psql "$PG/postgres" -Atc 'show server_version') PostgreSQL; $CONNECTIONS connections, $SECONDS_EACH s runs"
for round in $(seq 1 "$ROUNDS"); do
    off=$(one off)
    single=$(fleet_of 1)
    on=${single%% | *}
    fleet=$(fleet_of 3)
    tps=$(shape)
    ratio() { awk -v a="${1%%/s*}" -v b="${2%%/s*}" 'BEGIN {printf "%.2f", a / b}'; }
    echo "round $round:"
    echo "  one instance, group commit off: $off"
    echo "  one instance, group commit on:  $on ($(ratio "$on" "$off")x off)"
    echo "  three instances, on:            ${fleet%% | *} ($(ratio "${fleet%% | *}" "$on")x one)"
    echo "  pgbench, same statements:       $tps (one instance on: $(ratio "$on" "$tps")x pgbench)"
    echo "  reads, one instance:            ${single##* | }"
    echo "  reads, three instances:         ${fleet##* | } ($(ratio "${fleet##* | }" "${single##* | }")x one)"
done
