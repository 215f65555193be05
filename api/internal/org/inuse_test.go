package org_test

import (
	"fmt"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"

	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/apitest"
)

// TestInUseOffersNoDelete: a unit or a department that another row refers
// to through a foreign key that refuses its delete lists no delete (alone
// and in its list, as the one who may delete it sees it) and its DELETE is
// a 409; a free one lists delete, and is deleted. One case per such foreign
// key, and the cases are exactly those of the schema.
func TestInUseOffersNoDelete(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	admin := env.Token(access.RoleAdmin)
	producer := env.Token(access.RoleProducer)
	viewer := env.Token(access.RoleViewer)
	year := time.Now().In(env.Zone).Year()
	agreement := func(dep uuid.UUID) string {
		return env.Post("/api/v1/agreements", admin, map[string]any{"name": "Sopimus " + apitest.Suffix(),
			"starts_on": fmt.Sprintf("%d-01-01", year), "ends_on": fmt.Sprintf("%d-12-31", year),
			"departments": []map[string]any{{"department_id": dep, "share_bp": 6000, "budget_cents": 100000},
				{"department_id": env.Department(), "share_bp": 4000, "budget_cents": 80000}}}).
			Expect(http.StatusCreated).ID()
	}
	post := func(path string, body map[string]any) { env.Post(path, admin, body).Expect(http.StatusCreated) }
	from := time.Date(year, 10, 7, 10, 0, 0, 0, env.Zone)

	tests := []struct {
		table string // units or departments
		ref   string // the foreign key that refers to it ("" : free)
		refer func(id uuid.UUID)
	}{
		{"units", "", nil},
		{"units", "user_units.unit_id", func(id uuid.UUID) { env.UserWith(access.RoleMentor, apitest.WithUnits(id)) }},
		{"units", "residents.unit_id", func(id uuid.UUID) {
			post("/api/v1/residents", map[string]any{"display_name": "Aili", "unit_id": id})
		}},
		{"units", "committees.unit_id", func(id uuid.UUID) {
			post("/api/v1/committees", map[string]any{"name": "Toimikunta", "unit_id": id})
		}},
		{"units", "mentor_units.unit_id", func(id uuid.UUID) {
			post("/api/v1/mentors", map[string]any{"name": "Maija", "unit_ids": []uuid.UUID{id}})
		}},
		{"units", "activity_units.unit_id", func(id uuid.UUID) {
			post("/api/v1/activities", map[string]any{"title": "Konsertti", "category": "music", "starts_at": from,
				"ends_at": from.Add(time.Hour), "unit_ids": []uuid.UUID{id}, "status": "planned", "allow_overlap": true})
		}},
		{"units", "costs.unit_id", func(id uuid.UUID) {
			post("/api/v1/costs", map[string]any{"agreement_id": agreement(env.Department()), "amount_cents": 12500,
				"category": "materials", "description": "Tarvikkeet", "incurred_on": fmt.Sprintf("%d-03-02", year), "unit_id": id})
		}},
		{"departments", "", nil},
		{"departments", "units.department_id", func(id uuid.UUID) {
			post("/api/v1/units", map[string]any{"name": "Koti " + apitest.Suffix(), "kind": "care_home",
				"organisation": "Kaarina", "sector": "public", "department_id": id})
		}},
		{"departments", "users.department_id", func(id uuid.UUID) {
			env.UserWith(access.RoleManager, apitest.WithDepartment(id))
		}},
		{"departments", "agreement_departments.department_id", func(id uuid.UUID) { agreement(id) }},
	}
	for _, tc := range tests {
		t.Run(tc.table+" "+tc.ref, func(t *testing.T) {
			id, deleter := env.Unit(), producer
			if tc.table == "departments" {
				id, deleter = env.Department(), admin
			}
			path, list := "/api/v1/"+tc.table+"/"+id.String(), "/api/v1/"+tc.table+"?limit=200"
			if !env.Offers(path, list, id.String(), deleter, "delete") {
				t.Fatalf("a free one offers no delete")
			}
			if tc.refer != nil {
				tc.refer(id)
			}
			if got := env.Offers(path, list, id.String(), deleter, "delete"); got != (tc.refer == nil) {
				t.Fatalf("delete offered: %v, want %v", got, tc.refer == nil)
			}
			if env.Offers(path, list, id.String(), viewer, "delete") {
				t.Fatalf("a viewer is offered delete")
			}
			if tc.refer == nil {
				env.Delete(path, deleter, "").Expect(http.StatusNoContent)
			} else {
				env.Delete(path, deleter, "").Problem(http.StatusConflict, "conflict")
			}
		})
	}
	for _, table := range []string{"units", "departments"} {
		var refs []string
		for _, tc := range tests {
			if tc.table == table && tc.ref != "" {
				refs = append(refs, tc.ref)
			}
		}
		slices.Sort(refs)
		if want := env.RestrictingReferences(table); !slices.Equal(refs, want) {
			t.Errorf("the cases of %s refer through %v; the foreign keys that refuse its delete are %v", table, refs, want)
		}
	}
}
