package calendar_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/google/uuid"

	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/apitest"
)

func i18n(t *testing.T, m map[string]any, field string) map[string]any {
	t.Helper()
	v, ok := m[field].(map[string]any)
	if !ok {
		t.Fatalf("%s missing or not an object: %v", field, m)
	}
	return v
}

func wantI18n(t *testing.T, m map[string]any, field, sv, en string) {
	t.Helper()
	if got := i18n(t, m, field); got["sv"] != sv || got["en"] != en || len(got) != 2 {
		t.Errorf("%s = %v, want sv %q en %q", field, got, sv, en)
	}
}

// TestActivityTranslations: Swedish and English titles and descriptions
// round-trip, are shown as "" when missing, are audited, are replaced as a
// whole by PATCH (so one language can be cleared) and kept when the PATCH
// leaves them out.
func TestActivityTranslations(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	tok := env.Token(access.RoleProducer)
	unit := env.Unit()
	body := activityBody([]uuid.UUID{unit}, "2026-09-08T14:00:00+03:00", "2026-09-08T15:00:00+03:00", map[string]any{
		"title_i18n": map[string]any{"sv": "  Allsång ", "en": "Sing-along"}, "description_i18n": map[string]any{"sv": "Vi sjunger."}})
	created := env.Post("/api/v1/activities", tok, body).Expect(http.StatusCreated).Map()
	id := created["id"].(string)
	wantI18n(t, created, "title_i18n", "Allsång", "Sing-along")
	wantI18n(t, created, "description_i18n", "Vi sjunger.", "")
	got := env.Get("/api/v1/activities/"+id, tok).Expect(http.StatusOK).Map()
	wantI18n(t, got, "title_i18n", "Allsång", "Sing-along")

	// Without translations: both keys present and empty.
	plain := env.Post("/api/v1/activities", tok, activityBody([]uuid.UUID{unit}, "2026-09-09T14:00:00+03:00",
		"2026-09-09T15:00:00+03:00", nil)).Expect(http.StatusCreated).Map()
	wantI18n(t, plain, "title_i18n", "", "")
	wantI18n(t, plain, "description_i18n", "", "")

	// A PATCH without the object keeps it; with it, the object replaces both languages.
	r := env.Patch("/api/v1/activities/"+id, tok, map[string]any{"title": "Yhteislaulu"}, `"1"`).Expect(http.StatusOK).Map()
	wantI18n(t, r, "title_i18n", "Allsång", "Sing-along")
	r = env.Patch("/api/v1/activities/"+id, tok, map[string]any{"title_i18n": map[string]any{"sv": "Allsång"}}, `"2"`).
		Expect(http.StatusOK).Map()
	wantI18n(t, r, "title_i18n", "Allsång", "")
	wantI18n(t, r, "description_i18n", "Vi sjunger.", "")
	r = env.Patch("/api/v1/activities/"+id, tok, map[string]any{"description_i18n": map[string]any{}}, `"3"`).
		Expect(http.StatusOK).Map()
	wantI18n(t, r, "description_i18n", "", "")
	var sv, en string
	if err := env.DB.Raw(`SELECT title_sv, title_en FROM activities WHERE id = ?`, id).Row().Scan(&sv, &en); err != nil {
		t.Fatal(err)
	}
	if sv != "Allsång" || en != "" {
		t.Errorf("stored %q %q", sv, en)
	}

	// The audit log shows the translations before and after.
	var before, after json.RawMessage
	if err := env.DB.Raw(`SELECT before, after FROM audit_events WHERE entity_id = ? AND action = 'activity.update'
		ORDER BY created_at, id OFFSET 1 LIMIT 1`, id).Row().Scan(&before, &after); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(before), `"title_i18n": {"en": "Sing-along", "sv": "Allsång"}`) ||
		!strings.Contains(string(after), `"title_i18n": {"en": "", "sv": "Allsång"}`) {
		t.Errorf("audit before %s after %s", before, after)
	}
}

// TestTranslationValidation: each language is checked like the Finnish
// text and named by its full field; unknown languages and non-strings are
// refused; the Finnish text stays required.
func TestTranslationValidation(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	tok := env.Token(access.RoleProducer)
	unit := env.Unit()
	act := func(extra map[string]any) map[string]any {
		return activityBody([]uuid.UUID{unit}, "2026-09-08T14:00:00+03:00", "2026-09-08T15:00:00+03:00", extra)
	}
	long := strings.Repeat("å", 201)
	tests := []struct {
		name   string
		path   string
		body   map[string]any
		fields []string
	}{
		{"unknown language", "/api/v1/activities", act(map[string]any{"title_i18n": map[string]any{"de": "Singen"}}),
			[]string{"title_i18n.de"}},
		{"fi is not a translation", "/api/v1/activities", act(map[string]any{"title_i18n": map[string]any{"fi": "x", "sv": "y"}}),
			[]string{"title_i18n.fi"}},
		{"too long", "/api/v1/activities", act(map[string]any{"title_i18n": map[string]any{"sv": long, "en": "ok"},
			"description_i18n": map[string]any{"en": strings.Repeat("x", 5001)}}), []string{"title_i18n.sv", "description_i18n.en"}},
		{"not a string", "/api/v1/activities", act(map[string]any{"title_i18n": map[string]any{"sv": 5, "en": []string{"a"}}}),
			[]string{"title_i18n.en", "title_i18n.sv"}},
		{"NUL byte", "/api/v1/activities", act(map[string]any{"description_i18n": map[string]any{"en": "a\x00b"}}),
			[]string{"description_i18n.en"}},
		{"not an object", "/api/v1/activities", act(map[string]any{"title_i18n": "Allsång"}), []string{"title_i18n"}},
		{"Finnish still required", "/api/v1/activities", act(map[string]any{"title": " ", "title_i18n": map[string]any{"sv": "Allsång"}}),
			[]string{"title"}},
		{"series", "/api/v1/series", map[string]any{"name": "Viikot", "starts_on": "2026-09-07", "ends_on": "2026-09-27",
			"name_i18n": map[string]any{"sv": long, "xx": "?"}, "description_i18n": map[string]any{"en": 1}},
			[]string{"name_i18n.xx", "name_i18n.sv", "description_i18n.en"}},
		{"partner", "/api/v1/partners", map[string]any{"name": "Kirjasto", "kind": "library", "sector": "public",
			"name_i18n": map[string]any{"en": long}}, []string{"name_i18n.en"}},
		{"partner Finnish required", "/api/v1/partners", map[string]any{"name": "", "kind": "library", "sector": "public",
			"name_i18n": map[string]any{"en": "Library"}}, []string{"name"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(*testing.T) { env.Post(tc.path, tok, tc.body).Invalid(tc.fields...) })
	}
	for _, inj := range apitest.InjectionStrings {
		r := env.Post("/api/v1/activities", tok, act(map[string]any{"title_i18n": map[string]any{"sv": inj, inj: "x"}}))
		if r.Status != http.StatusUnprocessableEntity && r.Status != http.StatusCreated {
			t.Errorf("injection %q: status %d", inj[:min(len(inj), 20)], r.Status)
		}
	}
	id := env.Post("/api/v1/activities", tok, act(nil)).Expect(http.StatusCreated).ID()
	r := env.Patch("/api/v1/activities/"+id, tok, map[string]any{"title_i18n": map[string]any{"en": long}}, "")
	r.Problem(http.StatusUnprocessableEntity, "validation")
	if f := r.FieldErrors(); fmt.Sprint(f) != "[title_i18n.en]" {
		t.Fatalf("patch fields %v", f)
	}
}

// TestSeriesAndPartnerTranslations: names (and the series' description)
// round-trip, and a PATCH clears one language.
func TestSeriesAndPartnerTranslations(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	tok := env.Token(access.RoleProducer)
	s := env.Post("/api/v1/series", tok, map[string]any{"name": "Kulttuuriviikot", "starts_on": "2026-09-07", "ends_on": "2026-09-27",
		"name_i18n": map[string]any{"sv": "Kulturveckorna", "en": "Culture Weeks"}, "description_i18n": map[string]any{"en": "Three weeks"}}).
		Expect(http.StatusCreated).Map()
	wantI18n(t, s, "name_i18n", "Kulturveckorna", "Culture Weeks")
	wantI18n(t, s, "description_i18n", "", "Three weeks")
	sid := s["id"].(string)
	s = env.Patch("/api/v1/series/"+sid, tok, map[string]any{"name_i18n": map[string]any{"en": "Culture Weeks"}}, `"1"`).
		Expect(http.StatusOK).Map()
	wantI18n(t, s, "name_i18n", "", "Culture Weeks")
	wantI18n(t, s, "description_i18n", "", "Three weeks")

	p := env.Post("/api/v1/partners", tok, map[string]any{"name": "Kaarinan kirjasto", "kind": "library", "sector": "public",
		"name_i18n": map[string]any{"sv": "S:t Karins bibliotek", "en": "Kaarina library"}}).Expect(http.StatusCreated).Map()
	wantI18n(t, p, "name_i18n", "S:t Karins bibliotek", "Kaarina library")
	pid := p["id"].(string)
	p = env.Get("/api/v1/partners/"+pid, tok).Expect(http.StatusOK).Map()
	wantI18n(t, p, "name_i18n", "S:t Karins bibliotek", "Kaarina library")
	p = env.Patch("/api/v1/partners/"+pid, tok, map[string]any{"name_i18n": map[string]any{"sv": "S:t Karins bibliotek"}}, `"1"`).
		Expect(http.StatusOK).Map()
	wantI18n(t, p, "name_i18n", "S:t Karins bibliotek", "")
	var items struct {
		Items []map[string]any `json:"items"`
	}
	env.Get("/api/v1/partners", tok).Expect(http.StatusOK).JSON(&items)
	if len(items.Items) != 1 {
		t.Fatalf("partners %v", items.Items)
	}
	wantI18n(t, items.Items[0], "name_i18n", "S:t Karins bibliotek", "")
}
