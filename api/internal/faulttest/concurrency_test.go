package faulttest_test

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/apitest"
)

// The concurrency tests of the API as a whole are named TestConcurrent...:
// CI runs them (and only them, of this package) again under the race
// detector (`make test-race`).

// race runs fn(i) for i in [0, n) at once (released together) and waits.
func race(n int, fn func(i int)) {
	var ready, done sync.WaitGroup
	start := make(chan struct{})
	for i := range n {
		ready.Add(1)
		done.Add(1)
		go func() {
			defer done.Done()
			ready.Done()
			<-start
			fn(i)
		}()
	}
	ready.Wait()
	close(start)
	done.Wait()
}

// ifMatchRounds has `clients` clients edit the resource at path at once,
// all with If-Match of the same version, for `rounds` rounds: exactly one
// wins each round (200), the others get 412 problems, the version rises by
// one per round, and the audit log has one change per round: no edit is
// silently lost.
func ifMatchRounds(t *testing.T, env *apitest.Env, token, path, entity string, clients, rounds int, body func(round, client int) map[string]any) {
	t.Helper()
	first := env.Get(path, token).Expect(http.StatusOK)
	startVersion := int(first.Map()["version"].(float64))
	for round := range rounds {
		etag := env.Get(path, token).Expect(http.StatusOK).ETag()
		statuses := make([]int, clients)
		race(clients, func(i int) {
			r := env.Patch(path, token, body(round, i), etag)
			statuses[i] = r.Status
			if r.Status == http.StatusPreconditionFailed {
				r.Problem(http.StatusPreconditionFailed, "version-mismatch")
			}
		})
		wins := 0
		for _, s := range statuses {
			switch s {
			case http.StatusOK:
				wins++
			case http.StatusPreconditionFailed:
			default:
				t.Errorf("round %d: status %d, want 200 or 412", round, s)
			}
		}
		if wins != 1 {
			t.Fatalf("round %d: %d winners among %d clients with the same If-Match, want exactly 1 (%v)", round, wins, clients, statuses)
		}
	}
	last := env.Get(path, token).Expect(http.StatusOK).Map()
	if got := int(last["version"].(float64)); got != startVersion+rounds {
		t.Errorf("version %d after %d rounds from %d, want %d", got, rounds, startVersion, startVersion+rounds)
	}
	id := last["id"].(string)
	var changes int64
	if err := env.DB.Table("audit_events").Where("entity_id = ? AND entity_type = ? AND action LIKE '%.update'", id, entity).
		Count(&changes).Error; err != nil {
		t.Fatal(err)
	}
	if changes != int64(rounds) {
		t.Errorf("audit log has %d changes of the %s, want %d (one per round)", changes, entity, rounds)
	}
}

// TestConcurrentIfMatchUnit: 16 clients, 20 rounds, on a unit.
func TestConcurrentIfMatchUnit(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	admin := env.Token(access.RoleAdmin)
	id := env.Unit()
	ifMatchRounds(t, env, admin, "/api/v1/units/"+id.String(), "unit", 16, 20, func(round, client int) map[string]any {
		return map[string]any{"resident_capacity": round*100 + client}
	})
}

// TestConcurrentIfMatchActivity: 16 clients, 20 rounds, on an activity.
func TestConcurrentIfMatchActivity(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	producer := env.Token(access.RoleProducer)
	unit := env.Unit()
	start := time.Now().Add(72 * time.Hour).Truncate(time.Hour).UTC()
	id := env.Post("/api/v1/activities", producer, map[string]any{
		"title": "Kuorokonsertti", "category": "music", "unit_ids": []string{unit.String()},
		"starts_at": start.Format(time.RFC3339), "ends_at": start.Add(time.Hour).Format(time.RFC3339),
	}).Expect(http.StatusCreated).ID()
	ifMatchRounds(t, env, producer, "/api/v1/activities/"+id, "activity", 16, 20, func(round, client int) map[string]any {
		return map[string]any{"title": fmt.Sprintf("Kuorokonsertti %d/%d", round, client)}
	})
}

// budgetWorld is an agreement between two departments with their managers.
type budgetWorld struct {
	env                *apitest.Env
	producer, admin    string
	manager1, manager2 string
	agreement          string
	from               time.Time
}

func newBudgetWorld(t *testing.T) *budgetWorld {
	t.Helper()
	env := apitest.New(t)
	d1, d2 := env.Department(), env.Department()
	b := &budgetWorld{env: env, producer: env.Token(access.RoleProducer), admin: env.Token(access.RoleAdmin),
		manager1: env.Token(access.RoleManager, apitest.WithDepartment(d1)),
		manager2: env.Token(access.RoleManager, apitest.WithDepartment(d2))}
	// Last year: every month has ended, so every month can be approved.
	y := time.Now().Year() - 1
	b.from = time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
	b.agreement = env.Post("/api/v1/agreements", b.producer, map[string]any{
		"name": "Kulttuurituottaja", "starts_on": fmt.Sprintf("%d-01-01", y), "ends_on": fmt.Sprintf("%d-12-31", y),
		"departments": []map[string]any{
			{"department_id": d1.String(), "share_bp": 5000, "budget_cents": 5_000_000},
			{"department_id": d2.String(), "share_bp": 5000, "budget_cents": 5_000_000},
		},
	}).Expect(http.StatusCreated).ID()
	return b
}

func (b *budgetWorld) month(i int) string { return b.from.AddDate(0, i, 0).Format("2006-01") }

func (b *budgetWorld) period(m string) map[string]any {
	return b.env.Get("/api/v1/agreements/"+b.agreement+"/periods/"+m, b.producer).Expect(http.StatusOK).Map()
}

func (b *budgetWorld) cost(m string, cents int) *apitest.Resp {
	return b.env.Post("/api/v1/costs", b.producer, map[string]any{"agreement_id": b.agreement,
		"incurred_on": m + "-15", "amount_cents": cents, "category": "materials", "description": "race"})
}

func (b *budgetWorld) costsIn(t *testing.T, m string) int64 {
	t.Helper()
	var n int64
	if err := b.env.DB.Table("costs").Where("agreement_id = ? AND to_char(incurred_on, 'YYYY-MM') = ?", b.agreement, m).
		Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

// TestConcurrentApprovals: in each of six months both managers approve at
// once, each twice: every call succeeds and the month ends approved with
// exactly the two approvals. Then, in six more months, the two approvals
// race four cost writes: whatever the order, a month that ends approved
// has both approvals and none older than its last cost change, and a
// month that ends open lost its approvals to a cost written after them.
func TestConcurrentApprovals(t *testing.T) {
	t.Parallel()
	b := newBudgetWorld(t)
	for i := range 6 {
		m := b.month(i)
		tokens := []string{b.manager1, b.manager2, b.manager1, b.manager2}
		statuses := make([]int, len(tokens))
		race(len(tokens), func(j int) {
			statuses[j] = b.env.Post("/api/v1/agreements/"+b.agreement+"/periods/"+m+"/approve", tokens[j], nil).Status
		})
		for j, s := range statuses {
			if s != http.StatusOK {
				t.Errorf("%s: approval %d: status %d, want 200", m, j, s)
			}
		}
		p := b.period(m)
		if p["status"] != "approved" || len(p["approvals"].([]any)) != 2 {
			t.Errorf("%s after parallel approvals: %v", m, p)
		}
	}
	for i := 6; i < 12; i++ {
		m := b.month(i)
		created := make([]int, 6)
		bodies := make([]string, 6)
		race(6, func(j int) {
			switch j {
			case 0:
				created[j] = b.env.Post("/api/v1/agreements/"+b.agreement+"/periods/"+m+"/approve", b.manager1, nil).Status
			case 1:
				created[j] = b.env.Post("/api/v1/agreements/"+b.agreement+"/periods/"+m+"/approve", b.manager2, nil).Status
			default:
				r := b.cost(m, 1000+j)
				created[j], bodies[j] = r.Status, string(r.Body)
			}
		})
		for j, s := range created {
			want := http.StatusCreated
			if j < 2 {
				want = http.StatusOK
			}
			if s != want {
				t.Errorf("%s: call %d: status %d, want %d: %s", m, j, s, want, bodies[j])
			}
		}
		if n := b.costsIn(t, m); n != 4 {
			t.Errorf("%s: %d costs stored, want the 4 acknowledged", m, n)
		}
		p := b.period(m)
		approvals := p["approvals"].([]any)
		var lastChange time.Time
		if err := b.env.DB.Raw(`SELECT max(updated_at) FROM costs WHERE agreement_id = ? AND to_char(incurred_on, 'YYYY-MM') = ?`,
			b.agreement, m).Scan(&lastChange).Error; err != nil {
			t.Fatal(err)
		}
		switch p["status"] {
		case "approved":
			if len(approvals) != 2 {
				t.Errorf("%s approved with %d approvals", m, len(approvals))
			}
			for _, a := range approvals {
				at, _ := time.Parse(time.RFC3339Nano, a.(map[string]any)["at"].(string))
				if at.Before(lastChange.Add(-time.Millisecond)) {
					t.Errorf("%s approved by an approval (%s) older than its last cost change (%s)", m, at, lastChange)
				}
			}
		case "open":
			if len(approvals) == 2 {
				t.Errorf("%s open with both approvals", m)
			}
		default:
			t.Errorf("%s: status %v", m, p["status"])
		}
	}
}

// TestConcurrentLockAndCostWrites: an approved month is locked while eight cost
// writes race the lock. Every write is answered 201 or 409; what was
// acknowledged is exactly what is stored; and a month that ends locked
// holds no cost acknowledged after it was locked (a cost landing first
// reopens the month, so the lock then fails with 409).
func TestConcurrentLockAndCostWrites(t *testing.T) {
	t.Parallel()
	b := newBudgetWorld(t)
	for i := range 6 {
		m := b.month(i)
		b.env.Post("/api/v1/agreements/"+b.agreement+"/periods/"+m+"/approve", b.manager1, nil).Expect(http.StatusOK)
		b.env.Post("/api/v1/agreements/"+b.agreement+"/periods/"+m+"/approve", b.manager2, nil).Expect(http.StatusOK)
		statuses := make([]int, 9)
		race(9, func(j int) {
			if j == 0 {
				statuses[j] = b.env.Post("/api/v1/agreements/"+b.agreement+"/periods/"+m+"/lock", b.producer, nil).Status
				return
			}
			statuses[j] = b.cost(m, 500+j).Status
		})
		acked := 0
		for j, s := range statuses[1:] {
			switch s {
			case http.StatusCreated:
				acked++
			case http.StatusConflict:
			default:
				t.Errorf("%s: cost %d: status %d, want 201 or 409", m, j, s)
			}
		}
		if n := b.costsIn(t, m); n != int64(acked) {
			t.Errorf("%s: %d costs stored, %d acknowledged", m, n, acked)
		}
		p := b.period(m)
		switch statuses[0] {
		case http.StatusOK:
			if p["status"] != "locked" {
				t.Errorf("%s: lock answered 200 but the month is %v", m, p["status"])
			}
			if acked > 0 {
				t.Errorf("%s: locked, yet %d costs were acknowledged (they reopen the month, so the lock must fail)", m, acked)
			}
		case http.StatusConflict:
			if p["status"] == "locked" {
				t.Errorf("%s: lock answered 409 but the month is locked", m)
			}
		default:
			t.Errorf("%s: lock: status %d", m, statuses[0])
		}
	}
}

// TestConcurrentDuplicateImports sends the same 50-row CSV eight times at once to
// an open month: each import is all-or-nothing, so the month holds exactly
// 50 rows per acknowledged import. Then the same CSV races a lock of its
// (approved) month: each import lands whole before the lock or is refused
// whole (409) after it; never a part.
func TestConcurrentDuplicateImports(t *testing.T) {
	t.Parallel()
	b := newBudgetWorld(t)
	csv := func(m string) string {
		var sb strings.Builder
		sb.WriteString("incurred_on;amount;category;description\n")
		for i := range 50 {
			fmt.Fprintf(&sb, "%s-%02d;%d,%02d;materials;Tarvikkeet %d\n", m, 1+i%28, 10+i, i, i)
		}
		return sb.String()
	}
	importCSV := func(m string) int {
		return b.env.Do(apitest.Req{Method: http.MethodPost, Path: "/api/v1/costs/import?agreement_id=" + b.agreement,
			Token: b.producer, Body: csv(m), Header: map[string]string{"Content-Type": "text/csv"}}).Status
	}
	m := b.month(2)
	statuses := make([]int, 8)
	race(8, func(i int) { statuses[i] = importCSV(m) })
	ok := 0
	for _, s := range statuses {
		if s == http.StatusCreated {
			ok++
		} else {
			t.Errorf("duplicate import: status %d, want 201", s)
		}
	}
	if n := b.costsIn(t, m); n != int64(50*ok) {
		t.Errorf("%d rows after %d acknowledged imports of 50, want %d", n, ok, 50*ok)
	}

	m = b.month(3)
	b.env.Post("/api/v1/agreements/"+b.agreement+"/periods/"+m+"/approve", b.manager1, nil).Expect(http.StatusOK)
	b.env.Post("/api/v1/agreements/"+b.agreement+"/periods/"+m+"/approve", b.manager2, nil).Expect(http.StatusOK)
	statuses = make([]int, 5)
	race(5, func(i int) {
		if i == 0 {
			statuses[i] = b.env.Post("/api/v1/agreements/"+b.agreement+"/periods/"+m+"/lock", b.producer, nil).Status
			return
		}
		statuses[i] = importCSV(m)
	})
	ok = 0
	for _, s := range statuses[1:] {
		switch s {
		case http.StatusCreated:
			ok++
		case http.StatusConflict:
		default:
			t.Errorf("import racing a lock: status %d, want 201 or 409", s)
		}
	}
	if n := b.costsIn(t, m); n != int64(50*ok) {
		t.Errorf("%d rows after %d acknowledged imports of 50 racing a lock, want %d (an import is never partial)", n, ok, 50*ok)
	}
}
