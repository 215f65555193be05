-- +goose Up
-- Materialised per-entry allocations, added up per agreement, day, category
-- and unit (ADR 0035). Each entry's parts are computed by package costsplit
-- (the one definition of the rule) when the entry is written, and added to
-- its row here in the same transaction; the split report reads these rows
-- instead of re-splitting every entry. Reports still add up per-entry
-- allocations: a row is the sum of its entries' parts, never a split total.

-- Element-wise sum of two part vectors of the same length.
CREATE FUNCTION budget_parts_add(a bigint[], b bigint[]) RETURNS bigint[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT array_agg(x + y ORDER BY i) FROM unnest(a, b) WITH ORDINALITY AS t(x, y, i) $$;

-- Sum of a part vector (numeric: cannot overflow).
CREATE FUNCTION budget_parts_sum(p bigint[]) RETURNS numeric
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT coalesce(sum(x), 0) FROM unnest(p) AS x $$;

CREATE TABLE cost_day_totals (
    agreement_id  uuid NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
    incurred_on   date NOT NULL,
    category      text NOT NULL CHECK (category IN ('salary', 'performer_fee', 'travel', 'materials', 'venue', 'other')),
    -- NULL: entries without a unit. Derived data, so no foreign key: a row
    -- exists only while it has entries, and those entries hold the unit.
    unit_id       uuid,
    -- No CHECK (entries >= 0): the upsert's proposed row carries a change
    -- (negative when entries are removed) and is checked before it merges.
    entries       integer NOT NULL,
    amount_cents  bigint NOT NULL,
    -- The departments' parts, aligned with the agreement's department
    -- positions; they add up exactly to amount_cents.
    parts         bigint[] NOT NULL CHECK (cardinality(parts) BETWEEN 1 AND 64 AND array_position(parts, NULL) IS NULL),
    CONSTRAINT cost_day_totals_parts_sum CHECK (budget_parts_sum(parts) = amount_cents)
);
CREATE UNIQUE INDEX cost_day_totals_key ON cost_day_totals (agreement_id, incurred_on, category, unit_id) NULLS NOT DISTINCT;

-- Agreements whose cost_day_totals must be rebuilt from their entries
-- before the next report: costs written by anything but the budget store
-- (SQL, COPY by `seed --scale`), and every agreement with entries when
-- this migration runs. The rebuild splits each entry with costsplit.
CREATE TABLE cost_totals_stale (
    agreement_id  uuid PRIMARY KEY REFERENCES agreements (id) ON DELETE CASCADE,
    since         timestamptz NOT NULL DEFAULT now()
);

-- The budget store maintains cost_day_totals itself and says so with the
-- transaction-local setting kulttuurisilta.cost_totals = 'maintained';
-- any other write to costs marks its agreements stale.
-- +goose StatementBegin
CREATE FUNCTION cost_totals_mark_stale() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF coalesce(current_setting('kulttuurisilta.cost_totals', true), '') = 'maintained' THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
        INSERT INTO cost_totals_stale (agreement_id)
        SELECT DISTINCT agreement_id FROM new_rows ON CONFLICT DO NOTHING;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO cost_totals_stale (agreement_id)
        SELECT DISTINCT agreement_id FROM old_rows ON CONFLICT DO NOTHING;
    ELSE
        -- Only changes of what the split depends on (not, say, activity_id
        -- set to NULL when an activity is deleted).
        INSERT INTO cost_totals_stale (agreement_id)
        SELECT DISTINCT x.agreement_id
        FROM new_rows n JOIN old_rows o ON o.id = n.id,
             LATERAL (VALUES (n.agreement_id), (o.agreement_id)) AS x(agreement_id)
        WHERE (n.agreement_id, n.incurred_on, n.amount_cents, n.category, n.unit_id, n.share_override)
              IS DISTINCT FROM (o.agreement_id, o.incurred_on, o.amount_cents, o.category, o.unit_id, o.share_override)
        ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END $$;
-- +goose StatementEnd
CREATE TRIGGER costs_totals_insert AFTER INSERT ON costs
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION cost_totals_mark_stale();
CREATE TRIGGER costs_totals_update AFTER UPDATE ON costs
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION cost_totals_mark_stale();
CREATE TRIGGER costs_totals_delete AFTER DELETE ON costs
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION cost_totals_mark_stale();

-- +goose StatementBegin
CREATE FUNCTION cost_totals_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM cost_day_totals;
    DELETE FROM cost_totals_stale;
    RETURN NULL;
END $$;
-- +goose StatementEnd
CREATE TRIGGER costs_totals_truncate AFTER TRUNCATE ON costs
    FOR EACH STATEMENT EXECUTE FUNCTION cost_totals_truncate();

-- Existing entries: rebuilt by the application on the next report.
INSERT INTO cost_totals_stale (agreement_id) SELECT DISTINCT agreement_id FROM costs;

-- +goose Down
DROP TRIGGER costs_totals_truncate ON costs;
DROP FUNCTION cost_totals_truncate();
DROP TRIGGER costs_totals_delete ON costs;
DROP TRIGGER costs_totals_update ON costs;
DROP TRIGGER costs_totals_insert ON costs;
DROP FUNCTION cost_totals_mark_stale();
DROP TABLE cost_totals_stale;
DROP TABLE cost_day_totals;
DROP FUNCTION budget_parts_sum(bigint[]);
DROP FUNCTION budget_parts_add(bigint[], bigint[]);
