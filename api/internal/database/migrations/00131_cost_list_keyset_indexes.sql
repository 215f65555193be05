-- Keyset paging of the cost list (ADR 0131): an index per sort of GET /costs,
-- each ending in id, so that a page after a cursor is a range scan from the
-- cursor and the first page reads only its rows (no sort of every entry).
-- With an agreement the list reads costs_agreement_incurred_id_idx, which
-- also serves every reader of costs_agreement_incurred_idx (a prefix of it).

-- +goose Up
CREATE INDEX costs_incurred_on_id_idx ON costs (incurred_on, id);
CREATE INDEX costs_created_at_id_idx ON costs (created_at, id);
CREATE INDEX costs_amount_id_idx ON costs (amount_cents, id);
CREATE INDEX costs_agreement_incurred_id_idx ON costs (agreement_id, incurred_on, id);
DROP INDEX costs_agreement_incurred_idx;

-- +goose Down
CREATE INDEX costs_agreement_incurred_idx ON costs (agreement_id, incurred_on);
DROP INDEX costs_agreement_incurred_id_idx;
DROP INDEX costs_amount_id_idx;
DROP INDEX costs_created_at_id_idx;
DROP INDEX costs_incurred_on_id_idx;
