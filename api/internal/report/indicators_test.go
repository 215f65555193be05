package report_test

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/apitest"
	"kulttuurisilta/api/internal/report"
)

// yearWorld is a small fixed data set for 2025 whose indicators are computed by hand below.
//
//	units:    A (20 places), B (10 places), C (no capacity given), D (50 places, inactive)
//	partners: P1 public, P2 private, P3 third, P4 third (never in an activity)
//	X  music, weekly ×3 from Tue 7 Jan 10:00, unit A, P1, elderly, completed; 14 Jan cancelled (override)
//	   attendance 7 Jan: 10 residents, 2 staff, 1 volunteer, feedback 5; 21 Jan: 6 residents, 1 staff, 1 relative, feedback 4
//	Y  theatre, 10 Feb, units A and B, P2 and P3, elderly and disability, completed
//	   attendance: 12 residents, 3 staff, 2 volunteers, 3 relatives, feedback 3
//	Z  crafts, 5 Mar, unit B, no partner, no target group, confirmed, no attendance
//	W  dance, 20 Mar, unit C, proposed (ignored)
//	V  dance, 2 Apr, unit D (inactive), P3, completed; attendance 5 residents, feedback 2
//	T  other, 5 May, unit C, cancelled
//	U  music, 20 Dec 2024, unit C, completed, attendance (outside the year)
//	ideas received in 2025: done, done, declined; one more done but received in 2026
type yearWorld struct {
	env        *apitest.Env
	admin      string
	prod       string
	a, b, c, d string
}

func newYearWorld(t *testing.T) *yearWorld {
	env := apitest.New(t)
	w := &yearWorld{env: env, admin: env.Token(access.RoleAdmin), prod: env.Token(access.RoleProducer)}
	unit := func(name string, places int, active bool) string {
		return env.Post("/api/v1/units", w.admin, map[string]any{"name": name + " " + apitest.Suffix(), "kind": "care_home",
			"organisation": "HVA", "sector": "public", "resident_capacity": places, "active": active}).Expect(201).ID()
	}
	w.a, w.b, w.c, w.d = unit("A", 20, true), unit("B", 10, true), unit("C", 0, true), unit("D", 50, false)
	partner := func(sector string) string {
		return env.Post("/api/v1/partners", w.prod, map[string]any{"name": "P " + sector + " " + apitest.Suffix(),
			"kind": "performer", "sector": sector}).Expect(201).ID()
	}
	p1, p2, p3 := partner("public"), partner("private"), partner("third")
	partner("third")
	at := func(y, m, d, h int) time.Time { return time.Date(y, time.Month(m), d, h, 0, 0, 0, env.Zone) }
	act := func(title, cat string, start time.Time, rule string, units, partners, groups []string, status string) string {
		return env.Post("/api/v1/activities", w.prod, map[string]any{"title": title, "category": cat, "starts_at": start,
			"ends_at": start.Add(time.Hour), "recurrence": rule, "unit_ids": units, "partner_ids": partners,
			"target_groups": groups, "status": status, "allow_overlap": true}).Expect(201).ID()
	}
	fb := func(n int) *int { return &n }
	attend := func(id string, start time.Time, res, staff, vol, rel int, feedback *int) {
		env.Post("/api/v1/activities/"+id+"/attendance", w.prod, map[string]any{"occurrence_start": start, "residents": res,
			"staff": staff, "volunteers": vol, "relatives": rel, "feedback": feedback}).Expect(201)
	}
	x := act("X", "music", at(2025, 1, 7, 10), "FREQ=WEEKLY;COUNT=3", []string{w.a}, []string{p1}, []string{"elderly"}, "completed")
	env.Post("/api/v1/activities/"+x+"/overrides", w.prod, map[string]any{"original_start": at(2025, 1, 14, 10), "cancelled": true}).Expect(201)
	attend(x, at(2025, 1, 7, 10), 10, 2, 1, 0, fb(5))
	attend(x, at(2025, 1, 21, 10), 6, 1, 0, 1, fb(4))
	y := act("Y", "theatre", at(2025, 2, 10, 13), "", []string{w.a, w.b}, []string{p2, p3}, []string{"elderly", "disability"}, "completed")
	attend(y, at(2025, 2, 10, 13), 12, 3, 2, 3, fb(3))
	act("Z", "crafts", at(2025, 3, 5, 10), "", []string{w.b}, nil, nil, "confirmed")
	act("W", "dance", at(2025, 3, 20, 10), "", []string{w.c}, nil, nil, "proposed")
	v := act("V", "dance", at(2025, 4, 2, 10), "", []string{w.d}, []string{p3}, nil, "completed")
	attend(v, at(2025, 4, 2, 10), 5, 0, 0, 0, fb(2))
	tr := env.Post("/api/v1/activities", w.prod, map[string]any{"title": "T", "category": "other", "starts_at": at(2025, 5, 5, 10),
		"ends_at": at(2025, 5, 5, 11), "unit_ids": []string{w.c}, "status": "planned", "allow_overlap": true}).Expect(201)
	env.Patch("/api/v1/activities/"+tr.ID(), w.prod, map[string]any{"status": "cancelled"}, tr.ETag()).Expect(200)
	u := act("U", "music", at(2024, 12, 20, 10), "", []string{w.c}, nil, nil, "completed")
	attend(u, at(2024, 12, 20, 10), 9, 1, 0, 0, fb(1))

	committee := env.Post("/api/v1/committees", w.admin, map[string]any{"unit_id": w.a, "name": "Toimikunta"}).Expect(201).ID()
	for i, st := range []struct {
		status   string
		received time.Time
	}{{"done", at(2025, 2, 1, 12)}, {"done", at(2025, 6, 1, 12)}, {"declined", at(2025, 12, 31, 12)}, {"done", at(2026, 1, 1, 0)}} {
		id := env.Post("/api/v1/ideas", w.admin, map[string]any{"committee_id": committee, "title": "Idea " + string(rune('a'+i)),
			"source": "meeting"}).Expect(201).ID()
		if err := env.DB.Exec(`UPDATE ideas SET status = ?, created_at = ? WHERE id = ?`, st.status, st.received, id).Error; err != nil {
			t.Fatal(err)
		}
	}
	return w
}

func bp(n int) *int { return &n }

func fl(f float64) *float64 { return &f }

func TestIndicatorsByHand(t *testing.T) {
	t.Parallel()
	w := newYearWorld(t)
	var rep report.IndicatorReport
	w.env.Get("/api/v1/reports/indicators?year=2025", w.prod).Expect(200).JSON(&rep)

	check := func(name string, got, want any) {
		t.Helper()
		if !reflect.DeepEqual(got, want) {
			g, _ := json.Marshal(got)
			x, _ := json.Marshal(want)
			t.Errorf("%s:\n got %s\nwant %s", name, g, x)
		}
	}
	check("year", rep.Year, bp(2025))
	check("range", [2]string{rep.From.Format(time.RFC3339), rep.To.Format(time.RFC3339)},
		[2]string{"2025-01-01T00:00:00+02:00", "2026-01-01T00:00:00+02:00"})
	// X 2 + Y + Z + V = 5 counted; X's 14 Jan and T cancelled; W a proposal; U outside.
	check("occurrences", [3]int{rep.Occurrences, rep.Cancelled, rep.OccurrencesWithAttendance}, [3]int{5, 2, 4})
	check("participants", rep.Participants, report.Participants{Residents: 33, Staff: 6, Volunteers: 3, Relatives: 4, Total: 46})
	// Active units A, B, C; A and B hosted something (D is inactive, C only a proposal and a cancellation).
	check("units reached", rep.UnitsReached, report.Ratio{Numerator: 2, Denominator: 3, ShareBP: bp(6666)})
	if len(rep.Months) != 12 {
		t.Fatalf("%d months", len(rep.Months))
	}
	check("January", rep.Months[0], report.MonthIndicator{Month: "2025-01", UnitsReached: report.Ratio{Numerator: 1, Denominator: 3, ShareBP: bp(3333)},
		Occurrences: 2, OccurrencesWithAttendance: 2, Participants: report.Participants{Residents: 16, Staff: 3, Volunteers: 1, Relatives: 1, Total: 21}})
	check("February", rep.Months[1].UnitsReached, report.Ratio{Numerator: 2, Denominator: 3, ShareBP: bp(6666)})
	check("February participants", rep.Months[1].Participants.Total, 20)
	check("March", [3]int{rep.Months[2].UnitsReached.Numerator, rep.Months[2].Occurrences, rep.Months[2].OccurrencesWithAttendance}, [3]int{1, 1, 0})
	check("April (an inactive unit's occurrence)", [3]int{rep.Months[3].UnitsReached.Numerator, rep.Months[3].Occurrences, rep.Months[3].Participants.Total}, [3]int{0, 1, 5})
	check("December", rep.Months[11], report.MonthIndicator{Month: "2025-12", UnitsReached: report.Ratio{Numerator: 0, Denominator: 3, ShareBP: bp(0)}})
	// A hosted X ×2 and Y, B hosted Y and Z: 5 unit-occurrences over A's 20 and B's 10 places (C has none given).
	check("per 100 places", rep.OccurrencesPer100Places, report.Rate{Numerator: 5, Denominator: 30, Per100: fl(16.67)})
	tg := map[string]report.GroupIndicator{}
	for _, g := range rep.TargetGroups {
		tg[g.Key] = g
	}
	check("target group keys", len(rep.TargetGroups), 6)
	check("elderly", [3]int{tg["elderly"].Occurrences, tg["elderly"].Participants.Total, *tg["elderly"].Share.ShareBP}, [3]int{3, 41, 8913})
	check("disability", [3]int{tg["disability"].Occurrences, tg["disability"].Participants.Total, *tg["disability"].Share.ShareBP}, [3]int{1, 20, 4347})
	check("no target group", [3]int{tg[""].Occurrences, tg[""].Participants.Total, *tg[""].Share.ShareBP}, [3]int{2, 5, 1086})
	check("staff group", tg["staff"], report.GroupIndicator{Key: "staff", Share: report.Ratio{Numerator: 0, Denominator: 46, ShareBP: bp(0)}})
	cat := map[string]report.GroupIndicator{}
	for _, g := range rep.Categories {
		cat[g.Key] = g
	}
	check("categories", len(rep.Categories), 10)
	check("music", [3]int{cat["music"].Occurrences, cat["music"].Participants.Total, *cat["music"].Share.ShareBP}, [3]int{2, 21, 4565})
	check("theatre", [2]int{cat["theatre"].Occurrences, cat["theatre"].Participants.Residents}, [2]int{1, 12})
	check("crafts", [2]int{cat["crafts"].Occurrences, cat["crafts"].Participants.Total}, [2]int{1, 0})
	check("dance (the proposal ignored)", [2]int{cat["dance"].Occurrences, cat["dance"].Participants.Total}, [2]int{1, 5})
	check("other (cancelled only)", cat["other"].Occurrences, 0)
	// P1 (X), P2 and P3 (Y, V) took part; P4 never.
	check("partner sectors", rep.PartnerSectors, []report.SectorIndicator{
		{Sector: "public", Partners: report.Ratio{Numerator: 1, Denominator: 3, ShareBP: bp(3333)}, Occurrences: 2},
		{Sector: "private", Partners: report.Ratio{Numerator: 1, Denominator: 3, ShareBP: bp(3333)}, Occurrences: 1},
		{Sector: "third", Partners: report.Ratio{Numerator: 1, Denominator: 3, ShareBP: bp(3333)}, Occurrences: 2}})
	check("volunteers", rep.Volunteers, report.Ratio{Numerator: 3, Denominator: 46, ShareBP: bp(652)})
	check("ideas fulfilled", rep.IdeasFulfilled, report.Ratio{Numerator: 2, Denominator: 3, ShareBP: bp(6666)})
	check("feedback", rep.Feedback, report.FeedbackIndicator{Numerator: 14, Denominator: 4, Mean: fl(3.5), Distribution: []int{0, 1, 1, 1, 1}})
	units := map[string]report.UnitIndicator{}
	for _, u := range rep.Units {
		units[u.UnitID.String()] = u
	}
	check("units listed (active only)", len(rep.Units), 3)
	ua, ub, uc := units[w.a], units[w.b], units[w.c]
	check("unit A", [4]int{ua.Occurrences, ua.Participants.Total, ua.Participants.Residents, ua.ResidentCapacity}, [4]int{3, 41, 28, 20})
	check("unit A feedback", ua.FeedbackMean, fl(4))
	check("unit A attendance", ua.AttendanceRecorded, report.Ratio{Numerator: 3, Denominator: 3, ShareBP: bp(10000)})
	check("unit B", [2]int{ub.Occurrences, ub.Participants.Total}, [2]int{2, 20})
	check("unit B attendance", ub.AttendanceRecorded, report.Ratio{Numerator: 1, Denominator: 2, ShareBP: bp(5000)})
	check("unit C", [2]int{uc.Occurrences, uc.Participants.Total}, [2]int{0, 0})
	check("unit C attendance", uc.AttendanceRecorded, report.Ratio{})
	check("unit C feedback", uc.FeedbackMean, (*float64)(nil))

	// A range instead of a year: February only.
	var feb report.IndicatorReport
	w.env.Get("/api/v1/reports/indicators?from=2025-02-01&to=2025-03-01", w.prod).Expect(200).JSON(&feb)
	check("february range", [4]int{len(feb.Months), feb.Occurrences, feb.Participants.Total, feb.UnitsReached.Numerator}, [4]int{1, 1, 20, 2})
	check("february year", feb.Year, (*int)(nil))
	check("february ideas", feb.IdeasFulfilled, report.Ratio{Numerator: 1, Denominator: 1, ShareBP: bp(10000)})
	check("february per 100 places", feb.OccurrencesPer100Places, report.Rate{Numerator: 2, Denominator: 30, Per100: fl(6.67)})
	// A year with nothing: every share of units is 0, every share over nothing is null.
	var empty report.IndicatorReport
	w.env.Get("/api/v1/reports/indicators?year=2023", w.prod).Expect(200).JSON(&empty)
	check("empty year", [3]any{empty.Occurrences, empty.Volunteers, empty.Feedback.Mean}, [3]any{0, report.Ratio{}, (*float64)(nil)})
	check("empty year units", empty.UnitsReached, report.Ratio{Numerator: 0, Denominator: 3, ShareBP: bp(0)})
}

func TestAdoptionByHand(t *testing.T) {
	t.Parallel()
	w := newYearWorld(t)
	var rep report.AdoptionReport
	w.env.Get("/api/v1/reports/adoption?year=2025", w.prod).Expect(200).JSON(&rep)
	// Ended occurrences: X ×2, Y, Z, V; attendance for all but Z.
	if !reflect.DeepEqual(rep.AttendanceRecorded, report.Ratio{Numerator: 4, Denominator: 5, ShareBP: bp(8000)}) {
		t.Errorf("overall %+v", rep.AttendanceRecorded)
	}
	if len(rep.Units) != 3 || rep.Units[0].UnitID.String() != w.b || rep.Units[1].UnitID.String() != w.a || rep.Units[2].UnitID.String() != w.c {
		t.Fatalf("order %+v", rep.Units)
	}
	// Two units have ended occurrences: the lowest fifth is one unit, B (1 of 2).
	b, a, c := rep.Units[0], rep.Units[1], rep.Units[2]
	if !b.LowestFifth || a.LowestFifth || c.LowestFifth || rep.LowestFifthCount != 1 {
		t.Errorf("lowest fifth: B %v, A %v, C %v, count %d", b.LowestFifth, a.LowestFifth, c.LowestFifth, rep.LowestFifthCount)
	}
	if *b.AttendanceRecorded.ShareBP != 5000 || *a.AttendanceRecorded.ShareBP != 10000 || c.AttendanceRecorded.ShareBP != nil {
		t.Errorf("shares %+v %+v %+v", b.AttendanceRecorded, a.AttendanceRecorded, c.AttendanceRecorded)
	}
	// Every unit has had attendance recorded (C for U, in December 2024), just now.
	for _, u := range rep.Units {
		if u.LastRecordedAt == nil || time.Since(*u.LastRecordedAt) > time.Hour {
			t.Errorf("%s last recorded %v", u.Name, u.LastRecordedAt)
		}
	}
	// Before any attendance row's occurrence began: none recorded.
	w.env.Get("/api/v1/reports/adoption?from=2024-01-01&to=2024-12-01", w.prod).Expect(200).JSON(&rep)
	for _, u := range rep.Units {
		if u.LastRecordedAt != nil || u.LowestFifth {
			t.Errorf("2024: %+v", u)
		}
	}
}

func TestLowestFifthTies(t *testing.T) {
	t.Parallel()
	// Units are sorted lowest first; with 7 ranked units the fifth is 2, and a tie with the second counts.
	shares := []int{0, 1000, 1000, 1000, 5000, 9000, 10000}
	units := make([]report.UnitAdoption, 0, len(shares)+1)
	for _, s := range shares {
		units = append(units, report.UnitAdoption{AttendanceRecorded: report.Ratio{Numerator: s, Denominator: 10000, ShareBP: bp(s)}})
	}
	units = append(units, report.UnitAdoption{}) // nothing ended: never marked
	if n := report.MarkLowestFifth(units); n != 4 {
		t.Errorf("marked %d, want 4", n)
	}
	for i, u := range units {
		if u.LowestFifth != (i < 4) {
			t.Errorf("unit %d marked %v", i, u.LowestFifth)
		}
	}
	if report.MarkLowestFifth([]report.UnitAdoption{{}}) != 0 {
		t.Error("a unit with nothing ended was marked")
	}
}

func TestIndicatorParams(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	tok := env.Token(access.RoleManager, apitest.WithDepartment(env.Department()))
	for _, path := range []string{"/api/v1/reports/indicators", "/api/v1/reports/adoption"} {
		for _, bad := range []struct{ q, field, code string }{
			{"", "year", "required"},
			{"?year=25", "year", "invalid_format"},
			{"?year=abcd", "year", "invalid_format"},
			{"?year=1899", "year", "out_of_range"},
			{"?year=2025&from=2025-01-01&to=2025-02-01", "year", "invalid"},
			{"?from=2025-01-01", "to", "required"},
			{"?from=2025-02-01&to=2025-01-01", "from", "out_of_range"},
			{"?from=2020-01-01&to=2025-01-01", "from", "out_of_range"},
		} {
			r := env.Get(path+bad.q, env.Token(access.RoleAdmin))
			r.Problem(400, "bad-request")
			if !r.HasFieldError(bad.field, bad.code) {
				t.Errorf("%s%s: %s", path, bad.q, r.Body)
			}
		}
		env.CheckBadTokens("GET", path+"?year=2025")
		env.Get(path+"?year=2025", env.APIToken(access.ScopeCalendarRead)).Expect(200)
		env.Get(path+"?year=2025", env.APIToken(access.ScopeOrgRead)).Problem(403, "forbidden")
		env.Get(path+"?year=2025", env.Token(access.RoleMentor)).Problem(403, "forbidden")
	}
	for _, role := range []access.Role{access.RoleAdmin, access.RoleProducer, access.RoleManager, access.RoleViewer} {
		env.Get("/api/v1/reports/indicators?year=2025", env.Token(role)).Expect(200)
	}
	env.Get("/api/v1/reports/adoption?year=2025", tok).Problem(403, "forbidden")
	env.Get("/api/v1/reports/adoption?year=2025", env.Token(access.RoleViewer)).Problem(403, "forbidden")
}
