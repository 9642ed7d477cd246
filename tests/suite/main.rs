//! Switchboard's test suite: one binary, one module per area, each test against a real server
//! on a real database (a fresh SQLite file, or a fresh PostgreSQL database when
//! `TEST_DATABASE_URL` is set) over real sockets. `common` is the harness they share.
//!
//! | Module | What it covers |
//! |---|---|
//! | `audit` | the audit trail: who changed what, a record's history, `by` on events, who a 412 names |
//! | `auth` | tokens, log-in, browser sessions, WebSocket tickets, revocation |
//! | `authorization` | who may do what: a literal table of every route and role |
//! | `bulk` | bulk actions: many records in one transaction, all or none, one contiguous run of events |
//! | `declared` | every collection's declared fields (walked from the catalogue) against its records, forms and limits |
//! | `catalog` | services, products, employees, budgets, expenses: CRUD and validation |
//! | `customers` | customers and their segments |
//! | `orders` | orders, their items, totals and workflow |
//! | `invoices` | invoices and the finance views |
//! | `fleet` | drivers, deliveries, transit batches and their actions |
//! | `rules` | the cross-entity rules (a delivery moves its order and its driver) |
//! | `dates` | dates and timestamps on the wire |
//! | `realtime` | the WebSocket protocol: subscribe, events, limits, slow clients |
//! | `presence` | who is on a record: presence frames, snapshots, leaving, roles, rate |
//! | `sse` | Server-Sent Events at /sse: the same frames, `Last-Event-ID`, the cut-off, auth and topics |
//! | `threads` | session threads: sessions spread over them, and a full backlog's 1013 |
//! | `cursor` | one delivery cursor per session: each event once, in order |
//! | `event_log` | the durable log: resume with `since`, resync, pruning, several instances |
//! | `outage` | the database going away and coming back |
//! | `locks` | a table locked by another PostgreSQL session: timeouts, reads and other writes go on, /readyz |
//! | `paging` | lists by offset and by keyset (`after`) |
//! | `csv_export` | lists as CSV: streamed, read back by Python, filters and scope, bounded memory |
//! | `search` | `q`: orders by number and customer, invoices by customer, deliveries by order and driver |
//! | `sorting` | `?sort=` on every list, from the catalogue's sortable fields, with keyset pages |
//! | `totals` | each list's `sums` of its money fields over every match, with its filters |
//! | `shutdown` | SIGTERM: drain, 1001, exit 0, no event lost (runs the real binary) |
//! | `scenarios` | the seed's scenarios, over REST and WebSocket |
//! | `seed_demo` | `--demo` data |
//! | `operations` | /metrics, request ids and JSON logs, check-config, backup and restore |
//! | `openapi` | the OpenAPI document against the routes the server answers |
//! | `fuzz` | random and malformed input never fails the server or half-writes |
//! | `layers` | the house: no module cycle, each module using only the layers below it (reads src/) |
//! | `hostile` | callers without a token: made-up methods, stalled bodies, guessed tokens; sub-commands that must not create a database |

mod common;

mod audit;
mod auth;
mod authorization;
mod bulk;
mod catalog;
mod csv_export;
mod cursor;
mod customers;
mod dates;
mod declared;
mod event_log;
mod filters;
mod fleet;
mod fuzz;
mod hostile;
mod invoices;
mod layers;
mod locks;
mod openapi;
mod operations;
mod orders;
mod outage;
mod paging;
mod presence;
mod realtime;
mod rules;
mod scenarios;
mod search;
mod seed_demo;
mod shutdown;
mod sorting;
mod sse;
mod threads;
mod totals;
