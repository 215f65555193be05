package programme_test

import (
	"net/http"
	"strings"
	"testing"

	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/apitest"
	"kulttuurisilta/api/internal/pdfdoc/pdftest"
)

func getPDF(t *testing.T, w *world, token, query string) pdftest.Doc {
	t.Helper()
	r := w.env.Get("/api/v1/units/"+w.unit.String()+"/programme.pdf?"+query, token).Expect(http.StatusOK)
	if ct := r.Header.Get("Content-Type"); ct != "application/pdf" {
		t.Fatalf("Content-Type %q", ct)
	}
	return pdftest.Read(t, r.Body)
}

// TestProgrammePDF reads the month's print back with an independent PDF
// reader: the planned and confirmed occurrences, internal ones included, in
// start order with the time written the Finnish way; the plain-language text;
// no proposed, cancelled or other unit's activity, no cancelled occurrence and
// no note; body text at least 16 pt and titles at least 24 pt; the fonts
// embedded.
func TestProgrammePDF(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	doc := getPDF(t, w, w.producer, "month=2026-03&lang=fi")
	text := doc.Text()
	for _, want := range []string{"Koivukoti", "Ohjelma maaliskuu 2026", "Tiistai 3.3.", "klo 14.00–15.00", "Yhteislaulu", plainFi,
		"Torstai 5.3.", "klo 10.30–11.15", "Tuolijumppa", "Tiistai 17.3.", "klo 16.00–17.00", "Tiistai 24.3.", "Tiistai 31.3."} {
		if !strings.Contains(text, want) {
			t.Errorf("the print lacks %q:\n%s", want, text)
		}
	}
	for _, not := range []string{"Ehdotettu retki", "Peruttu konsertti", "Naapurin konsertti", "Tiistai 10.3.", cancelNote,
		"Siirretty", "Pyörätuolilla", "iskelmiä", "klo 14.00–15.00 Allsång"} {
		if strings.Contains(text, not) {
			t.Errorf("the print shows %q", not)
		}
	}
	if i, j := strings.Index(text, "Tiistai 3.3."), strings.Index(text, "Torstai 5.3."); i < 0 || j < i {
		t.Errorf("days out of order")
	}
	if got := doc.MinSize(); got < 16 {
		t.Errorf("smallest text %.1f pt, want at least 16", got)
	}
	for _, title := range []string{"Ohjelma maaliskuu 2026", "Tiistai 3.3."} {
		spans := doc.Find(title)
		if len(spans) == 0 || spans[0].Size < 24 {
			t.Errorf("title %q: %+v, want at least 24 pt", title, spans)
		}
	}
	if len(doc.Unembedded) > 0 || len(doc.Fonts) == 0 {
		t.Errorf("fonts embedded %v, not embedded %v", doc.Fonts, doc.Unembedded)
	}
	if p := doc.Pages[0]; p.Width < 590 || p.Width > 600 {
		t.Errorf("A4 page width %.0f", p.Width)
	}

	// Swedish: Swedish titles and plain-language text, "kl. 14.00".
	sv := getPDF(t, w, w.producer, "month=2026-03&lang=sv&size=A3")
	svText := sv.Text()
	for _, want := range []string{"Program mars 2026", "Tisdag 3.3.", "kl. 14.00–15.00", "Allsång", plainSv, "Tuolijumppa"} {
		if !strings.Contains(svText, want) {
			t.Errorf("the Swedish print lacks %q:\n%s", want, svText)
		}
	}
	if strings.Contains(svText, plainFi) || strings.Contains(svText, "Yhteislaulu") {
		t.Error("the Swedish print shows the Finnish texts")
	}
	if p := sv.Pages[0]; p.Width < 835 || p.Width > 845 {
		t.Errorf("A3 page width %.0f", p.Width)
	}
	if got := sv.MinSize(); got < 16*1.4 {
		t.Errorf("A3 smallest text %.1f pt", got)
	}
	en := getPDF(t, w, w.producer, "month=2026-03&lang=en").Text()
	if !strings.Contains(en, "Sing-along") || !strings.Contains(en, "14:00–15:00") || strings.Contains(en, plainFi) {
		t.Errorf("English print:\n%s", en)
	}

	// An empty month says so.
	if empty := getPDF(t, w, w.producer, "month=2026-05&lang=fi").Text(); !strings.Contains(empty, "Ei ohjelmaa tänä aikana.") {
		t.Errorf("empty month:\n%s", empty)
	}
}

// TestProgrammePDFAccess: the unit's mentors, the producer and admins print;
// a mentor of another unit gets 404; managers, viewers and API tokens 403.
// Without ?lang= the print is in the caller's own language. Bad parameters
// are 400 naming the parameter.
func TestProgrammePDFAccess(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	env := w.env
	path := "/api/v1/units/" + w.unit.String() + "/programme.pdf?month=2026-03"
	mentor := env.UserWith(access.RoleMentor, apitest.WithUnits(w.unit), apitest.WithLocale("sv"))
	for name, tc := range map[string]struct {
		token  string
		status int
	}{
		"mentor of the unit":    {mentor.Token, http.StatusOK},
		"producer":              {w.producer, http.StatusOK},
		"admin":                 {env.Token(access.RoleAdmin), http.StatusOK},
		"mentor of another":     {env.Token(access.RoleMentor, apitest.WithUnits(w.other)), http.StatusNotFound},
		"manager":               {env.Token(access.RoleManager), http.StatusForbidden},
		"viewer":                {env.Token(access.RoleViewer), http.StatusForbidden},
		"API token":             {env.APIToken(access.ScopeCalendarRead, access.ScopeOrgRead), http.StatusForbidden},
		"no credentials at all": {"", http.StatusUnauthorized},
	} {
		if r := env.Get(path, tc.token); r.Status != tc.status {
			t.Errorf("%s: %d, want %d", name, r.Status, tc.status)
		}
	}
	if text := pdftest.Read(t, env.Get(path, mentor.Token).Expect(http.StatusOK).Body).Text(); !strings.Contains(text, "Program mars 2026") {
		t.Errorf("the mentor's own language (sv) was not used:\n%s", text)
	}
	for q, param := range map[string]string{"month=2026-13": "month", "month=2026-3": "month", "month=3000-01": "month",
		"lang=de": "lang", "size=A5": "size", "size=a4": "size"} {
		r := env.Get("/api/v1/units/"+w.unit.String()+"/programme.pdf?"+q, w.producer)
		r.Problem(http.StatusBadRequest, "bad-request")
		if f := r.FieldErrors(); len(f) != 1 || f[0] != param {
			t.Errorf("%s: fields %v, want %s", q, f, param)
		}
	}
	env.Get("/api/v1/units/01890000-0000-7000-8000-000000000000/programme.pdf", w.producer).Problem(http.StatusNotFound, "not-found")
	env.Get("/api/v1/units/not-a-uuid/programme.pdf", w.producer).Problem(http.StatusNotFound, "not-found")
}
