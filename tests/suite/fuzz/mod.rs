//! A deterministic fuzz of every write endpoint and of /ws.
//!
//! REST: every POST, PATCH and DELETE route the OpenAPI document lists (collections, `{id}`
//! paths with ids that exist and ids that do not, and the domain actions) gets random and
//! malformed bodies built from the route's own request schema: truncated JSON, wrong types for
//! each known field, huge numbers, floats for integers, negative money, unknown fields, nested
//! junk, deep nesting, very long strings, invalid UTF-8, empty bodies, wrong Content-Types and
//! valid bodies. No answer may be a 5xx; every 4xx is the JSON error shape; and nothing is
//! half-written: the event log grows by exactly the number of 2xx writes, and every record's
//! `version` is what the successful changes made it.
//!
//! /ws: random and malformed frames (bad JSON, unknown types, wrong field types, random topics,
//! huge topic lists, odd `since` values, binary and fragmented frames, oversized frames); every
//! answer is an ack, a pong, an event or an error frame, and the session stays usable unless
//! it is closed with a documented close code.
//!
//! Deterministic: a seeded xorshift64* drives everything. `FUZZ_SEED` and `FUZZ_CASES` override
//! the seed and the number of REST cases (the /ws fuzz runs a third as many); a failure prints
//! the seed to rerun it with.

mod bodies;
mod model;
mod rest;
mod rng;
mod schemas;
mod ws;
