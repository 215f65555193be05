package main

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"kulttuurisilta/api/internal/apperr"
)

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

// clientErrors describes each 4xx status the API gives (ADR 0001).
var clientErrors = map[int]string{
	http.StatusBadRequest:            "Malformed request: a parameter that does not parse, or a body that is not valid JSON.",
	http.StatusUnauthorized:          "No credentials, or an expired, revoked or invalid token.",
	http.StatusForbidden:             "Signed in, but the role, department or token scope does not allow this.",
	http.StatusNotFound:              "No such resource, or one the caller may not see.",
	http.StatusConflict:              "Conflicts with existing data (a duplicate, a clash, a locked month, a state that does not allow it) or with a concurrent change; errors or detail say which.",
	http.StatusPreconditionFailed:    "If-Match names a version that is no longer current; current_version has the current one.",
	http.StatusRequestEntityTooLarge: "The request body is over 1 MiB.",
	http.StatusUnsupportedMediaType:  "The request body is not in a media type the operation accepts.",
	http.StatusUnprocessableEntity:   "Invalid content: errors[] names each bad field with a code.",
	http.StatusTooManyRequests:       "Too many attempts; Retry-After says when to try again.",
}

// writeMethods change something; they may conflict with existing data or a
// concurrent change (unique and exclusion constraints, serialisation
// failures, domain conflicts all answer 409).
var writeMethods = map[string]bool{http.MethodPost: true, http.MethodPut: true, http.MethodPatch: true, http.MethodDelete: true}

// clientErrorsOf derives the 4xx statuses an operation can answer from
// facts about it, so handlers need not repeat them:
//   - any parameter or body -> 400 (does not parse);
//   - security required -> 401 and 403;
//   - a path parameter -> 404;
//   - a secured write -> 409;
//   - an If-Match header -> 412;
//   - a request body -> 413, 415 and 422.
//
// A status an annotation declares (@Failure 429 "...") is kept as well.
func clientErrorsOf(method string, op *openapi3.Operation) []int {
	has := map[int]bool{}
	secured := op.Security != nil && len(*op.Security) > 0
	for _, p := range op.Parameters {
		if p.Value == nil {
			continue
		}
		has[http.StatusBadRequest] = true
		switch {
		case p.Value.In == openapi3.ParameterInPath:
			has[http.StatusNotFound] = true
		case p.Value.In == openapi3.ParameterInHeader && strings.EqualFold(p.Value.Name, "If-Match"):
			has[http.StatusPreconditionFailed] = true
		}
	}
	if op.RequestBody != nil {
		for _, s := range []int{http.StatusBadRequest, http.StatusRequestEntityTooLarge, http.StatusUnsupportedMediaType, http.StatusUnprocessableEntity} {
			has[s] = true
		}
	}
	if secured {
		has[http.StatusUnauthorized] = true
		has[http.StatusForbidden] = true
		if writeMethods[method] {
			has[http.StatusConflict] = true
		}
	}
	var out []int
	for s := 400; s < 500; s++ {
		if has[s] || op.Responses.Value(strconv.Itoa(s)) != nil {
			out = append(out, s)
		}
	}
	return out
}

// addProblems documents on every operation each 4xx it can answer, and a
// default for the rest (503, 504, 500), all as application/problem+json
// Problems.
func addProblems(doc *openapi3.T) {
	if doc.Components == nil {
		doc.Components = &openapi3.Components{}
	}
	if doc.Components.Schemas == nil {
		doc.Components.Schemas = openapi3.Schemas{}
	}
	doc.Components.Schemas["Problem"] = openapi3.NewSchemaRef("", problemSchema())
	content := openapi3.Content{"application/problem+json": &openapi3.MediaType{Schema: &openapi3.SchemaRef{Ref: problemRef}}}
	def := "An RFC 9457 problem: 503 unavailable (with Retry-After), 504 database timeout, 500 an unexpected error (logged)."
	for _, path := range doc.Paths.InMatchingOrder() {
		for method, op := range doc.Paths.Value(path).Operations() {
			for _, s := range clientErrorsOf(method, op) {
				code := strconv.Itoa(s)
				r := op.Responses.Value(code)
				if r == nil {
					d := clientErrors[s]
					if d == "" {
						d = http.StatusText(s)
					}
					r = &openapi3.ResponseRef{Value: &openapi3.Response{Description: &d}}
					op.Responses.Set(code, r)
				}
				r.Value.Content = content
			}
			for code, r := range op.Responses.Map() {
				if code[0] == '5' && r.Value != nil {
					r.Value.Content = content
				}
			}
			op.Responses.Set("default", &openapi3.ResponseRef{Value: &openapi3.Response{Description: &def, Content: content}})
		}
	}
}

// securitySchemes declares the bearer scheme as HTTP bearer authentication
// (swag v1 can write only an apiKey header), and makes public operations
// say so with an empty security list.
func securitySchemes(doc *openapi3.T) {
	for name, s := range doc.Components.SecuritySchemes {
		if s.Value != nil && s.Value.Type == "apiKey" && strings.EqualFold(s.Value.Name, "Authorization") {
			doc.Components.SecuritySchemes[name] = &openapi3.SecuritySchemeRef{Value: &openapi3.SecurityScheme{
				Type: "http", Scheme: "bearer", Description: s.Value.Description}}
		}
	}
	for _, path := range doc.Paths.InMatchingOrder() {
		for _, op := range doc.Paths.Value(path).Operations() {
			if op.Security == nil {
				op.Security = openapi3.NewSecurityRequirements()
			}
		}
	}
}
