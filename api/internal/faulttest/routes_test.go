package faulttest_test

import (
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"sync"
	"testing"

	"kulttuurisilta/api/internal/apitest"
)

// tally counts the statuses a test saw, for its log.
type tally struct {
	mu sync.Mutex
	n  map[int]int
}

func (t *tally) add(status int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.n == nil {
		t.n = map[int]int{}
	}
	t.n[status]++
}

func (t *tally) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	var keys []int
	total := 0
	for k, v := range t.n {
		keys = append(keys, k)
		total += v
	}
	sort.Ints(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%d×%d", t.n[k], k)
	}
	return fmt.Sprintf("%d requests: %s", total, strings.Join(parts, ", "))
}

// want4xxProblem fails unless the response is a 4xx problem+json.
func want4xxProblem(t *testing.T, what string, r *apitest.Resp) {
	t.Helper()
	if r.Status < 400 || r.Status > 499 {
		t.Errorf("%s: status %d, want a 4xx problem: %.300s", what, r.Status, r.Body)
		return
	}
	if ct := r.Header.Get("Content-Type"); ct != "application/problem+json" {
		t.Errorf("%s: status %d with content type %q, want application/problem+json", what, r.Status, ct)
	}
}

// TestEveryRouteRefusesBadInput walks every operation of docs/openapi.json
// and sends it malformed input with an admin's token and real ids: bad path
// parameters, bad values of every query parameter, malformed JSON, a
// non-object, an unknown field, each field of the wrong type, the wrong
// content type and an oversized body. Every answer must be a 4xx problem,
// never a 5xx (apitest fails any 5xx) and never a success; every response
// is also checked against the spec.
func TestEveryRouteRefusesBadInput(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	var seen tally
	for _, op := range operations(t) {
		path := w.concrete(op.Path)
		query := w.validQuery(op)
		withQuery := func(q url.Values) string {
			if len(q) == 0 {
				return path
			}
			return path + "?" + q.Encode()
		}

		// Path parameters, one at a time.
		names := paramRe.FindAllStringSubmatch(op.Path, -1)
		for i := range names {
			for _, bad := range badPathValues {
				if bad == "2025-13" && names[i][1] != "month" {
					continue
				}
				vals := w.values(op.Path)
				vals[i] = bad
				p := fill(op.Path, vals)
				r := w.env.Do(apitest.Req{Method: op.Method, Path: p, Token: w.admin, Body: bodyFor(op)})
				seen.add(r.Status)
				want4xxProblem(t, fmt.Sprintf("%s with path %q", op, p), r)
			}
		}

		// Query parameters of reads, one at a time.
		if op.Method == http.MethodGet {
			for _, pref := range op.Op.Parameters {
				p := pref.Value
				if p == nil || p.In != "query" || p.Name == "token" {
					continue
				}
				var values []string
				var typed bool
				if p.Schema != nil {
					values, typed = badQueryValues(p.Schema.Value)
				} else {
					values, typed = badQueryValues(nil)
				}
				for _, v := range values {
					q := url.Values{}
					for k, vs := range query {
						q[k] = vs
					}
					q.Set(p.Name, v)
					r := w.env.Do(apitest.Req{Method: op.Method, Path: withQuery(q), Token: w.admin})
					seen.add(r.Status)
					if typed {
						if r.Status != http.StatusBadRequest && r.Status != http.StatusUnprocessableEntity {
							t.Errorf("%s?%s=%q: status %d, want 400 or 422: %.300s", op, p.Name, v, r.Status, r.Body)
						}
						want4xxProblem(t, fmt.Sprintf("%s?%s=%q", op, p.Name, v), r)
					}
				}
			}
			// A required parameter left out.
			for _, pref := range op.Op.Parameters {
				if p := pref.Value; p != nil && p.In == "query" && p.Required {
					q := url.Values{}
					for k, vs := range query {
						if k != p.Name {
							q[k] = vs
						}
					}
					r := w.env.Do(apitest.Req{Method: op.Method, Path: withQuery(q), Token: w.admin})
					seen.add(r.Status)
					want4xxProblem(t, fmt.Sprintf("%s without %s", op, p.Name), r)
				}
			}
		}

		// Bodies.
		if op.hasBody() {
			send := func(what string, body any, header map[string]string) {
				t.Helper()
				r := w.env.Do(apitest.Req{Method: op.Method, Path: withQuery(query), Token: w.admin, Body: body, Header: header})
				seen.add(r.Status)
				want4xxProblem(t, fmt.Sprintf("%s with %s", op, what), r)
			}
			if op.jsonBodySchema() != nil {
				send("malformed JSON", `{"name": "x",`, nil)
				send("two JSON values", `{} {}`, nil)
				send("an empty body", []byte(" "), nil)
				send("a JSON array", `[1, 2]`, nil)
				send("a JSON string", `"text"`, nil)
				send("an unknown field", map[string]any{"no_such_field_xyz": 1}, nil)
				for field, body := range wrongTypeBodies(op.jsonBodySchema()) {
					send(field+" of the wrong type", body, nil)
				}
				send("a form body", "name=x", map[string]string{"Content-Type": "application/x-www-form-urlencoded"})
			} else {
				send("binary garbage", []byte("\x00\xff\xfe"), map[string]string{"Content-Type": "text/csv"})
			}
			send("a body over 1 MiB", `{"padding":"`+strings.Repeat("x", 1<<20+10)+`"}`, nil)
		}
	}
	t.Logf("bad input: %s", &seen)
}

// bodyFor is a harmless body for a write with a bad path (an empty object).
func bodyFor(op operation) any {
	if op.jsonBodySchema() != nil {
		return map[string]any{}
	}
	return nil
}

// TestEveryRouteRefusesBadTokens sends every operation that needs
// credentials with none, and with each bad token (expired, forged, alg
// none, another audience, another issuer, no expiry, an unknown role,
// garbage, an unknown API token): each must be a 401 problem.
func TestEveryRouteRefusesBadTokens(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	bad := w.env.BadTokens()
	var seen tally
	n := 0
	for _, op := range operations(t) {
		if !op.secured() {
			continue
		}
		n++
		path := w.concrete(op.Path)
		if q := w.validQuery(op); len(q) > 0 {
			path += "?" + q.Encode()
		}
		r := w.env.Do(apitest.Req{Method: op.Method, Path: path, Body: bodyFor(op)})
		seen.add(r.Status)
		if r.Status != http.StatusUnauthorized {
			t.Errorf("%s without a token: status %d, want 401", op, r.Status)
		}
		for name, tok := range bad {
			r := w.env.Do(apitest.Req{Method: op.Method, Path: path, Token: tok, Body: bodyFor(op)})
			seen.add(r.Status)
			if r.Status != http.StatusUnauthorized {
				t.Errorf("%s with a %s token: status %d, want 401", op, name, r.Status)
			}
		}
		for _, h := range []string{"Basic YWRtaW46YWRtaW4=", "Bearer", "Bearer ", "bearer  x.y.z", "Token abc"} {
			r := w.env.Do(apitest.Req{Method: op.Method, Path: path, Header: map[string]string{"Authorization": h}, Body: bodyFor(op)})
			seen.add(r.Status)
			if r.Status != http.StatusUnauthorized {
				t.Errorf("%s with Authorization %q: status %d, want 401", op, h, r.Status)
			}
		}
	}
	t.Logf("%d protected operations; %s", n, &seen)
}

// TestEveryRouteAnswersUnknownIDs sends every read once per id-valued query
// parameter (format uuid), set to a well-formed id that matches nothing:
// the answer is a success or a 404, never a 5xx, and (as for every request
// of these walkers, see apitest.checkContract) a status the operation
// documents.
func TestEveryRouteAnswersUnknownIDs(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	var seen tally
	const unknown = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"
	for _, op := range operations(t) {
		if op.Method != http.MethodGet {
			continue
		}
		for _, pref := range op.Op.Parameters {
			p := pref.Value
			if p == nil || p.In != "query" || p.Schema == nil || p.Schema.Value == nil || p.Schema.Value.Format != "uuid" {
				continue
			}
			q := w.validQuery(op)
			q.Set(p.Name, unknown)
			r := w.env.Do(apitest.Req{Method: op.Method, Path: w.concrete(op.Path) + "?" + q.Encode(), Token: w.admin})
			seen.add(r.Status)
			if r.Status != http.StatusOK && r.Status != http.StatusNotFound {
				t.Errorf("%s?%s=<unknown id>: status %d, want 200 or 404: %.300s", op, p.Name, r.Status, r.Body)
			}
		}
	}
	t.Logf("unknown ids: %s", &seen)
}
