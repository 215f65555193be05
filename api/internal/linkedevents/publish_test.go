package linkedevents_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/apitest"
	"kulttuurisilta/api/internal/linkedevents"
)

// fakeLinkedEvents is a local test server with the few Linked Events endpoints the push calls: bulk
// POST /event/, bulk PUT /event/ and DELETE /event/{id}/. Like Linked Events it checks the apikey
// header, validates every event (here against the schema fixture), refuses links to unknown events,
// assigns its own ids and applies a bulk request all or nothing. fail makes the next write request fail
// with that status, changing nothing.
type fakeLinkedEvents struct {
	t      *testing.T
	schema *jsonschema.Schema
	mu     sync.Mutex
	events map[string]map[string]any
	next   int
	writes []string // "POST 3", "PUT 1", "DELETE <id>"
	fail   []int
	srv    *httptest.Server
}

func newFake(t *testing.T) *fakeLinkedEvents {
	f := &fakeLinkedEvents{t: t, schema: eventSchema(t), events: map[string]map[string]any{}}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeLinkedEvents) fail400(w http.ResponseWriter, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusBadRequest)
	fmt.Fprintf(w, `{"detail": %q}`, msg)
}

func (f *fakeLinkedEvents) serve(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if r.Header.Get("apikey") != "test-key" {
		w.WriteHeader(http.StatusUnauthorized)
		return
	}
	if len(f.fail) > 0 && r.Method != http.MethodGet {
		status := f.fail[0]
		f.fail = f.fail[1:]
		f.writes = append(f.writes, fmt.Sprintf("FAILED %s %d", r.Method, status))
		w.WriteHeader(status)
		fmt.Fprint(w, `{"detail": "induced failure"}`)
		return
	}
	switch {
	case r.URL.Path == "/event/" && (r.Method == http.MethodPost || r.Method == http.MethodPut):
		var list []map[string]any
		if err := json.NewDecoder(r.Body).Decode(&list); err != nil {
			f.fail400(w, "body must be a list of events: "+err.Error())
			return
		}
		// Validate the whole batch before changing anything (all or nothing).
		staged := map[string]map[string]any{}
		out := make([]map[string]any, len(list))
		for i, e := range list {
			raw, _ := json.Marshal(e)
			v, _ := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
			if err := f.schema.Validate(v); err != nil {
				f.fail400(w, fmt.Sprintf("event %d: %v", i, err))
				return
			}
			if se, ok := e["super_event"].(map[string]any); ok {
				ref := se["@id"].(string)
				id := strings.TrimSuffix(strings.TrimPrefix(ref, f.srv.URL+"/event/"), "/")
				if _, known := f.events[id]; !known && staged[id] == nil {
					f.fail400(w, "super_event does not exist: "+ref)
					return
				}
			}
			if r.Method == http.MethodPost {
				f.next++
				e["id"] = fmt.Sprintf("remote:ev%d", f.next)
			} else if _, ok := f.events[e["id"].(string)]; !ok {
				f.fail400(w, "no such event: "+e["id"].(string))
				return
			}
			staged[e["id"].(string)] = e
			out[i] = e
		}
		for id, e := range staged {
			f.events[id] = e
		}
		f.writes = append(f.writes, fmt.Sprintf("%s %d", r.Method, len(list)))
		w.Header().Set("Content-Type", "application/json")
		if r.Method == http.MethodPost {
			w.WriteHeader(http.StatusCreated)
		}
		_ = json.NewEncoder(w).Encode(out)
	case strings.HasPrefix(r.URL.Path, "/event/") && r.Method == http.MethodDelete:
		id := strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, "/event/"), "/")
		if _, ok := f.events[id]; !ok {
			w.WriteHeader(http.StatusNotFound)
			return
		}
		delete(f.events, id)
		f.writes = append(f.writes, "DELETE "+id)
		w.WriteHeader(http.StatusNoContent)
	default:
		w.WriteHeader(http.StatusMethodNotAllowed)
	}
}

func (f *fakeLinkedEvents) snapshot() (map[string]map[string]any, []string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	ev := make(map[string]map[string]any, len(f.events))
	for k, v := range f.events {
		ev[k] = v
	}
	return ev, append([]string(nil), f.writes...)
}

// byName is the remote event with that Finnish name that is not a sub-event of a recurring one.
func (f *fakeLinkedEvents) byName(fi string) map[string]any {
	ev, _ := f.snapshot()
	for _, e := range ev {
		if se, ok := e["super_event"].(map[string]any); ok {
			parent := ev[strings.TrimSuffix(strings.TrimPrefix(se["@id"].(string), f.srv.URL+"/event/"), "/")]
			if parent != nil && parent["super_event_type"] == "recurring" {
				continue
			}
		}
		if n, _ := e["name"].(map[string]any); n != nil && n["fi"] == fi {
			return e
		}
	}
	return nil
}

func publisher(env *apitest.Env, f *fakeLinkedEvents) linkedevents.Publisher {
	return linkedevents.Publisher{
		Store:     linkedevents.Store{DB: env.DB, Zone: env.Zone, Config: linkedevents.Config{DataSource: "kulttuurisilta", APIURL: f.srv.URL}},
		Client:    linkedevents.Client{BaseURL: f.srv.URL, APIKey: "test-key"},
		BatchSize: 2,
	}
}

func pushRows(env *apitest.Env) map[string]string {
	var rows []struct{ LocalID, ContentHash string }
	env.DB.Raw(`SELECT local_id, content_hash FROM linked_events_pushes`).Scan(&rows)
	out := map[string]string{}
	for _, r := range rows {
		out[r.LocalID] = r.ContentHash
	}
	return out
}

// TestPublish drives `publish linked-events` against the local test server: a dry run sends and records
// nothing; an apply creates everything (super events before the events that link to them, links
// rewritten to the remote's ids, Swedish and English names included); a second apply sends nothing; a
// change is one update; a refused batch (400, 500) records nothing and a retry succeeds; deleted and
// unpublished activities (and the series left without public activities) are deleted remotely.
func TestPublish(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	fake := newFake(t)
	pub := publisher(env, fake)
	ctx := context.Background()
	prod := env.Token(access.RoleProducer)
	unit := env.Unit().String()
	env.Put("/api/v1/integrations/linked-events/places/"+unit, prod, map[string]any{"tprek_id": "7254"}, "").Expect(201)
	now := time.Now().In(env.Zone)
	day := func(d, h int) string {
		return time.Date(now.Year(), now.Month(), now.Day()+d, h, 0, 0, 0, env.Zone).Format(time.RFC3339)
	}
	series := env.Post("/api/v1/series", prod, map[string]any{"name": "Kulttuuriviikot", "starts_on": day(1, 0)[:10],
		"ends_on": day(20, 0)[:10], "name_i18n": map[string]any{"sv": "Kulturveckorna", "en": "Culture Weeks"}}).Expect(201).ID()
	act := func(body map[string]any) string {
		body["unit_ids"], body["allow_overlap"], body["status"] = []string{unit}, true, "confirmed"
		return env.Post("/api/v1/activities", prod, body).Expect(201).ID()
	}
	weekly := act(map[string]any{"title": "Yhteislaulu", "title_i18n": map[string]any{"sv": "Allsång", "en": "Sing-along"},
		"category": "music", "starts_at": day(2, 14), "ends_at": day(2, 15), "recurrence": "FREQ=WEEKLY;COUNT=3",
		"series_id": series, "visibility": "public"})
	single := act(map[string]any{"title": "Teatteri", "category": "theatre", "starts_at": day(3, 18), "ends_at": day(3, 19),
		"visibility": "public"})
	act(map[string]any{"title": "Sisäinen", "category": "other", "starts_at": day(4, 9), "ends_at": day(4, 10), "visibility": "internal"})

	// Dry run: the plan, nothing sent, nothing recorded.
	plan, err := pub.Run(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	plan.Print(&out)
	if plan.Count(linkedevents.OpCreate) != 6 || len(plan.Actions) != 6 || !strings.Contains(out.String(), "6 to create, 0 to update, 0 to delete, 0 unchanged") ||
		!strings.Contains(out.String(), "create kulttuurisilta:"+weekly+"  Yhteislaulu") {
		t.Fatalf("dry-run plan:\n%s", out.String())
	}
	if _, writes := fake.snapshot(); len(writes) != 0 || len(pushRows(env)) != 0 {
		t.Fatalf("dry run sent %v / recorded %v", writes, pushRows(env))
	}

	// Apply: everything is created, parents first, links rewritten to remote ids.
	if _, err := pub.Run(ctx, true); err != nil {
		t.Fatal(err)
	}
	events, writes := fake.snapshot()
	if len(events) != 6 || len(pushRows(env)) != 6 {
		t.Fatalf("remote has %d events, %d recorded; writes %v", len(events), len(pushRows(env)), writes)
	}
	rec, umbrella := fake.byName("Yhteislaulu"), fake.byName("Kulttuuriviikot")
	if rec == nil || umbrella == nil {
		t.Fatalf("events missing: %v", events)
	}
	if n := rec["name"].(map[string]any); n["sv"] != "Allsång" || n["en"] != "Sing-along" {
		t.Errorf("recurring event names %v", n)
	}
	if n := umbrella["name"].(map[string]any); n["sv"] != "Kulturveckorna" || n["en"] != "Culture Weeks" {
		t.Errorf("umbrella names %v", n)
	}
	if got := rec["super_event"].(map[string]any)["@id"]; got != fake.srv.URL+"/event/"+umbrella["id"].(string)+"/" {
		t.Errorf("recurring event's super_event %v, want the umbrella's remote id %v", got, umbrella["id"])
	}
	subs := 0
	for _, e := range events {
		if se, ok := e["super_event"].(map[string]any); ok && se["@id"] == fake.srv.URL+"/event/"+rec["id"].(string)+"/" {
			subs++
		}
	}
	if subs != 3 {
		t.Errorf("%d sub-events point to the recurring event, want 3", subs)
	}
	var audits int64
	env.DB.Table("audit_events").Where("action LIKE 'linked_events.push.%'").Count(&audits)
	if audits == 0 {
		t.Error("no audit events for the pushed batches")
	}

	// A second apply changes nothing and sends nothing.
	plan, err = pub.Run(ctx, true)
	if err != nil || len(plan.Actions) != 0 || plan.Unchanged != 6 {
		t.Fatalf("rerun: %v, %d actions, %d unchanged", err, len(plan.Actions), plan.Unchanged)
	}
	if _, w := fake.snapshot(); len(w) != len(writes) {
		t.Fatalf("rerun sent %v", w[len(writes):])
	}

	// A change is one update of that event.
	env.Patch("/api/v1/activities/"+single, prod, map[string]any{"title": "Teatteriesitys",
		"title_i18n": map[string]any{"en": "Theatre"}}, "").Expect(200)
	plan, err = pub.Run(ctx, true)
	if err != nil || plan.Count(linkedevents.OpUpdate) != 1 || len(plan.Actions) != 1 {
		t.Fatalf("update run: %v %+v", err, plan.Actions)
	}
	_, w := fake.snapshot()
	if last := w[len(w)-1]; last != "PUT 1" || len(w) != len(writes)+1 {
		t.Fatalf("update sent %v", w[len(writes):])
	}
	if e := fake.byName("Teatteriesitys"); e == nil || e["name"].(map[string]any)["en"] != "Theatre" {
		t.Fatalf("remote not updated: %v", e)
	}

	// Failing batches (the remote refuses with 400, then fails with 500) record nothing; a retry succeeds.
	extra := act(map[string]any{"title": "Tanssit", "category": "dance", "starts_at": day(5, 13), "ends_at": day(5, 14),
		"visibility": "public"})
	env.Patch("/api/v1/activities/"+single, prod, map[string]any{"capacity": 25}, "").Expect(200)
	before := pushRows(env)
	for _, status := range []int{http.StatusBadRequest, http.StatusInternalServerError} {
		fake.mu.Lock()
		fake.fail = []int{status}
		fake.mu.Unlock()
		_, err := pub.Run(ctx, true)
		var re *linkedevents.RemoteError
		if !errors.As(err, &re) || re.Status != status {
			t.Fatalf("failing batch: %v, want a remote error %d", err, status)
		}
		if after := pushRows(env); fmt.Sprint(after) != fmt.Sprint(before) {
			t.Fatalf("a refused batch was recorded: %v -> %v", before, after)
		}
	}
	if e := fake.byName("Tanssit"); e != nil {
		t.Fatalf("refused batch reached the remote: %v", e)
	}
	plan, err = pub.Run(ctx, true)
	if err != nil || plan.Count(linkedevents.OpCreate) != 1 || plan.Count(linkedevents.OpUpdate) != 1 {
		t.Fatalf("retry: %v %+v", err, plan.Actions)
	}
	if e := fake.byName("Tanssit"); e == nil || fake.byName("Teatteriesitys")["maximum_attendee_capacity"] != float64(25) {
		t.Fatalf("retry did not reach the remote")
	}
	if plan, err = pub.Run(ctx, true); err != nil || len(plan.Actions) != 0 {
		t.Fatalf("after retry: %v %+v", err, plan.Actions)
	}

	// Unpublished and deleted activities, and the series left without public activities, are deleted.
	env.Patch("/api/v1/activities/"+single, prod, map[string]any{"visibility": "internal"}, "").Expect(200)
	env.Delete("/api/v1/activities/"+weekly, prod, "").Expect(204)
	plan, err = pub.Run(ctx, false)
	if err != nil || plan.Count(linkedevents.OpDelete) != 6 || len(plan.Actions) != 6 {
		t.Fatalf("delete plan: %v %+v", err, plan.Actions)
	}
	if _, err := pub.Run(ctx, true); err != nil {
		t.Fatal(err)
	}
	events, _ = fake.snapshot()
	if len(events) != 1 || fake.byName("Tanssit") == nil {
		t.Fatalf("remote after deletions: %v", events)
	}
	if rows := pushRows(env); len(rows) != 1 || rows["kulttuurisilta:"+extra] == "" {
		t.Fatalf("state after deletions: %v", rows)
	}
	if plan, err = pub.Run(ctx, true); err != nil || len(plan.Actions) != 0 {
		t.Fatalf("after deletions: %v %+v", err, plan.Actions)
	}
}

// TestPublishAuthAndLock: a wrong API key is the remote's 401 and records nothing; a second run while one
// holds the lock fails at once.
func TestPublishAuthAndLock(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	fake := newFake(t)
	prod := env.Token(access.RoleProducer)
	env.Post("/api/v1/activities", prod, map[string]any{"title": "Konsertti", "category": "music", "unit_ids": []string{env.Unit().String()},
		"starts_at": "2031-05-05T14:00:00+03:00", "ends_at": "2031-05-05T15:00:00+03:00", "status": "confirmed", "visibility": "public"}).Expect(201)
	pub := publisher(env, fake)
	pub.Client.APIKey = "wrong"
	_, err := pub.Run(context.Background(), true)
	var re *linkedevents.RemoteError
	if !errors.As(err, &re) || re.Status != http.StatusUnauthorized || len(pushRows(env)) != 0 {
		t.Fatalf("wrong key: %v, %d rows", err, len(pushRows(env)))
	}
	pub.Client.APIKey = "test-key"
	unlock, err := linkedevents.Lock(context.Background(), pub)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := pub.Run(context.Background(), true); err == nil || !strings.Contains(err.Error(), "in progress") {
		t.Fatalf("concurrent run: %v", err)
	}
	unlock()
	if _, err := pub.Run(context.Background(), true); err != nil || len(pushRows(env)) != 1 {
		t.Fatalf("after unlock: %v", err)
	}
}

// TestPushConfig: --apply needs the API URL and key from the environment; a dry run only the URL's default.
func TestPushConfig(t *testing.T) {
	tests := []struct {
		url, key string
		apply    bool
		ok       bool
	}{
		{"", "", false, true},
		{"", "k", true, false},
		{"https://le.example/v1", "", true, false},
		{"ftp://le.example/v1", "k", true, false},
		{"https://le.example/v1", "k", true, true},
	}
	for _, tc := range tests {
		t.Setenv("LINKED_EVENTS_API_URL", tc.url)
		t.Setenv("LINKED_EVENTS_API_KEY", tc.key)
		_, err := linkedevents.ClientFromEnv(tc.apply)
		if (err == nil) != tc.ok {
			t.Errorf("%+v: %v", tc, err)
		}
	}
}
