package httpapi_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"kulttuurisilta/api/internal/apperr"
	"kulttuurisilta/api/internal/httpapi"
	"kulttuurisilta/api/internal/paging"
)

type probe struct{}

func (probe) Routes(g *echo.Group) {
	g.GET("/panic", func(echo.Context) error { panic("boom") })
	g.POST("/echo", func(c echo.Context) error {
		var in struct {
			Name  string                      `json:"name"`
			Count int                         `json:"count"`
			Dep   httpapi.Optional[uuid.UUID] `json:"dep"`
		}
		if err := httpapi.Decode(c, &in); err != nil {
			return err
		}
		return c.JSON(http.StatusOK, map[string]any{"name": in.Name, "dep_set": in.Dep.Set, "dep_null": in.Dep.Value == nil})
	})
	g.GET("/page", func(c echo.Context) error {
		p, err := paging.Parse(c.QueryParams())
		if err != nil {
			return err
		}
		return c.JSON(http.StatusOK, map[string]int{"limit": p.Limit, "offset": p.Offset})
	})
	g.GET("/ifmatch", func(c echo.Context) error {
		v, err := httpapi.IfMatch(c)
		if err != nil {
			return err
		}
		if v == nil {
			return c.String(http.StatusOK, "none")
		}
		return c.JSON(http.StatusOK, *v)
	})
	g.GET("/versioned", func(c echo.Context) error { return httpapi.Versioned(c, http.StatusOK, 7, map[string]int{"v": 7}) })
	g.GET("/literal-fields", func(echo.Context) error {
		return &apperr.Error{Kind: apperr.KindInvalid, Detail: "x", Fields: []apperr.FieldError{{Field: "a", Message: "m"}}}
	})
	g.GET("/conflict", func(echo.Context) error {
		return &apperr.Error{Kind: apperr.KindConflict, Detail: "clash", Extra: map[string]any{"clash": map[string]string{"title": "x"}}}
	})
}

func server() *echo.Echo {
	return httpapi.New(httpapi.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}, probe{})
}

func do(e *echo.Echo, method, path, body string, header ...string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, req)
	return rec
}

func TestDecode(t *testing.T) {
	t.Parallel()
	e := server()
	tests := []struct {
		name, body string
		status     int
		contains   string
	}{
		{"valid", `{"name":"a","count":1}`, 200, `"dep_set":false`},
		{"null clears", `{"dep":null}`, 200, `"dep_null":true,"dep_set":true`},
		{"value sets", `{"dep":"01890000-0000-7000-8000-000000000000"}`, 200, `"dep_null":false`},
		{"bad uuid", `{"dep":"x"}`, 422, `"field":"body","message":"invalid UUID length: 1","code":"invalid_format"`},
		{"syntax", `{"name":`, 400, "malformed JSON"},
		{"trailing", `{} []`, 400, "after the JSON value"},
		{"unknown field", `{"nme":"a"}`, 422, `"field":"nme","message":"is not a known field","code":"unknown_field"`},
		{"wrong type", `{"count":"many"}`, 422, `"field":"count","message":"must be of type integer","code":"wrong_type"`},
		{"float for int", `{"count":1.5}`, 422, `"field":"count","message":"must be of type integer","code":"wrong_type"`},
		{"array", `[]`, 422, `"field":"body","message":"must be a JSON object","code":"wrong_type"`},
		{"nested unknown", `{"name":{"a":1}}`, 422, `"field":"name","message":"must be of type string","code":"wrong_type"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := do(e, "POST", "/api/v1/echo", tc.body)
			if rec.Code != tc.status || !strings.Contains(rec.Body.String(), tc.contains) {
				t.Fatalf("%d %s, want %d containing %s", rec.Code, rec.Body, tc.status, tc.contains)
			}
		})
	}
	if rec := do(e, "POST", "/api/v1/echo", "", "Content-Type", "application/json"); rec.Code != 400 {
		t.Fatalf("empty body: %d", rec.Code)
	}
	if rec := do(e, "POST", "/api/v1/echo", `<x/>`, "Content-Type", "application/xml"); rec.Code != 415 {
		t.Fatalf("xml: %d", rec.Code)
	}
	big := `{"name":"` + strings.Repeat("x", 2<<20) + `"}`
	if rec := do(e, "POST", "/api/v1/echo", big); rec.Code != 413 {
		t.Fatalf("2 MiB body: %d", rec.Code)
	}
}

func TestPanicBecomesProblemWithoutDetail(t *testing.T) {
	t.Parallel()
	rec := do(server(), "GET", "/api/v1/panic", "")
	if rec.Code != 500 || rec.Header().Get("Content-Type") != httpapi.ProblemContentType || strings.Contains(rec.Body.String(), "boom") {
		t.Fatalf("%d %s %s", rec.Code, rec.Header(), rec.Body)
	}
}

func TestParsePage(t *testing.T) {
	t.Parallel()
	e := server()
	for q, want := range map[string]int{"": 200, "?limit=200": 200, "?limit=201": 400, "?limit=-1": 400, "?offset=x": 400,
		"?limit=1&offset=5": 200, "?updated_since=2026-01-01T00:00:00Z": 200, "?updated_since=2026-01-01": 400} {
		if rec := do(e, "GET", "/api/v1/page"+q, ""); rec.Code != want {
			t.Errorf("%q: %d, want %d", q, rec.Code, want)
		}
	}
	if rec := do(e, "GET", "/api/v1/page", ""); !strings.Contains(rec.Body.String(), `"limit":50`) {
		t.Errorf("default limit: %s", rec.Body)
	}
	// The field error says why, as a code.
	for q, want := range map[string]string{"?limit=201": "out_of_range", "?limit=x": "invalid_format",
		"?offset=-1": "out_of_range", "?offset=x": "invalid_format", "?updated_since=yesterday": "invalid_format"} {
		if rec := do(e, "GET", "/api/v1/page"+q, ""); !strings.Contains(rec.Body.String(), `"code":"`+want+`"`) {
			t.Errorf("%q: %s, want code %s", q, rec.Body, want)
		}
	}
}

// TestFieldErrorsAlwaysHaveACode: a field error built without a code still
// reaches the client with "invalid", as the spec requires.
func TestFieldErrorsAlwaysHaveACode(t *testing.T) {
	t.Parallel()
	rec := do(server(), "GET", "/api/v1/literal-fields", "")
	if rec.Code != 422 || !strings.Contains(rec.Body.String(), `"errors":[{"field":"a","message":"m","code":"invalid"}]`) {
		t.Fatalf("%d %s", rec.Code, rec.Body)
	}
}

func TestETags(t *testing.T) {
	t.Parallel()
	e := server()
	for h, want := range map[string]string{`"3"`: "3", `W/"4"`: "4", `*`: "none", `3`: "3"} {
		if rec := do(e, "GET", "/api/v1/ifmatch", "", "If-Match", h); strings.TrimSpace(rec.Body.String()) != want {
			t.Errorf("If-Match %s: %s", h, rec.Body)
		}
	}
	if rec := do(e, "GET", "/api/v1/ifmatch", "", "If-Match", `"abc"`); rec.Code != 412 {
		t.Errorf("garbage If-Match: %d", rec.Code)
	}
	rec := do(e, "GET", "/api/v1/versioned", "")
	if rec.Header().Get("ETag") != `"7"` {
		t.Fatalf("ETag %q", rec.Header().Get("ETag"))
	}
	if rec := do(e, "GET", "/api/v1/versioned", "", "If-None-Match", `"6", "7"`); rec.Code != 304 {
		t.Fatalf("If-None-Match: %d", rec.Code)
	}
}

func TestProblemExtraMembers(t *testing.T) {
	t.Parallel()
	rec := do(server(), "GET", "/api/v1/conflict", "")
	if rec.Code != 409 || !strings.Contains(rec.Body.String(), `"clash":{"title":"x"}`) {
		t.Fatalf("%d %s", rec.Code, rec.Body)
	}
}

func TestUnauthenticatedPrincipal(t *testing.T) {
	t.Parallel()
	e := echo.New()
	c := e.NewContext(httptest.NewRequest("GET", "/", nil), httptest.NewRecorder())
	if _, err := httpapi.Principal(c); !apperr.IsKind(err, apperr.KindUnauthorized) {
		t.Fatalf("err %v", err)
	}
}

func TestClientDisconnectIsNotAServerError(t *testing.T) {
	t.Parallel()
	var logged strings.Builder
	e := httpapi.New(httpapi.Options{Logger: slog.New(slog.NewTextHandler(&logged, &slog.HandlerOptions{Level: slog.LevelError}))},
		cancelProbe{})
	req := httptest.NewRequest("GET", "/api/v1/cancelled", nil)
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, req)
	if rec.Code != 499 || logged.Len() != 0 {
		t.Fatalf("status %d, error log %q", rec.Code, logged.String())
	}
}

type cancelProbe struct{}

func (cancelProbe) Routes(g *echo.Group) {
	g.GET("/cancelled", func(echo.Context) error { return fmt.Errorf("query: %w", context.Canceled) })
}
