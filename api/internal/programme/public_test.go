package programme_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/labstack/echo/v4"

	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/apitest"
	"kulttuurisilta/api/internal/programme"
)

// pages serves the public pages with the clock pinned at s (the page shows
// the next 8 weeks from today, the screen today and tomorrow). The real
// app serves the same handlers; TestPagesInTheApp checks that wiring.
func pages(w *world, s string) *echo.Echo {
	now, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	m := programme.NewModule(w.env.DB, w.env.Zone, nil)
	m.Now = func() time.Time { return now }
	e := echo.New()
	m.MountPublic(e)
	return e
}

type page struct {
	status int
	body   string
	header http.Header
}

func get(e *echo.Echo, path string, header ...string) page {
	req := httptest.NewRequest(http.MethodGet, path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, req)
	return page{rec.Code, rec.Body.String(), rec.Header()}
}

// TestPublicPage: 404 until the unit publishes its programme; then, without
// sign-in, only public, decided activities of the next 8 weeks in the chosen
// language, the plain-language text before the description, a print
// stylesheet and the unit's public .ics feed; nothing internal, no note, no
// cancelled occurrence, and no script.
func TestPublicPage(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	e := pages(w, "2026-03-02T09:00:00+02:00")
	path := "/programme/" + w.unit.String()
	r := get(e, path)
	if r.status != http.StatusNotFound || !strings.Contains(r.body, "Sivua ei löytynyt") {
		t.Fatalf("unpublished page: %d %s", r.status, r.body)
	}
	w.env.Patch("/api/v1/units/"+w.unit.String(), w.producer, map[string]any{"public_programme": true}, "").Expect(http.StatusOK)

	r = get(e, path)
	page := r.body
	if ct := r.header.Get("Content-Type"); r.status != http.StatusOK || !strings.HasPrefix(ct, "text/html") {
		t.Fatalf("Content-Type %q", ct)
	}
	for _, want := range []string{`<html lang="fi">`, "Koivukoti", "Ohjelma seuraavat 8 viikkoa", "Tiistai 3.3.", "klo 14.00–15.00",
		"Yhteislaulu", plainFi, "Laulamme vanhoja iskelmiä", "Pyörätuolilla pääsee.", "klo 16.00–17.00",
		`href="/programme/assets/programme.css"`, `href="/api/v1/calendar.ics?unit=` + w.unit.String() + `"`,
		`href="webcal://`, `hreflang="sv"`, `aria-current="page"`} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	for _, not := range []string{"Tuolijumppa", "Ehdotettu retki", "Peruttu konsertti", "Naapurin konsertti", cancelNote,
		"Siirretty", "Tiistai 10.3.", "<script", "style="} {
		if strings.Contains(page, not) {
			t.Errorf("the public page shows %q", not)
		}
	}
	if strings.Index(page, plainFi) > strings.Index(page, "Laulamme vanhoja iskelmiä") {
		t.Error("the plain-language text is not shown first")
	}
	css := get(e, "/programme/assets/programme.css").body
	if !strings.Contains(css, "@media print") {
		t.Error("no print stylesheet")
	}

	sv := get(e, path+"?lang=sv").body
	for _, want := range []string{`<html lang="sv">`, "Programmet de kommande 8 veckorna", "Tisdag 3.3.", "kl. 14.00–15.00", "Allsång",
		plainSv, "Prenumerera"} {
		if !strings.Contains(sv, want) {
			t.Errorf("the Swedish page lacks %q", want)
		}
	}
	if strings.Contains(sv, plainFi) {
		t.Error("the Swedish page shows the Finnish plain-language text")
	}
	// The browser's language when there is no ?lang=; an unknown one falls back.
	if !strings.Contains(get(e, path, "Accept-Language", "sv-FI,sv;q=0.9,fi;q=0.8").body, `<html lang="sv">`) {
		t.Error("Accept-Language sv ignored")
	}
	if !strings.Contains(get(e, path+"?lang=xx").body, `<html lang="fi">`) {
		t.Error("an unknown ?lang= did not fall back to Finnish")
	}
	if !strings.Contains(get(e, path+"?lang=en").body, "Sing-along") {
		t.Error("English page")
	}

	// The next 8 weeks: from 25 March, 17 March is past and 31 March shown;
	// from 10 February the window reaches 6 April.
	late := get(pages(w, "2026-03-25T09:00:00+02:00"), path).body
	if strings.Contains(late, "Tiistai 17.3.") || !strings.Contains(late, "Tiistai 31.3.") {
		t.Error("past days are shown or the coming ones missing")
	}
	early := get(pages(w, "2026-02-10T09:00:00+02:00"), path).body
	if !strings.Contains(early, "Tiistai 3.3.") || !strings.Contains(early, "10.2.2026–6.4.2026") {
		t.Errorf("8 weeks from 10 February:\n%s", early)
	}
	if far := get(pages(w, "2026-06-01T09:00:00+03:00"), path).body; !strings.Contains(far, "Ei ohjelmaa tänä aikana.") {
		t.Error("an empty period does not say so")
	}

	// Unknown, malformed, inactive or unpublished units: the same 404.
	for _, p := range []string{"/programme/01890000-0000-7000-8000-000000000000", "/programme/x", "/programme/" + w.other.String()} {
		if r := get(e, p); r.status != http.StatusNotFound {
			t.Errorf("%s: %d", p, r.status)
		}
	}
	w.env.Patch("/api/v1/units/"+w.unit.String(), w.producer, map[string]any{"active": false}, "").Expect(http.StatusOK)
	if r := get(e, path); r.status != http.StatusNotFound {
		t.Errorf("inactive unit: %d", r.status)
	}
}

// TestPagesInTheApp: the real server serves the pages outside /api with its
// security headers (the strict CSP holds: the pages use no inline script or
// style), HEAD works, and the assets are there.
func TestPagesInTheApp(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	producer := env.Token(access.RoleProducer)
	unit := env.Unit()
	env.Patch("/api/v1/units/"+unit.String(), producer, map[string]any{"public_programme": true}, "").Expect(http.StatusOK)
	r := env.Get("/programme/"+unit.String(), "").Expect(http.StatusOK)
	if csp := r.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") {
		t.Errorf("CSP %q", csp)
	}
	env.Do(apitest.Req{Method: "HEAD", Path: "/programme/" + unit.String()}).Expect(http.StatusOK)
	for _, a := range []string{"/programme/assets/programme.css", "/programme/assets/screen.css", "/programme/assets/clock.js",
		"/programme/assets/pictograms/music.png"} {
		env.Get(a, "").Expect(http.StatusOK)
	}
	for _, a := range []string{"/programme/assets/nope.css", "/programme/assets/pictograms/nope.png", "/programme/assets/pictograms/music.gif"} {
		if r := env.Get(a, ""); r.Status != http.StatusNotFound {
			t.Errorf("%s: %d", a, r.Status)
		}
	}
	env.Get("/programme/"+unit.String()+"/screen", "").Expect(http.StatusNotFound)
}
