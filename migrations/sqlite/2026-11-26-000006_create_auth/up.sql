-- API tokens (only their SHA-256 is stored), browser sessions made from them, one-time
-- WebSocket tickets, and the driver an event concerns (for per-role filtering of events).
CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('admin', 'manager', 'dispatcher', 'accountant', 'driver')),
    driver_id BIGINT REFERENCES drivers (id) ON DELETE SET NULL,
    token_hash TEXT NOT NULL UNIQUE,
    expires_at TIMESTAMP,
    revoked_at TIMESTAMP,
    last_used_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE web_sessions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    session_hash TEXT NOT NULL UNIQUE,
    token_id BIGINT NOT NULL REFERENCES api_tokens (id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    ended_at TIMESTAMP
);

CREATE TABLE ws_tickets (
    ticket_hash TEXT PRIMARY KEY NOT NULL,
    token_id BIGINT NOT NULL REFERENCES api_tokens (id) ON DELETE CASCADE,
    session_id BIGINT REFERENCES web_sessions (id) ON DELETE CASCADE,
    expires_at TIMESTAMP NOT NULL
);

ALTER TABLE events ADD COLUMN scope TEXT NOT NULL DEFAULT '';
