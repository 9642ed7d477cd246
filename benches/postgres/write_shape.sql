-- One REST create of a customer as Switchboard runs it on PostgreSQL, one transaction per write
-- (`--group-commit off`): the statements its log shows, in order, with the same values' sizes.
-- The write commits without waiting for its flush; one round trip after it makes the WAL durable
-- through it (a transaction that writes a logical-decoding message commits with a flush) and then
-- sends the NOTIFY, in a transaction of its own that waits for nothing (`event_log::Announce`).
-- Run by benches/postgres/writes.sh: pgbench -n -f write_shape.sql on a migrated database.
\set n random(1, 2000000000)
BEGIN;
LOCK TABLE customers IN ROW EXCLUSIVE MODE;
UPDATE log_head SET seq = seq RETURNING seq + 1 AS s, set_config('lock_timeout', '200', true) AS lock_timeout, set_config('synchronous_commit', 'off', true) AS synchronous_commit \gset
INSERT INTO customers (name, email, phone, address, notes, created_at, updated_at)
    VALUES ('Bench customer', 'pgbench-' || :client_id || '-' || :n || '@example.com', DEFAULT, DEFAULT, DEFAULT, now(), now())
    RETURNING id AS cid, name, email, phone, address, segment, notes, created_at, updated_at, version \gset
UPDATE log_head SET seq = :s;
INSERT INTO events (seq, event_type, topics, frame, created_at, scope, facets)
    VALUES (:s, 'customer_created', 'customers customers:' || :cid,
            '{"type":"customer_created","entity":"customers","id":' || :cid || ',"seq":' || :s || ',"data":{"id":' || :cid || ',"name":"Bench customer","email":"pgbench@example.com","phone":null,"address":null,"segment":"new","notes":null,"created_at":"2026-12-06T10:03:11.557828Z","updated_at":"2026-12-06T10:03:11.557828Z","version":1},"invalidate":[["customers"],["customer",' || :cid || '],["dashboard"]],"by":{"token_id":1,"name":"bench","role":"admin"}}',
            now(), '', '[{"id":' || :cid || ',"after":[["segment","new"]]}]');
INSERT INTO audit (at, collection, record_id, action, seq, token_id, token_name, role, changes)
    VALUES (now(), 'customers', :cid, 'customer_created', :s, 1, 'bench', 'admin',
            '{"name":[null,"Bench customer"],"email":[null,"pgbench@example.com"],"segment":[null,"new"],"version":[null,1]}');
COMMIT;
BEGIN \; SELECT pg_logical_emit_message(true, 'switchboard', '') \; COMMIT \; NOTIFY switchboard_events, '1:1:1';
