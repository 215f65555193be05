-- +goose Up
-- cost_day_totals added up per agreement and month (ADR 0046), so the split
-- report's "used" figure (the agreement's start through "to") reads one row
-- per earlier month instead of every (day, category, unit) row since the
-- agreement began. A month row is the sum of its day rows, which are sums of
-- per-entry allocations: nothing is split here. Statement-level triggers on
-- cost_day_totals keep it exact for every write to that table (the budget
-- store's upserts and deletes, a rebuild, a cascade, the costs TRUNCATE
-- trigger), in the same transaction.
CREATE TABLE cost_month_totals (
    -- No foreign key: derived data, removed with its day rows (which cascade
    -- from agreements) by the trigger below.
    agreement_id  uuid NOT NULL,
    month         date NOT NULL CHECK (month = date_trunc('month', month)::date),
    -- No CHECK (entries >= 0): the upsert's proposed row carries a change.
    entries       bigint NOT NULL,
    amount_cents  bigint NOT NULL,
    parts         bigint[] NOT NULL CHECK (cardinality(parts) BETWEEN 1 AND 64 AND array_position(parts, NULL) IS NULL),
    CONSTRAINT cost_month_totals_parts_sum CHECK (budget_parts_sum(parts) = amount_cents),
    PRIMARY KEY (agreement_id, month)
);

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
    -- Months left without entries go (a second statement: it must see the first one's rows).
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

-- +goose StatementBegin
CREATE FUNCTION cost_month_totals_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM cost_month_totals;
    RETURN NULL;
END $$;
-- +goose StatementEnd
CREATE TRIGGER cost_day_totals_month_truncate AFTER TRUNCATE ON cost_day_totals
    FOR EACH STATEMENT EXECUTE FUNCTION cost_month_totals_truncate();

-- The months of the day rows that exist now.
INSERT INTO cost_month_totals (agreement_id, month, entries, amount_cents, parts)
SELECT t.agreement_id, t.month, t.entries, t.amount_cents, p.parts
FROM (SELECT agreement_id, date_trunc('month', incurred_on)::date AS month, sum(entries) AS entries,
             sum(amount_cents) AS amount_cents
      FROM cost_day_totals GROUP BY 1, 2) t
JOIN (SELECT agreement_id, month, array_agg(x ORDER BY i) AS parts
      FROM (SELECT agreement_id, date_trunc('month', incurred_on)::date AS month, u.i, sum(u.x) AS x
            FROM cost_day_totals, unnest(parts) WITH ORDINALITY AS u(x, i) GROUP BY 1, 2, 3) s
      GROUP BY 1, 2) p USING (agreement_id, month);

-- +goose Down
DROP TRIGGER cost_day_totals_month_truncate ON cost_day_totals;
DROP FUNCTION cost_month_totals_truncate();
DROP TRIGGER cost_day_totals_month_delete ON cost_day_totals;
DROP TRIGGER cost_day_totals_month_update ON cost_day_totals;
DROP TRIGGER cost_day_totals_month_insert ON cost_day_totals;
DROP FUNCTION cost_month_totals_apply();
DROP TABLE cost_month_totals;
