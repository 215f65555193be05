package linkedevents_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"kulttuurisilta/api/internal/linkedevents"
)

// leServer is a local Linked Events API for the push tests. It enforces the write rules of the
// City-of-Helsinki/linkedevents source (docs/integrations.md, "The rules the test server enforces",
// names the file and function of each): the API key's data source and its owner organisation, the
// publisher, ids, the fields a public event needs, translations, keyword, place and super event
// references, start, end and past events, event_status on create and on update, PUT applied like a
// PATCH, bulk requests all or nothing with per-event errors, soft deletion. It answers refusals as Linked
// Events does: 400 with {field: [messages]} (a list of those for a bulk request), 401/403 with
// {"detail": message}.
type leServer struct {
	t    *testing.T
	mu   sync.Mutex
	now  func() time.Time
	zone *time.Location
	// dataSources by API key; orgs by id with their parent ("" for a root).
	dataSources map[string]*leDataSource
	orgs        map[string]string
	// keywords known, true when deprecated; places known.
	keywords map[string]bool
	places   map[string]bool
	events   map[string]*leEvent
	order    []string // event ids in creation order
	requests []string // "POST 3", "PUT 1", "DELETE <id>", "REFUSED POST 400"...
	fail     []int    // statuses the next write requests fail with (the remote failing, not refusing)
	srv      *httptest.Server
	base     string // path prefix of the API ("" here)
}

type leDataSource struct {
	ID, Owner            string
	CreatePast, EditPast bool
}

// leEvent is a stored event: its fields as Linked Events serves them, and what the rules look at.
type leEvent struct {
	data       map[string]any
	dataSource string
	publisher  string
	status     string
	public     bool
	start, end *time.Time
	superType  string
	superEvent string
	deleted    bool
	created    time.Time
	modified   time.Time
}

const (
	leMsgRequired   = "This field must be specified before an event is published."
	leMsgNoObject   = "Invalid hyperlink - Object does not exist."
	leMsgNoURLMatch = "Invalid hyperlink - No URL match."
	leMsgPast       = "End time cannot be in the past. Please set a future end time."
	leMsgNoPerm     = "You do not have permission to perform this action."
)

// newLEServer starts a server with one data source "kulttuurisilta" (API key "test-key") owned by the
// organisation "kulttuurisilta:org" (which has a sub-organisation ":sub"), another data source "other"
// (key "other-key") owned by "other:org", the YSO keywords of yso.json, and the places given.
func newLEServer(t *testing.T, now func() time.Time, places ...string) *leServer {
	zone, err := time.LoadLocation("Europe/Helsinki")
	if err != nil {
		t.Fatal(err)
	}
	s := &leServer{t: t, now: now, zone: zone,
		dataSources: map[string]*leDataSource{
			"test-key":   {ID: "kulttuurisilta", Owner: "kulttuurisilta:org"},
			"other-key":  {ID: "other", Owner: "other:org"},
			"orphan-key": {ID: "orphan"},
		},
		orgs:     map[string]string{"kulttuurisilta:org": "", "kulttuurisilta:sub": "kulttuurisilta:org", "other:org": ""},
		keywords: map[string]bool{},
		places:   map[string]bool{},
		events:   map[string]*leEvent{},
	}
	for id := range linkedevents.YSO.Labels {
		s.keywords[id] = false
	}
	s.keywords["yso:p0000"] = true // a deprecated keyword
	for _, p := range places {
		s.places[p] = true
	}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.srv.Close)
	return s
}

func (s *leServer) URL() string { return s.srv.URL }

func (s *leServer) reply(w http.ResponseWriter, status int, body any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	if body != nil {
		_ = json.NewEncoder(w).Encode(body)
	}
}

func detail(msg string) map[string]any { return map[string]any{"detail": msg} }

func (s *leServer) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	path := strings.TrimPrefix(r.URL.Path, s.base)
	write := r.Method != http.MethodGet && r.Method != http.MethodHead
	var ds *leDataSource
	if write {
		// events/auth.py ApiKeyAuthentication.authenticate / get_data_source;
		// events/utils.py get_user_data_source_and_organization_from_request.
		key := r.Header.Get("apikey")
		if key == "" {
			s.reply(w, http.StatusUnauthorized, detail("Authentication credentials were not provided."))
			return
		}
		if ds = s.dataSources[key]; ds == nil {
			s.reply(w, http.StatusUnauthorized, detail("Provided API key does not match any organization on record. "+
				"Please contact the API support staff to obtain a valid API key and organization identifier for POSTing your events."))
			return
		}
		if ds.Owner == "" {
			s.reply(w, http.StatusForbidden, detail("Data source doesn't belong to any organization"))
			return
		}
		if len(s.fail) > 0 {
			status := s.fail[0]
			s.fail = s.fail[1:]
			s.requests = append(s.requests, fmt.Sprintf("FAILED %s %d", r.Method, status))
			s.reply(w, status, detail("induced failure"))
			return
		}
	}
	var body any
	if r.Method == http.MethodPost || r.Method == http.MethodPut {
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
			s.reply(w, http.StatusBadRequest, detail("JSON parse error - "+err.Error()))
			return
		}
	}
	switch {
	case path == "/event/" && r.Method == http.MethodPost:
		s.create(w, ds, body)
	case path == "/event/" && r.Method == http.MethodPut:
		s.bulkUpdate(w, ds, body)
	case strings.HasPrefix(path, "/event/") && r.Method == http.MethodDelete:
		s.destroy(w, ds, strings.TrimSuffix(strings.TrimPrefix(path, "/event/"), "/"))
	case strings.HasPrefix(path, "/event/") && r.Method == http.MethodGet:
		id := strings.TrimSuffix(strings.TrimPrefix(path, "/event/"), "/")
		e := s.events[id]
		switch {
		case e == nil:
			s.reply(w, http.StatusNotFound, detail("Not found."))
		case e.deleted:
			s.reply(w, http.StatusGone, detail("Event has been deleted."))
		default:
			s.reply(w, http.StatusOK, s.represent(id))
		}
	case path == "/event/" || strings.HasPrefix(path, "/event/"):
		s.reply(w, http.StatusMethodNotAllowed, detail(fmt.Sprintf("Method \"%s\" not allowed.", r.Method)))
	default:
		s.reply(w, http.StatusNotFound, detail("Not found."))
	}
}

// isAdmin: an API key's user administers its data source's owner organisation and the organisations
// under it (events/auth.py ApiKeyUser.is_admin_of).
func (s *leServer) isAdmin(ds *leDataSource, org string) bool {
	for o := org; o != ""; o = s.orgs[o] {
		if o == ds.Owner {
			return true
		}
		if _, known := s.orgs[o]; !known {
			return false
		}
	}
	return false
}

// ref reads the id of a JSON-LD link {"@id": "<api>/<kind>/<id>/"}; "" and a message when it is not one.
func (s *leServer) ref(v any, kind string) (string, string) {
	m, ok := v.(map[string]any)
	if !ok {
		return "", fmt.Sprintf("Incorrect JSON. Expected JSON, received %T.", v)
	}
	raw, ok := m["@id"].(string)
	if !ok {
		return "", "@id field missing"
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "", leMsgNoURLMatch
	}
	p, _ := url.PathUnescape(u.Path)
	prefix := s.base + "/" + kind + "/"
	if !strings.HasPrefix(p, prefix) || !strings.HasSuffix(p, "/") {
		return "", leMsgNoURLMatch
	}
	return strings.TrimSuffix(strings.TrimPrefix(p, prefix), "/"), ""
}

func parseTime(v any) (*time.Time, bool) {
	if v == nil {
		return nil, true
	}
	str, ok := v.(string)
	if !ok {
		return nil, false
	}
	t, err := time.Parse(time.RFC3339Nano, str)
	if err != nil {
		return nil, false
	}
	return &t, true
}

func texts(v any) map[string]string {
	out := map[string]string{}
	m, _ := v.(map[string]any)
	for k, x := range m {
		if str, ok := x.(string); ok && str != "" {
			out[k] = str
		}
	}
	return out
}

var leStatuses = []string{"EventScheduled", "EventCancelled", "EventPostponed", "EventRescheduled"}

// fieldErrors checks one event's fields as the serializer's fields do (to_internal_value): ids, data
// source, publisher, references, enums, times. A 403 aborts the whole request (PermissionDenied), as do
// unparseable enums and times (ParseError).
func (s *leServer) fieldErrors(ds *leDataSource, data map[string]any, create bool, inst *leEvent) (map[string]any, int, any) {
	errs := map[string]any{}
	// linkedevents/serializers.py LinkedEventsSerializer.validate_id: a POSTed id carries the data source.
	if id, ok := data["id"].(string); ok && create {
		if prefix, _, _ := strings.Cut(id, ":"); prefix != ds.ID {
			errs["id"] = []any{fmt.Sprintf("Setting id to %s is not allowed for your organization. The id must be left blank or set to %s:desired_id", id, ds.ID)}
		} else if len(id) > 100 {
			errs["id"] = []any{"Ensure this field has no more than 100 characters."}
		}
	}
	// LinkedEventsSerializer.validate_data_source: a POST may only name the key's own data source.
	if v, ok := data["data_source"]; ok && v != nil && create {
		if v != ds.ID {
			return nil, http.StatusForbidden, map[string]any{"data_source": fmt.Sprintf(
				"Setting data_source to %v  is not allowed for this user. The data_source must be left blank or set to %s ", v, ds.ID)}
		}
	}
	// LinkedEventsSerializer.validate_publisher / _validate_publisher_for_org_user.
	if v, ok := data["publisher"]; ok && v != nil {
		org, _ := v.(string)
		if _, known := s.orgs[org]; !known {
			errs["publisher"] = []any{fmt.Sprintf("Invalid pk \"%v\" - object does not exist.", v)}
		} else if create && !s.isAdmin(ds, org) {
			errs["publisher"] = []any{fmt.Sprintf("Setting publisher to %s is not allowed for this user. The publisher must be "+
				"left blank or set to %s or any other organization the user belongs to.", org, ds.Owner)}
		}
	}
	// events/serializers.py EventSerializer.keywords/audience (KeywordsJSONLDRelatedField) and
	// validate_keywords: every keyword exists and is not deprecated.
	for _, field := range []string{"keywords", "audience"} {
		list, _ := data[field].([]any)
		for _, v := range list {
			id, msg := s.ref(v, "keyword")
			deprecated, known := s.keywords[id]
			switch {
			case msg != "":
			case !known:
				msg = leMsgNoObject
			case deprecated:
				msg = fmt.Sprintf("Deprecated keyword not allowed (%s)", id)
			}
			if msg != "" {
				errs[field] = []any{msg}
				break
			}
		}
	}
	// EventSerializer.location (LocationJSONLDRelatedField): the place exists.
	if v := data["location"]; v != nil {
		if id, msg := s.ref(v, "place"); msg != "" {
			errs["location"] = []any{msg}
		} else if !s.places[id] {
			errs["location"] = []any{leMsgNoObject}
		}
	}
	// EventSerializer.super_event: an existing event whose super_event_type is recurring or umbrella.
	if v := data["super_event"]; v != nil {
		id, msg := s.ref(v, "event")
		if p := s.events[id]; msg == "" && (p == nil || (p.superType != "recurring" && p.superType != "umbrella")) {
			msg = leMsgNoObject
		}
		if msg != "" {
			errs["super_event"] = []any{msg}
		}
	}
	// EventSerializer.event_status, super_event_type (EnumChoiceField / choices): a known value.
	if v, ok := data["event_status"]; ok {
		if str, _ := v.(string); !slices.Contains(leStatuses, str) {
			return nil, http.StatusBadRequest, detail(fmt.Sprintf("Invalid value \"%v\"", v))
		}
	}
	if v := data["super_event_type"]; v != nil && v != "recurring" && v != "umbrella" {
		errs["super_event_type"] = []any{fmt.Sprintf("\"%v\" is not a valid choice.", v)}
	}
	// EventSerializer.parse_datetimes (events/utils.py parse_time): times parse.
	for _, f := range []string{"start_time", "end_time", "date_published"} {
		if _, ok := parseTime(data[f]); !ok {
			return nil, http.StatusBadRequest, detail(fmt.Sprintf("time data '%v' does not match any known format", data[f]))
		}
	}
	for _, f := range []string{"name", "description", "short_description", "location_extra_info"} {
		if v := data[f]; v != nil {
			if _, ok := v.(map[string]any); !ok {
				errs[f] = "This field is a translated field. Instead of a string, you must supply an object with strings corresponding to desired language ids."
			}
		}
	}
	return errs, 0, nil
}

// merged is what the event would be after this request: a new event's fields, or (PUT behaves like
// PATCH, EventViewSet.update) the stored fields with the ones sent laid over them, a translated field
// language by language.
func merged(inst *leEvent, data map[string]any) map[string]any {
	out := map[string]any{}
	if inst != nil {
		for k, v := range inst.data {
			out[k] = v
		}
	}
	for k, v := range data {
		switch k {
		case "name", "description", "short_description", "location_extra_info", "provider", "info_url":
			t := map[string]any{}
			if old, ok := out[k].(map[string]any); ok {
				for l, x := range old {
					t[l] = x
				}
			}
			if m, ok := v.(map[string]any); ok {
				for l, x := range m {
					if x == nil || x == "" {
						delete(t, l)
					} else {
						t[l] = x
					}
				}
			}
			out[k] = t
		default:
			out[k] = v
		}
	}
	return out
}

// validate is EventSerializer.validate (with LinkedEventsSerializer.validate for the name): the rules
// for a public event that is not cancelled, and the past rule. Like Linked Events it looks at the data
// sent, not at the stored event.
func (s *leServer) validate(ds *leDataSource, data map[string]any, create bool, put bool) map[string]any {
	errs := map[string]any{}
	name := texts(data["name"])
	if len(name) == 0 {
		errs["name"] = []any{"The name must be specified."}
		return errs
	}
	if v, ok := data["start_time"]; data["publication_status"] == "draft" || data["event_status"] == "EventCancelled" ||
		(put && ok && v == nil) {
		return errs
	}
	if l, _ := data["keywords"].([]any); len(l) == 0 {
		errs["keywords"] = []any{leMsgRequired}
	}
	if data["location"] == nil {
		errs["location"] = []any{leMsgRequired}
	}
	if data["start_time"] == nil {
		errs["start_time"] = []any{leMsgRequired}
	}
	for _, field := range []string{"short_description", "description"} {
		t := texts(data[field])
		for _, lang := range []string{"fi", "sv", "en"} {
			if name[lang] != "" && t[lang] == "" {
				setLang(errs, field, lang, leMsgRequired)
			}
			if field == "short_description" && utf8.RuneCountInString(t[lang]) > 160 {
				setLang(errs, field, lang, "Short description length must be 160 characters or less")
			}
		}
	}
	offered := false
	offers, _ := data["offers"].([]any)
	for _, o := range offers {
		if m, ok := o.(map[string]any); ok {
			if _, ok := m["is_free"]; ok {
				offered = true
			}
		}
	}
	if !offered {
		errs["offers"] = []any{"Price info must be specified before an event is published."}
	}
	start, _ := parseTime(data["start_time"])
	end, _ := parseTime(data["end_time"])
	if end == nil && start != nil {
		end = s.nextDay(*start)
	}
	past := ds.CreatePast
	if !create {
		past = ds.EditPast
	}
	if end != nil && end.Before(s.now()) && !past {
		errs["end_time"] = []any{leMsgPast}
	}
	return errs
}

func setLang(errs map[string]any, field, lang, msg string) {
	m, _ := errs[field].(map[string]any)
	if m == nil {
		m = map[string]any{}
		errs[field] = m
	}
	m[lang] = msg
}

// nextDay is events/utils.py start_of_next_day: an event without an end ends at the midnight after it
// starts, local time.
func (s *leServer) nextDay(t time.Time) *time.Time {
	l := t.In(s.zone)
	n := time.Date(l.Year(), l.Month(), l.Day()+1, 0, 0, 0, 0, s.zone)
	return &n
}

// items reads a request body as a list of event objects; single is true for one object (not a list).
func items(body any) ([]map[string]any, bool, bool) {
	switch b := body.(type) {
	case map[string]any:
		return []map[string]any{b}, true, true
	case []any:
		out := make([]map[string]any, len(b))
		for i, x := range b {
			m, ok := x.(map[string]any)
			if !ok {
				return nil, false, false
			}
			out[i] = m
		}
		return out, false, true
	}
	return nil, false, false
}

// refuse answers a refused request: per-event errors as a list for a bulk request (an empty object for
// each event that had none), as an object for a single event.
func (s *leServer) refuse(w http.ResponseWriter, method string, single bool, errs []map[string]any) {
	s.requests = append(s.requests, fmt.Sprintf("REFUSED %s 400", method))
	if single {
		s.reply(w, http.StatusBadRequest, errs[0])
		return
	}
	s.reply(w, http.StatusBadRequest, errs)
}

// validateAll validates every event of a request before anything is saved, as the serializer of a bulk
// request does: field errors first, then (for an event without them) EventSerializer.validate. It
// answers the refusal and reports false when any event has errors; an abort (403, a parse error) ends
// the request at once. insts are the stored events of an update (nil for a create).
func (s *leServer) validateAll(w http.ResponseWriter, ds *leDataSource, method string, list []map[string]any, single bool,
	insts map[string]*leEvent) bool {
	create := insts == nil
	errs := make([]map[string]any, len(list))
	refused := false
	for i, data := range list {
		var inst *leEvent
		if !create {
			id, _ := data["id"].(string)
			inst = insts[id]
		}
		fe, status, abort := s.fieldErrors(ds, data, create, inst)
		if status != 0 {
			s.requests = append(s.requests, fmt.Sprintf("REFUSED %s %d", method, status))
			s.reply(w, status, abort)
			return false
		}
		if len(fe) == 0 && (create || inst != nil) {
			fe = s.validate(ds, data, create, !create)
		}
		errs[i] = fe
		refused = refused || len(fe) > 0
	}
	if refused {
		s.refuse(w, method, single, errs)
	}
	return !refused
}

// create is EventViewSet.create (bulk or single, in one transaction): every event is validated before
// any is saved; then the publisher is checked (perform_create, can_create_event); a new event is stored
// as EventScheduled whatever it says (EventSerializer.create), with the key's data source and, without
// one, the data source owner as publisher (EditableLinkedEventsObjectSerializer.create).
func (s *leServer) create(w http.ResponseWriter, ds *leDataSource, body any) {
	list, single, ok := items(body)
	if !ok {
		s.reply(w, http.StatusBadRequest, map[string]any{"non_field_errors": []any{"Invalid data. Expected a dictionary, but got list."}})
		return
	}
	if !s.validateAll(w, ds, "POST", list, single, nil) {
		return
	}
	seen := map[string]bool{}
	for _, data := range list {
		org := ds.Owner
		if v, ok := data["publisher"]; ok {
			org, _ = v.(string)
		}
		if !s.isAdmin(ds, org) {
			s.requests = append(s.requests, "REFUSED POST 403")
			s.reply(w, http.StatusForbidden, detail(leMsgNoPerm))
			return
		}
		if id, _ := data["id"].(string); id != "" {
			if s.events[id] != nil || seen[id] {
				s.refuse(w, "POST", true, []map[string]any{{"id": []any{"An object with given id already exists."}}})
				return
			}
			seen[id] = true
		}
		if msg := s.endBeforeStart(data); msg != "" {
			s.refuse(w, "POST", true, []map[string]any{{"end_time": []any{msg}}})
			return
		}
	}
	out := make([]any, len(list))
	for i, data := range list {
		id, _ := data["id"].(string)
		if id == "" {
			id = fmt.Sprintf("%s:gen%d", ds.ID, len(s.order)+1)
		}
		org := ds.Owner
		if v, ok := data["publisher"].(string); ok {
			org = v
		}
		e := &leEvent{dataSource: ds.ID, publisher: org, status: "EventScheduled", created: s.now()}
		s.store(e, id, merged(nil, data))
		s.events[id] = e
		s.order = append(s.order, id)
		out[i] = s.represent(id)
	}
	s.requests = append(s.requests, fmt.Sprintf("POST %d", len(list)))
	if single {
		s.reply(w, http.StatusCreated, out[0])
		return
	}
	s.reply(w, http.StatusCreated, out)
}

// endBeforeStart is Event.save's own check (events/models.py): the end may not be before the start. (Linked
// Events raises it from the model, which the API does not turn into a 400; the test server does.)
func (s *leServer) endBeforeStart(data map[string]any) string {
	start, _ := parseTime(data["start_time"])
	end, _ := parseTime(data["end_time"])
	if start != nil && end != nil && start.After(*end) {
		return "The event end time cannot be earlier than the start time."
	}
	return ""
}

// store keeps an event's fields and what the rules look at.
func (s *leServer) store(e *leEvent, id string, data map[string]any) {
	data["id"] = id
	data["data_source"] = e.dataSource
	data["publisher"] = e.publisher
	if data["publication_status"] == nil {
		data["publication_status"] = "public"
	}
	e.public = data["publication_status"] == "public"
	e.start, _ = parseTime(data["start_time"])
	e.end, _ = parseTime(data["end_time"])
	if e.end == nil && e.start != nil {
		e.end = s.nextDay(*e.start)
	}
	e.superType, _ = data["super_event_type"].(string)
	e.superEvent = ""
	if v := data["super_event"]; v != nil {
		e.superEvent, _ = s.ref(v, "event")
	}
	for _, k := range []string{"event_status", "sub_events", "created_time", "last_modified_time", "@id", "@type", "deleted"} {
		delete(data, k)
	}
	e.data = data
	e.modified = s.now()
}

// represent is the event as the API serves it (EventSerializer.to_representation): its fields with
// @id, @type, event_status, sub_events (the events that name it as super event) and times.
func (s *leServer) represent(id string) map[string]any {
	e := s.events[id]
	out := map[string]any{}
	for k, v := range e.data {
		out[k] = v
	}
	out["@id"] = s.srv.URL + s.base + "/event/" + id + "/"
	out["@type"] = "Event/LinkedEvent"
	out["event_status"] = e.status
	out["deleted"] = e.deleted
	out["created_time"] = e.created.UTC().Format(time.RFC3339)
	out["last_modified_time"] = e.modified.UTC().Format(time.RFC3339)
	subs := []any{}
	for _, sid := range s.order {
		if sub := s.events[sid]; !sub.deleted && sub.superEvent == id {
			subs = append(subs, map[string]any{"@id": s.srv.URL + s.base + "/event/" + sid + "/"})
		}
	}
	out["sub_events"] = subs
	return out
}

// bulkUpdate is EventViewSet.bulk_update (one transaction): the events are looked up among those the key
// may edit (filter_queryset, get_editable_events), validated like a PATCH, permission-checked
// (perform_bulk_update, can_edit_event), then updated by EventSerializer.update: no change of publisher
// or data source, no edit of an event that has ended, and the event_status rules.
func (s *leServer) bulkUpdate(w http.ResponseWriter, ds *leDataSource, body any) {
	list, single, ok := items(body)
	if !ok || single {
		s.requests = append(s.requests, "REFUSED PUT 403")
		s.reply(w, http.StatusForbidden, detail("Invalid JSON in request. Bulk update requires a list"))
		return
	}
	editable := map[string]*leEvent{}
	for _, data := range list {
		id, _ := data["id"].(string)
		if e := s.events[id]; e != nil && !e.deleted && s.isAdmin(ds, e.publisher) {
			editable[id] = e
		}
	}
	if len(editable) == 0 {
		s.requests = append(s.requests, "REFUSED PUT 400")
		s.reply(w, http.StatusBadRequest, []any{"Missing matching events to update."})
		return
	}
	if !s.validateAll(w, ds, "PUT", list, false, editable) {
		return
	}
	for _, data := range list {
		org := ds.Owner
		if v, ok := data["publisher"].(string); ok {
			org = v
		}
		if !s.isAdmin(ds, org) {
			s.requests = append(s.requests, "REFUSED PUT 403")
			s.reply(w, http.StatusForbidden, detail(leMsgNoPerm))
			return
		}
	}
	for _, data := range list {
		if id, _ := data["id"].(string); editable[id] == nil {
			s.requests = append(s.requests, "REFUSED PUT 400")
			s.reply(w, http.StatusBadRequest, []any{"Could not find all objects to update."})
			return
		}
	}
	type change struct {
		e      *leEvent
		id     string
		data   map[string]any
		status string
	}
	var changes []change
	for _, data := range list {
		id := data["id"].(string)
		inst := editable[id]
		if v, ok := data["publisher"]; ok && v != nil && v != inst.publisher {
			s.refuse(w, "PUT", true, []map[string]any{{"publisher": "You may not change the publisher of an existing object."}})
			return
		}
		if v, ok := data["data_source"]; ok && v != nil && v != inst.dataSource {
			s.refuse(w, "PUT", true, []map[string]any{{"data_source": "You may not change the data source of an existing object."}})
			return
		}
		if inst.end != nil && inst.end.Before(s.now()) && !ds.EditPast {
			s.requests = append(s.requests, "REFUSED PUT 403")
			s.reply(w, http.StatusForbidden, detail("Cannot edit a past event."))
			return
		}
		status, msg := s.nextStatus(inst, data)
		if msg != "" {
			s.refuse(w, "PUT", true, []map[string]any{{"event_status": msg}})
			return
		}
		m := merged(inst, data)
		if msg := s.endBeforeStart(m); msg != "" {
			s.refuse(w, "PUT", true, []map[string]any{{"end_time": []any{msg}}})
			return
		}
		changes = append(changes, change{inst, id, m, status})
	}
	out := make([]any, len(changes))
	for i, c := range changes {
		s.store(c.e, c.id, c.data)
		c.e.status = c.status
		out[i] = s.represent(c.id)
	}
	s.requests = append(s.requests, fmt.Sprintf("PUT %d", len(list)))
	s.reply(w, http.StatusOK, out)
}

// nextStatus is the event_status part of EventSerializer.update: Postponed and Rescheduled cannot be set
// directly; a public event that is not being cancelled keeps a status other than Scheduled (and cannot
// be set back to Scheduled); a new start time makes it Rescheduled, a null one Postponed.
func (s *leServer) nextStatus(inst *leEvent, data map[string]any) (string, string) {
	sent, has := data["event_status"].(string)
	if (sent == "EventPostponed" || sent == "EventRescheduled") && sent != inst.status {
		return "", "POSTPONED and RESCHEDULED statuses cannot be set directly.Changing event start_time or marking start_time nullwill reschedule or postpone an event."
	}
	status := inst.status
	if has {
		status = sent
	}
	if inst.public && (!has || sent != "EventCancelled") {
		if inst.status != "EventScheduled" {
			if sent == "EventScheduled" {
				return "", "Public events cannot be set back to SCHEDULED if theyhave already been CANCELLED, POSTPONED or RESCHEDULED."
			}
			status = inst.status
		}
		if v, ok := data["start_time"]; ok {
			start, _ := parseTime(v)
			switch {
			case start == nil:
				status = "EventPostponed"
			case inst.start == nil || !start.Equal(*inst.start):
				status = "EventRescheduled"
			}
		}
	}
	return status, ""
}

// destroy is EventViewSet.destroy: a deleted event answers 410 (get_object), another data source's 403
// (DataSourceResourceEditPermission.has_object_permission), one the key may not edit 403
// (perform_destroy); otherwise the event is soft-deleted (Event.soft_delete) and its id stays taken.
func (s *leServer) destroy(w http.ResponseWriter, ds *leDataSource, id string) {
	e := s.events[id]
	switch {
	case e == nil:
		s.reply(w, http.StatusNotFound, detail("Not found."))
	case e.deleted:
		s.reply(w, http.StatusGone, detail("Event has been deleted."))
	case e.dataSource != ds.ID:
		s.reply(w, http.StatusForbidden, detail("Object data source does not match user data source"))
	case !s.isAdmin(ds, e.publisher):
		s.reply(w, http.StatusForbidden, detail(leMsgNoPerm))
	default:
		e.deleted = true
		e.modified = s.now()
		s.requests = append(s.requests, "DELETE "+id)
		w.WriteHeader(http.StatusNoContent)
	}
}

// live is a copy of the events that are not deleted, as served, by id.
func (s *leServer) live() map[string]map[string]any {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := map[string]map[string]any{}
	for id, e := range s.events {
		if !e.deleted {
			out[id] = s.represent(id)
		}
	}
	return out
}

// log is a copy of the requests seen.
func (s *leServer) log() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.requests...)
}

// failNext makes the next write requests fail with these statuses.
func (s *leServer) failNext(statuses ...int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.fail = append(s.fail, statuses...)
}

// sortedKeys lists a map's keys in order (for stable failure messages).
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
