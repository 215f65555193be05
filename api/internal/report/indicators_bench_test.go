package report_test

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"kulttuurisilta/api/internal/database"
)

// BenchmarkIndicatorsYearRegion measures the indicators of a year over the region data set (`seed
// --scale region`: 500 units, 100,000 activities within ±182 days of the day it was seeded, ~140,000
// attendance rows), named by KS_REGION_DATABASE_URL (skipped without it), beside the bare queries that
// any computation of them must run, in the same run:
//
//   - bare/activities: one scan of the year's activities by the span index, every column the
//     indicators read, rows read into Go and dropped;
//   - bare/attendance: the year's attendance rows read into Go and dropped;
//   - bare/both: the two, one after the other.
//
// The ranges: the calendar year of KS_REGION_YEAR (default 2026), and the 365 days around
// KS_REGION_SEEDED_ON (YYYY-MM-DD, default today), which hold every activity of the data set.
//
//	KS_REGION_DATABASE_URL=postgres://…/ks_scale_region go test ./api/internal/report -run '^$' \
//	    -bench IndicatorsYearRegion -benchtime 10x
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
	drain := func(b *testing.B, sql string, args ...any) {
		err := database.ReadSnapshot(ctx, db, func(tx pgx.Tx) error {
			rows, err := tx.Query(ctx, sql, args...)
			if err != nil {
				return err
			}
			defer rows.Close()
			for rows.Next() {
				if _, err := rows.Values(); err != nil {
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
	for _, r := range ranges {
		b.Run(r.name+"/indicators", func(b *testing.B) {
			for b.Loop() {
				if _, err := s.Indicators(ctx, r.from, r.to, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(r.name+"/adoption", func(b *testing.B) {
			for b.Loop() {
				if _, err := s.Adoption(ctx, r.from, r.to, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(r.name+"/bare/activities", func(b *testing.B) {
			for b.Loop() {
				drain(b, bareActivities, r.from, r.to)
			}
		})
		b.Run(r.name+"/bare/attendance", func(b *testing.B) {
			for b.Loop() {
				drain(b, bareAttendance, r.from, r.to)
			}
		})
		b.Run(r.name+"/bare/both", func(b *testing.B) {
			for b.Loop() {
				drain(b, bareActivities, r.from, r.to)
				drain(b, bareAttendance, r.from, r.to)
			}
		})
	}
}
