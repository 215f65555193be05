package budget_test

import (
	"fmt"
	"net/http"
	"testing"
)

// TestCostFieldErrorCodes: the budget's 422s carry a code per field, from
// the validators and from the store's reference checks.
func TestCostFieldErrorCodes(t *testing.T) {
	t.Parallel()
	f := newFixture(t, 5000)
	env := f.env
	valid := map[string]any{"agreement_id": f.agreement, "incurred_on": "2025-01-01", "amount_cents": 100, "category": "salary", "description": "d"}
	with := func(k string, v any) map[string]any {
		m := map[string]any{k: v}
		for key, val := range valid {
			if key != k {
				m[key] = val
			}
		}
		return m
	}
	tests := []struct {
		name string
		body map[string]any
		want string
	}{
		{"missing", map[string]any{"agreement_id": f.agreement},
			"[incurred_on:required amount_cents:out_of_range category:invalid_choice description:required]"},
		{"outside the agreement", with("incurred_on", "2026-01-01"), "[incurred_on:out_of_range]"},
		{"unknown agreement", with("agreement_id", f.depA), "[agreement_id:not_found]"},
		{"unknown unit", with("unit_id", f.depA), "[unit_id:not_found]"},
		{"override stranger", with("shares", []map[string]any{{"department_id": f.unit, "share_bp": 10000}}),
			"[shares[0].department_id:invalid_choice]"},
		{"bad date", with("incurred_on", "1.1.2025"), "[incurred_on:invalid_format]"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := env.Post("/api/v1/costs", f.producer, tc.body)
			r.Problem(http.StatusUnprocessableEntity, "validation")
			var p struct {
				Errors []struct{ Field, Code string } `json:"errors"`
			}
			r.JSON(&p)
			got := make([]string, len(p.Errors))
			for i, e := range p.Errors {
				got[i] = e.Field + ":" + e.Code
			}
			if fmt.Sprint(got) != tc.want {
				t.Fatalf("codes %v, want %s: %s", got, tc.want, r.Body)
			}
		})
	}
}
