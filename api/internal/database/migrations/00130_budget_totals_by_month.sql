-- +goose Up
-- The split's materialised totals by month, category and unit, written as
-- delta rows that are folded later, and rebuilt set-based (ADR 0130).
--
-- cost_day_totals (ADR 0035) had nearly one row per entry on real data (a
-- day, category and unit rarely holds two entries), so rebuilding it cost as
-- much as the entries themselves, and every cost write upserted a shared day
-- row and, through its trigger, the month's one cost_month_totals row: the
-- hot row that 50 concurrent writers queued on. Now:
--   * cost_totals holds, per agreement, month, category and unit, the sum of
--     the entries' per-entry allocations (at most months x 6 x (units + 1)
--     rows, whatever the number of entries);
--   * a cost write only INSERTs its change into cost_total_deltas (no row is
--     shared between writers); a fold later moves the deltas into
--     cost_totals in one statement; readers add the deltas not yet folded;
--   * cost_month_totals (ADR 0046) is kept by the same statement triggers,
--     now on cost_totals, so only folds and rebuilds touch it.
-- Every row is still a sum of per-entry allocations: nothing is ever split
-- here. The application rebuilds every agreement from its entries on the
-- next report (each marked stale below).

DROP TABLE cost_day_totals; -- with its triggers
DROP FUNCTION cost_month_totals_apply();
DELETE FROM cost_month_totals;

CREATE TABLE cost_totals (
    agreement_id  uuid NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
    month         date NOT NULL CHECK (month = date_trunc('month', month)::date),
    category      text NOT NULL CHECK (category IN ('salary', 'performer_fee', 'travel', 'materials', 'venue', 'other')),
    -- NULL: entries without a unit. Derived data, so no foreign key.
    unit_id       uuid,
    -- No CHECK (entries >= 0): the fold's proposed row carries a change.
    entries       bigint NOT NULL,
    amount_cents  bigint NOT NULL,
    -- The departments' parts, aligned with the agreement's department
    -- positions; they add up exactly to amount_cents.
    parts         bigint[] NOT NULL CHECK (cardinality(parts) BETWEEN 1 AND 64 AND array_position(parts, NULL) IS NULL),
    CONSTRAINT cost_totals_parts_sum CHECK (budget_parts_sum(parts) = amount_cents)
);
CREATE UNIQUE INDEX cost_totals_key ON cost_totals (agreement_id, month, category, unit_id) NULLS NOT DISTINCT;

-- A cost write's change to the totals, not yet folded into cost_totals:
-- +1 entry and its parts for a new entry, -1 and the negated parts for a
-- removed one (an edit is both). Append-only for writers.
CREATE TABLE cost_total_deltas (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    agreement_id  uuid NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
    month         date NOT NULL CHECK (month = date_trunc('month', month)::date),
    category      text NOT NULL CHECK (category IN ('salary', 'performer_fee', 'travel', 'materials', 'venue', 'other')),
    unit_id       uuid,
    entries       integer NOT NULL,
    amount_cents  bigint NOT NULL,
    parts         bigint[] NOT NULL CHECK (cardinality(parts) BETWEEN 1 AND 64 AND array_position(parts, NULL) IS NULL),
    CONSTRAINT cost_total_deltas_parts_sum CHECK (budget_parts_sum(parts) = amount_cents)
);
CREATE INDEX cost_total_deltas_agreement_idx ON cost_total_deltas (agreement_id, month);

-- cost_month_totals follows cost_totals (as it followed the day rows).
-- +goose StatementBegin
CREATE FUNCTION cost_month_totals_apply() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    src text;
BEGIN
    -- The change as signed rows: the new images added, the old ones taken away.
    src := CASE TG_OP
        WHEN 'INSERT' THEN 'SELECT 1 AS sign, * FROM new_rows'
        WHEN 'DELETE' THEN 'SELECT -1 AS sign, * FROM old_rows'
        ELSE 'SELECT -1 AS sign, * FROM old_rows UNION ALL SELECT 1, * FROM new_rows' END;
    EXECUTE format($q$
    WITH d AS MATERIALIZED (
        SELECT agreement_id, month, sign, entries, amount_cents, parts FROM (%s) c
    ), t AS (
        SELECT agreement_id, month, sum(sign * entries) AS entries, sum(sign * amount_cents) AS amount_cents
        FROM d GROUP BY 1, 2
    ), p AS (
        SELECT agreement_id, month, array_agg(x ORDER BY i) AS parts
        FROM (SELECT agreement_id, month, u.i, sum(sign * u.x)::bigint AS x
              FROM d, unnest(parts) WITH ORDINALITY AS u(x, i) GROUP BY 1, 2, 3) s
        GROUP BY 1, 2
    )
    INSERT INTO cost_month_totals AS m (agreement_id, month, entries, amount_cents, parts)
    SELECT t.agreement_id, t.month, t.entries, t.amount_cents, p.parts
    FROM t JOIN p USING (agreement_id, month)
    ON CONFLICT (agreement_id, month) DO UPDATE
    SET entries = m.entries + excluded.entries, amount_cents = m.amount_cents + excluded.amount_cents,
        parts = budget_parts_add(m.parts, excluded.parts)
    $q$, src);
    -- Months left without entries go (a second statement: it must see the first one's rows).
    EXECUTE format($q$
    DELETE FROM cost_month_totals m
    WHERE m.entries = 0 AND (m.agreement_id, m.month) IN (SELECT agreement_id, month FROM (%s) c)
    $q$, src);
    RETURN NULL;
END $$;
-- +goose StatementEnd
CREATE TRIGGER cost_totals_month_insert AFTER INSERT ON cost_totals
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION cost_month_totals_apply();
CREATE TRIGGER cost_totals_month_update AFTER UPDATE ON cost_totals
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION cost_month_totals_apply();
CREATE TRIGGER cost_totals_month_delete AFTER DELETE ON cost_totals
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION cost_month_totals_apply();
CREATE TRIGGER cost_totals_month_truncate AFTER TRUNCATE ON cost_totals
    FOR EACH STATEMENT EXECUTE FUNCTION cost_month_totals_truncate();

-- A stale mark counts the writes that made it, so a rebuild that started
-- before a later mark can tell (its removal of the mark then fails to
-- serialise and it runs again).
ALTER TABLE cost_totals_stale ADD COLUMN marks bigint NOT NULL DEFAULT 1;

-- +goose StatementBegin
CREATE OR REPLACE FUNCTION cost_totals_mark_stale() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF coalesce(current_setting('kulttuurisilta.cost_totals', true), '') = 'maintained' THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
        INSERT INTO cost_totals_stale AS s (agreement_id)
        SELECT DISTINCT agreement_id FROM new_rows
        ON CONFLICT (agreement_id) DO UPDATE SET marks = s.marks + 1;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO cost_totals_stale AS s (agreement_id)
        SELECT DISTINCT agreement_id FROM old_rows
        ON CONFLICT (agreement_id) DO UPDATE SET marks = s.marks + 1;
    ELSE
        -- Only changes of what the split depends on (not, say, activity_id
        -- set to NULL when an activity is deleted).
        INSERT INTO cost_totals_stale AS s (agreement_id)
        SELECT DISTINCT x.agreement_id
        FROM new_rows n JOIN old_rows o ON o.id = n.id,
             LATERAL (VALUES (n.agreement_id), (o.agreement_id)) AS x(agreement_id)
        WHERE (n.agreement_id, n.incurred_on, n.amount_cents, n.category, n.unit_id, n.share_override)
              IS DISTINCT FROM (o.agreement_id, o.incurred_on, o.amount_cents, o.category, o.unit_id, o.share_override)
        ON CONFLICT (agreement_id) DO UPDATE SET marks = s.marks + 1;
    END IF;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION cost_totals_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM cost_totals;
    DELETE FROM cost_total_deltas;
    DELETE FROM cost_totals_stale;
    RETURN NULL;
END $$;
-- +goose StatementEnd

-- The entries with a share override: their distinct overrides are found by
-- a loose index scan (the set-based split builds one lookup table per share
-- vector), and they are split from the index alone (they are few, and
-- scattered over the table).
CREATE INDEX costs_override_idx ON costs (agreement_id, share_override) INCLUDE (incurred_on, category, unit_id, amount_cents)
    WHERE share_override IS NOT NULL;

-- Every agreement with entries is rebuilt from them on its next report.
INSERT INTO cost_totals_stale AS s (agreement_id) SELECT DISTINCT agreement_id FROM costs
ON CONFLICT (agreement_id) DO UPDATE SET marks = s.marks + 1;

-- +goose Down
DROP INDEX costs_override_idx;
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION cost_totals_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM cost_day_totals;
    DELETE FROM cost_totals_stale;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION cost_totals_mark_stale() RETURNS trigger LANGUAGE plpgsql AS $$
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
ALTER TABLE cost_totals_stale DROP COLUMN marks;
DROP TABLE cost_total_deltas;
DROP TABLE cost_totals; -- with its triggers
DROP FUNCTION cost_month_totals_apply();
DELETE FROM cost_month_totals;

CREATE TABLE cost_day_totals (
    agreement_id  uuid NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
    incurred_on   date NOT NULL,
    category      text NOT NULL CHECK (category IN ('salary', 'performer_fee', 'travel', 'materials', 'venue', 'other')),
    unit_id       uuid,
    entries       integer NOT NULL,
    amount_cents  bigint NOT NULL,
    parts         bigint[] NOT NULL CHECK (cardinality(parts) BETWEEN 1 AND 64 AND array_position(parts, NULL) IS NULL),
    CONSTRAINT cost_day_totals_parts_sum CHECK (budget_parts_sum(parts) = amount_cents)
);
CREATE UNIQUE INDEX cost_day_totals_key ON cost_day_totals (agreement_id, incurred_on, category, unit_id) NULLS NOT DISTINCT;
-- +goose StatementBegin
CREATE FUNCTION cost_month_totals_apply() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    src text;
BEGIN
    src := CASE TG_OP
        WHEN 'INSERT' THEN 'SELECT 1 AS sign, * FROM new_rows'
        WHEN 'DELETE' THEN 'SELECT -1 AS sign, * FROM old_rows'
        ELSE 'SELECT -1 AS sign, * FROM old_rows UNION ALL SELECT 1, * FROM new_rows' END;
    EXECUTE format($q$
    WITH d AS MATERIALIZED (
        SELECT agreement_id, date_trunc('month', incurred_on)::date AS month, sign, entries, amount_cents, parts
        FROM (%s) c
    ), t AS (
        SELECT agreement_id, month, sum(sign * entries) AS entries, sum(sign * amount_cents) AS amount_cents
        FROM d GROUP BY 1, 2
    ), p AS (
        SELECT agreement_id, month, array_agg(x ORDER BY i) AS parts
        FROM (SELECT agreement_id, month, u.i, sum(sign * u.x)::bigint AS x
              FROM d, unnest(parts) WITH ORDINALITY AS u(x, i) GROUP BY 1, 2, 3) s
        GROUP BY 1, 2
    )
    INSERT INTO cost_month_totals AS m (agreement_id, month, entries, amount_cents, parts)
    SELECT t.agreement_id, t.month, t.entries, t.amount_cents, p.parts
    FROM t JOIN p USING (agreement_id, month)
    ON CONFLICT (agreement_id, month) DO UPDATE
    SET entries = m.entries + excluded.entries, amount_cents = m.amount_cents + excluded.amount_cents,
        parts = budget_parts_add(m.parts, excluded.parts)
    $q$, src);
    EXECUTE format($q$
    DELETE FROM cost_month_totals m
    WHERE m.entries = 0 AND (m.agreement_id, m.month) IN
        (SELECT agreement_id, date_trunc('month', incurred_on)::date FROM (%s) c)
    $q$, src);
    RETURN NULL;
END $$;
-- +goose StatementEnd
CREATE TRIGGER cost_day_totals_month_insert AFTER INSERT ON cost_day_totals
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION cost_month_totals_apply();
CREATE TRIGGER cost_day_totals_month_update AFTER UPDATE ON cost_day_totals
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION cost_month_totals_apply();
CREATE TRIGGER cost_day_totals_month_delete AFTER DELETE ON cost_day_totals
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION cost_month_totals_apply();
CREATE TRIGGER cost_day_totals_month_truncate AFTER TRUNCATE ON cost_day_totals
    FOR EACH STATEMENT EXECUTE FUNCTION cost_month_totals_truncate();
INSERT INTO cost_totals_stale (agreement_id) SELECT DISTINCT agreement_id FROM costs ON CONFLICT DO NOTHING;
