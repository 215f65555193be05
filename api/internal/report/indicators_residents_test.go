package report_test

import (
	"reflect"
	"testing"
	"time"

	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/apitest"
	"kulttuurisilta/api/internal/report"
)

// TestResidentsActiveByHand: where per-resident participation is recorded, the share of residents with
// at least one active participation, per month and for the range, computed by hand:
//
//	units:     A (residents a1, a2, a3 and a4, a4 no longer active), B (b1, b2), C (inactive unit, c1)
//	X, A:      Tue 7 Jan 2025, residents 3: a1 active, a2 passive, a4 active
//	           Tue 4 Feb 2025 moved to Mon 3 Feb, residents 2: a1 active, a2 active, a3 declined
//	           Tue 4 Mar 2025 counts only (no participants listed)
//	Y, B:      15 Jan 2025, residents 1: b1 active
//	V, C:      20 Jan 2025, residents 1: c1 active (an inactive unit: left out)
//
//	January:   units A and B; active residents 3 + 2 = 5; active participants a1 and b1 (a4 is no
//	           longer active) = 2 / 5
//	February:  unit A; 3; a1, a2 = 2 / 3
//	March:     nothing listed: 0 units, 0 / 0
//	the year:  units A and B; 5; a1, a2, b1 = 3 / 5
//	15 January alone: unit B, 2 residents: fewer than 3, suppressed
func TestResidentsActiveByHand(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	admin, prod := env.Token(access.RoleAdmin), env.Token(access.RoleProducer)
	unit := func(name string, active bool) string {
		return env.Post("/api/v1/units", admin, map[string]any{"name": name + " " + apitest.Suffix(), "kind": "care_home",
			"organisation": "HVA", "sector": "public", "resident_capacity": 10, "active": active}).Expect(201).ID()
	}
	a, b, c := unit("A", true), unit("B", true), unit("C", true)
	res := func(unit, name string) string {
		return env.Post("/api/v1/residents", admin, map[string]any{"unit_id": unit, "display_name": name}).Expect(201).ID()
	}
	a1, a2, a3, a4 := res(a, "Aili"), res(a, "Bertta"), res(a, "Cecilia"), res(a, "Dagmar")
	b1, _ := res(b, "Eino"), res(b, "Frans")
	c1 := res(c, "Gunnar")
	at := func(m, d, h int) time.Time { return time.Date(2025, time.Month(m), d, h, 0, 0, 0, env.Zone) }
	act := func(unit string, start time.Time, rule string) string {
		return env.Post("/api/v1/activities", prod, map[string]any{"title": "T", "category": "music", "starts_at": start,
			"ends_at": start.Add(time.Hour), "recurrence": rule, "unit_ids": []string{unit}, "status": "confirmed",
			"allow_overlap": true}).Expect(201).ID()
	}
	p := func(id, how string) map[string]any { return map[string]any{"resident_id": id, "participation": how} }
	attend := func(act string, start time.Time, residents int, list ...map[string]any) {
		body := map[string]any{"occurrence_start": start, "residents": residents}
		if list != nil {
			body["participants"] = list
		}
		env.Post("/api/v1/activities/"+act+"/attendance", admin, body).Expect(201)
	}
	x := act(a, at(1, 7, 10), "FREQ=MONTHLY;BYDAY=1TU;COUNT=3")
	env.Post("/api/v1/activities/"+x+"/overrides", prod, map[string]any{"original_start": at(2, 4, 10),
		"starts_at": at(2, 3, 10), "ends_at": at(2, 3, 11)}).Expect(201)
	attend(x, at(1, 7, 10), 3, p(a1, "active"), p(a2, "passive"), p(a4, "active"))
	attend(x, at(2, 4, 10), 2, p(a1, "active"), p(a2, "active"), p(a3, "declined"))
	attend(x, at(3, 4, 10), 4)
	attend(act(b, at(1, 15, 10), ""), at(1, 15, 10), 1, p(b1, "active"))
	attend(act(c, at(1, 20, 10), ""), at(1, 20, 10), 1, p(c1, "active"))
	r := env.Get("/api/v1/residents/"+a4, admin).Expect(200)
	env.Patch("/api/v1/residents/"+a4, admin, map[string]any{"active": false}, r.ETag()).Expect(200)
	r = env.Get("/api/v1/units/"+c, admin).Expect(200)
	env.Patch("/api/v1/units/"+c, admin, map[string]any{"active": false}, r.ETag()).Expect(200)

	share := func(units, n, d int, bp *int) report.ResidentShare {
		return report.ResidentShare{Units: units, Numerator: n, Denominator: d, ShareBP: bp}
	}
	check := func(name string, got, want report.ResidentShare) {
		t.Helper()
		if !reflect.DeepEqual(got, want) {
			g, w := got, want
			t.Errorf("%s: got %+v (share %v), want %+v (share %v)", name, g, deref(g.ShareBP), w, deref(w.ShareBP))
		}
	}
	var rep report.IndicatorReport
	env.Get("/api/v1/reports/indicators?year=2025", prod).Expect(200).JSON(&rep)
	check("January", rep.Months[0].ResidentsActive, share(2, 2, 5, bp(4000)))
	check("February (moved to the 3rd)", rep.Months[1].ResidentsActive, share(1, 2, 3, bp(6666)))
	check("March (counts only)", rep.Months[2].ResidentsActive, report.ResidentShare{})
	check("the year", rep.ResidentsActive, share(2, 3, 5, bp(6000)))
	var day report.IndicatorReport
	env.Get("/api/v1/reports/indicators?from=2025-01-15&to=2025-01-16", prod).Expect(200).JSON(&day)
	check("15 January (two residents behind it)", day.ResidentsActive, report.ResidentShare{Units: 1, Suppressed: true})
	check("15 January's month", day.Months[0].ResidentsActive, report.ResidentShare{Units: 1, Suppressed: true})
}

func deref(p *int) any {
	if p == nil {
		return nil
	}
	return *p
}
