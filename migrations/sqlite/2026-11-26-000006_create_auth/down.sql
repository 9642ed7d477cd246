ALTER TABLE events DROP COLUMN scope;
DROP TABLE ws_tickets;
DROP TABLE web_sessions;
DROP TABLE api_tokens;
