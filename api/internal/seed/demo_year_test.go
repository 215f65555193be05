package seed_test

import (
	"context"
	"testing"
	"time"

	"kulttuurisilta/api/internal/database/dbtest"
	"kulttuurisilta/api/internal/report"
	"kulttuurisilta/api/internal/seed"
)

// TestDemoYear loads the demo twice (idempotent: the second run adds nothing) and checks that every
// chart and indicator of the reports screen has something to show for last year and for this one
// (issue 20): every category, all three partner sectors, feedback of several grades, ideas in every
// state, attendance for most occurrences with one unit visibly lagging, a unit left out this year and
// last year's three-week festival.
func TestDemoYear(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	ctx := context.Background()
	zone, _ := time.LoadLocation("Europe/Helsinki")
	if err := seed.Demo(ctx, db, zone); err != nil {
		t.Fatal(err)
	}
	var activities, attendance int64
	db.Table("activities").Count(&activities)
	db.Table("attendance").Count(&attendance)
	if err := seed.Demo(ctx, db, zone); err != nil {
		t.Fatal(err)
	}
	var activities2, attendance2 int64
	db.Table("activities").Count(&activities2)
	db.Table("attendance").Count(&attendance2)
	if activities2 != activities || attendance2 != attendance {
		t.Fatalf("a second run added rows: activities %d -> %d, attendance %d -> %d", activities, activities2, attendance, attendance2)
	}

	s := report.Store{DB: db, Zone: zone}
	y := time.Now().In(zone).Year()
	for _, year := range []int{y - 1, y} {
		from := time.Date(year, 1, 1, 0, 0, 0, 0, zone)
		r, err := s.Indicators(ctx, from, from.AddDate(1, 0, 0), &year)
		if err != nil {
			t.Fatal(err)
		}
		if year == y-1 {
			// Last year is whole: every category, every month, a festival.
			for _, c := range r.Categories {
				if c.Occurrences == 0 {
					t.Errorf("%d: no occurrence of %s", year, c.Key)
				}
			}
			if len(r.Categories) < 10 {
				t.Errorf("%d: %d categories", year, len(r.Categories))
			}
			for _, m := range r.Months {
				if m.Occurrences == 0 || m.OccurrencesWithAttendance == 0 || m.Participants.Total == 0 {
					t.Errorf("%d: month %s is empty: %+v", year, m.Month, m)
				}
			}
			if r.UnitsReached.Numerator != r.UnitsReached.Denominator {
				t.Errorf("%d: units reached %+v, want all", year, r.UnitsReached)
			}
			if r.Cancelled == 0 {
				t.Errorf("%d: no cancelled occurrence", year)
			}
		} else if r.UnitsReached.Numerator >= r.UnitsReached.Denominator {
			t.Errorf("%d: units reached %+v, want one left out", year, r.UnitsReached)
		}
		for _, p := range r.PartnerSectors {
			if p.Partners.Numerator == 0 {
				t.Errorf("%d: no partner of sector %s", year, p.Sector)
			}
		}
		grades := 0
		for _, n := range r.Feedback.Distribution {
			if n > 0 {
				grades++
			}
		}
		if grades < 4 {
			t.Errorf("%d: feedback distribution %v", year, r.Feedback.Distribution)
		}
		if r.IdeasFulfilled.Denominator < 3 || r.IdeasFulfilled.Numerator == 0 || r.IdeasFulfilled.Numerator == r.IdeasFulfilled.Denominator {
			t.Errorf("%d: ideas fulfilled %+v", year, r.IdeasFulfilled)
		}
		if r.Volunteers.Numerator == 0 || r.OccurrencesPer100Places.Per100 == nil {
			t.Errorf("%d: volunteers %+v, per 100 places %+v", year, r.Volunteers, r.OccurrencesPer100Places)
		}
		for _, g := range r.TargetGroups {
			if g.Key != "" && g.Participants.Total == 0 {
				t.Errorf("%d: no participants in target group %s", year, g.Key)
			}
		}

		a, err := s.Adoption(ctx, from, from.AddDate(1, 0, 0), &year)
		if err != nil {
			t.Fatal(err)
		}
		if len(a.Units) == 0 || a.Units[0].Name != "Työkeskus Verstas" || !a.Units[0].LowestFifth {
			t.Fatalf("%d: adoption %+v, want Työkeskus Verstas lowest", year, a.Units)
		}
		lag := a.Units[0].AttendanceRecorded
		if lag.ShareBP == nil || *lag.ShareBP > 5000 {
			t.Errorf("%d: the lagging unit recorded %+v", year, lag)
		}
		if year == y-1 {
			if a.AttendanceRecorded.ShareBP == nil || *a.AttendanceRecorded.ShareBP < 7000 {
				t.Errorf("%d: attendance recorded %+v overall, want most", year, a.AttendanceRecorded)
			}
		}
	}

	// Ideas in every state.
	var states []string
	db.Table("ideas").Distinct("status").Order("status").Pluck("status", &states)
	if len(states) != 4 {
		t.Errorf("idea states %v", states)
	}
	// Last year's festival: three weeks.
	var days int
	db.Raw(`SELECT ends_on - starts_on FROM series WHERE name = ?`, "Kulttuuriviikot "+time.Date(y-1, 1, 1, 0, 0, 0, 0, zone).Format("2006")).Scan(&days)
	if days != 20 {
		t.Errorf("last year's festival lasts %d days", days+1)
	}
}
