package faulttest_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// hasQuery says whether op takes the query parameter name.
func hasQuery(op operation, name string) bool {
	return slices.ContainsFunc(op.Op.Parameters, func(p *openapi3.ParameterRef) bool {
		return p.Value != nil && p.Value.In == "query" && p.Value.Name == name
	})
}

// listPage is any list response: its items as raw JSON, its total and
// next cursor.
type listPage struct {
	Items      []json.RawMessage `json:"items"`
	Total      *int64            `json:"total"`
	NextCursor *string           `json:"next_cursor"`
}

// TestEveryListWalksWithCursor walks every list of docs/openapi.json (every
// GET with ?limit=) over the demo and tiny data sets with an admin's token:
// pages of 2 items followed by next_cursor until it is null give exactly
// the items of one page of 200, in order; the first page counts the total,
// total=false leaves it out; a changed cursor is a 400 problem naming
// cursor. Every response is checked against the spec.
func TestEveryListWalksWithCursor(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	lists, walked := 0, 0
	for _, op := range operations(t) {
		if op.Method != http.MethodGet || !hasQuery(op, "limit") {
			continue
		}
		lists++
		if !hasQuery(op, "cursor") || !hasQuery(op, "total") {
			t.Errorf("%s: a list without ?cursor= and ?total=", op)
			continue
		}
		base := w.concrete(op.Path)
		q := w.validQuery(op)
		get := func(extra url.Values) (listPage, int) {
			t.Helper()
			v := url.Values{}
			for k, vs := range q {
				v[k] = vs
			}
			for k, vs := range extra {
				v[k] = vs
			}
			r := w.env.Get(base+"?"+v.Encode(), w.admin)
			var p listPage
			if r.Status == http.StatusOK {
				r.JSON(&p)
			}
			return p, r.Status
		}
		whole, status := get(url.Values{"limit": {"200"}})
		if status != http.StatusOK {
			t.Errorf("%s: %d", op, status)
			continue
		}
		if whole.Total == nil {
			t.Errorf("%s: the first page has no total", op)
		} else if int(*whole.Total) != len(whole.Items) && whole.NextCursor == nil {
			t.Errorf("%s: total %d with %d items on the only page", op, *whole.Total, len(whole.Items))
		}
		if p, _ := get(url.Values{"limit": {"2"}, "total": {"false"}}); p.Total != nil {
			t.Errorf("%s: total=false still counted", op)
		}
		if whole.NextCursor != nil {
			t.Logf("%s: more than 200 items; walking the first 200", op)
		}
		var walkedItems []json.RawMessage
		extra := url.Values{"limit": {"2"}}
		pages := 0
		for len(walkedItems) < len(whole.Items) && pages < 150 {
			p, status := get(extra)
			if status != http.StatusOK {
				t.Errorf("%s page %d: %d", op, pages, status)
				break
			}
			if pages > 0 && p.Total != nil {
				t.Errorf("%s: a cursor page counted without total=true", op)
			}
			walkedItems = append(walkedItems, p.Items...)
			pages++
			if p.NextCursor == nil {
				break
			}
			if pages == 1 {
				// a changed cursor is a 400 problem naming cursor
				bad := []byte(*p.NextCursor)
				bad[len(bad)/2] ^= 1
				v := url.Values{}
				for k, vs := range q {
					v[k] = vs
				}
				v.Set("cursor", string(bad))
				r := w.env.Get(base+"?"+v.Encode(), w.admin)
				want4xxProblem(t, op.String()+" with a changed cursor", r)
				if r.Status != http.StatusBadRequest || !slices.Contains(r.FieldErrors(), "cursor") {
					t.Errorf("%s with a changed cursor: %d %s", op, r.Status, r.Body)
				}
			}
			extra = url.Values{"limit": {"2"}, "cursor": {*p.NextCursor}}
		}
		if len(walkedItems) > len(whole.Items) {
			walkedItems = walkedItems[:len(whole.Items)]
		}
		if len(walkedItems) != len(whole.Items) {
			t.Errorf("%s: the cursor walk found %d items, one page %d", op, len(walkedItems), len(whole.Items))
			continue
		}
		for i := range walkedItems {
			if string(walkedItems[i]) != string(whole.Items[i]) {
				t.Errorf("%s: item %d differs between the cursor walk and one page:\n%s\n%s", op, i, walkedItems[i], whole.Items[i])
				break
			}
		}
		if len(whole.Items) > 2 {
			walked++
		}
	}
	t.Logf("%d lists, %d walked over more than one page", lists, walked)
	if lists < 25 {
		t.Fatalf("only %d lists", lists)
	}
}
