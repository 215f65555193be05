package budget

import (
	"context"
	"fmt"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"kulttuurisilta/api/internal/costsplit"
	"kulttuurisilta/api/internal/database"
)

// cost_day_totals holds, per agreement, day, category and unit, the sum of
// the entries' per-entry allocations (ADR 0035). Every budget write that
// creates, changes or deletes entries adds its entries' parts (split here
// by costsplit, the one rule) in the same transaction; a change of the
// shares rebuilds the agreement's rows. Writes to costs by anything else
// mark the agreement stale (a trigger), and the next report rebuilds it.

// maintainTotals tells the costs triggers that this transaction keeps
// cost_day_totals up to date itself. Call it before writing costs.
func maintainTotals(tx *gorm.DB) error {
	return tx.Exec(`SELECT set_config('kulttuurisilta.cost_totals', 'maintained', true)`).Error
}

// totalsKey is one row of cost_day_totals within an agreement.
type totalsKey struct {
	day  string // YYYY-MM-DD
	cat  string
	unit uuid.UUID // uuid.Nil: no unit
}

// totalsRow is a change to (or the content of) one row.
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
	k := totalsKey{day: c.IncurredOn.String(), cat: c.Category}
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

const upsertTotals = `INSERT INTO cost_day_totals AS t (agreement_id, incurred_on, category, unit_id, entries, amount_cents, parts)
SELECT ?, x.d, x.c, NULLIF(x.u, '')::uuid, x.e, x.a, (?::bigint[])[(x.o - 1) * ? + 1 : x.o * ?]
FROM unnest(?::date[], ?::text[], ?::text[], ?::int[], ?::bigint[]) WITH ORDINALITY AS x(d, c, u, e, a, o)
ON CONFLICT (agreement_id, incurred_on, category, unit_id) DO UPDATE
SET entries = t.entries + excluded.entries, amount_cents = t.amount_cents + excluded.amount_cents,
    parts = budget_parts_add(t.parts, excluded.parts)`

// write adds the collected changes to cost_day_totals and removes the rows
// left without entries.
func (t *totals) write(tx *gorm.DB) error {
	n := len(t.a.Departments)
	var days []string
	for start := 0; start < len(t.order); start += totalsChunk {
		keys := t.order[start:min(start+totalsChunk, len(t.order))]
		var (
			d, c, u []string
			e       database.Array[int64]
			amt     database.Array[int64]
			parts   = make(database.Array[int64], 0, len(keys)*n)
		)
		for _, k := range keys {
			r := t.rows[k]
			if r.entries == 0 && r.amount == 0 && allZero(r.parts) {
				continue // e.g. a cost changed only in its description
			}
			d, c = append(d, k.day), append(c, k.cat)
			if k.unit == uuid.Nil {
				u = append(u, "")
			} else {
				u = append(u, k.unit.String())
			}
			e, amt = append(e, r.entries), append(amt, r.amount)
			parts = append(parts, r.parts...)
			if r.entries < 0 {
				days = append(days, k.day)
			}
		}
		if len(d) == 0 {
			continue
		}
		if err := tx.Exec(upsertTotals, t.a.ID, parts, n, n, database.Array[string](d), database.Array[string](c), database.Array[string](u), e, amt).Error; err != nil {
			return fmt.Errorf("budget: write cost totals: %w", err)
		}
	}
	if len(days) > 0 {
		if err := tx.Exec(`DELETE FROM cost_day_totals WHERE agreement_id = ? AND incurred_on = ANY (?::date[]) AND entries = 0`,
			t.a.ID, database.Array[string](days)).Error; err != nil {
			return fmt.Errorf("budget: write cost totals: %w", err)
		}
	}
	return nil
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
// the entries removed (a changed entry is both: old removed, new added).
func applyTotals(tx *gorm.DB, a Agreement, removed, added []Cost) error {
	t := newTotals(a)
	for _, c := range removed {
		if err := t.add(c, -1); err != nil {
			return err
		}
	}
	for _, c := range added {
		if err := t.add(c, 1); err != nil {
			return err
		}
	}
	return t.write(tx)
}

// rebuildTotals recomputes an agreement's cost_day_totals from its
// entries, splitting each with costsplit. The caller holds the agreement
// FOR UPDATE, so no budget write runs meanwhile.
func rebuildTotals(tx *gorm.DB, a Agreement) error {
	if err := tx.Exec(`SET LOCAL statement_timeout = 0`).Error; err != nil {
		return err
	}
	if err := tx.Exec(`DELETE FROM cost_day_totals WHERE agreement_id = ?`, a.ID).Error; err != nil {
		return err
	}
	if err := tx.Exec(`DELETE FROM cost_totals_stale WHERE agreement_id = ?`, a.ID).Error; err != nil {
		return err
	}
	rows, err := tx.Raw(`SELECT incurred_on, amount_cents, category, unit_id, share_override FROM costs WHERE agreement_id = ?`, a.ID).Rows()
	if err != nil {
		return err
	}
	defer rows.Close()
	t := newTotals(a)
	var c Cost
	for rows.Next() {
		c.UnitID, c.ShareOverride = nil, nil
		if err := rows.Scan(&c.IncurredOn, &c.AmountCents, &c.Category, &c.UnitID, &c.ShareOverride); err != nil {
			return err
		}
		if err := t.add(c, 1); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	rows.Close()
	return t.write(tx)
}

// refreshTotals rebuilds an agreement's totals if its costs were written
// outside the budget store (or before the totals existed).
func (s Store) refreshTotals(ctx context.Context, id uuid.UUID) error {
	var stale bool
	if err := s.DB.WithContext(ctx).Raw(`SELECT EXISTS (SELECT 1 FROM cost_totals_stale WHERE agreement_id = ?)`, id).
		Scan(&stale).Error; err != nil {
		return err
	}
	if !stale {
		return nil
	}
	return database.Tx(ctx, s.DB, func(tx *gorm.DB) error {
		a, err := loadAgreement(tx, id, lockUpdate)
		if err != nil {
			return err
		}
		var still bool
		if err := tx.Raw(`SELECT EXISTS (SELECT 1 FROM cost_totals_stale WHERE agreement_id = ?)`, id).Scan(&still).Error; err != nil {
			return err
		}
		if !still {
			return nil // rebuilt by a concurrent report
		}
		return rebuildTotals(tx, a)
	})
}
