package committee_test

import (
	"net/http"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
)

// partWorld adds to the world an activity of unit A held weekly from nine
// weeks ago, residents, and two occurrences' participants: nine weeks ago
// Aili active (feedback 5, her own) and Bertta passive (4 by staff), a
// week ago Cecilia active and Aili declined. Doris never took part; Eero
// is no longer active.
type partWorld struct {
	*world
	bertta, cecilia, doris, eero string
	activity                     string
}

func newPartWorld(t *testing.T) *partWorld {
	t.Helper()
	w := &partWorld{world: newWorld(t)}
	admin := w.tok["admin"]
	res := func(name string, active bool) string {
		return w.env.Post("/api/v1/residents", admin, map[string]any{"unit_id": w.unitA, "display_name": name, "active": active}).
			Expect(http.StatusCreated).ID()
	}
	w.bertta, w.cecilia, w.doris, w.eero = res("Bertta", true), res("Cecilia", true), res("Doris", true), res("Eero", false)
	hel, err := time.LoadLocation("Europe/Helsinki")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now().In(hel)
	day := time.Date(now.Year(), now.Month(), now.Day()-63, 12, 0, 0, 0, hel)
	w.activity = w.env.Post("/api/v1/activities", admin, map[string]any{"title": "Yhteislaulu", "category": "music",
		"starts_at": day, "ends_at": day.Add(time.Hour), "unit_ids": []uuid.UUID{w.unitA}, "recurrence": "FREQ=WEEKLY;COUNT=30",
		"status": "confirmed"}).Expect(http.StatusCreated).ID()
	att := "/api/v1/activities/" + w.activity + "/attendance"
	p := func(id, how string, fb any, by string) map[string]any {
		return map[string]any{"resident_id": id, "participation": how, "feedback": fb, "feedback_by": by}
	}
	w.env.Post(att, w.tok["mentorA"], map[string]any{"occurrence_start": day, "residents": 5, "participants": []map[string]any{
		p(w.resident, "active", 5, "self"), p(w.bertta, "passive", 4, "proxy")}}).Expect(http.StatusCreated)
	w.env.Post(att, w.tok["mentorA"], map[string]any{"occurrence_start": day.AddDate(0, 0, 56), "residents": 3, "participants": []map[string]any{
		p(w.cecilia, "active", nil, "self"), p(w.resident, "declined", nil, "self")}}).Expect(http.StatusCreated)
	return w
}

// TestLeftOutOrder: never-active residents first (by name), then the
// longest without; inactive residents and recent participants are not
// listed; days narrows the window.
func TestLeftOutOrder(t *testing.T) {
	t.Parallel()
	w := newPartWorld(t)
	base := "/api/v1/units/" + w.unitA.String() + "/residents/left-out"
	tests := []struct {
		query string
		want  []string
	}{
		{"", []string{w.bertta, w.doris, w.resident}},
		{"?days=14", []string{w.bertta, w.doris, w.resident}},
		{"?days=62", []string{w.bertta, w.doris, w.resident}},
		{"?days=70", []string{w.bertta, w.doris}},
		{"?days=3", []string{w.bertta, w.doris, w.resident, w.cecilia}},
		{"?days=3&limit=2&offset=2", []string{w.resident, w.cecilia}},
	}
	for _, tc := range tests {
		l := w.list(base+tc.query, w.tok["mentorA"])
		if got := field(l.Items, "resident_id"); strings.Join(got, ",") != strings.Join(tc.want, ",") {
			t.Errorf("%s: %v, want %v", tc.query, got, tc.want)
		}
	}
	l := w.list(base, w.tok["admin"])
	if l.Items[0]["last_active_on"] != nil || l.Items[2]["days_without"].(float64) != 63 {
		t.Errorf("figures: %v", l.Items)
	}
	for _, q := range []string{"?days=0", "?days=366", "?days=x"} {
		w.env.Get(base+q, w.tok["admin"]).Problem(http.StatusBadRequest, "bad-request")
	}
	w.env.Get("/api/v1/units/"+uuid.NewString()+"/residents/left-out", w.tok["admin"]).Problem(http.StatusNotFound, "not-found")
	if n := w.auditCount("participation.read", w.doris); n < 1 {
		t.Error("the left-out list's reads are not audited")
	}
}

// TestParticipationSummary: counts, feedback apart, last active day, and
// the culture goal's progress per month.
func TestParticipationSummary(t *testing.T) {
	t.Parallel()
	w := newPartWorld(t)
	w.env.Patch("/api/v1/residents/"+w.resident, w.tok["mentorA"], map[string]any{"culture_goal_days": 2}, "").Expect(http.StatusOK)
	w.env.Patch("/api/v1/residents/"+w.resident, w.tok["mentorA"], map[string]any{"culture_goal_days": 40}, "").
		Problem(http.StatusUnprocessableEntity, "validation")
	var s struct {
		ActiveDays      int            `json:"active_days"`
		ByParticipation map[string]int `json:"by_participation"`
		ByCategory      []struct {
			Category string `json:"category"`
			Active   int    `json:"active"`
			Declined int    `json:"declined"`
		} `json:"by_category"`
		FeedbackSelf struct {
			Count int
			Mean  *float64
		} `json:"feedback_self"`
		FeedbackProxy struct {
			Count int
			Mean  *float64
		} `json:"feedback_proxy"`
		LastActiveOn *string `json:"last_active_on"`
		GoalDays     *int    `json:"goal_days"`
		Months       []struct {
			ActiveDays int   `json:"active_days"`
			GoalMet    *bool `json:"goal_met"`
		} `json:"months"`
	}
	path := "/api/v1/residents/" + w.resident + "/participation"
	w.env.Get(path, w.tok["mentorA"]).Expect(http.StatusOK).JSON(&s)
	hel, _ := time.LoadLocation("Europe/Helsinki")
	now := time.Now().In(hel)
	wantLast := time.Date(now.Year(), now.Month(), now.Day()-63, 12, 0, 0, 0, hel).Format(time.DateOnly)
	if s.ActiveDays != 1 || s.ByParticipation["active"] != 1 || s.ByParticipation["declined"] != 1 || s.ByParticipation["passive"] != 0 ||
		len(s.ByCategory) != 1 || s.ByCategory[0].Category != "music" || s.ByCategory[0].Active != 1 ||
		s.FeedbackSelf.Count != 1 || *s.FeedbackSelf.Mean != 5 || s.FeedbackProxy.Count != 0 || s.FeedbackProxy.Mean != nil ||
		s.LastActiveOn == nil || *s.LastActiveOn != wantLast || s.GoalDays == nil || *s.GoalDays != 2 || len(s.Months) < 3 {
		t.Fatalf("summary: %+v", s)
	}
	for _, m := range s.Months {
		if m.GoalMet == nil || *m.GoalMet {
			t.Fatalf("goal progress: %+v", s.Months)
		}
	}
	// Bertta's feedback was given by staff.
	w.env.Get("/api/v1/residents/"+w.bertta+"/participation", w.tok["admin"]).Expect(http.StatusOK).JSON(&s)
	if s.FeedbackProxy.Count != 1 || *s.FeedbackProxy.Mean != 4 || s.FeedbackSelf.Count != 0 || s.LastActiveOn != nil {
		t.Fatalf("proxy feedback: %+v", s)
	}
	// A range without participation.
	w.env.Get(path+"?from=2020-01-01&to=2020-01-31", w.tok["admin"]).Expect(http.StatusOK).JSON(&s)
	if s.ActiveDays != 0 || len(s.Months) != 1 {
		t.Fatalf("empty range: %+v", s)
	}
	w.env.Get(path+"?from=2020-02-01&to=2020-01-01", w.tok["admin"]).Problem(http.StatusBadRequest, "bad-request")
	w.env.Get(path+"?from=2099-02-01", w.tok["admin"]).Problem(http.StatusBadRequest, "bad-request")
	if n := w.auditCount("participation.read", w.resident); n != 4 {
		t.Errorf("audited reads: %d", n)
	}
}

// TestCultureSummary: Finnish and Swedish, at most 2,000 characters
// however long the profile, composed from profile and participation.
func TestCultureSummary(t *testing.T) {
	t.Parallel()
	w := newPartWorld(t)
	a := w.tok["mentorA"]
	path := "/api/v1/residents/" + w.resident + "/culture-summary"
	var s struct {
		Lang string `json:"lang"`
		Text string `json:"text"`
	}
	// Without a profile: participation only.
	w.env.Get(path, a).Expect(http.StatusOK).JSON(&s)
	if s.Lang != "fi" || !strings.Contains(s.Text, "Kulttuuriprofiilia ei ole kirjattu") || !strings.Contains(s.Text, "aktiivisesti 1 päivänä") {
		t.Fatalf("without a profile: %q", s.Text)
	}
	w.env.Put("/api/v1/residents/"+w.resident+"/culture-profile", a, map[string]any{"life_story": "Kasvoin Turussa.",
		"music": "Tapio Rautavaara, tango", "wishes": "Haluaisin käydä konsertissa."}, "").Expect(http.StatusCreated)
	tests := []struct {
		lang string
		want []string
	}{
		{"fi", []string{"Kulttuuri ja osallisuus", "Elämäntarina: Kasvoin Turussa.", "Mielimusiikki: Tapio Rautavaara, tango",
			"Toiveet omin sanoin: Haluaisin käydä konsertissa.", "aktiivisesti 1 päivänä", "kieltäytyi 1 kerran", "Musiikki (1)",
			"Oma palaute keskimäärin 5,0/5"}},
		{"sv", []string{"Kultur och delaktighet", "Livshistoria: Kasvoin Turussa.", "Favoritmusik:", "Önskemål med egna ord:",
			"aktivt 1 dag", "avböjde 1 gång", "Musik (1)", "Egen respons i medeltal 5,0/5"}},
	}
	for _, tc := range tests {
		w.env.Get(path+"?lang="+tc.lang, a).Expect(http.StatusOK).JSON(&s)
		for _, want := range tc.want {
			if !strings.Contains(s.Text, want) {
				t.Errorf("%s: no %q in %q", tc.lang, want, s.Text)
			}
		}
		if s.Lang != tc.lang {
			t.Errorf("lang %q", s.Lang)
		}
	}
	w.env.Get(path+"?lang=en", a).Problem(http.StatusBadRequest, "bad-request")

	// The longest profile still fits, every part shown, and the
	// participation paragraph whole.
	long := func(word string, n int) string { return strings.Repeat(word+" ", n/(len(word)+1)) }
	w.env.Put("/api/v1/residents/"+w.resident+"/culture-profile", a, map[string]any{"life_story": long("elämä", 20000),
		"music": long("laulu", 5000), "arts": long("maalaus", 5000), "places": long("Ruissalo", 5000), "wishes": long("toive", 5000)}, `"1"`).
		Expect(http.StatusOK)
	for _, lang := range []string{"fi", "sv"} {
		w.env.Get(path+"?lang="+lang, a).Expect(http.StatusOK).JSON(&s)
		n := utf8.RuneCountInString(s.Text)
		if n > 2000 || n < 1900 || strings.Count(s.Text, "…") != 5 || !strings.Contains(s.Text, "Ruissalo") {
			t.Errorf("%s: %d characters: %q", lang, n, s.Text)
		}
		if !strings.HasSuffix(strings.TrimSpace(s.Text), ".") {
			t.Errorf("%s: the participation paragraph is cut: %q", lang, s.Text[len(s.Text)-100:])
		}
	}
	if n := w.auditCount("culture_profile.read", w.resident); n != 5 {
		t.Errorf("audited summary reads: %d", n)
	}
}

// TestUpcomingMatches: the profile's interests find the unit's coming
// activities by category and by words.
func TestUpcomingMatches(t *testing.T) {
	t.Parallel()
	w := newPartWorld(t)
	admin := w.tok["admin"]
	soon := time.Now().UTC().Truncate(time.Hour).Add(48 * time.Hour)
	mk := func(title, cat, desc string, units ...uuid.UUID) string {
		return w.env.Post("/api/v1/activities", admin, map[string]any{"title": title, "category": cat, "description": desc,
			"starts_at": soon, "ends_at": soon.Add(time.Hour), "unit_ids": units, "status": "planned", "allow_overlap": true}).
			Expect(http.StatusCreated).ID()
	}
	dance := mk("Tanssiaiset", "dance", "", w.unitA)
	walk := mk("Retki", "outdoor", "Kävelemme Ruissalon tammimetsässä", w.unitA)
	mk("Elokuvailta", "film", "", w.unitA)
	mk("Tanssiaiset B", "dance", "", w.unitB)
	w.env.Put("/api/v1/residents/"+w.doris+"/culture-profile", admin, map[string]any{"arts": "Tanssin nuorena paljon",
		"places": "Ruissalon kesät"}, "").Expect(http.StatusCreated)
	l := w.list("/api/v1/residents/"+w.doris+"/upcoming-activities", w.tok["mentorA"])
	got := map[string]map[string]any{}
	for _, it := range l.Items {
		got[it["activity_id"].(string)] = it
	}
	if len(got) != 2 || got[dance]["category_match"] != true || got[walk] == nil || got[walk]["category_match"] != false {
		t.Fatalf("matches: %v", l.Items)
	}
	if words := got[walk]["words"].([]any); len(words) != 1 || words[0] != "ruissalon" {
		t.Fatalf("words: %v", words)
	}
	// Without a profile nothing matches.
	if l := w.list("/api/v1/residents/"+w.bertta+"/upcoming-activities", admin); l.Total != 0 {
		t.Fatalf("without a profile: %v", l.Items)
	}
}
