package calendar_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/google/uuid"

	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/apitest"
)

// partWorld is an activity hosted by units A and B, residents of both and
// of a unit C that does not host it, and every kind of caller.
type partWorld struct {
	env              *apitest.Env
	a, b, c          uuid.UUID
	tok              map[string]string
	path             string // the activity's attendance
	a1, a2, a3, b1   string // residents of A and B
	c1               string // a resident of C
	activity         string
	occ1, occ2, occ3 string
}

func newPartWorld(t *testing.T) *partWorld {
	t.Helper()
	env := apitest.New(t)
	w := &partWorld{env: env, a: env.Unit(), b: env.Unit(), c: env.Unit()}
	w.tok = map[string]string{
		"admin":     env.Token(access.RoleAdmin),
		"producer":  env.Token(access.RoleProducer),
		"manager":   env.Token(access.RoleManager),
		"mentorA":   env.Token(access.RoleMentor, apitest.WithUnits(w.a)),
		"mentorB":   env.Token(access.RoleMentor, apitest.WithUnits(w.b)),
		"mentorC":   env.Token(access.RoleMentor, apitest.WithUnits(w.c)),
		"viewer":    env.Token(access.RoleViewer),
		"cal:read":  env.APIToken(access.ScopeCalendarRead),
		"cal:write": env.APIToken(access.ScopeCalendarRead, access.ScopeCalendarWrite),
	}
	res := func(unit uuid.UUID, name string) string {
		return env.Post("/api/v1/residents", w.tok["admin"], map[string]any{"unit_id": unit, "display_name": name}).
			Expect(http.StatusCreated).ID()
	}
	w.a1, w.a2, w.a3, w.b1, w.c1 = res(w.a, "Aili"), res(w.a, "Bertta"), res(w.a, "Cecilia"), res(w.b, "Doris"), res(w.c, "Eino")
	w.activity = env.Post("/api/v1/activities", w.tok["producer"], activityBody([]uuid.UUID{w.a, w.b}, "2025-03-04T14:00:00+02:00",
		"2025-03-04T15:00:00+02:00", map[string]any{"recurrence": "FREQ=WEEKLY", "status": "confirmed"})).
		Expect(http.StatusCreated).ID()
	w.path = "/api/v1/activities/" + w.activity + "/attendance"
	w.occ1, w.occ2, w.occ3 = "2025-03-04T14:00:00+02:00", "2025-03-11T14:00:00+02:00", "2025-03-18T14:00:00+02:00"
	return w
}

func part(id, how string, feedback any, by string) map[string]any {
	m := map[string]any{"resident_id": id, "participation": how, "feedback": feedback}
	if by != "" {
		m["feedback_by"] = by
	}
	return m
}

// TestParticipantRules is the table of the 422 rules, in the API and in
// the database.
func TestParticipantRules(t *testing.T) {
	t.Parallel()
	w := newPartWorld(t)
	admin := w.tok["admin"]
	tests := []struct {
		name      string
		residents int
		list      []map[string]any
		field     string
		want      int
	}{
		{"twice", 5, []map[string]any{part(w.a1, "active", nil, ""), part(w.a1, "passive", nil, "")}, "participants[1].resident_id", 422},
		{"not hosting", 5, []map[string]any{part(w.c1, "active", nil, "")}, "participants[0].resident_id", 422},
		{"unknown resident", 5, []map[string]any{part(uuid.NewString(), "active", nil, "")}, "participants[0].resident_id", 422},
		{"bad participation", 5, []map[string]any{part(w.a1, "sleeping", nil, "")}, "participants[0].participation", 422},
		{"feedback 6", 5, []map[string]any{part(w.a1, "active", 6, "")}, "participants[0].feedback", 422},
		{"feedback 0", 5, []map[string]any{part(w.a1, "active", 0, "")}, "participants[0].feedback", 422},
		{"bad feedback_by", 5, []map[string]any{part(w.a1, "active", 3, "nurse")}, "participants[0].feedback_by", 422},
		{"no resident", 5, []map[string]any{{"participation": "active"}}, "participants[0].resident_id", 422},
		{"count below active+passive", 1, []map[string]any{part(w.a1, "active", nil, ""), part(w.a2, "passive", nil, "")}, "residents", 422},
		{"declined do not count", 1, []map[string]any{part(w.a1, "active", 5, "self"), part(w.a2, "declined", nil, ""),
			part(w.b1, "declined", 2, "proxy")}, "", 201},
	}
	for _, tc := range tests {
		r := w.env.Post(w.path, admin, map[string]any{"occurrence_start": w.occ1, "residents": tc.residents, "participants": tc.list})
		if r.Status != tc.want {
			t.Errorf("%s: %d, want %d: %s", tc.name, r.Status, tc.want, r.Body)
			continue
		}
		if tc.field != "" && !slices.Contains(r.FieldErrors(), tc.field) {
			t.Errorf("%s: no error on %s: %v", tc.name, tc.field, r.FieldErrors())
		}
	}
	var l calList
	w.env.Get(w.path, admin).Expect(http.StatusOK).JSON(&l)
	if l.Total != 1 {
		t.Fatalf("only the valid record stays: %d", l.Total)
	}
	rec := l.Items[0]
	recPath := w.path + "/" + rec["id"].(string)
	// Lowering the count below the participants, or adding one that
	// overflows it, is refused; raising both together is fine.
	w.env.Patch(recPath, w.tok["producer"], map[string]any{"residents": 0}, "").Problem(http.StatusUnprocessableEntity, "validation")
	w.env.Patch(recPath, admin, map[string]any{"participants": []map[string]any{part(w.a1, "active", nil, ""), part(w.a2, "active", nil, "")}}, "").
		Problem(http.StatusUnprocessableEntity, "validation")
	w.env.Patch(recPath, admin, map[string]any{"residents": 2, "participants": []map[string]any{part(w.a1, "active", nil, ""),
		part(w.a2, "active", nil, "")}}, `"1"`).Expect(http.StatusOK)

	// The database holds the same rules against any other writer.
	attID := rec["id"].(string)
	for name, sql := range map[string]string{
		"not hosting": `INSERT INTO attendance_participants (id, attendance_id, resident_id, participation) VALUES (gen_random_uuid(), ?, ?, 'active')`,
		"count":       `INSERT INTO attendance_participants (id, attendance_id, resident_id, participation) VALUES (gen_random_uuid(), ?, ?, 'passive')`,
		"twice":       `INSERT INTO attendance_participants (id, attendance_id, resident_id, participation) VALUES (gen_random_uuid(), ?, ?, 'declined')`,
	} {
		resident := map[string]string{"not hosting": w.c1, "count": w.a3, "twice": w.a1}[name]
		if err := w.env.DB.Exec(sql, attID, resident).Error; err == nil {
			t.Errorf("the database accepts a participant breaking %q", name)
		}
	}
	if err := w.env.DB.Exec(`UPDATE attendance SET residents = 1 WHERE id = ?`, attID).Error; err == nil {
		t.Error("the database accepts a count below the participants")
	}
}

// TestParticipantPrivacy: only admins and the units' mentors see (their
// units') participants, every read is audited, others see counts only and
// may not list participants; a mentor's list leaves the other unit's.
func TestParticipantPrivacy(t *testing.T) {
	t.Parallel()
	w := newPartWorld(t)
	body := func(start string, list ...map[string]any) map[string]any {
		return map[string]any{"occurrence_start": start, "residents": 6, "participants": list}
	}
	// Writing participants: admins and the units' mentors only.
	for who, want := range map[string]int{"producer": 403, "cal:write": 403, "viewer": 403, "manager": 403, "mentorC": 404} {
		w.env.Post(w.path, w.tok[who], body(w.occ2, part(w.a1, "active", nil, ""))).Expect(want)
	}
	// A mentor lists only their own units' residents.
	w.env.Post(w.path, w.tok["mentorA"], body(w.occ2, part(w.b1, "active", nil, ""))).Problem(http.StatusUnprocessableEntity, "validation")
	rec := w.env.Post(w.path, w.tok["mentorA"], body(w.occ2, part(w.a1, "active", 5, "self"), part(w.a2, "passive", 3, "proxy"))).
		Expect(http.StatusCreated).Map()
	recPath := w.path + "/" + rec["id"].(string)
	w.env.Patch(recPath, w.tok["mentorB"], map[string]any{"participants": []map[string]any{part(w.b1, "declined", nil, "")}}, "").
		Expect(http.StatusOK)
	// Counts without participants are fine for the producer, and keep them.
	w.env.Patch(recPath, w.tok["producer"], map[string]any{"staff": 3}, "").Expect(http.StatusOK)

	seen := map[string][]string{
		"admin": {w.a1, w.a2, w.b1}, "mentorA": {w.a1, w.a2}, "mentorB": {w.b1},
	}
	for _, who := range []string{"admin", "producer", "manager", "mentorA", "mentorB", "viewer", "cal:read", "cal:write"} {
		for _, p := range []string{recPath, w.path} {
			r := w.env.Get(p, w.tok[who]).Expect(http.StatusOK)
			var one map[string]any
			if p == w.path {
				var l calList
				r.JSON(&l)
				one = l.Items[0]
			} else {
				one = r.Map()
			}
			want, sees := seen[who]
			list, _ := one["participants"].([]any)
			if !sees {
				if one["participants"] != nil || one["residents"].(float64) != 6 {
					t.Errorf("%s on %s sees participants: %v", who, p, one)
				}
				continue
			}
			got := make([]string, len(list))
			for i, x := range list {
				got[i] = x.(map[string]any)["resident_id"].(string)
			}
			if strings.Join(got, ",") != strings.Join(want, ",") {
				t.Errorf("%s on %s sees %v, want %v", who, p, got, want)
			}
		}
	}
	// A mentor's replacement leaves the other unit's participants alone.
	w.env.Patch(recPath, w.tok["mentorA"], map[string]any{"participants": []map[string]any{part(w.a3, "active", nil, "")}}, "").
		Expect(http.StatusOK)
	got := w.env.Get(recPath, w.tok["admin"]).Expect(http.StatusOK).Map()["participants"].([]any)
	if len(got) != 2 || got[0].(map[string]any)["resident_id"] != w.a3 || got[1].(map[string]any)["resident_id"] != w.b1 {
		t.Fatalf("after mentor A's replacement: %v", got)
	}
	// Every read is audited per resident (the reads above: admin 2, mentor
	// B 2, plus the replies to the writes); the attendance's own audit
	// view never names a resident.
	reads := w.env.AuditCount("action = 'participation.read' AND entity_id = ?", w.b1)
	if reads < 4 {
		t.Errorf("reads of %s audited: %d", w.b1, reads)
	}
	var leaks int64
	w.env.DB.Table("audit_events").Where("entity_type = 'attendance' AND (before::text LIKE ? OR after::text LIKE ?)",
		"%"+w.a1+"%", "%"+w.a1+"%").Count(&leaks)
	if leaks != 0 {
		t.Errorf("%d attendance audit events name a resident", leaks)
	}
}

// TestParticipantErasure: erasing a resident removes their participation
// (and its audit content) and keeps the counts; the export holds it before.
func TestParticipantErasure(t *testing.T) {
	t.Parallel()
	w := newPartWorld(t)
	admin := w.tok["admin"]
	rec := w.env.Post(w.path, admin, map[string]any{"occurrence_start": w.occ3, "residents": 4, "feedback": 4,
		"participants": []map[string]any{part(w.a1, "active", 5, "self"), part(w.a2, "active", 2, "proxy")}}).
		Expect(http.StatusCreated).Map()
	recPath := w.path + "/" + rec["id"].(string)
	var exp struct {
		Participation []map[string]any `json:"participation"`
	}
	w.env.Get("/api/v1/residents/"+w.a1+"/culture-profile/export", w.tok["mentorA"]).Expect(http.StatusOK).JSON(&exp)
	if len(exp.Participation) != 1 || exp.Participation[0]["participation"] != "active" || exp.Participation[0]["feedback"].(float64) != 5 ||
		exp.Participation[0]["activity_id"] != w.activity {
		t.Fatalf("export: %v", exp.Participation)
	}
	w.env.Delete("/api/v1/residents/"+w.a1, admin, "").Expect(http.StatusNoContent)
	after := w.env.Get(recPath, admin).Expect(http.StatusOK).Map()
	list := after["participants"].([]any)
	if after["residents"].(float64) != 4 || len(list) != 1 || list[0].(map[string]any)["resident_id"] != w.a2 {
		t.Fatalf("after erasure: %v", after)
	}
	var n int64
	w.env.DB.Table("attendance_participants").Where("resident_id = ?", w.a1).Count(&n)
	if n != 0 {
		t.Fatalf("%d participant rows of the erased resident", n)
	}
	w.env.DB.Table("audit_events").Where("entity_type = 'resident_participation' AND entity_id = ? AND (before IS NOT NULL OR after IS NOT NULL)", w.a1).
		Count(&n)
	if n != 0 {
		t.Fatalf("%d audit events still hold the erased resident's participation", n)
	}
}
