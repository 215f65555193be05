package report_test

import (
	"context"
	"os"
	"testing"
	"time"

	"gorm.io/gorm"

	"kulttuurisilta/api/internal/database"
	"kulttuurisilta/api/internal/report"
)

// BenchmarkActivitiesMonthRegion measures the activity report of a month, by every grouping, in an
// already seeded database (`seed --scale region`), named by KS_REGION_DATABASE_URL (skipped without
// it), computed, kept (ADR 0195) and after an edit (ADR 0196), next to the previous implementation (referenceActivities: every occurrence built by the calendar,
// then counted) in the same run:
//
//	KS_REGION_DATABASE_URL=postgres://…/ks_scale_region go test ./api/internal/report -run '^$' \
//	    -bench ActivitiesMonthRegion -benchtime 10x
func BenchmarkActivitiesMonthRegion(b *testing.B) {
	ctx := context.Background()
	_, s, zone := openRegion(b)
	for _, m := range []time.Month{10, 15} { // October 2026 (most attendance), March 2027
		from := time.Date(2026, m, 1, 0, 0, 0, 0, zone)
		for _, g := range report.GroupBys {
			b.Run(from.Format("2006-01")+"/"+g, func(b *testing.B) {
				for b.Loop() {
					if _, err := s.Activities(ctx, from, from.AddDate(0, 1, 0), g); err != nil {
						b.Fatal(err)
					}
				}
			})
			if g != "unit" {
				continue
			}
			// Kept (ADR 0195): the report of an unchanged generation is computed once.
			kept := s
			kept.Reports, kept.Inputs = report.NewReports(4), report.NewInputs(4)
			b.Run(from.Format("2006-01")+"/"+g+"/kept", func(b *testing.B) {
				if _, err := kept.Activities(ctx, from, from.AddDate(0, 1, 0), g); err != nil { // computed once
					b.Fatal(err)
				}
				for b.Loop() {
					if _, err := kept.Activities(ctx, from, from.AddDate(0, 1, 0), g); err != nil {
						b.Fatal(err)
					}
				}
			})
			// After an edit of one activity of the month (ADR 0196): the kept inputs are patched with it and
			// the month counted again in memory. The edit writes the description it already has.
			var act string
			if err := s.DB.Raw(`SELECT id FROM activities a WHERE tstzrange(a.starts_at, a.until_at, '[)') && tstzrange(?, ?, '[)')
				ORDER BY id LIMIT 1`, from, from.AddDate(0, 1, 0)).Scan(&act).Error; err != nil || act == "" {
				b.Fatalf("an activity of %s: %v", from.Format("2006-01"), err)
			}
			b.Run(from.Format("2006-01")+"/"+g+"/after-edit", func(b *testing.B) {
				if _, err := kept.Activities(ctx, from, from.AddDate(0, 1, 0), g); err != nil {
					b.Fatal(err)
				}
				for b.Loop() {
					b.StopTimer()
					if err := s.DB.Exec(`UPDATE activities SET description = description WHERE id = ?`, act).Error; err != nil {
						b.Fatal(err)
					}
					b.StartTimer()
					if _, err := kept.Activities(ctx, from, from.AddDate(0, 1, 0), g); err != nil {
						b.Fatal(err)
					}
				}
			})
			b.Run(from.Format("2006-01")+"/"+g+"/before", func(b *testing.B) {
				for b.Loop() {
					if _, err := referenceActivities(ctx, s, from, from.AddDate(0, 1, 0), g); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// openRegion opens the seeded region database named by KS_REGION_DATABASE_URL (skipping the benchmark
// without it) and returns it with a report store in Helsinki's zone.
func openRegion(b *testing.B) (*gorm.DB, report.Store, *time.Location) {
	url := os.Getenv("KS_REGION_DATABASE_URL")
	if url == "" {
		b.Skip("KS_REGION_DATABASE_URL not set")
	}
	db, err := database.Open(context.Background(), url, database.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { database.Close(db) })
	zone, _ := time.LoadLocation("Europe/Helsinki")
	return db, report.Store{DB: db, Zone: zone}, zone
}
