package httpapi_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

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
	Notes   string      `json:"notes" text:"multiline"`
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
// problem, never an internal error. A body it accepts holds no control
// characters in its texts (but tabs and line breaks in the multi-line
// one), and stops being accepted when its first key is written in
// capitals or given twice: field names match exactly and once.
func FuzzDecode(f *testing.F) {
	for _, s := range []string{
		`{"name":"x","count":1}`, `{"name":`, `[]`, `"x"`, `null`, `{} {}`, `{"no_such":1}`,
		`{"count":"1"}`, `{"count":1e400}`, `{"id":"not-a-uuid"}`, `{"day":"2025-02-30"}`, `{"at":"yesterday"}`,
		`{"unit_ids":[null]}`, `{"shares":[{"bp":1.5}]}`, `{"optional":null}`, `{"extra":{"a":[1,{"b":null}]}}`,
		"{\"name\":\"\xff\"}", `{"name":"\u0000"}`, strings.Repeat(`[`, 10000),
		`{"name":"a","NAME":"b"}`, `{"name":"a","name":"b"}`, `{"notes":"a\nb\tc"}`, `{"name":"a\nb"}`,
		`{"shares":[{"bp":1,"BP":2}]}`, `{"extra":{"k":"\u001b"}}`, `{"at":"2025-01-01T10:00:00+02:00","day":"2025-01-31"}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		var v fuzzBody
		err := httpapi.DecodeBytes(body, &v)
		if err != nil {
			e, ok := apperr.As(err)
			if !ok {
				t.Fatalf("DecodeBytes(%q): untyped error %v", body, err)
			}
			if e.Kind != apperr.KindBadRequest && e.Kind != apperr.KindInvalid {
				t.Fatalf("DecodeBytes(%q): error kind %v, want bad request or invalid", body, e.Kind)
			}
			if e.Kind == apperr.KindInvalid && (len(e.Fields) == 0 || len(e.Fields) > httpapi.MaxFieldErrors) {
				t.Fatalf("DecodeBytes(%q): %d field errors", body, len(e.Fields))
			}
			for _, fe := range e.Fields {
				if strings.Contains(fe.Message, "2006") || strings.Contains(fe.Message, "json:") {
					t.Fatalf("DecodeBytes(%q): message shows Go internals: %q", body, fe.Message)
				}
			}
			return
		}
		checkTexts(t, body, reflect.ValueOf(v), false)
		key, first, rest, ok := firstMember(body)
		if !ok {
			return
		}
		if upper := strings.ToUpper(key); upper != key {
			cased := []byte(fmt.Sprintf("{%q:%s%s", upper, first, rest))
			if !refusedOn(httpapi.DecodeBytes(cased, &fuzzBody{}), upper, apperr.CodeUnknownField) {
				t.Fatalf("DecodeBytes(%q) accepted, but %q was not refused as unknown", body, cased)
			}
		}
		twice := []byte(fmt.Sprintf("{%q:%s,%q:%s%s", key, first, key, first, rest))
		if !refusedOn(httpapi.DecodeBytes(twice, &fuzzBody{}), key, apperr.CodeConflict) {
			t.Fatalf("DecodeBytes(%q) accepted, but %q was not refused as duplicated", body, twice)
		}
	})
}

// firstMember splits an object's body into its first key, that key's raw
// value and the rest after the value (",..." or "}").
func firstMember(body []byte) (key string, value, rest []byte, ok bool) {
	dec := json.NewDecoder(bytes.NewReader(body))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') || !dec.More() {
		return "", nil, nil, false
	}
	tok, err := dec.Token()
	if err != nil {
		return "", nil, nil, false
	}
	key, _ = tok.(string)
	var raw json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		return "", nil, nil, false
	}
	return key, raw, body[dec.InputOffset():], true
}

func refusedOn(err error, field, code string) bool {
	e, ok := apperr.As(err)
	return ok && slices.ContainsFunc(e.Fields, func(f apperr.FieldError) bool { return f.Field == field && f.Code == code })
}

// checkTexts fails when an accepted value holds a control character (a
// tab or line break is fine inside a multi-line field).
func checkTexts(t *testing.T, body []byte, v reflect.Value, multiline bool) {
	t.Helper()
	switch v.Kind() {
	case reflect.String:
		for _, r := range v.String() {
			if unicode.IsControl(r) && !(multiline && (r == '\t' || r == '\n' || r == '\r')) {
				t.Fatalf("DecodeBytes(%q) accepted the text %q", body, v.String())
			}
		}
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			checkTexts(t, body, v.Elem(), multiline)
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			checkTexts(t, body, v.Index(i), multiline)
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			checkTexts(t, body, k, false)
			checkTexts(t, body, v.MapIndex(k), multiline)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				checkTexts(t, body, v.Field(i), multiline || v.Type().Field(i).Tag.Get("text") == "multiline")
			}
		}
	}
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
