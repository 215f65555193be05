package faulttest_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"

	"kulttuurisilta/api/internal/apitest"
	"kulttuurisilta/api/internal/seed"
)

// operation is one method + path of the spec.
type operation struct {
	Method string
	Path   string // the template, e.g. /units/{id}
	Op     *openapi3.Operation
}

func (o operation) String() string { return o.Method + " " + o.Path }

// secured says whether the operation needs credentials (the spec has no
// global security requirement, so an operation without one is public).
func (o operation) secured() bool { return o.Op.Security != nil && len(*o.Op.Security) > 0 }

func (o operation) hasBody() bool { return o.Op.RequestBody != nil && o.Op.RequestBody.Value != nil }

// jsonBodySchema returns the request body's JSON schema, or nil.
func (o operation) jsonBodySchema() *openapi3.Schema {
	if !o.hasBody() {
		return nil
	}
	mt := o.Op.RequestBody.Value.Content.Get("application/json")
	if mt == nil || mt.Schema == nil {
		return nil
	}
	return mt.Schema.Value
}

var (
	specOnce sync.Once
	specOps  []operation
	specErr  error
)

// operations lists every operation of docs/openapi.json, sorted.
func operations(t *testing.T) []operation {
	t.Helper()
	specOnce.Do(func() {
		b, err := os.ReadFile(apitest.SpecPath())
		if err != nil {
			specErr = err
			return
		}
		doc, err := openapi3.NewLoader().LoadFromData(b)
		if err != nil {
			specErr = err
			return
		}
		for path, item := range doc.Paths.Map() {
			for method, op := range item.Operations() {
				specOps = append(specOps, operation{Method: method, Path: path, Op: op})
			}
		}
		sort.Slice(specOps, func(i, j int) bool { return specOps[i].String() < specOps[j].String() })
	})
	if specErr != nil {
		t.Fatalf("load spec: %v", specErr)
	}
	if len(specOps) < 10 {
		t.Fatalf("the spec lists only %d operations", len(specOps))
	}
	return specOps
}

// world is an API over a database holding the demo data set and the tiny
// generated one, so most path ids resolve to real rows.
type world struct {
	env   *apitest.Env
	admin string
	month string
	mu    sync.Mutex
	ids   map[string]string // collection path -> an id in it
}

func newWorld(t *testing.T) *world {
	t.Helper()
	env := apitest.New(t)
	ctx := context.Background()
	if err := seed.Demo(ctx, env.DB, env.Zone); err != nil {
		t.Fatalf("demo seed: %v", err)
	}
	if err := seed.Scale(ctx, env.DB, "tiny", env.Zone, io.Discard); err != nil {
		t.Fatalf("tiny seed: %v", err)
	}
	return &world{env: env, admin: env.Token("admin"), month: time.Now().In(env.Zone).Format("2006-01"),
		ids: map[string]string{}}
}

var paramRe = regexp.MustCompile(`\{([^}]+)\}`)

// concrete fills a path template's parameters with real ids (the first
// item of the collection the parameter indexes) and prefixes /api/v1.
func (w *world) concrete(tmpl string) string { return fill(tmpl, w.values(tmpl)) }

// values resolves each parameter of tmpl, in order.
func (w *world) values(tmpl string) []string {
	var vals []string
	for _, m := range paramRe.FindAllStringSubmatchIndex(tmpl, -1) {
		name := tmpl[m[2]:m[3]]
		if name == "month" {
			vals = append(vals, w.month)
			continue
		}
		prefix := fill(tmpl[:m[0]], vals)
		vals = append(vals, w.idIn(strings.TrimSuffix(strings.TrimPrefix(prefix, "/api/v1"), "/")))
	}
	return vals
}

// fill substitutes vals for tmpl's parameters, in order, under /api/v1.
func fill(tmpl string, vals []string) string {
	i := 0
	return "/api/v1" + paramRe.ReplaceAllStringFunc(tmpl, func(string) string {
		v := vals[i]
		i++
		return v
	})
}

func (w *world) idIn(collection string) string {
	w.mu.Lock()
	defer w.mu.Unlock()
	if id, ok := w.ids[collection]; ok {
		return id
	}
	id := "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b" // well-formed, matches nothing
	w.env.SkipContract = false
	r := w.env.Get("/api/v1"+collection+"?limit=1", w.admin)
	if r.Status == 200 {
		var l struct {
			Items []struct {
				ID string `json:"id"`
			} `json:"items"`
		}
		if json.Unmarshal(r.Body, &l) == nil && len(l.Items) > 0 && l.Items[0].ID != "" {
			id = l.Items[0].ID
		}
	}
	w.ids[collection] = id
	return id
}

// badPathValues replace one path parameter at a time.
var badPathValues = []string{"not-a-uuid", "00000000-0000-0000-0000-000000000000", "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b",
	"%27%20OR%201%3D1--", "1", strings.Repeat("a", 300), "2025-13", "%00"}

// badQueryValues are sent for typed parameters (which must refuse them
// with 400/422) and free-text ones (which must not fail).
func badQueryValues(s *openapi3.Schema) (values []string, typed bool) {
	switch {
	case s == nil:
		return apitest.InjectionStrings, false
	case s.Type.Is("integer") || s.Type.Is("number"):
		return []string{"abc", "99999999999999999999", "1.5e999", "--1"}, true
	case s.Type.Is("boolean"):
		return []string{"maybe", "2"}, true
	case len(s.Enum) > 0:
		return []string{"no_such_value", "'; DROP TABLE units; --"}, true
	case s.Format == "uuid":
		return []string{"not-a-uuid", "1234", "'; DROP TABLE units; --"}, true
	case s.Format == "date" || s.Format == "date-time":
		return []string{"2025-13-45", "yesterday", "2025-02-30T25:61:00Z"}, true
	}
	return apitest.InjectionStrings[:5], false
}

// validQuery fills the required query parameters with plausible values.
func (w *world) validQuery(op operation) url.Values {
	q := url.Values{}
	now := time.Now().In(w.env.Zone)
	for _, p := range op.Op.Parameters {
		pv := p.Value
		if pv == nil || pv.In != "query" || !pv.Required {
			continue
		}
		var s *openapi3.Schema
		if pv.Schema != nil {
			s = pv.Schema.Value
		}
		switch {
		case pv.Name == "from":
			q.Set("from", now.AddDate(0, 0, -now.Day()+1).Format(time.DateOnly))
		case pv.Name == "to":
			q.Set("to", now.AddDate(0, 1, -now.Day()+1).Format(time.DateOnly))
		case s != nil && len(s.Enum) > 0:
			q.Set(pv.Name, fmt.Sprint(s.Enum[0]))
		case s != nil && s.Format == "uuid" && pv.Name == "agreement_id":
			q.Set(pv.Name, w.idIn("/agreements"))
		case s != nil && s.Format == "uuid":
			q.Set(pv.Name, w.idIn("/"+strings.TrimSuffix(pv.Name, "_id")+"s"))
		default:
			q.Set(pv.Name, "1")
		}
	}
	return q
}

// wrongTypeBodies gives, for each property of a JSON body schema, a body
// with only that property, of the wrong type.
func wrongTypeBodies(s *openapi3.Schema) map[string]map[string]any {
	out := map[string]map[string]any{}
	if s == nil {
		return out
	}
	for name, ref := range s.Properties {
		if ref == nil || ref.Value == nil {
			continue
		}
		p := ref.Value
		var wrong any
		switch {
		case p.Type.Is("string"):
			wrong = 12345
		case p.Type.Is("integer") || p.Type.Is("number"):
			wrong = "not a number"
		case p.Type.Is("boolean"):
			wrong = "yes"
		case p.Type.Is("array"):
			wrong = map[string]any{"not": "a list"}
		default:
			wrong = []any{"not", "an", "object"}
		}
		out[name] = map[string]any{name: wrong}
	}
	return out
}
