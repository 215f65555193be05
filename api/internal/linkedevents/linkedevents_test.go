package linkedevents_test

import (
	"bytes"
	"encoding/json"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/apitest"
	"kulttuurisilta/api/internal/linkedevents"
)

func eventSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open("testdata/event.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource("event.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("event.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

type export struct {
	Meta struct {
		Count int     `json:"count"`
		Next  *string `json:"next"`
	} `json:"meta"`
	Data []map[string]any `json:"data"`
}

func get(t *testing.T, env *apitest.Env, tok, query string) (export, []byte) {
	t.Helper()
	r := env.Get("/api/v1/integrations/linked-events/events?page_size=500&"+query, tok).Expect(200)
	var e export
	r.JSON(&e)
	return e, r.Body
}

func byID(e export) map[string]map[string]any {
	out := map[string]map[string]any{}
	for _, d := range e.Data {
		out[d["id"].(string)] = d
	}
	return out
}

// TestExport checks the export against the Linked Events event schema fixture, its mapping, and the
// incremental sync with tombstones.
func TestExport(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	prod := env.Token(access.RoleProducer)
	unit := env.Unit().String()
	env.Put("/api/v1/integrations/linked-events/places/"+unit, prod, map[string]any{"tprek_id": "7254"}, "").Expect(201)
	env.Put("/api/v1/integrations/linked-events/places/"+unit, prod, map[string]any{"tprek_id": "x1"}, "").Problem(422, "validation")
	env.Put("/api/v1/integrations/linked-events/places/"+unit, env.Token(access.RoleViewer), map[string]any{"tprek_id": "1"}, "").Problem(403, "forbidden")
	now := time.Now().In(env.Zone)
	day := func(d, h int) string {
		return time.Date(now.Year(), now.Month(), now.Day()+d, h, 0, 0, 0, env.Zone).Format(time.RFC3339)
	}
	series := env.Post("/api/v1/series", prod, map[string]any{"name": "Kulttuuriviikot", "starts_on": day(1, 0)[:10],
		"ends_on": day(20, 0)[:10]}).Expect(201).ID()
	act := func(body map[string]any) string {
		body["unit_ids"], body["allow_overlap"] = []string{unit}, true
		return env.Post("/api/v1/activities", prod, body).Expect(201).ID()
	}
	weekly := act(map[string]any{"title": "Yhteislaulu", "title_i18n": map[string]any{"sv": "Allsång", "en": "Sing-along"},
		"description": "Lauletaan yhdessä.", "description_i18n": map[string]any{"en": "We sing together."}, "category": "music",
		"starts_at": day(2, 14), "ends_at": day(2, 15), "recurrence": "FREQ=WEEKLY;COUNT=3", "series_id": series,
		"status": "confirmed", "visibility": "public", "target_groups": []string{"elderly", "staff"}, "accessibility": "Esteetön sisäänkäynti",
		"capacity": 30})
	single := act(map[string]any{"title": "Teatteri", "category": "theatre", "starts_at": day(3, 18), "ends_at": day(3, 19),
		"status": "confirmed", "visibility": "public", "target_groups": []string{"disability"}})
	env.Patch("/api/v1/activities/"+single, prod, map[string]any{"status": "cancelled"}, "").Expect(200)
	internal := act(map[string]any{"title": "Sisäinen", "category": "other", "starts_at": day(4, 9), "ends_at": day(4, 10),
		"status": "confirmed", "visibility": "internal"})
	proposal := act(map[string]any{"title": "Ehdotus", "category": "dance", "starts_at": day(5, 9), "ends_at": day(5, 10),
		"status": "proposed", "visibility": "public"})

	reader := env.APIToken(access.ScopeCalendarRead)
	all, body := get(t, env, reader, "")
	schema := eventSchema(t)
	for _, d := range all.Data {
		raw, _ := json.Marshal(d)
		v, _ := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
		if err := schema.Validate(v); err != nil {
			t.Errorf("event %s does not validate against the Linked Events schema: %v", d["id"], err)
		}
	}
	for _, hidden := range []string{internal, proposal, "Esteetön sisäänkäynti" + "x"} {
		if bytes.Contains(body, []byte(hidden)) {
			t.Errorf("export contains %s", hidden)
		}
	}
	ids := byID(all)
	if all.Meta.Count != 6 { // umbrella + recurring + 3 sub-events + single
		t.Errorf("count %d, want 6: %v", all.Meta.Count, ids)
	}
	rec := ids["kulttuurisilta:"+weekly]
	if rec == nil {
		t.Fatalf("recurring event missing: %s", body)
	}
	if rec["super_event_type"] != "recurring" || len(rec["sub_events"].([]any)) != 3 {
		t.Errorf("recurring event: %v", rec)
	}
	// A language goes out only where both the title and the description have it (Linked Events refuses a
	// public event whose name has a language its description lacks): Swedish has a title but no
	// description here, so it is left out of both.
	if n := rec["name"].(map[string]any); n["fi"] != "Yhteislaulu" || n["sv"] != nil || n["en"] != "Sing-along" {
		t.Errorf("names %v", n)
	}
	if d := rec["description"].(map[string]any); d["fi"] != "Lauletaan yhdessä." || d["en"] != "We sing together." || d["sv"] != nil {
		t.Errorf("descriptions %v", d)
	}
	if d := rec["short_description"].(map[string]any); d["fi"] != "Lauletaan yhdessä." || d["en"] != "We sing together." || len(d) != 2 {
		t.Errorf("short descriptions %v", d)
	}
	if rec["@id"] != "https://api.hel.fi/linkedevents/v1/event/kulttuurisilta:"+weekly+"/" || rec["@type"] != "Event/LinkedEvent" {
		t.Errorf("@id %v @type %v", rec["@id"], rec["@type"])
	}
	if !strings.HasSuffix(rec["super_event"].(map[string]any)["@id"].(string), "/event/kulttuurisilta:"+series+"/") {
		t.Errorf("super_event %v", rec["super_event"])
	}
	if loc := rec["location"].(map[string]any)["@id"]; loc != "https://api.hel.fi/linkedevents/v1/place/tprek:7254/" {
		t.Errorf("location %v", loc)
	}
	kw, _ := json.Marshal(rec["keywords"])
	aud, _ := json.Marshal(rec["audience"])
	if !strings.Contains(string(kw), "yso:p1808") || !strings.Contains(string(kw), "yso:p360") || !strings.Contains(string(aud), "yso:p2433") {
		t.Errorf("keywords %s audience %s", kw, aud)
	}
	if !strings.Contains(rec["location_extra_info"].(map[string]any)["fi"].(string), "Esteetön sisäänkäynti") {
		t.Errorf("accessibility notes missing: %v", rec["location_extra_info"])
	}
	if u := ids["kulttuurisilta:"+series]; u == nil || u["super_event_type"] != "umbrella" {
		t.Errorf("umbrella missing or wrong: %v", u)
	}
	if s := ids["kulttuurisilta:"+single]; s == nil || s["event_status"] != "EventCancelled" || s["super_event_type"] != nil {
		t.Errorf("single cancelled event: %v", s)
	}
	sub := 0
	for id, d := range ids {
		if strings.HasPrefix(id, "kulttuurisilta:"+weekly+"-") {
			sub++
			if d["super_event"].(map[string]any)["@id"] != "https://api.hel.fi/linkedevents/v1/event/kulttuurisilta:"+weekly+"/" {
				t.Errorf("sub-event parent %v", d["super_event"])
			}
		}
	}
	if sub != 3 {
		t.Errorf("%d sub-events, want 3", sub)
	}

	// Incremental sync: nothing changed, then an unpublished and a deleted activity come as tombstones.
	mark := time.Now().UTC().Format(time.RFC3339Nano)
	time.Sleep(10 * time.Millisecond)
	if inc, _ := get(t, env, reader, "last_modified_since="+url.QueryEscape(mark)); inc.Meta.Count != 0 {
		t.Errorf("unchanged export gave %d items", inc.Meta.Count)
	}
	env.Patch("/api/v1/activities/"+single, prod, map[string]any{"visibility": "internal"}, "").Expect(200)
	env.Delete("/api/v1/activities/"+weekly, prod, "").Expect(204)
	inc, _ := get(t, env, reader, "last_modified_since="+url.QueryEscape(mark))
	got := byID(inc)
	for _, id := range []string{single, weekly, series} {
		if d := got["kulttuurisilta:"+id]; d == nil || d["deleted"] != true {
			t.Errorf("tombstone for %s missing: %v", id, got)
		}
	}
	for _, d := range inc.Data {
		raw, _ := json.Marshal(d)
		v, _ := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
		if err := schema.Validate(v); err != nil {
			t.Errorf("tombstone %s does not validate: %v", d["id"], err)
		}
	}
	// Republishing removes the tombstone.
	env.Patch("/api/v1/activities/"+single, prod, map[string]any{"visibility": "public"}, "").Expect(200)
	if d := byID(func() export { e, _ := get(t, env, reader, "last_modified_since="+url.QueryEscape(mark)); return e }())["kulttuurisilta:"+single]; d == nil || d["deleted"] != false {
		t.Errorf("republished event: %v", d)
	}
}

func TestExportAccessAndParams(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	path := "/api/v1/integrations/linked-events/events"
	for _, role := range access.Roles {
		env.Get(path, env.Token(role)).Expect(200)
	}
	env.Get(path, env.APIToken(access.ScopeCalendarRead)).Expect(200)
	env.Get(path, env.APIToken(access.ScopeBudgetRead)).Problem(403, "forbidden")
	env.CheckBadTokens("GET", path)
	tok := env.Token(access.RoleViewer)
	for _, q := range []string{"last_modified_since=yesterday", "page=0", "page_size=501", "page=x"} {
		env.Get(path+"?"+q, tok).Problem(400, "bad-request")
	}
	for _, s := range apitest.InjectionStrings {
		if r := env.Get(path+"?last_modified_since="+url.QueryEscape(s), tok); r.Status != 400 {
			t.Errorf("%q: status %d", s, r.Status)
		}
	}
}

// TestYSOLabels checks every keyword id of yso.json against YSO's preferred labels
// (testdata/yso-labels.tsv, copied from a YSO release; docs/integrations.md says from where): each id
// used has its Finnish, Swedish and English label beside it in yso.json, equal to YSO's, and no label is
// kept for an id that is not used. The intergenerational category is about generations, not
// participation (yso:p10727).
func TestYSOLabels(t *testing.T) {
	raw, err := os.ReadFile("testdata/yso-labels.tsv")
	if err != nil {
		t.Fatal(err)
	}
	yso := map[string][3]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(raw)), "\n") {
		if strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 4 {
			t.Fatalf("bad line %q", line)
		}
		yso[f[0]] = [3]string{f[1], f[2], f[3]}
	}
	used := map[string]bool{}
	for _, id := range linkedevents.YSO.Always {
		used[id] = true
	}
	for _, m := range []map[string][]string{linkedevents.YSO.Categories, linkedevents.YSO.TargetGroups} {
		for _, ids := range m {
			for _, id := range ids {
				used[id] = true
			}
		}
	}
	for id := range used {
		want, ok := yso[id]
		got := linkedevents.YSO.Labels[id]
		switch {
		case !ok:
			t.Errorf("%s is not in the YSO labels checked", id)
		case got["fi"] != want[0] || got["sv"] != want[1] || got["en"] != want[2]:
			t.Errorf("%s: labels %v in yso.json, YSO has %v", id, got, want)
		}
	}
	for id := range linkedevents.YSO.Labels {
		if !used[id] {
			t.Errorf("yso.json labels %s, which no category or target group uses", id)
		}
	}
	if c := linkedevents.YSO.Categories["intergenerational"]; len(c) != 1 || c[0] != "yso:p2209" {
		t.Errorf("intergenerational maps to %v", c)
	}
}
