package budget_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"gorm.io/gorm"

	"kulttuurisilta/api/internal/database"
	"kulttuurisilta/api/internal/database/dbtest"
)

// TestMonthTotalsFollowCostTotals holds cost_month_totals (migration 00046) to the month sums of
// cost_totals (the rows by month, category and unit that replaced the day rows, ADR 0130) after random
// statements on them: multi-row upserts that add and take away, updates, deletes of some rows and of a
// whole agreement (cascade), and TRUNCATE; no month row may be left without entries. (It was
// TestMonthTotalsFollowDayTotals while the fine rows were per day.)
func TestMonthTotalsFollowCostTotals(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	r := rand.New(rand.NewPCG(46, 1))
	var agreements []string
	for i := range 3 {
		id := database.NewID().String()
		agreements = append(agreements, id)
		if err := db.Exec(`INSERT INTO agreements (id, name, starts_on, ends_on) VALUES (?, ?, '2025-01-01', '2026-12-31')`,
			id, fmt.Sprint("month totals ", i, " ", id)).Error; err != nil {
			t.Fatal(err)
		}
	}
	check := func(step string) {
		t.Helper()
		checkMonthTotals(t, db, step)
	}
	exec := func(q string, args ...any) {
		t.Helper()
		if err := db.Exec(q, args...).Error; err != nil {
			t.Fatal(err)
		}
	}
	const onConflict = ` ON CONFLICT (agreement_id, month, category, unit_id) DO UPDATE SET entries = t.entries + excluded.entries,
		amount_cents = t.amount_cents + excluded.amount_cents, parts = budget_parts_add(t.parts, excluded.parts)`
	add := func() {
		// One statement of 1..40 new entries of one agreement (3 departments), as the store writes them.
		ag := agreements[r.IntN(len(agreements))]
		q := `INSERT INTO cost_totals AS t (agreement_id, month, category, unit_id, entries, amount_cents, parts) VALUES `
		seen := map[string]bool{}
		for range 1 + r.IntN(40) {
			month := fmt.Sprintf("%d-%02d-01", 2025+r.IntN(2), 1+r.IntN(12))
			cat := []string{"salary", "travel", "other"}[r.IntN(3)]
			unit := []string{"NULL", "'01900000-0000-7000-8000-000000000001'", "'01900000-0000-7000-8000-000000000002'"}[r.IntN(3)]
			if seen[month+cat+unit] {
				continue
			}
			if len(seen) > 0 {
				q += ", "
			}
			seen[month+cat+unit] = true
			p := [3]int64{int64(r.IntN(1000)), int64(r.IntN(1000)), int64(r.IntN(1000) - 100)}
			q += fmt.Sprintf(`('%s', '%s', '%s', %s, 1, %d, '{%d,%d,%d}')`, ag, month, cat, unit, p[0]+p[1]+p[2], p[0], p[1], p[2])
		}
		exec(q + onConflict)
	}
	remove := func() {
		// Take away, in one upsert, a whole row or all but one of its entries (with all their parts but the
		// first department's), then delete the rows left without entries, as the store does.
		exec(`INSERT INTO cost_totals AS t (agreement_id, month, category, unit_id, entries, amount_cents, parts)
			SELECT agreement_id, month, category, unit_id,
			       CASE WHEN entries > 1 THEN 1 - entries ELSE -entries END,
			       CASE WHEN entries > 1 THEN parts[1] - amount_cents ELSE -amount_cents END,
			       CASE WHEN entries > 1 THEN ARRAY[0, -parts[2], -parts[3]] ELSE ARRAY[-parts[1], -parts[2], -parts[3]] END
			FROM cost_totals WHERE random() < 0.3` + onConflict)
		exec(`DELETE FROM cost_totals WHERE entries = 0`)
	}
	for step := range 60 {
		switch k := r.IntN(10); {
		case k < 5:
			add()
		case k < 7:
			remove()
		case k < 8:
			// Move some rows to the next month in one UPDATE.
			if err := db.Exec(`UPDATE cost_totals SET month = (month + interval '1 month')::date
				WHERE month < '2026-12-01' AND category = 'travel'
				AND NOT EXISTS (SELECT 1 FROM cost_totals o WHERE o.agreement_id = cost_totals.agreement_id
					AND o.month = (cost_totals.month + interval '1 month')::date AND o.category = 'travel'
					AND o.unit_id IS NOT DISTINCT FROM cost_totals.unit_id)`).Error; err != nil {
				t.Fatal(err)
			}
		case k < 9:
			if err := db.Exec(`DELETE FROM cost_totals WHERE month BETWEEN ? AND ?`,
				fmt.Sprintf("2025-%02d-01", 1+r.IntN(12)), fmt.Sprintf("2025-%02d-01", 1+r.IntN(12))).Error; err != nil {
				t.Fatal(err)
			}
		default:
			if r.IntN(2) == 0 {
				if err := db.Exec(`DELETE FROM agreements WHERE id = ?`, agreements[0]).Error; err != nil {
					t.Fatal(err)
				}
				id := database.NewID().String()
				if err := db.Exec(`INSERT INTO agreements (id, name, starts_on, ends_on) VALUES (?, ?, '2025-01-01', '2026-12-31')`,
					id, "month totals "+id).Error; err != nil {
					t.Fatal(err)
				}
				agreements[0] = id
			} else if err := db.Exec(`TRUNCATE cost_totals`).Error; err != nil {
				t.Fatal(err)
			}
		}
		check(fmt.Sprint("step ", step))
	}
}

// checkMonthTotals fails the test when a cost_month_totals row differs from the sums of its
// cost_totals rows, or is left without entries.
func checkMonthTotals(t *testing.T, db *gorm.DB, step string) {
	t.Helper()
	var bad int64
	// The month sums computed afresh from the rows by category and unit, against the incrementally kept ones.
	err := db.Raw(`WITH d AS (SELECT agreement_id, month, entries, amount_cents, parts FROM cost_totals),
		want AS (SELECT agreement_id, month, sum(entries) AS entries, sum(amount_cents) AS amount_cents,
			array_agg(x ORDER BY i) FILTER (WHERE i IS NOT NULL) AS parts
			FROM (SELECT agreement_id, month, 0 AS entries, 0 AS amount_cents, u.i, sum(u.x) AS x
			      FROM d, unnest(d.parts) WITH ORDINALITY u(x, i) GROUP BY 1, 2, 5
			      UNION ALL SELECT agreement_id, month, entries, amount_cents, NULL, NULL FROM d) s
			GROUP BY 1, 2)
		SELECT count(*) FROM want FULL JOIN cost_month_totals m USING (agreement_id, month)
		WHERE (want.entries, want.amount_cents, want.parts) IS DISTINCT FROM
		      (m.entries::numeric, m.amount_cents::numeric, m.parts::numeric[])`).
		Row().Scan(&bad)
	if err != nil {
		t.Fatalf("%s: %v", step, err)
	}
	var empty int64
	if err := db.Raw(`SELECT count(*) FROM cost_month_totals WHERE entries = 0`).Row().Scan(&empty); err != nil {
		t.Fatal(err)
	}
	if bad != 0 || empty != 0 {
		t.Fatalf("%s: %d month rows differ from the sums of their rows by category and unit, %d without entries", step, bad, empty)
	}
}
