package feed_test

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-ical"
	"github.com/getkin/kin-openapi/openapi3filter"

	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/apitest"
)

func init() {
	// The contract check reads response bodies by media type; an iCalendar body is opaque text to it.
	openapi3filter.RegisterBodyDecoder("text/calendar", openapi3filter.FileBodyDecoder)
}

type fixture struct {
	env      *apitest.Env
	producer string
	unit     string
	other    string
	partner  string
	weekly   string // public, confirmed, weekly across the autumn DST change, with an exdate and two overrides
	single   string // public, planned
	internal string // internal, confirmed
	proposal string // public but only proposed
	zone     *time.Location
	year     int
}

// futureYear is a coming year laid out like 2025 (a common year starting on Wednesday), so the fixture's
// weekdays and DST dates hold and its activities stay inside the feed's history window.
func futureYear() int {
	for y := time.Now().Year() + 1; ; y++ {
		leap := y%4 == 0 && (y%100 != 0 || y%400 == 0)
		if !leap && time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC).Weekday() == time.Wednesday {
			return y
		}
	}
}

// y rewrites the fixture's 2025 dates into f.year (and 2026 into the year after).
func (f *fixture) y(s string) string {
	s = strings.ReplaceAll(s, "2026", fmt.Sprint(f.year+1))
	return strings.ReplaceAll(s, "2025", fmt.Sprint(f.year))
}

func newFixture(t *testing.T) *fixture {
	env := apitest.New(t)
	f := &fixture{env: env, producer: env.Token(access.RoleProducer), unit: env.Unit().String(), other: env.Unit().String(), zone: env.Zone, year: futureYear()}
	f.partner = env.Post("/api/v1/partners", f.producer, map[string]any{"name": "Kirjasto " + apitest.Suffix(),
		"kind": "library", "sector": "public"}).Expect(201).ID()
	at := func(s string) string {
		v, err := time.ParseInLocation("2006-01-02 15:04", f.y(s), env.Zone)
		if err != nil {
			t.Fatal(err)
		}
		return v.Format(time.RFC3339)
	}
	activity := func(body map[string]any) string {
		body["allow_overlap"] = true
		return env.Post("/api/v1/activities", f.producer, body).Expect(201).ID()
	}
	f.weekly = activity(map[string]any{"title": "Yhteislaulu; laulut, kahvi", "description": "Tervetuloa!\nKaikki mukaan.",
		"category": "music", "starts_at": at("2025-10-07 14:00"), "ends_at": at("2025-10-07 15:30"),
		"recurrence": "FREQ=WEEKLY;BYDAY=TU;COUNT=8", "exdates": []string{at("2025-10-21 14:00")},
		"unit_ids": []string{f.unit}, "partner_ids": []string{f.partner}, "status": "confirmed", "visibility": "public",
		"target_groups": []string{"elderly"}})
	env.Post("/api/v1/activities/"+f.weekly+"/overrides", f.producer, map[string]any{"original_start": at("2025-10-28 14:00"),
		"starts_at": at("2025-10-29 10:00"), "ends_at": at("2025-10-29 11:30"), "note": "Siirretty keskiviikolle", "allow_overlap": true}).Expect(201)
	env.Post("/api/v1/activities/"+f.weekly+"/overrides", f.producer, map[string]any{"original_start": at("2025-11-04 14:00"),
		"cancelled": true}).Expect(201)
	f.single = activity(map[string]any{"title": "Teatterivierailu", "category": "theatre", "starts_at": at("2025-11-12 18:00"),
		"ends_at": at("2025-11-12 19:00"), "unit_ids": []string{f.unit, f.other}, "status": "planned", "visibility": "public"})
	f.internal = activity(map[string]any{"title": "Henkilökunnan suunnittelu", "category": "other", "starts_at": at("2025-10-15 09:00"),
		"ends_at": at("2025-10-15 10:00"), "unit_ids": []string{f.unit}, "status": "confirmed", "visibility": "internal"})
	f.proposal = activity(map[string]any{"title": "Ehdotus", "category": "dance", "starts_at": at("2025-10-16 09:00"),
		"ends_at": at("2025-10-16 10:00"), "unit_ids": []string{f.unit}, "status": "proposed", "visibility": "public"})
	return f
}

type occ struct {
	activity   string
	start, end string
	cancelled  bool
}

func (o occ) String() string {
	return fmt.Sprintf("%s %s–%s c=%v", o.activity[:8], o.start, o.end, o.cancelled)
}

// parseFeed expands a feed with an independent iCalendar library (emersion/go-ical, teambition/rrule-go).
func parseFeed(t *testing.T, body []byte, from, to time.Time) []occ {
	t.Helper()
	cal, err := ical.NewDecoder(bytes.NewReader(body)).Decode()
	if err != nil {
		t.Fatalf("the feed does not parse: %v\n%s", err, body)
	}
	type key struct {
		uid string
		at  int64
	}
	overrides := map[key]ical.Event{}
	var masters []ical.Event
	for _, e := range cal.Events() {
		if e.Props.Get(ical.PropRecurrenceID) != nil {
			rid, err := e.Props.DateTime(ical.PropRecurrenceID, nil)
			if err != nil {
				t.Fatal(err)
			}
			overrides[key{e.Props.Get(ical.PropUID).Value, rid.Unix()}] = e
			continue
		}
		masters = append(masters, e)
	}
	var out []occ
	add := func(e ical.Event, uid string, start time.Time, dur time.Duration) {
		status := e.Props.Get(ical.PropStatus).Value
		if o, ok := overrides[key{uid, start.Unix()}]; ok {
			e = o
			start, _ = o.DateTimeStart(nil)
			end, _ := o.DateTimeEnd(nil)
			dur = end.Sub(start)
			status = o.Props.Get(ical.PropStatus).Value
		}
		if start.Before(to) && start.Add(dur).After(from) {
			out = append(out, occ{strings.TrimSuffix(uid, "@kulttuurisilta"), start.UTC().Format(time.RFC3339),
				start.Add(dur).UTC().Format(time.RFC3339), status == "CANCELLED"})
		}
	}
	for _, e := range masters {
		uid := e.Props.Get(ical.PropUID).Value
		start, err := e.DateTimeStart(nil)
		if err != nil {
			t.Fatal(err)
		}
		end, err := e.DateTimeEnd(nil)
		if err != nil {
			t.Fatal(err)
		}
		set, err := e.RecurrenceSet(nil)
		if err != nil {
			t.Fatal(err)
		}
		if set == nil {
			add(e, uid, start, end.Sub(start))
			continue
		}
		for _, s := range set.Between(from.AddDate(0, -1, 0), to, true) {
			add(e, uid, s, end.Sub(start))
		}
	}
	slices.SortFunc(out, func(a, b occ) int { return strings.Compare(a.start+a.activity, b.start+b.activity) })
	return out
}

func calendarOccurrences(t *testing.T, f *fixture, query string, keep func(item map[string]any) bool) []occ {
	t.Helper()
	var body struct {
		Items []map[string]any `json:"items"`
	}
	f.env.Get("/api/v1/calendar?limit=2000&"+query, f.producer).Expect(200).JSON(&body)
	var out []occ
	for _, it := range body.Items {
		if !keep(it) {
			continue
		}
		s, _ := time.Parse(time.RFC3339, it["starts_at"].(string))
		e, _ := time.Parse(time.RFC3339, it["ends_at"].(string))
		out = append(out, occ{it["activity_id"].(string), s.UTC().Format(time.RFC3339), e.UTC().Format(time.RFC3339), it["cancelled"].(bool)})
	}
	slices.SortFunc(out, func(a, b occ) int { return strings.Compare(a.start+a.activity, b.start+b.activity) })
	return out
}

// TestFeedMatchesCalendar parses the public and a private feed with an independent iCalendar library and
// compares every occurrence (moved, cancelled and excluded ones, across the DST change) with GET /calendar.
func TestFeedMatchesCalendar(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	from := time.Date(f.year, 10, 1, 0, 0, 0, 0, f.zone)
	to := time.Date(f.year+1, 1, 1, 0, 0, 0, 0, f.zone)
	rangeQ := "from=" + url.QueryEscape(from.Format(time.RFC3339)) + "&to=" + url.QueryEscape(to.Format(time.RFC3339))

	pub := f.env.Do(apitest.Req{Method: http.MethodGet, Path: "/api/v1/calendar.ics?unit=" + f.unit}).Expect(200)
	if ct := pub.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/calendar") {
		t.Errorf("Content-Type %q", ct)
	}
	got := parseFeed(t, pub.Body, from, to)
	want := calendarOccurrences(t, f, rangeQ+"&unit_id="+f.unit, func(it map[string]any) bool {
		return it["visibility"] == "public" && it["activity_status"] != "proposed"
	})
	if len(want) != 8 { // 8 weekly (one excluded, one cancelled but listed, one moved) + the single one
		t.Errorf("calendar gave %d public occurrences, want 8: %v", len(want), want)
	}
	if !slices.Equal(got, want) {
		t.Errorf("public feed differs from /calendar:\n feed %v\n  cal %v", got, want)
	}
	for _, secret := range []string{f.internal, f.proposal} {
		if bytes.Contains(pub.Body, []byte(secret)) {
			t.Errorf("public feed contains activity %s", secret)
		}
	}

	tok := f.env.Post("/api/v1/feed-tokens", f.producer, map[string]any{"name": "Staff", "scope": "unit", "unit_id": f.unit}).Expect(201).Map()
	priv := f.env.Do(apitest.Req{Method: http.MethodGet, Path: tok["feed_path"].(string)}).Expect(200)
	got = parseFeed(t, priv.Body, from, to)
	want = calendarOccurrences(t, f, rangeQ+"&unit_id="+f.unit, func(map[string]any) bool { return true })
	if len(want) != 10 || !slices.Equal(got, want) {
		t.Errorf("private feed differs from /calendar:\n feed %v\n  cal %v", got, want)
	}
}

// TestFeedFormat checks the RFC 5545 details clients rely on.
func TestFeedFormat(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	body := string(f.env.Do(apitest.Req{Method: http.MethodGet, Path: "/api/v1/calendar.ics"}).Expect(200).Body)
	for _, want := range []string{
		"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", "BEGIN:VTIMEZONE\r\nTZID:Europe/Helsinki\r\n", "TZOFFSETFROM:+0300\r\nTZOFFSETTO:+0200",
		"RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
		"UID:" + f.weekly + "@kulttuurisilta\r\n", "DTSTART;TZID=Europe/Helsinki:20251007T140000\r\n",
		"RRULE:FREQ=WEEKLY;COUNT=8;BYDAY=TU\r\n", "EXDATE;TZID=Europe/Helsinki:20251021T140000\r\n",
		"RECURRENCE-ID;TZID=Europe/Helsinki:20251028T140000\r\n", "RECURRENCE-ID;TZID=Europe/Helsinki:20251104T140000\r\n",
		"STATUS:CANCELLED", `SUMMARY:Yhteislaulu\; laulut\, kahvi`, `DESCRIPTION:Tervetuloa!\nKaikki mukaan.`,
		"SEQUENCE:0\r\n", "STATUS:TENTATIVE", "CATEGORIES:MUSIC", "END:VCALENDAR\r\n",
	} {
		if want = f.y(want); !strings.Contains(body, want) {
			t.Errorf("feed lacks %q", want)
		}
	}
	for i, line := range strings.Split(body, "\r\n") {
		if len(line) > 75 {
			t.Errorf("line %d is %d octets: %q", i, len(line), line)
		}
	}
	if strings.Count(body, "BEGIN:VEVENT") != 4 { // weekly + 2 overrides + single
		t.Errorf("want 4 VEVENTs:\n%s", body)
	}
	// A change raises SEQUENCE.
	f.env.Patch("/api/v1/activities/"+f.weekly, f.producer, map[string]any{"title": "Yhteislaulu"}, "").Expect(200)
	body = string(f.env.Do(apitest.Req{Method: http.MethodGet, Path: "/api/v1/calendar.ics"}).Expect(200).Body)
	if !strings.Contains(body, "SUMMARY:Yhteislaulu\r\n") || !strings.Contains(body, "SEQUENCE:1\r\n") {
		t.Errorf("edit not reflected with SEQUENCE:1:\n%s", body)
	}
}

func TestFeedConditionalGet(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	path := "/api/v1/calendar.ics?unit=" + f.unit
	first := f.env.Do(apitest.Req{Method: http.MethodGet, Path: path}).Expect(200)
	etag, lm := first.ETag(), first.Header.Get("Last-Modified")
	if etag == "" || lm == "" {
		t.Fatalf("missing validators: ETag %q Last-Modified %q", etag, lm)
	}
	f.env.Do(apitest.Req{Method: http.MethodGet, Path: path, Header: map[string]string{"If-None-Match": etag}}).Expect(304)
	f.env.Do(apitest.Req{Method: http.MethodGet, Path: path, Header: map[string]string{"If-Modified-Since": lm}}).Expect(304)
	f.env.Do(apitest.Req{Method: http.MethodGet, Path: path, Header: map[string]string{"If-None-Match": `"other"`, "If-Modified-Since": lm}}).Expect(200)
	// the same data gives the same bytes
	if again := f.env.Do(apitest.Req{Method: http.MethodGet, Path: path}).Expect(200); again.ETag() != etag || !bytes.Equal(again.Body, first.Body) {
		t.Errorf("feed not stable")
	}
	time.Sleep(1100 * time.Millisecond) // Last-Modified has one-second resolution
	f.env.Patch("/api/v1/activities/"+f.single, f.producer, map[string]any{"visibility": "internal"}, "").Expect(200)
	f.env.Do(apitest.Req{Method: http.MethodGet, Path: path, Header: map[string]string{"If-None-Match": etag}}).Expect(200)
	f.env.Do(apitest.Req{Method: http.MethodGet, Path: path, Header: map[string]string{"If-Modified-Since": lm}}).Expect(200)
}

func TestFeedTokens(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	base := "/api/v1/feed-tokens"
	// role matrix for managing tokens
	for _, role := range access.Roles {
		tok := f.env.Token(role)
		want := 403
		if role == access.RoleAdmin || role == access.RoleProducer {
			want = 200
		}
		f.env.Get(base, tok).Expect(want)
	}
	f.env.Get(base, f.env.APIToken(access.Scopes...)).Problem(403, "forbidden")
	f.env.CheckBadTokens(http.MethodGet, base)
	f.env.CheckBadTokens(http.MethodPost, base)

	// bad inputs
	valid := map[string]any{"name": "Feed", "scope": "unit", "unit_id": f.unit}
	f.env.CheckBadBodies(http.MethodPost, base, f.producer, valid)
	for name, body := range map[string]map[string]any{
		"unknown scope":     {"name": "x", "scope": "everything"},
		"unit without id":   {"name": "x", "scope": "unit"},
		"all with unit":     {"name": "x", "scope": "all", "unit_id": f.unit},
		"partner with unit": {"name": "x", "scope": "partner", "partner_id": f.partner, "unit_id": f.unit},
		"unknown unit":      {"name": "x", "scope": "unit", "unit_id": "0190b2c4-0000-7000-8000-000000000000"},
		"blank name":        {"name": "  ", "scope": "all"},
		"unknown partner":   {"name": "x", "scope": "partner", "partner_id": "0190b2c4-0000-7000-8000-000000000000"},
	} {
		if r := f.env.Post(base, f.producer, body); r.Status != 422 {
			t.Errorf("%s: status %d, want 422", name, r.Status)
		}
	}

	unitTok := f.env.Post(base, f.producer, valid).Expect(201).Map()
	secret := unitTok["token"].(string)
	id := unitTok["id"].(string)
	if !strings.HasPrefix(secret, "ksf_") || !strings.HasPrefix(secret, unitTok["prefix"].(string)) {
		t.Errorf("token %q / prefix %q", secret, unitTok["prefix"])
	}
	got := f.env.Get(base+"/"+id, f.producer).Expect(200)
	if strings.Contains(string(got.Body), secret) {
		t.Error("the secret is shown again")
	}
	var stored []byte
	_ = f.env.DB.Raw(`SELECT token_hash FROM feed_tokens WHERE id = ?`, id).Row().Scan(&stored)
	if bytes.Contains(stored, []byte(secret)) || len(stored) != 32 {
		t.Error("the secret is not stored hashed")
	}
	feed := func(q string) *apitest.Resp {
		return f.env.Do(apitest.Req{Method: http.MethodGet, Path: "/api/v1/calendar.ics?" + q})
	}
	feed("token=" + url.QueryEscape(secret)).Expect(200)
	feed("token=" + url.QueryEscape(secret) + "&unit=" + f.unit).Expect(200)
	feed("token="+url.QueryEscape(secret)+"&unit="+f.other).Problem(403, "forbidden")
	feed("token="+url.QueryEscape(secret)+"&partner="+f.partner).Problem(403, "forbidden")
	feed("token=ksf_wrong").Problem(401, "unauthorized")
	feed("token="+url.QueryEscape(apitest.InjectionStrings[0])).Problem(401, "unauthorized")
	feed("unit=not-a-uuid").Problem(400, "bad-request")
	feed("unit=0190b2c4-0000-7000-8000-000000000000").Problem(404, "not-found")
	// An all-scope token opens internal activities of any unit.
	all := f.env.Post(base, f.producer, map[string]any{"name": "All", "scope": "all"}).Expect(201).Map()["token"].(string)
	if b := feed("token=" + url.QueryEscape(all) + "&unit=" + f.unit).Expect(200).Body; !bytes.Contains(b, []byte(f.internal)) {
		t.Error("private feed lacks the internal activity")
	}
	// Revocation: stale If-Match refused, then the feed URL stops working at once.
	f.env.Delete(base+"/"+id, f.producer, `"7"`).Problem(412, "version-mismatch")
	f.env.Delete(base+"/"+id, f.producer, `"1"`).Expect(200)
	f.env.Delete(base+"/"+id, f.producer, "").Expect(200)
	feed("token="+url.QueryEscape(secret)).Problem(401, "unauthorized")
	var list struct {
		Items []map[string]any `json:"items"`
		Total int              `json:"total"`
	}
	f.env.Get(base, f.producer).Expect(200).JSON(&list)
	if list.Total != 2 {
		t.Errorf("total %d, want 2", list.Total)
	}
	var n int64
	f.env.DB.Raw(`SELECT count(*) FROM audit_events WHERE entity_type = 'feed_token'`).Scan(&n)
	if n != 3 {
		t.Errorf("audit events %d, want 3 (two creates, one revoke)", n)
	}
}
