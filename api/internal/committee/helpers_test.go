package committee_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/google/uuid"

	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/apitest"
)

// world is two units, a mentor of each, every other role and API tokens,
// and a committee in unit A with a member, a meeting and an idea.
type world struct {
	env          *apitest.Env
	unitA, unitB uuid.UUID
	tok          map[string]string
	committee    string // in unit A
	member       string
	resident     string
	meeting      string
	idea         string
	mentorRecord string // a mentor record of unit A
	training     string
}

// callers are the rows of every role x action matrix.
var callers = []string{"admin", "producer", "manager", "mentorA", "mentorB", "viewer", "org:read", "org:write", "cal:write"}

func newWorld(t *testing.T) *world {
	t.Helper()
	env := apitest.New(t)
	w := &world{env: env, unitA: env.Unit(), unitB: env.Unit()}
	w.tok = map[string]string{
		"admin":     env.Token(access.RoleAdmin),
		"producer":  env.Token(access.RoleProducer),
		"manager":   env.Token(access.RoleManager),
		"mentorA":   env.Token(access.RoleMentor, apitest.WithUnits(w.unitA)),
		"mentorB":   env.Token(access.RoleMentor, apitest.WithUnits(w.unitB)),
		"viewer":    env.Token(access.RoleViewer),
		"org:read":  env.APIToken(access.ScopeOrgRead),
		"org:write": env.APIToken(access.ScopeOrgRead, access.ScopeOrgWrite),
		"cal:write": env.APIToken(access.ScopeCalendarRead, access.ScopeCalendarWrite),
	}
	a := w.tok["mentorA"]
	w.committee = env.Post("/api/v1/committees", a, map[string]any{"unit_id": w.unitA, "name": "Toimikunta " + apitest.Suffix(),
		"founded_on": "2024-01-15"}).Expect(http.StatusCreated).ID()
	m := env.Post(w.path("members"), a, map[string]any{"display_name": "Aili", "role": "chair", "joined_on": "2024-01-15"}).
		Expect(http.StatusCreated).Map()
	w.member, w.resident = m["id"].(string), m["resident_id"].(string)
	w.meeting = env.Post(w.path("meetings"), a, map[string]any{"held_on": "2024-02-01", "agenda": "Toiveet"}).
		Expect(http.StatusCreated).ID()
	w.idea = env.Post("/api/v1/ideas", a, map[string]any{"committee_id": w.committee, "title": "Tanssiaiset", "source": "meeting"}).
		Expect(http.StatusCreated).ID()
	w.mentorRecord = env.Post("/api/v1/mentors", w.tok["admin"], map[string]any{"name": "Maija " + apitest.Suffix(),
		"unit_ids": []uuid.UUID{w.unitA}}).Expect(http.StatusCreated).ID()
	w.training = env.Post("/api/v1/mentors/"+w.mentorRecord+"/trainings", a, map[string]any{"course": "Kulttuuriluotsi",
		"completed_on": "2024-03-01", "hours": 6}).Expect(http.StatusCreated).ID()
	return w
}

// path is a path under the world's committee.
func (w *world) path(parts ...string) string {
	p := "/api/v1/committees/" + w.committee
	for _, s := range parts {
		p += "/" + s
	}
	return p
}

// list is a decoded list response.
type list struct {
	Items []map[string]any `json:"items"`
	Total int              `json:"total"`
}

func (w *world) list(path, token string) list {
	w.env.T.Helper()
	var l list
	w.env.Get(path, token).Expect(http.StatusOK).JSON(&l)
	return l
}

func field(items []map[string]any, name string) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = fmt.Sprint(it[name])
	}
	return out
}

// auditCount counts audit events by action for an entity.
func (w *world) auditCount(action, entityID string) int64 {
	return w.env.AuditCount("action = ? AND entity_id = ?", action, entityID)
}
