package calendar_test

import (
	"net/http"
	"testing"

	"github.com/google/uuid"

	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/apitest"
)

// TestStartMustFallOnTheRule: an activity whose first occurrence is not a
// day its own rule gives (a Wednesday start with BYDAY=TH) is a 422 naming
// recurrence, on create, on update (of the rule or of the start) and when
// an idea becomes an activity. RFC 5545 leaves such sets undefined.
func TestStartMustFallOnTheRule(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	unit := env.Unit()
	producer := env.Token(access.RoleProducer)
	offRule := func(r *apitest.Resp) {
		t.Helper()
		r.Problem(http.StatusUnprocessableEntity, "validation")
		if f := r.Errors(); len(f) != 1 || f[0].Field != "recurrence" || f[0].Code != "conflict" {
			t.Fatalf("errors %v, want one on recurrence with code conflict", f)
		}
	}
	// 2026-03-04 is a Wednesday.
	wed := activityBody([]uuid.UUID{unit}, "2026-03-04T14:00:00+02:00", "2026-03-04T15:00:00+02:00",
		map[string]any{"recurrence": "FREQ=WEEKLY;BYDAY=TH"})
	offRule(env.Post("/api/v1/activities", producer, wed))
	for _, rule := range []string{"FREQ=MONTHLY;BYMONTHDAY=1", "FREQ=MONTHLY;BYDAY=-1FR", "FREQ=DAILY;BYDAY=SA,SU",
		"FREQ=YEARLY;BYMONTH=6", "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1"} {
		wed["recurrence"] = rule
		offRule(env.Post("/api/v1/activities", producer, wed))
	}
	// In the calendar zone: 00:30 on Thursday in Helsinki is Wednesday in UTC.
	thu := activityBody([]uuid.UUID{unit}, "2026-03-04T22:30:00Z", "2026-03-04T23:30:00Z",
		map[string]any{"recurrence": "FREQ=WEEKLY;BYDAY=TH"})
	id := env.Post("/api/v1/activities", producer, thu).Expect(http.StatusCreated).ID()
	// Updates: the rule, the start, or both together.
	path := "/api/v1/activities/" + id
	offRule(env.Patch(path, producer, map[string]any{"recurrence": "FREQ=WEEKLY;BYDAY=FR"}, `"1"`))
	offRule(env.Patch(path, producer, map[string]any{"starts_at": "2026-03-06T14:00:00+02:00",
		"ends_at": "2026-03-06T15:00:00+02:00"}, `"1"`))
	env.Patch(path, producer, map[string]any{"recurrence": "FREQ=WEEKLY;BYDAY=FR", "starts_at": "2026-03-06T14:00:00+02:00",
		"ends_at": "2026-03-06T15:00:00+02:00"}, `"1"`).Expect(http.StatusOK)
	// A rule without BYDAY repeats on the start's own weekday: always on it.
	wed["recurrence"] = "FREQ=WEEKLY;COUNT=4"
	env.Post("/api/v1/activities", producer, wed).Expect(http.StatusCreated)

	// An idea becoming an activity is held to the same rule.
	mentor := env.Token(access.RoleMentor, apitest.WithUnits(unit))
	cid := env.Post("/api/v1/committees", mentor, map[string]any{"unit_id": unit, "name": "Toimikunta"}).Expect(http.StatusCreated).ID()
	idea := env.Post("/api/v1/ideas", mentor, map[string]any{"committee_id": cid, "title": "Tanssiaiset", "source": "meeting"}).
		Expect(http.StatusCreated).ID()
	offRule(env.Post("/api/v1/ideas/"+idea+"/activity", mentor, map[string]any{"category": "dance",
		"starts_at": "2026-03-04T14:00:00+02:00", "ends_at": "2026-03-04T16:00:00+02:00", "recurrence": "FREQ=WEEKLY;BYDAY=TH"}))
}
