package budget

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"gorm.io/gorm"

	"kulttuurisilta/api/internal/costsplit"
	"kulttuurisilta/api/internal/database"
)

// The split's materialised totals (ADR 0130). cost_totals holds, per
// agreement, month, category and unit, the sum of the entries' per-entry
// allocations. A budget write does not touch it: it INSERTs its change
// (the entries' parts, split here by costsplit) into cost_total_deltas in
// the same transaction, so concurrent writers share no row. A fold moves
// an agreement's deltas into cost_totals in one statement; readers add the
// deltas not yet folded. Writes to costs by anything else mark the
// agreement stale (a trigger), and so does a change of the shares; the
// next report, or the share change itself once committed, rebuilds the
// agreement set-based (splitsql.go) without blocking writers.

// totalsKey is one row of cost_totals within an agreement.
type totalsKey struct {
	month string // YYYY-MM-01
	cat   string
	unit  uuid.UUID // uuid.Nil: no unit
}

// totalsRow is a change to one row.
type totalsRow struct {
	entries int64
	amount  int64
	parts   []int64
}

// totals collects per-entry allocations by row before they are written.
type totals struct {
	a         Agreement
	catShares map[string][]int
	buf       []int64
	override  []int
	rows      map[totalsKey]*totalsRow
	order     []totalsKey
}

func newTotals(a Agreement) *totals {
	t := &totals{a: a, catShares: map[string][]int{}, buf: make([]int64, len(a.Departments)),
		override: make([]int, len(a.Departments)), rows: map[totalsKey]*totalsRow{}}
	for _, c := range Categories {
		t.catShares[c], _ = a.sharesFor(c, nil)
	}
	return t
}

// add splits an entry with the one rule and adds its parts to its row,
// or subtracts them (sign -1) for an entry removed or changed.
func (t *totals) add(c Cost, sign int64) error {
	shares := t.catShares[c.Category]
	if len(c.ShareOverride) > 0 {
		if len(c.ShareOverride) != len(t.override) {
			return fmt.Errorf("budget: cost %s has %d shares for %d departments", c.ID, len(c.ShareOverride), len(t.override))
		}
		for i, s := range c.ShareOverride {
			t.override[i] = int(s)
		}
		shares = t.override
	}
	if err := costsplit.SplitInto(t.buf, c.AmountCents, shares); err != nil {
		return fmt.Errorf("budget: split of cost %s: %w", c.ID, err)
	}
	k := totalsKey{month: monthOf(c.IncurredOn).String(), cat: c.Category}
	if c.UnitID != nil {
		k.unit = *c.UnitID
	}
	r := t.rows[k]
	if r == nil {
		r = &totalsRow{parts: make([]int64, len(t.buf))}
		t.rows[k] = r
		t.order = append(t.order, k)
	}
	r.entries += sign
	r.amount += sign * c.AmountCents
	for i, p := range t.buf {
		r.parts[i] += sign * p
	}
	return nil
}

// totalsChunk bounds the rows written by one statement.
const totalsChunk = 5000

// foldEvery: a write folds its agreement's deltas after commit when one of
// the delta ids it wrote is a multiple of this (about every 64th write).
const foldEvery = 64

// insertDeltas appends a write's deltas and, in the same statement, tells
// the costs triggers that this transaction keeps the totals itself (a
// transaction-local setting): the budget store's writes of costs are not
// marked stale. It runs before the write of the costs it is for.
var insertDeltas = `WITH maintained AS MATERIALIZED (
SELECT set_config('kulttuurisilta.cost_totals', 'maintained', true)
), i AS (
INSERT INTO cost_total_deltas (agreement_id, month, category, unit_id, entries, amount_cents, parts)
SELECT ?, x.m, x.c, NULLIF(x.u, '')::uuid, x.e, x.a, (?::bigint[])[(x.o - 1) * ? + 1 : x.o * ?]
FROM unnest(?::date[], ?::text[], ?::text[], ?::int[], ?::bigint[]) WITH ORDINALITY AS x(m, c, u, e, a, o), maintained
RETURNING id)
SELECT coalesce(bool_or(id % ` + strconv.Itoa(foldEvery) + ` = 0), false) FROM i`

// insertDelta is insertDeltas for one row.
var insertDelta = `INSERT INTO cost_total_deltas (agreement_id, month, category, unit_id, entries, amount_cents, parts)
SELECT ?, ?::date, ?, ?::uuid, ?, ?, ?::bigint[] FROM (SELECT set_config('kulttuurisilta.cost_totals', 'maintained', true)) AS maintained
RETURNING id % ` + strconv.Itoa(foldEvery) + ` = 0`

// write appends the collected changes to cost_total_deltas. It reports
// whether a fold is due.
func (t *totals) write(tx *gorm.DB) (bool, error) {
	n := len(t.a.Departments)
	due := false
	for start := 0; start < len(t.order); start += totalsChunk {
		keys := t.order[start:min(start+totalsChunk, len(t.order))]
		var (
			m, c, u []string
			e       database.Array[int64]
			amt     database.Array[int64]
			parts   = make(database.Array[int64], 0, len(keys)*n)
		)
		for _, k := range keys {
			r := t.rows[k]
			if r.entries == 0 && r.amount == 0 && allZero(r.parts) {
				continue // e.g. a cost changed only in its description
			}
			m, c = append(m, k.month), append(c, k.cat)
			if k.unit == uuid.Nil {
				u = append(u, "")
			} else {
				u = append(u, k.unit.String())
			}
			e, amt = append(e, r.entries), append(amt, r.amount)
			parts = append(parts, r.parts...)
		}
		if len(m) == 0 {
			continue
		}
		var d bool
		var err error
		if len(m) == 1 { // one row, as most writes are: plain values, a statement quick to plan
			var unit *string
			if u[0] != "" {
				unit = &u[0]
			}
			err = tx.Raw(insertDelta, t.a.ID, m[0], c[0], unit, e[0], amt[0], parts).Scan(&d).Error
		} else {
			err = tx.Raw(insertDeltas, t.a.ID, parts, n, n, database.Array[string](m), database.Array[string](c),
				database.Array[string](u), e, amt).Scan(&d).Error
		}
		if err != nil {
			return false, fmt.Errorf("budget: write cost totals: %w", err)
		}
		due = due || d
	}
	return due, nil
}

func allZero(v []int64) bool {
	for _, x := range v {
		if x != 0 {
			return false
		}
	}
	return true
}

// applyTotals adds the parts of the entries added and subtracts those of
// the entries removed (a changed entry is both: old removed, new added) as
// deltas. Call it before writing the costs (see insertDeltas). It reports
// whether a fold is due once the transaction commits.
func (s Store) applyTotals(tx *gorm.DB, a Agreement, removed, added []Cost) (bool, error) {
	if s.noTotals {
		return false, nil
	}
	t := newTotals(a)
	for _, c := range removed {
		if err := t.add(c, -1); err != nil {
			return false, err
		}
	}
	for _, c := range added {
		if err := t.add(c, 1); err != nil {
			return false, err
		}
	}
	return t.write(tx)
}

// totalsLock is the advisory lock (transaction-level) that folds and
// rebuilds of one agreement take; writers never take it.
const totalsLock = `hashtextextended('kulttuurisilta.cost_totals:' || $1::text, 0)`

// foldDeltas moves every delta the statement sees into cost_totals (added
// up per row) and deletes them, in one statement; deltas committed while
// it runs stay for the next fold.
const foldDeltas = `WITH d AS MATERIALIZED (
    DELETE FROM cost_total_deltas WHERE agreement_id = $1
    RETURNING month, category, unit_id, entries, amount_cents, parts
), t AS (
    SELECT month, category, unit_id, sum(entries) AS entries, sum(amount_cents) AS amount_cents FROM d GROUP BY 1, 2, 3
), p AS (
    SELECT month, category, unit_id, array_agg(x ORDER BY i) AS parts
    FROM (SELECT month, category, unit_id, u.i, sum(u.x)::bigint AS x
          FROM d, unnest(d.parts) WITH ORDINALITY AS u(x, i) GROUP BY 1, 2, 3, 4) s
    GROUP BY 1, 2, 3
)
INSERT INTO cost_totals AS c (agreement_id, month, category, unit_id, entries, amount_cents, parts)
SELECT $1, t.month, t.category, t.unit_id, t.entries, t.amount_cents, p.parts
FROM t JOIN p ON p.month = t.month AND p.category = t.category AND p.unit_id IS NOT DISTINCT FROM t.unit_id
ON CONFLICT (agreement_id, month, category, unit_id) DO UPDATE
SET entries = c.entries + excluded.entries, amount_cents = c.amount_cents + excluded.amount_cents,
    parts = budget_parts_add(c.parts, excluded.parts)`

// Fold moves an agreement's deltas into its totals, unless another fold or
// a rebuild of it is running (then that one will). Writers are not
// blocked: they only insert deltas.
func (s Store) Fold(ctx context.Context, agreementID uuid.UUID) error {
	return database.WithConn(ctx, s.DB, func(c *pgx.Conn) error {
		return pgx.BeginFunc(ctx, c, func(tx pgx.Tx) error {
			var ok bool
			if err := tx.QueryRow(ctx, `SELECT pg_try_advisory_xact_lock(`+totalsLock+`)`, agreementID).Scan(&ok); err != nil || !ok {
				return err
			}
			if _, err := tx.Exec(ctx, foldDeltas, agreementID); err != nil {
				return fmt.Errorf("budget: fold cost totals: %w", err)
			}
			_, err := tx.Exec(ctx, `DELETE FROM cost_totals WHERE agreement_id = $1 AND entries = 0`, agreementID)
			return err
		})
	})
}

// foldAfter runs the fold a committed write made due. A failed fold costs
// nothing but read time (the deltas stay), so it is logged, not returned.
func (s Store) foldAfter(ctx context.Context, due bool, agreementID uuid.UUID) {
	if !due {
		return
	}
	if err := s.Fold(context.WithoutCancel(ctx), agreementID); err != nil {
		slog.WarnContext(ctx, "budget: fold of cost totals failed; the next one retries", "agreement_id", agreementID, "error", err)
	}
}

// errRetry ends one attempt of a rebuild or a report that must start
// again on a newer snapshot.
var errRetry = errors.New("budget: retry on a newer snapshot")

// retryable reports whether an attempt failed only because of concurrency.
func retryable(err error) bool {
	var pe *pgconn.PgError
	return errors.Is(err, errRetry) || (errors.As(err, &pe) && (pe.Code == "40001" || pe.Code == "40P01"))
}

// maxAttempts bounds the retries of a rebuild or a report.
const maxAttempts = 8

// splitSettings are set for the statements of one split: no JIT
// (measured: its compilation cost more than it saved at 1M entries) and
// memory for the hash aggregate of a large agreement. (Every statement is
// planned for its actual range: database.Open.)
const splitSettings = `SELECT set_config('jit', 'off', true), set_config('work_mem', '64MB', true)`

// Rebuild recomputes an agreement's totals from its entries with the
// set-based split, if it is stale (or always, with force). It runs in one
// REPEATABLE READ transaction holding only the agreement's totals lock, so
// cost writes go on meanwhile: the deltas it sees are replaced by the
// entries they came from, the ones committed after its snapshot stay. A
// change of the shares or a bulk load committed after its snapshot makes
// its removal of the stale mark fail to serialise, and it runs again.
func (s Store) Rebuild(ctx context.Context, agreementID uuid.UUID, force bool) error {
	var err error
	for range maxAttempts {
		if err = s.rebuildOnce(ctx, agreementID, force); !retryable(err) {
			return err
		}
	}
	return fmt.Errorf("budget: rebuild of %s: %w", agreementID, err)
}

func (s Store) rebuildOnce(ctx context.Context, agreementID uuid.UUID, force bool) error {
	a, err := loadAgreement(s.DB.WithContext(ctx), agreementID, lockNone)
	if err != nil {
		return err
	}
	return database.WithConn(ctx, s.DB, func(c *pgx.Conn) error {
		tx, err := c.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead})
		if err != nil {
			return err
		}
		defer func() { _ = tx.Rollback(context.WithoutCancel(ctx)) }()
		var locked bool // the snapshot is taken by this first statement
		if err := tx.QueryRow(ctx, `SELECT pg_try_advisory_xact_lock(`+totalsLock+`)`, a.ID).Scan(&locked); err != nil {
			return err
		}
		if !locked {
			// Another rebuild or a fold: wait for it, then start over on a newer snapshot.
			_ = tx.Rollback(ctx)
			if _, err := c.Exec(ctx, `SELECT pg_advisory_lock(`+totalsLock+`), pg_advisory_unlock(`+totalsLock+`)`, a.ID); err != nil {
				return err
			}
			return errRetry
		}
		var version int
		var marks *int64
		if err := tx.QueryRow(ctx, `SELECT a.version, s.marks FROM agreements a LEFT JOIN cost_totals_stale s ON s.agreement_id = a.id
			WHERE a.id = $1`, a.ID).Scan(&version, &marks); err != nil {
			return err
		}
		if version != a.Version {
			return errRetry // the agreement changed since it was read
		}
		if marks == nil && !force {
			return nil // rebuilt meanwhile
		}
		// The totals are derived data: should the server crash before the
		// commit reaches the disk, the stale mark is back with the old
		// totals, and the next report rebuilds. So the commit need not wait
		// for the WAL flush (ADR 0190).
		if _, err := tx.Exec(ctx, splitSettings+`, set_config('synchronous_commit', 'off', true)`); err != nil {
			return err
		}
		sp, err := newSplitter(ctx, tx, a)
		if err != nil {
			return err
		}
		sums, err := sp.run(ctx, tx, a.StartsOn, a.EndsOn, nil)
		if err != nil {
			return err
		}
		if err := writeTotals(ctx, tx, sp, sums); err != nil {
			return err
		}
		if marks != nil {
			if _, err := tx.Exec(ctx, `DELETE FROM cost_totals_stale WHERE agreement_id = $1 AND marks = $2`, a.ID, *marks); err != nil {
				return err
			}
		}
		return tx.Commit(ctx)
	})
}

// writeTotals replaces an agreement's totals and deltas by the split's sums.
func writeTotals(ctx context.Context, tx pgx.Tx, sp *splitter, sums map[splitKey]*splitSum) error {
	if _, err := tx.Exec(ctx, `DELETE FROM cost_totals WHERE agreement_id = $1`, sp.a.ID); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `DELETE FROM cost_total_deltas WHERE agreement_id = $1`, sp.a.ID); err != nil {
		return err
	}
	n := len(sp.a.Departments)
	var (
		months []time.Time
		cats   []string
		units  []*uuid.UUID
		e, amt []int64
		parts  = make([]int64, 0, len(sums)*n)
	)
	for k, r := range sums {
		if r.entries == 0 {
			continue
		}
		months = append(months, sp.monthDate(k.month).Time)
		cats = append(cats, Categories[k.cat])
		if k.unit == uuid.Nil {
			units = append(units, nil)
		} else {
			u := k.unit
			units = append(units, &u)
		}
		e, amt = append(e, r.entries), append(amt, r.amount)
		parts = append(parts, r.parts...)
	}
	if len(months) == 0 {
		return nil
	}
	_, err := tx.Exec(ctx, `INSERT INTO cost_totals (agreement_id, month, category, unit_id, entries, amount_cents, parts)
		SELECT $1, x.m, x.c, x.u, x.e, x.a, ($2::bigint[])[(x.o - 1) * $3 + 1 : x.o * $3]
		FROM unnest($4::date[], $5::text[], $6::uuid[], $7::bigint[], $8::bigint[]) WITH ORDINALITY AS x(m, c, u, e, a, o)`,
		sp.a.ID, parts, n, months, cats, units, e, amt)
	if err != nil {
		return fmt.Errorf("budget: write cost totals: %w", err)
	}
	return nil
}

// markStale marks an agreement's totals stale in tx: the next report (or a
// Rebuild) recomputes them from the entries.
func markStale(tx *gorm.DB, id uuid.UUID) error {
	return tx.Exec(`INSERT INTO cost_totals_stale AS s (agreement_id) VALUES (?)
		ON CONFLICT (agreement_id) DO UPDATE SET marks = s.marks + 1`, id).Error
}

// refreshTotals rebuilds an agreement's totals if they are stale: its
// shares changed, or its costs were written outside the budget store.
func (s Store) refreshTotals(ctx context.Context, id uuid.UUID) error {
	var stale bool
	if err := s.DB.WithContext(ctx).Raw(`SELECT EXISTS (SELECT 1 FROM cost_totals_stale WHERE agreement_id = ?)`, id).
		Scan(&stale).Error; err != nil {
		return err
	}
	if !stale {
		return nil
	}
	return s.Rebuild(ctx, id, false)
}
