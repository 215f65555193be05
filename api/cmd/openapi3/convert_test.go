package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

func param(in, name string) *openapi3.ParameterRef {
	return &openapi3.ParameterRef{Value: &openapi3.Parameter{In: in, Name: name}}
}

func TestClientErrorsOf(t *testing.T) {
	bearer := openapi3.NewSecurityRequirements().With(openapi3.NewSecurityRequirement().Authenticate("BearerAuth"))
	body := &openapi3.RequestBodyRef{Value: openapi3.NewRequestBody()}
	declared := openapi3.NewResponses()
	declared.Set("401", &openapi3.ResponseRef{Value: openapi3.NewResponse()})
	declared.Set("429", &openapi3.ResponseRef{Value: openapi3.NewResponse()})
	cases := []struct {
		name   string
		method string
		op     *openapi3.Operation
		want   []int
	}{
		{"a public read without parameters", "GET", &openapi3.Operation{Responses: openapi3.NewResponses()}, nil},
		{"a secured list with a query", "GET", &openapi3.Operation{Security: bearer, Responses: openapi3.NewResponses(),
			Parameters: openapi3.Parameters{param("query", "limit")}}, []int{400, 401, 403}},
		{"a secured read of one row", "GET", &openapi3.Operation{Security: bearer, Responses: openapi3.NewResponses(),
			Parameters: openapi3.Parameters{param("path", "id")}}, []int{400, 401, 403, 404}},
		{"a secured change with If-Match", "PATCH", &openapi3.Operation{Security: bearer, Responses: openapi3.NewResponses(),
			Parameters: openapi3.Parameters{param("path", "id"), param("header", "If-Match")}, RequestBody: body},
			[]int{400, 401, 403, 404, 409, 412, 413, 415, 422}},
		{"a secured delete", "DELETE", &openapi3.Operation{Security: bearer, Responses: openapi3.NewResponses(),
			Parameters: openapi3.Parameters{param("path", "id"), param("header", "If-Match")}},
			[]int{400, 401, 403, 404, 409, 412}},
		{"login: public, with declared 401 and 429", "POST", &openapi3.Operation{Security: openapi3.NewSecurityRequirements(),
			Responses: declared, RequestBody: body}, []int{400, 401, 413, 415, 422, 429}},
	}
	for _, c := range cases {
		if got := clientErrorsOf(c.method, c.op); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

func TestOperationIDs(t *testing.T) {
	names, err := handlerNames(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	for key, want := range map[string]string{"GET /units/{id}": "getUnit", "POST /auth/login": "login",
		"GET /agreements/{id}/split.csv": "getSplitCSV", "GET /audit-events": "listAuditEvents"} {
		if names[key] != want {
			t.Errorf("%s: handler %q, want %q", key, names[key], want)
		}
	}
	doc := &openapi3.T{Paths: openapi3.NewPaths()}
	doc.Paths.Set("/a", &openapi3.PathItem{Get: &openapi3.Operation{}, Post: &openapi3.Operation{OperationID: "explicit"}})
	doc.Paths.Set("/b", &openapi3.PathItem{Get: &openapi3.Operation{}})
	err = setOperationIDs(doc, map[string]string{"GET /a": "same", "GET /b": "same"})
	if err == nil || !strings.Contains(err.Error(), `"same" is used by`) {
		t.Errorf("a duplicate id: %v", err)
	}
	if doc.Paths.Value("/a").Post.OperationID != "explicit" {
		t.Error("an @ID was replaced")
	}
	doc = &openapi3.T{Paths: openapi3.NewPaths()}
	doc.Paths.Set("/a", &openapi3.PathItem{Get: &openapi3.Operation{}})
	doc.Paths.Set("/b", &openapi3.PathItem{Get: &openapi3.Operation{}})
	if err := setOperationIDs(doc, map[string]string{"GET /a": "one"}); err == nil || !strings.Contains(err.Error(), "GET /b has no handler") {
		t.Errorf("a missing id: %v", err)
	}
}

// TestCommittedSpec checks the standards docs/openapi.json promises (and
// `make openapi-lint` checks independently): unique operation ids, HTTP
// bearer authentication, nullable only beside a type, and the client
// errors each operation can give documented as Problems.
func TestCommittedSpec(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "..", "docs", "openapi.json"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := openapi3.NewLoader().LoadFromData(b)
	if err != nil {
		t.Fatal(err)
	}
	if s := doc.Components.SecuritySchemes["BearerAuth"]; s == nil || s.Value.Type != "http" || s.Value.Scheme != "bearer" {
		t.Errorf("BearerAuth is %+v, want type http, scheme bearer", s.Value)
	}
	ids := map[string]string{}
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			key := method + " " + path
			if op.OperationID == "" || ids[op.OperationID] != "" {
				t.Errorf("%s: operationId %q empty or also used by %s", key, op.OperationID, ids[op.OperationID])
			}
			ids[op.OperationID] = key
			if op.Security == nil {
				t.Errorf("%s states no security (public operations say security: [])", key)
			}
			want := clientErrorsOf(method, op)
			if path == "/auth/login" {
				want = append(want, 401, 429)
			}
			for _, s := range want {
				r := op.Responses.Status(s)
				if r == nil || r.Value == nil || r.Value.Content.Get("application/problem+json") == nil ||
					r.Value.Content.Get("application/problem+json").Schema.Ref != problemRef {
					t.Errorf("%s does not document %d as a Problem", key, s)
				}
			}
		}
	}
	// No nullable beside allOf without a type, anywhere.
	var raw any
	_ = json.Unmarshal(b, &raw)
	var walk func(v any, at string)
	walk = func(v any, at string) {
		switch x := v.(type) {
		case map[string]any:
			if x["nullable"] == true && x["type"] == nil {
				t.Errorf("%s: nullable without a type", at)
			}
			for k, c := range x {
				walk(c, at+"/"+k)
			}
		case []any:
			for _, c := range x {
				walk(c, at+"/*")
			}
		}
	}
	walk(raw, "#")
}
