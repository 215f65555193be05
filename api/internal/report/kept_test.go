package report_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"kulttuurisilta/api/internal/report"
)

// TestKeptReportFollowsChanges: the activity report the API serves (kept
// per report generation, ADR 0195) equals the store's fresh computation
// after each kind of change the report reads: attendance through the API
// and in SQL, an activity's status, a cancelled occurrence restored, a unit
// renamed, a unit deactivated.
func TestKeptReportFollowsChanges(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	fresh := report.Store{DB: w.env.DB, Zone: w.env.Zone}
	check := func(step string) {
		t.Helper()
		for _, gb := range report.GroupBys {
			want, err := fresh.Activities(context.Background(), w.from, w.to, gb)
			if err != nil {
				t.Fatal(err)
			}
			wantJSON, _ := json.Marshal(want)
			for range 2 { // the second read is the kept one
				got := w.env.Get("/api/v1/reports/activities?"+w.q("&group_by="+gb), w.prod).Expect(200)
				var a, b any
				if err := json.Unmarshal(got.Body, &a); err != nil {
					t.Fatal(err)
				}
				_ = json.Unmarshal(wantJSON, &b)
				ga, _ := json.Marshal(a)
				gb2, _ := json.Marshal(b)
				if string(ga) != string(gb2) {
					t.Fatalf("%s, group_by %s:\nAPI   %s\nfresh %s", step, gb, ga, gb2)
				}
			}
		}
	}
	check("at first")
	// Changes the change log names by activity patch the kept inputs (ADR 0196); a unit's change makes
	// them read again.
	day := func(d, h int) time.Time { return w.from.AddDate(0, 0, d).Add(time.Duration(h) * time.Hour) }
	added := w.env.Post("/api/v1/activities", w.prod, map[string]any{"title": "Kuoro", "category": "music",
		"starts_at": day(2, 10), "ends_at": day(2, 11), "recurrence": "FREQ=WEEKLY;COUNT=3", "unit_ids": []string{w.u2},
		"status": "confirmed", "allow_overlap": true}).Expect(201).ID()
	check("an activity added")
	w.env.Post("/api/v1/activities/"+added+"/attendance", w.prod, map[string]any{"occurrence_start": day(9, 10),
		"residents": 6, "feedback": 3}).Expect(201)
	check("its attendance recorded")
	w.env.Post("/api/v1/activities/"+added+"/overrides", w.prod, map[string]any{"original_start": day(16, 10),
		"starts_at": w.to.AddDate(0, 0, 2).Add(10 * time.Hour), "ends_at": w.to.AddDate(0, 0, 2).Add(11 * time.Hour)}).Expect(201)
	check("an occurrence moved out of the range")
	steps := []struct{ name, sql string }{
		{"attendance changed in SQL", `UPDATE attendance SET residents = residents + 7`},
		{"an activity's attendance removed", `DELETE FROM attendance WHERE activity_id = '` + added + `'`},
		{"an activity deleted", `DELETE FROM activities WHERE id = '` + added + `'`},
		{"an activity cancelled", `UPDATE activities SET status = 'cancelled' WHERE id = '` + w.single + `'`},
		{"a cancelled occurrence restored", `DELETE FROM occurrence_overrides WHERE activity_id = '` + w.weekly + `'`},
		{"a unit renamed", `UPDATE units SET name = 'Uusi nimi' WHERE id = '` + w.u1 + `'`},
		{"a unit deactivated", `UPDATE units SET active = false WHERE id = '` + w.u3 + `'`},
	}
	for _, s := range steps {
		if err := w.env.DB.Exec(s.sql).Error; err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		check(s.name)
	}
	w.env.Post("/api/v1/activities/"+w.weekly+"/attendance", w.prod, map[string]any{"occurrence_start": w.from.AddDate(0, 0, 8).Add(14 * 3600e9),
		"residents": 3}).Expect(201)
	check("attendance recorded through the API")
}
