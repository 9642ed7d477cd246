-- The audit trail: who changed which record, when, and each field before and after. Written in
-- the transaction of the change, never broadcast, kept apart from the event log's pruning.
-- No AUTOINCREMENT: it costs every write an update of sqlite_sequence, and the pruning always
-- keeps the newest entry, so an id is never given twice anyway.
CREATE TABLE audit (
    id INTEGER PRIMARY KEY,
    at TIMESTAMP NOT NULL,
    collection TEXT NOT NULL,
    record_id BIGINT NOT NULL,
    action TEXT NOT NULL,
    seq BIGINT,
    token_id BIGINT NOT NULL,
    token_name TEXT NOT NULL,
    role TEXT NOT NULL,
    changes TEXT NOT NULL
);
CREATE INDEX audit_record ON audit (collection, record_id, id);
CREATE INDEX audit_token ON audit (token_id, id);
