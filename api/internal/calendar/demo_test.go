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
	for range 2 {
		if err := seed.Demo(context.Background(), db, zone); err != nil {
			t.Fatal(err)
		}
	}
	var partners, series, acts, attendance, proposed int64
	db.Table("partners").Count(&partners)
	db.Table("series").Count(&series)
	db.Table("activities").Count(&acts)
	db.Table("attendance").Count(&attendance)
	db.Table("activities").Where("status = 'proposed' AND proposed_by IS NOT NULL").Count(&proposed)
	if partners != 4 || series != 1 || acts != 7 || attendance < 5 || proposed != 1 {
		t.Fatalf("%d partners, %d series, %d activities, %d attendance, %d proposals", partners, series, acts, attendance, proposed)
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
	if cancelled != 1 || len(occ) < 15 {
		t.Fatalf("%d occurrences, %d cancelled", len(occ), cancelled)
	}
}
