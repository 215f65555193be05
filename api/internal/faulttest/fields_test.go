package faulttest_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"kulttuurisilta/api/internal/apitest"
	"kulttuurisilta/api/internal/apperr"
)

// badFieldValue is, for a property of a body schema, a value of the right
// JSON type that the API must refuse, and the field error code it must
// give: a bad date, time or UUID is invalid_format, a value outside an
// enum invalid_choice, and any other text with a NUL byte invalid_format.
func badFieldValue(s *openapi3.Schema) (any, string, bool) {
	if s == nil {
		return nil, "", false
	}
	switch {
	case s.Type.Is("array") && s.Items != nil && s.Items.Value != nil:
		v, code, ok := badFieldValue(s.Items.Value)
		if !ok {
			return nil, "", false
		}
		return []any{v}, code, true
	case !s.Type.Is("string"):
		return nil, "", false
	case len(s.Enum) > 0:
		return "no_such_value", apperr.CodeInvalidChoice, true
	case s.Format == "date":
		return "2025-02-30", apperr.CodeInvalidFormat, true
	case s.Format == "date-time":
		return "2025-02-03T10:00:00", apperr.CodeInvalidFormat, true // no offset
	case s.Format == "uuid":
		return "0190a1b2-c3d4-7e5f-8a9b", apperr.CodeInvalidFormat, true
	}
	return "a\x00b", apperr.CodeInvalidFormat, true
}

// namesField reports whether a problem has an error with code on field
// (or on an element of it: unit_ids[0]).
func namesField(r *apitest.Resp, field, code string) bool {
	return slices.ContainsFunc(r.Errors(), func(f apitest.FieldError) bool {
		return f.Code == code && (f.Field == field || strings.HasPrefix(f.Field, field+"[") || strings.HasPrefix(f.Field, field+"."))
	})
}

// TestEveryFieldErrorNamesItsField walks every operation with a JSON body
// in docs/openapi.json and, for each property of the body, sends it of the
// wrong type, with a bad value of the right type (a bad date, time, UUID,
// enum value, or a NUL byte in a text), with its name in capitals, and
// twice. Each answer must be a 422 naming that property (never "body")
// with the stable code of ADR 0001. Every query parameter of every read
// with a NUL byte must be a 400 naming the parameter.
func TestEveryFieldErrorNamesItsField(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	var seen tally
	checked := 0
	for _, op := range operations(t) {
		path := w.concrete(op.Path)
		query := w.validQuery(op)
		target := path
		if len(query) > 0 {
			target += "?" + query.Encode()
		}
		if op.Method == http.MethodGet {
			for _, pref := range op.Op.Parameters {
				p := pref.Value
				if p == nil || p.In != "query" {
					continue
				}
				q := url.Values{}
				for k, vs := range query {
					q[k] = vs
				}
				q.Set(p.Name, "a\x00b")
				r := w.env.Do(apitest.Req{Method: op.Method, Path: path + "?" + q.Encode(), Token: w.admin})
				seen.add(r.Status)
				if r.Status != http.StatusBadRequest || !namesField(r, p.Name, apperr.CodeInvalidFormat) {
					t.Errorf("%s?%s with a NUL: %d %.300s, want a 400 naming %s", op, p.Name, r.Status, r.Body, p.Name)
				}
			}
		}
		s := op.jsonBodySchema()
		if s == nil {
			continue
		}
		send := func(body any) *apitest.Resp {
			r := w.env.Do(apitest.Req{Method: op.Method, Path: target, Token: w.admin, Body: body})
			seen.add(r.Status)
			return r
		}
		expect := func(what, field, code string, r *apitest.Resp) {
			t.Helper()
			checked++
			if r.Status != http.StatusUnprocessableEntity || !namesField(r, field, code) {
				t.Errorf("%s with %s: %d %.400s, want a 422 naming %s with code %s", op, what, r.Status, r.Body, field, code)
			}
		}
		for field, body := range wrongTypeBodies(s) {
			expect(field+" of the wrong type", field, apperr.CodeWrongType, send(body))
		}
		for name, ref := range s.Properties {
			if ref == nil || ref.Value == nil {
				continue
			}
			if v, code, ok := badFieldValue(ref.Value); ok {
				body := w.references(t, s)
				body[name] = v
				expect(fmt.Sprintf("%s = %q", name, v), name, code, send(body))
			}
			if upper := strings.ToUpper(name); upper != name {
				expect(upper, upper, apperr.CodeUnknownField, send(map[string]any{upper: nil}))
			}
			expect(name+" twice", name, apperr.CodeConflict, send(fmt.Sprintf(`{%q:null,%q:null}`, name, name)))
		}
	}
	if checked < 200 {
		t.Fatalf("only %d body checks: is the spec loaded?", checked)
	}
	t.Logf("%d body field checks; %s", checked, &seen)
}

// references fills a body's required *_id properties with real ids, so
// that a domain check that needs the referenced row (a cost's agreement)
// gets past it to the field under test.
func (w *world) references(t *testing.T, s *openapi3.Schema) map[string]any {
	body := map[string]any{}
	for _, name := range s.Required {
		ref := s.Properties[name]
		collection := "/" + strings.TrimSuffix(name, "_id") + "s"
		listed := slices.ContainsFunc(operations(t), func(o operation) bool { return o.Method == http.MethodGet && o.Path == collection })
		if ref != nil && ref.Value != nil && ref.Value.Type.Is("string") && strings.HasSuffix(name, "_id") && listed {
			body[name] = w.idIn(collection)
		}
	}
	return body
}

// TestEveryRangeIsCheckedTheSameWay: every read that takes ?from= and ?to=
// (lists, reports, exports) answers a from after to with a 400 naming
// both parameters, code out_of_range, whether they are dates or times,
// required or not.
func TestEveryRangeIsCheckedTheSameWay(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	n := 0
	for _, op := range operations(t) {
		has := map[string]bool{}
		for _, p := range op.Op.Parameters {
			if p.Value != nil && p.Value.In == "query" {
				has[p.Value.Name] = true
			}
		}
		if op.Method != http.MethodGet || !has["from"] || !has["to"] {
			continue
		}
		n++
		q := w.validQuery(op)
		q.Set("from", "2025-05-01")
		q.Set("to", "2025-01-01")
		r := w.env.Do(apitest.Req{Method: op.Method, Path: w.concrete(op.Path) + "?" + q.Encode(), Token: w.admin})
		if r.Status != http.StatusBadRequest || !namesField(r, "from", apperr.CodeOutOfRange) || !namesField(r, "to", apperr.CodeOutOfRange) {
			t.Errorf("%s with from after to: %d %.300s, want a 400 naming from and to", op, r.Status, r.Body)
		}
	}
	if n < 10 {
		t.Fatalf("only %d operations take from and to", n)
	}
}

// TestHeadAnswersEveryGet: every GET operation of the spec (feeds, exports
// and the spec itself included) also answers HEAD, through a real HTTP
// server: the same status and content type as the GET, and no body. A
// wrong method on each path is a 405 with Allow listing GET and HEAD.
func TestHeadAnswersEveryGet(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	srv := httptest.NewServer(w.env.Echo)
	defer srv.Close()
	// sent is what send read: the body is read and closed inside.
	type sent struct {
		status int
		header http.Header
		body   []byte
	}
	send := func(method, path string) sent {
		t.Helper()
		req, err := http.NewRequest(method, srv.URL+path, nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Authorization", "Bearer "+w.admin)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return sent{resp.StatusCode, resp.Header, body}
	}
	n := 0
	for _, op := range operations(t) {
		if op.Method != http.MethodGet {
			continue
		}
		n++
		path := w.concrete(op.Path)
		if q := w.validQuery(op); len(q) > 0 {
			path += "?" + q.Encode()
		}
		get := send(http.MethodGet, path)
		head := send(http.MethodHead, path)
		if head.status != get.status || head.header.Get("Content-Type") != get.header.Get("Content-Type") || len(head.body) != 0 {
			t.Errorf("HEAD %s: %d %q with %d body bytes; GET: %d %q", op, head.status, head.header.Get("Content-Type"),
				len(head.body), get.status, get.header.Get("Content-Type"))
		}
		wrong := send("PROPFIND", path)
		if allow := wrong.header.Get("Allow"); wrong.status != http.StatusMethodNotAllowed ||
			!strings.Contains(allow, "GET") || !strings.Contains(allow, "HEAD") {
			t.Errorf("PROPFIND %s: %d, Allow %q", op, wrong.status, allow)
		}
	}
	for _, path := range []string{"/api/openapi.json", "/healthz", "/api/v1/calendar.ics"} {
		if head := send(http.MethodHead, path); head.status != http.StatusOK || len(head.body) != 0 {
			t.Errorf("HEAD %s: %d, %d body bytes", path, head.status, len(head.body))
		}
	}
	if n < 30 {
		t.Fatalf("only %d GET operations", n)
	}
}
