package committee_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/google/uuid"

	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/apitest"
)

type badCase struct {
	name   string
	method string
	path   string
	token  string
	body   map[string]any
	fields []string
}

func runBad(t *testing.T, env *apitest.Env, cases []badCase) {
	t.Helper()
	for _, tc := range cases {
		r := env.Do(apitest.Req{Method: tc.method, Path: tc.path, Token: tc.token, Body: tc.body})
		if r.Status != http.StatusUnprocessableEntity {
			t.Errorf("%s: status %d, want 422: %s", tc.name, r.Status, r.Body)
			continue
		}
		r.Problem(http.StatusUnprocessableEntity, "validation")
		if got := r.FieldErrors(); fmt.Sprint(got) != fmt.Sprint(tc.fields) {
			t.Errorf("%s: fields %v, want %v", tc.name, got, tc.fields)
		}
	}
}

// TestBadBodies sends every write endpoint the malformed bodies of
// apitest.CheckBadBodies.
func TestBadBodies(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	a, admin := w.tok["mentorA"], w.tok["admin"]
	m := "/api/v1/mentors/" + w.mentorRecord
	for _, c := range []struct {
		method, path, token string
		valid               map[string]any
	}{
		{"POST", "/api/v1/committees", a, map[string]any{"unit_id": w.unitA.String(), "name": "K", "founded_on": "2024-01-01", "active": true}},
		{"PATCH", w.path(), a, map[string]any{"name": "K", "founded_on": "2024-01-01", "active": true}},
		{"POST", w.path("members"), a, map[string]any{"display_name": "A", "role": "member", "joined_on": "2024-02-01", "left_on": "2024-03-01"}},
		{"PATCH", w.path("members", w.member), a, map[string]any{"role": "chair", "joined_on": "2024-02-01", "left_on": "2024-03-01"}},
		{"POST", w.path("meetings"), a, map[string]any{"held_on": "2024-02-01", "agenda": "a", "minutes": "m", "decisions": "d"}},
		{"PATCH", w.path("meetings", w.meeting), a, map[string]any{"held_on": "2024-02-01", "agenda": "a"}},
		{"POST", "/api/v1/ideas", a, map[string]any{"committee_id": w.committee, "title": "T", "source": "survey", "description": "d"}},
		{"PATCH", "/api/v1/ideas/" + w.idea, a, map[string]any{"title": "T", "status": "new", "source": "other"}},
		{"POST", "/api/v1/ideas/" + w.idea + "/votes", a, map[string]any{"count": 1}},
		{"POST", "/api/v1/residents", a, map[string]any{"unit_id": w.unitA.String(), "display_name": "R", "active": true}},
		{"PATCH", "/api/v1/residents/" + w.resident, a, map[string]any{"display_name": "R", "active": true}},
		{"PUT", "/api/v1/residents/" + w.resident + "/culture-profile", a, map[string]any{"life_story": "l", "music": "m", "arts": "a", "places": "p", "wishes": "w"}},
		{"POST", "/api/v1/mentors", admin, map[string]any{"name": "N", "email": "n@example.fi", "unit_ids": []string{w.unitA.String()}, "active": true}},
		{"PATCH", m, admin, map[string]any{"name": "N", "phone": "1", "active": true}},
		{"POST", m + "/trainings", admin, map[string]any{"course": "C", "provider": "P", "completed_on": "2024-01-01", "hours": 2}},
		{"PATCH", m + "/trainings/" + w.training, admin, map[string]any{"course": "C", "hours": 2}},
	} {
		w.env.CheckBadBodies(c.method, c.path, c.token, c.valid)
	}
}

// TestBadInput checks that content breaking a rule gets a 422 naming
// exactly the fields at fault.
func TestBadInput(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	a, admin := w.tok["mentorA"], w.tok["admin"]
	// A resident of unit B, and a user who is not a mentor.
	otherResident := w.env.Post("/api/v1/residents", admin, map[string]any{"unit_id": w.unitB, "display_name": "Muu"}).
		Expect(http.StatusCreated).ID()
	viewer := w.env.UserWith(access.RoleViewer)
	long := func(n int) string { return strings.Repeat("a", n) }
	unitA := w.unitA.String()
	m := "/api/v1/mentors/" + w.mentorRecord
	runBad(t, w.env, []badCase{
		{"committee: nothing", "POST", "/api/v1/committees", a, map[string]any{}, []string{"unit_id", "name"}},
		{"committee: unknown unit", "POST", "/api/v1/committees", admin, map[string]any{"unit_id": uuid.NewString(), "name": "K"}, []string{"unit_id"}},
		{"committee: founded in 1800", "POST", "/api/v1/committees", a, map[string]any{"unit_id": unitA, "name": "K", "founded_on": "1800-01-01"}, []string{"founded_on"}},
		{"committee: impossible date", "POST", "/api/v1/committees", a, map[string]any{"unit_id": unitA, "name": "K", "founded_on": "2024-02-30"}, []string{"founded_on"}},
		{"committee: long name", "POST", "/api/v1/committees", a, map[string]any{"unit_id": unitA, "name": long(201)}, []string{"name"}},
		{"committee: founded after its first meeting", "PATCH", w.path(), a, map[string]any{"founded_on": "2024-12-01"}, []string{"founded_on"}},

		{"member: neither resident nor name", "POST", w.path("members"), a, map[string]any{"role": "member", "joined_on": "2024-02-01"}, []string{"resident_id"}},
		{"member: both", "POST", w.path("members"), a, map[string]any{"resident_id": w.resident, "display_name": "X", "role": "member", "joined_on": "2024-02-01"}, []string{"resident_id"}},
		{"member: left before joining", "POST", w.path("members"), a, map[string]any{"display_name": "X", "role": "member", "joined_on": "2024-05-01", "left_on": "2024-04-30"}, []string{"left_on"}},
		{"member: joined before founding", "POST", w.path("members"), a, map[string]any{"display_name": "X", "role": "member", "joined_on": "2023-12-31"}, []string{"joined_on"}},
		{"member: another unit's resident", "POST", w.path("members"), a, map[string]any{"resident_id": otherResident, "role": "member", "joined_on": "2024-02-01"}, []string{"resident_id"}},
		{"member: unknown resident", "POST", w.path("members"), a, map[string]any{"resident_id": uuid.NewString(), "role": "member", "joined_on": "2024-02-01"}, []string{"resident_id"}},
		{"member: bad role", "POST", w.path("members"), a, map[string]any{"display_name": "X", "role": "king", "joined_on": "2024-02-01"}, []string{"role"}},
		{"member: no joined_on", "POST", w.path("members"), a, map[string]any{"display_name": "X", "role": "member"}, []string{"joined_on"}},
		{"member: identity code", "POST", w.path("members"), a, map[string]any{"display_name": "Aili 010150-123A", "role": "member", "joined_on": "2024-02-01"}, []string{"display_name"}},
		{"member: long name", "POST", w.path("members"), a, map[string]any{"display_name": long(61), "role": "member", "joined_on": "2024-02-01"}, []string{"display_name"}},
		{"member patch: left before joining", "PATCH", w.path("members", w.member), a, map[string]any{"left_on": "2024-01-01"}, []string{"left_on"}},

		{"meeting: no date", "POST", w.path("meetings"), a, map[string]any{"agenda": "x"}, []string{"held_on"}},
		{"meeting: before founding", "POST", w.path("meetings"), a, map[string]any{"held_on": "2023-06-01"}, []string{"held_on"}},
		{"meeting: in 2300", "POST", w.path("meetings"), a, map[string]any{"held_on": "2300-06-01"}, []string{"held_on"}},
		{"meeting: oversized texts", "POST", w.path("meetings"), a, map[string]any{"held_on": "2024-06-01", "agenda": long(10001), "minutes": long(50001), "decisions": long(20001)}, []string{"agenda", "minutes", "decisions"}},
		{"meeting patch: before founding", "PATCH", w.path("meetings", w.meeting), a, map[string]any{"held_on": "2020-01-01"}, []string{"held_on"}},

		{"idea: nothing", "POST", "/api/v1/ideas", a, map[string]any{}, []string{"committee_id", "title", "source"}},
		{"idea: another unit's committee", "POST", "/api/v1/ideas", w.tok["mentorB"], map[string]any{"committee_id": w.committee, "title": "T", "source": "survey"}, []string{"committee_id"}},
		{"idea: unknown committee", "POST", "/api/v1/ideas", a, map[string]any{"committee_id": uuid.NewString(), "title": "T", "source": "survey"}, []string{"committee_id"}},
		{"idea: bad numbers", "POST", "/api/v1/ideas", a, map[string]any{"committee_id": w.committee, "title": "T", "source": "survey", "votes": -1, "priority": 6}, []string{"votes", "priority"}},
		{"idea: long description", "POST", "/api/v1/ideas", a, map[string]any{"committee_id": w.committee, "title": "T", "source": "survey", "description": long(5001)}, []string{"description"}},
		{"idea: bad source", "POST", "/api/v1/ideas", a, map[string]any{"committee_id": w.committee, "title": "T", "source": "rumour"}, []string{"source"}},
		{"idea: bad status", "PATCH", "/api/v1/ideas/" + w.idea, a, map[string]any{"status": "maybe"}, []string{"status"}},
		{"idea: new to done", "PATCH", "/api/v1/ideas/" + w.idea, a, map[string]any{"status": "done"}, []string{"status"}},
		{"idea: blank title", "PATCH", "/api/v1/ideas/" + w.idea, a, map[string]any{"title": "   "}, []string{"title"}},
		{"vote: zero", "POST", "/api/v1/ideas/" + w.idea + "/votes", a, map[string]any{"count": 0}, []string{"count"}},
		{"vote: too many", "POST", "/api/v1/ideas/" + w.idea + "/votes", a, map[string]any{"count": 1001}, []string{"count"}},

		{"resident: nothing", "POST", "/api/v1/residents", a, map[string]any{}, []string{"unit_id", "display_name"}},
		{"resident: identity code", "POST", "/api/v1/residents", a, map[string]any{"unit_id": unitA, "display_name": "131052-308T"}, []string{"display_name"}},
		{"resident: unknown unit", "POST", "/api/v1/residents", admin, map[string]any{"unit_id": uuid.NewString(), "display_name": "X"}, []string{"unit_id"}},
		{"resident patch: blank", "PATCH", "/api/v1/residents/" + w.resident, a, map[string]any{"display_name": ""}, []string{"display_name"}},
		{"profile: oversized", "PUT", "/api/v1/residents/" + w.resident + "/culture-profile", a, map[string]any{"life_story": long(20001), "wishes": long(5001)}, []string{"life_story", "wishes"}},

		{"mentor: nothing", "POST", "/api/v1/mentors", admin, map[string]any{}, []string{"name", "unit_ids"}},
		{"mentor: bad email", "POST", "/api/v1/mentors", admin, map[string]any{"name": "N", "email": "not an email", "unit_ids": []string{unitA}}, []string{"email"}},
		{"mentor: repeated unit", "POST", "/api/v1/mentors", admin, map[string]any{"name": "N", "unit_ids": []string{unitA, unitA}}, []string{"unit_ids"}},
		{"mentor: unknown unit", "POST", "/api/v1/mentors", admin, map[string]any{"name": "N", "unit_ids": []string{uuid.NewString()}}, []string{"unit_ids"}},
		{"mentor: user is no mentor", "POST", "/api/v1/mentors", admin, map[string]any{"name": "N", "unit_ids": []string{unitA}, "user_id": viewer.ID}, []string{"user_id"}},
		{"mentor: since 1850", "POST", "/api/v1/mentors", admin, map[string]any{"name": "N", "unit_ids": []string{unitA}, "since": "1850-01-01"}, []string{"since"}},
		{"mentor patch: no units", "PATCH", m, admin, map[string]any{"unit_ids": []string{}}, []string{"unit_ids"}},
		{"training: nothing", "POST", m + "/trainings", admin, map[string]any{}, []string{"course", "completed_on", "hours"}},
		{"training: in the future", "POST", m + "/trainings", admin, map[string]any{"course": "C", "completed_on": "2199-01-01", "hours": 1}, []string{"completed_on"}},
		{"training: hundredths", "POST", m + "/trainings", admin, map[string]any{"course": "C", "completed_on": "2024-01-01", "hours": 1.25}, []string{"hours"}},
		{"training: too long", "POST", m + "/trainings", admin, map[string]any{"course": "C", "completed_on": "2024-01-01", "hours": 1000.1}, []string{"hours"}},
		{"training: negative", "POST", m + "/trainings", admin, map[string]any{"course": "C", "completed_on": "2024-01-01", "hours": -2}, []string{"hours"}},
		{"training patch: zero hours", "PATCH", m + "/trainings/" + w.training, admin, map[string]any{"hours": 0}, []string{"hours"}},
	})

	// A second link of the same user account conflicts.
	mentorUser := w.env.UserWith(access.RoleMentor, apitest.WithUnits(w.unitA))
	w.env.Post("/api/v1/mentors", admin, map[string]any{"name": "N1", "unit_ids": []string{unitA}, "user_id": mentorUser.ID}).Expect(http.StatusCreated)
	w.env.Post("/api/v1/mentors", admin, map[string]any{"name": "N2", "unit_ids": []string{unitA}, "user_id": mentorUser.ID}).
		Problem(http.StatusConflict, "conflict")
}

// TestHostileText checks that HTML, script and other hostile texts are
// stored and returned as plain text (JSON-escaped), or refused; never a 500.
func TestHostileText(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	a := w.tok["mentorA"]
	for _, s := range apitest.InjectionStrings {
		if len([]rune(s)) > 200 {
			s = string([]rune(s)[:200])
		}
		r := w.env.Post("/api/v1/ideas", a, map[string]any{"committee_id": w.committee, "title": s, "description": s, "source": "other"})
		switch r.Status {
		case http.StatusCreated:
			if r.Map()["title"] != strings.TrimSpace(s) || r.Map()["description"] != s {
				t.Errorf("idea %q not stored as text: %s", s[:min(len(s), 20)], r.Body)
			}
			// Served as JSON that browsers never sniff into HTML.
			if !strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") || r.Header.Get("X-Content-Type-Options") != "nosniff" {
				t.Errorf("hostile text served as %q, %q", r.Header.Get("Content-Type"), r.Header.Get("X-Content-Type-Options"))
			}
		case http.StatusUnprocessableEntity:
			r.Problem(http.StatusUnprocessableEntity, "validation")
		default:
			t.Errorf("idea %q: status %d", s[:min(len(s), 20)], r.Status)
		}
		r = w.env.Post(w.path("meetings"), a, map[string]any{"held_on": "2024-05-05", "minutes": s, "decisions": s})
		if r.Status != http.StatusCreated && r.Status != http.StatusUnprocessableEntity {
			t.Errorf("meeting %q: status %d", s[:min(len(s), 20)], r.Status)
		}
		r = w.env.Put("/api/v1/residents/"+w.resident+"/culture-profile", a, map[string]any{"wishes": s}, "")
		if r.Status >= 300 && r.Status != http.StatusUnprocessableEntity {
			t.Errorf("profile %q: status %d", s[:min(len(s), 20)], r.Status)
		}
		if r.Status < 300 && r.Map()["wishes"] != s {
			t.Errorf("profile %q not stored as text", s[:min(len(s), 20)])
		}
		// Searching for hostile text is harmless.
		r = w.env.Get("/api/v1/ideas?q="+urlEscape(s), a)
		if r.Status != http.StatusOK && r.Status != http.StatusBadRequest {
			t.Errorf("search %q: status %d", s[:min(len(s), 20)], r.Status)
		}
	}
	r := w.env.Post("/api/v1/ideas", a, map[string]any{"committee_id": w.committee, "title": "<b>bold</b>", "source": "other"}).
		Expect(http.StatusCreated)
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("content type %q", ct)
	}
}

// TestBadParameters checks malformed query and path parameters, stale or
// malformed If-Match, and bad credentials on every route.
func TestBadParameters(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	a := w.tok["mentorA"]
	for _, p := range []string{
		"/api/v1/committees?unit_id=x", "/api/v1/committees?active=perhaps", "/api/v1/committees?limit=0",
		"/api/v1/committees?updated_since=yesterday", "/api/v1/ideas?status=maybe", "/api/v1/ideas?source=x",
		"/api/v1/ideas?sort=random", "/api/v1/ideas?has_activity=2", "/api/v1/ideas?q=" + strings.Repeat("a", 201),
		"/api/v1/ideas?q=%FF", "/api/v1/ideas?offset=-1", "/api/v1/residents?unit_id=1%27%20OR%201=1", "/api/v1/mentors?active=x",
		w.path("members") + "?current=sometimes", w.path("meetings") + "?from=2024-13-01",
		w.path("meetings") + "?from=2024-05-01&to=2024-04-01", "/api/v1/committees/summary?year=abc",
		"/api/v1/committees/summary?year=99999", "/api/v1/mentors/summary?department_id=x",
		"/api/v1/mentors/" + w.mentorRecord + "/trainings?to=never",
	} {
		w.env.Get(p, a).Problem(http.StatusBadRequest, "bad-request")
	}
	for _, p := range []string{"/api/v1/committees/nope", w.path("members", "nope"), w.path("meetings", "1"),
		"/api/v1/ideas/nope", "/api/v1/residents/nope/culture-profile", "/api/v1/mentors/x/trainings",
		"/api/v1/committees/" + uuid.NewString() + "/members", "/api/v1/residents/" + uuid.NewString() + "/culture-profile/export",
		"/api/v1/residents/nope", "/api/v1/mentors/nope", "/api/v1/mentors/" + w.mentorRecord + "/trainings/nope",
		"/api/v1/committees/" + uuid.NewString() + "/meetings/" + w.meeting, "/api/v1/ideas/" + uuid.NewString()} {
		w.env.Get(p, a).Problem(http.StatusNotFound, "not-found")
	}
	w.env.Patch(w.path(), a, map[string]any{"name": "X"}, `"abc"`).Problem(http.StatusPreconditionFailed, "version-mismatch")
	w.env.Patch(w.path(), a, map[string]any{"name": "X"}, `"99"`).Problem(http.StatusPreconditionFailed, "version-mismatch")
	w.env.Delete("/api/v1/ideas/"+w.idea, a, `"99"`).Problem(http.StatusPreconditionFailed, "version-mismatch")
	// A profile that does not exist yet cannot match an If-Match.
	w.env.Put("/api/v1/residents/"+w.resident+"/culture-profile", a, map[string]any{"music": "x"}, `"1"`).
		Problem(http.StatusPreconditionFailed, "version-mismatch")

	for _, p := range []string{"/api/v1/committees", "/api/v1/committees/" + w.committee, w.path("members"), w.path("meetings"),
		"/api/v1/ideas", "/api/v1/residents", "/api/v1/residents/" + w.resident + "/culture-profile", "/api/v1/mentors",
		"/api/v1/mentors/summary", "/api/v1/committees/summary", "/api/v1/mentors/" + w.mentorRecord + "/trainings"} {
		w.env.CheckBadTokens("GET", p)
	}
	w.env.CheckBadTokens("POST", "/api/v1/ideas")
	w.env.CheckBadTokens("DELETE", "/api/v1/residents/"+w.resident)
}

func urlEscape(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		fmt.Fprintf(&b, "%%%02X", c)
	}
	return b.String()
}
