package apitest

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"
)

var (
	specOnce   sync.Once
	specRouter routers.Router
	specErr    error
)

// SpecPath is the committed OpenAPI 3 document.
func SpecPath() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "..", "docs", "openapi.json")
}

func loadSpec() {
	// kin-openapi's CSV decoder reads only the comma dialect; the exports
	// also write the semicolon one (internal/export). The spec types a CSV
	// body as a string, so it is checked as text; the tests read each file
	// back with encoding/csv in its own dialect.
	openapi3filter.RegisterBodyDecoder("text/csv", openapi3filter.PlainBodyDecoder)
	b, err := os.ReadFile(SpecPath())
	if err != nil {
		specErr = err
		return
	}
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(b)
	if err != nil {
		specErr = err
		return
	}
	if err := doc.Validate(loader.Context); err != nil {
		specErr = err
		return
	}
	// Match requests on path alone; the test server has no host.
	doc.Servers = openapi3.Servers{{URL: "/api/v1"}}
	specRouter, specErr = gorillamux.NewRouter(doc)
}

// statusClientClosedRequest is logged when a client went away; nobody reads it.
const statusClientClosedRequest = 499

// checkContract validates a response against the spec: the route and
// method must be documented, and the status, content type and body must
// match what it documents.
func checkContract(t testing.TB, method, path string, reqBody []byte, h http.Header, resp *Resp) {
	t.Helper()
	specOnce.Do(loadSpec)
	if specErr != nil {
		t.Fatalf("contract: load %s: %v", SpecPath(), specErr)
	}
	req := httptest.NewRequest(method, path, bytes.NewReader(reqBody))
	req.Header = h.Clone()
	route, params, err := specRouter.FindRoute(req)
	if err != nil {
		t.Errorf("contract: %s %s is not in the OpenAPI spec (run `make openapi`): %v", method, path, err)
		return
	}
	in := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route,
		Options: &openapi3filter.Options{ExcludeRequestBody: true, AuthenticationFunc: openapi3filter.NoopAuthenticationFunc}}
	out := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: in,
		Status:                 resp.Status,
		Header:                 resp.Header,
		Body:                   io.NopCloser(bytes.NewReader(resp.Body)),
		Options:                &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true},
	}
	// Every client error the route gives must be one its operation
	// documents by status: a client generated from the spec knows about it
	// (the converter derives them; api/cmd/openapi3 clientErrorsOf).
	if resp.Status >= 400 && resp.Status < 500 && resp.Status != statusClientClosedRequest &&
		route.Operation.Responses.Value(strconv.Itoa(resp.Status)) == nil {
		t.Errorf("contract: %s %s -> %d, a status its operation %s does not document: %.300s",
			method, path, resp.Status, route.Operation.OperationID, resp.Body)
	}
	if resp.Status == http.StatusNotModified || resp.Status == http.StatusNoContent || method == http.MethodHead {
		return
	}
	if err := openapi3filter.ValidateResponse(context.Background(), out); err != nil {
		t.Errorf("contract: %s %s -> %d does not match the spec: %v\nbody: %.600s", method, path, resp.Status, err, resp.Body)
	}
}
