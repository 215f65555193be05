package budget_test

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"strings"
	"testing"

	"github.com/google/uuid"

	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/apitest"
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
	for _, rg := range ranges {
		var got split
		f.env.Get("/api/v1/agreements/"+f.id+"/split?from="+rg[0]+"&to="+rg[1], f.token).Expect(http.StatusOK).JSON(&got)
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
	if err := f.env.DB.Raw(`SELECT (SELECT count(*) FROM cost_day_totals WHERE entries <= 0) + (SELECT count(*) FROM cost_totals_stale)`).
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
