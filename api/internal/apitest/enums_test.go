package apitest_test

import (
	"encoding/json"
	"os"
	"slices"
	"testing"

	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/apitest"
	"kulttuurisilta/api/internal/calendar"
)

// TestSpecEnumsMatchTheCode: the enumerations written into the spec with swag
// `enums` tags (the SPA builds its pickers from them) list exactly the values
// the code accepts.
func TestSpecEnumsMatchTheCode(t *testing.T) {
	b, err := os.ReadFile(apitest.SpecPath())
	if err != nil {
		t.Fatal(err)
	}
	var spec struct {
		Components struct {
			Schemas map[string]struct {
				Properties map[string]struct {
					Items struct {
						Enum []string `json:"enum"`
					} `json:"items"`
				} `json:"properties"`
			} `json:"schemas"`
		} `json:"components"`
	}
	if err := json.Unmarshal(b, &spec); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		schema, prop string
		want         []string
	}{
		{"calendar.ActivityInput", "target_groups", calendar.TargetGroups},
		{"calendar.ActivityPatch", "target_groups", calendar.TargetGroups},
		{"calendar.ActivityResponse", "target_groups", calendar.TargetGroups},
		{"auth.APITokenInput", "scopes", access.Scopes},
		{"auth.APITokenResponse", "scopes", access.Scopes},
	} {
		got := spec.Components.Schemas[tc.schema].Properties[tc.prop].Items.Enum
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s.%s: the spec lists %v, the code %v", tc.schema, tc.prop, got, tc.want)
		}
	}
}
