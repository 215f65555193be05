package budget_test

import (
	"fmt"
	"net/http"
	"sync"
	"testing"

	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/apitest"
)

type period struct {
	Month     string `json:"month"`
	Status    string `json:"status"`
	Version   int    `json:"version"`
	Approvals []struct {
		DepartmentID string `json:"department_id"`
		UserID       string `json:"user_id"`
		UserName     string `json:"user_name"`
	} `json:"approvals"`
}

func (f *fixture) getPeriod(month string) period {
	f.env.T.Helper()
	var p period
	f.env.Get(f.period(month), f.viewer).Expect(http.StatusOK).JSON(&p)
	return p
}

func TestPeriodWorkflow(t *testing.T) {
	t.Parallel()
	f := newFixture(t, 5000)
	env := f.env
	id := f.cost("2025-03-05", 1000, "salary", nil)
	if p := f.getPeriod("2025-03"); p.Status != "open" || len(p.Approvals) != 0 {
		t.Fatalf("initial %+v", p)
	}
	// A manager approves only for their own department; others cannot approve.
	stranger := env.UserWith(access.RoleManager)
	env.Post(f.period("2025-03")+"/approve", stranger.Token, nil).Problem(http.StatusForbidden, "forbidden")
	env.Post(f.period("2025-03")+"/approve", f.producer, nil).Problem(http.StatusForbidden, "forbidden")
	env.Post(f.period("2025-03")+"/lock", f.producer, nil).Problem(http.StatusConflict, "conflict")
	var p period
	env.Post(f.period("2025-03")+"/approve", f.managerA.Token, nil).Expect(http.StatusOK).JSON(&p)
	if p.Status != "open" || len(p.Approvals) != 1 || p.Approvals[0].UserID != f.managerA.ID.String() {
		t.Fatalf("after one approval %+v", p)
	}
	env.Post(f.period("2025-03")+"/approve", f.managerA.Token, nil).Expect(http.StatusOK) // again: no change
	env.Post(f.period("2025-03")+"/approve", f.managerB.Token, nil).Expect(http.StatusOK).JSON(&p)
	if p.Status != "approved" || len(p.Approvals) != 2 {
		t.Fatalf("after both %+v", p)
	}
	// A change to the month's costs withdraws the approvals.
	env.Patch("/api/v1/costs/"+id, f.producer, map[string]any{"amount_cents": 1002}, "").Expect(http.StatusOK)
	if p := f.getPeriod("2025-03"); p.Status != "open" || len(p.Approvals) != 0 {
		t.Fatalf("after a cost change %+v", p)
	}
	// So does a change of the shares.
	env.Post(f.period("2025-03")+"/approve", f.managerA.Token, nil).Expect(http.StatusOK)
	env.Patch("/api/v1/agreements/"+f.agreement, f.producer, map[string]any{"departments": []map[string]any{
		{"department_id": f.depA, "share_bp": 6000, "budget_cents": 1}, {"department_id": f.depB, "share_bp": 4000, "budget_cents": 1}}}, "").
		Expect(http.StatusOK)
	if p := f.getPeriod("2025-03"); len(p.Approvals) != 0 {
		t.Fatalf("after a share change %+v", p)
	}
	// Approve and lock; a budget change is still fine but nothing that moves money.
	env.Post(f.period("2025-03")+"/approve", f.managerA.Token, nil).Expect(http.StatusOK)
	env.Post(f.period("2025-03")+"/approve", f.managerB.Token, nil).Expect(http.StatusOK)
	env.Post(f.period("2025-03")+"/lock", f.managerA.Token, nil).Problem(http.StatusForbidden, "forbidden")
	env.Post(f.period("2025-03")+"/lock", f.producer, nil).Expect(http.StatusOK).JSON(&p)
	if p.Status != "locked" {
		t.Fatalf("lock %+v", p)
	}
	env.Post(f.period("2025-03")+"/lock", f.admin, nil).Problem(http.StatusConflict, "conflict")
	env.Post(f.period("2025-03")+"/approve", f.managerA.Token, nil).Problem(http.StatusConflict, "conflict")
	env.Post("/api/v1/costs", f.producer, map[string]any{"agreement_id": f.agreement, "incurred_on": "2025-03-31",
		"amount_cents": -5, "category": "other", "description": "late refund"}).Problem(http.StatusConflict, "conflict")
	env.Patch("/api/v1/costs/"+id, f.producer, map[string]any{"amount_cents": 1}, "").Problem(http.StatusConflict, "conflict")
	env.Patch("/api/v1/costs/"+id, f.producer, map[string]any{"incurred_on": "2025-04-01"}, "").Problem(http.StatusConflict, "conflict")
	env.Delete("/api/v1/costs/"+id, f.producer, "").Problem(http.StatusConflict, "conflict")
	other := f.cost("2025-04-01", 10, "other", nil)
	env.Patch("/api/v1/costs/"+other, f.producer, map[string]any{"incurred_on": "2025-03-02"}, "").Problem(http.StatusConflict, "conflict")
	env.Patch("/api/v1/agreements/"+f.agreement, f.producer, map[string]any{"departments": []map[string]any{
		{"department_id": f.depA, "share_bp": 5000, "budget_cents": 1}, {"department_id": f.depB, "share_bp": 5000, "budget_cents": 1}}}, "").
		Problem(http.StatusConflict, "conflict")
	env.Patch("/api/v1/agreements/"+f.agreement, f.producer, map[string]any{"departments": []map[string]any{
		{"department_id": f.depA, "share_bp": 6000, "budget_cents": 99}, {"department_id": f.depB, "share_bp": 4000, "budget_cents": 99}}}, "").
		Expect(http.StatusOK)
	// Unlock: admin only, with a reason; stale If-Match loses.
	env.Post(f.period("2025-03")+"/unlock", f.producer, map[string]any{"reason": "x"}).Problem(http.StatusForbidden, "forbidden")
	env.Post(f.period("2025-03")+"/unlock", f.admin, map[string]any{"reason": "  "}).Problem(http.StatusUnprocessableEntity, "validation")
	env.CheckBadBodies("POST", f.period("2025-03")+"/unlock", f.admin, map[string]any{"reason": "r"})
	env.Do(apitest.Req{Method: "POST", Path: f.period("2025-03") + "/unlock", Token: f.admin, Body: map[string]any{"reason": "r"},
		Header: map[string]string{"If-Match": `"1"`}}).Problem(http.StatusPreconditionFailed, "version-mismatch")
	env.Post(f.period("2025-03")+"/unlock", f.admin, map[string]any{"reason": "Invoice booked to the wrong month"}).Expect(http.StatusOK).JSON(&p)
	if p.Status != "open" || len(p.Approvals) != 0 {
		t.Fatalf("unlock %+v", p)
	}
	env.Post(f.period("2025-03")+"/unlock", f.admin, map[string]any{"reason": "again"}).Problem(http.StatusConflict, "conflict")
	env.Delete("/api/v1/costs/"+id, f.producer, "").Expect(http.StatusOK)

	// Every step is audited, the unlock with its reason.
	var actions []string
	env.DB.Table("audit_events").Where("entity_type = 'agreement_period'").Order("created_at, id").Pluck("action", &actions)
	want := "[period.approve period.approve period.reopen period.approve period.reopen period.approve period.approve period.lock period.unlock]"
	if fmt.Sprint(actions) != want {
		t.Fatalf("audit %v\nwant %s", actions, want)
	}
	var reason string
	env.DB.Table("audit_events").Where("action = 'period.unlock'").Select("after->>'reason'").Scan(&reason)
	if reason != "Invoice booked to the wrong month" {
		t.Fatalf("unlock reason %q", reason)
	}
	// Months outside the agreement or malformed are 404.
	env.Get(f.period("2026-01"), f.viewer).Problem(http.StatusNotFound, "not-found")
	env.Get(f.period("2025-3"), f.viewer).Problem(http.StatusNotFound, "not-found")
	env.Post(f.period("2024-12")+"/approve", f.managerA.Token, nil).Problem(http.StatusNotFound, "not-found")
	var list struct {
		Items []period `json:"items"`
		Total int      `json:"total"`
	}
	env.Get("/api/v1/agreements/"+f.agreement+"/periods?limit=3&offset=2", f.viewer).Expect(http.StatusOK).JSON(&list)
	if list.Total != 12 || len(list.Items) != 3 || list.Items[0].Month != "2025-03" {
		t.Fatalf("periods %+v", list)
	}
}

// TestPeriodApproverName shows who approved: each approval carries the
// approving user's name, or their email when the name is empty, on the
// single period, the period list and the approve response alike.
func TestPeriodApproverName(t *testing.T) {
	t.Parallel()
	f := newFixture(t, 5000)
	env := f.env
	if err := env.DB.Exec("UPDATE users SET name = 'Maija Virtanen' WHERE id = ?", f.managerA.ID).Error; err != nil {
		t.Fatal(err)
	}
	if err := env.DB.Exec("UPDATE users SET name = '' WHERE id = ?", f.managerB.ID).Error; err != nil {
		t.Fatal(err)
	}
	var p period
	env.Post(f.period("2025-03")+"/approve", f.managerA.Token, nil).Expect(http.StatusOK).JSON(&p)
	if len(p.Approvals) != 1 || p.Approvals[0].UserName != "Maija Virtanen" {
		t.Fatalf("approve response %+v", p)
	}
	env.Post(f.period("2025-03")+"/approve", f.managerB.Token, nil).Expect(http.StatusOK)
	env.Post(f.period("2025-05")+"/approve", f.managerB.Token, nil).Expect(http.StatusOK)
	want := map[string]string{f.managerA.ID.String(): "Maija Virtanen", f.managerB.ID.String(): f.managerB.Email}
	check := func(where string, p period) {
		t.Helper()
		for _, a := range p.Approvals {
			if a.UserName != want[a.UserID] {
				t.Fatalf("%s: approval by %s named %q, want %q", where, a.UserID, a.UserName, want[a.UserID])
			}
		}
	}
	if p = f.getPeriod("2025-03"); len(p.Approvals) != 2 {
		t.Fatalf("approvals %+v", p)
	}
	check("get", p)
	var list struct {
		Items []period `json:"items"`
	}
	env.Get("/api/v1/agreements/"+f.agreement+"/periods", f.managerA.Token).Expect(http.StatusOK).JSON(&list)
	n := 0
	for _, it := range list.Items {
		check("list "+it.Month, it)
		n += len(it.Approvals)
	}
	if n != 3 {
		t.Fatalf("list has %d approvals, want 3: %+v", n, list.Items)
	}
	// The audit log's after-image names the approver too.
	var names []string
	env.DB.Table("audit_events").Where("action = 'period.approve'").Order("created_at, id").
		Pluck("after->'approvals'->0->>'user_name'", &names)
	if len(names) != 3 || names[0] != "Maija Virtanen" {
		t.Fatalf("audit names %v", names)
	}
}

// TestPeriodRaces races the two managers' approvals of a month, and a cost
// write against the lock of the same month, many times: the row locks
// make every outcome one of the serial ones.
func TestPeriodRaces(t *testing.T) {
	t.Parallel()
	f := newFixture(t, 5000)
	env := f.env
	for m := 1; m <= 12; m++ {
		month := fmt.Sprintf("2025-%02d", m)
		// Both managers at once: the month always ends approved with both.
		var wg sync.WaitGroup
		status := make([]int, 2)
		for i, tok := range []string{f.managerA.Token, f.managerB.Token} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				status[i] = env.Post(f.period(month)+"/approve", tok, nil).Status
			}()
		}
		wg.Wait()
		p := f.getPeriod(month)
		if status[0] != 200 || status[1] != 200 || p.Status != "approved" || len(p.Approvals) != 2 {
			t.Fatalf("%s concurrent approvals: %v -> %+v", month, status, p)
		}
		// A cost written while the month is being locked: either the cost
		// lands first (its month reopens, the lock is refused) or the lock
		// does (the cost is refused). Never a locked month with a new cost.
		var lockStatus, costStatus int
		wg.Add(2)
		go func() {
			defer wg.Done()
			lockStatus = env.Post(f.period(month)+"/lock", f.producer, nil).Status
		}()
		go func() {
			defer wg.Done()
			costStatus = env.Post("/api/v1/costs", f.producer, map[string]any{"agreement_id": f.agreement,
				"incurred_on": month + "-15", "amount_cents": 999, "category": "travel", "description": "race"}).Status
		}()
		wg.Wait()
		p = f.getPeriod(month)
		var n int64
		env.DB.Table("costs").Where("agreement_id = ? AND incurred_on = ?", f.agreement, month+"-15").Count(&n)
		switch {
		case lockStatus == 200 && costStatus == 409:
			if p.Status != "locked" || n != 0 {
				t.Fatalf("%s lock won but state %+v, %d costs", month, p, n)
			}
		case lockStatus == 409 && costStatus == 201:
			if p.Status != "open" || len(p.Approvals) != 0 || n != 1 {
				t.Fatalf("%s cost won but state %+v, %d costs", month, p, n)
			}
		default:
			t.Fatalf("%s: lock %d, cost %d", month, lockStatus, costStatus)
		}
	}
}

func TestBudgetPolicy(t *testing.T) {
	t.Parallel()
	f := newFixture(t, 5000)
	env := f.env
	cost := f.cost("2025-05-05", 100, "salary", nil)
	tokens := map[string]string{
		"admin": f.admin, "producer": f.producer, "manager": f.managerA.Token, "viewer": f.viewer,
		"mentor":       env.Token(access.RoleMentor, apitest.WithUnits(f.unit)),
		"budget:read":  env.APIToken(access.ScopeBudgetRead),
		"budget:write": env.APIToken(access.ScopeBudgetWrite),
		"org:read":     env.APIToken(access.ScopeOrgRead),
	}
	ag := "/api/v1/agreements/" + f.agreement
	newCost := func() any {
		return map[string]any{"agreement_id": f.agreement, "incurred_on": "2025-06-01", "amount_cents": 1, "category": "other", "description": "x"}
	}
	tests := []struct {
		who, method, path string
		body              func() any
		want              int
	}{
		{"viewer", "GET", ag + "/split", nil, 200},
		{"mentor", "GET", ag + "/split", nil, 200},
		{"viewer", "GET", ag, nil, 200},
		{"viewer", "GET", ag + "/periods/2025-05", nil, 200},
		{"viewer", "GET", "/api/v1/costs", nil, 403},
		{"mentor", "GET", "/api/v1/costs/" + cost, nil, 403},
		{"viewer", "GET", ag + "/split.csv", nil, 403},
		{"viewer", "GET", ag + "/split.xlsx", nil, 403},
		{"manager", "GET", "/api/v1/costs", nil, 200},
		{"manager", "GET", ag + "/split.csv", nil, 200},
		{"budget:read", "GET", "/api/v1/costs", nil, 200},
		{"budget:read", "GET", ag + "/split.xlsx", nil, 200},
		{"org:read", "GET", ag + "/split", nil, 403},
		{"producer", "POST", "/api/v1/costs", newCost, 201},
		{"admin", "POST", "/api/v1/costs", newCost, 201},
		{"budget:write", "POST", "/api/v1/costs", newCost, 201},
		{"budget:read", "POST", "/api/v1/costs", newCost, 403},
		{"manager", "POST", "/api/v1/costs", newCost, 403},
		{"viewer", "POST", "/api/v1/costs", newCost, 403},
		{"manager", "PATCH", ag, func() any { return map[string]any{"name": "x"} }, 403},
		{"budget:write", "POST", ag + "/periods/2025-05/approve", nil, 403},
		{"budget:write", "POST", ag + "/periods/2025-05/lock", nil, 403},
		{"viewer", "POST", ag + "/periods/2025-05/approve", nil, 403},
		{"mentor", "POST", ag + "/periods/2025-05/lock", nil, 403},
	}
	for _, tc := range tests {
		apitest.ExpectStatus(env, tokens, tc.who, tc.method, tc.path, tc.body, tc.want)
	}
}
