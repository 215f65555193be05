package budget_test

import (
	"net/http"
	"slices"
	"testing"
)

// TestAgreementInUseOffersNoDelete: an agreement with cost entries or
// invoicing bases lists no delete (alone and in its list, as one who may
// delete it sees it) and its DELETE is a 409; a free one lists delete, and
// is deleted. One case per foreign key that refuses the delete, and the
// cases are exactly those of the schema.
func TestAgreementInUseOffersNoDelete(t *testing.T) {
	t.Parallel()
	tests := []struct {
		ref   string // the foreign key that refers to it ("": free)
		refer func(f *fixture)
	}{
		{"", nil},
		{"costs.agreement_id", func(f *fixture) { f.cost("2025-03-02", 12500, "materials", nil) }},
		// An empty month locked: its invoicing basis, and no cost entry.
		{"invoicing_bases.agreement_id", func(f *fixture) { f.lockMonth("2025-02") }},
	}
	var refs []string
	for _, tc := range tests {
		if tc.ref != "" {
			refs = append(refs, tc.ref)
		}
	}
	slices.Sort(refs)
	for _, tc := range tests {
		t.Run(tc.ref, func(t *testing.T) {
			f := newFixture(t, 5000)
			path, list := "/api/v1/agreements/"+f.agreement, "/api/v1/agreements?limit=200"
			if !f.env.Offers(path, list, f.agreement, f.admin, "delete") {
				t.Fatalf("a free one offers no delete")
			}
			if tc.refer != nil {
				tc.refer(f)
			}
			if got := f.env.Offers(path, list, f.agreement, f.admin, "delete"); got != (tc.refer == nil) {
				t.Fatalf("delete offered: %v, want %v", got, tc.refer == nil)
			}
			if f.env.Offers(path, list, f.agreement, f.viewer, "delete") {
				t.Fatalf("a viewer is offered delete")
			}
			if tc.refer == nil {
				f.env.Delete(path, f.admin, "").Expect(http.StatusNoContent)
			} else {
				f.env.Delete(path, f.admin, "").Problem(http.StatusConflict, "conflict")
			}
			if want := f.env.RestrictingReferences("agreements"); !slices.Equal(refs, want) {
				t.Errorf("the cases refer through %v; the foreign keys that refuse an agreement's delete are %v", refs, want)
			}
		})
	}
}
