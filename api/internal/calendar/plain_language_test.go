package calendar_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/google/uuid"

	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/apitest"
)

func wantPlain(t *testing.T, m map[string]any, fi, sv string) {
	t.Helper()
	if got := i18n(t, m, "plain_language"); got["fi"] != fi || got["sv"] != sv || len(got) != 2 {
		t.Errorf("plain_language = %v, want fi %q sv %q", got, fi, sv)
	}
}

// TestActivityPlainLanguage: the easy-to-read texts (selkokieli, lättläst)
// are stored like the translations (ADR 0040): optional, both keys always in
// the response, replaced as a whole by PATCH, kept when left out, audited,
// and only fi and sv accepted.
func TestActivityPlainLanguage(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	tok := env.Token(access.RoleProducer)
	unit := env.Unit()
	act := func(extra map[string]any) map[string]any {
		return activityBody([]uuid.UUID{unit}, "2026-09-08T14:00:00+03:00", "2026-09-08T15:00:00+03:00", extra)
	}
	created := env.Post("/api/v1/activities", tok, act(map[string]any{
		"plain_language": map[string]any{"fi": "Laulamme yhdessä.", "sv": "Vi sjunger tillsammans."}})).Expect(http.StatusCreated).Map()
	id := created["id"].(string)
	wantPlain(t, created, "Laulamme yhdessä.", "Vi sjunger tillsammans.")
	wantPlain(t, env.Get("/api/v1/activities/"+id, tok).Expect(http.StatusOK).Map(), "Laulamme yhdessä.", "Vi sjunger tillsammans.")
	wantPlain(t, env.Post("/api/v1/activities", tok, act(nil)).Expect(http.StatusCreated).Map(), "", "")

	r := env.Patch("/api/v1/activities/"+id, tok, map[string]any{"title": "Yhteislaulu"}, `"1"`).Expect(http.StatusOK).Map()
	wantPlain(t, r, "Laulamme yhdessä.", "Vi sjunger tillsammans.")
	r = env.Patch("/api/v1/activities/"+id, tok, map[string]any{"plain_language": map[string]any{"sv": "Vi sjunger."}}, `"2"`).
		Expect(http.StatusOK).Map()
	wantPlain(t, r, "", "Vi sjunger.")
	r = env.Patch("/api/v1/activities/"+id, tok, map[string]any{"plain_language": map[string]any{}}, `"3"`).Expect(http.StatusOK).Map()
	wantPlain(t, r, "", "")
	var n int64
	env.DB.Raw(`SELECT count(*) FROM audit_events WHERE entity_id = ? AND action = 'activity.update'
		AND before->'plain_language'->>'sv' = 'Vi sjunger.' AND after->'plain_language'->>'sv' = ''`, id).Scan(&n)
	if n != 1 {
		t.Errorf("audit of the plain-language change: %d events", n)
	}

	for _, tc := range []struct {
		name   string
		body   map[string]any
		fields []string
	}{
		{"English is not a plain-language text", act(map[string]any{"plain_language": map[string]any{"en": "Easy"}}), []string{"plain_language.en"}},
		{"too long", act(map[string]any{"plain_language": map[string]any{"fi": strings.Repeat("a", 2001), "sv": 1}}),
			[]string{"plain_language.sv", "plain_language.fi"}},
		{"not an object", act(map[string]any{"plain_language": "Laulamme"}), []string{"plain_language"}},
		{"NUL byte", act(map[string]any{"plain_language": map[string]any{"sv": "a\x00b"}}), []string{"plain_language.sv"}},
	} {
		t.Run(tc.name, func(*testing.T) { env.Post("/api/v1/activities", tok, tc.body).Invalid(tc.fields...) })
	}
	if err := env.DB.Exec(`UPDATE activities SET plain_language_fi = repeat('a', 2001) WHERE id = ?`, id).Error; err == nil {
		t.Fatal("the database accepted a 2001-character plain-language text")
	}
}
