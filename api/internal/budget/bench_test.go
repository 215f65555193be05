package budget_test

import (
	"context"
	"database/sql"
	"fmt"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"gorm.io/gorm"

	"kulttuurisilta/api/internal/budget"
	"kulttuurisilta/api/internal/civil"
	"kulttuurisilta/api/internal/database"
	"kulttuurisilta/api/internal/database/dbtest"
)

// benchAgreement creates an agreement of two departments and n cost
// entries over 2025 with INSERT ... SELECT generate_series: amounts from
// -500.00 to 4,499.99 EUR, six categories, twenty units and no unit, a
// category rule for venues and a 1 % share of entries with an override.
func benchAgreement(b *testing.B, db *gorm.DB, n int) uuid.UUID {
	b.Helper()
	id := database.NewID()
	d1, d2 := database.NewID(), database.NewID()
	sfx := id.String()[24:]
	stmts := []string{
		fmt.Sprintf(`INSERT INTO departments (id, name, code, kind, organisation) VALUES ('%s', 'Sote %s', 'S-%s', 'social_care', 'HVA'), ('%s', 'Kult %s', 'K-%s', 'culture', 'Kunta')`, d1, sfx, sfx, d2, sfx, sfx),
		fmt.Sprintf(`INSERT INTO agreements (id, name, starts_on, ends_on) VALUES ('%s', 'bench %s', '2025-01-01', '2025-12-31')`, id, sfx),
		fmt.Sprintf(`INSERT INTO agreement_departments VALUES ('%s', '%s', 0, 5000, 100000000), ('%s', '%s', 1, 5000, 100000000)`, id, d1, id, d2),
		fmt.Sprintf(`INSERT INTO agreement_category_shares VALUES ('%s', 'venue', '{3000,7000}')`, id),
		`INSERT INTO units (id, name, kind, organisation, sector)
		 SELECT gen_random_uuid(), 'bench unit ' || g || ' ` + sfx + `', 'care_home', 'HVA', 'public' FROM generate_series(1, 20) g`,
		fmt.Sprintf(`INSERT INTO costs (id, agreement_id, incurred_on, amount_cents, category, description, unit_id, share_override)
		 SELECT gen_random_uuid(), '%s', date '2025-01-01' + (g %% 365)::int,
		        CASE WHEN (g * 7919) %% 500000 - 50000 = 0 THEN 1 ELSE (g * 7919) %% 500000 - 50000 END,
		        (ARRAY['salary','performer_fee','travel','materials','venue','other'])[1 + g %% 6], 'bench entry',
		        (SELECT array_agg(id ORDER BY id) FROM units WHERE name LIKE 'bench unit %%%s')[1 + g %% 21],
		        CASE WHEN g %% 100 = 0 THEN ARRAY[2500, 7500] END
		 FROM generate_series(1::bigint, %d) g`, id, sfx, n),
		`VACUUM ANALYZE costs`,
	}
	for _, s := range stmts {
		if err := db.Exec(s).Error; err != nil {
			b.Fatalf("%s: %v", s[:40], err)
		}
	}
	return id
}

// BenchmarkSplitReport measures the split report (the per-entry
// allocations materialised in cost_day_totals, added up per department,
// category, unit and month; ADR 0035) next to a bare SQL SUM over the
// same cost rows, in the same run, for 100k and 1M entries:
//
//   - rebuild: the agreement's totals recomputed from its entries (each
//     split by costsplit) and then the report: what the first report after
//     costs written in SQL, or a change of the shares, costs;
//   - paired: each iteration runs the report and the bare SUM back to
//     back and reports both (split-ms, sum-ms) and their ratio, so machine
//     load hits both alike.
//
// Run with:
//
//	go test ./api/internal/budget -run '^$' -bench SplitReport -benchtime 10x
func BenchmarkSplitReport(b *testing.B) {
	db := dbtest.New(b)
	if err := db.Exec(`SET statement_timeout = 0`).Error; err != nil {
		b.Fatal(err)
	}
	s := budget.Store{DB: db}
	ctx := context.Background()
	from, _ := civil.ParseDate("2025-01-01")
	to, _ := civil.ParseDate("2025-12-31")
	for _, n := range []int{100_000, 1_000_000} {
		id := benchAgreement(b, db, n)
		b.Run(fmt.Sprintf("entries=%d/rebuild", n), func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				if err := db.Exec(`INSERT INTO cost_totals_stale (agreement_id) VALUES (?) ON CONFLICT DO NOTHING`, id).Error; err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				if r, err := s.Split(ctx, id, &from, &to); err != nil || r.EntryCount != int64(n) {
					b.Fatalf("split: %v (%d entries)", err, r.EntryCount)
				}
			}
		})
		b.Run(fmt.Sprintf("entries=%d/paired", n), func(b *testing.B) {
			var split, sum time.Duration
			for b.Loop() {
				t0 := time.Now()
				r, err := s.Split(ctx, id, &from, &to)
				if err != nil || r.EntryCount != int64(n) {
					b.Fatalf("split: %v (%d entries)", err, r.EntryCount)
				}
				t1 := time.Now()
				total, err := sumCents(ctx, db, id, from, to)
				if err != nil || total != r.TotalCents {
					b.Fatalf("sum: %v (%d, report %d)", err, total, r.TotalCents)
				}
				split, sum = split+t1.Sub(t0), sum+time.Since(t1)
			}
			b.ReportMetric(float64(split.Microseconds())/1000/float64(b.N), "split-ms")
			b.ReportMetric(float64(sum.Microseconds())/1000/float64(b.N), "sum-ms")
			b.ReportMetric(float64(split)/float64(sum), "ratio")
		})
	}
}

// sumCents is the bare SQL sum of an agreement's entries in a range: the
// baseline the split report is compared with. It is sent with pgx's simple
// protocol, so PostgreSQL plans it for the actual values each time (a
// parallel sequential scan for a whole agreement) instead of switching,
// after five runs, to a generic plan that walks the index over every row
// (measured 0.8-1.5 s instead of 150 ms at 1M rows).
func sumCents(ctx context.Context, db *gorm.DB, agreementID uuid.UUID, from, to civil.Date) (int64, error) {
	var sum sql.NullInt64
	err := database.WithConn(ctx, db, func(c *pgx.Conn) error {
		return c.QueryRow(ctx, `SELECT sum(amount_cents) FROM costs WHERE agreement_id = $1 AND incurred_on BETWEEN $2 AND $3`,
			pgx.QueryExecModeSimpleProtocol, agreementID.String(), from.String(), to.String()).Scan(&sum)
	})
	return sum.Int64, err
}
