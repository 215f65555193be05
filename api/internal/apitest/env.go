// Package apitest drives the real API in tests: the whole Echo instance of
// package app over a fresh PostgreSQL database, requests through httptest,
// and every response checked against the committed OpenAPI spec — so the
// spec is a contract the tests enforce, not documentation that drifts.
package apitest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/labstack/echo/v4"
	"gorm.io/gorm"

	"kulttuurisilta/api/internal/app"
	"kulttuurisilta/api/internal/auth"
	"kulttuurisilta/api/internal/database/dbtest"
	"kulttuurisilta/api/internal/notify"
)

// Env is one test's API over its own database.
type Env struct {
	T    testing.TB
	DB   *gorm.DB
	URL  string // the database URL
	Echo *echo.Echo
	Auth auth.Config
	Zone *time.Location
	// Notify is the app's notification service (not started: tests that
	// need its workers start it).
	Notify *notify.Service
	// SkipContract turns off spec validation for the next requests (for
	// the few tests that probe routes outside the spec on purpose).
	SkipContract bool
}

// TestSecret signs the tests' access tokens.
const TestSecret = "test-secret-0123456789-0123456789-0123456789"

// New builds the API over a new database.
func New(t testing.TB) *Env {
	t.Helper()
	return NewWithNotify(t, notify.Config{})
}

// NewWithNotify builds the API with a notification service configured by
// cfg (its secret, zone and sources are filled in).
func NewWithNotify(t testing.TB, cfg notify.Config) *Env {
	t.Helper()
	db, url := dbtest.NewWithURL(t)
	zone, err := time.LoadLocation("Europe/Helsinki")
	if err != nil {
		t.Fatal(err)
	}
	authCfg := auth.DefaultConfig([]byte(TestSecret))
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	cfg.Secret = authCfg.Secret
	if cfg.Logger == nil {
		cfg.Logger = log
	}
	n, err := app.NewNotifier(db, zone, cfg)
	if err != nil {
		t.Fatal(err)
	}
	e := app.New(app.Deps{DB: db, Logger: log, Auth: authCfg, CalendarZone: zone, Notify: n,
		CORSOrigins: []string{"http://localhost:5173"}})
	return &Env{T: t, DB: db, URL: url, Echo: e, Auth: authCfg, Zone: zone, Notify: n}
}

// Req is one request.
type Req struct {
	Method string
	Path   string
	// Body is marshalled as JSON unless it is a string or []byte (sent as is).
	Body   any
	Token  string
	Header map[string]string
	// Chunked sends the body without a Content-Length.
	Chunked bool
}

// Resp is a recorded response.
type Resp struct {
	T      testing.TB
	Status int
	Header http.Header
	Body   []byte
}

// Do sends the request and validates the response against the spec.
func (e *Env) Do(r Req) *Resp {
	e.T.Helper()
	var body io.Reader
	var raw []byte
	switch b := r.Body.(type) {
	case nil:
	case string:
		raw = []byte(b)
	case []byte:
		raw = b
	default:
		var err error
		if raw, err = json.Marshal(b); err != nil {
			e.T.Fatalf("marshal body: %v", err)
		}
	}
	if raw != nil {
		body = bytes.NewReader(raw)
	}
	req := httptest.NewRequest(r.Method, r.Path, body)
	if raw != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if r.Chunked {
		req.ContentLength, req.TransferEncoding = -1, []string{"chunked"}
	}
	if r.Token != "" {
		req.Header.Set("Authorization", "Bearer "+r.Token)
	}
	for k, v := range r.Header {
		if v == "" {
			req.Header.Del(k)
		} else {
			req.Header.Set(k, v)
		}
	}
	rec := httptest.NewRecorder()
	e.Echo.ServeHTTP(rec, req)
	resp := &Resp{T: e.T, Status: rec.Code, Header: rec.Header(), Body: rec.Body.Bytes()}
	if resp.Status >= 500 && resp.Status != http.StatusServiceUnavailable && resp.Status != http.StatusGatewayTimeout {
		e.T.Errorf("%s %s: server error %d: %s", r.Method, r.Path, resp.Status, resp.Body)
	}
	if !e.SkipContract && strings.HasPrefix(r.Path, "/api/v1/") {
		checkContract(e.T, r.Method, r.Path, raw, req.Header, resp)
	}
	return resp
}

// Get is a GET with a token.
func (e *Env) Get(path, token string) *Resp {
	e.T.Helper()
	return e.Do(Req{Method: http.MethodGet, Path: path, Token: token})
}

// Post is a POST of a JSON body with a token.
func (e *Env) Post(path, token string, body any) *Resp {
	e.T.Helper()
	return e.Do(Req{Method: http.MethodPost, Path: path, Token: token, Body: body})
}

// Patch is a PATCH of a JSON body with a token and an optional If-Match.
func (e *Env) Patch(path, token string, body any, ifMatch string) *Resp {
	e.T.Helper()
	return e.Do(Req{Method: http.MethodPatch, Path: path, Token: token, Body: body, Header: ifMatchHeader(ifMatch)})
}

// Put is a PUT of a JSON body with a token and an optional If-Match.
func (e *Env) Put(path, token string, body any, ifMatch string) *Resp {
	e.T.Helper()
	return e.Do(Req{Method: http.MethodPut, Path: path, Token: token, Body: body, Header: ifMatchHeader(ifMatch)})
}

// Delete is a DELETE with a token and an optional If-Match.
func (e *Env) Delete(path, token, ifMatch string) *Resp {
	e.T.Helper()
	return e.Do(Req{Method: http.MethodDelete, Path: path, Token: token, Header: ifMatchHeader(ifMatch)})
}

// ifMatchHeader is the If-Match header of a write, none when ifMatch is "".
func ifMatchHeader(ifMatch string) map[string]string {
	h := map[string]string{}
	if ifMatch != "" {
		h["If-Match"] = ifMatch
	}
	return h
}

// Expect fails the test unless the status is want.
func (r *Resp) Expect(want int) *Resp {
	r.T.Helper()
	if r.Status != want {
		r.T.Fatalf("status %d, want %d: %s", r.Status, want, r.Body)
	}
	return r
}

// JSON decodes the body into v.
func (r *Resp) JSON(v any) {
	r.T.Helper()
	if err := json.Unmarshal(r.Body, v); err != nil {
		r.T.Fatalf("decode %s: %v", r.Body, err)
	}
}

// Map decodes the body as a JSON object.
func (r *Resp) Map() map[string]any {
	r.T.Helper()
	var m map[string]any
	r.JSON(&m)
	return m
}

// ID returns the body's "id".
func (r *Resp) ID() string {
	r.T.Helper()
	id, _ := r.Map()["id"].(string)
	if id == "" {
		r.T.Fatalf("no id in %s", r.Body)
	}
	return id
}

// ETag returns the ETag header.
func (r *Resp) ETag() string { return r.Header.Get("ETag") }

// Problem asserts an RFC 9457 response with the status and the problem
// type's slug (e.g. "validation"), and returns the body.
func (r *Resp) Problem(status int, slug string) map[string]any {
	r.T.Helper()
	if r.Status != status {
		r.T.Fatalf("status %d, want %d: %s", r.Status, status, r.Body)
	}
	if ct := r.Header.Get("Content-Type"); ct != "application/problem+json" {
		r.T.Fatalf("content type %q, want application/problem+json", ct)
	}
	m := r.Map()
	if got := m["type"]; got != "urn:kulttuurisilta:problem:"+slug {
		r.T.Fatalf("problem type %v, want %s: %s", got, slug, r.Body)
	}
	if int(m["status"].(float64)) != status {
		r.T.Fatalf("problem status %v, want %d", m["status"], status)
	}
	return m
}

// FieldErrors returns the fields named in a validation problem.
func (r *Resp) FieldErrors() []string {
	r.T.Helper()
	var p struct {
		Errors []struct{ Field string } `json:"errors"`
	}
	r.JSON(&p)
	out := make([]string, len(p.Errors))
	for i, f := range p.Errors {
		out[i] = f.Field
	}
	return out
}

// Invalid asserts a validation problem (422) that names exactly fields, in
// order.
func (r *Resp) Invalid(fields ...string) {
	r.T.Helper()
	r.Problem(http.StatusUnprocessableEntity, "validation")
	if got := r.FieldErrors(); fmt.Sprint(got) != fmt.Sprint(fields) {
		r.T.Fatalf("fields %v, want %v: %s", got, fields, r.Body)
	}
}

// FieldError is one entry of a validation problem's errors.
type FieldError struct {
	Field, Message, Code string
}

// Errors returns the field errors of a problem.
func (r *Resp) Errors() []FieldError {
	r.T.Helper()
	var p struct {
		Errors []FieldError `json:"errors"`
	}
	r.JSON(&p)
	return p.Errors
}

// HasFieldError reports whether the problem names field with code.
func (r *Resp) HasFieldError(field, code string) bool {
	r.T.Helper()
	for _, f := range r.Errors() {
		if f.Field == field && f.Code == code {
			return true
		}
	}
	return false
}

// ExpectStatus runs one row of a role × action table: who (a key of
// tokens) calls method path, with body()'s JSON when body is not nil, and
// must get want; another status fails the test, which goes on with the
// next row.
func ExpectStatus[B any](e *Env, tokens map[string]string, who, method, path string, body func() B, want int) {
	e.T.Helper()
	var b any
	if body != nil {
		b = body()
	}
	r := e.Do(Req{Method: method, Path: path, Token: tokens[who], Body: b})
	if r.Status != want {
		e.T.Errorf("%s %s %s: %d, want %d: %.200s", who, method, path, r.Status, want, r.Body)
	}
}
