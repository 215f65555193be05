package linkedevents_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// clock is a test clock: the real time moved by an offset the test sets.
type clock struct {
	mu  sync.Mutex
	off time.Duration
}

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return time.Now().Add(c.off)
}

func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.off += d
}

// call sends one request to the test server and returns its status and decoded answer.
func (s *leServer) call(t *testing.T, method, path, key string, body any) (int, any) {
	t.Helper()
	var rd *bytes.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	} else {
		rd = bytes.NewReader(nil)
	}
	req, _ := http.NewRequest(method, s.URL()+path, rd)
	if key != "" {
		req.Header.Set("apikey", key)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var v any
	_ = json.NewDecoder(resp.Body).Decode(&v)
	return resp.StatusCode, v
}

// TestLinkedEventsServerRules checks that the test server enforces each write rule it was written from
// (docs/integrations.md), with Linked Events' status and error shape, so the push tests against it mean
// something. Each row sends a request and wants a status and a fragment of the answer.
func TestLinkedEventsServerRules(t *testing.T) {
	t.Parallel()
	clk := &clock{}
	s := newLEServer(t, clk.now, "tprek:1", "tprek:2")
	now := time.Now()
	at := func(d time.Duration) string { return now.Add(d).Format(time.RFC3339) }
	ref := func(kind, id string) map[string]any {
		return map[string]any{"@id": s.URL() + "/" + kind + "/" + id + "/"}
	}
	// event is a complete public event; edit changes it.
	event := func(id string, edit func(m map[string]any)) map[string]any {
		m := map[string]any{"id": id, "name": map[string]any{"fi": "Konsertti", "sv": "Konsert"},
			"description": map[string]any{"fi": "Kuvaus", "sv": "Beskrivning"}, "short_description": map[string]any{"fi": "Lyhyt", "sv": "Kort"},
			"start_time": at(48 * time.Hour), "end_time": at(50 * time.Hour), "location": ref("place", "tprek:1"),
			"keywords": []any{ref("keyword", "yso:p360")}, "audience": []any{ref("keyword", "yso:p2433")},
			"offers": []any{map[string]any{"is_free": true}}, "publisher": "kulttuurisilta:org", "publication_status": "public"}
		if edit != nil {
			edit(m)
		}
		return m
	}
	type row struct {
		name       string
		method     string
		path       string
		key        string
		body       any
		wantStatus int
		want       string // a fragment of the JSON answer
	}
	rows := []row{
		// events/auth.py ApiKeyAuthentication; events/utils.py get_user_data_source_and_organization_from_request.
		{"no API key", "POST", "/event/", "", []any{event("kulttuurisilta:a", nil)}, 401, "credentials were not provided"},
		{"unknown API key", "POST", "/event/", "nope", []any{event("kulttuurisilta:a", nil)}, 401, "does not match any organization"},
		{"data source without an owner", "POST", "/event/", "orphan-key", []any{event("orphan:a", nil)}, 403, "doesn't belong to any organization"},
		// LinkedEventsSerializer.validate_publisher; EventViewSet.perform_create (can_create_event).
		{"publisher of another organisation", "POST", "/event/", "test-key", []any{event("kulttuurisilta:a", func(m map[string]any) { m["publisher"] = "other:org" })},
			400, `"publisher":["Setting publisher to other:org is not allowed`},
		{"publisher null", "POST", "/event/", "test-key", []any{event("kulttuurisilta:a", func(m map[string]any) { m["publisher"] = nil })},
			403, "You do not have permission"},
		// LinkedEventsSerializer.validate_data_source / validate_id.
		{"another data source", "POST", "/event/", "test-key", []any{event("kulttuurisilta:a", func(m map[string]any) { m["data_source"] = "other" })},
			403, `"data_source":"Setting data_source to other`},
		{"id of another data source", "POST", "/event/", "test-key", []any{event("other:a", nil)}, 400, `"id":["Setting id to other:a is not allowed`},
		// LinkedEventsSerializer.validate: a name.
		{"no name", "POST", "/event/", "test-key", []any{event("kulttuurisilta:a", func(m map[string]any) { m["name"] = map[string]any{"fi": ""} })},
			400, `"name":["The name must be specified."]`},
		// EventSerializer.validate: fields needed to publish, translations, offers, past.
		{"no description in a language of the name", "POST", "/event/", "test-key", []any{event("kulttuurisilta:a", func(m map[string]any) {
			m["description"] = map[string]any{"fi": "Kuvaus"}
		})}, 400, `"description":{"sv":"This field must be specified before an event is published."}`},
		{"no short description in a language of the name", "POST", "/event/", "test-key", []any{event("kulttuurisilta:a", func(m map[string]any) {
			m["short_description"] = map[string]any{"sv": "Kort"}
		})}, 400, `"short_description":{"fi":"This field must be specified`},
		{"short description over 160", "POST", "/event/", "test-key", []any{event("kulttuurisilta:a", func(m map[string]any) {
			m["short_description"] = map[string]any{"fi": strings.Repeat("x", 161), "sv": "Kort"}
		})}, 400, "Short description length must be 160 characters or less"},
		{"no location", "POST", "/event/", "test-key", []any{event("kulttuurisilta:a", func(m map[string]any) { m["location"] = nil })},
			400, `"location":["This field must be specified before an event is published."]`},
		{"unknown place", "POST", "/event/", "test-key", []any{event("kulttuurisilta:a", func(m map[string]any) { m["location"] = ref("place", "tprek:404") })},
			400, `"location":["Invalid hyperlink - Object does not exist."]`},
		{"no keywords", "POST", "/event/", "test-key", []any{event("kulttuurisilta:a", func(m map[string]any) { m["keywords"] = []any{} })},
			400, `"keywords":["This field must be specified`},
		{"unknown keyword", "POST", "/event/", "test-key", []any{event("kulttuurisilta:a", func(m map[string]any) {
			m["keywords"] = []any{ref("keyword", "yso:p10727")}
		})}, 400, `"keywords":["Invalid hyperlink - Object does not exist."]`},
		{"deprecated audience keyword", "POST", "/event/", "test-key", []any{event("kulttuurisilta:a", func(m map[string]any) {
			m["audience"] = []any{ref("keyword", "yso:p0000")}
		})}, 400, "Deprecated keyword not allowed (yso:p0000)"},
		{"no start", "POST", "/event/", "test-key", []any{event("kulttuurisilta:a", func(m map[string]any) { m["start_time"] = nil })},
			400, `"start_time":["This field must be specified`},
		{"no offers", "POST", "/event/", "test-key", []any{event("kulttuurisilta:a", func(m map[string]any) { m["offers"] = []any{} })},
			400, "Price info must be specified before an event is published."},
		{"ended", "POST", "/event/", "test-key", []any{event("kulttuurisilta:a", func(m map[string]any) {
			m["start_time"], m["end_time"] = at(-3*time.Hour), at(-2*time.Hour)
		})}, 400, `"end_time":["End time cannot be in the past. Please set a future end time."]`},
		{"no end: ends the next midnight, here in the past", "POST", "/event/", "test-key", []any{event("kulttuurisilta:a", func(m map[string]any) {
			m["start_time"], m["end_time"] = at(-50*time.Hour), nil
		})}, 400, "End time cannot be in the past"},
		{"end before start (Event.save)", "POST", "/event/", "test-key", []any{event("kulttuurisilta:a", func(m map[string]any) {
			m["end_time"] = at(47 * time.Hour)
		})}, 400, "cannot be earlier than the start time"},
		// EventSerializer.super_event: an existing umbrella or recurring event, not one in the same request.
		{"super event in the same request", "POST", "/event/", "test-key", []any{
			event("kulttuurisilta:sup", func(m map[string]any) { m["super_event_type"] = "recurring" }),
			event("kulttuurisilta:sub", func(m map[string]any) { m["super_event"] = ref("event", "kulttuurisilta:sup") }),
		}, 400, `[{},{"super_event":["Invalid hyperlink - Object does not exist."]}]`},
		// A bulk request is one transaction: per-event errors, nothing saved.
		{"bulk with one bad event", "POST", "/event/", "test-key", []any{event("kulttuurisilta:ok", nil),
			event("kulttuurisilta:bad", func(m map[string]any) { m["location"] = nil })}, 400, `[{},{"location":`},
		// A cancellation skips the publishing rules, but a new event is stored as scheduled.
		{"created cancelled, stored scheduled", "POST", "/event/", "test-key", []any{event("kulttuurisilta:c", func(m map[string]any) {
			m["event_status"], m["location"] = "EventCancelled", nil
		})}, 201, `"event_status":"EventScheduled"`},
		{"sub-organisation as publisher", "POST", "/event/", "test-key", []any{event("kulttuurisilta:e1", func(m map[string]any) { m["publisher"] = "kulttuurisilta:sub" })},
			201, `"publisher":"kulttuurisilta:sub"`},
		{"no publisher: the data source's owner", "POST", "/event/", "test-key", []any{event("kulttuurisilta:e2", func(m map[string]any) { delete(m, "publisher") })},
			201, `"publisher":"kulttuurisilta:org"`},
		{"recurring super event", "POST", "/event/", "test-key", []any{event("kulttuurisilta:rec", func(m map[string]any) { m["super_event_type"] = "recurring" })},
			201, `"super_event_type":"recurring"`},
		{"sub-event of it", "POST", "/event/", "test-key", []any{event("kulttuurisilta:sub1", func(m map[string]any) { m["super_event"] = ref("event", "kulttuurisilta:rec") })},
			201, `"@type":"Event/LinkedEvent"`},
		{"the same id again", "POST", "/event/", "test-key", []any{event("kulttuurisilta:e2", nil)}, 400, "An object with given id already exists."},
		{"not a super event", "POST", "/event/", "test-key", []any{event("kulttuurisilta:sub2", func(m map[string]any) { m["super_event"] = ref("event", "kulttuurisilta:e2") })},
			400, `"super_event":["Invalid hyperlink`},
		// EventSerializer.update: event_status on update; PUT behaves like PATCH.
		{"move: rescheduled", "PUT", "/event/", "test-key", []any{event("kulttuurisilta:e2", func(m map[string]any) {
			m["start_time"], m["end_time"], m["event_status"] = at(72*time.Hour), at(73*time.Hour), "EventScheduled"
		})}, 200, `"event_status":"EventRescheduled"`},
		{"back to scheduled", "PUT", "/event/", "test-key", []any{event("kulttuurisilta:e2", func(m map[string]any) {
			m["start_time"], m["end_time"], m["event_status"] = at(72*time.Hour), at(73*time.Hour), "EventScheduled"
		})}, 400, "cannot be set back to SCHEDULED"},
		{"rescheduled kept", "PUT", "/event/", "test-key", []any{event("kulttuurisilta:e2", func(m map[string]any) {
			m["start_time"], m["end_time"], m["event_status"] = at(72*time.Hour), at(73*time.Hour), "EventRescheduled"
		})}, 200, `"event_status":"EventRescheduled"`},
		{"rescheduled set directly", "PUT", "/event/", "test-key", []any{event("kulttuurisilta:e1", func(m map[string]any) {
			m["publisher"], m["event_status"] = "kulttuurisilta:sub", "EventRescheduled"
		})}, 400, "cannot be set directly"},
		{"cancel", "PUT", "/event/", "test-key", []any{event("kulttuurisilta:e1", func(m map[string]any) {
			m["publisher"], m["event_status"] = "kulttuurisilta:sub", "EventCancelled"
		})}, 200, `"event_status":"EventCancelled"`},
		{"un-cancel at the same time: stays cancelled", "PUT", "/event/", "test-key", []any{event("kulttuurisilta:e1", func(m map[string]any) {
			m["publisher"] = "kulttuurisilta:sub"
		})}, 200, `"event_status":"EventCancelled"`},
		{"cancelled moved: rescheduled", "PUT", "/event/", "test-key", []any{event("kulttuurisilta:e1", func(m map[string]any) {
			m["publisher"], m["start_time"], m["end_time"] = "kulttuurisilta:sub", at(60*time.Hour), at(62*time.Hour)
		})}, 200, `"event_status":"EventRescheduled"`},
		{"a field left out keeps its value", "PUT", "/event/", "test-key", []any{map[string]any{"id": "kulttuurisilta:e1",
			"name": map[string]any{"fi": "Uusi nimi"}, "start_time": at(60 * time.Hour), "end_time": at(62 * time.Hour),
			"offers": []any{map[string]any{"is_free": true}}, "keywords": []any{ref("keyword", "yso:p360")}, "location": ref("place", "tprek:2"),
			"description": map[string]any{"fi": "K"}, "short_description": map[string]any{"fi": "K"}}}, 200, `"audience":[{"@id"`},
		{"publisher changed", "PUT", "/event/", "test-key", []any{event("kulttuurisilta:e2", func(m map[string]any) {
			m["publisher"], m["start_time"], m["end_time"] = "kulttuurisilta:sub", at(72*time.Hour), at(73*time.Hour)
		})}, 400, "You may not change the publisher of an existing object."},
		{"an event the key does not own", "PUT", "/event/", "other-key", []any{event("kulttuurisilta:e2", nil)}, 400, "Missing matching events to update."},
		{"not found in a bulk update", "PUT", "/event/", "test-key", []any{event("kulttuurisilta:e2", func(m map[string]any) {
			m["start_time"], m["end_time"] = at(72*time.Hour), at(73*time.Hour)
		}), event("kulttuurisilta:nope", nil)}, 400, "Could not find all objects to update."},
		{"bulk update needs a list", "PUT", "/event/", "test-key", event("kulttuurisilta:e2", nil), 403, "Bulk update requires a list"},
		// DataSourceResourceEditPermission.has_object_permission; Event.soft_delete; get_object.
		{"delete another data source's event", "DELETE", "/event/kulttuurisilta:e2/", "other-key", nil, 403, "Object data source does not match"},
		{"delete", "DELETE", "/event/kulttuurisilta:c/", "test-key", nil, 204, ""},
		{"delete again", "DELETE", "/event/kulttuurisilta:c/", "test-key", nil, 410, "Event has been deleted."},
		{"re-create a deleted event's id", "POST", "/event/", "test-key", []any{event("kulttuurisilta:c", nil)}, 400, "An object with given id already exists."},
	}
	for _, r := range rows {
		status, got := s.call(t, r.method, r.path, r.key, r.body)
		b, _ := json.Marshal(got)
		if status != r.wantStatus || !strings.Contains(string(b), r.want) {
			t.Errorf("%s: %d %s, want %d with %s", r.name, status, b, r.wantStatus, r.want)
		}
	}
	if ev := s.live(); ev["kulttuurisilta:ok"] != nil || ev["kulttuurisilta:sup"] != nil {
		t.Errorf("a refused bulk request saved events: %v", sortedKeys(ev))
	}
	if subs := s.live()["kulttuurisilta:rec"]["sub_events"].([]any); len(subs) != 1 {
		t.Errorf("sub_events of the recurring event: %v", subs)
	}
	// An event that has ended may no longer be edited (EventSerializer.update).
	clk.advance(100 * time.Hour)
	status, got := s.call(t, "PUT", "/event/", "test-key", []any{event("kulttuurisilta:e2", func(m map[string]any) {
		m["start_time"], m["end_time"], m["event_status"] = at(200*time.Hour), at(201*time.Hour), "EventRescheduled"
	})})
	if b, _ := json.Marshal(got); status != 403 || !strings.Contains(string(b), "Cannot edit a past event.") {
		t.Errorf("editing an ended event: %d %s", status, b)
	}
}
