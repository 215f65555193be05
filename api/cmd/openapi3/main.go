// Command openapi3 converts swag's Swagger 2.0 output into the OpenAPI 3
// document the API serves and the tests validate against. On the way it
// states what every operation shares, so handlers need not repeat it: its
// operationId is its handler's Go name; the 4xx statuses it can answer are
// derived from its parameters, body and security (clientErrorsOf), each an
// RFC 9457 application/problem+json Problem; the bearer scheme is HTTP
// bearer authentication.
//
//	go run ./api/cmd/openapi3 docs/swagger2/swagger.json docs/openapi.json api
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
)

func main() {
	if len(os.Args) != 4 {
		fmt.Fprintln(os.Stderr, "usage: openapi3 <swagger.json> <openapi.json> <source dir>")
		os.Exit(2)
	}
	if err := convert(os.Args[1], os.Args[2], os.Args[3]); err != nil {
		fmt.Fprintln(os.Stderr, "openapi3:", err)
		os.Exit(1)
	}
}

func convert(in, out, src string) error {
	raw, err := os.ReadFile(in) //nolint:gosec // G304: the converter reads the file named on its command line
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
	names, err := handlerNames(src)
	if err != nil {
		return err
	}
	if err := setOperationIDs(doc, names); err != nil {
		return err
	}
	securitySchemes(doc)
	pagingParams(doc)
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
	return os.WriteFile(out, append(b, '\n'), 0o644) //nolint:gosec // G306: the committed spec is public and read by everyone
}

// typeOf is the type of a schema, following a components reference.
func typeOf(doc *openapi3.T, s *openapi3.SchemaRef) *openapi3.Types {
	if s.Ref != "" {
		if t := doc.Components.Schemas[strings.TrimPrefix(s.Ref, "#/components/schemas/")]; t != nil {
			s = t
		}
	}
	if s.Value != nil && s.Value.Type != nil {
		return s.Value.Type
	}
	return &openapi3.Types{openapi3.TypeObject}
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
		// OpenAPI 3.0.3 gives nullable a meaning only beside a type: a
		// nullable reference (swag writes allOf: [$ref]) gets the type of
		// what it refers to.
		if v.Nullable && v.Type == nil && len(v.AllOf) > 0 {
			v.Type = typeOf(doc, v.AllOf[0])
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
