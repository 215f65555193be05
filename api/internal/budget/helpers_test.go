package budget_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/google/uuid"

	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/apitest"
)

// fixture is an agreement between two departments with their managers.
type fixture struct {
	env                *apitest.Env
	admin, producer    string
	viewer             string
	depA, depB         uuid.UUID
	codeA, codeB       string
	managerA, managerB apitest.User
	agreement          string
	unit               uuid.UUID
}

func newFixture(t *testing.T, sharesA int) *fixture {
	t.Helper()
	env := apitest.New(t)
	f := &fixture{env: env, admin: env.Token(access.RoleAdmin), producer: env.Token(access.RoleProducer),
		viewer: env.Token(access.RoleViewer), depA: env.Department(), depB: env.Department(), unit: env.Unit()}
	f.managerA = env.UserWith(access.RoleManager, apitest.WithDepartment(f.depA))
	f.managerB = env.UserWith(access.RoleManager, apitest.WithDepartment(f.depB))
	r := env.Post("/api/v1/agreements", f.producer, map[string]any{
		"name": "Kulttuurituottaja 2025", "starts_on": "2025-01-01", "ends_on": "2025-12-31",
		"departments": []map[string]any{
			{"department_id": f.depA, "share_bp": sharesA, "budget_cents": 5_000_000},
			{"department_id": f.depB, "share_bp": 10000 - sharesA, "budget_cents": 4_000_000},
		}}).Expect(http.StatusCreated)
	f.agreement = r.ID()
	deps := r.Map()["departments"].([]any)
	f.codeA, f.codeB = deps[0].(map[string]any)["code"].(string), deps[1].(map[string]any)["code"].(string)
	return f
}

// cost records a cost entry and returns its id.
func (f *fixture) cost(day string, cents int64, category string, extra map[string]any) string {
	f.env.T.Helper()
	body := map[string]any{"agreement_id": f.agreement, "incurred_on": day, "amount_cents": cents,
		"category": category, "description": fmt.Sprintf("%s %d", category, cents)}
	for k, v := range extra {
		body[k] = v
	}
	return f.env.Post("/api/v1/costs", f.producer, body).Expect(http.StatusCreated).ID()
}

func (f *fixture) period(month string) string {
	return "/api/v1/agreements/" + f.agreement + "/periods/" + month
}

// split is the decoded split report.
type split struct {
	From        string `json:"from"`
	To          string `json:"to"`
	TotalCents  int64  `json:"total_cents"`
	EntryCount  int64  `json:"entry_count"`
	ElapsedBP   int    `json:"elapsed_bp"`
	Departments []struct {
		DepartmentID   string           `json:"department_id"`
		Code           string           `json:"code"`
		TotalCents     int64            `json:"total_cents"`
		BudgetCents    int64            `json:"budget_cents"`
		UsedCents      int64            `json:"used_cents"`
		RemainingCents int64            `json:"remaining_cents"`
		ByCategory     map[string]int64 `json:"by_category"`
		ByUnit         []struct {
			UnitID     *string `json:"unit_id"`
			TotalCents int64   `json:"total_cents"`
		} `json:"by_unit"`
		ByMonth []struct {
			Month      string `json:"month"`
			TotalCents int64  `json:"total_cents"`
		} `json:"by_month"`
	} `json:"departments"`
}

func (f *fixture) split(query string) split {
	f.env.T.Helper()
	var s split
	f.env.Get("/api/v1/agreements/"+f.agreement+"/split"+query, f.producer).Expect(http.StatusOK).JSON(&s)
	return s
}

type costItem struct {
	ID          string `json:"id"`
	AmountCents int64  `json:"amount_cents"`
	ShareSource string `json:"share_source"`
	Allocations []struct {
		DepartmentID string `json:"department_id"`
		AmountCents  int64  `json:"amount_cents"`
	} `json:"allocations"`
}

// costs lists every entry matching the query (all pages).
func (f *fixture) costs(query string) []costItem {
	f.env.T.Helper()
	var all []costItem
	for offset := 0; ; offset += 200 {
		var page struct {
			Items []costItem `json:"items"`
			Total int        `json:"total"`
		}
		f.env.Get(fmt.Sprintf("/api/v1/costs?limit=200&offset=%d&agreement_id=%s%s", offset, f.agreement, query), f.producer).
			Expect(http.StatusOK).JSON(&page)
		all = append(all, page.Items...)
		if len(all) >= page.Total || len(page.Items) == 0 {
			return all
		}
	}
}
