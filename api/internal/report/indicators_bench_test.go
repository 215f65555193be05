package report_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"gorm.io/gorm"

	"kulttuurisilta/api/internal/app"
	"kulttuurisilta/api/internal/auth"
	"kulttuurisilta/api/internal/database"
)

// BenchmarkIndicatorsYearRegion measures the indicators of a year over the region data set (`seed
// --scale region`: 500 units, 100,000 activities within ±182 days of the day it was seeded, ~140,000
// attendance rows), named by KS_REGION_DATABASE_URL (skipped without it), beside the bare queries that
// any computation of them must run, in the same run:
//
//   - route: GET /api/v1/reports/indicators?year= through the whole API in process (authentication,
//     middleware, JSON), as the producer producer0001@region.test (the calendar-year range only);
//   - indicators, adoption: the store's computations;
//   - bare/activities: one scan of the year's activities by the span index, every column the
//     indicators read, each row scanned into typed Go values (as the report does) and dropped;
//   - bare/attendance: the year's attendance rows (from 14 days before the range, as the report reads
//     them) scanned the same way;
//   - bare/both: the two, one after the other.
//
// Each reports its mean (ns/op) and p95-ms. The ranges: the calendar year of KS_REGION_YEAR (default
// 2026), and the 365 days around KS_REGION_SEEDED_ON (YYYY-MM-DD, default today), which hold every
// activity of the data set.
//
//	KS_REGION_DATABASE_URL=postgres://…/ks_h21_region go test ./api/internal/report -run '^$' \
//	    -bench 'IndicatorsYearRegion/calendar-year' -benchtime 5x
func BenchmarkIndicatorsYearRegion(b *testing.B) {
	ctx := context.Background()
	db, s, zone := openRegion(b)
	seeded := time.Now().In(zone)
	var err error
	if d := os.Getenv("KS_REGION_SEEDED_ON"); d != "" {
		if seeded, err = time.ParseInLocation(time.DateOnly, d, zone); err != nil {
			b.Fatal(err)
		}
	}
	year := 2026
	if y := os.Getenv("KS_REGION_YEAR"); y != "" {
		t, err := time.Parse("2006", y)
		if err != nil {
			b.Fatal(err)
		}
		year = t.Year()
	}
	around := time.Date(seeded.Year(), seeded.Month(), seeded.Day()-182, 0, 0, 0, 0, zone)
	ranges := []struct {
		name     string
		from, to time.Time
	}{
		{"calendar-year", time.Date(year, 1, 1, 0, 0, 0, 0, zone), time.Date(year+1, 1, 1, 0, 0, 0, 0, zone)},
		{"all-activities-year", around, around.AddDate(0, 0, 365)},
	}
	drain := func(b *testing.B, sql string, scan func(pgx.Rows) error, args ...any) {
		err := database.ReadSnapshot(ctx, db, func(tx pgx.Tx) error {
			rows, err := tx.Query(ctx, sql, args...)
			if err != nil {
				return err
			}
			defer rows.Close()
			for rows.Next() {
				if err := scan(rows); err != nil {
					return err
				}
			}
			return rows.Err()
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	const bareActivities = `SELECT a.id, a.starts_at, a.ends_at, a.recurrence, a.exdates, a.status, a.unit_ids, a.category,
		a.partner_ids, a.target_groups FROM activities a WHERE tstzrange(a.starts_at, a.until_at, '[)') && tstzrange($1, $2, '[)')`
	const bareAttendance = `SELECT activity_id, occurrence_start, residents, staff, volunteers, relatives, feedback
		FROM attendance WHERE occurrence_start >= $1 AND occurrence_start < $2`
	var (
		id, unitsScratch       = [16]byte{}, [][16]byte(nil)
		partners               [][16]byte
		startsAt, endsAt       time.Time
		rule, status, category string
		exdates                []time.Time
		groups                 []string
		res, st, vol, rel      int32
		fb                     *int16
	)
	scanActivity := func(r pgx.Rows) error {
		exdates, unitsScratch, partners, groups = nil, nil, nil, nil
		return r.Scan(&id, &startsAt, &endsAt, &rule, &exdates, &status, &unitsScratch, &category, &partners, &groups)
	}
	scanAttendance := func(r pgx.Rows) error { return r.Scan(&id, &startsAt, &res, &st, &vol, &rel, &fb) }
	// timed runs f once per iteration and reports the p95 of the iterations beside the mean.
	timed := func(b *testing.B, f func()) {
		var took []time.Duration
		for b.Loop() {
			t0 := time.Now()
			f()
			took = append(took, time.Since(t0))
		}
		slices.Sort(took)
		b.ReportMetric(float64(took[min(len(took)-1, len(took)*95/100)].Microseconds())/1000, "p95-ms")
	}
	route := routeGetter(b, db, zone)
	for _, r := range ranges {
		if r.name == "calendar-year" {
			b.Run(r.name+"/route", func(b *testing.B) {
				timed(b, func() { route(b, fmt.Sprintf("/api/v1/reports/indicators?year=%d", year)) })
			})
		}
		b.Run(r.name+"/indicators", func(b *testing.B) {
			timed(b, func() {
				if _, err := s.Indicators(ctx, r.from, r.to, nil); err != nil {
					b.Fatal(err)
				}
			})
		})
		b.Run(r.name+"/adoption", func(b *testing.B) {
			timed(b, func() {
				if _, err := s.Adoption(ctx, r.from, r.to, nil); err != nil {
					b.Fatal(err)
				}
			})
		})
		attFrom := r.from.AddDate(0, 0, -14)
		b.Run(r.name+"/bare/activities", func(b *testing.B) {
			timed(b, func() { drain(b, bareActivities, scanActivity, r.from, r.to) })
		})
		b.Run(r.name+"/bare/attendance", func(b *testing.B) {
			timed(b, func() { drain(b, bareAttendance, scanAttendance, attFrom, r.to) })
		})
		b.Run(r.name+"/bare/both", func(b *testing.B) {
			timed(b, func() {
				drain(b, bareActivities, scanActivity, r.from, r.to)
				drain(b, bareAttendance, scanAttendance, attFrom, r.to)
			})
		})
	}
}

// routeGetter serves GET requests through the whole API in process over db, as the region data set's
// producer (producer0001@region.test, a token issued directly: no login per request), failing b
// unless the answer is 200.
func routeGetter(b *testing.B, db *gorm.DB, zone *time.Location) func(b *testing.B, path string) {
	cfg := auth.DefaultConfig([]byte("indicators-bench-secret-of-32-bytes!"))
	e := app.New(app.Deps{DB: db, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Auth: cfg, CalendarZone: zone})
	var u auth.User
	if err := db.Where("email = ?", "producer0001@region.test").First(&u).Error; err != nil {
		b.Fatalf("the region data set's producer: %v", err)
	}
	token, err := cfg.AccessToken(u, time.Now())
	if err != nil {
		b.Fatal(err)
	}
	return func(b *testing.B, path string) {
		req := httptest.NewRequest(http.MethodGet, path, nil)
		req.Header.Set("Authorization", "Bearer "+token)
		rec := httptest.NewRecorder()
		e.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("%s: %d %s", path, rec.Code, rec.Body.String())
		}
	}
}
