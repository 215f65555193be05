package seed_test

import (
	"context"
	"testing"
	"time"

	"kulttuurisilta/api/internal/database/dbtest"
	"kulttuurisilta/api/internal/seed"
)

// TestDemoBudget loads the demo twice (idempotent) and checks the budget
// part: one 50/50 agreement, a year of costs, months in every state.
func TestDemoBudget(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	zone, _ := time.LoadLocation("Europe/Helsinki")
	for range 2 {
		if err := seed.Demo(context.Background(), db, zone); err != nil {
			t.Fatal(err)
		}
	}
	var agreements, costs int64
	db.Table("agreements").Count(&agreements)
	db.Table("costs").Count(&costs)
	if agreements != 1 || costs < 48 {
		t.Fatalf("%d agreements, %d costs", agreements, costs)
	}
	var shares []int
	db.Table("agreement_departments").Order("position").Pluck("share_bp", &shares)
	if len(shares) != 2 || shares[0] != 5000 || shares[1] != 5000 {
		t.Fatalf("shares %v", shares)
	}
	var statuses []string
	db.Table("agreement_periods").Order("month").Pluck("status", &statuses)
	count := map[string]int{}
	for _, s := range statuses {
		count[s]++
	}
	if count["locked"] != 6 || count["approved"] != 4 || count["open"] != 2 {
		t.Fatalf("period states %v", statuses)
	}
}
