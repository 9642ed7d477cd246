CREATE TABLE log_head (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    seq BIGINT NOT NULL
);
INSERT INTO log_head (id, seq) VALUES (1, 0);
CREATE TABLE events (
    seq BIGINT PRIMARY KEY,
    event_type TEXT NOT NULL,
    topics TEXT NOT NULL,
    frame TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX events_created_at ON events (created_at);
