package httpapi_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/apperr"
	"kulttuurisilta/api/internal/civil"
	"kulttuurisilta/api/internal/httpapi"
	"kulttuurisilta/api/internal/paging"
)

type probe struct{}

// strictBody has the field kinds request bodies use.
type strictBody struct {
	Name   string                      `json:"name"`
	Notes  string                      `json:"notes" text:"multiline"`
	Count  int                         `json:"count"`
	Small  int8                        `json:"small"`
	Cents  uint32                      `json:"cents"`
	Dep    httpapi.Optional[uuid.UUID] `json:"dep"`
	Day    *civil.Date                 `json:"day"`
	At     *time.Time                  `json:"at"`
	IDs    []uuid.UUID                 `json:"ids"`
	Tags   []string                    `json:"tags"`
	Shares []struct {
		BP   int    `json:"bp"`
		Note string `json:"note"`
	} `json:"shares"`
	Texts map[string]string `json:"texts" text:"multiline"`
	Extra map[string]any    `json:"extra"`
	Embedded
}

// Embedded fields are members of the outer object, as in encoding/json.
type Embedded struct {
	Inner string `json:"inner"`
}

func (probe) Routes(g *echo.Group) {
	g.GET("/panic", func(echo.Context) error { panic("boom") })
	g.POST("/echo", func(c echo.Context) error {
		var in strictBody
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
		{"bad uuid", `{"dep":"x"}`, 422, `"field":"dep","message":"must be a UUID","code":"invalid_format"`},
		{"syntax", `{"name":`, 400, "malformed JSON"},
		{"trailing", `{} []`, 400, "after the JSON value"},
		{"trailing garbage", `{} x`, 400, "after the JSON value"},
		{"unknown field", `{"nme":"a"}`, 422, `"field":"nme","message":"is not a known field","code":"unknown_field"`},
		{"wrong type", `{"count":"many"}`, 422, `"field":"count","message":"must be of type integer","code":"wrong_type"`},
		{"float for int", `{"count":1.5}`, 422, `"field":"count","message":"must be of type integer","code":"wrong_type"`},
		{"array", `[]`, 422, `"field":"body","message":"must be a JSON object","code":"wrong_type"`},
		{"nested unknown", `{"name":{"a":1}}`, 422, `"field":"name","message":"must be of type string","code":"wrong_type"`},
		// Field names match exactly; a key given twice is refused.
		{"case variant", `{"name":"a","NAME":"b"}`, 422, `"field":"NAME","message":"is not a known field; names are case-sensitive: did you mean name?","code":"unknown_field"`},
		{"case only", `{"Name":"a"}`, 422, `"field":"Name"`},
		{"duplicate", `{"name":"a","name":"b"}`, 422, `"field":"name","message":"appears more than once in the object","code":"conflict"`},
		{"nested duplicate", `{"shares":[{"bp":1,"bp":2}]}`, 422, `"field":"shares[0].bp","message":"appears more than once in the object","code":"conflict"`},
		{"nested case", `{"shares":[{"bp":1},{"BP":2}]}`, 422, `"field":"shares[1].BP","message":"is not a known field; names are case-sensitive: did you mean bp?","code":"unknown_field"`},
		{"map duplicate", `{"texts":{"fi":"a","fi":"b"}}`, 422, `"field":"texts.fi","message":"appears more than once in the object","code":"conflict"`},
		{"untyped duplicate", `{"extra":{"a":[{"b":1,"b":2}]}}`, 422, `"field":"extra.a[0].b","message":"appears more than once in the object","code":"conflict"`},
		{"embedded", `{"inner":"x"}`, 200, `"dep_set":false`},
		{"embedded case", `{"Inner":"x"}`, 422, `"field":"Inner"`},
		// Every self-parsing value names its field with a fixed message.
		{"bad date", `{"day":"2025-02-30"}`, 422, `"field":"day","message":"must be a date YYYY-MM-DD","code":"invalid_format"`},
		{"date of wrong type", `{"day":5}`, 422, `"field":"day","message":"must be a date YYYY-MM-DD","code":"wrong_type"`},
		{"bad time", `{"at":"yesterday"}`, 422, `"field":"at","message":"must be an RFC 3339 date and time with an offset, such as 2025-03-01T10:00:00+02:00","code":"invalid_format"`},
		{"time of wrong type", `{"at":{"x":1}}`, 422, `"field":"at","message":"must be an RFC 3339 date and time with an offset, such as 2025-03-01T10:00:00+02:00","code":"wrong_type"`},
		{"uuid in list", `{"ids":["01890000-0000-7000-8000-000000000000","nope"]}`, 422, `"field":"ids[1]","message":"must be a UUID","code":"invalid_format"`},
		{"uuid of wrong type", `{"ids":[7]}`, 422, `"field":"ids[0]","message":"must be a UUID","code":"wrong_type"`},
		{"optional uuid of wrong type", `{"dep":true}`, 422, `"field":"dep","message":"must be a UUID","code":"wrong_type"`},
		{"int overflow", `{"count":1e400}`, 422, `"field":"count","message":"must be of type integer","code":"wrong_type"`},
		{"int8 range", `{"small":300}`, 422, `"field":"small","message":"is too large","code":"out_of_range"`},
		{"huge integer", `{"count":123456789012345678901234567890}`, 422, `"field":"count","message":"is too large","code":"out_of_range"`},
		{"negative unsigned", `{"cents":-1}`, 422, `"field":"cents","message":"must not be negative","code":"out_of_range"`},
		{"bool for string", `{"tags":[true]}`, 422, `"field":"tags[0]","message":"must be of type string","code":"wrong_type"`},
		{"object for list", `{"tags":{"a":1}}`, 422, `"field":"tags","message":"must be a JSON array","code":"wrong_type"`},
		// Text: valid UTF-8, no NUL, no control characters (tab and line
		// breaks only in multi-line fields, and what is inside them).
		{"NUL", `{"name":"a\u0000b"}`, 422, `"field":"name","message":"must not contain NUL characters","code":"invalid_format"`},
		{"NUL in multiline", `{"notes":"a\u0000b"}`, 422, `"field":"notes","message":"must not contain NUL characters","code":"invalid_format"`},
		{"NUL in untyped", `{"extra":{"k":["\u0000"]}}`, 422, `"field":"extra.k[0]","message":"must not contain NUL characters"`},
		{"NUL in a map key", `{"texts":{"a\u0000":"x"}}`, 422, `"message":"must not contain NUL characters"`},
		{"newline in single line", `{"name":"a\nb"}`, 422, `"field":"name","message":"must be a single line without control characters","code":"invalid_format"`},
		{"tab in single line", `{"tags":["a\tb"]}`, 422, `"field":"tags[0]","message":"must be a single line without control characters","code":"invalid_format"`},
		{"escape char", `{"name":"\u001b[31m"}`, 422, `"field":"name","message":"must be a single line without control characters","code":"invalid_format"`},
		{"C1 control", `{"name":"\u0085"}`, 422, `"field":"name","message":"must be a single line without control characters","code":"invalid_format"`},
		{"DEL", "{\"name\":\"a\x7fb\"}", 422, `"field":"name","message":"must be a single line without control characters","code":"invalid_format"`},
		{"multiline", `{"notes":"line 1\r\nline 2\tx"}`, 200, `"dep_set":false`},
		{"multiline map", `{"texts":{"fi":"a\nb"}}`, 200, `"dep_set":false`},
		{"bell in multiline", `{"notes":"a\u0007"}`, 422, `"field":"notes","message":"must not contain control characters other than tabs and line breaks","code":"invalid_format"`},
		{"invalid UTF-8", "{\"name\":\"a\xffb\"}", 422, `"field":"name","message":"must be valid UTF-8 text","code":"invalid_format"`},
		{"invalid UTF-8 deep", "{\"shares\":[{\"note\":\"\xc3\"}]}", 422, `"field":"shares[0].note","message":"must be valid UTF-8 text"`},
		{"unicode text", `{"name":"Yhteislauluhetki ☀ 𝄞 \u00e4"}`, 200, `"name":"Yhteislauluhetki ☀ 𝄞 ä"`},
		// Every bad field at once.
		{"several", `{"name":1,"day":"x","NAME":"y","count":"z"}`, 422, `"detail":"the request has invalid fields"`},
		{"deep nesting", `{"extra":{"a":` + strings.Repeat(`[`, 40) + strings.Repeat(`]`, 40) + `}}`, 400, "nests deeper than"},
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
	// Chunked: no Content-Length, so the limit is met while reading.
	req := httptest.NewRequest("POST", "/api/v1/echo", strings.NewReader(big))
	req.Header.Set("Content-Type", "application/json")
	req.ContentLength, req.TransferEncoding = -1, []string{"chunked"}
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, req)
	if rec.Code != 413 || !strings.Contains(rec.Body.String(), "too-large") {
		t.Fatalf("2 MiB chunked body: %d %s", rec.Code, rec.Body)
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

// refuseAll refuses every credential.
type refuseAll struct{}

func (refuseAll) Authenticate(context.Context, string) (*access.Principal, error) {
	return nil, apperr.Unauthorized("expired")
}

// TestVaryAuthorization: every API answer (a body, a 304, a problem, a
// refused credential) says
// it varies by Authorization, as allowed_actions
// make bodies the caller's own; other Vary values stay beside it.
func TestVaryAuthorization(t *testing.T) {
	t.Parallel()
	e := server()
	for _, tc := range []struct {
		name   string
		path   string
		header []string
		status int
	}{
		{"a body", "/api/v1/versioned", nil, 200},
		{"not modified", "/api/v1/versioned", []string{"If-None-Match", `"7"`}, 304},
		{"a problem", "/api/v1/conflict", nil, 409},
		{"gzip", "/api/v1/page", []string{"Accept-Encoding", "gzip"}, 200},
	} {
		rec := do(e, "GET", tc.path, "", tc.header...)
		if rec.Code != tc.status {
			t.Errorf("%s: status %d, want %d", tc.name, rec.Code, tc.status)
		}
		var vary []string
		for _, v := range rec.Header().Values("Vary") {
			for _, x := range strings.Split(v, ",") {
				vary = append(vary, strings.TrimSpace(x))
			}
		}
		if !slices.Contains(vary, "Authorization") {
			t.Errorf("%s: Vary %q lacks Authorization", tc.name, vary)
		}
	}
	refusing := httpapi.New(httpapi.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Authenticator: refuseAll{}}, probe{})
	for _, h := range []string{"Bearer expired", "Basic x"} {
		rec := do(refusing, "GET", "/api/v1/versioned", "", "Authorization", h)
		if rec.Code != 401 || !slices.Contains(rec.Header().Values("Vary"), "Authorization") {
			t.Errorf("refused %q: %d, Vary %q", h, rec.Code, rec.Header().Values("Vary"))
		}
	}
	if v := do(e, "GET", "/healthz", "").Header().Values("Vary"); slices.Contains(v, "Authorization") {
		t.Errorf("/healthz is the same for everyone: Vary %q", v)
	}
}

type acceptAll struct{}

func (acceptAll) Authenticate(context.Context, string) (*access.Principal, error) {
	return &access.Principal{Role: access.RoleViewer}, nil
}

// TestNoStoreWithCredentials: an answer to a request with credentials is the
// caller's own and its allowed_actions may change while its ETag does not,
// so browsers keep no copy (Cache-Control: no-store); an explicit
// If-None-Match still gets its 304, and anonymous answers are left to the
// handler.
func TestNoStoreWithCredentials(t *testing.T) {
	t.Parallel()
	e := httpapi.New(httpapi.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Authenticator: acceptAll{}}, probe{})
	for _, tc := range []struct {
		name   string
		header []string
		status int
		cache  string
	}{
		{"signed in", []string{"Authorization", "Bearer t"}, 200, "no-store"},
		{"signed in, not modified", []string{"Authorization", "Bearer t", "If-None-Match", `"7"`}, 304, "no-store"},
		{"anonymous", nil, 200, ""},
	} {
		rec := do(e, "GET", "/api/v1/versioned", "", tc.header...)
		if rec.Code != tc.status || rec.Header().Get("Cache-Control") != tc.cache {
			t.Errorf("%s: %d, Cache-Control %q; want %d, %q", tc.name, rec.Code, rec.Header().Get("Cache-Control"), tc.status, tc.cache)
		}
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

// TestErrorAfterTheClientLeftIsNotAServerError: once the request's context
// has ended, an error that does not say so (database/sql's "transaction has
// already been committed or rolled back" after it rolled back on the
// cancellation) is still the client's leaving (499) or the deadline (504),
// never a logged 500. While the context lives, the same error is a 500.
func TestErrorAfterTheClientLeftIsNotAServerError(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		ctx    func() (context.Context, context.CancelFunc)
		status int
		logged bool
	}{
		{"cancelled", func() (context.Context, context.CancelFunc) {
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			return ctx, cancel
		}, 499, false},
		{"deadline", func() (context.Context, context.CancelFunc) {
			return context.WithDeadline(context.Background(), time.Unix(1, 0))
		}, 504, false},
		{"alive", func() (context.Context, context.CancelFunc) { return context.WithCancel(context.Background()) }, 500, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var logged strings.Builder
			e := httpapi.New(httpapi.Options{Logger: slog.New(slog.NewTextHandler(&logged, &slog.HandlerOptions{Level: slog.LevelError}))},
				cancelProbe{})
			ctx, cancel := tc.ctx()
			defer cancel()
			req := httptest.NewRequest("POST", "/api/v1/txdone", nil).WithContext(ctx)
			rec := httptest.NewRecorder()
			e.ServeHTTP(rec, req)
			if rec.Code != tc.status || strings.Contains(logged.String(), "request failed") != tc.logged {
				t.Fatalf("status %d (want %d), error log %q", rec.Code, tc.status, logged.String())
			}
		})
	}
}

type cancelProbe struct{}

func (cancelProbe) Routes(g *echo.Group) {
	g.GET("/cancelled", func(echo.Context) error { return fmt.Errorf("query: %w", context.Canceled) })
	g.POST("/txdone", func(echo.Context) error { return fmt.Errorf("commit: %w", sql.ErrTxDone) })
}

// hugeProbe returns problems built from huge inputs, as careless domain
// code might.
type hugeProbe struct{}

func (hugeProbe) Routes(g *echo.Group) {
	huge := strings.Repeat("9", 680<<10)
	g.GET("/quoted", func(echo.Context) error {
		return apperr.InvalidField("rule", fmt.Sprintf("the part %q is not valid; nor is %q", huge, "short"))
	})
	g.GET("/detail", func(echo.Context) error { return apperr.BadRequest("cannot read %s", huge) })
	g.GET("/many", func(echo.Context) error {
		var fields []apperr.FieldError
		long := huge[:10<<10]
		for i := range 5000 {
			fields = append(fields, apperr.Field(fmt.Sprintf("rows[%d].%s", i, long), apperr.CodeInvalid, "bad "+long))
		}
		return apperr.Invalid(fields...)
	})
}

// TestProblemsAreBounded: no problem echoes unbounded input. Quoted values
// are cut to 64 characters with an ellipsis, field names and messages are
// capped, at most 50 field errors are listed (the detail says how many
// there were), so an answer stays a few KB whatever the request.
func TestProblemsAreBounded(t *testing.T) {
	t.Parallel()
	e := httpapi.New(httpapi.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}, hugeProbe{}, probe{})
	rec := do(e, "GET", "/api/v1/quoted", "")
	want := `the part \"` + strings.Repeat("9", 64) + `…\" is not valid; nor is \"short\"`
	if rec.Code != 422 || !strings.Contains(rec.Body.String(), want) || rec.Body.Len() > 2048 {
		t.Fatalf("quoted: %d, %d bytes: %.600s", rec.Code, rec.Body.Len(), rec.Body)
	}
	rec = do(e, "GET", "/api/v1/detail", "")
	if rec.Code != 400 || rec.Body.Len() > 1024 || !strings.Contains(rec.Body.String(), "…") {
		t.Fatalf("detail: %d, %d bytes", rec.Code, rec.Body.Len())
	}
	rec = do(e, "GET", "/api/v1/many", "")
	var p httpapi.Problem
	if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil {
		t.Fatal(err)
	}
	if rec.Code != 422 || len(p.Errors) != httpapi.MaxFieldErrors || p.Detail != "the request has 5000 invalid fields; the first 50 are listed" ||
		rec.Body.Len() > 40<<10 {
		t.Fatalf("many: %d, %d errors, %d bytes, detail %q", rec.Code, len(p.Errors), rec.Body.Len(), p.Detail)
	}
	for _, f := range p.Errors {
		if utf8.RuneCountInString(f.Field) > httpapi.MaxQuoted+1 || utf8.RuneCountInString(f.Message) > 301 {
			t.Fatalf("field error not cut: %d, %d characters", len(f.Field), len(f.Message))
		}
	}

	// The case: a 680 KB bad time value gives a small 422 naming
	// the field, without Go's layout or the value.
	body := `{"at":"2025-01-01T10:00:00` + strings.Repeat("9", 680<<10) + `"}`
	rec = do(e, "POST", "/api/v1/echo", body)
	if rec.Code != 422 || rec.Body.Len() > 1024 || !strings.Contains(rec.Body.String(), `"field":"at"`) ||
		strings.Contains(rec.Body.String(), "2006") || strings.Contains(rec.Body.String(), "999") {
		t.Fatalf("bad time: %d, %d bytes: %.400s", rec.Code, rec.Body.Len(), rec.Body)
	}
	// A huge unknown key is cut too.
	rec = do(e, "POST", "/api/v1/echo", `{"`+strings.Repeat("k", 500<<10)+`":1}`)
	if rec.Code != 422 || rec.Body.Len() > 1024 {
		t.Fatalf("huge key: %d, %d bytes", rec.Code, rec.Body.Len())
	}
}
