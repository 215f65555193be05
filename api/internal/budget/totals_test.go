package budget_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/apitest"
	"kulttuurisilta/api/internal/budget"
	"kulttuurisilta/api/internal/civil"
	"kulttuurisilta/api/internal/costsplit"
)

// randomShares returns k shares summing to 10000: equal splits (ties and
// leftover cents), random cuts, and zeros.
func randomShares(r *rand.Rand, k int) []int {
	out := make([]int, k)
	switch r.IntN(3) {
	case 0: // equal: every remainder ties
		for i := range out {
			out[i] = 10000 / k
		}
		out[r.IntN(k)] += 10000 % k
	case 1: // random cuts
		left := 10000
		for i := range k - 1 {
			out[i] = r.IntN(left + 1)
			left -= out[i]
		}
		out[k-1] = left
		r.Shuffle(k, func(i, j int) { out[i], out[j] = out[j], out[i] })
	default: // one department pays nothing, the rest share almost equally
		zero := r.IntN(k)
		left := 10000
		for i := range out {
			if i != zero {
				out[i] = 10000 / (k - 1)
				left -= out[i]
			}
		}
		out[(zero+1)%k] += left
	}
	return out
}

// pgInts is a PostgreSQL array literal.
func pgInts(v []int) string {
	s := make([]string, len(v))
	for i, x := range v {
		s[i] = fmt.Sprint(x)
	}
	return "{" + strings.Join(s, ",") + "}"
}

// totalsFixture is an agreement of 2..5 departments used by the property
// test of the materialised allocations.
type totalsFixture struct {
	env      *apitest.Env
	token    string
	id       string
	deps     []uuid.UUID
	units    []uuid.UUID
	defaults []int
	rules    map[string][]int
}

func (f *totalsFixture) sharesBody(shares []int) []map[string]any {
	out := make([]map[string]any, len(shares))
	for i, s := range shares {
		out[i] = map[string]any{"department_id": f.deps[i], "share_bp": s}
	}
	return out
}

func (f *totalsFixture) agreementBody(r *rand.Rand) map[string]any {
	f.defaults = randomShares(r, len(f.deps))
	deps := make([]map[string]any, len(f.deps))
	for i, d := range f.deps {
		deps[i] = map[string]any{"department_id": d, "share_bp": f.defaults[i], "budget_cents": r.Int64N(10_000_000)}
	}
	f.rules = map[string][]int{}
	rules := []map[string]any{}
	for _, c := range []string{"salary", "performer_fee", "travel", "materials", "venue", "other"} {
		if r.IntN(3) == 0 {
			f.rules[c] = randomShares(r, len(f.deps))
			rules = append(rules, map[string]any{"category": c, "shares": f.sharesBody(f.rules[c])})
		}
	}
	return map[string]any{"departments": deps, "category_rules": rules}
}

var totalsCats = []string{"salary", "performer_fee", "travel", "materials", "venue", "other"}

func (f *totalsFixture) randomAmount(r *rand.Rand) int64 {
	var a int64
	switch r.IntN(3) {
	case 0:
		a = 1 + r.Int64N(10) // a few cents: leftovers dominate
	case 1:
		a = 1 + r.Int64N(100_000)
	default:
		a = 1 + r.Int64N(1_000_000_000)
	}
	if r.IntN(4) == 0 {
		a = -a
	}
	return a
}

func randomDay(r *rand.Rand) string {
	return fmt.Sprintf("2025-%02d-%02d", 1+r.IntN(12), 1+r.IntN(28))
}

// randomCost is a cost body (unit and override at random).
func (f *totalsFixture) randomCost(r *rand.Rand) map[string]any {
	body := map[string]any{"agreement_id": f.id, "incurred_on": randomDay(r), "amount_cents": f.randomAmount(r),
		"category": totalsCats[r.IntN(6)], "description": "random cost"}
	if n := r.IntN(len(f.units) + 1); n < len(f.units) {
		body["unit_id"] = f.units[n]
	}
	if r.IntN(4) == 0 {
		body["shares"] = f.sharesBody(randomShares(r, len(f.deps)))
	}
	return body
}

type listedCost struct {
	ID          string  `json:"id"`
	IncurredOn  string  `json:"incurred_on"`
	AmountCents int64   `json:"amount_cents"`
	Category    string  `json:"category"`
	UnitID      *string `json:"unit_id"`
	Shares      []struct {
		DepartmentID uuid.UUID `json:"department_id"`
		ShareBP      int       `json:"share_bp"`
	} `json:"shares"`
	Allocations []struct {
		DepartmentID uuid.UUID `json:"department_id"`
		AmountCents  int64     `json:"amount_cents"`
	} `json:"allocations"`
}

func (f *totalsFixture) list() []listedCost {
	f.env.T.Helper()
	var all []listedCost
	for offset := 0; ; offset += 200 {
		var page struct {
			Items []listedCost `json:"items"`
			Total int          `json:"total"`
		}
		f.env.Get(fmt.Sprintf("/api/v1/costs?limit=200&offset=%d&agreement_id=%s", offset, f.id), f.token).Expect(http.StatusOK).JSON(&page)
		all = append(all, page.Items...)
		if len(all) >= page.Total || len(page.Items) == 0 {
			return all
		}
	}
}

// check compares the split report for several ranges with the sums of
// costsplit.Split over the current entries, with the shares the test
// itself knows (override, else the category rule, else the default).
func (f *totalsFixture) check(t *testing.T, r *rand.Rand, step string) {
	t.Helper()
	costs := f.list()
	n := len(f.deps)
	parts := make(map[string][]int64, len(costs))
	for _, c := range costs {
		shares := f.defaults
		if rule, ok := f.rules[c.Category]; ok {
			shares = rule
		}
		if len(c.Shares) > 0 {
			shares = make([]int, n)
			for _, s := range c.Shares {
				for i, d := range f.deps {
					if d == s.DepartmentID {
						shares[i] = s.ShareBP
					}
				}
			}
		}
		p, err := costsplit.Split(c.AmountCents, shares)
		if err != nil {
			t.Fatalf("%s: split %+v: %v", step, c, err)
		}
		for i, a := range c.Allocations {
			if a.DepartmentID != f.deps[i] || a.AmountCents != p[i] {
				t.Fatalf("%s: cost %s allocations %+v, costsplit %v", step, c.ID, c.Allocations, p)
			}
		}
		parts[c.ID] = p
	}
	ranges := [][2]string{{"2025-01-01", "2025-12-31"}}
	for range 3 {
		a, b := randomDay(r), randomDay(r)
		if b < a {
			a, b = b, a
		}
		ranges = append(ranges, [2]string{a, b})
	}
	store := budget.Store{DB: f.env.DB}
	if r.IntN(2) == 0 { // half the checks read folded totals, half unfolded deltas
		if err := store.Fold(context.Background(), uuid.MustParse(f.id)); err != nil {
			t.Fatalf("%s: fold: %v", step, err)
		}
	}
	for _, rg := range ranges {
		var got split
		f.env.Get("/api/v1/agreements/"+f.id+"/split?from="+rg[0]+"&to="+rg[1], f.token).Expect(http.StatusOK).JSON(&got)
		// The same report computed from the entries alone, every entry split set-based (ADR 0130).
		from, _ := civil.ParseDate(rg[0])
		to, _ := civil.ParseDate(rg[1])
		live, err := store.SplitLive(context.Background(), uuid.MustParse(f.id), &from, &to)
		if err != nil {
			t.Fatalf("%s: live split: %v", step, err)
		}
		if live.TotalCents != got.TotalCents || live.EntryCount != got.EntryCount || len(live.Departments) != len(got.Departments) {
			t.Fatalf("%s, range %v: live split total %d of %d entries, report %d of %d", step, rg, live.TotalCents, live.EntryCount,
				got.TotalCents, got.EntryCount)
		}
		for i, d := range live.Departments {
			g := got.Departments[i]
			if d.TotalCents != g.TotalCents || d.UsedCents != g.UsedCents || fmt.Sprint(d.ByCategory) != fmt.Sprint(g.ByCategory) ||
				len(d.ByUnit) != len(g.ByUnit) || len(d.ByMonth) != len(g.ByMonth) {
				t.Fatalf("%s, range %v: department %d live %+v, report %+v", step, rg, i, d, g)
			}
			for j, m := range d.ByMonth {
				if m.TotalCents != g.ByMonth[j].TotalCents {
					t.Fatalf("%s, range %v: department %d month %s live %d, report %d", step, rg, i, m.Month, m.TotalCents, g.ByMonth[j].TotalCents)
				}
			}
		}
		var total, entries int64
		want := make([]struct {
			total, used int64
			cat         map[string]int64
			unit, month map[string]int64
		}, n)
		for i := range want {
			want[i].cat, want[i].unit, want[i].month = map[string]int64{}, map[string]int64{}, map[string]int64{}
			for _, c := range totalsCats {
				want[i].cat[c] = 0
			}
		}
		units := map[string]bool{}
		for _, c := range costs {
			if c.IncurredOn > rg[1] {
				continue
			}
			in := c.IncurredOn >= rg[0]
			unit := ""
			if c.UnitID != nil {
				unit = *c.UnitID
			}
			if in {
				total += c.AmountCents
				entries++
				units[unit] = true
			}
			for i, p := range parts[c.ID] {
				want[i].used += p
				if in {
					want[i].total += p
					want[i].cat[c.Category] += p
					want[i].unit[unit] += p
					want[i].month[c.IncurredOn[:7]] += p
				}
			}
		}
		where := fmt.Sprintf("%s, range %v", step, rg)
		if got.TotalCents != total || got.EntryCount != entries || len(got.Departments) != n {
			t.Fatalf("%s: total %d entries %d, want %d and %d", where, got.TotalCents, got.EntryCount, total, entries)
		}
		for i, d := range got.Departments {
			w := want[i]
			if d.DepartmentID != f.deps[i].String() || d.TotalCents != w.total || d.UsedCents != w.used {
				t.Fatalf("%s: department %d total %d used %d, want %d and %d", where, i, d.TotalCents, d.UsedCents, w.total, w.used)
			}
			if fmt.Sprint(d.ByCategory) != fmt.Sprint(w.cat) {
				t.Fatalf("%s: department %d by category %v, want %v", where, i, d.ByCategory, w.cat)
			}
			if len(d.ByUnit) != len(units) {
				t.Fatalf("%s: department %d has %d unit rows, want %d", where, i, len(d.ByUnit), len(units))
			}
			for _, u := range d.ByUnit {
				key := ""
				if u.UnitID != nil {
					key = *u.UnitID
				}
				if !units[key] || u.TotalCents != w.unit[key] {
					t.Fatalf("%s: department %d unit %q %d, want %d", where, i, key, u.TotalCents, w.unit[key])
				}
			}
			for _, m := range d.ByMonth {
				if m.TotalCents != w.month[m.Month] {
					t.Fatalf("%s: department %d month %s %d, want %d", where, i, m.Month, m.TotalCents, w.month[m.Month])
				}
			}
		}
	}
	var leftovers int64
	if err := f.env.DB.Raw(`SELECT (SELECT count(*) FROM cost_totals WHERE entries <= 0) + (SELECT count(*) FROM cost_totals_stale)`).
		Scan(&leftovers).Error; err != nil || leftovers != 0 {
		t.Fatalf("%s: %d empty totals rows or stale marks (%v)", step, leftovers, err)
	}
}

// TestSplitReportMatchesCostsplit is the property test of the materialised
// allocations (ADR 0035): for random agreements of 2..5 departments
// (ties, zero shares, category rules) and random entries (negative, a few
// cents, overrides), the report equals the sums of costsplit.Split over
// the current entries after creates, edits, deletes, a CSV import, a
// change of the shares, and costs written directly in SQL.
func TestSplitReportMatchesCostsplit(t *testing.T) {
	t.Parallel()
	for seed := range uint64(3) {
		t.Run(fmt.Sprint("seed=", seed), func(t *testing.T) {
			t.Parallel()
			r := rand.New(rand.NewPCG(seed, 35))
			env := apitest.New(t)
			f := &totalsFixture{env: env, token: env.Token(access.RoleProducer)}
			for range 2 + r.IntN(4) {
				f.deps = append(f.deps, env.Department())
			}
			for range 3 {
				f.units = append(f.units, env.Unit())
			}
			body := f.agreementBody(r)
			body["name"], body["starts_on"], body["ends_on"] = "Satunnainen", "2025-01-01", "2025-12-31"
			f.id = env.Post("/api/v1/agreements", f.token, body).Expect(http.StatusCreated).ID()

			var ids []string
			for range 40 {
				ids = append(ids, env.Post("/api/v1/costs", f.token, f.randomCost(r)).Expect(http.StatusCreated).ID())
			}
			f.check(t, r, "created")

			for range 15 {
				c := f.randomCost(r)
				patch := map[string]any{}
				for _, k := range []string{"incurred_on", "amount_cents", "category", "unit_id", "shares"} {
					if r.IntN(2) == 0 {
						patch[k] = c[k] // nil: unit or shares removed
					}
				}
				env.Patch("/api/v1/costs/"+ids[r.IntN(len(ids))], f.token, patch, "").Expect(http.StatusOK)
			}
			f.check(t, r, "edited")

			for range 8 {
				i := r.IntN(len(ids))
				env.Delete("/api/v1/costs/"+ids[i], f.token, "").Expect(http.StatusOK)
				ids = append(ids[:i], ids[i+1:]...)
			}
			f.check(t, r, "deleted")

			var csv strings.Builder
			csv.WriteString("incurred_on;amount_cents;category;description;unit_id\n")
			for range 30 {
				c := f.randomCost(r)
				unit := ""
				if u, ok := c["unit_id"]; ok {
					unit = fmt.Sprint(u)
				}
				fmt.Fprintf(&csv, "%s;%d;%s;tuotu;%s\n", c["incurred_on"], c["amount_cents"], c["category"], unit)
			}
			env.Do(apitest.Req{Method: "POST", Path: "/api/v1/costs/import?agreement_id=" + f.id, Token: f.token,
				Body: csv.String(), Header: map[string]string{"Content-Type": "text/csv"}}).Expect(http.StatusCreated)
			f.check(t, r, "imported")

			env.Patch("/api/v1/agreements/"+f.id, f.token, f.agreementBody(r), "").Expect(http.StatusOK)
			f.check(t, r, "shares changed")

			// Written around the store (as `seed --scale` does): the
			// agreement is marked stale and the report rebuilds it.
			if err := env.DB.Exec(`INSERT INTO costs (id, agreement_id, incurred_on, amount_cents, category, description, share_override)
				SELECT gen_random_uuid(), ?, date '2025-01-01' + (g * 37) % 365, (g * 7919) % 20001 - 10000 + CASE WHEN (g * 7919) % 20001 = 10000 THEN 1 ELSE 0 END,
				       (ARRAY['salary','venue','other'])[1 + g % 3], 'sql', CASE WHEN g % 4 = 0 THEN ?::integer[] END
				FROM generate_series(1, 25) g`, f.id, pgInts(randomShares(r, len(f.deps)))).Error; err != nil {
				t.Fatal(err)
			}
			if err := env.DB.Exec(`UPDATE costs SET amount_cents = amount_cents * 3 WHERE id = ?`, ids[0]).Error; err != nil {
				t.Fatal(err)
			}
			f.check(t, r, "written in SQL")

			for range 5 {
				env.Patch("/api/v1/costs/"+ids[r.IntN(len(ids))], f.token, map[string]any{"amount_cents": f.randomAmount(r), "incurred_on": randomDay(r)}, "").
					Expect(http.StatusOK)
			}
			env.Delete("/api/v1/costs/"+ids[len(ids)-1], f.token, "").Expect(http.StatusOK)
			f.check(t, r, "edited after the rebuild")
		})
	}
}

// TestTotalsExactUnderConcurrentWrites: 50 writers create, change and delete entries of one agreement,
// month, category and unit at once (every write a delta of the same totals row), while folds run, the
// shares change (and the agreement is rebuilt after the change commits) and costs are written in SQL
// around the store. Afterwards the report still equals the sums of costsplit.Split over the entries and
// the live set-based split, no empty totals row or stale mark is left, and every month row equals the
// sums of its rows by category and unit (ADR 0130).
func TestTotalsExactUnderConcurrentWrites(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(21, 130))
	env := apitest.New(t)
	f := &totalsFixture{env: env, token: env.Token(access.RoleProducer)}
	for range 3 {
		f.deps = append(f.deps, env.Department())
	}
	f.units = append(f.units, env.Unit(), env.Unit())
	body := f.agreementBody(r)
	body["name"], body["starts_on"], body["ends_on"] = "Samanaikainen", "2025-01-01", "2025-12-31"
	f.id = env.Post("/api/v1/agreements", f.token, body).Expect(http.StatusCreated).ID()
	for range 20 {
		env.Post("/api/v1/costs", f.token, f.randomCost(r)).Expect(http.StatusCreated)
	}
	store := budget.Store{DB: env.DB}
	id := uuid.MustParse(f.id)
	shares := f.agreementBody(r) // the change made while the writers run

	var writers, others sync.WaitGroup
	done := make(chan struct{})
	for w := range uint64(50) {
		writers.Add(1)
		go func() {
			defer writers.Done()
			rr := rand.New(rand.NewPCG(w, 50))
			var mine []string
			for range 6 {
				switch k := rr.IntN(6); {
				case k < 3 || len(mine) == 0:
					c := map[string]any{"agreement_id": f.id, "incurred_on": fmt.Sprintf("2025-06-%02d", 1+rr.IntN(28)),
						"amount_cents": f.randomAmount(rr), "category": "salary", "unit_id": f.units[0], "description": "concurrent"}
					if rr.IntN(4) == 0 {
						c["shares"] = f.sharesBody(randomShares(rr, len(f.deps)))
					}
					resp := env.Post("/api/v1/costs", f.token, c)
					var created struct {
						ID string `json:"id"`
					}
					if resp.Status != http.StatusCreated || json.Unmarshal(resp.Body, &created) != nil {
						t.Errorf("create: %d %s", resp.Status, resp.Body)
						return
					}
					mine = append(mine, created.ID)
				case k < 5:
					patch := map[string]any{"amount_cents": f.randomAmount(rr)}
					if rr.IntN(2) == 0 {
						patch["incurred_on"] = fmt.Sprintf("2025-%02d-%02d", 5+rr.IntN(3), 1+rr.IntN(28))
					}
					if resp := env.Patch("/api/v1/costs/"+mine[rr.IntN(len(mine))], f.token, patch, ""); resp.Status != http.StatusOK {
						t.Errorf("update: %d %s", resp.Status, resp.Body)
						return
					}
				default:
					i := rr.IntN(len(mine))
					if resp := env.Delete("/api/v1/costs/"+mine[i], f.token, ""); resp.Status != http.StatusOK {
						t.Errorf("delete: %d %s", resp.Status, resp.Body)
						return
					}
					mine = append(mine[:i], mine[i+1:]...)
				}
			}
		}()
	}
	others.Add(3)
	go func() { // folds, as writers trigger them and more
		defer others.Done()
		for {
			select {
			case <-done:
				return
			default:
			}
			if err := store.Fold(context.Background(), id); err != nil {
				t.Errorf("fold: %v", err)
				return
			}
			time.Sleep(time.Millisecond)
		}
	}()
	go func() { // a change of the shares in the middle of it
		defer others.Done()
		time.Sleep(50 * time.Millisecond)
		if resp := env.Patch("/api/v1/agreements/"+f.id, f.token, shares, ""); resp.Status != http.StatusOK {
			t.Errorf("share change: %d %s", resp.Status, resp.Body)
		}
	}()
	go func() { // a bulk load around the store
		defer others.Done()
		time.Sleep(20 * time.Millisecond)
		if err := env.DB.Exec(`INSERT INTO costs (id, agreement_id, incurred_on, amount_cents, category, description, unit_id)
			SELECT gen_random_uuid(), ?, date '2025-06-01' + g % 30, g * 7919 % 20000 + 1, 'salary', 'sql', ?
			FROM generate_series(1, 300) g`, f.id, f.units[0]).Error; err != nil {
			t.Errorf("bulk load: %v", err)
		}
	}()
	writers.Wait()
	close(done)
	others.Wait()
	if t.Failed() {
		t.FailNow()
	}
	f.check(t, r, "after concurrent writes")
	checkMonthTotals(t, env.DB, "after concurrent writes")
	if err := store.Fold(context.Background(), id); err != nil {
		t.Fatal(err)
	}
	f.check(t, r, "folded after concurrent writes")
	checkMonthTotals(t, env.DB, "folded after concurrent writes")
}
