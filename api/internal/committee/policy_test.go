package committee_test

import (
	"net/http"
	"testing"

	"github.com/google/uuid"

	"kulttuurisilta/api/internal/apitest"
)

// want lists the expected status per caller, in the order of callers:
// admin, producer, manager, mentorA (own unit), mentorB (another unit),
// viewer, org:read token, org:write token, calendar token.
func want(codes ...int) map[string]int {
	m := make(map[string]int, len(callers))
	for i, c := range callers {
		m[c] = codes[i]
	}
	return m
}

const (
	ok  = http.StatusOK
	crt = http.StatusCreated
	gon = http.StatusNoContent
	fbd = http.StatusForbidden
	nf  = http.StatusNotFound
	inv = http.StatusUnprocessableEntity
)

type action struct {
	name, method string
	path         func(w *world) string
	body         func(w *world) any
	want         map[string]int
}

func fixed(p string) func(*world) string { return func(*world) string { return p } }

// fresh helpers create a new target (as admin) for actions that consume it.
func (w *world) freshCommittee() string {
	return w.env.Post("/api/v1/committees", w.tok["admin"], map[string]any{"unit_id": w.unitA, "name": "C " + apitest.Suffix()}).
		Expect(http.StatusCreated).ID()
}

func (w *world) freshIdea() string {
	return w.env.Post("/api/v1/ideas", w.tok["admin"], map[string]any{"committee_id": w.committee, "title": "I", "source": "other"}).
		Expect(http.StatusCreated).ID()
}

func (w *world) freshMember() string {
	return w.env.Post(w.path("members"), w.tok["admin"], map[string]any{"display_name": "M", "role": "member", "joined_on": "2024-02-01"}).
		Expect(http.StatusCreated).ID()
}

func (w *world) freshMeeting() string {
	return w.env.Post(w.path("meetings"), w.tok["admin"], map[string]any{"held_on": "2024-03-01"}).Expect(http.StatusCreated).ID()
}

func (w *world) freshResident() string {
	return w.env.Post("/api/v1/residents", w.tok["admin"], map[string]any{"unit_id": w.unitA, "display_name": "R"}).
		Expect(http.StatusCreated).ID()
}

func (w *world) freshProfile() string {
	id := w.freshResident()
	w.env.Put("/api/v1/residents/"+id+"/culture-profile", w.tok["admin"], map[string]any{"music": "jazz"}, "").Expect(http.StatusCreated)
	return id
}

func (w *world) freshMentor() string {
	return w.env.Post("/api/v1/mentors", w.tok["admin"], map[string]any{"name": "X", "unit_ids": []uuid.UUID{w.unitA}}).
		Expect(http.StatusCreated).ID()
}

func (w *world) freshTraining() string {
	return w.env.Post("/api/v1/mentors/"+w.mentorRecord+"/trainings", w.tok["admin"], map[string]any{"course": "C",
		"completed_on": "2024-01-01", "hours": 1}).Expect(http.StatusCreated).ID()
}

var actions = []action{
	// Committees and ideas: not personal data.
	{"list committees", "GET", fixed("/api/v1/committees"), nil, want(ok, ok, ok, ok, ok, ok, ok, ok, fbd)},
	{"get committee", "GET", func(w *world) string { return w.path() }, nil, want(ok, ok, ok, ok, nf, ok, ok, ok, fbd)},
	{"create committee", "POST", fixed("/api/v1/committees"), func(w *world) any {
		return map[string]any{"unit_id": w.unitA, "name": "K " + apitest.Suffix()}
	}, want(crt, fbd, fbd, crt, fbd, fbd, fbd, crt, fbd)},
	{"update committee", "PATCH", func(w *world) string { return w.path() }, func(*world) any {
		return map[string]any{"name": "N " + apitest.Suffix()}
	}, want(ok, fbd, fbd, ok, nf, fbd, fbd, ok, fbd)},
	{"delete committee", "DELETE", func(w *world) string { return "/api/v1/committees/" + w.freshCommittee() }, nil,
		want(gon, fbd, fbd, gon, nf, fbd, fbd, gon, fbd)},
	{"committee summary", "GET", fixed("/api/v1/committees/summary"), nil, want(ok, ok, ok, ok, ok, ok, ok, ok, fbd)},
	{"list ideas", "GET", fixed("/api/v1/ideas"), nil, want(ok, ok, ok, ok, ok, ok, ok, ok, fbd)},
	{"get idea", "GET", func(w *world) string { return "/api/v1/ideas/" + w.idea }, nil, want(ok, ok, ok, ok, nf, ok, ok, ok, fbd)},
	{"create idea", "POST", fixed("/api/v1/ideas"), func(w *world) any {
		return map[string]any{"committee_id": w.committee, "title": "T", "source": "survey"}
	}, want(crt, fbd, fbd, crt, inv, fbd, fbd, crt, fbd)},
	{"update idea", "PATCH", func(w *world) string { return "/api/v1/ideas/" + w.idea }, func(*world) any {
		return map[string]any{"priority": 2}
	}, want(ok, fbd, fbd, ok, nf, fbd, fbd, ok, fbd)},
	{"vote idea", "POST", func(w *world) string { return "/api/v1/ideas/" + w.idea + "/votes" }, func(*world) any {
		return map[string]any{"count": 1}
	}, want(ok, fbd, fbd, ok, nf, fbd, fbd, ok, fbd)},
	{"delete idea", "DELETE", func(w *world) string { return "/api/v1/ideas/" + w.freshIdea() }, nil,
		want(gon, fbd, fbd, gon, nf, fbd, fbd, gon, fbd)},

	// Members and meetings: residents' names.
	{"list members", "GET", func(w *world) string { return w.path("members") }, nil, want(ok, ok, ok, ok, nf, fbd, fbd, fbd, fbd)},
	{"get member", "GET", func(w *world) string { return w.path("members", w.member) }, nil, want(ok, ok, ok, ok, nf, fbd, fbd, fbd, fbd)},
	{"add member", "POST", func(w *world) string { return w.path("members") }, func(*world) any {
		return map[string]any{"display_name": "Uusi", "role": "member", "joined_on": "2024-05-01"}
	}, want(crt, fbd, fbd, crt, nf, fbd, fbd, fbd, fbd)},
	{"update member", "PATCH", func(w *world) string { return w.path("members", w.member) }, func(*world) any {
		return map[string]any{"joined_on": "2024-01-16"}
	}, want(ok, fbd, fbd, ok, nf, fbd, fbd, fbd, fbd)},
	{"delete member", "DELETE", func(w *world) string { return w.path("members", w.freshMember()) }, nil,
		want(gon, fbd, fbd, gon, nf, fbd, fbd, fbd, fbd)},
	{"list meetings", "GET", func(w *world) string { return w.path("meetings") }, nil, want(ok, ok, ok, ok, nf, fbd, fbd, fbd, fbd)},
	{"get meeting", "GET", func(w *world) string { return w.path("meetings", w.meeting) }, nil, want(ok, ok, ok, ok, nf, fbd, fbd, fbd, fbd)},
	{"record meeting", "POST", func(w *world) string { return w.path("meetings") }, func(*world) any {
		return map[string]any{"held_on": "2024-04-01"}
	}, want(crt, fbd, fbd, crt, nf, fbd, fbd, fbd, fbd)},
	{"update meeting", "PATCH", func(w *world) string { return w.path("meetings", w.meeting) }, func(*world) any {
		return map[string]any{"minutes": "Pöytäkirja"}
	}, want(ok, fbd, fbd, ok, nf, fbd, fbd, fbd, fbd)},
	{"delete meeting", "DELETE", func(w *world) string { return w.path("meetings", w.freshMeeting()) }, nil,
		want(gon, fbd, fbd, gon, nf, fbd, fbd, fbd, fbd)},

	// Residents and culture profiles: only admins and the unit's mentors.
	{"list residents", "GET", fixed("/api/v1/residents"), nil, want(ok, fbd, fbd, ok, ok, fbd, fbd, fbd, fbd)},
	{"get resident", "GET", func(w *world) string { return "/api/v1/residents/" + w.resident }, nil,
		want(ok, fbd, fbd, ok, nf, fbd, fbd, fbd, fbd)},
	{"add resident", "POST", fixed("/api/v1/residents"), func(w *world) any {
		return map[string]any{"unit_id": w.unitA, "display_name": "Lyyli"}
	}, want(crt, fbd, fbd, crt, fbd, fbd, fbd, fbd, fbd)},
	{"update resident", "PATCH", func(w *world) string { return "/api/v1/residents/" + w.resident }, func(*world) any {
		return map[string]any{"active": true}
	}, want(ok, fbd, fbd, ok, nf, fbd, fbd, fbd, fbd)},
	{"erase resident", "DELETE", func(w *world) string { return "/api/v1/residents/" + w.freshResident() }, nil,
		want(gon, fbd, fbd, gon, nf, fbd, fbd, fbd, fbd)},
	{"write profile", "PUT", func(w *world) string { return "/api/v1/residents/" + w.resident + "/culture-profile" }, func(*world) any {
		return map[string]any{"music": "Rautavaara"}
	}, want(crt, fbd, fbd, ok, nf, fbd, fbd, fbd, fbd)},
	{"read profile", "GET", func(w *world) string { return "/api/v1/residents/" + w.resident + "/culture-profile" }, nil,
		want(ok, fbd, fbd, ok, nf, fbd, fbd, fbd, fbd)},
	{"export resident", "GET", func(w *world) string { return "/api/v1/residents/" + w.resident + "/culture-profile/export" }, nil,
		want(ok, fbd, fbd, ok, nf, fbd, fbd, fbd, fbd)},
	{"resident participation", "GET", func(w *world) string { return "/api/v1/residents/" + w.resident + "/participation" }, nil,
		want(ok, fbd, fbd, ok, nf, fbd, fbd, fbd, fbd)},
	{"culture summary", "GET", func(w *world) string { return "/api/v1/residents/" + w.resident + "/culture-summary?lang=sv" }, nil,
		want(ok, fbd, fbd, ok, nf, fbd, fbd, fbd, fbd)},
	{"upcoming matches", "GET", func(w *world) string { return "/api/v1/residents/" + w.resident + "/upcoming-activities" }, nil,
		want(ok, fbd, fbd, ok, nf, fbd, fbd, fbd, fbd)},
	{"left out", "GET", func(w *world) string { return "/api/v1/units/" + w.unitA.String() + "/residents/left-out" }, nil,
		want(ok, fbd, fbd, ok, nf, fbd, fbd, fbd, fbd)},
	{"erase profile", "DELETE", func(w *world) string { return "/api/v1/residents/" + w.freshProfile() + "/culture-profile" }, nil,
		want(gon, fbd, fbd, gon, nf, fbd, fbd, fbd, fbd)},

	// Mentors: staff records; the summary is figures only.
	{"list mentors", "GET", fixed("/api/v1/mentors"), nil, want(ok, ok, ok, ok, ok, fbd, fbd, fbd, fbd)},
	{"get mentor", "GET", func(w *world) string { return "/api/v1/mentors/" + w.mentorRecord }, nil,
		want(ok, ok, ok, ok, nf, fbd, fbd, fbd, fbd)},
	{"name mentor", "POST", fixed("/api/v1/mentors"), func(w *world) any {
		return map[string]any{"name": "Uusi Mentori", "unit_ids": []uuid.UUID{w.unitA}}
	}, want(crt, crt, fbd, fbd, fbd, fbd, fbd, fbd, fbd)},
	{"update mentor", "PATCH", func(w *world) string { return "/api/v1/mentors/" + w.mentorRecord }, func(*world) any {
		return map[string]any{"title": "ohjaaja"}
	}, want(ok, ok, fbd, fbd, fbd, fbd, fbd, fbd, fbd)},
	{"delete mentor", "DELETE", func(w *world) string { return "/api/v1/mentors/" + w.freshMentor() }, nil,
		want(gon, gon, fbd, fbd, fbd, fbd, fbd, fbd, fbd)},
	{"mentor summary", "GET", fixed("/api/v1/mentors/summary"), nil, want(ok, ok, ok, ok, ok, ok, ok, ok, fbd)},
	{"list trainings", "GET", func(w *world) string { return "/api/v1/mentors/" + w.mentorRecord + "/trainings" }, nil,
		want(ok, ok, ok, ok, nf, fbd, fbd, fbd, fbd)},
	{"get training", "GET", func(w *world) string { return "/api/v1/mentors/" + w.mentorRecord + "/trainings/" + w.training }, nil,
		want(ok, ok, ok, ok, nf, fbd, fbd, fbd, fbd)},
	{"record training", "POST", func(w *world) string { return "/api/v1/mentors/" + w.mentorRecord + "/trainings" }, func(*world) any {
		return map[string]any{"course": "Kurssi", "completed_on": "2024-06-01", "hours": 2.5}
	}, want(crt, crt, fbd, crt, nf, fbd, fbd, fbd, fbd)},
	{"update training", "PATCH", func(w *world) string { return "/api/v1/mentors/" + w.mentorRecord + "/trainings/" + w.training },
		func(*world) any { return map[string]any{"provider": "Humak"} }, want(ok, ok, fbd, ok, nf, fbd, fbd, fbd, fbd)},
	{"delete training", "DELETE", func(w *world) string {
		return "/api/v1/mentors/" + w.mentorRecord + "/trainings/" + w.freshTraining()
	}, nil, want(gon, gon, fbd, gon, nf, fbd, fbd, fbd, fbd)},
}

// TestPolicyMatrix checks every role and token against every action of
// the committee domain.
func TestPolicyMatrix(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	for _, a := range actions {
		for _, who := range callers {
			path := a.path(w)
			var body any
			if a.body != nil {
				body = a.body(w)
			}
			r := w.env.Do(apitest.Req{Method: a.method, Path: path, Token: w.tok[who], Body: body})
			if r.Status != a.want[who] {
				t.Errorf("%s as %s: %d, want %d: %.200s", a.name, who, r.Status, a.want[who], r.Body)
			}
		}
	}
}

// TestMentorSeesOnlyOwnUnits checks that lists never leak another unit's
// rows to a mentor, and that another unit's rows look exactly like rows
// that do not exist.
func TestMentorSeesOnlyOwnUnits(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	b := w.tok["mentorB"]
	for _, p := range []string{"/api/v1/committees", "/api/v1/ideas", "/api/v1/residents", "/api/v1/mentors",
		"/api/v1/ideas?committee_id=" + w.committee, "/api/v1/committees?unit_id=" + w.unitA.String()} {
		if l := w.list(p, b); l.Total != 0 || len(l.Items) != 0 {
			t.Errorf("%s as mentor of another unit: %v", p, l.Items)
		}
	}
	var sum struct {
		Units []map[string]any `json:"units"`
	}
	w.env.Get("/api/v1/committees/summary", b).Expect(http.StatusOK).JSON(&sum)
	if len(sum.Units) != 1 || sum.Units[0]["unit_id"] != w.unitB.String() {
		t.Errorf("summary as mentor B: %v", sum.Units)
	}
	w.env.Get("/api/v1/mentors/summary", b).Expect(http.StatusOK).JSON(&sum)
	if len(sum.Units) != 1 || sum.Units[0]["unit_id"] != w.unitB.String() {
		t.Errorf("mentor summary as mentor B: %v", sum.Units)
	}
	// Another unit's committee and a missing one give the same answer.
	missing := w.env.Get("/api/v1/committees/"+uuid.NewString(), b).Problem(http.StatusNotFound, "not-found")
	hidden := w.env.Get(w.path(), b).Problem(http.StatusNotFound, "not-found")
	if missing["detail"] != hidden["detail"] {
		t.Errorf("a hidden committee is distinguishable: %v vs %v", missing["detail"], hidden["detail"])
	}
	// A mentor with both units sees both; the owner of unit A sees A's rows.
	if l := w.list("/api/v1/committees", w.tok["mentorA"]); l.Total != 1 {
		t.Errorf("mentor A committees: %d", l.Total)
	}
	// Producer and managers see members' display names (through committee
	// endpoints only).
	if l := w.list(w.path("members"), w.tok["manager"]); l.Total != 1 || l.Items[0]["display_name"] != "Aili" {
		t.Errorf("manager members: %v", l.Items)
	}
}
