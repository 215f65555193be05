package committee_test

import (
	"net/http"
	"slices"
	"testing"

	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/apitest"
)

// TestCommitteeInUseOffersNoDelete: a committee with members, meetings or
// ideas lists no delete (alone and in its list, as the admin and the unit's
// mentor see it) and its DELETE is a 409; a free one lists delete, and is
// deleted. One case per foreign key that refuses the delete, and the cases
// are exactly those of the schema.
func TestCommitteeInUseOffersNoDelete(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	admin := env.Token(access.RoleAdmin)
	unit := env.Unit()
	mentor := env.Token(access.RoleMentor, apitest.WithUnits(unit))
	viewer := env.Token(access.RoleViewer)
	tests := []struct {
		ref   string // the foreign key that refers to it ("": free)
		refer func(committee string)
	}{
		{"", nil},
		{"committee_members.committee_id", func(committee string) {
			env.Post("/api/v1/committees/"+committee+"/members", admin, map[string]any{"display_name": "Aili",
				"role": "member", "joined_on": "2025-01-15"}).Expect(http.StatusCreated)
		}},
		{"committee_meetings.committee_id", func(committee string) {
			env.Post("/api/v1/committees/"+committee+"/meetings", admin, map[string]any{"held_on": "2025-03-10"}).
				Expect(http.StatusCreated)
		}},
		{"ideas.committee_id", func(committee string) {
			env.Post("/api/v1/ideas", admin, map[string]any{"committee_id": committee, "title": "Tanssit",
				"source": "meeting"}).Expect(http.StatusCreated)
		}},
	}
	var refs []string
	for _, tc := range tests {
		if tc.ref != "" {
			refs = append(refs, tc.ref)
		}
	}
	slices.Sort(refs)
	if want := env.RestrictingReferences("committees"); !slices.Equal(refs, want) {
		t.Errorf("the cases refer through %v; the foreign keys that refuse a committee's delete are %v", refs, want)
	}
	for _, tc := range tests {
		t.Run(tc.ref, func(t *testing.T) {
			id := env.Post("/api/v1/committees", admin, map[string]any{"name": "Toimikunta " + apitest.Suffix(), "unit_id": unit}).
				Expect(http.StatusCreated).ID()
			path, list := "/api/v1/committees/"+id, "/api/v1/committees?limit=200&unit_id="+unit.String()
			for _, who := range []string{admin, mentor} {
				if !env.Offers(path, list, id, who, "delete") {
					t.Fatalf("a free one offers no delete")
				}
			}
			if tc.refer != nil {
				tc.refer(id)
			}
			for _, who := range []string{admin, mentor} {
				if got := env.Offers(path, list, id, who, "delete"); got != (tc.refer == nil) {
					t.Fatalf("delete offered: %v, want %v", got, tc.refer == nil)
				}
			}
			if env.Offers(path, list, id, viewer, "delete") {
				t.Fatalf("a viewer is offered delete")
			}
			if tc.refer == nil {
				env.Delete(path, mentor, "").Expect(http.StatusNoContent)
			} else {
				env.Delete(path, mentor, "").Problem(http.StatusConflict, "conflict")
			}
		})
	}
}
