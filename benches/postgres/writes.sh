#!/usr/bin/env bash
# REST creates on PostgreSQL through one Switchboard instance, with group commit off (one
# transaction per write) and on, next to pgbench running the same statements one transaction per
# write (write_shape.sql), three rounds, each system on a fresh database in turn so they share the
# machine's load. Prints each figure as measured and the ratios.
#
#     benches/postgres/writes.sh                # 3 rounds, 10 s each
#     ROUNDS=1 SECONDS_EACH=5 benches/postgres/writes.sh
#
# Needs: PostgreSQL at $PG (default postgres://postgres@127.0.0.1:5432), pgbench, and the release
# build of the bench (`cargo bench --bench realtime --no-run`).
set -euo pipefail
cd "$(dirname "$0")/../.."
PG="${PG:-postgres://postgres@127.0.0.1:5432}"
ROUNDS="${ROUNDS:-3}"
SECONDS_EACH="${SECONDS_EACH:-10}"
CLIENTS="${CLIENTS:-8}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/var/tmp/switchboard-target}"
DB=switchboard_writes_bench
SWITCHBOARD="$CARGO_TARGET_DIR/release/switchboard"

fresh() {
    psql "$PG/postgres" -qc "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB" >/dev/null
}

switchboard_w4() { # $1: on|off
    fresh
    SWITCHBOARD_GROUP_COMMIT="$1" cargo bench --locked --bench realtime -- --workloads w4 \
        --systems switchboard --database-url "$PG/$DB" --rest-seconds "$SECONDS_EACH" --server-bin "$SWITCHBOARD" 2>&1 |
        grep -E "^W4 switchboard" | head -n1
}

pgbench_shape() {
    fresh
    DATABASE_URL="$PG/$DB" "$SWITCHBOARD" migrate >/dev/null
    pgbench -n -c "$CLIENTS" -j 2 -T "$SECONDS_EACH" -f benches/postgres/write_shape.sql "$PG/$DB" 2>/dev/null |
        grep -E '^tps' | grep -oE '[0-9]+\.[0-9]+' | head -n1
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(psql "$PG/postgres" -Atc 'select version()' | cut -d, -f1)"
for round in $(seq 1 "$ROUNDS"); do
    off=$(switchboard_w4 off)
    on=$(switchboard_w4 on)
    tps=$(pgbench_shape)
    echo "round $round: group commit off: $off | on: $on | pgbench, same statements, $CLIENTS clients: $tps tx/s"
done
