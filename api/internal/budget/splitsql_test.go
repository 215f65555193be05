package budget

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"kulttuurisilta/api/internal/civil"
	"kulttuurisilta/api/internal/costsplit"
	"kulttuurisilta/api/internal/database"
	"kulttuurisilta/api/internal/database/dbtest"
)

// randShares returns k shares summing to 10000: equal (ties), random cuts,
// zeros, or everything to one department.
func randShares(r *rand.Rand, k int) []int {
	out := make([]int, k)
	switch r.IntN(4) {
	case 0:
		for i := range out {
			out[i] = costsplit.Total / k
		}
		out[r.IntN(k)] += costsplit.Total % k
	case 1:
		left := costsplit.Total
		for i := range k - 1 {
			out[i] = r.IntN(left + 1)
			left -= out[i]
		}
		out[k-1] = left
		r.Shuffle(k, func(i, j int) { out[i], out[j] = out[j], out[i] })
	case 2:
		out[r.IntN(k)] = costsplit.Total
	default:
		for i := range out {
			out[i] = 1 + r.IntN(3) // odd tiny shares: large remainders everywhere
		}
		sum := 0
		for _, x := range out {
			sum += x
		}
		out[r.IntN(k)] += costsplit.Total - sum
	}
	return out
}

// randAmount draws amounts where the identity behind the split could break:
// a few cents, residues near 0 and 9999, exact multiples of 10000, the
// largest amounts allowed, both signs.
func randAmount(r *rand.Rand) int64 {
	var a int64
	switch r.IntN(6) {
	case 0:
		a = 1 + r.Int64N(20)
	case 1:
		a = r.Int64N(1000)*costsplit.Total + int64([]int{1, 9999, 5000, 4999, 5001}[r.IntN(5)])
	case 2:
		a = (1 + r.Int64N(1000)) * costsplit.Total
	case 3:
		a = costsplit.MaxAmount - r.Int64N(10001)
	case 4:
		a = 1 + r.Int64N(1_000_000)
	default:
		a = 1 + r.Int64N(costsplit.MaxAmount)
	}
	if r.IntN(3) == 0 {
		a = -a
	}
	return a
}

// TestSetBasedSplitMatchesCostsplit is the property test of the set-based
// split (ADR 0130): for random agreements of 1..7 departments (ties, zero
// and tiny shares, category rules) with random entries (a few cents, the
// largest amounts, negative, overrides), every group's entries, amount and
// parts equal the sums of costsplit.Split over its entries, for random
// ranges and "before" days, with lookup tables for every vector, with the
// overrides split in Go (too many to tabulate), and with everything split
// in Go.
func TestSetBasedSplitMatchesCostsplit(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	ctx := context.Background()
	r := rand.New(rand.NewPCG(130, 21))
	units := make([]uuid.UUID, 4)
	for i := range units {
		units[i] = database.NewID()
		if err := db.Exec(`INSERT INTO units (id, name, kind, organisation, sector) VALUES (?, ?, 'care_home', 'O', 'public')`,
			units[i], fmt.Sprint("split unit ", i)).Error; err != nil {
			t.Fatal(err)
		}
	}
	rounds := 12
	if raceDetector {
		rounds = 2
	}
	for round := range rounds {
		n := 1 + r.IntN(7)
		a := Agreement{Model: database.Model{ID: database.NewID(), Version: 1}, Name: fmt.Sprint("split ", round)}
		a.StartsOn, _ = civil.ParseDate(fmt.Sprintf("2025-%02d-%02d", 1+r.IntN(12), 1+r.IntN(28)))
		a.EndsOn = civil.Date{Time: a.StartsOn.AddDate(0, 1+r.IntN(20), r.IntN(20))}
		exec := func(q string, args ...any) {
			t.Helper()
			if err := db.Exec(q, args...).Error; err != nil {
				t.Fatalf("%s: %v", q[:30], err)
			}
		}
		exec(`INSERT INTO agreements (id, name, starts_on, ends_on) VALUES (?, ?, ?, ?)`, a.ID, a.Name, a.StartsOn, a.EndsOn)
		var deps []string
		var dargs []any
		for i, s := range randShares(r, n) {
			d := AgreementDepartment{AgreementID: a.ID, DepartmentID: database.NewID(), Position: i, ShareBP: s}
			exec(`INSERT INTO departments (id, name, code, kind, organisation) VALUES (?, ?, ?, 'other', 'O')`,
				d.DepartmentID, "split dep "+d.DepartmentID.String(), d.DepartmentID.String()[24:])
			deps, dargs = append(deps, "(?, ?, ?, ?, 0)"), append(dargs, a.ID, d.DepartmentID, i, s)
			a.Departments = append(a.Departments, d)
		}
		exec(`INSERT INTO agreement_departments (agreement_id, department_id, position, share_bp, budget_cents) VALUES `+
			strings.Join(deps, ", "), dargs...)
		for _, c := range Categories {
			if r.IntN(3) == 0 {
				rule := CategoryShares{AgreementID: a.ID, Category: c}
				for _, s := range randShares(r, n) {
					rule.SharesBP = append(rule.SharesBP, int64(s))
				}
				exec(`INSERT INTO agreement_category_shares VALUES (?, ?, ?)`, a.ID, c, rule.SharesBP)
				a.Rules = append(a.Rules, rule)
			}
		}
		var overrides []database.Array[int64]
		for range r.IntN(6) {
			var v database.Array[int64]
			for _, s := range randShares(r, n) {
				v = append(v, int64(s))
			}
			overrides = append(overrides, v)
		}
		days := int(a.EndsOn.Sub(a.StartsOn.Time).Hours()/24) + 1
		var costs []Cost
		var values []string
		var vargs []any
		for range 200 + r.IntN(400) {
			c := Cost{Model: database.Model{ID: database.NewID()}, AgreementID: a.ID, AmountCents: randAmount(r),
				Category: Categories[r.IntN(len(Categories))]}
			c.IncurredOn = civil.Date{Time: a.StartsOn.AddDate(0, 0, r.IntN(days))}
			if k := r.IntN(len(units) + 1); k < len(units) {
				c.UnitID = &units[k]
			}
			if len(overrides) > 0 && r.IntN(4) == 0 {
				c.ShareOverride = overrides[r.IntN(len(overrides))]
			}
			costs = append(costs, c)
			values = append(values, "(?, ?, ?, ?, ?, 'split test', ?, ?::integer[])")
			vargs = append(vargs, c.ID, a.ID, c.IncurredOn, c.AmountCents, c.Category, c.UnitID, c.ShareOverride)
		}
		exec(`INSERT INTO costs (id, agreement_id, incurred_on, amount_cents, category, description, unit_id, share_override) VALUES `+
			strings.Join(values, ", "), vargs...)

		for trial := range 4 {
			lo := civil.Date{Time: a.StartsOn.AddDate(0, 0, r.IntN(days))}
			hi := civil.Date{Time: lo.AddDate(0, 0, r.IntN(days))}
			var before *civil.Date
			if trial%2 == 1 {
				b := civil.Date{Time: lo.AddDate(0, 0, r.IntN(40))}
				before = &b
			}
			if trial == 0 {
				lo, hi = a.StartsOn, a.EndsOn
			}
			want := map[splitKey]*splitSum{}
			first := monthOf(a.StartsOn)
			for _, c := range costs {
				if c.IncurredOn.Before(lo.Time) || c.IncurredOn.After(hi.Time) {
					continue
				}
				shares, _ := a.sharesFor(c.Category, c.ShareOverride)
				parts, err := costsplit.Split(c.AmountCents, shares)
				if err != nil {
					t.Fatal(err)
				}
				k := splitKey{month: (c.IncurredOn.Year()-first.Year())*12 + int(c.IncurredOn.Month()) - int(first.Month()),
					cat: categoryIndex([]byte(c.Category))}
				if c.UnitID != nil {
					k.unit = *c.UnitID
				}
				if before != nil {
					k.before = c.IncurredOn.Before(before.Time)
				}
				s := want[k]
				if s == nil {
					s = &splitSum{parts: make([]int64, n)}
					want[k] = s
				}
				s.entries++
				s.amount += c.AmountCents
				for i, p := range parts {
					s.parts[i] += p
				}
			}
			var base int // the agreement's own vectors: default and rules
			for _, mode := range []struct {
				name string
				inGo goRows
			}{{"tables", goNone}, {"overrides in Go", goOverrides}, {"all in Go", goAll}} {
				where := fmt.Sprintf("round %d (%d departments, %d rules, %d overrides), %s..%s, before %v, %s",
					round, n, len(a.Rules), len(overrides), lo, hi, before, mode.name)
				limit := maxLookup
				switch mode.inGo {
				case goOverrides:
					limit = base * (n - 1) * residues
				case goAll:
					limit = (base - 1) * (n - 1) * residues
				}
				var got map[splitKey]*splitSum
				err := database.ReadSnapshot(ctx, db, func(tx pgx.Tx) error {
					sp, err := newSplitterUpTo(ctx, tx, a, limit)
					if err != nil {
						return err
					}
					if mode.inGo == goNone {
						base = len(sp.vectors) - len(sp.overrides)
					}
					wantGo := mode.inGo
					if n == 1 || (wantGo == goOverrides && len(overrides) == 0) {
						wantGo = goNone
					}
					if sp.inGo != wantGo {
						return fmt.Errorf("rows split in Go: %v, want %v", sp.inGo, wantGo)
					}
					got, err = sp.run(ctx, tx, lo, hi, before)
					return err
				})
				if err != nil {
					t.Fatalf("%s: %v", where, err)
				}
				if len(got) != len(want) {
					t.Fatalf("%s: %d groups, want %d", where, len(got), len(want))
				}
				for k, w := range want {
					g := got[k]
					if g == nil || g.entries != w.entries || g.amount != w.amount || fmt.Sprint(g.parts) != fmt.Sprint(w.parts) {
						t.Fatalf("%s: group %+v is %+v, want %+v", where, k, g, w)
					}
				}
			}
		}
	}
}
