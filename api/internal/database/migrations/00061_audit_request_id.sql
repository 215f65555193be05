-- +goose Up
-- The request id in the audit log is the API's own (24 hex digits) or a
-- client's X-Request-ID, kept only when it is 1-64 characters of
-- [A-Za-z0-9._-] (httpapi.requestIDs). Before that rule a client could
-- store any text of any length; such ids are cleared, and the column
-- holds the rule from now on.
UPDATE audit_events SET request_id = '' WHERE request_id !~ '^[A-Za-z0-9._-]{0,64}$';
ALTER TABLE audit_events ADD CONSTRAINT audit_events_request_id_check
    CHECK (request_id ~ '^[A-Za-z0-9._-]{0,64}$');

-- +goose Down
ALTER TABLE audit_events DROP CONSTRAINT audit_events_request_id_check;
