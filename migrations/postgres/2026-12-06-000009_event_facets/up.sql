-- The values of each changed record's subscribable fields before and after the change (JSON),
-- which filtered topics (orders?status=pending) are matched against, live and on replay.
ALTER TABLE events ADD COLUMN facets TEXT NOT NULL DEFAULT '';
