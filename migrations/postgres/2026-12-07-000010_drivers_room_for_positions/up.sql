-- A fleet moves every driver every few seconds: each position rewrites the driver's row. Half of
-- each page is kept free so the new version fits beside the old one (a HOT update: no new entry
-- in the table's indexes, the old version pruned when the page is next read). Packed full, as
-- by default, three updates in ten in W7 (docs/benchmarks.md, issue 25) found no room and
-- added an entry to every index, so reading a group's drivers by key slowed as the index grew.
-- Pages written from now on keep the room; those already written keep theirs until rewritten.
ALTER TABLE drivers SET (fillfactor = 50);
