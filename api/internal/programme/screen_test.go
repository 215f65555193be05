package programme_test

import (
	"net/http"
	"strings"
	"testing"

	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/apitest"
)

// TestScreenTokensAndScreen: the unit's mentor (or the producer, or an admin)
// creates a screen token whose secret is shown once and stored hashed; the
// screen opens with it and shows today's and tomorrow's activities, internal
// ones included, with a clock and a meta refresh; a wrong, revoked or other
// unit's token, and a feed token, give 404; others cannot manage the tokens.
func TestScreenTokensAndScreen(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	env := w.env
	base := "/api/v1/units/" + w.unit.String() + "/screen-tokens"
	mentor := env.Token(access.RoleMentor, apitest.WithUnits(w.unit))

	created := env.Post(base, mentor, map[string]any{"name": "Aulan TV"}).Expect(http.StatusCreated).Map()
	secret, _ := created["token"].(string)
	if !strings.HasPrefix(secret, "kss_") || created["screen_path"] != "/programme/"+w.unit.String()+"/screen?token="+secret {
		t.Fatalf("created: %v", created)
	}
	id := created["id"].(string)
	var stored int64
	env.DB.Raw("SELECT count(*) FROM feed_tokens WHERE purpose = 'screen' AND token_hash = sha256(convert_to(?, 'UTF8'))", secret).Scan(&stored)
	if stored != 1 {
		t.Fatal("the secret is not stored as its SHA-256 hash")
	}
	var list struct {
		Items []map[string]any `json:"items"`
		Total int              `json:"total"`
	}
	env.Get(base, w.producer).Expect(http.StatusOK).JSON(&list)
	if list.Total != 1 || list.Items[0]["token"] != nil || list.Items[0]["prefix"] != secret[:10] {
		t.Fatalf("list: %+v", list)
	}
	// Feed tokens and screen tokens do not mix.
	var feeds struct{ Total int }
	env.Get("/api/v1/feed-tokens", w.producer).Expect(http.StatusOK).JSON(&feeds)
	if feeds.Total != 0 {
		t.Errorf("a screen token is listed as a feed token")
	}
	env.Delete("/api/v1/feed-tokens/"+id, w.producer, "").Problem(http.StatusNotFound, "not-found")
	env.Get("/api/v1/calendar.ics?token="+secret, "").Problem(http.StatusUnauthorized, "unauthorized")

	// The screen: Thursday 5 March 10.40, the internal gym is on now.
	e := pages(w, "2026-03-05T10:40:00+02:00")
	screen := "/programme/" + w.unit.String() + "/screen?token=" + secret
	r := get(e, screen)
	if r.status != http.StatusOK {
		t.Fatalf("screen: %d %s", r.status, r.body)
	}
	for _, want := range []string{`<meta http-equiv="refresh" content="120">`, "Koivukoti", "klo 10.40", "Torstai 5.3.2026", "Tänään",
		"Tuolijumppa", "klo 10.30–11.15", `class="badge">Nyt<`, "Huomenna perjantai 6.3.", "Ei ohjelmaa.",
		`src="/programme/assets/clock.js"`} {
		if !strings.Contains(r.body, want) {
			t.Errorf("the screen lacks %q", want)
		}
	}
	for _, not := range []string{"Yhteislaulu", "Ehdotettu retki", "Naapurin konsertti"} {
		if strings.Contains(r.body, not) {
			t.Errorf("the screen shows %q", not)
		}
	}
	if r.header.Get("Cache-Control") != "no-store" || r.header.Get("Referrer-Policy") != "no-referrer" {
		t.Errorf("screen headers %v", r.header)
	}
	// Monday 2 March: tomorrow's sing-along with its Swedish texts.
	sv := get(pages(w, "2026-03-02T12:00:00+02:00"), screen+"&lang=sv").body
	for _, want := range []string{"I dag", "I morgon tisdag 3.3.", "Allsång", "kl. 14.00–15.00", "kl. 12.00"} {
		if !strings.Contains(sv, want) {
			t.Errorf("the Swedish screen lacks %q", want)
		}
	}

	// Just after midnight, an evening concert that began yesterday and is
	// still on is today's, marked now (not lost between the two days).
	env.Post("/api/v1/activities", w.producer, map[string]any{"title": "Yökonsertti", "category": "music", "status": "confirmed",
		"visibility": "internal", "starts_at": "2026-03-11T23:30:00+02:00", "ends_at": "2026-03-12T00:30:00+02:00",
		"unit_ids": []string{w.unit.String()}}).Expect(http.StatusCreated)
	night := get(pages(w, "2026-03-12T00:10:00+02:00"), screen).body
	today, tomorrow, _ := strings.Cut(night, `id="tomorrow"`)
	if !strings.Contains(today, "Yökonsertti") || !strings.Contains(today, `class="badge">Nyt<`) || strings.Contains(tomorrow, "Yökonsertti") {
		t.Errorf("after midnight, the concert on since yesterday is not today's and on now:\n%s", night)
	}

	// Without a valid token of this unit: 404.
	other := env.Post("/api/v1/units/"+w.other.String()+"/screen-tokens", w.producer, map[string]any{"name": "Muu"}).
		Expect(http.StatusCreated).Map()["token"].(string)
	feedTok := env.Post("/api/v1/feed-tokens", w.producer, map[string]any{"name": "f", "scope": "unit", "unit_id": w.unit}).
		Expect(http.StatusCreated).Map()["token"].(string)
	for name, q := range map[string]string{"none": "", "wrong": "?token=kss_nope", "other unit's": "?token=" + other,
		"a feed token": "?token=" + feedTok, "too long": "?token=kss_" + strings.Repeat("a", 200)} {
		if r := get(e, "/programme/"+w.unit.String()+"/screen"+q); r.status != http.StatusNotFound {
			t.Errorf("%s token: %d", name, r.status)
		}
	}

	// Revoked: 404 from the next refresh; revoking twice is harmless; If-Match is honoured.
	env.Delete(base+"/"+id, mentor, `"9"`).Problem(http.StatusPreconditionFailed, "version-mismatch")
	rev := env.Delete(base+"/"+id, mentor, `"1"`).Expect(http.StatusOK).Map()
	if rev["revoked_at"] == nil || len(rev["allowed_actions"].([]any)) != 0 {
		t.Fatalf("revoked: %v", rev)
	}
	env.Delete(base+"/"+id, mentor, "").Expect(http.StatusOK)
	if r := get(e, screen); r.status != http.StatusNotFound {
		t.Errorf("revoked token: %d", r.status)
	}
	// Another unit's path does not reach this token.
	env.Delete("/api/v1/units/"+w.other.String()+"/screen-tokens/"+id, w.producer, "").Problem(http.StatusNotFound, "not-found")

	audits := env.AuditCount("entity_id = ? AND action IN ('screen_token.create', 'screen_token.revoke')", id)
	if audits != 2 {
		t.Errorf("audit events: %d", audits)
	}

	// Who manages them.
	for name, tc := range map[string]struct {
		token  string
		status int
	}{
		"admin":             {env.Token(access.RoleAdmin), http.StatusCreated},
		"mentor of another": {env.Token(access.RoleMentor, apitest.WithUnits(w.other)), http.StatusNotFound},
		"manager":           {env.Token(access.RoleManager), http.StatusForbidden},
		"viewer":            {env.Token(access.RoleViewer), http.StatusForbidden},
		"API token":         {env.APIToken(access.ScopeCalendarWrite, access.ScopeOrgWrite), http.StatusForbidden},
	} {
		if r := env.Post(base, tc.token, map[string]any{"name": "x"}); r.Status != tc.status {
			t.Errorf("%s: %d, want %d", name, r.Status, tc.status)
		}
		if tc.status != http.StatusCreated {
			if r := env.Get(base, tc.token); r.Status != tc.status {
				t.Errorf("%s list: %d, want %d", name, r.Status, tc.status)
			}
		}
	}
	r2 := env.Post(base, w.producer, map[string]any{"name": " "})
	r2.Problem(http.StatusUnprocessableEntity, "validation")
	env.CheckBadBodies("POST", base, w.producer, map[string]any{"name": "Aula"})
	env.Post("/api/v1/units/01890000-0000-7000-8000-000000000000/screen-tokens", w.producer, map[string]any{"name": "x"}).
		Problem(http.StatusNotFound, "not-found")
}
