package budget_test

import (
	"fmt"
	"net/http"
	"testing"
)

// TestStoreWritesKeepTheTotals: the budget store's writes keep the totals
// themselves (their deltas, in the same transaction), so the costs trigger
// does not mark the agreement stale (which would make the next report
// rebuild it): one delta row (a create, a delete), several (an update that
// moves an entry to another category, an import). A write in SQL, which
// keeps no totals, is marked.
func TestStoreWritesKeepTheTotals(t *testing.T) {
	t.Parallel()
	f := newFixture(t, 5000)
	marks := func() (stale, deltas int64) {
		t.Helper()
		if err := f.env.DB.Raw(`SELECT (SELECT count(*) FROM cost_totals_stale WHERE agreement_id = ?),
			(SELECT count(*) FROM cost_total_deltas WHERE agreement_id = ?)`, f.agreement, f.agreement).Row().Scan(&stale, &deltas); err != nil {
			t.Fatal(err)
		}
		return stale, deltas
	}
	f.split("") // rebuilds whatever the agreement's creation left
	id := f.cost("2025-03-04", 12345, "salary", nil)
	version := func() string {
		var v int
		f.env.DB.Raw(`SELECT version FROM costs WHERE id = ?`, id).Scan(&v)
		return fmt.Sprint(v)
	}
	tests := []struct {
		name   string
		write  func()
		marked bool
	}{
		{"a create", func() { f.cost("2025-03-05", 999, "venue", nil) }, false},
		{"an update to another category", func() {
			f.env.Patch("/api/v1/costs/"+id, f.producer, map[string]any{"category": "travel"}, version()).Expect(http.StatusOK)
		}, false},
		{"an import", func() {
			f.importCSV("incurred_on;amount;category;description\n2025-04-01;10,00;salary;a\n2025-05-01;20,00;venue;b\n", f.producer).
				Expect(http.StatusCreated)
		}, false},
		{"a delete", func() { f.env.Delete("/api/v1/costs/"+id, f.producer, version()).Expect(http.StatusOK) }, false},
		{"a write in SQL", func() {
			if err := f.env.DB.Exec(`UPDATE costs SET amount_cents = amount_cents + 1 WHERE agreement_id = ?`, f.agreement).Error; err != nil {
				t.Fatal(err)
			}
		}, true},
	}
	for _, tt := range tests {
		_, deltas0 := marks()
		tt.write()
		stale, deltas := marks()
		if (stale > 0) != tt.marked || (!tt.marked && deltas == deltas0) {
			t.Fatalf("%s: %d stale marks, deltas %d -> %d; want marked %v", tt.name, stale, deltas0, deltas, tt.marked)
		}
	}
}
