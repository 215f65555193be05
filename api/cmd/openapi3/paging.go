package main

import (
	"slices"

	"github.com/getkin/kin-openapi/openapi3"
)

// pagingParams gives every list (an operation with a ?limit=) the cursor
// parameters that api/internal/paging reads for every list alike, so no
// handler repeats them: ?cursor= (a next_cursor, keyset paging) and
// ?total= (whether to count, and whether exactly: ADR 0170).
func pagingParams(doc *openapi3.T) {
	for _, item := range doc.Paths.Map() {
		op := item.Get
		if op == nil {
			continue
		}
		at := slices.IndexFunc(op.Parameters, func(p *openapi3.ParameterRef) bool {
			return p.Value != nil && p.Value.In == "query" && p.Value.Name == "limit"
		})
		if at < 0 {
			continue
		}
		has := func(name string) bool {
			return slices.ContainsFunc(op.Parameters, func(p *openapi3.ParameterRef) bool {
				return p.Value != nil && p.Value.In == "query" && p.Value.Name == name
			})
		}
		var add openapi3.Parameters
		if !has("cursor") {
			add = append(add, &openapi3.ParameterRef{Value: openapi3.NewQueryParameter("cursor").
				WithDescription("The next_cursor of the page before: the page after it in the same order (keyset paging, stable " +
					"under inserts). Opaque; a changed cursor, or one with offset, is a 400.").
				WithSchema(openapi3.NewStringSchema())})
		}
		if !has("total") {
			add = append(add, &openapi3.ParameterRef{Value: openapi3.NewQueryParameter("total").
				WithDescription("Count the matching items into total: by default the first page (no cursor) does and " +
					"later pages do not (true, false). A total is exact up to 10,000 items; above that it is the " +
					"database's estimate, flagged by total_is_estimate, unless total=exact asks for an exact count " +
					"(slower over a large list).").
				WithSchema(openapi3.NewStringSchema().WithEnum("true", "false", "exact"))})
		}
		op.Parameters = slices.Insert(op.Parameters, at+1, add...)
	}
}
