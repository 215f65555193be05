package faulttest_test

import (
	"slices"
	"testing"

	"kulttuurisilta/api/internal/apitest"
)

// TestEveryRefusedDeleteIsForetold: the rows a DELETE route removes, and the
// foreign keys that refuse their delete while they refer to one (ON DELETE
// RESTRICT: the DELETE is a 409). Each such reference is one the resource's
// in-use lookup knows, so its allowed_actions leave delete out: units,
// departments, committees and agreements compare theirs in their own
// packages (TestInUseOffersNoDelete, TestCommitteeInUseOffersNoDelete,
// TestAgreementInUseOffersNoDelete); the rest are here. A new foreign key
// that refuses a delete fails this test until the lookup knows it.
func TestEveryRefusedDeleteIsForetold(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	known := map[string][]string{
		"partners":   {"activity_partners.partner_id"}, // calendar's partnersInUse
		"series":     {"activities.series_id"},         // calendar's seriesInUse
		"activities": {"attendance.activity_id"},       // calendar's WithAttendance
		// Nothing refuses these deletes (what refers to them goes with them).
		"residents": nil, "culture_profiles": nil, "committee_members": nil, "committee_meetings": nil, "ideas": nil,
		"mentors": nil, "mentor_trainings": nil, "costs": nil, "occurrence_overrides": nil, "attendance": nil,
	}
	for table, want := range known {
		if got := env.RestrictingReferences(table); !slices.Equal(got, want) {
			t.Errorf("%s: the foreign keys that refuse its delete are %v; its in-use lookup knows %v", table, got, want)
		}
	}
}
