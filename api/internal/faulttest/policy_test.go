package faulttest_test

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/apitest"
	"kulttuurisilta/api/internal/apperr"
	"kulttuurisilta/api/internal/httpapi"
)

// TestEveryRouteIsGuardedByItsPolicy walks the route table (every /api/v1
// route Echo serves, each also in the spec) with every kind of caller:
// admin, producer, a manager, a mentor of the first unit and one of
// another, a viewer, and API tokens with read and with write scopes. Every
// secured route must authorise with its package's policy function before
// anything else (httpapi.Authorize), and the answer must be that policy's
// decision for the caller: a caller it refuses gets exactly its 403 (or
// 404), never a validation error or another check's refusal; a caller it
// allows is not refused for lack of rights by anything else on the route
// (resource-level decisions, such as a mentor's units, may still hide a row
// with 404). Writes are sent malformed with a stale If-Match, so nothing
// changes (but for writes without a body, such as marking one's
// notifications read).
func TestEveryRouteIsGuardedByItsPolicy(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	env := w.env
	var mu sync.Mutex
	var policy func(*access.Principal) error
	var principal *access.Principal
	env.Echo.Use(func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			err := next(c)
			mu.Lock()
			policy, principal = httpapi.RoutePolicy(c), access.FromContext(c.Request().Context())
			mu.Unlock()
			return err
		}
	})
	unit := uuid.MustParse(w.idIn("/units"))
	var other uuid.UUID
	var units struct{ Items []struct{ ID uuid.UUID } }
	env.Get("/api/v1/units?limit=5", w.admin).Expect(http.StatusOK).JSON(&units)
	for _, u := range units.Items {
		if u.ID != unit {
			other = u.ID
		}
	}
	dep := uuid.MustParse(w.idIn("/departments"))
	callers := []caller{
		{"admin", w.admin},
		{"producer", env.Token(access.RoleProducer)},
		{"manager", env.Token(access.RoleManager, apitest.WithDepartment(dep))},
		{"mentor", env.Token(access.RoleMentor, apitest.WithUnits(unit))},
		{"mentor of another unit", env.Token(access.RoleMentor, apitest.WithUnits(other))},
		{"viewer", env.Token(access.RoleViewer)},
		{"token read", env.APIToken(access.ScopeCalendarRead, access.ScopeOrgRead, access.ScopeBudgetRead)},
		{"token write", env.APIToken(access.Scopes...)},
	}

	spec := map[string]operation{}
	for _, op := range operations(t) {
		spec[op.Method+" "+op.Path] = op
	}
	checked, routes := 0, 0
	for _, r := range env.Echo.Routes() {
		path, ok := strings.CutPrefix(r.Path, "/api/v1")
		if !ok || r.Method == echo.RouteNotFound || r.Method == http.MethodHead || r.Method == http.MethodOptions {
			continue
		}
		tmpl := echoToSpec(path)
		op, ok := spec[r.Method+" "+tmpl]
		if !ok {
			t.Errorf("%s %s is served but not in docs/openapi.json", r.Method, tmpl)
			continue
		}
		routes++
		if !op.secured() {
			continue // public: login, refresh, logout, the anonymous feed
		}
		url := w.concrete(tmpl)
		if q := w.validQuery(op); len(q) > 0 {
			url += "?" + q.Encode()
		}
		for _, c := range callers {
			req := apitest.Req{Method: r.Method, Path: url, Token: c.token}
			if isWrite(op) {
				req.Body = "{" // malformed: a write that gets past its policy stops at decoding
				req.Header = map[string]string{"If-Match": `"99999"`}
			}
			mu.Lock()
			policy, principal = nil, nil
			mu.Unlock()
			resp := env.Do(req)
			mu.Lock()
			pol, who := policy, principal
			mu.Unlock()
			what := fmt.Sprintf("%s %s as %s", r.Method, tmpl, c.name)
			if pol == nil || who == nil {
				t.Errorf("%s: status %d without a policy decision (httpapi.Authorize with the package's policy)", what, resp.Status)
				continue
			}
			checked++
			if resp.Status >= 200 && resp.Status < 300 && isWrite(op) && op.hasBody() {
				t.Errorf("%s: a malformed write succeeded (%d)", what, resp.Status)
			}
			if refusal := pol(who); refusal != nil {
				want := http.StatusForbidden
				if apperr.IsKind(refusal, apperr.KindNotFound) {
					want = http.StatusNotFound
				}
				if resp.Status != want {
					t.Errorf("%s: the policy refuses (%v) but the answer is %d: %.200s", what, refusal, resp.Status, resp.Body)
				}
				continue
			}
			if resp.Status == http.StatusUnauthorized || resp.Status == http.StatusForbidden {
				t.Errorf("%s: the policy allows but the answer is %d: %.200s", what, resp.Status, resp.Body)
			}
		}
	}
	if routes < 100 || checked < 700 {
		t.Errorf("only %d routes and %d route × caller decisions checked", routes, checked)
	}
	t.Logf("%d routes, %d route × caller decisions", routes, checked)
}

// echoToSpec turns Echo's /units/:id into the spec's /units/{id}.
func echoToSpec(path string) string {
	parts := strings.Split(path, "/")
	for i, p := range parts {
		if name, ok := strings.CutPrefix(p, ":"); ok {
			parts[i] = "{" + name + "}"
		}
	}
	return strings.Join(parts, "/")
}
