package audit_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/apitest"
)

func TestAuditLogRecordsChangesWithBeforeAndAfter(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	admin := env.UserWith(access.RoleAdmin)
	id := env.Post("/api/v1/departments", admin.Token, map[string]any{"name": "Kulttuuri", "code": "K-1", "kind": "culture",
		"organisation": "Kaupunki"}).Expect(http.StatusCreated).ID()
	env.Patch("/api/v1/departments/"+id, admin.Token, map[string]any{"name": "Kulttuuripalvelut"}, "").Expect(http.StatusOK)
	// A failed change leaves no audit event: it shares the transaction.
	env.Patch("/api/v1/departments/"+id, admin.Token, map[string]any{"kind": "nonsense"}, "").Expect(http.StatusUnprocessableEntity)

	var list struct {
		Items []struct {
			Action    string         `json:"action"`
			ActorID   string         `json:"actor_id"`
			ActorKind string         `json:"actor_kind"`
			Before    map[string]any `json:"before"`
			After     map[string]any `json:"after"`
			RequestID string         `json:"request_id"`
		} `json:"items"`
		Total int `json:"total"`
	}
	env.Get("/api/v1/audit-events?entity_type=department&entity_id="+id, admin.Token).Expect(http.StatusOK).JSON(&list)
	if list.Total != 2 {
		t.Fatalf("events: %d, want 2", list.Total)
	}
	upd := list.Items[0] // newest first
	if upd.Action != "department.update" || upd.Before["name"] != "Kulttuuri" || upd.After["name"] != "Kulttuuripalvelut" {
		t.Fatalf("update event: %+v", upd)
	}
	if upd.ActorID != admin.ID.String() || upd.ActorKind != "user" || upd.RequestID == "" {
		t.Fatalf("actor: %+v", upd)
	}
	if create := list.Items[1]; create.Action != "department.create" || create.Before != nil {
		t.Fatalf("create event: %+v", create)
	}

	env.Get("/api/v1/audit-events?action=department.create", admin.Token).Expect(http.StatusOK).JSON(&list)
	if list.Total != 1 {
		t.Fatalf("action filter: %d", list.Total)
	}
	env.Get("/api/v1/audit-events?from=2999-01-01", admin.Token).Expect(http.StatusOK).JSON(&list)
	if list.Total != 0 {
		t.Fatalf("from filter: %d", list.Total)
	}
	env.Get("/api/v1/audit-events?entity_id=x", admin.Token).Problem(http.StatusBadRequest, "bad-request")
	env.Get("/api/v1/audit-events?from=soon", admin.Token).Problem(http.StatusBadRequest, "bad-request")
	env.Get("/api/v1/audit-events", env.Token(access.RoleProducer)).Problem(http.StatusForbidden, "forbidden")
	env.Get("/api/v1/audit-events", env.APIToken(access.Scopes...)).Problem(http.StatusForbidden, "forbidden")
}

// TestAuditRequestIDIsBounded: a client's X-Request-ID reaches the audit
// log only when it is 1-64 characters of [A-Za-z0-9._-]; a longer or odd
// one is replaced by the API's own id, and the column refuses anything
// else.
func TestAuditRequestIDIsBounded(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	admin := env.UserWith(access.RoleAdmin)
	create := func(name, requestID string) string {
		r := env.Do(apitest.Req{Method: http.MethodPost, Path: "/api/v1/departments", Token: admin.Token,
			Body:   map[string]any{"name": name, "code": name, "kind": "culture", "organisation": "Kaupunki"},
			Header: map[string]string{"X-Request-ID": requestID}}).Expect(http.StatusCreated)
		var stored string
		env.DB.Raw(`SELECT request_id FROM audit_events WHERE entity_id = ?`, r.ID()).Scan(&stored)
		if stored != r.Header.Get("X-Request-ID") {
			t.Fatalf("audit request id %q, answer's %q", stored, r.Header.Get("X-Request-ID"))
		}
		return stored
	}
	if got := create("K-1", "portal-2025.07_abc"); got != "portal-2025.07_abc" {
		t.Fatalf("a plain client id was not kept: %q", got)
	}
	for i, bad := range []string{strings.Repeat("x", 65), strings.Repeat("y", 100<<10), "with space", "ä", "a\tb"} {
		if got := create(fmt.Sprintf("K-%d", i+2), bad); got == bad || len(got) != 24 {
			t.Fatalf("client id %.20q stored as %.20q", bad, got)
		}
	}
	err := env.DB.Exec(`INSERT INTO audit_events (id, actor_kind, action, entity_type, request_id)
		VALUES (gen_random_uuid(), 'system', 'x', 'x', ?)`, strings.Repeat("z", 65)).Error
	if err == nil {
		t.Fatal("the audit log stored a 65-character request id")
	}
}
