package budget_test

import (
	"fmt"
	"net/http"
	"slices"
	"testing"
	"time"
)

type withdrawn struct {
	Month        string `json:"month"`
	DepartmentID string `json:"department_id"`
	UserID       string `json:"user_id"`
	UserName     string `json:"user_name"`
}

type periodView struct {
	Month          string   `json:"month"`
	Status         string   `json:"status"`
	Version        int      `json:"version"`
	Ended          bool     `json:"ended"`
	ApprovableFrom string   `json:"approvable_from"`
	AllowedActions []string `json:"allowed_actions"`
	WaitingFor     []struct {
		DepartmentID string `json:"department_id"`
		Name         string `json:"name"`
	} `json:"waiting_for"`
	Approvals []struct {
		DepartmentID string `json:"department_id"`
	} `json:"approvals"`
	Basis *struct {
		Number   int64  `json:"number"`
		Revision int    `json:"revision"`
		Corrects *int64 `json:"corrects"`
	} `json:"basis"`
}

func (f *fixture) view(month, token string) periodView {
	f.env.T.Helper()
	var p periodView
	f.env.Get(f.period(month), token).Expect(http.StatusOK).JSON(&p)
	return p
}

// approveBoth has both managers approve a month.
func (f *fixture) approveBoth(month string) {
	f.env.T.Helper()
	f.env.Post(f.period(month)+"/approve", f.managerA.Token, nil).Expect(http.StatusOK)
	f.env.Post(f.period(month)+"/approve", f.managerB.Token, nil).Expect(http.StatusOK)
}

// A month is approved only after it has ended, in the calendar zone.
func TestApproveOnlyEndedMonths(t *testing.T) {
	t.Parallel()
	f := newFixture(t, 5000)
	env := f.env
	now := time.Now().In(env.Zone)
	cur := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC)
	prev, next := cur.AddDate(0, -1, 0), cur.AddDate(0, 1, 0)
	r := env.Post("/api/v1/agreements", f.producer, map[string]any{
		"name": "Current", "starts_on": prev.Format(time.DateOnly), "ends_on": next.AddDate(0, 1, -1).Format(time.DateOnly),
		"departments": []map[string]any{{"department_id": f.depA, "share_bp": 5000, "budget_cents": 1},
			{"department_id": f.depB, "share_bp": 5000, "budget_cents": 1}}}).Expect(http.StatusCreated)
	f.agreement = r.ID()
	cases := []struct {
		month  time.Time
		ended  bool
		status int
	}{
		{prev, true, http.StatusOK},
		{cur, false, http.StatusConflict},
		{next, false, http.StatusConflict},
	}
	for _, c := range cases {
		m := c.month.Format("2006-01")
		v := f.view(m, f.managerA.Token)
		if v.Ended != c.ended || v.ApprovableFrom != c.month.AddDate(0, 1, 0).Format(time.DateOnly) ||
			slices.Contains(v.AllowedActions, "approve") != c.ended {
			t.Errorf("%s: %+v", m, v)
		}
		resp := env.Post(f.period(m)+"/approve", f.managerA.Token, nil)
		if c.status == http.StatusOK {
			resp.Expect(http.StatusOK)
			continue
		}
		p := resp.Problem(http.StatusConflict, "conflict")
		if p["code"] != "month_not_ended" || p["approvable_from"] != c.month.AddDate(0, 1, 0).Format(time.DateOnly) {
			t.Errorf("%s: problem %v", m, p)
		}
	}
	// The producer is not offered approve on any month.
	if v := f.view(prev.Format("2006-01"), f.producer); len(v.AllowedActions) != 0 {
		t.Errorf("producer actions %v", v.AllowedActions)
	}
}

// The producer sees whom a month waits for, and lock only when it can lock.
func TestWaitingForAndAllowedActions(t *testing.T) {
	t.Parallel()
	f := newFixture(t, 5000)
	f.cost("2025-11-03", 1000, "salary", nil)
	v := f.view("2025-11", f.producer)
	if len(v.WaitingFor) != 2 || slices.Contains(v.AllowedActions, "lock") {
		t.Fatalf("open: %+v", v)
	}
	f.env.Post(f.period("2025-11")+"/lock", f.producer, nil).Problem(http.StatusConflict, "conflict")
	f.env.Post(f.period("2025-11")+"/approve", f.managerA.Token, nil).Expect(http.StatusOK)
	v = f.view("2025-11", f.producer)
	if len(v.WaitingFor) != 1 || v.WaitingFor[0].DepartmentID != f.depB.String() || slices.Contains(v.AllowedActions, "lock") {
		t.Fatalf("one approval: %+v", v)
	}
	p := f.env.Post(f.period("2025-11")+"/lock", f.producer, nil).Problem(http.StatusConflict, "conflict")
	if p["code"] != "month_not_approved" {
		t.Errorf("lock problem %v", p)
	}
	if a := f.view("2025-11", f.managerA.Token); slices.Contains(a.AllowedActions, "approve") {
		t.Errorf("manager A may approve again: %v", a.AllowedActions)
	}
	if b := f.view("2025-11", f.managerB.Token); !slices.Equal(b.AllowedActions, []string{"approve"}) {
		t.Errorf("manager B: %v", b.AllowedActions)
	}
	f.env.Post(f.period("2025-11")+"/approve", f.managerB.Token, nil).Expect(http.StatusOK)
	v = f.view("2025-11", f.producer)
	if len(v.WaitingFor) != 0 || !slices.Equal(v.AllowedActions, []string{"lock"}) || v.Basis != nil {
		t.Fatalf("approved: %+v", v)
	}
	f.env.Post(f.period("2025-11")+"/lock", f.producer, nil).Expect(http.StatusOK).JSON(&v)
	if v.Status != "locked" || len(v.AllowedActions) != 0 || v.Basis == nil || v.Basis.Revision != 1 {
		t.Fatalf("locked: %+v", v)
	}
	if a := f.view("2025-11", f.admin); !slices.Equal(a.AllowedActions, []string{"unlock"}) {
		t.Errorf("admin on a locked month: %v", a.AllowedActions)
	}
	// The list carries the same views.
	var list struct {
		Items []periodView `json:"items"`
	}
	f.env.Get("/api/v1/agreements/"+f.agreement+"/periods?offset=10&limit=1", f.producer).Expect(http.StatusOK).JSON(&list)
	if len(list.Items) != 1 || list.Items[0].Month != "2025-11" || list.Items[0].Basis == nil {
		t.Fatalf("list %+v", list.Items)
	}
}

// Every cost write and share change reports the approvals it withdrew.
func TestWithdrawnApprovalsReported(t *testing.T) {
	t.Parallel()
	f := newFixture(t, 5000)
	env := f.env
	type change struct {
		ID                 string      `json:"id"`
		Version            int         `json:"version"`
		WithdrawnApprovals []withdrawn `json:"withdrawn_approvals"`
	}
	check := func(what string, got []withdrawn, want ...withdrawn) {
		t.Helper()
		if len(got) != len(want) {
			t.Fatalf("%s: withdrew %+v, want %+v", what, got, want)
		}
		for i := range want {
			if got[i].Month != want[i].Month || got[i].DepartmentID != want[i].DepartmentID || got[i].UserID != want[i].UserID ||
				got[i].UserName == "" {
				t.Fatalf("%s: withdrew %+v, want %+v", what, got, want)
			}
		}
	}
	a := func(month string) withdrawn {
		return withdrawn{Month: month, DepartmentID: f.depA.String(), UserID: f.managerA.ID.String()}
	}
	b := func(month string) withdrawn {
		return withdrawn{Month: month, DepartmentID: f.depB.String(), UserID: f.managerB.ID.String()}
	}
	body := map[string]any{"agreement_id": f.agreement, "incurred_on": "2025-11-10", "amount_cents": 5000,
		"category": "travel", "description": "Matka"}
	// Nothing approved: nothing withdrawn, an empty list.
	var c change
	env.Post("/api/v1/costs", f.producer, body).Expect(http.StatusCreated).JSON(&c)
	check("first create", c.WithdrawnApprovals)
	// Create.
	f.approveBoth("2025-11")
	body["incurred_on"] = "2025-11-11"
	env.Post("/api/v1/costs", f.producer, body).Expect(http.StatusCreated).JSON(&c)
	check("create", c.WithdrawnApprovals, a("2025-11"), b("2025-11"))
	// Update moving the entry from one approved month to another: both fall.
	f.approveBoth("2025-11")
	f.cost("2025-10-01", 100, "other", nil)
	f.approveBoth("2025-10")
	env.Patch("/api/v1/costs/"+c.ID, f.producer, map[string]any{"incurred_on": "2025-10-20"}, "").Expect(http.StatusOK).JSON(&c)
	check("update", c.WithdrawnApprovals, a("2025-10"), b("2025-10"), a("2025-11"), b("2025-11"))
	// Delete answers 200 with the list.
	env.Post(f.period("2025-10")+"/approve", f.managerB.Token, nil).Expect(http.StatusOK)
	var del change
	env.Delete("/api/v1/costs/"+c.ID, f.producer, "").Expect(http.StatusOK).JSON(&del)
	if del.ID != c.ID {
		t.Fatalf("delete answered %+v", del)
	}
	check("delete", del.WithdrawnApprovals, b("2025-10"))
	// A share change withdraws every open month's approvals.
	f.approveBoth("2025-10")
	env.Post(f.period("2025-11")+"/approve", f.managerA.Token, nil).Expect(http.StatusOK)
	env.Patch("/api/v1/agreements/"+f.agreement, f.producer, map[string]any{"departments": []map[string]any{
		{"department_id": f.depA, "share_bp": 6000, "budget_cents": 1}, {"department_id": f.depB, "share_bp": 4000, "budget_cents": 1}}}, "").
		Expect(http.StatusOK).JSON(&c)
	check("share change", c.WithdrawnApprovals, a("2025-10"), b("2025-10"), a("2025-11"))
	// A change of name or budget withdraws nothing.
	f.approveBoth("2025-10")
	env.Patch("/api/v1/agreements/"+f.agreement, f.producer, map[string]any{"name": "Uusi nimi"}, "").Expect(http.StatusOK).JSON(&c)
	check("rename", c.WithdrawnApprovals)
	// An import reports them too.
	var imp struct {
		WithdrawnApprovals []withdrawn `json:"withdrawn_approvals"`
	}
	f.importCSV("incurred_on;amount;category;description\n2025-10-05;12,00;other;Tuonti\n", f.producer).
		Expect(http.StatusCreated).JSON(&imp)
	check("import", imp.WithdrawnApprovals, a("2025-10"), b("2025-10"))
	// Each withdrawal is audited as a reopening of the month.
	reopens := env.AuditCount("action = 'period.reopen'")
	if reopens != 7 {
		t.Errorf("%d period.reopen events, want 7", reopens)
	}
}

// The month's changes since my last approval come from the audit log.
func TestMonthChanges(t *testing.T) {
	t.Parallel()
	f := newFixture(t, 5000)
	env := f.env
	early := f.cost("2025-11-02", 1000, "salary", nil)
	f.approveBoth("2025-11")
	late := f.cost("2025-11-20", 2500, "performer_fee", nil)
	env.Patch("/api/v1/costs/"+early, f.producer, map[string]any{"amount_cents": 1200}, "").Expect(http.StatusOK)
	moved := f.cost("2025-12-01", 700, "travel", nil)
	env.Patch("/api/v1/costs/"+moved, f.producer, map[string]any{"incurred_on": "2025-11-30"}, "").Expect(http.StatusOK)
	env.Delete("/api/v1/costs/"+late, f.producer, "").Expect(http.StatusOK)
	type changes struct {
		Items []struct {
			CostID string `json:"cost_id"`
			Action string `json:"action"`
			By     string `json:"by"`
			ByName string `json:"by_name"`
			Before *struct {
				AmountCents int64  `json:"amount_cents"`
				IncurredOn  string `json:"incurred_on"`
			} `json:"before"`
			After *struct {
				AmountCents int64 `json:"amount_cents"`
			} `json:"after"`
		} `json:"items"`
		Total           int        `json:"total"`
		Since           *time.Time `json:"since"`
		SinceApprovalBy string     `json:"since_approval_by"`
	}
	var ch changes
	env.Get(f.period("2025-11")+"/changes", f.managerA.Token).Expect(http.StatusOK).JSON(&ch)
	got := ""
	for _, it := range ch.Items {
		got += it.Action + ":" + it.CostID + " "
	}
	want := fmt.Sprintf("created:%s updated:%s updated:%s deleted:%s ", late, early, moved, late)
	if got != want || ch.Total != 4 || ch.Since == nil || ch.SinceApprovalBy == "" {
		t.Fatalf("changes since my approval:\n%s\nwant\n%s\n%+v", got, want, ch)
	}
	if it := ch.Items[1]; it.Before.AmountCents != 1000 || it.After.AmountCents != 1200 || it.ByName == "" {
		t.Errorf("update: %+v", it)
	}
	if it := ch.Items[2]; it.Before.IncurredOn != "2025-12-01" {
		t.Errorf("moved in: %+v", it.Before)
	}
	// Paged.
	env.Get(f.period("2025-11")+"/changes?limit=1&offset=3", f.managerA.Token).Expect(http.StatusOK).JSON(&ch)
	if len(ch.Items) != 1 || ch.Total != 4 || ch.Items[0].Action != "deleted" {
		t.Fatalf("page: %+v", ch)
	}
	// ?since= from the beginning lists the first entry too (not the
	// moved entry's creation, which was in December).
	env.Get(f.period("2025-11")+"/changes?since=2000-01-01T00:00:00Z", f.producer).Expect(http.StatusOK).JSON(&ch)
	if ch.Total != 5 {
		t.Fatalf("since 2000: %d", ch.Total)
	}
	// December saw its entry leave.
	env.Get(f.period("2025-12")+"/changes", f.producer).Expect(http.StatusOK).JSON(&ch)
	if ch.Total != 2 || ch.Since != nil {
		t.Fatalf("december: %+v", ch)
	}
	// A manager who re-approves sees nothing new.
	env.Post(f.period("2025-11")+"/approve", f.managerA.Token, nil).Expect(http.StatusOK)
	env.Get(f.period("2025-11")+"/changes", f.managerA.Token).Expect(http.StatusOK).JSON(&ch)
	if ch.Total != 0 {
		t.Fatalf("after re-approval: %+v", ch)
	}
	// Manager B has not re-approved: still sees the four.
	env.Get(f.period("2025-11")+"/changes", f.managerB.Token).Expect(http.StatusOK).JSON(&ch)
	if ch.Total != 4 {
		t.Fatalf("manager B: %d", ch.Total)
	}
	env.Get(f.period("2025-11")+"/changes?since=yesterday", f.producer).Problem(http.StatusBadRequest, "bad-request")
	env.Get(f.period("2025-11")+"/changes", f.viewer).Problem(http.StatusForbidden, "forbidden")
	env.Get(f.period("2024-11")+"/changes", f.producer).Problem(http.StatusNotFound, "not-found")
	env.Get(f.period("2025-11")+"/changes", env.APIToken("budget:read")).Expect(http.StatusOK)
	env.CheckBadTokens("GET", f.period("2025-11")+"/changes")
}
