package org_test

import (
	"fmt"
	"net/http"
	"testing"

	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/apitest"
)

func TestUnitLifecycle(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	admin := env.Token(access.RoleAdmin)
	producer := env.Token(access.RoleProducer)

	dep := env.Post("/api/v1/departments", admin, map[string]any{
		"name": "Ikääntyneiden palvelut", "code": "HVA-1", "kind": "social_care", "organisation": "Hyvinvointialue"}).
		Expect(http.StatusCreated).ID()

	r := env.Post("/api/v1/units", producer, map[string]any{"name": "Koivukoti", "kind": "care_home",
		"organisation": "Hyvinvointialue", "sector": "public", "department_id": dep, "resident_capacity": 40}).
		Expect(http.StatusCreated)
	id := r.ID()
	if r.ETag() != `"1"` {
		t.Fatalf("ETag %q, want \"1\"", r.ETag())
	}
	if loc := r.Header.Get("Location"); loc != "/api/v1/units/"+id {
		t.Fatalf("Location %q", loc)
	}

	env.Do(apitest.Req{Method: "GET", Path: "/api/v1/units/" + id, Token: producer,
		Header: map[string]string{"If-None-Match": `"1"`}}).Expect(http.StatusNotModified)

	upd := env.Patch("/api/v1/units/"+id, producer, map[string]any{"address": "Koivutie 1"}, `"1"`).Expect(http.StatusOK)
	if upd.Map()["version"].(float64) != 2 || upd.Map()["address"] != "Koivutie 1" {
		t.Fatalf("update: %s", upd.Body)
	}
	// A stale If-Match loses, so nothing is silently overwritten.
	env.Patch("/api/v1/units/"+id, producer, map[string]any{"address": "Other"}, `"1"`).
		Problem(http.StatusPreconditionFailed, "version-mismatch")
	// Clearing the department with null.
	cleared := env.Patch("/api/v1/units/"+id, producer, map[string]any{"department_id": nil}, "").Expect(http.StatusOK).Map()
	if cleared["department_id"] != nil {
		t.Fatalf("department_id not cleared: %v", cleared)
	}

	// Every change is audited with before and after.
	n := env.AuditCount("entity_id = ?", id)
	if n != 3 {
		t.Fatalf("audit events for the unit: %d, want 3", n)
	}

	// The department is in use: it cannot be deleted.
	env.Patch("/api/v1/units/"+id, producer, map[string]any{"department_id": dep}, "").Expect(http.StatusOK)
	env.Delete("/api/v1/departments/"+dep, admin, "").Problem(http.StatusConflict, "conflict")
	env.Delete("/api/v1/units/"+id, producer, `"9"`).Problem(http.StatusPreconditionFailed, "version-mismatch")
	env.Delete("/api/v1/units/"+id, producer, "").Expect(http.StatusNoContent)
	env.Get("/api/v1/units/"+id, producer).Problem(http.StatusNotFound, "not-found")
}

func TestUnitValidation(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	tok := env.Token(access.RoleProducer)
	valid := map[string]any{"name": "Koti", "kind": "care_home", "organisation": "Org", "sector": "public"}
	env.CheckBadBodies("POST", "/api/v1/units", tok, valid)

	tests := []struct {
		name   string
		body   map[string]any
		fields []string
	}{
		{"missing everything", map[string]any{}, []string{"name", "kind", "organisation", "sector"}},
		{"bad enum", map[string]any{"name": "K", "kind": "castle", "organisation": "O", "sector": "public"}, []string{"kind"}},
		{"negative capacity", map[string]any{"name": "K", "kind": "care_home", "organisation": "O", "sector": "public", "resident_capacity": -1}, []string{"resident_capacity"}},
		{"unknown department", map[string]any{"name": "K", "kind": "care_home", "organisation": "O", "sector": "public", "department_id": "01890000-0000-7000-8000-000000000000"}, []string{"department_id"}},
		{"bad uuid", map[string]any{"name": "K", "kind": "care_home", "organisation": "O", "sector": "public", "department_id": "nope"}, []string{"department_id"}},
		{"too long", map[string]any{"name": string(make([]rune, 201)), "kind": "care_home", "organisation": "O", "sector": "public"}, []string{"name"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(*testing.T) { env.Post("/api/v1/units", tok, tc.body).Invalid(tc.fields...) })
	}
	for _, s := range apitest.InjectionStrings {
		r := env.Post("/api/v1/units", tok, map[string]any{"name": s, "kind": "care_home", "organisation": "O", "sector": "public"})
		if r.Status != http.StatusCreated && r.Status != http.StatusUnprocessableEntity {
			t.Errorf("injection %q: status %d", s[:min(len(s), 20)], r.Status)
		}
		if r.Status == http.StatusCreated && r.Map()["name"] != s {
			t.Errorf("injection %q not stored as text", s[:min(len(s), 20)])
		}
	}
	// Malformed ids in the path are 404; malformed query parameters 400.
	env.Get("/api/v1/units/not-a-uuid", tok).Problem(http.StatusNotFound, "not-found")
	env.Get("/api/v1/units?limit=0", tok).Problem(http.StatusBadRequest, "bad-request")
	env.Get("/api/v1/units?limit=abc", tok).Problem(http.StatusBadRequest, "bad-request")
	env.Get("/api/v1/units?offset=-1", tok).Problem(http.StatusBadRequest, "bad-request")
	env.Get("/api/v1/units?updated_since=yesterday", tok).Problem(http.StatusBadRequest, "bad-request")
	env.Get("/api/v1/units?department_id=1%27%20OR%201=1", tok).Problem(http.StatusBadRequest, "bad-request")
	env.CheckBadTokens("GET", "/api/v1/units")
}

func TestUnitListPaginationAndSync(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	tok := env.Token(access.RoleViewer)
	for range 5 {
		env.Unit()
	}
	var page struct {
		Items []map[string]any `json:"items"`
		Total int              `json:"total"`
	}
	env.Get("/api/v1/units?limit=2&offset=0", tok).Expect(http.StatusOK).JSON(&page)
	if page.Total != 5 || len(page.Items) != 2 {
		t.Fatalf("page: total %d, items %d", page.Total, len(page.Items))
	}
	first := page.Items[0]["name"]
	env.Get("/api/v1/units?limit=2&offset=4", tok).Expect(http.StatusOK).JSON(&page)
	if len(page.Items) != 1 || page.Items[0]["name"] == first {
		t.Fatalf("last page: %v", page.Items)
	}
	env.Get("/api/v1/units?updated_since=2999-01-01T00:00:00Z", tok).Expect(http.StatusOK).JSON(&page)
	if page.Total != 0 || page.Items == nil {
		t.Fatalf("updated_since in the future: %+v", page)
	}
}

func TestOrgPolicy(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	unit := env.Unit()
	dep := env.Department()
	tokens := map[string]string{
		"admin":    env.Token(access.RoleAdmin),
		"producer": env.Token(access.RoleProducer),
		"manager":  env.Token(access.RoleManager),
		"mentor":   env.Token(access.RoleMentor, apitest.WithUnits(unit)),
		"viewer":   env.Token(access.RoleViewer),
		"org:read": env.APIToken(access.ScopeOrgRead),
		"cal:read": env.APIToken(access.ScopeCalendarRead),
	}
	newUnit := func() map[string]any {
		return map[string]any{"name": "U " + apitest.Suffix(), "kind": "other", "organisation": "O", "sector": "third"}
	}
	newDep := func() map[string]any {
		s := apitest.Suffix()
		return map[string]any{"name": "D " + s, "code": "C" + s, "kind": "culture", "organisation": "O"}
	}
	tests := []struct {
		who, method, path string
		body              func() map[string]any
		want              int
	}{
		{"viewer", "GET", "/api/v1/units", nil, 200},
		{"mentor", "GET", "/api/v1/units/" + unit.String(), nil, 200},
		{"org:read", "GET", "/api/v1/units", nil, 200},
		{"cal:read", "GET", "/api/v1/units", nil, 403},
		{"admin", "POST", "/api/v1/units", newUnit, 201},
		{"producer", "POST", "/api/v1/units", newUnit, 201},
		{"manager", "POST", "/api/v1/units", newUnit, 403},
		{"mentor", "POST", "/api/v1/units", newUnit, 403},
		{"viewer", "POST", "/api/v1/units", newUnit, 403},
		{"org:read", "POST", "/api/v1/units", newUnit, 403},
		{"admin", "POST", "/api/v1/departments", newDep, 201},
		{"producer", "POST", "/api/v1/departments", newDep, 403},
		{"manager", "PATCH", "/api/v1/departments/" + dep.String(), func() map[string]any { return map[string]any{"name": "X"} }, 403},
		{"viewer", "GET", "/api/v1/departments/" + dep.String(), nil, 200},
	}
	for _, tc := range tests {
		apitest.ExpectStatus(env, tokens, tc.who, tc.method, tc.path, tc.body, tc.want)
	}
}

// TestUnitPublicProgramme: the public programme is off by default; the
// producer and admins (and org:write tokens) turn it on and off, audited;
// mentors, managers and viewers cannot; a non-boolean is 422.
func TestUnitPublicProgramme(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	producer, admin := env.Token(access.RoleProducer), env.Token(access.RoleAdmin)
	unit := env.Unit()
	id := unit.String()
	if got := env.Get("/api/v1/units/"+id, producer).Expect(http.StatusOK).Map()["public_programme"]; got != false {
		t.Fatalf("default public_programme %v", got)
	}
	created := env.Post("/api/v1/units", producer, map[string]any{"name": "Rantala", "kind": "care_home",
		"organisation": "Hyvinvointialue", "sector": "public", "public_programme": true}).Expect(http.StatusCreated).Map()
	if created["public_programme"] != true {
		t.Fatalf("created: %v", created)
	}
	on := env.Patch("/api/v1/units/"+id, producer, map[string]any{"public_programme": true}, `"1"`).Expect(http.StatusOK).Map()
	if on["public_programme"] != true {
		t.Fatalf("patched: %v", on)
	}
	off := env.Patch("/api/v1/units/"+id, admin, map[string]any{"public_programme": false}, `"2"`).Expect(http.StatusOK).Map()
	if off["public_programme"] != false {
		t.Fatalf("patched off: %v", off)
	}
	n := env.AuditCount("entity_id = ? AND action = 'unit.update' AND (after->>'public_programme')::boolean", unit)
	if n != 1 {
		t.Fatalf("audit events turning the page on: %d", n)
	}
	for _, role := range []access.Role{access.RoleMentor, access.RoleManager, access.RoleViewer} {
		var opts []apitest.UserOpt
		if role == access.RoleMentor {
			opts = append(opts, apitest.WithUnits(unit))
		}
		env.Patch("/api/v1/units/"+id, env.Token(role, opts...), map[string]any{"public_programme": true}, "").
			Problem(http.StatusForbidden, "forbidden")
	}
	r := env.Patch("/api/v1/units/"+id, producer, map[string]any{"public_programme": "yes"}, "")
	r.Problem(http.StatusUnprocessableEntity, "validation")
	if f := r.FieldErrors(); fmt.Sprint(f) != "[public_programme]" {
		t.Fatalf("fields %v", f)
	}
}
