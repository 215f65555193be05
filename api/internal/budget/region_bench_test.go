package budget_test

import (
	"context"
	"os"
	"testing"

	"github.com/google/uuid"

	"kulttuurisilta/api/internal/budget"
	"kulttuurisilta/api/internal/civil"
	"kulttuurisilta/api/internal/database"
)

// BenchmarkSplitMonthRegion measures the split of one month of the agreement
// with the most entries in an already seeded database (`seed --scale
// region`), named by KS_REGION_DATABASE_URL; skipped without it.
func BenchmarkSplitMonthRegion(b *testing.B) {
	url := os.Getenv("KS_REGION_DATABASE_URL")
	if url == "" {
		b.Skip("KS_REGION_DATABASE_URL not set")
	}
	ctx := context.Background()
	db, err := database.Open(ctx, url, database.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer database.Close(db)
	var idText string
	if err := db.Raw(`SELECT agreement_id::text FROM costs GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`).Row().Scan(&idText); err != nil {
		b.Fatal(err)
	}
	id := uuid.MustParse(idText)
	s := budget.Store{DB: db}
	for _, m := range [][2]string{{"2025-03-01", "2025-03-31"}, {"2026-11-01", "2026-11-30"}} {
		from, _ := civil.ParseDate(m[0])
		to, _ := civil.ParseDate(m[1])
		b.Run(m[0], func(b *testing.B) {
			for b.Loop() {
				if _, err := s.Split(ctx, id, &from, &to); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
