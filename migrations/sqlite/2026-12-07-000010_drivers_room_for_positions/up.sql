-- PostgreSQL's drivers keep room on each page for their positions' updates (fillfactor); SQLite
-- has no such setting, and rewrites a row in place. Kept so both backends share one history.
SELECT 1;
