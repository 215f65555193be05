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

// RemoteError is a refusal by the remote API: its status and the start of its answer.
type RemoteError struct {
	Method, URL string
	Status      int
	Body        string
}

func (e *RemoteError) Error() string {
	return fmt.Sprintf("linked events: %s %s: status %d: %s", e.Method, e.URL, e.Status, e.Body)
}

func (c Client) http() *http.Client {
	if c.HTTP != nil {
		return c.HTTP
	}
	return &http.Client{Timeout: 60 * time.Second}
}

func (c Client) url(path string) string { return strings.TrimSuffix(c.BaseURL, "/") + path }

// do sends body (JSON, or nothing when nil) and decodes a 2xx answer into out (when not nil).
func (c Client) do(ctx context.Context, method, path string, body any, out any) error {
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
		msg := strings.Join(strings.Fields(string(raw)), " ")
		if len(msg) > 500 {
			msg = msg[:500] + "…"
		}
		return &RemoteError{Method: method, URL: u, Status: resp.StatusCode, Body: msg}
	}
	if out != nil {
		if err := json.Unmarshal(raw, out); err != nil {
			return fmt.Errorf("linked events: %s %s: answer is not the expected JSON: %w", method, u, err)
		}
	}
	return nil
}

type idOnly struct {
	ID string `json:"id"`
}

// Create posts events in one bulk request and returns the ids the remote gave them, in order.
func (c Client) Create(ctx context.Context, events []Event) ([]string, error) {
	var got []idOnly
	if err := c.do(ctx, http.MethodPost, "/event/", events, &got); err != nil {
		return nil, err
	}
	return idsOf(got, len(events), "POST")
}

// Update replaces events (each carrying its remote id) in one bulk request.
func (c Client) Update(ctx context.Context, events []Event) error {
	var got []idOnly
	if err := c.do(ctx, http.MethodPut, "/event/", events, &got); err != nil {
		return err
	}
	ids, err := idsOf(got, len(events), "PUT")
	if err != nil {
		return err
	}
	for i, id := range ids {
		if id != events[i].ID {
			return fmt.Errorf("linked events: PUT answered id %q for %q", id, events[i].ID)
		}
	}
	return nil
}

func idsOf(got []idOnly, want int, method string) ([]string, error) {
	if len(got) != want {
		return nil, fmt.Errorf("linked events: %s /event/ answered %d events for %d sent", method, len(got), want)
	}
	ids := make([]string, len(got))
	for i, g := range got {
		if g.ID == "" {
			return nil, fmt.Errorf("linked events: %s /event/ answered an event without an id", method)
		}
		ids[i] = g.ID
	}
	return ids, nil
}

// Delete removes one event. An event the remote no longer has (404 or 410) counts as deleted.
func (c Client) Delete(ctx context.Context, remoteID string) error {
	err := c.do(ctx, http.MethodDelete, "/event/"+url.PathEscape(remoteID)+"/", nil, nil)
	var re *RemoteError
	if errors.As(err, &re) && (re.Status == http.StatusNotFound || re.Status == http.StatusGone) {
		return nil
	}
	return err
}
