package httpapi_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"kulttuurisilta/api/internal/apperr"
	"kulttuurisilta/api/internal/civil"
	"kulttuurisilta/api/internal/httpapi"
	"kulttuurisilta/api/internal/paging"
)

// fuzzBody has the field types request bodies use: texts, integers,
// booleans, UUIDs, dates, times, pointers, lists, nested objects and
// PATCH-style optionals.
type fuzzBody struct {
	Name    string      `json:"name"`
	Count   int         `json:"count"`
	Cents   int64       `json:"amount_cents"`
	Active  *bool       `json:"active"`
	ID      uuid.UUID   `json:"id"`
	UnitIDs []uuid.UUID `json:"unit_ids"`
	Day     *civil.Date `json:"day"`
	At      *time.Time  `json:"at"`
	Tags    []string    `json:"tags"`
	Shares  []struct {
		BP int `json:"bp"`
	} `json:"shares"`
	Optional httpapi.Optional[uuid.UUID] `json:"optional"`
	Extra    map[string]any              `json:"extra"`
}

// FuzzDecode: whatever the body, strict decoding never panics, and a
// refusal is always a 400 (malformed) or 422 (well-formed, wrong shape)
// problem, never an internal error.
func FuzzDecode(f *testing.F) {
	for _, s := range []string{
		`{"name":"x","count":1}`, `{"name":`, `[]`, `"x"`, `null`, `{} {}`, `{"no_such":1}`,
		`{"count":"1"}`, `{"count":1e400}`, `{"id":"not-a-uuid"}`, `{"day":"2025-02-30"}`, `{"at":"yesterday"}`,
		`{"unit_ids":[null]}`, `{"shares":[{"bp":1.5}]}`, `{"optional":null}`, `{"extra":{"a":[1,{"b":null}]}}`,
		"{\"name\":\"\xff\"}", `{"name":"\u0000"}`, strings.Repeat(`[`, 10000),
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		var v fuzzBody
		err := httpapi.DecodeBytes(body, &v)
		if err == nil {
			return
		}
		e, ok := apperr.As(err)
		if !ok {
			t.Fatalf("DecodeBytes(%q): untyped error %v", body, err)
		}
		if e.Kind != apperr.KindBadRequest && e.Kind != apperr.KindInvalid {
			t.Fatalf("DecodeBytes(%q): error kind %v, want bad request or invalid", body, e.Kind)
		}
	})
}

// FuzzQueryParams: whatever the query string, the shared parameter parsers
// never panic; they either give values inside their documented bounds or
// a 400 problem naming the parameter.
func FuzzQueryParams(f *testing.F) {
	for _, s := range []string{
		"limit=50&offset=0", "limit=0", "limit=201", "limit=-1", "limit=1e3", "offset=99999999999999999999",
		"updated_since=2025-01-01T00:00:00Z", "updated_since=2025-13-01", "unit_id=x", "on=2025-02-29",
		"at=2025-01-01", "at=2025-01-01T25:00:00Z", "kind=a&kind=b", "flag=maybe", "%zz", "limit=%00",
	} {
		f.Add(s)
	}
	e := echo.New()
	f.Fuzz(func(t *testing.T, query string) {
		values, err := url.ParseQuery(query)
		if err != nil {
			return // net/http would have refused the request line
		}
		req := httptest.NewRequest(http.MethodGet, "/x?"+values.Encode(), nil)
		c := e.NewContext(req, httptest.NewRecorder())
		check := func(name string, err error) {
			t.Helper()
			if err == nil {
				return
			}
			if !apperr.IsKind(err, apperr.KindBadRequest) {
				t.Fatalf("%s with %q: %v, want a bad-request problem", name, query, err)
			}
		}
		p, err := paging.Parse(c.QueryParams())
		check("ParsePage", err)
		if err == nil && (p.Limit < 1 || p.Limit > paging.MaxLimit || p.Offset < 0) {
			t.Fatalf("ParsePage(%q) = %+v: out of bounds", query, p)
		}
		_, err = httpapi.QueryUUID(c, "unit_id")
		check("QueryUUID", err)
		_, err = httpapi.QueryDate(c, "on")
		check("QueryDate", err)
		_, err = httpapi.QueryTime(c, "at", time.UTC)
		check("QueryTime", err)
		v, err := httpapi.QueryEnum(c, "kind", "a", "b")
		check("QueryEnum", err)
		if err == nil && v != "" && v != "a" && v != "b" {
			t.Fatalf("QueryEnum(%q) = %q", query, v)
		}
		_, err = httpapi.QueryBool(c, "flag")
		check("QueryBool", err)
	})
}
