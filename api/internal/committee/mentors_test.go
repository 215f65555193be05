package committee_test

import (
	"context"
	"math"
	"net/http"
	"testing"
	"time"

	"github.com/google/uuid"

	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/apitest"
	"kulttuurisilta/api/internal/committee"
	"kulttuurisilta/api/internal/seed"
)

// TestMentorsAndSummary names mentors to units, records their trainings
// and checks the per-unit figures a manager reads.
func TestMentorsAndSummary(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	dep := env.Department()
	a, b, c := env.Unit(), env.Unit(), env.Unit()
	producer := env.Token(access.RoleProducer)
	user := env.UserWith(access.RoleMentor, apitest.WithUnits(a, b))
	year := time.Now().Year() - 1
	env.DB.Exec("UPDATE units SET department_id = ? WHERE id IN ?", dep, []uuid.UUID{a, b})

	r := env.Post("/api/v1/mentors", producer, map[string]any{"name": "Maija Mentori", "email": "maija@example.fi",
		"phone": "+358 40 1", "title": "lähihoitaja", "unit_ids": []uuid.UUID{b, a}, "since": "2020-01-01", "user_id": user.ID}).
		Expect(http.StatusCreated)
	maija := r.Map()
	if len(maija["unit_ids"].([]any)) != 2 || maija["user_id"] != user.ID.String() || maija["since"] != "2020-01-01" {
		t.Fatalf("mentor: %v", maija)
	}
	env.Post("/api/v1/mentors", producer, map[string]any{"name": "Toinen", "email": "MAIJA@example.fi", "unit_ids": []uuid.UUID{a}}).
		Problem(http.StatusConflict, "conflict")
	kalle := env.Post("/api/v1/mentors", producer, map[string]any{"name": "Kalle", "unit_ids": []uuid.UUID{a}}).Expect(http.StatusCreated).ID()
	env.Post("/api/v1/mentors", producer, map[string]any{"name": "Passiivi", "unit_ids": []uuid.UUID{c}, "active": false}).Expect(http.StatusCreated)

	// The mentor records their own trainings; hours add up exactly.
	mine := user.Token
	id := maija["id"].(string)
	for _, h := range []float64{0.1, 0.2, 7.5} {
		env.Post("/api/v1/mentors/"+id+"/trainings", mine, map[string]any{"course": "Kurssi", "provider": "Taikusydän",
			"completed_on": time.Date(year, 3, 1, 0, 0, 0, 0, time.UTC).Format(time.DateOnly), "hours": h}).Expect(http.StatusCreated)
	}
	env.Post("/api/v1/mentors/"+id+"/trainings", mine, map[string]any{"course": "Vanha", "completed_on": "2019-05-05", "hours": 100}).
		Expect(http.StatusCreated)
	tr := env.Post("/api/v1/mentors/"+kalle+"/trainings", producer, map[string]any{"course": "K",
		"completed_on": time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC).Format(time.DateOnly), "hours": 2}).Expect(http.StatusCreated).Map()
	if tr["hours"].(float64) != 2 {
		t.Fatalf("training: %v", tr)
	}
	var l list
	env.Get("/api/v1/mentors/"+id+"/trainings?from=2020-01-01", mine).Expect(http.StatusOK).JSON(&l)
	if l.Total != 3 {
		t.Fatalf("trainings since 2020: %d", l.Total)
	}

	var sum struct {
		Year  int                           `json:"year"`
		Units []committee.MentorUnitSummary `json:"units"`
	}
	env.Get("/api/v1/mentors/summary?year="+itoa(year), producer).Expect(http.StatusOK).JSON(&sum)
	byUnit := map[uuid.UUID]committee.MentorUnitSummary{}
	for _, u := range sum.Units {
		byUnit[u.UnitID] = u
	}
	if got := byUnit[a]; got.Mentors != 2 || got.TrainedMentors != 2 || got.Trainings != 4 || math.Abs(got.TrainingHours-9.8) > 1e-9 {
		t.Errorf("unit A: %+v", got)
	}
	if got := byUnit[b]; got.Mentors != 1 || got.Trainings != 3 || math.Abs(got.TrainingHours-7.8) > 1e-9 {
		t.Errorf("unit B: %+v", got)
	}
	if got := byUnit[c]; got.Mentors != 0 || got.Trainings != 0 || got.TrainingHours != 0 {
		t.Errorf("unit C (an inactive mentor only): %+v", got)
	}
	env.Get("/api/v1/mentors/summary?year="+itoa(year)+"&department_id="+dep.String(), env.APIToken(access.ScopeOrgRead)).
		Expect(http.StatusOK).JSON(&sum)
	if len(sum.Units) != 2 || sum.Year != year {
		t.Errorf("department filter: %+v", sum)
	}

	// Filters, a mentor's view, unit changes and deletion.
	env.Get("/api/v1/mentors?unit_id="+b.String(), producer).Expect(http.StatusOK).JSON(&l)
	if l.Total != 1 || l.Items[0]["name"] != "Maija Mentori" {
		t.Errorf("mentors of B: %v", l.Items)
	}
	env.Get("/api/v1/mentors?active=false", producer).Expect(http.StatusOK).JSON(&l)
	if l.Total != 1 {
		t.Errorf("inactive: %v", l.Items)
	}
	env.Get("/api/v1/mentors", mine).Expect(http.StatusOK).JSON(&l)
	if l.Total != 2 {
		t.Errorf("a mentor of A and B sees the mentors of A and B: %v", l.Items)
	}
	upd := env.Patch("/api/v1/mentors/"+id, producer, map[string]any{"unit_ids": []uuid.UUID{c}, "user_id": nil, "since": nil}, `"1"`).
		Expect(http.StatusOK).Map()
	if upd["user_id"] != nil || upd["since"] != nil || len(upd["unit_ids"].([]any)) != 1 || upd["version"].(float64) != 2 {
		t.Fatalf("patched: %v", upd)
	}
	env.Get("/api/v1/mentors/"+id, mine).Problem(http.StatusNotFound, "not-found")
	env.Delete("/api/v1/mentors/"+id, producer, `"2"`).Expect(http.StatusNoContent)
	var n int64
	env.DB.Table("mentor_trainings").Where("mentor_id = ?", id).Count(&n)
	if n != 0 {
		t.Fatalf("trainings left after the mentor was deleted: %d", n)
	}
}

func itoa(n int) string { return time.Date(n, 1, 1, 0, 0, 0, 0, time.UTC).Format("2006") }

// TestListsPageAndSync checks limit/offset, totals and updated_since on the
// domain's lists.
func TestListsPageAndSync(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	a := w.tok["mentorA"]
	for i := range 4 {
		w.env.Post("/api/v1/ideas", a, map[string]any{"committee_id": w.committee, "title": "Idea " + itoa(2000+i), "source": "staff"}).
			Expect(http.StatusCreated)
		w.env.Post(w.path("members"), a, map[string]any{"display_name": "J" + itoa(2000+i), "role": "member", "joined_on": "2024-03-01"}).
			Expect(http.StatusCreated)
	}
	for _, p := range []string{"/api/v1/ideas", w.path("members"), "/api/v1/residents"} {
		all := w.list(p, a)
		page := w.list(p+"?limit=2&offset=1", a)
		if page.Total != all.Total || len(page.Items) != 2 || page.Items[0]["id"] != all.Items[1]["id"] {
			t.Errorf("%s: page %v of %v", p, field(page.Items, "id"), field(all.Items, "id"))
		}
		if l := w.list(p+"?updated_since=2999-01-01T00:00:00Z", a); l.Total != 0 || l.Items == nil {
			t.Errorf("%s updated_since in the future: %+v", p, l)
		}
		if l := w.list(p+"?updated_since=2000-01-01T00:00:00Z", a); l.Total != all.Total {
			t.Errorf("%s updated_since in the past: %d of %d", p, l.Total, all.Total)
		}
	}
	if l := w.list("/api/v1/ideas?sort=title&limit=1", a); l.Items[0]["title"] != "Idea 2000" {
		t.Errorf("title order: %v", l.Items)
	}
}

// TestDemoSeed loads the demo twice (it must be idempotent) and checks
// what the demo mentors see.
func TestDemoSeed(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	zone, _ := time.LoadLocation("Europe/Helsinki")
	for range 2 {
		if err := seed.Demo(context.Background(), env.DB, zone); err != nil {
			t.Fatalf("seed: %v", err)
		}
	}
	var n int64
	env.DB.Table("committees").Count(&n)
	if n != 3 {
		t.Fatalf("committees after seeding twice: %d", n)
	}
	var units []uuid.UUID
	env.DB.Table("units").Where("name IN ?", []string{"Koivukoti", "Päiväkeskus Kajo"}).Pluck("id", &units)
	mentor := env.Token(access.RoleMentor, apitest.WithUnits(units...))
	var l list
	env.Get("/api/v1/committees", mentor).Expect(http.StatusOK).JSON(&l)
	if l.Total != 2 {
		t.Fatalf("the demo mentor's committees: %v", field(l.Items, "name"))
	}
	env.Get("/api/v1/ideas?status=done", mentor).Expect(http.StatusOK).JSON(&l)
	if l.Total < 1 || l.Total > 20 {
		t.Fatalf("done ideas: %v", field(l.Items, "title"))
	}
	env.Get("/api/v1/mentors", mentor).Expect(http.StatusOK).JSON(&l)
	if l.Total != 2 {
		t.Fatalf("the demo mentor's mentors: %v", field(l.Items, "name"))
	}
}
