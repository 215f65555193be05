package faulttest_test

import (
	"net/http"
	"strings"
	"testing"

	"kulttuurisilta/api/internal/apitest"
)

// caller is one kind of credential in the authorisation matrix.
type caller struct {
	name  string
	token string
}

// rule is one row of the matrix: for the operations it matches, the
// callers it names must be refused (403, or 404 where the row is hidden).
type rule struct {
	what    string
	match   func(op operation) bool
	callers []string
}

func isWrite(op operation) bool { return op.Method != http.MethodGet && op.Method != http.MethodHead }

func under(prefixes ...string) func(op operation) bool {
	return func(op operation) bool {
		for _, p := range prefixes {
			if op.Path == p || strings.HasPrefix(op.Path, p+"/") {
				return true
			}
		}
		return false
	}
}

// selfService are writes every signed-in user may make about themselves
// (their session, feed tokens, notifications and notification settings).
var selfService = under("/auth", "/feed-tokens", "/me")

var matrix = []rule{
	{"a viewer changes nothing", func(op operation) bool { return isWrite(op) && !selfService(op) },
		[]string{"viewer"}},
	{"a read-only API token changes nothing", func(op operation) bool { return isWrite(op) && !selfService(op) },
		[]string{"token calendar:read", "token org:read+budget:read"}},
	{"users, API tokens and the audit log are the admin's",
		under("/users", "/api-tokens", "/audit-events"),
		[]string{"viewer", "mentor", "manager", "token calendar:read", "token org:read+budget:read"}},
	{"culture profiles are personal data: only the unit's mentors and admins",
		func(op operation) bool { return strings.Contains(op.Path, "/culture-profile") },
		[]string{"viewer", "manager", "producer", "token calendar:read", "token org:read+budget:read"}},
	{"the budget is not for mentors and viewers to change",
		func(op operation) bool { return isWrite(op) && under("/costs", "/agreements")(op) },
		[]string{"viewer", "mentor"}},
	{"departments and units are changed by admins",
		func(op operation) bool { return isWrite(op) && under("/departments", "/units")(op) },
		[]string{"viewer", "mentor", "manager"}},
	{"the Linked Events push outcomes are the producer's and admins'",
		under("/integrations/linked-events/status"),
		[]string{"viewer", "mentor", "manager", "token org:read+budget:read"}},
	{"notifications belong to people: an API token has no inbox",
		under("/me/notifications", "/me/notification-settings"),
		[]string{"token calendar:read", "token org:read+budget:read"}},
	{"a calendar-only token reads no budget",
		under("/costs", "/agreements"),
		[]string{"token calendar:read"}},
}

// TestAuthorisationMatrix sends every operation of the spec as each kind of
// caller (viewer, mentor, manager, producer, admin and API tokens with
// read-only scopes), with real ids and an empty JSON object as the body.
// Every answer must be free of 5xx; where a row of the matrix says the
// caller has no right, the answer must be 403 or 404, before any
// validation (so no 422 that would tell the body mattered). Writes are
// only sent to callers that must be refused, so the data never changes.
func TestAuthorisationMatrix(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	env := w.env
	mentorUnit := env.Unit()
	callers := []caller{
		{"admin", w.admin},
		{"producer", env.Token("producer")},
		{"manager", env.Token("manager")},
		{"mentor", env.Token("mentor", apitest.WithUnits(mentorUnit))},
		{"viewer", env.Token("viewer")},
		{"token calendar:read", env.APIToken("calendar:read")},
		{"token org:read+budget:read", env.APIToken("org:read", "budget:read")},
	}
	var seen tally
	checked := 0
	for _, op := range operations(t) {
		if !op.secured() {
			continue
		}
		path := w.concrete(op.Path)
		if q := w.validQuery(op); len(q) > 0 {
			path += "?" + q.Encode()
		}
		for _, c := range callers {
			var refusedBy []string
			for _, r := range matrix {
				if r.match(op) && contains(r.callers, c.name) {
					refusedBy = append(refusedBy, r.what)
				}
			}
			if isWrite(op) && len(refusedBy) == 0 {
				continue // allowed writes would change the data the other rows read
			}
			r := env.Do(apitest.Req{Method: op.Method, Path: path, Token: c.token, Body: bodyFor(op)})
			seen.add(r.Status)
			checked++
			if len(refusedBy) > 0 && r.Status != http.StatusForbidden && r.Status != http.StatusNotFound {
				t.Errorf("%s as %s: status %d, want 403 or 404 (%s): %.200s", op, c.name, r.Status,
					strings.Join(refusedBy, "; "), r.Body)
			}
			if len(refusedBy) > 0 && r.Status == http.StatusNotFound && !strings.Contains(op.Path, "{") {
				t.Errorf("%s as %s: 404 on a collection, want 403", op, c.name)
			}
		}
	}
	t.Logf("authorisation matrix: %d checks; %s", checked, &seen)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
