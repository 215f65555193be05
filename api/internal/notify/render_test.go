package notify

import (
	"encoding/json"
	"strings"
	"testing"
	"testing/quick"
	"time"

	"github.com/google/uuid"
)

func zone(t *testing.T) *time.Location {
	t.Helper()
	z, err := time.LoadLocation("Europe/Helsinki")
	if err != nil {
		t.Fatal(err)
	}
	return z
}

// TestSchedule: the reminders keep to Helsinki wall-clock time across the
// DST changes, and the weekly one to Mondays.
func TestSchedule(t *testing.T) {
	z := zone(t)
	at := func(s string) time.Time {
		v, err := time.ParseInLocation("2006-01-02 15:04", s, z)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	daily := monthReadyAt.in(z)
	weekly := programmeAt.in(z)
	for _, c := range []struct {
		name      string
		sc        schedule
		from      string
		next      string
		lastAtNow string
	}{
		{"before 08:00", daily, "2026-12-01 07:59", "2026-12-01 08:00", "2026-11-30 08:00"},
		{"at 08:00", daily, "2026-12-01 08:00", "2026-12-02 08:00", "2026-12-01 08:00"},
		{"into summer time", daily, "2027-03-28 02:30", "2027-03-28 08:00", "2027-03-27 08:00"},
		{"into winter time", daily, "2026-10-25 03:30", "2026-10-25 08:00", "2026-10-24 08:00"},
		{"Monday 06:59", weekly, "2026-11-30 06:59", "2026-11-30 07:00", "2026-11-23 07:00"},
		{"Monday 07:00", weekly, "2026-11-30 07:00", "2026-12-07 07:00", "2026-11-30 07:00"},
		{"Sunday", weekly, "2026-12-06 23:00", "2026-12-07 07:00", "2026-11-30 07:00"},
		{"Monday after DST", weekly, "2027-03-27 12:00", "2027-03-29 07:00", "2027-03-22 07:00"},
	} {
		from := at(c.from)
		if got := c.sc.Next(from); !got.Equal(at(c.next)) {
			t.Errorf("%s: Next = %s, want %s", c.name, got.In(z), c.next)
		}
		if got := c.sc.Last(from); !got.Equal(at(c.lastAtNow)) {
			t.Errorf("%s: Last = %s, want %s", c.name, got.In(z), c.lastAtNow)
		}
	}
	// Property: Next is after t, Last at or before it, both on schedule,
	// and nothing on schedule lies strictly between Last and Next.
	f := func(sec int64, weeklyOne bool) bool {
		sc := daily
		if weeklyOne {
			sc = weekly
		}
		t0 := time.Unix(1_700_000_000+sec%(10*365*86400), 0)
		n, l := sc.Next(t0), sc.Last(t0)
		ok := n.After(t0) && !l.After(t0) && sc.matches(n) && sc.matches(l)
		ln, nn := l.In(z), n.In(z)
		ok = ok && ln.Hour() == sc.Hour && nn.Hour() == sc.Hour && ln.Minute() == 0
		gap := nn.Sub(ln)
		if weeklyOne {
			return ok && gap >= 167*time.Hour && gap <= 169*time.Hour
		}
		return ok && gap >= 23*time.Hour && gap <= 25*time.Hour
	}
	if err := quick.Check(f, &quick.Config{MaxCount: 2000}); err != nil {
		t.Error(err)
	}
}

// sampleParams fills every field a kind's texts use.
func sampleParams(k Kind) Params {
	cents := int64(123456)
	when := time.Date(2026, 12, 1, 16, 0, 0, 0, time.UTC)
	p := Params{Agreement: "Kulttuurisilta 2026", Month: "2026-11", Department: "Kulttuuripalvelut",
		Reason: "Lasku korjattu", Title: "Yhteislaulu", Committee: "Raati", Unit: "Koivukoti", Status: "planned",
		PrevStatus: "new", Fields: []string{"time", "units"}, When: &when, From: "2026-11-30", To: "2026-12-06",
		Change: &Change{What: "cost_updated", Description: "Esiintyjäpalkkio", AmountCents: &cents, IncurredOn: "2026-11-12"},
		Items:  []Item{{Title: "Yhteislaulu", StartsAt: when, Link: "/activities/x"}}}
	return p
}

// TestRenderEveryKindAndLanguage: every kind renders in fi, sv and en with
// no template gaps, and the email has text and HTML with the same links.
func TestRenderEveryKindAndLanguage(t *testing.T) {
	z := zone(t)
	for _, lang := range Languages {
		for _, k := range Kinds {
			raw, _ := json.Marshal(sampleParams(k))
			r, err := Render(k, raw, lang, z)
			if err != nil {
				t.Fatalf("%s %s: %v", lang, k, err)
			}
			for _, s := range []string{r.Subject, r.Body, r.Text()} {
				if s == "" || strings.Contains(s, "<no value>") || strings.Contains(s, "%!") || strings.Contains(s, "{{") {
					t.Errorf("%s %s: %q", lang, k, s)
				}
			}
			if KindName(k, lang) == "" {
				t.Errorf("%s %s: no name", lang, k)
			}
			e, err := buildEmail(k, r, emailLinks{Open: "https://x.test/open", Settings: "https://x.test/s",
				Unsubscribe: "https://x.test/u?token=a.b.c", Items: []string{"https://x.test/item"}})
			if err != nil {
				t.Fatal(err)
			}
			for _, link := range []string{"https://x.test/open", "https://x.test/s", "https://x.test/u?token=a.b.c"} {
				if !strings.Contains(e.Text, link) || !strings.Contains(e.HTML, `href="`+link+`"`) {
					t.Errorf("%s %s: link %s missing", lang, k, link)
				}
			}
			if !strings.Contains(e.HTML, `<html lang="`+lang+`">`) {
				t.Errorf("%s %s: html lang", lang, k)
			}
		}
	}
	// An unknown locale reads Finnish.
	raw, _ := json.Marshal(sampleParams(KindMonthReady))
	r, _ := Render(KindMonthReady, raw, "de", z)
	if r.Lang != "fi" || !strings.Contains(r.Subject, "marraskuu 2026") {
		t.Errorf("fallback: %+v", r)
	}
}

// TestRenderFormats: dates, times, money and statuses as each language
// writes them; HTML escapes what people typed.
func TestRenderFormats(t *testing.T) {
	z := zone(t)
	raw, _ := json.Marshal(sampleParams(KindApprovalWithdrawn))
	for lang, want := range map[string][]string{
		"fi": {"marraskuu 2026", "1\u00a0234,56\u00a0€", "12.11.2026", "”Esiintyjäpalkkio”"},
		"sv": {"november 2026", "1\u00a0234,56\u00a0€", "12.11.2026"},
		"en": {"November 2026", "€1,234.56", "12 Nov 2026"},
	} {
		r, err := Render(KindApprovalWithdrawn, raw, lang, z)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range want {
			if !strings.Contains(r.Subject+" "+r.Body, w) {
				t.Errorf("%s lacks %q: %s / %s", lang, w, r.Subject, r.Body)
			}
		}
	}
	raw, _ = json.Marshal(sampleParams(KindActivityChanged))
	for lang, want := range map[string]string{"fi": "tiistai 1.12.2026 klo 18.00", "sv": "tisdag 1.12.2026 kl. 18.00", "en": "Tuesday 1 Dec 2026 18:00"} {
		r, _ := Render(KindActivityChanged, raw, lang, z)
		if !strings.Contains(r.Subject, want) {
			t.Errorf("%s: %q lacks %q", lang, r.Subject, want)
		}
	}
	p := sampleParams(KindIdeaStatus)
	p.Title = `<script>alert("x")</script>`
	raw, _ = json.Marshal(p)
	r, _ := Render(KindIdeaStatus, raw, "en", z)
	e, _ := buildEmail(KindIdeaStatus, r, emailLinks{Items: []string{"u"}})
	if strings.Contains(e.HTML, "<script>") {
		t.Error("HTML does not escape a title")
	}
}

// TestUnsubscribeToken: a token round-trips; any change to it fails.
func TestUnsubscribeToken(t *testing.T) {
	s := &Service{cfg: Config{Secret: []byte("a-secret-of-enough-length-0123456789")}}
	other := &Service{cfg: Config{Secret: []byte("another-secret-of-enough-length-0123")}}
	user := uuid.New()
	tok := s.unsubscribeToken(user, KindMonthReady)
	if u, k, ok := s.parseUnsubscribeToken(tok); !ok || u != user || k != KindMonthReady {
		t.Fatalf("round trip: %v %v %v", u, k, ok)
	}
	if _, _, ok := other.parseUnsubscribeToken(tok); ok {
		t.Error("a token of another secret verifies")
	}
	f := func(i uint16, b byte) bool {
		bad := []byte(tok)
		j := int(i) % len(bad)
		if bad[j] == b {
			return true
		}
		bad[j] = b
		_, _, ok := s.parseUnsubscribeToken(string(bad))
		return !ok
	}
	if err := quick.Check(f, &quick.Config{MaxCount: 5000}); err != nil {
		t.Error(err)
	}
}

// FuzzUnsubscribeToken: no input crashes the parser or verifies by chance.
func FuzzUnsubscribeToken(f *testing.F) {
	s := &Service{cfg: Config{Secret: []byte("a-secret-of-enough-length-0123456789")}}
	f.Add(s.unsubscribeToken(uuid.New(), KindIdeaStatus))
	f.Add("a.b.c")
	f.Fuzz(func(t *testing.T, tok string) {
		if u, k, ok := s.parseUnsubscribeToken(tok); ok && s.unsubscribeToken(u, k) != tok {
			t.Fatalf("%q verified but is not the token of %s/%s", tok, u, k)
		}
	})
}
