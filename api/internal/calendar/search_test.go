package calendar_test

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/google/uuid"

	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/apitest"
)

// fieldCodes returns "field:code" for each field error of a problem.
func fieldCodes(r *apitest.Resp) []string {
	var p struct {
		Errors []struct{ Field, Code string } `json:"errors"`
	}
	r.JSON(&p)
	out := make([]string, len(p.Errors))
	for i, f := range p.Errors {
		out[i] = f.Field + ":" + f.Code
	}
	return out
}

// TestActivitySearch: ?q= on GET /activities matches a substring of the
// title or description, in Finnish or a translation, case-insensitively;
// LIKE wildcards and hostile strings are plain text; it combines with the
// other filters and the page total counts only the matches.
func TestActivitySearch(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	unitA, unitB := env.Unit(), env.Unit()
	tok := env.Token(access.RoleProducer)
	viewer := env.Token(access.RoleViewer)
	day := 0
	create := func(units []uuid.UUID, extra map[string]any) string {
		t.Helper()
		day++
		s := fmt.Sprintf("2026-03-%02dT14:00:00+02:00", day)
		e := fmt.Sprintf("2026-03-%02dT15:00:00+02:00", day)
		return env.Post("/api/v1/activities", tok, activityBody(units, s, e, extra)).Expect(http.StatusCreated).ID()
	}
	song := create([]uuid.UUID{unitA}, map[string]any{"title": "Yhteislaulu Kotikartanossa", "status": "planned"})
	dance := create([]uuid.UUID{unitB}, map[string]any{"title": "Tanssi-ilta", "description": "Lavatanssit ja YHTEISLAULU lopuksi"})
	swedish := create([]uuid.UUID{unitA}, map[string]any{"title": "Kuvataidepaja",
		"title_i18n": map[string]any{"sv": "Bildkonstverkstad"}, "description_i18n": map[string]any{"en": "Watercolour painting"}})
	percent := create([]uuid.UUID{unitB}, map[string]any{"title": "Bingo 100% hauskaa", "description": "snake_case"})
	create([]uuid.UUID{unitA}, map[string]any{"title": "Elokuvailta"})

	search := func(query string) []string {
		t.Helper()
		var l struct {
			Items []struct {
				ID string `json:"id"`
			} `json:"items"`
			Total int `json:"total"`
		}
		env.Get("/api/v1/activities?"+query, viewer).Expect(http.StatusOK).JSON(&l)
		ids := make([]string, len(l.Items))
		for i, it := range l.Items {
			ids[i] = it.ID
		}
		if l.Total != len(ids) {
			t.Fatalf("%s: total %d for %d items", query, l.Total, len(ids))
		}
		return ids
	}
	q := func(s string) string { return "q=" + url.QueryEscape(s) }
	tests := []struct {
		name, query string
		want        []string
	}{
		{"title, any case", q("yhteislaulu"), []string{song, dance}},
		{"description", q("lavatanssit"), []string{dance}},
		{"swedish title", q("BILDKONST"), []string{swedish}},
		{"english description", q("watercolour"), []string{swedish}},
		{"no match", q("ooppera"), []string{}},
		{"percent is literal", q("100%"), []string{percent}},
		{"lone percent", q("%"), []string{percent}},
		{"underscore is literal", q("e_c"), []string{percent}},
		{"backslash", q(`\`), []string{}},
		{"surrounding spaces are trimmed", q("  tanssi-ilta  "), []string{dance}},
		{"empty q is no filter", "q=", nil},
		{"with a unit", q("yhteislaulu") + "&unit_id=" + unitB.String(), []string{dance}},
		{"with a status", q("yhteislaulu") + "&status=planned", []string{song}},
		{"with a category", q("yhteislaulu") + "&category=theatre", []string{}},
	}
	for _, tc := range tests {
		got := search(tc.query)
		if tc.want == nil {
			if len(got) != 5 {
				t.Errorf("%s: %d items, want all 5", tc.name, len(got))
			}
			continue
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: got %v, want %v", tc.name, got, tc.want)
		}
	}

	// A page of the matches: one item, but the total counts both.
	var page struct {
		Items []map[string]any `json:"items"`
		Total int              `json:"total"`
	}
	env.Get("/api/v1/activities?"+q("yhteislaulu")+"&limit=1&offset=1", viewer).Expect(http.StatusOK).JSON(&page)
	if page.Total != 2 || len(page.Items) != 1 || page.Items[0]["id"] != dance {
		t.Errorf("page of matches: %+v", page)
	}

	// Hostile strings are text: no match, never a 500; an overlong or
	// non-text q is a 400 naming q with a code.
	for _, inj := range apitest.InjectionStrings {
		r := env.Get("/api/v1/activities?"+q(inj), viewer)
		switch {
		case strings.ContainsRune(inj, 0):
			r.Problem(http.StatusBadRequest, "bad-request")
			if got := fieldCodes(r); fmt.Sprint(got) != "[q:invalid_format]" {
				t.Errorf("NUL q: %v", got)
			}
		case len([]rune(inj)) > 200:
			r.Problem(http.StatusBadRequest, "bad-request")
			if got := fieldCodes(r); fmt.Sprint(got) != "[q:too_long]" {
				t.Errorf("long q: %v", got)
			}
		default:
			r.Expect(http.StatusOK)
			if n := len(r.Map()["items"].([]any)); n != 0 {
				t.Errorf("injection %q matched %d", inj, n)
			}
		}
	}
	env.Get("/api/v1/activities?q=%ff", viewer).Problem(http.StatusBadRequest, "bad-request")
	search(q(strings.Repeat("ä", 200)))
	var n int64
	env.DB.Table("units").Count(&n)
	if n < 2 {
		t.Fatalf("units table damaged: %d rows", n)
	}
}
