// Command openapi3 converts swag's Swagger 2.0 output into the OpenAPI 3
// document the API serves and the tests validate against. On the way it
// states what every operation shares, so handlers need not repeat it: each
// error response is an RFC 9457 application/problem+json Problem.
//
//	go run ./api/cmd/openapi3 docs/swagger2/swagger.json docs/openapi.json
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi2"
	"github.com/getkin/kin-openapi/openapi2conv"
	"github.com/getkin/kin-openapi/openapi3"

	"kulttuurisilta/api/internal/apperr"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: openapi3 <swagger.json> <openapi.json>")
		os.Exit(2)
	}
	if err := convert(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, "openapi3:", err)
		os.Exit(1)
	}
}

func convert(in, out string) error {
	raw, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	var v2 openapi2.T
	if err := json.Unmarshal(raw, &v2); err != nil {
		return fmt.Errorf("read swagger 2.0: %w", err)
	}
	doc, err := openapi2conv.ToV3(&v2)
	if err != nil {
		return fmt.Errorf("convert: %w", err)
	}
	doc.OpenAPI = "3.0.3"
	doc.Servers = openapi3.Servers{{URL: "/api/v1"}}
	addProblems(doc)
	markNullable(doc)
	normaliseMediaTypes(doc)
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return err
	}
	// Load the result as a client would, resolving every reference.
	loader := openapi3.NewLoader()
	loaded, err := loader.LoadFromData(b)
	if err != nil {
		return fmt.Errorf("reload: %w", err)
	}
	if err := loaded.Validate(loader.Context); err != nil {
		return fmt.Errorf("the converted document is invalid: %w", err)
	}
	return os.WriteFile(out, append(b, '\n'), 0o644)
}

const problemRef = "#/components/schemas/Problem"

// problemSchema is the RFC 9457 body of every error (package httpapi
// writes it); extension members such as current_version are allowed.
func problemSchema() *openapi3.Schema {
	codes := make([]any, len(apperr.Codes))
	for i, c := range apperr.Codes {
		codes[i] = c
	}
	code := openapi3.NewStringSchema().WithEnum(codes...)
	code.Description = "Stable machine-readable reason, for clients to translate (docs/adr/0001-api-conventions.md)."
	field := openapi3.NewObjectSchema().
		WithProperty("field", openapi3.NewStringSchema()).
		WithProperty("message", openapi3.NewStringSchema()).
		WithProperty("code", code)
	field.Required = []string{"field", "message", "code"}
	p := openapi3.NewObjectSchema().
		WithProperty("type", openapi3.NewStringSchema()).
		WithProperty("title", openapi3.NewStringSchema()).
		WithProperty("status", openapi3.NewIntegerSchema().WithMin(400).WithMax(599)).
		WithProperty("detail", openapi3.NewStringSchema()).
		WithProperty("request_id", openapi3.NewStringSchema()).
		WithProperty("errors", openapi3.NewArraySchema().WithItems(field))
	p.Required = []string{"type", "title", "status"}
	return p
}

// addProblems makes every non-2xx response, and a default response on
// every operation, an application/problem+json Problem.
func addProblems(doc *openapi3.T) {
	if doc.Components == nil {
		doc.Components = &openapi3.Components{}
	}
	if doc.Components.Schemas == nil {
		doc.Components.Schemas = openapi3.Schemas{}
	}
	doc.Components.Schemas["Problem"] = openapi3.NewSchemaRef("", problemSchema())
	problem := &openapi3.SchemaRef{Ref: problemRef}
	content := openapi3.Content{"application/problem+json": &openapi3.MediaType{Schema: problem}}
	desc := "An RFC 9457 problem: 400 malformed, 401 unauthenticated, 403 forbidden, 404 not found, 409 conflict, 412 version mismatch, 413 too large, 415 not JSON, 422 invalid (with errors), 429 rate limited, 503 unavailable."
	for _, path := range doc.Paths.InMatchingOrder() {
		for _, op := range doc.Paths.Value(path).Operations() {
			for code, r := range op.Responses.Map() {
				if strings.HasPrefix(code, "2") || strings.HasPrefix(code, "3") || r.Value == nil {
					continue
				}
				r.Value.Content = content
			}
			op.Responses.Set("default", &openapi3.ResponseRef{Value: &openapi3.Response{Description: &desc, Content: content}})
		}
	}
}

// normaliseMediaTypes drops the empty bodies swag declares for 204/304
// and keeps content types in a stable order.
func normaliseMediaTypes(doc *openapi3.T) {
	for _, path := range doc.Paths.InMatchingOrder() {
		for _, op := range doc.Paths.Value(path).Operations() {
			for code, r := range op.Responses.Map() {
				if (code == "204" || code == "304") && r.Value != nil {
					r.Value.Content = nil
				}
			}
			if op.RequestBody != nil && op.RequestBody.Value != nil {
				keys := make([]string, 0, len(op.RequestBody.Value.Content))
				for k := range op.RequestBody.Value.Content {
					keys = append(keys, k)
				}
				sort.Strings(keys)
			}
		}
	}
}

// markNullable turns swag's x-nullable field extension (from the struct tag
// extensions:"x-nullable") into OpenAPI 3's nullable, so a response field
// that may be null validates.
func markNullable(doc *openapi3.T) {
	seen := map[*openapi3.Schema]bool{}
	var walk func(s *openapi3.SchemaRef)
	walk = func(s *openapi3.SchemaRef) {
		if s == nil || s.Value == nil || seen[s.Value] {
			return
		}
		v := s.Value
		seen[v] = true
		if b, ok := v.Extensions["x-nullable"].(bool); ok && b {
			v.Nullable = true
			delete(v.Extensions, "x-nullable")
		}
		for _, p := range v.Properties {
			walk(p)
		}
		for _, list := range []openapi3.SchemaRefs{v.AllOf, v.AnyOf, v.OneOf} {
			for _, x := range list {
				walk(x)
			}
		}
		walk(v.Items)
	}
	for name, s := range doc.Components.Schemas {
		walk(s)
		// A PATCH body names only the fields it changes, and null clears
		// an optional field.
		if strings.HasSuffix(name, "Patch") && s.Value != nil {
			s.Value.Required = nil
			for _, p := range s.Value.Properties {
				if p.Value != nil && p.Ref == "" {
					p.Value.Nullable = true
				}
			}
		}
	}
}
