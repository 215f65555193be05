package report_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/apitest"
)

// TestIdeaReport: ideas received, turned into activities, done and
// declined, with the median days to the first occurrence, by unit, source
// and committee; and nobody but report readers reads it.
func TestIdeaReport(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	admin := env.Token(access.RoleAdmin)
	a, b := env.Unit(), env.Unit()
	committee := func(unit uuid.UUID) string {
		return env.Post("/api/v1/committees", admin, map[string]any{"unit_id": unit, "name": "T " + apitest.Suffix()}).Expect(201).ID()
	}
	ca, cb := committee(a), committee(b)
	idea := func(c, source string) string {
		return env.Post("/api/v1/ideas", admin, map[string]any{"committee_id": c, "title": "Toive", "source": source}).Expect(201).ID()
	}
	turn := func(id string, unit uuid.UUID, days int) string {
		start := time.Now().Add(time.Duration(days) * 24 * time.Hour).Truncate(time.Hour)
		return env.Post("/api/v1/ideas/"+id+"/activity", admin, map[string]any{"title": "Toiveesta", "category": "music",
			"starts_at": start, "ends_at": start.Add(time.Hour), "unit_ids": []uuid.UUID{unit},
			"allow_overlap": true}).Expect(201).ID()
	}
	i1, i2, i3 := idea(ca, "resident"), idea(ca, "meeting"), idea(ca, "resident")
	idea(cb, "survey")
	act1 := turn(i1, a, 10)
	turn(i2, a, 30)
	// The way back from an activity to its wish.
	var back struct{ Items []struct{ ID string } }
	env.Get("/api/v1/ideas?activity_id="+act1, admin).Expect(http.StatusOK).JSON(&back)
	if len(back.Items) != 1 || back.Items[0].ID != i1 {
		t.Fatalf("ideas of activity: %+v", back)
	}
	env.Patch("/api/v1/ideas/"+i3, admin, map[string]any{"status": "declined"}, "").Expect(200)

	var rep struct {
		Groups []struct {
			Key, Label                        string
			Received, Planned, Done, Declined int
			MedianDaysToFirst                 *float64 `json:"median_days_to_first"`
		} `json:"groups"`
		Total struct {
			Received, Planned, Declined int
			MedianDaysToFirst           *float64 `json:"median_days_to_first"`
		} `json:"total"`
	}
	today := time.Now().In(env.Zone).Format(time.DateOnly)
	tomorrow := time.Now().In(env.Zone).AddDate(0, 0, 1).Format(time.DateOnly)
	q := "/api/v1/reports/ideas?from=" + today + "&to=" + tomorrow
	env.Get(q+"&group_by=committee", admin).Expect(http.StatusOK).JSON(&rep)
	if rep.Total.Received != 4 || rep.Total.Planned != 2 || rep.Total.Declined != 1 || rep.Total.MedianDaysToFirst == nil ||
		*rep.Total.MedianDaysToFirst < 19.5 || *rep.Total.MedianDaysToFirst > 20.5 || len(rep.Groups) != 2 {
		t.Fatalf("total: %+v", rep)
	}
	for _, g := range rep.Groups {
		switch g.Key {
		case ca:
			if g.Received != 3 || g.Planned != 2 || g.Declined != 1 {
				t.Errorf("committee A: %+v", g)
			}
		case cb:
			if g.Received != 1 || g.Planned != 0 || g.MedianDaysToFirst != nil {
				t.Errorf("committee B: %+v", g)
			}
		default:
			t.Errorf("group %+v", g)
		}
	}
	env.Get(q+"&group_by=source", admin).Expect(http.StatusOK).JSON(&rep)
	got := map[string]int{}
	for _, g := range rep.Groups {
		got[g.Key] = g.Received
	}
	if got["resident"] != 2 || got["meeting"] != 1 || got["survey"] != 1 {
		t.Fatalf("by source: %v", got)
	}
	env.Get(q, admin).Expect(http.StatusOK).JSON(&rep)
	if len(rep.Groups) != 2 || (rep.Groups[0].Key != a.String() && rep.Groups[1].Key != a.String()) {
		t.Fatalf("by unit: %+v", rep.Groups)
	}
	env.Get(q+"&group_by=resident", admin).Problem(http.StatusBadRequest, "bad-request")
	for who, want := range map[string]int{"producer": 200, "viewer": 200, "mentor": 403} {
		tok := env.Token(access.Role(who), apitest.WithUnits(a))
		if who != "mentor" {
			tok = env.Token(access.Role(who))
		}
		env.Get(q, tok).Expect(want)
	}
}

// TestResidentReachSuppressed: a unit's share of residents with active
// participation comes from the participants, and is suppressed when fewer
// than 3 residents are behind it; no report names a resident.
func TestResidentReachSuppressed(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	admin := env.Token(access.RoleAdmin)
	big, small := env.Unit(), env.Unit()
	res := func(unit uuid.UUID, name string) string {
		return env.Post("/api/v1/residents", admin, map[string]any{"unit_id": unit, "display_name": name}).Expect(201).ID()
	}
	b1, b2, b3 := res(big, "Salainen1"), res(big, "Salainen2"), res(big, "Salainen3")
	res(big, "Salainen4")
	s1 := res(small, "Salainen5")
	start := time.Date(2025, 3, 4, 12, 0, 0, 0, env.Zone)
	act := env.Post("/api/v1/activities", admin, map[string]any{"title": "Laulu", "category": "music", "starts_at": start,
		"ends_at": start.Add(time.Hour), "unit_ids": []uuid.UUID{big, small}, "status": "completed", "allow_overlap": true}).Expect(201).ID()
	p := func(id string) map[string]any { return map[string]any{"resident_id": id, "participation": "active"} }
	env.Post("/api/v1/activities/"+act+"/attendance", admin, map[string]any{"occurrence_start": start, "residents": 4,
		"participants": []map[string]any{p(b1), p(b2), p(b3), p(s1)}}).Expect(201)

	r := env.Get("/api/v1/reports/indicators?year=2025", admin).Expect(http.StatusOK)
	if strings.Contains(string(r.Body), "Salainen") || strings.Contains(string(r.Body), b1) {
		t.Fatal("the indicators name a resident")
	}
	var rep struct {
		Months []struct {
			ResidentsActive map[string]any `json:"residents_active"`
		} `json:"months"`
		Units []struct {
			UnitID          string         `json:"unit_id"`
			ResidentsActive map[string]any `json:"residents_active"`
		} `json:"units"`
	}
	r.JSON(&rep)
	for _, u := range rep.Units {
		ra := u.ResidentsActive
		switch u.UnitID {
		case big.String():
			if ra["numerator"].(float64) != 3 || ra["denominator"].(float64) != 4 || ra["share_bp"].(float64) != 7500 || ra["suppressed"] != false {
				t.Errorf("big unit: %v", ra)
			}
		case small.String():
			if ra["numerator"].(float64) != 0 || ra["share_bp"] != nil || ra["suppressed"] != true {
				t.Errorf("small unit: %v", ra)
			}
		}
	}
	if m := rep.Months[2].ResidentsActive; m["numerator"].(float64) != 4 || m["denominator"].(float64) != 5 {
		t.Errorf("March: %v", m)
	}
	for _, path := range []string{"/api/v1/reports/activities?from=2025-01-01&to=2026-01-01", "/api/v1/reports/reach?from=2025-01-01&to=2026-01-01",
		"/api/v1/reports/ideas?from=2025-01-01&to=2026-01-01", "/api/v1/reports/activities.csv?from=2025-01-01&to=2026-01-01"} {
		if body := string(env.Get(path, admin).Expect(http.StatusOK).Body); strings.Contains(body, "Salainen") || strings.Contains(body, b1) {
			t.Errorf("%s names a resident", path)
		}
	}
}
