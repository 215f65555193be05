package budget_test

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strings"
	"testing"

	"kulttuurisilta/api/internal/apitest"
)

// TestCostListSort: GET /costs?sort= orders by day incurred (oldest first
// by default), newest first, newest entered first, by amount or in the
// order of changes (the default of a sync with updated_since), ties
// broken by id so that pages never overlap or skip; a bad order is a 400
// naming sort with the code invalid_choice.
func TestCostListSort(t *testing.T) {
	t.Parallel()
	f := newFixture(t, 5000)
	env := f.env
	type entry struct {
		id, day string
		cents   int64
		n       int // creation order
	}
	var entries []entry
	for i, e := range []struct {
		day   string
		cents int64
	}{{"2025-03-05", 300}, {"2025-01-10", -50}, {"2025-03-05", 300}, {"2025-02-01", 1000}, {"2025-01-10", 20}, {"2025-03-05", -50}} {
		entries = append(entries, entry{id: f.cost(e.day, e.cents, "other", nil), day: e.day, cents: e.cents, n: i})
	}
	order := func(less func(a, b entry) int) []string {
		s := slices.Clone(entries)
		sort.SliceStable(s, func(i, j int) bool { return less(s[i], s[j]) < 0 })
		ids := make([]string, len(s))
		for i, e := range s {
			ids[i] = e.id
		}
		return ids
	}
	asc := func(key func(e entry) string) func(a, b entry) int {
		return func(a, b entry) int {
			if c := strings.Compare(key(a), key(b)); c != 0 {
				return c
			}
			return strings.Compare(a.id, b.id)
		}
	}
	desc := func(key func(e entry) string) func(a, b entry) int {
		return func(a, b entry) int { return -asc(key)(a, b) }
	}
	byDay := func(e entry) string { return e.day }
	byCreated := func(e entry) string { return fmt.Sprintf("%03d", e.n) }
	byAmount := func(e entry) string { return fmt.Sprintf("%020d", e.cents+1_000_000_000_000) }
	tests := []struct {
		sort string
		want []string
	}{
		{"", order(asc(byDay))},
		{"incurred_on", order(asc(byDay))},
		{"-incurred_on", order(desc(byDay))},
		{"-created_at", order(desc(byCreated))},
		{"amount_cents", order(asc(byAmount))},
		{"-amount_cents", order(desc(byAmount))},
		{"updated_at", order(asc(byCreated))}, // each entered once, so changed in the order entered
	}
	ids := func(items []costItem) []string {
		out := make([]string, len(items))
		for i, c := range items {
			out[i] = c.ID
		}
		return out
	}
	for _, tc := range tests {
		if got := ids(f.costs("&sort=" + tc.sort)); !slices.Equal(got, tc.want) {
			t.Errorf("sort=%q: %v\nwant %v", tc.sort, got, tc.want)
		}
		// Pages of two add up to the whole order: ties never reorder.
		var paged []string
		for offset := 0; offset < len(entries); offset += 2 {
			var page struct {
				Items []costItem `json:"items"`
			}
			env.Get(fmt.Sprintf("/api/v1/costs?agreement_id=%s&sort=%s&limit=2&offset=%d", f.agreement, tc.sort, offset), f.producer).
				Expect(http.StatusOK).JSON(&page)
			paged = append(paged, ids(page.Items)...)
		}
		if !slices.Equal(paged, tc.want) {
			t.Errorf("sort=%q paged: %v\nwant %v", tc.sort, paged, tc.want)
		}
	}
	// A sync (updated_since) without a sort reads the changes in the order they were made; with one, in it.
	if got, want := ids(f.costs("&updated_since=2000-01-01T00:00:00Z")), order(asc(byCreated)); !slices.Equal(got, want) {
		t.Errorf("updated_since: %v\nwant %v", got, want)
	}
	if got, want := ids(f.costs("&updated_since=2000-01-01T00:00:00Z&sort=-amount_cents")), order(desc(byAmount)); !slices.Equal(got, want) {
		t.Errorf("updated_since, sort=-amount_cents: %v\nwant %v", got, want)
	}
	// With a filter: only February and March, largest first.
	got := ids(f.costs("&from=2025-02-01&sort=-amount_cents"))
	want := slices.DeleteFunc(order(desc(byAmount)), func(id string) bool {
		i := slices.IndexFunc(entries, func(e entry) bool { return e.id == id })
		return entries[i].day < "2025-02-01"
	})
	if len(want) != 4 {
		t.Fatalf("filtered want %v", want)
	}
	if !slices.Equal(got, want) {
		t.Errorf("filtered: %v\nwant %v", got, want)
	}
	// A bad order is a 400 naming sort; hostile strings too.
	bad := []string{"id", "-id", "created_at", "amount", "INCURRED_ON", "incurred_on,id", " incurred_on"}
	bad = append(bad, apitest.InjectionStrings...)
	for _, s := range bad {
		r := env.Get("/api/v1/costs?sort="+url.QueryEscape(s), f.producer)
		r.Problem(http.StatusBadRequest, "bad-request")
		var p struct {
			Errors []struct{ Field, Code string } `json:"errors"`
		}
		r.JSON(&p)
		// A value that is not plain text (a NUL byte) is refused before
		// the choice is checked.
		want := "invalid_choice"
		if strings.ContainsRune(s, 0) {
			want = "invalid_format"
		}
		if len(p.Errors) != 1 || p.Errors[0].Field != "sort" || p.Errors[0].Code != want {
			t.Errorf("sort=%q: %s", s[:min(len(s), 20)], r.Body)
		}
	}
}
