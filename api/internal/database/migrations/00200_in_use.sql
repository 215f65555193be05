-- Rows in use (ADR 0200): referenced_rows holds (referred, id) exactly while
-- another row refers to row id of table referred (departments, units,
-- committees, agreements, partners or series) through a foreign key that
-- refuses its delete (ON DELETE RESTRICT or NO ACTION): while it is there,
-- the row's delete is a 409 and its allowed_actions leave delete out. The
-- database keeps it in the transaction that changes the references, so a
-- list page asks one index for its rows (database.InUse) instead of probing
-- every referring table for each row.
--
-- For each such foreign key (referring table s, column c, referred table t):
--   INSERT into s    once per statement (transition table): in_use_hold(t,
--                    the ids referred to): the entries are inserted if
--                    missing and held (FOR KEY SHARE) until commit. Nothing
--                    is written when they are there: no hot row however often
--                    s is written (a cost entry), only the row lock a
--                    foreign key takes on its row too.
--   DELETE from s    in_use_recheck_<t>(the ids that lost a reference):
--                    their entries are locked (FOR UPDATE, in id order), then
--                    those with no reference left are deleted.
--   UPDATE of c      row by row (rare): both of those.
--   TRUNCATE of s    recheck every entry of t.
--
-- Why this is exact under concurrency (READ COMMITTED, every writer here):
-- a transaction adding a reference holds its entry FOR KEY SHARE until it
-- commits; one removing a reference locks the entry FOR UPDATE first, so it
-- waits for such a writer, and looks for references left in a statement of
-- its own (a new snapshot): it sees that writer's committed reference. If
-- the remover locked first and deleted the entry, the adder's lock finds it
-- gone and inserts it again (in_use_hold loops until every entry is held);
-- the insert itself waits for the remover's commit. A writer at a higher
-- isolation level would look at an older snapshot: removing refuses to run
-- there. The entries live in their own table, not as a column of the
-- referred rows: a cost writer holds its agreement FOR SHARE, and two first
-- writers of a new agreement would deadlock setting a flag in its row.

-- +goose Up
CREATE TABLE referenced_rows (
    id       uuid NOT NULL,
    referred text NOT NULL CHECK (referred IN ('departments', 'units', 'committees', 'agreements', 'partners', 'series')),
    PRIMARY KEY (id, referred)
);

-- +goose StatementBegin
CREATE FUNCTION in_use_hold(tbl text, ids uuid[]) RETURNS void LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan AS $$
DECLARE
    held int;
BEGIN
    IF ids IS NULL OR cardinality(ids) = 0 THEN
        RETURN;
    END IF;
    LOOP
        INSERT INTO referenced_rows (id, referred) SELECT x, tbl FROM unnest(ids) x ORDER BY x ON CONFLICT DO NOTHING;
        SELECT count(*) INTO held FROM (SELECT FROM referenced_rows r WHERE r.referred = tbl AND r.id = ANY (ids)
                                        ORDER BY r.id FOR KEY SHARE) l;
        EXIT WHEN held = cardinality(ids);
    END LOOP;
END
$$;
-- +goose StatementEnd

-- The foreign keys that refuse a delete of those six tables' rows, each by
-- the column that holds the referred row's id (a key may be composite: a
-- committee's member refers to its committee and the committee's unit).
-- +goose StatementBegin
CREATE FUNCTION pg_temp.in_use_references() RETURNS TABLE (referred text, s text, c text) LANGUAGE sql AS $$
    SELECT k.confrelid::regclass::text, k.conrelid::regclass::text, a.attname::text
    FROM pg_constraint k JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = ANY (k.conkey)
    JOIN pg_attribute ra ON ra.attrelid = k.confrelid AND ra.attnum = k.confkey[array_position(k.conkey, a.attnum)]
    WHERE k.contype = 'f' AND k.confdeltype IN ('r', 'a') AND ra.attname = 'id'
      AND k.confrelid IN ('departments'::regclass, 'units'::regclass, 'committees'::regclass,
                          'agreements'::regclass, 'partners'::regclass, 'series'::regclass)
$$;
-- +goose StatementEnd

-- +goose StatementBegin
DO $migration$
DECLARE
    t text;
    r record;
    probes text;
BEGIN
    FOREACH t IN ARRAY ARRAY['departments', 'units', 'committees', 'agreements', 'partners', 'series'] LOOP
        SELECT string_agg(format('EXISTS (SELECT FROM %I x WHERE x.%I = e.id)', s, c), ' OR ' ORDER BY s, c)
        INTO probes FROM pg_temp.in_use_references() WHERE referred = t;
        -- in_use_recheck_<t>(ids): delete the entries of those of ids nothing refers to any more.
        EXECUTE format($f$
            CREATE FUNCTION %1$I(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $body$
            BEGIN
                IF ids IS NULL OR cardinality(ids) = 0 THEN
                    RETURN;
                END IF;
                IF current_setting('transaction_isolation') <> 'read committed' THEN
                    RAISE EXCEPTION 'referenced_rows of %2$s is kept under READ COMMITTED only: removing a reference under %% would miss concurrent ones',
                        current_setting('transaction_isolation');
                END IF;
                PERFORM FROM referenced_rows e WHERE e.referred = %2$L AND e.id = ANY (ids) ORDER BY e.id FOR UPDATE;
                DELETE FROM referenced_rows e WHERE e.referred = %2$L AND e.id = ANY (ids) AND NOT (%3$s);
            END
            $body$$f$, 'in_use_recheck_' || t, t, probes);
        EXECUTE format('INSERT INTO referenced_rows (id, referred) SELECT e.id, %L FROM %I e WHERE %s', t, t, probes);
    END LOOP;

    FOR r IN SELECT * FROM pg_temp.in_use_references() LOOP
        EXECUTE format($f$
            CREATE FUNCTION %1$I() RETURNS trigger LANGUAGE plpgsql AS $body$
            BEGIN
                IF TG_OP = 'INSERT' THEN
                    PERFORM in_use_hold(%2$L, ARRAY(SELECT DISTINCT %4$I FROM new_rows WHERE %4$I IS NOT NULL));
                ELSIF TG_OP = 'DELETE' THEN
                    PERFORM %5$I(ARRAY(SELECT DISTINCT %4$I FROM old_rows WHERE %4$I IS NOT NULL));
                ELSIF TG_OP = 'UPDATE' THEN
                    IF NEW.%4$I IS NOT NULL THEN
                        PERFORM in_use_hold(%2$L, ARRAY[NEW.%4$I]);
                    END IF;
                    IF OLD.%4$I IS NOT NULL THEN
                        PERFORM %5$I(ARRAY[OLD.%4$I]);
                    END IF;
                ELSE -- TRUNCATE
                    PERFORM %5$I(ARRAY(SELECT id FROM referenced_rows WHERE referred = %2$L));
                END IF;
                RETURN NULL;
            END
            $body$$f$, 'in_use_' || r.s || '_' || r.c, r.referred, r.s, r.c, 'in_use_recheck_' || r.referred);
        EXECUTE format('CREATE TRIGGER %1$I AFTER INSERT ON %2$I REFERENCING NEW TABLE AS new_rows
            FOR EACH STATEMENT EXECUTE FUNCTION %3$I()', 'in_use_' || r.c || '_insert', r.s, 'in_use_' || r.s || '_' || r.c);
        EXECUTE format('CREATE TRIGGER %1$I AFTER DELETE ON %2$I REFERENCING OLD TABLE AS old_rows
            FOR EACH STATEMENT EXECUTE FUNCTION %3$I()', 'in_use_' || r.c || '_delete', r.s, 'in_use_' || r.s || '_' || r.c);
        EXECUTE format('CREATE TRIGGER %1$I AFTER UPDATE OF %4$I ON %2$I
            FOR EACH ROW WHEN (OLD.%4$I IS DISTINCT FROM NEW.%4$I) EXECUTE FUNCTION %3$I()',
            'in_use_' || r.c || '_update', r.s, 'in_use_' || r.s || '_' || r.c, r.c);
        EXECUTE format('CREATE TRIGGER %1$I AFTER TRUNCATE ON %2$I
            FOR EACH STATEMENT EXECUTE FUNCTION %3$I()', 'in_use_' || r.c || '_truncate', r.s, 'in_use_' || r.s || '_' || r.c);
    END LOOP;
END
$migration$;
-- +goose StatementEnd
DROP FUNCTION pg_temp.in_use_references();

-- +goose Down
-- +goose StatementBegin
DO $migration$
DECLARE
    f text;
BEGIN
    FOR f IN SELECT p.oid::regprocedure::text FROM pg_proc p
             WHERE p.proname LIKE 'in\_use\_%' AND p.pronamespace = 'public'::regnamespace LOOP
        EXECUTE 'DROP FUNCTION ' || f || ' CASCADE'; -- with its triggers
    END LOOP;
END
$migration$;
-- +goose StatementEnd
DROP TABLE referenced_rows;
