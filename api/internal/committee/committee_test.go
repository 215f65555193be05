package committee_test

import (
	"fmt"
	"net/http"
	"slices"
	"testing"

	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/apitest"
)

// TestCommitteeYear runs a committee's year the way a mentor does: form it,
// name members, record meetings, collect and rank ideas, and see which
// became activities.
func TestCommitteeYear(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	unit := env.Unit()
	mentor := env.Token(access.RoleMentor, apitest.WithUnits(unit))

	r := env.Post("/api/v1/committees", mentor, map[string]any{"unit_id": unit, "name": "Koivukodon kulttuuritoimikunta",
		"founded_on": "2025-01-10"}).Expect(http.StatusCreated)
	cid := r.ID()
	if r.ETag() != `"1"` || r.Header.Get("Location") != "/api/v1/committees/"+cid {
		t.Fatalf("ETag %q Location %q", r.ETag(), r.Header.Get("Location"))
	}
	base := "/api/v1/committees/" + cid
	env.Do(apitest.Req{Method: "GET", Path: base, Token: mentor, Header: map[string]string{"If-None-Match": `"1"`}}).
		Expect(http.StatusNotModified)
	env.Post("/api/v1/committees", mentor, map[string]any{"unit_id": unit, "name": "koivukodon KULTTUURITOIMIKUNTA"}).
		Problem(http.StatusConflict, "conflict")

	// Members: a new resident by display name, an existing one by id.
	chair := env.Post(base+"/members", mentor, map[string]any{"display_name": "Aili", "role": "chair", "joined_on": "2025-01-10"}).
		Expect(http.StatusCreated).Map()
	if chair["display_name"] != "Aili" || chair["resident_id"] == nil || chair["left_on"] != nil {
		t.Fatalf("chair: %v", chair)
	}
	res := env.Post("/api/v1/residents", mentor, map[string]any{"unit_id": unit, "display_name": "Eino"}).Expect(http.StatusCreated).ID()
	eino := env.Post(base+"/members", mentor, map[string]any{"resident_id": res, "role": "member", "joined_on": "2025-01-10"}).
		Expect(http.StatusCreated).Map()
	if eino["display_name"] != "Eino" {
		t.Fatalf("member by resident_id: %v", eino)
	}
	// A second current chair, or the same resident twice at once, conflicts.
	env.Post(base+"/members", mentor, map[string]any{"display_name": "Toinen", "role": "chair", "joined_on": "2025-02-01"}).
		Problem(http.StatusConflict, "conflict")
	env.Post(base+"/members", mentor, map[string]any{"resident_id": res, "role": "member", "joined_on": "2025-03-01"}).
		Problem(http.StatusConflict, "conflict")

	// Eino leaves in June; he stays in the history, no longer current.
	einoPath := base + "/members/" + eino["id"].(string)
	env.Patch(einoPath, mentor, map[string]any{"left_on": "2025-06-30"}, `"2"`).Problem(http.StatusPreconditionFailed, "version-mismatch")
	left := env.Patch(einoPath, mentor, map[string]any{"left_on": "2025-06-30"}, `"1"`).Expect(http.StatusOK).Map()
	if left["left_on"] != "2025-06-30" || left["version"].(float64) != 2 {
		t.Fatalf("left: %v", left)
	}
	var l list
	env.Get(base+"/members", mentor).Expect(http.StatusOK).JSON(&l)
	if l.Total != 2 || l.Items[0]["display_name"] != "Aili" || l.Items[1]["display_name"] != "Eino" {
		t.Fatalf("history: %v", l.Items)
	}
	env.Get(base+"/members?current=true", mentor).Expect(http.StatusOK).JSON(&l)
	if l.Total != 1 || l.Items[0]["display_name"] != "Aili" {
		t.Fatalf("current: %v", l.Items)
	}
	env.Get(base+"/members?current=false", mentor).Expect(http.StatusOK).JSON(&l)
	if l.Total != 1 || l.Items[0]["display_name"] != "Eino" {
		t.Fatalf("former: %v", l.Items)
	}
	// He can rejoin after his first period.
	env.Post(base+"/members", mentor, map[string]any{"resident_id": res, "role": "secretary", "joined_on": "2025-09-01"}).
		Expect(http.StatusCreated)

	// Meetings.
	for _, d := range []string{"2025-02-05", "2025-05-14", "2025-09-10"} {
		env.Post(base+"/meetings", mentor, map[string]any{"held_on": d, "agenda": "1. Toiveet", "minutes": "Keskusteltiin.",
			"decisions": "Järjestetään tanssit."}).Expect(http.StatusCreated)
	}
	env.Get(base+"/meetings?from=2025-05-01&to=2025-12-31", mentor).Expect(http.StatusOK).JSON(&l)
	if l.Total != 2 || l.Items[0]["held_on"] != "2025-09-10" {
		t.Fatalf("meetings: %v", l.Items)
	}

	// Ideas, ranked by priority and votes.
	ideas := map[string]string{}
	for _, in := range []map[string]any{
		{"title": "Tanssiaiset", "source": "meeting", "votes": 5},
		{"title": "Kuorokonsertti", "source": "survey", "priority": 1},
		{"title": "Taidenäyttely", "source": "resident", "description": "Omien töiden näyttely aulassa", "votes": 9},
		{"title": "Retki saaristoon", "source": "staff"},
	} {
		in["committee_id"] = cid
		ir := env.Post("/api/v1/ideas", mentor, in).Expect(http.StatusCreated).Map()
		if ir["status"] != "new" || ir["unit_id"] != unit.String() {
			t.Fatalf("new idea: %v", ir)
		}
		ideas[in["title"].(string)] = ir["id"].(string)
	}
	voted := env.Post("/api/v1/ideas/"+ideas["Tanssiaiset"]+"/votes", mentor, map[string]any{"count": 7}).Expect(http.StatusOK).Map()
	if voted["votes"].(float64) != 12 {
		t.Fatalf("votes: %v", voted["votes"])
	}
	env.Get("/api/v1/ideas?sort=rank&committee_id="+cid, mentor).Expect(http.StatusOK).JSON(&l)
	if got := field(l.Items, "title"); !slices.Equal(got, []string{"Kuorokonsertti", "Tanssiaiset", "Taidenäyttely", "Retki saaristoon"}) {
		t.Fatalf("rank order: %v", got)
	}
	env.Get("/api/v1/ideas?q=n%C3%A4yttely", mentor).Expect(http.StatusOK).JSON(&l)
	if l.Total != 1 || l.Items[0]["title"] != "Taidenäyttely" {
		t.Fatalf("search: %v", l.Items)
	}
	env.Get("/api/v1/ideas?q=aulassa&source=resident&status=new&unit_id="+unit.String(), mentor).Expect(http.StatusOK).JSON(&l)
	if l.Total != 1 {
		t.Fatalf("combined filters: %v", l.Items)
	}
	env.Get("/api/v1/ideas?q=%25", mentor).Expect(http.StatusOK).JSON(&l)
	if l.Total != 0 {
		t.Fatalf("a %% search must match literally: %v", l.Items)
	}

	// The calendar turns an idea into a proposed activity: the idea gets
	// activity_id and status planned.
	env.Post("/api/v1/ideas/"+ideas["Kuorokonsertti"]+"/activity", mentor, map[string]any{"category": "music",
		"starts_at": "2025-10-01T14:00:00+03:00", "ends_at": "2025-10-01T15:00:00+03:00"}).Expect(http.StatusCreated)
	planned := env.Get("/api/v1/ideas/"+ideas["Kuorokonsertti"], mentor).Expect(http.StatusOK)
	activity, _ := planned.Map()["activity_id"].(string)
	if activity == "" || planned.Map()["status"] != "planned" {
		t.Fatalf("idea turned into an activity: %s", planned.Body)
	}
	env.Get("/api/v1/ideas?has_activity=true", mentor).Expect(http.StatusOK).JSON(&l)
	if l.Total != 1 || l.Items[0]["activity_id"] != activity {
		t.Fatalf("became activities: %v", l.Items)
	}
	done := env.Patch("/api/v1/ideas/"+ideas["Kuorokonsertti"], mentor, map[string]any{"status": "done"}, planned.ETag()).Expect(http.StatusOK).Map()
	if done["status"] != "done" || done["activity_id"] != activity {
		t.Fatalf("done: %v", done)
	}
	env.Delete("/api/v1/ideas/"+ideas["Kuorokonsertti"], mentor, "").Problem(http.StatusConflict, "conflict")
	env.Patch("/api/v1/ideas/"+ideas["Retki saaristoon"], mentor, map[string]any{"status": "declined"}, "").Expect(http.StatusOK)
	env.Post("/api/v1/ideas/"+ideas["Retki saaristoon"]+"/votes", mentor, map[string]any{"count": 1}).
		Problem(http.StatusUnprocessableEntity, "validation")
	env.Patch("/api/v1/ideas/"+ideas["Retki saaristoon"], mentor, map[string]any{"status": "new"}, "").Expect(http.StatusOK)

	// The year in figures.
	var sum struct {
		Year  int              `json:"year"`
		Units []map[string]any `json:"units"`
	}
	env.Get("/api/v1/committees/summary?year=2025", mentor).Expect(http.StatusOK).JSON(&sum)
	if len(sum.Units) != 1 {
		t.Fatalf("a mentor's summary covers their units: %v", sum.Units)
	}
	u := sum.Units[0]
	if u["committees"].(float64) != 1 || u["meetings"].(float64) != 3 || u["current_members"].(float64) != 2 {
		t.Fatalf("summary 2025: %v", u)
	}
	// Ideas count in the year they were filed (this year).
	env.Get("/api/v1/committees/summary", mentor).Expect(http.StatusOK).JSON(&sum)
	u = sum.Units[0]
	if u["ideas_new"].(float64) != 3 || u["ideas_done"].(float64) != 1 || u["ideas_with_activity"].(float64) != 1 ||
		u["meetings"].(float64) != 0 {
		t.Fatalf("summary this year: %v", u)
	}

	// A committee with history cannot be deleted, only deactivated.
	env.Delete(base, mentor, "").Problem(http.StatusConflict, "conflict")
	off := env.Patch(base, mentor, map[string]any{"active": false}, "").Expect(http.StatusOK).Map()
	if off["active"] != false {
		t.Fatalf("deactivate: %v", off)
	}
	// The founding date cannot move after the first meeting.
	r2 := env.Patch(base, mentor, map[string]any{"founded_on": "2025-03-01"}, "")
	r2.Problem(http.StatusUnprocessableEntity, "validation")
	if f := r2.FieldErrors(); fmt.Sprint(f) != "[founded_on]" {
		t.Fatalf("fields %v", f)
	}

	// Every change was audited.
	n := env.AuditCount("entity_type IN ('committee','committee_member','committee_meeting','idea','resident')")
	if n < 20 {
		t.Fatalf("audit events: %d", n)
	}
}

func TestCommitteeDeleteEmpty(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	unit := env.Unit()
	admin := env.Token(access.RoleAdmin)
	id := env.Post("/api/v1/committees", admin, map[string]any{"unit_id": unit, "name": "Tyhjä"}).Expect(http.StatusCreated).ID()
	env.Delete("/api/v1/committees/"+id, admin, `"7"`).Problem(http.StatusPreconditionFailed, "version-mismatch")
	env.Delete("/api/v1/committees/"+id, admin, `"1"`).Expect(http.StatusNoContent)
	env.Get("/api/v1/committees/"+id, admin).Problem(http.StatusNotFound, "not-found")
}

// TestConcurrentVotes: votes sent at the same moment all count (the idea
// row is locked; no vote overwrites another).
func TestConcurrentVotes(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	a := w.tok["mentorA"]
	const n = 12
	statuses := make(chan int, n)
	for range n {
		go func() {
			statuses <- w.env.Do(apitest.Req{Method: "POST", Path: "/api/v1/ideas/" + w.idea + "/votes", Token: a,
				Body: map[string]any{"count": 2}}).Status
		}()
	}
	for range n {
		if s := <-statuses; s != http.StatusOK {
			t.Errorf("vote: %d", s)
		}
	}
	got := w.env.Get("/api/v1/ideas/"+w.idea, a).Expect(http.StatusOK).Map()
	if got["votes"].(float64) != 2*n || got["version"].(float64) != 1+n {
		t.Fatalf("after %d concurrent votes: %v", n, got)
	}
	if c := w.auditCount("idea.vote", w.idea); c != n {
		t.Fatalf("vote events: %d", c)
	}
}
