package calendar_test

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/google/uuid"

	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/apitest"
)

type calList struct {
	Items []map[string]any `json:"items"`
	Total int              `json:"total"`
}

func activityBody(units []uuid.UUID, start, end string, extra map[string]any) map[string]any {
	b := map[string]any{"title": "Yhteislaulu " + apitest.Suffix(), "category": "music", "starts_at": start, "ends_at": end,
		"unit_ids": units}
	for k, v := range extra {
		b[k] = v
	}
	return b
}

func getCalendar(t *testing.T, env *apitest.Env, tok, query string) calList {
	t.Helper()
	var l calList
	env.Get("/api/v1/calendar?"+query, tok).Expect(http.StatusOK).JSON(&l)
	return l
}

// TestWeeklyAcrossDST: a weekly Tuesday 14:00 sing-along stays at 14:00
// Helsinki time when summer time ends (25 October 2026); one occurrence is
// cancelled (still listed, marked) and one moved, the rest untouched.
func TestWeeklyAcrossDST(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	unit := env.Unit()
	producer := env.Token(access.RoleProducer)
	r := env.Post("/api/v1/activities", producer, activityBody([]uuid.UUID{unit}, "2026-10-06T14:00:00+03:00",
		"2026-10-06T15:00:00+03:00", map[string]any{"recurrence": "RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=6", "status": "planned"})).
		Expect(http.StatusCreated)
	act := r.Map()
	id := act["id"].(string)
	if act["recurrence"] != "FREQ=WEEKLY;COUNT=6;BYDAY=TU" || act["until_at"] != "2026-11-10T15:00:00+02:00" {
		t.Fatalf("canonical rule / until_at: %v %v", act["recurrence"], act["until_at"])
	}

	l := getCalendar(t, env, producer, "from=2026-10-01&to=2026-12-01")
	want := []string{"2026-10-06T14:00:00+03:00", "2026-10-13T14:00:00+03:00", "2026-10-20T14:00:00+03:00",
		"2026-10-27T14:00:00+02:00", "2026-11-03T14:00:00+02:00", "2026-11-10T14:00:00+02:00"}
	if l.Total != len(want) {
		t.Fatalf("total %d, want %d: %v", l.Total, len(want), l.Items)
	}
	for i, it := range l.Items {
		if it["starts_at"] != want[i] || it["activity_id"] != id || it["original_start"] != want[i] {
			t.Fatalf("occurrence %d: %v, want %s", i, it, want[i])
		}
	}

	// Cancel 13 Oct, move 27 Oct to Thursday 29 Oct 10:00.
	env.Post("/api/v1/activities/"+id+"/overrides", producer, map[string]any{"original_start": "2026-10-13T11:00:00Z",
		"cancelled": true, "note": "Esiintyjä sairastui"}).Expect(http.StatusCreated)
	env.Post("/api/v1/activities/"+id+"/overrides", producer, map[string]any{"original_start": "2026-10-27T14:00:00+02:00",
		"starts_at": "2026-10-29T10:00:00+02:00", "ends_at": "2026-10-29T11:00:00+02:00"}).Expect(http.StatusCreated)
	// Not an occurrence, and a second override of the same occurrence.
	env.Post("/api/v1/activities/"+id+"/overrides", producer, map[string]any{"original_start": "2026-10-14T14:00:00+03:00",
		"cancelled": true}).Problem(http.StatusUnprocessableEntity, "validation")
	env.Post("/api/v1/activities/"+id+"/overrides", producer, map[string]any{"original_start": "2026-10-13T14:00:00+03:00",
		"cancelled": true}).Problem(http.StatusConflict, "conflict")

	l = getCalendar(t, env, producer, "from=2026-10-01&to=2026-12-01")
	if l.Total != 6 {
		t.Fatalf("cancelled occurrences are listed: total %d", l.Total)
	}
	got := make([]string, len(l.Items))
	for i, it := range l.Items {
		got[i] = fmt.Sprintf("%s %v %v", it["starts_at"], it["status"], it["moved"])
	}
	wantGot := []string{"2026-10-06T14:00:00+03:00 planned false", "2026-10-13T14:00:00+03:00 cancelled false",
		"2026-10-20T14:00:00+03:00 planned false", "2026-10-29T10:00:00+02:00 planned true",
		"2026-11-03T14:00:00+02:00 planned false", "2026-11-10T14:00:00+02:00 planned false"}
	if fmt.Sprint(got) != fmt.Sprint(wantGot) {
		t.Fatalf("calendar\n got %v\nwant %v", got, wantGot)
	}
	if l.Items[3]["original_start"] != "2026-10-27T14:00:00+02:00" || l.Items[1]["cancelled"] != true {
		t.Fatalf("override identity: %v %v", l.Items[3], l.Items[1])
	}
	// The moved occurrence appears in a range that holds only its new time.
	l = getCalendar(t, env, producer, "from=2026-10-29&to=2026-10-30")
	if l.Total != 1 || l.Items[0]["moved"] != true {
		t.Fatalf("moved into range: %v", l.Items)
	}
	// Status filter: cancelled finds the single cancelled occurrence.
	l = getCalendar(t, env, producer, "from=2026-10-01&to=2026-12-01&status=cancelled")
	if l.Total != 1 || l.Items[0]["starts_at"] != "2026-10-13T14:00:00+03:00" {
		t.Fatalf("status=cancelled: %v", l.Items)
	}
	// Paging.
	l = getCalendar(t, env, producer, "from=2026-10-01&to=2026-12-01&limit=2&offset=4")
	if l.Total != 6 || len(l.Items) != 2 || l.Items[0]["starts_at"] != "2026-11-03T14:00:00+02:00" {
		t.Fatalf("page: %v", l)
	}
	// The activity's own occurrences.
	var occ calList
	env.Get("/api/v1/activities/"+id+"/occurrences?from=2026-10-01&to=2027-01-01", producer).Expect(http.StatusOK).JSON(&occ)
	if occ.Total != 6 {
		t.Fatalf("activity occurrences: %d", occ.Total)
	}
	var ovs calList
	env.Get("/api/v1/activities/"+id+"/overrides", producer).Expect(http.StatusOK).JSON(&ovs)
	if ovs.Total != 2 {
		t.Fatalf("overrides: %d", ovs.Total)
	}
	// Restoring the cancelled one.
	ov := ovs.Items[0]["id"].(string)
	env.Delete("/api/v1/activities/"+id+"/overrides/"+ov, producer, `"1"`).Expect(http.StatusNoContent)
	l = getCalendar(t, env, producer, "from=2026-10-01&to=2026-12-01&status=cancelled")
	if l.Total != 0 {
		t.Fatalf("restored: %v", l.Items)
	}
}

// TestUnboundedRuleIsBoundedByRange: an unbounded daily rule is fine; the
// calendar only expands the requested range.
func TestUnboundedRuleIsBoundedByRange(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	unit := env.Unit()
	producer := env.Token(access.RoleProducer)
	a := env.Post("/api/v1/activities", producer, activityBody([]uuid.UUID{unit}, "2026-01-01T09:00:00+02:00",
		"2026-01-01T09:30:00+02:00", map[string]any{"recurrence": "FREQ=DAILY", "exdates": []string{"2026-03-02T09:00:00+02:00"}})).
		Expect(http.StatusCreated).Map()
	if a["until_at"] != nil {
		t.Fatalf("until_at of an unbounded rule: %v", a["until_at"])
	}
	l := getCalendar(t, env, producer, "from=2026-03-01&to=2026-04-01&limit=2000")
	if l.Total != 30 { // 31 days less the excluded one
		t.Fatalf("March: %d occurrences", l.Total)
	}
	l = getCalendar(t, env, producer, "from=2199-01-01&to=2199-12-31&limit=1")
	if l.Total != 364 {
		t.Fatalf("2199: %d occurrences", l.Total)
	}
}

func TestCalendarParameters(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	tok := env.Token(access.RoleViewer)
	bad := []string{
		"", "from=2026-01-01", "to=2026-01-01", "from=2026-01-01&to=2027-01-03", "from=2026-02-01&to=2026-01-01",
		"from=yesterday&to=2026-01-01", "from=2026-01-01&to=2026-02-01&unit_id=nope",
		"from=2026-01-01&to=2026-02-01&category=opera", "from=2026-01-01&to=2026-02-01&status=done",
		"from=2026-01-01&to=2026-02-01&limit=2001", "from=2026-01-01&to=2026-02-01&limit=0",
		"from=2026-01-01&to=2026-02-01&offset=-1", "from=2026-01-01&to=2026-02-01&series_id=1%27%20OR%201=1",
		"from=0001-01-01&to=0001-02-01", "from=2026-01-01&to=2026-02-01&updated_since=now",
	}
	for _, q := range bad {
		env.Get("/api/v1/calendar?"+q, tok).Problem(http.StatusBadRequest, "bad-request")
	}
	getCalendar(t, env, tok, "from=2026-01-01&to=2027-01-01&limit=2000")
	getCalendar(t, env, tok, "from="+url.QueryEscape("2026-01-01T00:00:00+02:00")+"&to=2026-02-01&status=confirmed,cancelled&target_group=elderly")
	env.CheckBadTokens("GET", "/api/v1/calendar?from=2026-01-01&to=2026-02-01")
}

func TestActivityValidation(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	unit := env.Unit()
	tok := env.Token(access.RoleProducer)
	valid := activityBody([]uuid.UUID{unit}, "2026-09-01T14:00:00+03:00", "2026-09-01T15:00:00+03:00",
		map[string]any{"recurrence": "FREQ=WEEKLY"})
	valid["unit_ids"] = []string{unit.String()}
	env.CheckBadBodies("POST", "/api/v1/activities", tok, valid)
	u := []uuid.UUID{unit}
	s, e := "2026-09-01T14:00:00+03:00", "2026-09-01T15:00:00+03:00"
	tests := []struct {
		name   string
		body   map[string]any
		fields []string
	}{
		{"missing everything", map[string]any{}, []string{"title", "category", "starts_at", "ends_at", "unit_ids"}},
		{"end before start", activityBody(u, e, s, nil), []string{"ends_at"}},
		{"too long", activityBody(u, s, "2026-09-20T15:00:00+03:00", nil), []string{"ends_at"}},
		{"bad rule", activityBody(u, s, e, map[string]any{"recurrence": "FREQ=SOMETIMES"}), []string{"recurrence"}},
		{"hourly rule", activityBody(u, s, e, map[string]any{"recurrence": "FREQ=HOURLY"}), []string{"recurrence"}},
		{"rule garbage", activityBody(u, s, e, map[string]any{"recurrence": ";;;=="}), []string{"recurrence"}},
		{"rule huge count", activityBody(u, s, e, map[string]any{"recurrence": "FREQ=DAILY;COUNT=99999999999"}), []string{"recurrence"}},
		{"exdates without rule", activityBody(u, s, e, map[string]any{"exdates": []string{s}}), []string{"exdates"}},
		{"bad enums", activityBody(u, s, e, map[string]any{"category": "opera", "status": "done", "visibility": "secret",
			"target_groups": []string{"kids"}}), []string{"category", "status", "target_groups", "visibility"}},
		{"negative numbers", activityBody(u, s, e, map[string]any{"capacity": -1, "cost_estimate_cents": -5}),
			[]string{"capacity", "cost_estimate_cents"}},
		{"unknown unit", activityBody([]uuid.UUID{uuid.New()}, s, e, nil), []string{"unit_ids"}},
		{"unknown partner", activityBody(u, s, e, map[string]any{"partner_ids": []string{uuid.NewString()}}), []string{"partner_ids"}},
		{"unknown series", activityBody(u, s, e, map[string]any{"series_id": uuid.NewString()}), []string{"series_id"}},
		{"created cancelled", activityBody(u, s, e, map[string]any{"status": "cancelled"}), []string{"status"}},
		{"year one", activityBody(u, "0001-01-01T00:00:00Z", e, nil), []string{"starts_at"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(*testing.T) { env.Post("/api/v1/activities", tok, tc.body).Invalid(tc.fields...) })
	}
	for _, inj := range apitest.InjectionStrings {
		r := env.Post("/api/v1/activities", tok, activityBody(u, s, e, map[string]any{"title": inj, "recurrence": inj}))
		if r.Status != http.StatusUnprocessableEntity {
			t.Errorf("injection %q: status %d", inj[:min(len(inj), 20)], r.Status)
		}
	}
	env.Get("/api/v1/activities/not-a-uuid", tok).Problem(http.StatusNotFound, "not-found")
	env.Get("/api/v1/activities?status=done", tok).Problem(http.StatusBadRequest, "bad-request")
	env.CheckBadTokens("POST", "/api/v1/activities")
}

// TestStatusLifecycle: proposed -> planned -> confirmed -> completed, or
// cancelled; anything else is a 422 naming status.
func TestStatusLifecycle(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	unit := env.Unit()
	tok := env.Token(access.RoleProducer)
	day := 0
	create := func(status string) string {
		day++
		s := fmt.Sprintf("2026-06-%02dT10:00:00+03:00", day)
		e := fmt.Sprintf("2026-06-%02dT11:00:00+03:00", day)
		return env.Post("/api/v1/activities", tok, activityBody([]uuid.UUID{unit}, s, e, map[string]any{"status": status})).
			Expect(http.StatusCreated).ID()
	}
	tests := []struct {
		from, to string
		want     int
	}{
		{"proposed", "planned", 200}, {"planned", "confirmed", 200}, {"confirmed", "completed", 200},
		{"proposed", "cancelled", 200}, {"planned", "cancelled", 200}, {"confirmed", "cancelled", 200},
		{"proposed", "confirmed", 422}, {"proposed", "completed", 422}, {"planned", "proposed", 422},
		{"confirmed", "planned", 422}, {"completed", "cancelled", 422}, {"completed", "confirmed", 422},
	}
	for _, tc := range tests {
		id := create(tc.from)
		r := env.Patch("/api/v1/activities/"+id, tok, map[string]any{"status": tc.to}, `"1"`)
		if r.Status != tc.want {
			t.Errorf("%s -> %s: %d, want %d: %s", tc.from, tc.to, r.Status, tc.want, r.Body)
		}
		if tc.want == 422 {
			if f := r.FieldErrors(); len(f) != 1 || f[0] != "status" {
				t.Errorf("%s -> %s: fields %v", tc.from, tc.to, f)
			}
		}
	}
	// A cancelled activity cannot come back.
	id := create("planned")
	env.Patch("/api/v1/activities/"+id, tok, map[string]any{"status": "cancelled"}, "").Expect(http.StatusOK)
	env.Patch("/api/v1/activities/"+id, tok, map[string]any{"status": "planned"}, "").Problem(http.StatusUnprocessableEntity, "validation")
	env.Patch("/api/v1/activities/"+id, tok, map[string]any{"status": "planned"}, `"1"`).Problem(http.StatusPreconditionFailed, "version-mismatch")
}

// TestClashDetection: overlapping a confirmed activity in the same unit is a
// 409 naming the clashing occurrence, unless allow_overlap; other units,
// unconfirmed or cancelled activities do not clash.
func TestClashDetection(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	unitA, unitB := env.Unit(), env.Unit()
	tok := env.Token(access.RoleProducer)
	confirmed := env.Post("/api/v1/activities", tok, activityBody([]uuid.UUID{unitA}, "2026-11-03T14:00:00+02:00",
		"2026-11-03T15:00:00+02:00", map[string]any{"status": "confirmed", "recurrence": "FREQ=WEEKLY;COUNT=10"})).
		Expect(http.StatusCreated).ID()

	// A single event on the fourth Tuesday at 14:30 clashes.
	p := env.Post("/api/v1/activities", tok, activityBody([]uuid.UUID{unitB, unitA}, "2026-11-24T14:30:00+02:00",
		"2026-11-24T16:00:00+02:00", nil)).Problem(http.StatusConflict, "conflict")
	clash, _ := p["clash"].(map[string]any)
	if clash == nil || clash["activity_id"] != confirmed || clash["starts_at"] != "2026-11-24T14:00:00+02:00" ||
		fmt.Sprint(clash["shared_unit_ids"]) != fmt.Sprint([]any{unitA.String()}) {
		t.Fatalf("clash body: %v", p)
	}
	var n int64
	env.DB.Table("activities").Count(&n)
	if n != 1 {
		t.Fatalf("the clashing activity was stored: %d activities", n)
	}
	// Touching ends do not overlap; another unit does not clash; allow_overlap does.
	env.Post("/api/v1/activities", tok, activityBody([]uuid.UUID{unitA}, "2026-11-24T15:00:00+02:00",
		"2026-11-24T16:00:00+02:00", nil)).Expect(http.StatusCreated)
	env.Post("/api/v1/activities", tok, activityBody([]uuid.UUID{unitB}, "2026-11-24T14:30:00+02:00",
		"2026-11-24T16:00:00+02:00", nil)).Expect(http.StatusCreated)
	env.Post("/api/v1/activities", tok, activityBody([]uuid.UUID{unitA}, "2026-11-24T14:30:00+02:00",
		"2026-11-24T16:00:00+02:00", map[string]any{"allow_overlap": true})).Expect(http.StatusCreated)

	// A weekly Tuesday 16:00 activity, moved onto the confirmed one, clashes.
	weekly := env.Post("/api/v1/activities", tok, activityBody([]uuid.UUID{unitA}, "2026-11-03T16:30:00+02:00",
		"2026-11-03T17:30:00+02:00", map[string]any{"recurrence": "FREQ=WEEKLY;COUNT=4"})).Expect(http.StatusCreated).ID()
	env.Post("/api/v1/activities/"+weekly+"/overrides", tok, map[string]any{"original_start": "2026-11-10T16:30:00+02:00",
		"starts_at": "2026-11-10T14:15:00+02:00", "ends_at": "2026-11-10T15:15:00+02:00"}).Problem(http.StatusConflict, "conflict")
	env.Patch("/api/v1/activities/"+weekly, tok, map[string]any{"starts_at": "2026-11-03T13:30:00+02:00",
		"ends_at": "2026-11-03T14:30:00+02:00"}, "").Problem(http.StatusConflict, "conflict")
	// Cancelling that occurrence of the confirmed activity frees the slot.
	env.Post("/api/v1/activities/"+confirmed+"/overrides", tok, map[string]any{"original_start": "2026-11-10T14:00:00+02:00",
		"cancelled": true}).Expect(http.StatusCreated)
	env.Post("/api/v1/activities/"+weekly+"/overrides", tok, map[string]any{"original_start": "2026-11-10T16:30:00+02:00",
		"starts_at": "2026-11-10T14:15:00+02:00", "ends_at": "2026-11-10T15:15:00+02:00"}).Expect(http.StatusCreated)

	// Confirming an activity that overlaps a confirmed one clashes too.
	other := env.Post("/api/v1/activities", tok, activityBody([]uuid.UUID{unitB}, "2026-12-01T10:00:00+02:00",
		"2026-12-01T11:00:00+02:00", map[string]any{"status": "confirmed"})).Expect(http.StatusCreated).ID()
	_ = other
	second := env.Post("/api/v1/activities", tok, activityBody([]uuid.UUID{unitB}, "2026-12-01T10:30:00+02:00",
		"2026-12-01T11:30:00+02:00", map[string]any{"status": "planned", "allow_overlap": true})).Expect(http.StatusCreated).ID()
	env.Patch("/api/v1/activities/"+second, tok, map[string]any{"status": "confirmed"}, "").Problem(http.StatusConflict, "conflict")
	env.Patch("/api/v1/activities/"+second, tok, map[string]any{"status": "confirmed", "allow_overlap": true}, "").Expect(http.StatusOK)
}

// TestAttendance: per occurrence; the occurrence must exist, have started
// and not be cancelled; mentors record for their own units only.
func TestAttendance(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	unit, otherUnit := env.Unit(), env.Unit()
	producer := env.Token(access.RoleProducer)
	mentor := env.Token(access.RoleMentor, apitest.WithUnits(unit))
	stranger := env.Token(access.RoleMentor, apitest.WithUnits(otherUnit))
	viewer := env.Token(access.RoleViewer)
	id := env.Post("/api/v1/activities", producer, activityBody([]uuid.UUID{unit}, "2025-03-04T14:00:00+02:00",
		"2025-03-04T15:00:00+02:00", map[string]any{"recurrence": "FREQ=WEEKLY", "status": "confirmed"})).
		Expect(http.StatusCreated).ID()
	path := "/api/v1/activities/" + id + "/attendance"
	env.CheckBadBodies("POST", path, mentor, map[string]any{"occurrence_start": "2025-03-11T14:00:00+02:00", "residents": 5})

	rec := env.Post(path, mentor, map[string]any{"occurrence_start": "2025-03-11T12:00:00Z", "residents": 12, "staff": 2,
		"volunteers": 1, "relatives": 3, "feedback": 5, "notes": "Laulettiin toiveita"}).Expect(http.StatusCreated).Map()
	if rec["occurrence_start"] != "2025-03-11T14:00:00+02:00" || rec["feedback"].(float64) != 5 {
		t.Fatalf("record: %v", rec)
	}
	env.Post(path, mentor, map[string]any{"occurrence_start": "2025-03-11T14:00:00+02:00"}).Problem(http.StatusConflict, "conflict")
	env.Post("/api/v1/activities/"+id+"/overrides", producer, map[string]any{"original_start": "2025-03-18T14:00:00+02:00",
		"cancelled": true}).Expect(http.StatusCreated)
	tests := []struct {
		name string
		body map[string]any
		want int
	}{
		{"not an occurrence", map[string]any{"occurrence_start": "2025-03-12T14:00:00+02:00"}, 422},
		{"before the first", map[string]any{"occurrence_start": "2025-02-25T14:00:00+02:00"}, 422},
		{"cancelled", map[string]any{"occurrence_start": "2025-03-18T14:00:00+02:00"}, 422},
		{"future", map[string]any{"occurrence_start": "2099-03-03T14:00:00+02:00"}, 422},
		{"feedback 6", map[string]any{"occurrence_start": "2025-03-25T14:00:00+02:00", "feedback": 6}, 422},
		{"feedback 0", map[string]any{"occurrence_start": "2025-03-25T14:00:00+02:00", "feedback": 0}, 422},
		{"negative", map[string]any{"occurrence_start": "2025-03-25T14:00:00+02:00", "residents": -1}, 422},
		{"missing start", map[string]any{"residents": 1}, 422},
		{"ok", map[string]any{"occurrence_start": "2025-03-25T14:00:00+02:00", "residents": 8, "feedback": 4}, 201},
	}
	for _, tc := range tests {
		r := env.Post(path, mentor, tc.body)
		if r.Status != tc.want {
			t.Errorf("%s: %d, want %d: %s", tc.name, r.Status, tc.want, r.Body)
		}
	}
	// Another unit's mentor neither sees nor records; a viewer reads only.
	env.Post(path, stranger, map[string]any{"occurrence_start": "2025-04-01T14:00:00+03:00"}).Problem(http.StatusNotFound, "not-found")
	env.Get(path, stranger).Problem(http.StatusNotFound, "not-found")
	env.Post(path, viewer, map[string]any{"occurrence_start": "2025-04-01T14:00:00+03:00"}).Problem(http.StatusForbidden, "forbidden")
	var l calList
	env.Get(path, viewer).Expect(http.StatusOK).JSON(&l)
	if l.Total != 2 {
		t.Fatalf("attendance list: %d", l.Total)
	}
	recPath := path + "/" + rec["id"].(string)
	upd := env.Patch(recPath, mentor, map[string]any{"feedback": nil, "residents": 13}, `"1"`).Expect(http.StatusOK).Map()
	if upd["feedback"] != nil || upd["residents"].(float64) != 13 {
		t.Fatalf("patch: %v", upd)
	}
	env.Patch(recPath, mentor, map[string]any{"feedback": 9}, "").Problem(http.StatusUnprocessableEntity, "validation")
	// An activity with attendance is not deleted, and a change that would
	// remove an attended occurrence is refused.
	env.Delete("/api/v1/activities/"+id, producer, "").Problem(http.StatusConflict, "conflict")
	env.Patch("/api/v1/activities/"+id, producer, map[string]any{"recurrence": "FREQ=WEEKLY;INTERVAL=2"}, "").
		Problem(http.StatusConflict, "conflict")
	env.Patch("/api/v1/activities/"+id, producer, map[string]any{"recurrence": "FREQ=WEEKLY;UNTIL=20250601"}, "").
		Expect(http.StatusOK)
	env.Delete(recPath, mentor, `"2"`).Expect(http.StatusNoContent)
}

// TestCalendarPolicy is the role x action matrix.
func TestCalendarPolicy(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	own, other := env.Unit(), env.Unit()
	tokens := map[string]string{
		"admin":     env.Token(access.RoleAdmin),
		"producer":  env.Token(access.RoleProducer),
		"manager":   env.Token(access.RoleManager),
		"mentor":    env.Token(access.RoleMentor, apitest.WithUnits(own)),
		"viewer":    env.Token(access.RoleViewer),
		"cal:read":  env.APIToken(access.ScopeCalendarRead),
		"cal:write": env.APIToken(access.ScopeCalendarWrite),
		"org:read":  env.APIToken(access.ScopeOrgRead),
	}
	slot := 0
	act := func(units []uuid.UUID, status string) func() map[string]any {
		return func() map[string]any {
			slot++
			s := fmt.Sprintf("2027-01-%02dT10:00:00+02:00", slot%28+1)
			e := fmt.Sprintf("2027-01-%02dT10:30:00+02:00", slot%28+1)
			return activityBody(units, s, e, map[string]any{"status": status, "allow_overlap": true})
		}
	}
	partner := func() map[string]any {
		return map[string]any{"name": "Kumppani " + apitest.Suffix(), "kind": "performer", "sector": "third"}
	}
	series := func() map[string]any {
		return map[string]any{"name": "Viikot " + apitest.Suffix(), "starts_on": "2027-01-01", "ends_on": "2027-01-21"}
	}
	proposed := env.Post("/api/v1/activities", tokens["mentor"], act([]uuid.UUID{own}, "proposed")()).Expect(http.StatusCreated).ID()
	planned := env.Post("/api/v1/activities", tokens["producer"], act([]uuid.UUID{own}, "planned")()).Expect(http.StatusCreated).ID()
	cal := "/api/v1/calendar?from=2027-01-01&to=2027-02-01"
	tests := []struct {
		who, method, path string
		body              func() map[string]any
		want              int
	}{
		{"viewer", "GET", cal, nil, 200},
		{"manager", "GET", cal, nil, 200},
		{"mentor", "GET", cal, nil, 200},
		{"cal:read", "GET", cal, nil, 200},
		{"cal:write", "GET", cal, nil, 403},
		{"org:read", "GET", cal, nil, 403},
		{"viewer", "GET", "/api/v1/activities/" + planned, nil, 200},
		{"producer", "POST", "/api/v1/activities", act([]uuid.UUID{other}, "confirmed"), 201},
		{"admin", "POST", "/api/v1/activities", act([]uuid.UUID{other}, "planned"), 201},
		{"cal:write", "POST", "/api/v1/activities", act([]uuid.UUID{other}, "planned"), 201},
		{"mentor", "POST", "/api/v1/activities", act([]uuid.UUID{own}, "proposed"), 201},
		{"mentor", "POST", "/api/v1/activities", act([]uuid.UUID{own}, "planned"), 403},
		{"mentor", "POST", "/api/v1/activities", act([]uuid.UUID{own, other}, "proposed"), 403},
		{"manager", "POST", "/api/v1/activities", act([]uuid.UUID{own}, "proposed"), 403},
		{"viewer", "POST", "/api/v1/activities", act([]uuid.UUID{own}, "proposed"), 403},
		{"cal:read", "POST", "/api/v1/activities", act([]uuid.UUID{own}, "proposed"), 403},
		{"mentor", "PATCH", "/api/v1/activities/" + proposed, func() map[string]any { return map[string]any{"title": "Uusi"} }, 200},
		{"mentor", "PATCH", "/api/v1/activities/" + proposed, func() map[string]any { return map[string]any{"status": "planned"} }, 403},
		{"mentor", "PATCH", "/api/v1/activities/" + planned, func() map[string]any { return map[string]any{"title": "X"} }, 403},
		{"producer", "PATCH", "/api/v1/activities/" + proposed, func() map[string]any { return map[string]any{"status": "planned"} }, 200},
		{"mentor", "DELETE", "/api/v1/activities/" + planned, nil, 403},
		{"producer", "POST", "/api/v1/partners", partner, 201},
		{"cal:write", "POST", "/api/v1/partners", partner, 201},
		{"mentor", "POST", "/api/v1/partners", partner, 403},
		{"manager", "POST", "/api/v1/series", series, 403},
		{"admin", "POST", "/api/v1/series", series, 201},
		{"viewer", "GET", "/api/v1/partners", nil, 200},
		{"viewer", "GET", "/api/v1/series", nil, 200},
		{"mentor", "POST", "/api/v1/activities/" + planned + "/overrides",
			func() map[string]any {
				return map[string]any{"original_start": "2027-01-03T10:00:00+02:00", "cancelled": true}
			}, 403},
	}
	for _, tc := range tests {
		apitest.ExpectStatus(env, tokens, tc.who, tc.method, tc.path, tc.body, tc.want)
	}
}

func TestPartnersAndSeries(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	tok := env.Token(access.RoleProducer)
	valid := map[string]any{"name": "Kaarinan kirjasto", "kind": "library", "sector": "public", "email": "kirjasto@kaarina.fi"}
	env.CheckBadBodies("POST", "/api/v1/partners", tok, valid)
	r := env.Post("/api/v1/partners", tok, valid).Expect(http.StatusCreated)
	pid := r.ID()
	env.Post("/api/v1/partners", tok, map[string]any{"name": "KAARINAN KIRJASTO", "kind": "library", "sector": "public"}).
		Problem(http.StatusConflict, "conflict")
	r2 := env.Post("/api/v1/partners", tok, map[string]any{"name": "X", "kind": "castle", "sector": "public",
		"email": "not-mail", "website": "javascript:alert(1)"})
	r2.Problem(http.StatusUnprocessableEntity, "validation")
	if f := r2.FieldErrors(); fmt.Sprint(f) != "[kind email website]" {
		t.Fatalf("partner fields %v", f)
	}
	env.Patch("/api/v1/partners/"+pid, tok, map[string]any{"phone": "040 123 4567"}, `"1"`).Expect(http.StatusOK)

	sv := map[string]any{"name": "Kulttuuriviikot", "starts_on": "2026-09-07", "ends_on": "2026-09-27"}
	env.CheckBadBodies("POST", "/api/v1/series", tok, sv)
	sid := env.Post("/api/v1/series", tok, sv).Expect(http.StatusCreated).ID()
	bad := env.Post("/api/v1/series", tok, map[string]any{"name": "Y", "starts_on": "2026-09-07", "ends_on": "2026-09-01"})
	bad.Problem(http.StatusUnprocessableEntity, "validation")

	unit := env.Unit()
	// An activity of the series must start within its dates.
	env.Post("/api/v1/activities", tok, activityBody([]uuid.UUID{unit}, "2026-10-01T10:00:00+03:00", "2026-10-01T11:00:00+03:00",
		map[string]any{"series_id": sid})).Problem(http.StatusUnprocessableEntity, "validation")
	aid := env.Post("/api/v1/activities", tok, activityBody([]uuid.UUID{unit}, "2026-09-08T10:00:00+03:00", "2026-09-08T11:00:00+03:00",
		map[string]any{"series_id": sid, "partner_ids": []string{pid}, "status": "confirmed"})).Expect(http.StatusCreated).ID()
	l := getCalendar(t, env, tok, "from=2026-09-01&to=2026-10-01&series_id="+sid+"&partner_id="+pid+"&unit_id="+unit.String()+"&category=music")
	if l.Total != 1 || l.Items[0]["activity_id"] != aid {
		t.Fatalf("filtered calendar: %v", l)
	}
	if l = getCalendar(t, env, tok, "from=2026-09-01&to=2026-10-01&partner_id="+uuid.NewString()); l.Total != 0 {
		t.Fatalf("other partner: %v", l)
	}
	env.Delete("/api/v1/partners/"+pid, tok, "").Problem(http.StatusConflict, "conflict")
	env.Delete("/api/v1/series/"+sid, tok, "").Problem(http.StatusConflict, "conflict")
	env.Delete("/api/v1/activities/"+aid, tok, `"1"`).Expect(http.StatusNoContent)
	env.Delete("/api/v1/series/"+sid, tok, "").Expect(http.StatusNoContent)
	n := env.AuditCount("entity_type IN ?", []string{"partner", "series", "activity"})
	if n != 6 {
		t.Fatalf("audit events: %d, want 6", n)
	}
}

// TestIdeaToActivity: a mentor turns their committee's idea into a proposed
// activity, linked both ways; a second time is a 409; another unit's idea is
// a 404.
func TestIdeaToActivity(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	unit, other := env.Unit(), env.Unit()
	mentor := env.Token(access.RoleMentor, apitest.WithUnits(unit))
	stranger := env.Token(access.RoleMentor, apitest.WithUnits(other))
	cid := env.Post("/api/v1/committees", mentor, map[string]any{"unit_id": unit, "name": "Toimikunta"}).Expect(http.StatusCreated).ID()
	idea := env.Post("/api/v1/ideas", mentor, map[string]any{"committee_id": cid, "title": "Tanssiaiset",
		"description": "Elävää musiikkia", "source": "meeting"}).Expect(http.StatusCreated).ID()
	body := map[string]any{"category": "dance", "starts_at": "2026-05-05T14:00:00+03:00", "ends_at": "2026-05-05T16:00:00+03:00"}
	env.Post("/api/v1/ideas/"+idea+"/activity", stranger, body).Problem(http.StatusNotFound, "not-found")
	env.Post("/api/v1/ideas/"+uuid.NewString()+"/activity", mentor, body).Problem(http.StatusNotFound, "not-found")
	env.Post("/api/v1/ideas/"+idea+"/activity", mentor, map[string]any{"category": "dance"}).Problem(http.StatusUnprocessableEntity, "validation")
	a := env.Post("/api/v1/ideas/"+idea+"/activity", mentor, body).Expect(http.StatusCreated).Map()
	if a["title"] != "Tanssiaiset" || a["status"] != "proposed" || fmt.Sprint(a["unit_ids"]) != fmt.Sprint([]any{unit.String()}) {
		t.Fatalf("activity: %v", a)
	}
	got := env.Get("/api/v1/ideas/"+idea, mentor).Expect(http.StatusOK).Map()
	if got["activity_id"] != a["id"] || got["status"] != "planned" {
		t.Fatalf("idea: %v", got)
	}
	env.Post("/api/v1/ideas/"+idea+"/activity", mentor, body).Problem(http.StatusConflict, "conflict")
	if actions := fmt.Sprint(got["allowed_actions"]); strings.Contains(actions, "to_activity") {
		t.Errorf("an idea that became an activity still offers to_activity: %s", actions)
	}
	// Deleting the activity unlinks the idea (ON DELETE SET NULL).
	env.Delete("/api/v1/activities/"+a["id"].(string), env.Token(access.RoleProducer), "").Expect(http.StatusNoContent)
	if got = env.Get("/api/v1/ideas/"+idea, mentor).Expect(http.StatusOK).Map(); got["activity_id"] != nil {
		t.Fatalf("idea after delete: %v", got)
	}
}

// TestIdeaToActivityWhoAndStatus: the idea's allowed_actions say who may turn it
// into an activity now, and the route agrees: the producer may plan it at
// once, a mentor only proposes, a declined idea is a 409 for everyone.
func TestIdeaToActivityWhoAndStatus(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	unit := env.Unit()
	mentor := env.Token(access.RoleMentor, apitest.WithUnits(unit))
	producer, manager := env.Token(access.RoleProducer), env.Token(access.RoleManager, apitest.WithDepartment(env.Department()))
	cid := env.Post("/api/v1/committees", mentor, map[string]any{"unit_id": unit, "name": "Toimikunta"}).Expect(http.StatusCreated).ID()
	newIdea := func(title string) string {
		return env.Post("/api/v1/ideas", mentor, map[string]any{"committee_id": cid, "title": title, "source": "resident"}).
			Expect(http.StatusCreated).ID()
	}
	offers := func(idea, token string) bool {
		actions, _ := env.Get("/api/v1/ideas/"+idea, token).Expect(http.StatusOK).Map()["allowed_actions"].([]any)
		return slices.Contains(actions, any("to_activity"))
	}
	body := func(status string) map[string]any {
		b := map[string]any{"category": "music", "starts_at": "2026-06-02T14:00:00+03:00", "ends_at": "2026-06-02T15:00:00+03:00"}
		if status != "" {
			b["status"] = status
		}
		return b
	}
	declined := newIdea("Sirkus")
	env.Patch("/api/v1/ideas/"+declined, mentor, map[string]any{"status": "declined"}, "").Expect(http.StatusOK)
	planned := newIdea("Kuoro")
	proposed := newIdea("Runoilta")
	for _, tc := range []struct {
		name, idea, token, status string
		offered                   bool
		want                      int
		activity                  string // the status of the activity made
	}{
		{"a manager", planned, manager, "", false, http.StatusForbidden, ""},
		{"a declined idea", declined, producer, "", false, http.StatusConflict, ""},
		{"the mentor asks to plan", planned, mentor, "planned", true, http.StatusForbidden, ""},
		{"the producer plans", planned, producer, "planned", true, http.StatusCreated, "planned"},
		{"the mentor proposes", proposed, mentor, "", true, http.StatusCreated, "proposed"},
		{"a new activity cannot be cancelled", newIdea("Tanssi"), producer, "cancelled", true, http.StatusUnprocessableEntity, ""},
	} {
		if got := offers(tc.idea, tc.token); got != tc.offered {
			t.Errorf("%s: to_activity offered %v, want %v", tc.name, got, tc.offered)
		}
		r := env.Post("/api/v1/ideas/"+tc.idea+"/activity", tc.token, body(tc.status))
		if r.Status != tc.want {
			t.Fatalf("%s: %d, want %d: %s", tc.name, r.Status, tc.want, r.Body)
		}
		if tc.activity == "" {
			continue
		}
		if a := r.Map(); a["status"] != tc.activity {
			t.Errorf("%s: activity status %v, want %s", tc.name, a["status"], tc.activity)
		}
		if offers(tc.idea, tc.token) {
			t.Errorf("%s: to_activity still offered once the idea is an activity", tc.name)
		}
	}
}
