# Switchboard: one static-ish binary (SQLite and libpq are compiled in) on Debian slim.
#   docker build -t switchboard .
#   docker run -p 5001:5001 -v switchboard-data:/data switchboard
FROM rust:1-bookworm AS build
RUN apt-get update \
    && apt-get install -y --no-install-recommends pkg-config libssl-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY Cargo.toml Cargo.lock build.rs diesel.toml ./
COPY macros macros
COPY src src
COPY migrations migrations
COPY web web
# The web app serves the npm client's realtime module as js/realtime.js (see build.rs).
COPY clients/js/src/realtime.js clients/js/src/realtime.js
# Declared in Cargo.toml, so cargo wants it present even though it is not built here.
COPY benches benches
RUN cargo build --release --locked --bin switchboard \
    && strip target/release/switchboard

FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends libssl3 ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /data --shell /usr/sbin/nologin switchboard \
    && mkdir -p /data \
    && chown switchboard:switchboard /data
COPY --from=build /src/target/release/switchboard /usr/local/bin/switchboard
USER switchboard
WORKDIR /data
ENV HOST=0.0.0.0 \
    PORT=5001 \
    DATABASE_URL=/data/switchboard.db \
    RUST_LOG=info
VOLUME ["/data"]
EXPOSE 5001
HEALTHCHECK --interval=10s --timeout=6s --start-period=10s --retries=3 \
    CMD ["switchboard", "healthcheck"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["switchboard"]
CMD ["serve"]
