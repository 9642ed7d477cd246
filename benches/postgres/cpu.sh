# Sourced by the PostgreSQL benches: the CPU time processes have used.

# CPU time (ms) the given processes have used so far, with that of their children that ended
# (a PostgreSQL backend that exits is counted in the postmaster's).
cpu_ms() {
    local ticks=0 pid
    for pid in "$@"; do
        [ -r "/proc/$pid/stat" ] || continue
        ticks=$((ticks + $(awk '{print $14 + $15 + $16 + $17}' "/proc/$pid/stat")))
    done
    echo $((ticks * 1000 / $(getconf CLK_TCK)))
}

postgres_pids() { pgrep -u postgres -d ' ' postgres || true; }
