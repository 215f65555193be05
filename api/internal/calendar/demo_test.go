package calendar_test

import (
	"context"
	"testing"
	"time"

	"kulttuurisilta/api/internal/calendar"
	"kulttuurisilta/api/internal/database/dbtest"
	"kulttuurisilta/api/internal/seed"
)

// TestDemoCalendar loads the demo twice (idempotent) and checks the
// calendar part: partners, the festival, a weekly sing-along with one
// cancelled occurrence and attendance for past ones, a mentor's proposal.
func TestDemoCalendar(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	zone, _ := time.LoadLocation("Europe/Helsinki")
	type counts struct{ partners, series, acts, attendance, proposed int64 }
	var runs [2]counts
	for i := range runs {
		if err := seed.Demo(context.Background(), db, zone); err != nil {
			t.Fatal(err)
		}
		c := &runs[i]
		db.Table("partners").Count(&c.partners)
		db.Table("series").Count(&c.series)
		db.Table("activities").Count(&c.acts)
		db.Table("attendance").Count(&c.attendance)
		db.Table("activities").Where("status = 'proposed' AND proposed_by IS NOT NULL").Count(&c.proposed)
	}
	// The demo's two years: partners of all three sectors, last year's and this year's festival, the
	// year's activities with attendance for most past occurrences, one mentor's proposal; a second
	// run adds nothing.
	c := runs[0]
	if runs[1] != c || c.partners < 7 || c.series != 2 || c.acts < 30 || c.attendance < 100 || c.proposed != 1 {
		t.Fatalf("%+v, then %+v", runs[0], runs[1])
	}
	s := calendar.Store{DB: db, Zone: zone}
	now := time.Now()
	occ, err := s.Occurrences(context.Background(), calendar.OccurrenceFilter{From: now.AddDate(0, 0, -60), To: now.AddDate(0, 0, 40)})
	if err != nil {
		t.Fatal(err)
	}
	cancelled := 0
	for _, o := range occ {
		if o.Cancelled {
			cancelled++
		}
		if o.Title == "Yhteislauluhetki" && o.StartsAt.In(zone).Hour() != 14 {
			t.Fatalf("sing-along not at 14:00: %v", o.StartsAt.In(zone))
		}
	}
	if cancelled < 1 || len(occ) < 15 {
		t.Fatalf("%d occurrences, %d cancelled", len(occ), cancelled)
	}
}
