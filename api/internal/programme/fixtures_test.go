package programme_test

import (
	"net/http"
	"testing"

	"github.com/google/uuid"

	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/apitest"
)

// world is a unit with a month of programme (March 2026, Helsinki time):
//   - "Yhteislaulu" public, planned, every Tuesday 14.00–15.00 with Swedish
//     and plain-language texts; the occurrence on 10 March is cancelled with
//     a note, the one on 17 March moved to 16.00–17.00;
//   - "Tuolijumppa" internal, confirmed, Thursday 5 March 10.30–11.15;
//   - "Ehdotettu retki" proposed (never shown);
//   - "Peruttu konsertti" cancelled (never shown);
//   - "Naapurin konsertti" in another unit (never shown).
type world struct {
	env       *apitest.Env
	unit      uuid.UUID
	other     uuid.UUID
	producer  string
	singAlong string
}

const (
	cancelNote = "Esiintyjä sairastui"
	plainFi    = "Laulamme yhdessä tuttuja lauluja."
	plainSv    = "Vi sjunger kända sånger tillsammans."
)

func newWorld(t *testing.T) *world {
	t.Helper()
	env := apitest.New(t)
	w := &world{env: env, unit: env.Unit(), other: env.Unit(), producer: env.Token(access.RoleProducer)}
	env.DB.Exec("UPDATE units SET name = 'Koivukoti' WHERE id = ?", w.unit)
	post := func(body map[string]any) string {
		t.Helper()
		return env.Post("/api/v1/activities", w.producer, body).Expect(http.StatusCreated).ID()
	}
	w.singAlong = post(map[string]any{"title": "Yhteislaulu", "title_i18n": map[string]any{"sv": "Allsång", "en": "Sing-along"},
		"description": "Laulamme vanhoja iskelmiä pianon säestyksellä.", "accessibility": "Pyörätuolilla pääsee.",
		"plain_language": map[string]any{"fi": plainFi, "sv": plainSv}, "category": "music", "status": "planned",
		"visibility": "public", "starts_at": "2026-03-03T14:00:00+02:00", "ends_at": "2026-03-03T15:00:00+02:00",
		"recurrence": "FREQ=WEEKLY;BYDAY=TU;COUNT=5", "unit_ids": []uuid.UUID{w.unit}})
	env.Post("/api/v1/activities/"+w.singAlong+"/overrides", w.producer, map[string]any{
		"original_start": "2026-03-10T14:00:00+02:00", "cancelled": true, "note": cancelNote}).Expect(http.StatusCreated)
	env.Post("/api/v1/activities/"+w.singAlong+"/overrides", w.producer, map[string]any{
		"original_start": "2026-03-17T14:00:00+02:00", "starts_at": "2026-03-17T16:00:00+02:00",
		"ends_at": "2026-03-17T17:00:00+02:00", "note": "Siirretty iltapäivään"}).Expect(http.StatusCreated)
	post(map[string]any{"title": "Tuolijumppa", "category": "other", "status": "confirmed", "visibility": "internal",
		"starts_at": "2026-03-05T10:30:00+02:00", "ends_at": "2026-03-05T11:15:00+02:00", "unit_ids": []uuid.UUID{w.unit}})
	post(map[string]any{"title": "Ehdotettu retki", "category": "outdoor", "status": "proposed", "visibility": "public",
		"starts_at": "2026-03-06T10:00:00+02:00", "ends_at": "2026-03-06T12:00:00+02:00", "unit_ids": []uuid.UUID{w.unit}})
	cancelled := post(map[string]any{"title": "Peruttu konsertti", "category": "music", "status": "planned", "visibility": "public",
		"starts_at": "2026-03-12T18:00:00+02:00", "ends_at": "2026-03-12T19:00:00+02:00", "unit_ids": []uuid.UUID{w.unit}})
	env.Patch("/api/v1/activities/"+cancelled, w.producer, map[string]any{"status": "cancelled"}, "").Expect(http.StatusOK)
	post(map[string]any{"title": "Naapurin konsertti", "category": "music", "status": "confirmed", "visibility": "public",
		"starts_at": "2026-03-04T18:00:00+02:00", "ends_at": "2026-03-04T19:00:00+02:00", "unit_ids": []uuid.UUID{w.other}})
	return w
}
