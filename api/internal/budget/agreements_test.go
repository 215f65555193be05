package budget_test

import (
	"net/http"
	"testing"

	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/apitest"
)

func TestAgreementValidation(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	tok := env.Token(access.RoleProducer)
	a, b := env.Department(), env.Department()
	deps := func(sa, sb int) []map[string]any {
		return []map[string]any{{"department_id": a, "share_bp": sa, "budget_cents": 100}, {"department_id": b, "share_bp": sb, "budget_cents": 100}}
	}
	valid := map[string]any{"name": "A", "starts_on": "2025-01-01", "ends_on": "2025-12-31", "departments": deps(5000, 5000)}
	env.CheckBadBodies("POST", "/api/v1/agreements", tok, valid)
	with := func(k string, v any) map[string]any {
		m := map[string]any{}
		for kk, vv := range valid {
			m[kk] = vv
		}
		m[k] = v
		return m
	}
	tests := []struct {
		name   string
		body   map[string]any
		fields []string
	}{
		{"missing everything", map[string]any{}, []string{"name", "starts_on", "ends_on", "departments"}},
		{"shares short of 10000", with("departments", deps(5000, 4999)), []string{"departments"}},
		{"shares over 10000", with("departments", deps(6000, 5000)), []string{"departments"}},
		{"negative share", with("departments", deps(-1, 10001)), []string{"departments[0].share_bp", "departments[1].share_bp"}},
		{"one department", with("departments", deps(10000, 0)[:1]), []string{"departments"}},
		{"department twice", with("departments", []map[string]any{{"department_id": a, "share_bp": 5000, "budget_cents": 0}, {"department_id": a, "share_bp": 5000, "budget_cents": 0}}), []string{"departments[1].department_id"}},
		{"unknown department", with("departments", []map[string]any{{"department_id": a, "share_bp": 5000, "budget_cents": 0}, {"department_id": "01890000-0000-7000-8000-000000000000", "share_bp": 5000, "budget_cents": 0}}), []string{"departments[1].department_id"}},
		{"negative budget", with("departments", []map[string]any{{"department_id": a, "share_bp": 5000, "budget_cents": -1}, {"department_id": b, "share_bp": 5000, "budget_cents": 0}}), []string{"departments[0].budget_cents"}},
		{"ends before it starts", with("ends_on", "2024-12-31"), []string{"ends_on"}},
		{"longer than five years", with("ends_on", "2031-01-01"), []string{"ends_on"}},
		{"bad date", with("starts_on", "2025-13-01"), []string{"starts_on"}},
		{"rule short of 10000", with("category_rules", []map[string]any{{"category": "venue", "shares": []map[string]any{{"department_id": a, "share_bp": 1000}, {"department_id": b, "share_bp": 1000}}}}), []string{"category_rules[0].shares"}},
		{"rule missing a department", with("category_rules", []map[string]any{{"category": "venue", "shares": []map[string]any{{"department_id": a, "share_bp": 10000}}}}), []string{"category_rules[0].shares"}},
		{"rule bad category", with("category_rules", []map[string]any{{"category": "food", "shares": []map[string]any{{"department_id": a, "share_bp": 10000}, {"department_id": b, "share_bp": 0}}}}), []string{"category_rules[0].category"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(*testing.T) { env.Post("/api/v1/agreements", tok, tc.body).Invalid(tc.fields...) })
	}
	for _, s := range apitest.InjectionStrings {
		r := env.Post("/api/v1/agreements", tok, with("name", s))
		if r.Status != http.StatusCreated && r.Status != http.StatusUnprocessableEntity {
			t.Errorf("injection %q: status %d", s[:min(len(s), 20)], r.Status)
		}
	}
	env.Get("/api/v1/agreements/not-a-uuid", tok).Problem(http.StatusNotFound, "not-found")
	env.Get("/api/v1/agreements?department_id=x", tok).Problem(http.StatusBadRequest, "bad-request")
	env.CheckBadTokens("GET", "/api/v1/agreements")
}

func TestAgreementChanges(t *testing.T) {
	t.Parallel()
	f := newFixture(t, 5000)
	env := f.env
	path := "/api/v1/agreements/" + f.agreement
	r := env.Get(path, f.viewer).Expect(http.StatusOK)
	if r.ETag() != `"1"` {
		t.Fatalf("ETag %q", r.ETag())
	}
	env.Do(apitest.Req{Method: "GET", Path: path, Token: f.viewer, Header: map[string]string{"If-None-Match": `"1"`}}).Expect(http.StatusNotModified)

	// A category rule, then the departments' order cannot change once there are costs.
	rule := []map[string]any{{"category": "venue", "shares": []map[string]any{{"department_id": f.depB, "share_bp": 10000}, {"department_id": f.depA, "share_bp": 0}}}}
	up := env.Patch(path, f.producer, map[string]any{"category_rules": rule}, `"1"`).Expect(http.StatusOK).Map()
	if up["version"].(float64) != 2 || len(up["category_rules"].([]any)) != 1 {
		t.Fatalf("update: %v", up)
	}
	env.Patch(path, f.producer, map[string]any{"name": "X"}, `"1"`).Problem(http.StatusPreconditionFailed, "version-mismatch")
	env.Patch(path, f.producer, map[string]any{"departments": []map[string]any{
		{"department_id": f.depA, "share_bp": 5000, "budget_cents": 1}, {"department_id": f.depB, "share_bp": 4000, "budget_cents": 1}}}, "").
		Problem(http.StatusUnprocessableEntity, "validation")
	id := f.cost("2025-03-01", 1000, "venue", nil)
	var c costItem
	env.Get("/api/v1/costs/"+id, f.producer).Expect(http.StatusOK).JSON(&c)
	if c.ShareSource != "category" || c.Allocations[0].AmountCents != 0 || c.Allocations[1].AmountCents != 1000 {
		t.Fatalf("category rule not applied: %+v", c)
	}
	env.Patch(path, f.producer, map[string]any{"departments": []map[string]any{
		{"department_id": f.depB, "share_bp": 5000, "budget_cents": 1}, {"department_id": f.depA, "share_bp": 5000, "budget_cents": 1}}}, "").
		Problem(http.StatusConflict, "conflict")
	env.Patch(path, f.producer, map[string]any{"starts_on": "2025-04-01"}, "").Problem(http.StatusConflict, "conflict")
	env.Delete(path, f.producer, "").Problem(http.StatusConflict, "conflict")
	// Shares may change while nothing is locked.
	env.Patch(path, f.producer, map[string]any{"departments": []map[string]any{
		{"department_id": f.depA, "share_bp": 7000, "budget_cents": 1}, {"department_id": f.depB, "share_bp": 3000, "budget_cents": 1}}}, "").
		Expect(http.StatusOK)
	env.Delete("/api/v1/costs/"+id, f.producer, "").Expect(http.StatusOK)
	env.Delete(path, f.producer, `"9"`).Problem(http.StatusPreconditionFailed, "version-mismatch")
	env.Delete(path, f.producer, "").Expect(http.StatusNoContent)
	env.Get(path, f.producer).Problem(http.StatusNotFound, "not-found")
	n := env.AuditCount("entity_type = 'agreement'")
	if n != 4 {
		t.Fatalf("agreement audit events %d, want 4", n)
	}
}
