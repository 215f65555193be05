package apitest

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// recorder is a testing.TB that records failures instead of failing, so
// the harness itself can be tested: a contract check that cannot fail
// would prove nothing.
type recorder struct {
	testing.TB
	errors []string
}

func (r *recorder) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}
func (r *recorder) Helper() {}

func TestContractCatchesViolations(t *testing.T) {
	t.Parallel()
	rec := &recorder{TB: t}
	ok := &Resp{Status: http.StatusOK, Header: http.Header{"Content-Type": {"application/json"}},
		Body: []byte(`{"status":"ok"}`)}

	// A route the spec does not document.
	checkContract(rec, "GET", "/api/v1/not-documented", nil, http.Header{}, ok)
	// A documented route whose body breaks the schema (items must be an array).
	checkContract(rec, "GET", "/api/v1/units", nil, http.Header{}, &Resp{Status: 200,
		Header: http.Header{"Content-Type": {"application/json"}}, Body: []byte(`{"items": 5, "total": "x"}`)})
	// A unit missing required fields.
	checkContract(rec, "GET", "/api/v1/units/01890000-0000-7000-8000-000000000000", nil, http.Header{}, &Resp{Status: 200,
		Header: http.Header{"Content-Type": {"application/json"}}, Body: []byte(`{"id": "x"}`)})
	// An error that is not a problem document.
	checkContract(rec, "GET", "/api/v1/units/01890000-0000-7000-8000-000000000000", nil, http.Header{}, &Resp{Status: 404,
		Header: http.Header{"Content-Type": {"text/plain"}}, Body: []byte(`nope`)})
	// A client error the operation does not document (a list has no 404; nor a read a 412).
	problem := http.Header{"Content-Type": {"application/problem+json"}}
	notFound := []byte(`{"type":"urn:kulttuurisilta:problem:not-found","title":"Not found","status":404}`)
	checkContract(rec, "GET", "/api/v1/units", nil, http.Header{}, &Resp{Status: 404, Header: problem, Body: notFound})
	checkContract(rec, "GET", "/api/v1/units/01890000-0000-7000-8000-000000000000", nil, http.Header{}, &Resp{Status: 412,
		Header: problem, Body: []byte(`{"type":"urn:kulttuurisilta:problem:version-mismatch","title":"Version mismatch","status":412}`)})
	if len(rec.errors) != 6 {
		t.Fatalf("the contract check caught %d of 6 violations: %s", len(rec.errors), strings.Join(rec.errors, "\n"))
	}

	// And a valid list passes.
	rec.errors = nil
	checkContract(rec, "GET", "/api/v1/units", nil, http.Header{}, &Resp{Status: 200,
		Header: http.Header{"Content-Type": {"application/json"}}, Body: []byte(`{"items": [], "total": 0, "next_cursor": null}`)})
	checkContract(rec, "GET", "/api/v1/units/01890000-0000-7000-8000-000000000000", nil, http.Header{},
		&Resp{Status: 404, Header: problem, Body: notFound})
	if len(rec.errors) != 0 {
		t.Fatalf("a valid response failed: %v", rec.errors)
	}
}
