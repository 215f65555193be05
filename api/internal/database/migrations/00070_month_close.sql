-- +goose Up
-- The month close (issue 14, ADR 0071): account codes per category on an
-- agreement, the immutable numbered invoicing bases made when a month
-- locks, and the indexes that find a month's cost changes in the audit log.

-- An agreement's account code (for the accounting journal) per category;
-- optional, so a category may have none.
CREATE TABLE agreement_category_accounts (
    agreement_id  uuid NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
    category      text NOT NULL CHECK (category IN ('salary', 'performer_fee', 'travel', 'materials', 'venue', 'other')),
    account_code  text NOT NULL CHECK (length(btrim(account_code)) BETWEEN 1 AND 40 AND account_code !~ '[[:cntrl:]]'),
    PRIMARY KEY (agreement_id, category)
);

-- The running number of invoicing bases: one row, taken FOR UPDATE by the
-- locking transaction, so numbers have no gaps (a rolled-back lock gives
-- its number back) and never repeat.
CREATE TABLE invoicing_basis_numbers (
    singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    last       bigint NOT NULL CHECK (last >= 0)
);
INSERT INTO invoicing_basis_numbers (singleton, last) VALUES (true, 0);

-- The checksum of a basis's content: SHA-256 of its canonical jsonb text
-- in UTF-8. Declared IMMUTABLE (convert_to is only STABLE, because of the
-- encoding argument, which is fixed here) so a generated column can use it.
CREATE FUNCTION invoicing_basis_checksum(content jsonb) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT encode(sha256(convert_to(content::text, 'UTF8')), 'hex') $$;

-- An invoicing basis (laskutusperuste): what a locked month bills, frozen
-- at the lock. Revision 1 is the month's first lock; each relock after an
-- unlock adds the next revision, which corrects the previous one. The
-- content is the whole document (departments, entries with allocations,
-- approvals, lock, parties, and for a correction the difference); the PDF
-- and CSV are drawn from it. A basis never changes and is never deleted:
-- the triggers below refuse both, for every role.
CREATE TABLE invoicing_bases (
    id              uuid PRIMARY KEY,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    version         integer NOT NULL DEFAULT 1 CHECK (version = 1),
    number          bigint NOT NULL CHECK (number >= 1),
    agreement_id    uuid NOT NULL REFERENCES agreements (id) ON DELETE RESTRICT,
    period_id       uuid NOT NULL REFERENCES agreement_periods (id) ON DELETE RESTRICT,
    month           date NOT NULL CHECK (extract(day FROM month) = 1),
    revision        integer NOT NULL CHECK (revision >= 1),
    previous_id     uuid REFERENCES invoicing_bases (id) ON DELETE RESTRICT,
    total_cents     bigint NOT NULL,
    entry_count     integer NOT NULL CHECK (entry_count >= 0),
    locked_at       timestamptz NOT NULL,
    locked_by       uuid NOT NULL, -- no foreign key: the basis outlives its people; the name is in content
    content         jsonb NOT NULL CHECK (jsonb_typeof(content) = 'object'),
    -- The checksum printed on the PDF, computed by the database.
    content_sha256  text GENERATED ALWAYS AS (invoicing_basis_checksum(content)) STORED,
    CONSTRAINT invoicing_bases_number_key UNIQUE (number),
    CONSTRAINT invoicing_bases_revision_key UNIQUE (agreement_id, month, revision),
    CONSTRAINT invoicing_bases_previous CHECK ((revision = 1) = (previous_id IS NULL))
);
CREATE INDEX invoicing_bases_updated_at_idx ON invoicing_bases (updated_at);
CREATE INDEX invoicing_bases_period_idx ON invoicing_bases (period_id, revision);

-- +goose StatementBegin
CREATE FUNCTION invoicing_bases_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'invoicing bases are immutable: % on invoicing_bases is refused', TG_OP
        USING ERRCODE = 'restrict_violation',
              HINT = 'unlock the month and lock it again: that makes a correction basis';
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER invoicing_bases_no_update BEFORE UPDATE OR DELETE ON invoicing_bases
    FOR EACH ROW EXECUTE FUNCTION invoicing_bases_immutable();
CREATE TRIGGER invoicing_bases_no_truncate BEFORE TRUNCATE ON invoicing_bases
    FOR EACH STATEMENT EXECUTE FUNCTION invoicing_bases_immutable();

-- A month's cost changes in the audit log (GET .../periods/{month}/changes):
-- events of costs by agreement and month, of the new image and of the old
-- one (a cost moved between months shows in both).
CREATE INDEX audit_events_cost_after_month_idx ON audit_events
    ((after ->> 'agreement_id'), (left(after ->> 'incurred_on', 7)), created_at) WHERE entity_type = 'cost';
CREATE INDEX audit_events_cost_before_month_idx ON audit_events
    ((before ->> 'agreement_id'), (left(before ->> 'incurred_on', 7)), created_at) WHERE entity_type = 'cost';
-- The approvals of a month in the audit log (the "since my last approval").
CREATE INDEX audit_events_period_action_idx ON audit_events (entity_id, action, created_at)
    WHERE entity_type = 'agreement_period';

-- +goose Down
DROP INDEX audit_events_period_action_idx;
DROP INDEX audit_events_cost_before_month_idx;
DROP INDEX audit_events_cost_after_month_idx;
DROP TABLE invoicing_bases;
DROP FUNCTION invoicing_bases_immutable();
DROP FUNCTION invoicing_basis_checksum(jsonb);
DROP TABLE invoicing_basis_numbers;
DROP TABLE agreement_category_accounts;
