package faulttest_test

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"kulttuurisilta/api/internal/apitest"
)

// patchRows pick the row a PATCH route changes where the collection's
// first row (the world's default) cannot change: every other route gets
// that row and an empty patch {} (a change of nothing is still a versioned
// write: version +1, one audit event).
var patchRows = map[string]func(t *testing.T, w *world) string{
	// The demo data's one override belongs to the sing-along.
	"/activities/{id}/overrides/{override_id}": nested("/activities", "/overrides"),
	// Not every mentor has trainings.
	"/mentors/{id}/trainings/{training_id}": nested("/mentors", "/trainings"),
	// A cost of the agreement's last month, which the demo leaves open.
	"/costs/{id}": func(t *testing.T, w *world) string {
		var costs struct {
			Items []struct {
				ID         string `json:"id"`
				IncurredOn string `json:"incurred_on"`
			}
		}
		w.env.Get("/api/v1/costs?limit=200&sort=-incurred_on", w.admin).Expect(http.StatusOK).JSON(&costs)
		if len(costs.Items) == 0 {
			t.Fatal("no cost in the demo data")
		}
		return "/api/v1/costs/" + costs.Items[0].ID
	},
}

// nested picks the first row of the first parent (of the first 200) that
// has a row in its sub-collection.
func nested(parents, sub string) func(t *testing.T, w *world) string {
	return func(t *testing.T, w *world) string {
		var ps struct{ Items []struct{ ID string } }
		w.env.Get("/api/v1"+parents+"?limit=200", w.admin).Expect(http.StatusOK).JSON(&ps)
		for _, p := range ps.Items {
			var cs struct{ Items []struct{ ID string } }
			w.env.Get("/api/v1"+parents+"/"+p.ID+sub, w.admin).Expect(http.StatusOK).JSON(&cs)
			if len(cs.Items) > 0 {
				return "/api/v1" + parents + "/" + p.ID + sub + "/" + cs.Items[0].ID
			}
		}
		t.Fatalf("no %s row under %s in the demo data", sub, parents)
		return ""
	}
}

// TestEveryPatchIsOneVersionedWrite walks every PATCH operation of
// docs/openapi.json as an admin on real rows: the response's version (and
// ETag) is the previous one plus one, a stale If-Match is a 412 that
// changes nothing, and the change leaves exactly one audit event about the
// row, "<entity>.update".
func TestEveryPatchIsOneVersionedWrite(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	env := w.env
	checked := 0
	for _, op := range operations(t) {
		if op.Method != http.MethodPatch {
			continue
		}
		path := w.concrete(op.Path)
		if pick := patchRows[op.Path]; pick != nil {
			path = pick(t, w)
		}
		get := env.Do(apitest.Req{Method: http.MethodGet, Path: path, Token: w.admin})
		if get.Status != http.StatusOK {
			t.Errorf("%s: GET %s: status %d; no row to change in the demo data (add one to the seed or to patchRows)",
				op, path, get.Status)
			continue
		}
		version := versionOf(t, get)
		id := get.ID() // the row's own id (PATCH /me changes the caller's user)
		events := len(auditEvents(t, w, id))

		body := map[string]any{}
		stale := env.Do(apitest.Req{Method: http.MethodPatch, Path: path, Token: w.admin, Body: body,
			Header: map[string]string{"If-Match": strconv.Quote(strconv.Itoa(version + 7))}})
		if stale.Status != http.StatusPreconditionFailed {
			t.Errorf("%s with a stale If-Match: status %d, want 412: %.200s", op, stale.Status, stale.Body)
		}
		r := env.Do(apitest.Req{Method: http.MethodPatch, Path: path, Token: w.admin, Body: body,
			Header: map[string]string{"If-Match": get.ETag()}})
		if r.Status != http.StatusOK {
			t.Errorf("%s: status %d, want 200: %.300s", op, r.Status, r.Body)
			continue
		}
		if got := versionOf(t, r); got != version+1 {
			t.Errorf("%s: version %d after a change of version %d", op, got, version)
		}
		if r.ETag() != strconv.Quote(strconv.Itoa(version+1)) {
			t.Errorf("%s: ETag %s, want \"%d\"", op, r.ETag(), version+1)
		}
		after := auditEvents(t, w, id)
		if len(after) != events+1 {
			t.Errorf("%s: %d audit events about %s after the change, want %d", op, len(after), id, events+1)
		} else if a := after[0].Action; !strings.HasSuffix(a, ".update") {
			t.Errorf("%s: the change was audited as %q", op, a)
		}
		checked++
	}
	if checked < 15 {
		t.Errorf("only %d PATCH operations checked", checked)
	}
}

func versionOf(t *testing.T, r *apitest.Resp) int {
	t.Helper()
	var v struct {
		Version int `json:"version"`
	}
	if err := json.Unmarshal(r.Body, &v); err != nil || v.Version < 1 {
		t.Fatalf("no version in %.200s (%v)", r.Body, err)
	}
	return v.Version
}

type auditEvent struct {
	Action string `json:"action"`
}

// auditEvents lists the audit events about entity id, newest first.
func auditEvents(t *testing.T, w *world, id string) []auditEvent {
	t.Helper()
	var l struct {
		Items []auditEvent `json:"items"`
		Total int          `json:"total"`
	}
	w.env.Get("/api/v1/audit-events?limit=200&entity_id="+id, w.admin).Expect(http.StatusOK).JSON(&l)
	if l.Total != len(l.Items) {
		t.Fatalf("%d audit events about %s, more than a page", l.Total, id)
	}
	return l.Items
}
