package seed

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/jackc/pgx/v5"
	"gorm.io/gorm"

	"kulttuurisilta/api/internal/database"
)

// Size is the shape of a generated data set.
type Size struct {
	Name        string
	Departments int // per kind: this many social-care and this many culture departments
	Units       int
	Users       int
	Partners    int
	Series      int
	Activities  int
	// RecurringPct of the activities repeat weekly (COUNT 4..26).
	RecurringPct int
	Costs        int
}

// Sizes are the data sets `seed --scale NAME` knows. region is DESIGN.md's
// region: 500 units, 5,000 users, 100,000 activities (a fifth recurring),
// 1,000,000 cost entries; town is a tenth of it, for growth comparisons.
var Sizes = map[string]Size{
	"region": {Name: "region", Departments: 5, Units: 500, Users: 5000, Partners: 300, Series: 24,
		Activities: 100_000, RecurringPct: 20, Costs: 1_000_000},
	"town": {Name: "town", Departments: 2, Units: 50, Users: 500, Partners: 30, Series: 6,
		Activities: 10_000, RecurringPct: 20, Costs: 100_000},
	"tiny": {Name: "tiny", Departments: 1, Units: 10, Users: 40, Partners: 5, Series: 2,
		Activities: 300, RecurringPct: 20, Costs: 2_000},
}

// ScalePassword is the password of every generated account.
const ScalePassword = "scale-password"

// Scale generates a large data set for benchmarks and fault tests, in one
// transaction (so a failed run leaves nothing behind) with COPY for the
// big tables. It is idempotent: a data set already loaded is left alone.
// Dates spread over the year around today, so "this month" always has data.
func Scale(ctx context.Context, db *gorm.DB, name string, zone *time.Location, out io.Writer) error {
	size, ok := Sizes[name]
	if !ok {
		return fmt.Errorf("seed: unknown scale %q (use region, town or tiny)", name)
	}
	return database.WithConn(ctx, db, func(conn *pgx.Conn) error {
		var exists bool
		if err := conn.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM departments WHERE code = $1)`,
			scaleCode(size, "SOTE", 1)).Scan(&exists); err != nil {
			return fmt.Errorf("seed scale: %w", err)
		}
		if exists {
			fmt.Fprintf(out, "seed: the %s data set is already loaded\n", size.Name)
			return nil
		}
		// A long bulk load must not hit the API's statement timeout; the
		// connection's own setting is restored afterwards.
		var timeout string
		if err := conn.QueryRow(ctx, `SHOW statement_timeout`).Scan(&timeout); err != nil {
			return err
		}
		if _, err := conn.Exec(ctx, `SET statement_timeout = 0`); err != nil {
			return err
		}
		defer conn.Exec(context.WithoutCancel(ctx), `SELECT set_config('statement_timeout', $1, false)`, timeout) //nolint:errcheck
		g := newGenerator(size, zone, time.Now())
		start := time.Now()
		err := pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
			for _, st := range g.steps() {
				t0 := time.Now()
				n, err := st.run(ctx, tx)
				if err != nil {
					return fmt.Errorf("seed scale %s: %w", st.name, err)
				}
				fmt.Fprintf(out, "seed: %-22s %9d rows  %6.1fs\n", st.name, n, time.Since(t0).Seconds())
			}
			return nil
		})
		if err != nil {
			return err
		}
		t0 := time.Now()
		if _, err := conn.Exec(ctx, `ANALYZE`); err != nil {
			return fmt.Errorf("seed scale: analyze: %w", err)
		}
		fmt.Fprintf(out, "seed: %-22s %9s       %6.1fs\n", "analyze", "", time.Since(t0).Seconds())
		fmt.Fprintf(out, "seed: the %s data set is loaded in %.1fs; logins e.g. producer0001@%s.test, mentor0001@%s.test (password %s)\n",
			size.Name, time.Since(start).Seconds(), size.Name, size.Name, ScalePassword)
		return nil
	})
}

func scaleCode(s Size, kind string, i int) string {
	return fmt.Sprintf("%s-%s-%02d", s.Name, kind, i)
}
