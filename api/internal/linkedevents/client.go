package linkedevents

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"
)

// Client calls the few endpoints of a Linked Events API that the push uses: bulk create (POST /event/
// with a list), bulk update (PUT /event/ with a list) and DELETE /event/{id}/. The API key goes in the
// `apikey` header. Linked Events runs a bulk request in one transaction, so a batch is accepted or
// refused as a whole.
type Client struct {
	// BaseURL is the API root, e.g. https://api.hel.fi/linkedevents/v1 (LINKED_EVENTS_API_URL).
	BaseURL string
	// APIKey is the data source's key (LINKED_EVENTS_API_KEY).
	APIKey string
	// HTTP is the transport; nil means a client with a 60-second timeout.
	HTTP *http.Client
}

// RemoteError is an answer of the remote API that is not a success: its status, its message (Linked
// Events' field -> messages errors flattened to "field: message; ..."), and for a refused bulk request
// the message of each event in it ("" for the events it had nothing against).
type RemoteError struct {
	Method, URL string
	Status      int
	Body        string
	Message     string
	Items       []string
}

func (e *RemoteError) Error() string {
	return fmt.Sprintf("linked events: %s %s: status %d: %s", e.Method, e.URL, e.Status, e.Message)
}

// Refusal reports whether the remote refused the request for the events in it (400 invalid, 403 not
// allowed for this event, 409/410/412 its state, 413/422 its content), as opposed to failing (5xx),
// refusing the caller (401 wrong API key, 429 rate limit) or not knowing the endpoint (404, 405): a
// refusal concerns the events sent, and the push goes on with the others.
func (e *RemoteError) Refusal() bool {
	switch e.Status {
	case http.StatusBadRequest, http.StatusForbidden, http.StatusConflict, http.StatusGone,
		http.StatusPreconditionFailed, http.StatusRequestEntityTooLarge, http.StatusUnprocessableEntity:
		return true
	}
	return false
}

// remoteMessage flattens a Linked Events (Django REST framework) error body: {"field": ["message"]},
// {"field": {"sv": "message"}}, {"detail": "message"} or a list of those, into "field: message; ...".
func remoteMessage(v any) string {
	var parts []string
	var walk func(prefix string, v any)
	walk = func(prefix string, v any) {
		switch x := v.(type) {
		case string:
			if prefix == "" {
				parts = append(parts, x)
			} else {
				parts = append(parts, prefix+": "+x)
			}
		case []any:
			for _, el := range x {
				walk(prefix, el)
			}
		case map[string]any:
			keys := make([]string, 0, len(x))
			for k := range x {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				p := k
				switch {
				case k == "detail" || k == "non_field_errors":
					p = prefix
				case prefix != "":
					p = prefix + "." + k
				}
				walk(p, x[k])
			}
		case nil:
		default:
			parts = append(parts, fmt.Sprint(x))
		}
	}
	walk("", v)
	return strings.Join(parts, "; ")
}

// refusal builds the RemoteError of a non-2xx answer to a request that carried n events (0 for one
// without a list).
func refusal(method, u string, status int, raw []byte, n int) *RemoteError {
	msg := strings.Join(strings.Fields(string(raw)), " ")
	if len(msg) > 500 {
		msg = msg[:500] + "…"
	}
	re := &RemoteError{Method: method, URL: u, Status: status, Body: msg, Message: msg}
	var v any
	if json.Unmarshal(raw, &v) != nil {
		if re.Message == "" {
			re.Message = http.StatusText(status)
		}
		return re
	}
	if m := remoteMessage(v); m != "" {
		re.Message = m
	}
	if list, ok := v.([]any); ok && n > 0 && len(list) == n {
		re.Items = make([]string, n)
		for i, el := range list {
			if _, ok := el.(map[string]any); !ok {
				re.Items = nil
				break
			}
			re.Items[i] = remoteMessage(el)
		}
	}
	return re
}

func (c Client) http() *http.Client {
	if c.HTTP != nil {
		return c.HTTP
	}
	return &http.Client{Timeout: 60 * time.Second}
}

func (c Client) url(path string) string { return strings.TrimSuffix(c.BaseURL, "/") + path }

// do sends body (JSON, or nothing when nil; n events in it) and decodes a 2xx answer into out (when not
// nil).
func (c Client) do(ctx context.Context, method, path string, body any, n int, out any) error {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return fmt.Errorf("linked events: encode: %w", err)
		}
		rd = bytes.NewReader(b)
	}
	u := c.url(path)
	req, err := http.NewRequestWithContext(ctx, method, u, rd)
	if err != nil {
		return fmt.Errorf("linked events: %w", err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("apikey", c.APIKey)
	resp, err := c.http().Do(req)
	if err != nil {
		return fmt.Errorf("linked events: %s %s: %w", method, u, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return fmt.Errorf("linked events: %s %s: read: %w", method, u, err)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return refusal(method, u, resp.StatusCode, raw, n)
	}
	if out != nil {
		if err := json.Unmarshal(raw, out); err != nil {
			return fmt.Errorf("linked events: %s %s: answer is not the expected JSON: %w", method, u, err)
		}
	}
	return nil
}

// Remote is what the remote answered about one event it accepted: its id, and the event_status and times
// it stored (Linked Events decides the status itself on create and on update).
type Remote struct {
	ID          string     `json:"id"`
	EventStatus string     `json:"event_status"`
	StartTime   *time.Time `json:"start_time"`
	EndTime     *time.Time `json:"end_time"`
}

// wire is an event as the push sends it. Linked Events applies a PUT like a PATCH (a field left out
// keeps its stored value, and so does a language left out of a translated field), so every field the
// push may need to clear is sent explicitly: a missing language as null, a missing link as null, a
// missing list as []. Fields the remote computes (sub_events, times of creation and change) are not
// sent, nor event_status when the push leaves it to the remote.
func wire(e Event) (map[string]any, error) {
	b, err := json.Marshal(e)
	if err != nil {
		return nil, err
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, err
	}
	for _, k := range []string{"sub_events", "last_modified_time", "created_time", "deleted"} {
		delete(m, k)
	}
	for _, k := range []string{"name", "description", "short_description", "location_extra_info"} {
		t, _ := m[k].(map[string]any)
		if t == nil {
			t = map[string]any{}
		}
		for _, lang := range languages {
			if _, ok := t[lang]; !ok {
				t[lang] = nil
			}
		}
		m[k] = t
	}
	for _, k := range []string{"super_event", "super_event_type", "location", "start_time", "end_time", "date_published",
		"maximum_attendee_capacity"} {
		if _, ok := m[k]; !ok {
			m[k] = nil
		}
	}
	for _, k := range []string{"keywords", "audience", "in_language", "offers"} {
		if _, ok := m[k]; !ok {
			m[k] = []any{}
		}
	}
	return m, nil
}

func wireAll(events []Event) ([]map[string]any, error) {
	out := make([]map[string]any, len(events))
	for i, e := range events {
		w, err := wire(e)
		if err != nil {
			return nil, fmt.Errorf("linked events: encode %s: %w", e.ID, err)
		}
		out[i] = w
	}
	return out, nil
}

// Create posts events in one bulk request and returns what the remote made of them, in order.
func (c Client) Create(ctx context.Context, events []Event) ([]Remote, error) {
	body, err := wireAll(events)
	if err != nil {
		return nil, err
	}
	var got []Remote
	if err := c.do(ctx, http.MethodPost, "/event/", body, len(events), &got); err != nil {
		return nil, err
	}
	return answered(got, len(events), "POST")
}

// Update replaces events (each carrying its remote id) in one bulk request and returns what the remote
// made of them, in order.
func (c Client) Update(ctx context.Context, events []Event) ([]Remote, error) {
	body, err := wireAll(events)
	if err != nil {
		return nil, err
	}
	var got []Remote
	if err := c.do(ctx, http.MethodPut, "/event/", body, len(events), &got); err != nil {
		return nil, err
	}
	out, err := answered(got, len(events), "PUT")
	if err != nil {
		return nil, err
	}
	for i, r := range out {
		if r.ID != events[i].ID {
			return nil, fmt.Errorf("linked events: PUT answered id %q for %q", r.ID, events[i].ID)
		}
	}
	return out, nil
}

func answered(got []Remote, want int, method string) ([]Remote, error) {
	if len(got) != want {
		return nil, fmt.Errorf("linked events: %s /event/ answered %d events for %d sent", method, len(got), want)
	}
	for _, g := range got {
		if g.ID == "" {
			return nil, fmt.Errorf("linked events: %s /event/ answered an event without an id", method)
		}
	}
	return got, nil
}

// Delete removes one event. An event the remote no longer has (404 or 410) counts as deleted.
func (c Client) Delete(ctx context.Context, remoteID string) error {
	err := c.do(ctx, http.MethodDelete, "/event/"+url.PathEscape(remoteID)+"/", nil, 0, nil)
	var re *RemoteError
	if errors.As(err, &re) && (re.Status == http.StatusNotFound || re.Status == http.StatusGone) {
		return nil
	}
	return err
}
