package faulttest_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"sort"
	"testing"
	"time"

	"github.com/google/uuid"

	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/apitest"
)

// actionsWorld is the data the allowed_actions walk runs over: a unit with
// its mentor, another unit with its own, a department with its manager, and
// every other kind of caller.
type actionsWorld struct {
	env          *apitest.Env
	admin        string
	unit, other  uuid.UUID
	dep, dep2    uuid.UUID
	manager2     string // the manager of dep2 (not a caller of the walk)
	callers      []caller
	seq          int
	zone         *time.Location
	pastMonday   time.Time // 14:00 on a Monday two weeks ago, in the calendar zone
	futureMonday time.Time // 14:00 on a Monday two weeks ahead
}

func newActionsWorld(t *testing.T) *actionsWorld {
	env := apitest.New(t)
	w := &actionsWorld{env: env, admin: env.Token(access.RoleAdmin), unit: env.Unit(), other: env.Unit(),
		dep: env.Department(), dep2: env.Department(), zone: env.Zone}
	w.manager2 = env.Token(access.RoleManager, apitest.WithDepartment(w.dep2))
	w.callers = []caller{
		{"admin", w.admin},
		{"producer", env.Token(access.RoleProducer)},
		{"manager", env.Token(access.RoleManager, apitest.WithDepartment(w.dep))},
		{"mentor of the unit", env.Token(access.RoleMentor, apitest.WithUnits(w.unit))},
		{"mentor of another unit", env.Token(access.RoleMentor, apitest.WithUnits(w.other))},
		{"viewer", env.Token(access.RoleViewer)},
		{"token read", env.APIToken(access.ScopeCalendarRead, access.ScopeOrgRead, access.ScopeBudgetRead)},
		{"token write", env.APIToken(access.Scopes...)},
	}
	now := time.Now().In(env.Zone)
	day := time.Date(now.Year(), now.Month(), now.Day(), 14, 0, 0, 0, env.Zone)
	for day.Weekday() != time.Monday {
		day = day.AddDate(0, 0, -1)
	}
	w.pastMonday, w.futureMonday = day.AddDate(0, 0, -14), day.AddDate(0, 0, 14)
	return w
}

func (w *actionsWorld) name(what string) string {
	w.seq++
	return fmt.Sprintf("%s %d %s", what, w.seq, apitest.Suffix())
}

// fixture is one fresh resource: where to read it (alone and in its list)
// and the ids its actions' routes need.
type fixture struct {
	get  string // GET of the resource alone ("" when it has none: read from the list)
	list string // GET of a list holding it
	id   string // its id, to find it in the list (or a key field: see match)
	// match finds the resource in the list (default: "id" == id).
	match func(item map[string]any) bool
	ids   map[string]string
}

// resourceCase is one resource of the vocabulary (docs/development.md): how
// to make a fresh one as an admin, and the request of each action.
type resourceCase struct {
	name    string
	create  func(t *testing.T, w *actionsWorld) fixture
	actions map[string]func(w *actionsWorld, f fixture) apitest.Req
}

func req(method, path string, body any) apitest.Req {
	return apitest.Req{Method: method, Path: path, Body: body}
}

// weekly creates an activity of the unit: weekly on Mondays from from,
// four times, in the status.
func (w *actionsWorld) weekly(t *testing.T, status string, from time.Time) map[string]any {
	t.Helper()
	r := w.env.Post("/api/v1/activities", w.admin, map[string]any{
		"title": w.name("Lauluhetki"), "category": "music", "starts_at": from, "ends_at": from.Add(time.Hour),
		"recurrence": "FREQ=WEEKLY;COUNT=4", "unit_ids": []uuid.UUID{w.unit}, "status": status, "allow_overlap": true,
	}).Expect(http.StatusCreated)
	return r.Map()
}

func (w *actionsWorld) activityFixture(t *testing.T, status string, from time.Time) fixture {
	a := w.weekly(t, status, from)
	id := a["id"].(string)
	return fixture{get: "/api/v1/activities/" + id, list: "/api/v1/activities?unit_id=" + w.unit.String() + "&limit=200", id: id,
		ids: map[string]string{"activity": id, "first": from.Format(time.RFC3339), "second": from.AddDate(0, 0, 7).Format(time.RFC3339)}}
}

// occurrenceFixture is the first occurrence of a weekly activity, read from
// the activity's occurrences (the calendar's items); with an override when
// overridden.
func (w *actionsWorld) occurrenceFixture(t *testing.T, status string, from time.Time, overridden bool) fixture {
	f := w.activityFixture(t, status, from)
	id := f.ids["activity"]
	if overridden {
		o := w.env.Post("/api/v1/activities/"+id+"/overrides", w.admin, map[string]any{"original_start": from,
			"starts_at": from.Add(time.Hour), "ends_at": from.Add(2 * time.Hour), "allow_overlap": true}).Expect(http.StatusCreated)
		f.ids["override"] = o.ID()
	}
	q := "?from=" + from.AddDate(0, 0, -1).Format(time.DateOnly) + "&to=" + from.AddDate(0, 0, 1).Format(time.DateOnly)
	start := from
	return fixture{list: "/api/v1/activities/" + id + "/occurrences" + q, id: id, ids: f.ids,
		match: func(item map[string]any) bool {
			at, err := time.Parse(time.RFC3339, fmt.Sprint(item["original_start"]))
			return err == nil && at.Equal(start)
		}}
}

// overridePath is the occurrence's override when it has one, else the
// collection a new one is posted to.
func overrideReq(f fixture, body map[string]any) apitest.Req {
	base := "/api/v1/activities/" + f.ids["activity"] + "/overrides"
	body["allow_overlap"] = true // a clash is the calendar's to tell, not the rights'
	if o := f.ids["override"]; o != "" {
		return req(http.MethodPatch, base+"/"+o, body)
	}
	body["original_start"] = f.ids["first"]
	return req(http.MethodPost, base, body)
}

func activityActions() map[string]func(w *actionsWorld, f fixture) apitest.Req {
	return map[string]func(w *actionsWorld, f fixture) apitest.Req{
		"update": func(_ *actionsWorld, f fixture) apitest.Req {
			return req(http.MethodPatch, "/api/v1/activities/"+f.ids["activity"], map[string]any{})
		},
		"delete": func(_ *actionsWorld, f fixture) apitest.Req {
			return req(http.MethodDelete, "/api/v1/activities/"+f.ids["activity"], nil)
		},
		"cancel": func(_ *actionsWorld, f fixture) apitest.Req {
			return req(http.MethodPatch, "/api/v1/activities/"+f.ids["activity"], map[string]any{"status": "cancelled"})
		},
		"move_occurrence": func(_ *actionsWorld, f fixture) apitest.Req {
			at, _ := time.Parse(time.RFC3339, f.ids["second"])
			return req(http.MethodPost, "/api/v1/activities/"+f.ids["activity"]+"/overrides", map[string]any{
				"original_start": at, "starts_at": at.Add(time.Hour), "ends_at": at.Add(2 * time.Hour), "allow_overlap": true})
		},
		"cancel_occurrence": func(_ *actionsWorld, f fixture) apitest.Req {
			return req(http.MethodPost, "/api/v1/activities/"+f.ids["activity"]+"/overrides", map[string]any{
				"original_start": f.ids["second"], "cancelled": true})
		},
		"record_attendance": func(_ *actionsWorld, f fixture) apitest.Req {
			return req(http.MethodPost, "/api/v1/activities/"+f.ids["activity"]+"/attendance", map[string]any{
				"occurrence_start": f.ids["first"], "residents": 6})
		},
	}
}

func occurrenceActions() map[string]func(w *actionsWorld, f fixture) apitest.Req {
	return map[string]func(w *actionsWorld, f fixture) apitest.Req{
		"update": func(_ *actionsWorld, f fixture) apitest.Req {
			return req(http.MethodPatch, "/api/v1/activities/"+f.ids["activity"], map[string]any{})
		},
		"move_occurrence": func(_ *actionsWorld, f fixture) apitest.Req {
			at, _ := time.Parse(time.RFC3339, f.ids["first"])
			return overrideReq(f, map[string]any{"starts_at": at.Add(30 * time.Minute), "ends_at": at.Add(90 * time.Minute)})
		},
		"cancel_occurrence": func(_ *actionsWorld, f fixture) apitest.Req {
			return overrideReq(f, map[string]any{"cancelled": true})
		},
		"restore_occurrence": func(_ *actionsWorld, f fixture) apitest.Req {
			o := f.ids["override"]
			if o == "" {
				o = uuid.NewString() // nothing to restore: the route can only refuse
			}
			return req(http.MethodDelete, "/api/v1/activities/"+f.ids["activity"]+"/overrides/"+o+"?allow_overlap=true", nil)
		},
		"record_attendance": func(_ *actionsWorld, f fixture) apitest.Req {
			return req(http.MethodPost, "/api/v1/activities/"+f.ids["activity"]+"/attendance", map[string]any{
				"occurrence_start": f.ids["first"], "residents": 4})
		},
	}
}

// updateDelete are the actions of a resource that is changed and deleted
// at its own path.
func updateDelete(patch map[string]any) map[string]func(w *actionsWorld, f fixture) apitest.Req {
	return map[string]func(w *actionsWorld, f fixture) apitest.Req{
		"update": func(_ *actionsWorld, f fixture) apitest.Req { return req(http.MethodPatch, f.get, patch) },
		"delete": func(_ *actionsWorld, f fixture) apitest.Req { return req(http.MethodDelete, f.get, nil) },
	}
}

// created is a fixture for a resource posted to collection as an admin.
func created(collection string, body func(w *actionsWorld) map[string]any) func(t *testing.T, w *actionsWorld) fixture {
	return func(t *testing.T, w *actionsWorld) fixture {
		t.Helper()
		id := w.env.Post("/api/v1"+collection, w.admin, body(w)).Expect(http.StatusCreated).ID()
		return fixture{get: "/api/v1" + collection + "/" + id, list: "/api/v1" + collection + "?limit=200&updated_since=" +
			time.Now().Add(-time.Minute).UTC().Format(time.RFC3339), id: id}
	}
}

var resourceCases = []resourceCase{
	{name: "activity (proposed, started)", actions: activityActions(),
		create: func(t *testing.T, w *actionsWorld) fixture { return w.activityFixture(t, "proposed", w.pastMonday) }},
	{name: "activity (confirmed, started)", actions: activityActions(),
		create: func(t *testing.T, w *actionsWorld) fixture { return w.activityFixture(t, "confirmed", w.pastMonday) }},
	{name: "activity (planned, in the future)", actions: activityActions(),
		create: func(t *testing.T, w *actionsWorld) fixture { return w.activityFixture(t, "planned", w.futureMonday) }},
	{name: "activity with attendance", actions: activityActions(),
		create: func(t *testing.T, w *actionsWorld) fixture {
			f := w.activityFixture(t, "confirmed", w.pastMonday)
			w.env.Post("/api/v1/activities/"+f.ids["activity"]+"/attendance", w.admin, map[string]any{
				"occurrence_start": w.pastMonday.AddDate(0, 0, 7), "residents": 3}).Expect(http.StatusCreated)
			return f
		}},
	{name: "occurrence (proposed, started)", actions: occurrenceActions(),
		create: func(t *testing.T, w *actionsWorld) fixture {
			return w.occurrenceFixture(t, "proposed", w.pastMonday, false)
		}},
	{name: "occurrence (confirmed, moved)", actions: occurrenceActions(),
		create: func(t *testing.T, w *actionsWorld) fixture {
			return w.occurrenceFixture(t, "confirmed", w.pastMonday, true)
		}},
	{name: "occurrence (planned, in the future)", actions: occurrenceActions(),
		create: func(t *testing.T, w *actionsWorld) fixture {
			return w.occurrenceFixture(t, "planned", w.futureMonday, false)
		}},
	{name: "occurrence override", actions: map[string]func(w *actionsWorld, f fixture) apitest.Req{
		"update": func(_ *actionsWorld, f fixture) apitest.Req {
			return req(http.MethodPatch, f.get, map[string]any{"note": "Sali varattu", "allow_overlap": true})
		},
		"delete": func(_ *actionsWorld, f fixture) apitest.Req {
			return req(http.MethodDelete, f.get+"?allow_overlap=true", nil)
		},
	},
		create: func(t *testing.T, w *actionsWorld) fixture {
			f := w.activityFixture(t, "confirmed", w.pastMonday)
			base := "/api/v1/activities/" + f.ids["activity"] + "/overrides"
			id := w.env.Post(base, w.admin, map[string]any{"original_start": w.pastMonday.AddDate(0, 0, 14),
				"cancelled": true}).Expect(http.StatusCreated).ID()
			return fixture{get: base + "/" + id, list: base, id: id}
		}},
	{name: "attendance record", actions: updateDelete(map[string]any{"residents": 9}),
		create: func(t *testing.T, w *actionsWorld) fixture {
			f := w.activityFixture(t, "confirmed", w.pastMonday)
			base := "/api/v1/activities/" + f.ids["activity"] + "/attendance"
			id := w.env.Post(base, w.admin, map[string]any{"occurrence_start": w.pastMonday, "residents": 3}).
				Expect(http.StatusCreated).ID()
			return fixture{get: base + "/" + id, list: base, id: id}
		}},
	{name: "partner", actions: updateDelete(map[string]any{}),
		create: created("/partners", func(w *actionsWorld) map[string]any {
			return map[string]any{"name": w.name("Kirjasto"), "kind": "library", "sector": "public"}
		})},
	{name: "series", actions: updateDelete(map[string]any{}),
		create: created("/series", func(w *actionsWorld) map[string]any {
			return map[string]any{"name": w.name("Kulttuuriviikot"), "starts_on": "2026-09-07", "ends_on": "2026-09-27"}
		})},
	// A partner or a series an activity refers to cannot be deleted (409): no delete offered.
	{name: "partner (in use)", actions: updateDelete(map[string]any{}),
		create: func(t *testing.T, w *actionsWorld) fixture {
			f := created("/partners", func(w *actionsWorld) map[string]any {
				return map[string]any{"name": w.name("Kuoro"), "kind": "association", "sector": "third"}
			})(t, w)
			w.referTo(t, "partner_ids", []string{f.id})
			return f
		}},
	{name: "series (in use)", actions: updateDelete(map[string]any{}),
		create: func(t *testing.T, w *actionsWorld) fixture {
			f := created("/series", func(w *actionsWorld) map[string]any {
				return map[string]any{"name": w.name("Syysviikot"), "starts_on": "2026-10-05", "ends_on": "2026-10-25"}
			})(t, w)
			w.referTo(t, "series_id", f.id)
			return f
		}},
}

// referTo creates a one-off activity of the unit whose field refers to a
// partner or a series.
func (w *actionsWorld) referTo(t *testing.T, field string, value any) {
	t.Helper()
	from := time.Date(2026, 10, 7, 10, 0, 0, 0, w.zone)
	w.env.Post("/api/v1/activities", w.admin, map[string]any{"title": w.name("Viittaava"), "category": "music",
		"starts_at": from, "ends_at": from.Add(time.Hour), "unit_ids": []uuid.UUID{w.unit}, "status": "planned",
		"allow_overlap": true, field: value}).Expect(http.StatusCreated)
}

// nestedIn is a fixture for a resource posted under a parent made by parent.
func nestedIn(parent func(t *testing.T, w *actionsWorld) string, sub string, body func(w *actionsWorld) map[string]any) func(t *testing.T, w *actionsWorld) fixture {
	return func(t *testing.T, w *actionsWorld) fixture {
		t.Helper()
		base := parent(t, w) + sub
		id := w.env.Post(base, w.admin, body(w)).Expect(http.StatusCreated).ID()
		return fixture{get: base + "/" + id, list: base + "?limit=200", id: id}
	}
}

// committee creates a committee of the unit and returns its path.
func (w *actionsWorld) committee(t *testing.T) string {
	t.Helper()
	id := w.env.Post("/api/v1/committees", w.admin, map[string]any{"name": w.name("Toimikunta"), "unit_id": w.unit}).
		Expect(http.StatusCreated).ID()
	return "/api/v1/committees/" + id
}

// resident creates a resident of the unit and returns its path.
func (w *actionsWorld) resident(t *testing.T) string {
	t.Helper()
	id := w.env.Post("/api/v1/residents", w.admin, map[string]any{"display_name": w.name("Aili"), "unit_id": w.unit}).
		Expect(http.StatusCreated).ID()
	return "/api/v1/residents/" + id
}

// mentor creates a mentor record of the unit and returns its path.
func (w *actionsWorld) mentor(t *testing.T) string {
	t.Helper()
	id := w.env.Post("/api/v1/mentors", w.admin, map[string]any{"name": w.name("Maija"), "unit_ids": []uuid.UUID{w.unit}}).
		Expect(http.StatusCreated).ID()
	return "/api/v1/mentors/" + id
}

// agreement creates an agreement from last December to the end of this
// year (so last month is always inside it, January included) with the
// world's departments and returns its id.
func (w *actionsWorld) agreement(t *testing.T) string {
	t.Helper()
	year := time.Now().In(w.zone).Year()
	return w.env.Post("/api/v1/agreements", w.admin, map[string]any{"name": w.name("Sopimus"),
		"starts_on": fmt.Sprintf("%d-12-01", year-1), "ends_on": fmt.Sprintf("%d-12-31", year),
		"departments": []map[string]any{{"department_id": w.dep, "share_bp": 6000, "budget_cents": 100000},
			{"department_id": w.dep2, "share_bp": 4000, "budget_cents": 80000}}}).
		Expect(http.StatusCreated).ID()
}

func (w *actionsWorld) costFixture(t *testing.T, lock bool) fixture {
	t.Helper()
	agreement := w.agreement(t)
	now := time.Now().In(w.zone)
	month := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC)
	if lock {
		month = month.AddDate(0, -1, 0)
	}
	id := w.env.Post("/api/v1/costs", w.admin, map[string]any{"agreement_id": agreement, "amount_cents": 12500,
		"category": "materials", "description": "Askartelutarvikkeet", "incurred_on": month.Format(time.DateOnly)}).
		Expect(http.StatusCreated).ID()
	if lock {
		period := "/api/v1/agreements/" + agreement + "/periods/" + month.Format("2006-01")
		manager := w.callers[2].token
		w.env.Post(period+"/approve", manager, nil).Expect(http.StatusOK)
		w.env.Post(period+"/approve", w.manager2, nil).Expect(http.StatusOK)
		w.env.Post(period+"/lock", w.admin, nil).Expect(http.StatusOK)
	}
	return fixture{get: "/api/v1/costs/" + id, list: "/api/v1/costs?limit=200&agreement_id=" + agreement, id: id}
}

var moreResourceCases = []resourceCase{
	{name: "department", actions: updateDelete(map[string]any{}),
		create: created("/departments", func(w *actionsWorld) map[string]any {
			return map[string]any{"name": w.name("Osasto"), "code": "D-" + apitest.Suffix(), "kind": "culture", "organisation": "Kaarina"}
		})},
	{name: "unit", actions: updateDelete(map[string]any{}),
		create: created("/units", func(w *actionsWorld) map[string]any {
			return map[string]any{"name": w.name("Yksikkö"), "kind": "care_home", "organisation": "Kaarina", "sector": "public"}
		})},
	// A department or a unit that other rows refer to cannot be deleted (409): no delete offered.
	{name: "department (in use)", actions: updateDelete(map[string]any{}),
		create: func(t *testing.T, w *actionsWorld) fixture {
			f := created("/departments", func(w *actionsWorld) map[string]any {
				return map[string]any{"name": w.name("Osasto"), "code": "D-" + apitest.Suffix(), "kind": "culture", "organisation": "Kaarina"}
			})(t, w)
			w.env.Post("/api/v1/units", w.admin, map[string]any{"name": w.name("Yksikkö"), "kind": "care_home",
				"organisation": "Kaarina", "sector": "public", "department_id": f.id}).Expect(http.StatusCreated)
			return f
		}},
	{name: "unit (in use)", actions: updateDelete(map[string]any{}),
		create: func(t *testing.T, w *actionsWorld) fixture {
			f := created("/units", func(w *actionsWorld) map[string]any {
				return map[string]any{"name": w.name("Yksikkö"), "kind": "care_home", "organisation": "Kaarina", "sector": "public"}
			})(t, w)
			w.env.Post("/api/v1/residents", w.admin, map[string]any{"display_name": w.name("Aili"), "unit_id": f.id}).
				Expect(http.StatusCreated)
			return f
		}},
	{name: "user", actions: map[string]func(w *actionsWorld, f fixture) apitest.Req{
		"update": func(_ *actionsWorld, f fixture) apitest.Req { return req(http.MethodPatch, f.get, map[string]any{}) }},
		create: created("/users", func(w *actionsWorld) map[string]any {
			return map[string]any{"email": "u" + apitest.Suffix() + "@example.fi", "password": "a long passphrase 123", "role": "viewer"}
		})},
	{name: "API token", actions: map[string]func(w *actionsWorld, f fixture) apitest.Req{
		"revoke": func(_ *actionsWorld, f fixture) apitest.Req { return req(http.MethodDelete, f.get, nil) }},
		create: created("/api-tokens", func(w *actionsWorld) map[string]any {
			return map[string]any{"name": w.name("Portaali"), "scopes": []string{"calendar:read"}}
		})},
	{name: "feed token", actions: map[string]func(w *actionsWorld, f fixture) apitest.Req{
		"revoke": func(_ *actionsWorld, f fixture) apitest.Req { return req(http.MethodDelete, f.get, nil) }},
		create: created("/feed-tokens", func(w *actionsWorld) map[string]any {
			return map[string]any{"name": w.name("Henkilökunta"), "scope": "all"}
		})},
	{name: "committee", actions: updateDelete(map[string]any{}),
		create: func(t *testing.T, w *actionsWorld) fixture {
			path := w.committee(t)
			return fixture{get: path, list: "/api/v1/committees?limit=200&unit_id=" + w.unit.String(), id: path[len("/api/v1/committees/"):]}
		}},
	// A committee with members, meetings or ideas cannot be deleted (409): no delete offered.
	{name: "committee (in use)", actions: updateDelete(map[string]any{}),
		create: func(t *testing.T, w *actionsWorld) fixture {
			path := w.committee(t)
			w.env.Post(path+"/meetings", w.admin, map[string]any{"held_on": "2025-03-10"}).Expect(http.StatusCreated)
			return fixture{get: path, list: "/api/v1/committees?limit=200&unit_id=" + w.unit.String(), id: path[len("/api/v1/committees/"):]}
		}},
	{name: "committee member", actions: updateDelete(map[string]any{}),
		create: nestedIn(func(t *testing.T, w *actionsWorld) string { return w.committee(t) }, "/members",
			func(w *actionsWorld) map[string]any {
				return map[string]any{"display_name": w.name("Aili"), "role": "member", "joined_on": "2025-01-15"}
			})},
	{name: "committee meeting", actions: updateDelete(map[string]any{}),
		create: nestedIn(func(t *testing.T, w *actionsWorld) string { return w.committee(t) }, "/meetings",
			func(*actionsWorld) map[string]any { return map[string]any{"held_on": "2025-03-10"} })},
	{name: "idea", actions: ideaActionReqs, create: func(t *testing.T, w *actionsWorld) fixture { return w.ideaFixture(t, false) }},
	{name: "idea (turned into an activity)", actions: ideaActionReqs,
		create: func(t *testing.T, w *actionsWorld) fixture { return w.ideaFixture(t, true) }},
	{name: "resident", actions: updateDelete(map[string]any{}),
		create: func(t *testing.T, w *actionsWorld) fixture {
			path := w.resident(t)
			return fixture{get: path, list: "/api/v1/residents?limit=200&unit_id=" + w.unit.String(), id: path[len("/api/v1/residents/"):]}
		}},
	{name: "culture profile", actions: map[string]func(w *actionsWorld, f fixture) apitest.Req{
		"update": func(_ *actionsWorld, f fixture) apitest.Req {
			return req(http.MethodPut, f.get, map[string]any{"music": "Iskelmä"})
		},
		"delete": func(_ *actionsWorld, f fixture) apitest.Req { return req(http.MethodDelete, f.get, nil) },
		"export": func(_ *actionsWorld, f fixture) apitest.Req { return req(http.MethodGet, f.get+"/export", nil) }},
		create: func(t *testing.T, w *actionsWorld) fixture {
			path := w.resident(t) + "/culture-profile"
			w.env.Put(path, w.admin, map[string]any{"music": "Tangot"}, "").Expect(http.StatusCreated)
			return fixture{get: path} // one per resident: no list
		}},
	{name: "mentor", actions: map[string]func(w *actionsWorld, f fixture) apitest.Req{
		"update": func(_ *actionsWorld, f fixture) apitest.Req { return req(http.MethodPatch, f.get, map[string]any{}) },
		"delete": func(_ *actionsWorld, f fixture) apitest.Req { return req(http.MethodDelete, f.get, nil) },
		"record_training": func(_ *actionsWorld, f fixture) apitest.Req {
			return req(http.MethodPost, f.get+"/trainings", map[string]any{"course": "Perusteet", "hours": 7.5, "completed_on": "2025-05-05"})
		}},
		create: func(t *testing.T, w *actionsWorld) fixture {
			path := w.mentor(t)
			return fixture{get: path, list: "/api/v1/mentors?limit=200", id: path[len("/api/v1/mentors/"):]}
		}},
	{name: "mentor training", actions: updateDelete(map[string]any{}),
		create: nestedIn(func(t *testing.T, w *actionsWorld) string { return w.mentor(t) }, "/trainings",
			func(*actionsWorld) map[string]any {
				return map[string]any{"course": "Perusteet", "hours": 7.5, "completed_on": "2025-05-05"}
			})},
	{name: "agreement", actions: updateDelete(map[string]any{}),
		create: func(t *testing.T, w *actionsWorld) fixture {
			id := w.agreement(t)
			return fixture{get: "/api/v1/agreements/" + id, list: "/api/v1/agreements?limit=200", id: id}
		}},
	// An agreement with cost entries (or invoicing bases) cannot be deleted (409): no delete offered.
	{name: "agreement (in use)", actions: updateDelete(map[string]any{}),
		create: func(t *testing.T, w *actionsWorld) fixture {
			f := w.costFixture(t, false)
			var cost struct {
				AgreementID string `json:"agreement_id"`
			}
			w.env.Get(f.get, w.admin).Expect(http.StatusOK).JSON(&cost)
			return fixture{get: "/api/v1/agreements/" + cost.AgreementID, list: "/api/v1/agreements?limit=200", id: cost.AgreementID}
		}},
	{name: "cost (open month)", actions: updateDelete(map[string]any{}),
		create: func(t *testing.T, w *actionsWorld) fixture { return w.costFixture(t, false) }},
	{name: "cost (locked month)", actions: updateDelete(map[string]any{}),
		create: func(t *testing.T, w *actionsWorld) fixture { return w.costFixture(t, true) }},
	{name: "unit place", actions: map[string]func(w *actionsWorld, f fixture) apitest.Req{
		"update": func(_ *actionsWorld, f fixture) apitest.Req {
			return req(http.MethodPut, f.ids["put"], map[string]any{"tprek_id": "7255"})
		}},
		create: func(t *testing.T, w *actionsWorld) fixture {
			unit := w.env.Unit()
			path := "/api/v1/integrations/linked-events/places/" + unit.String()
			w.env.Put(path, w.admin, map[string]any{"tprek_id": "7254"}, "").Expect(http.StatusCreated)
			return fixture{list: "/api/v1/integrations/linked-events/places", id: "", ids: map[string]string{"put": path},
				match: func(item map[string]any) bool { return item["unit_id"] == unit.String() }}
		}},
}

// allowedActions reads a resource's allowed_actions as the caller: alone
// (when it has a GET) and as an item of its list, which must agree. ok is
// false when the caller cannot see it.
func (w *actionsWorld) allowedActions(t *testing.T, f fixture, token, what string) (actions []string, ok bool) {
	t.Helper()
	var single []string
	seen := false
	if f.get != "" {
		r := w.env.Get(f.get, token)
		if r.Status != http.StatusOK {
			return nil, false
		}
		var v struct {
			AllowedActions *[]string `json:"allowed_actions"`
		}
		if err := json.Unmarshal(r.Body, &v); err != nil || v.AllowedActions == nil {
			t.Errorf("%s: GET %s has no allowed_actions: %.300s", what, f.get, r.Body)
			return nil, false
		}
		single, seen = *v.AllowedActions, true
	}
	if f.list == "" {
		return single, seen
	}
	r := w.env.Get(f.list, token)
	if r.Status != http.StatusOK {
		if seen {
			t.Errorf("%s: the resource reads alone but its list %s answers %d", what, f.list, r.Status)
		}
		return single, seen
	}
	var l struct {
		Items []map[string]any `json:"items"`
	}
	if err := json.Unmarshal(r.Body, &l); err != nil {
		t.Fatalf("%s: list %s: %v", what, f.list, err)
	}
	match := f.match
	if match == nil {
		match = func(item map[string]any) bool { return item["id"] == f.id }
	}
	for _, item := range l.Items {
		if !match(item) {
			continue
		}
		raw, has := item["allowed_actions"].([]any)
		if !has {
			t.Errorf("%s: the item in %s has no allowed_actions", what, f.list)
			return single, seen
		}
		var listed []string
		for _, a := range raw {
			listed = append(listed, fmt.Sprint(a))
		}
		if seen && !slices.Equal(listed, single) {
			t.Errorf("%s: allowed_actions %v alone but %v in the list %s", what, single, listed, f.list)
		}
		return listed, true
	}
	if seen {
		t.Errorf("%s: the resource is not in its list %s", what, f.list)
	}
	return single, seen
}

// TestAllowedActionsAreTheTruth walks resource × caller × action: for a
// fresh resource of each kind (in the states that matter: a mentor's
// proposal, a confirmed activity, a future one, a moved occurrence, ...),
// each caller (admin, producer, manager, the unit's mentor, another unit's
// mentor, viewer, API tokens with read and with write scopes) reads the
// resource's allowed_actions (alone and in its list: the same), then sends
// every action of the resource's vocabulary. A listed action must succeed
// (2xx); an unlisted one must be refused (403, 404, 409 or 422). Every action of a resource must succeed for some caller, so the
// requests themselves are right and a refusal means the rules refused.
func TestAllowedActionsAreTheTruth(t *testing.T) {
	t.Parallel()
	w := newActionsWorld(t)
	checked := 0
	for _, rc := range append(resourceCases, moreResourceCases...) {
		succeeded := map[string]bool{}
		for _, c := range w.callers {
			f := rc.create(t, w)
			for _, action := range sortedKeys(rc.actions) {
				what := fmt.Sprintf("%s as %s", rc.name, c.name)
				allowed, visible := w.allowedActions(t, f, c.token, what)
				for _, a := range allowed {
					if _, known := rc.actions[a]; !known {
						t.Errorf("%s: allowed_actions lists %q, which is not in the vocabulary", what, a)
					}
				}
				listed := visible && slices.Contains(allowed, action)
				r := rc.actions[action](w, f)
				r.Token = c.token
				resp := w.env.Do(r)
				checked++
				switch {
				case listed && (resp.Status < 200 || resp.Status > 299):
					t.Errorf("%s: %q is listed but %s %s answers %d: %.300s", what, action, r.Method, r.Path, resp.Status, resp.Body)
				case !listed && resp.Status >= 200 && resp.Status < 300:
					t.Errorf("%s: %q is not listed (%v) but %s %s succeeds (%d)", what, action, allowed, r.Method, r.Path, resp.Status)
				case !listed && !slices.Contains([]int{403, 404, 409, 422}, resp.Status):
					t.Errorf("%s: %q is not listed; %s %s answers %d, want 403/404/409/422: %.300s", what, action, r.Method, r.Path,
						resp.Status, resp.Body)
				}
				if resp.Status >= 200 && resp.Status < 300 {
					succeeded[action] = true
					f = rc.create(t, w) // the action changed the resource: the next one gets a fresh one
				}
			}
		}
		for _, action := range sortedKeys(rc.actions) {
			if !succeeded[action] && !neverAllowed[rc.name+" "+action] {
				t.Errorf("%s: %q succeeded for no caller (is its request right?)", rc.name, action)
			}
		}
	}
	t.Logf("%d resource × caller × action checks over %d resource states", checked, len(resourceCases))
}

// neverAllowed are actions of a vocabulary that a resource in that state
// offers nobody, so a refusal is all the walk can see.
var neverAllowed = map[string]bool{
	"cost (locked month) update":                             true,
	"cost (locked month) delete":                             true,
	"activity (planned, in the future) record_attendance":    true,
	"activity with attendance delete":                        true,
	"partner (in use) delete":                                true,
	"series (in use) delete":                                 true,
	"department (in use) delete":                             true,
	"unit (in use) delete":                                   true,
	"committee (in use) delete":                              true,
	"agreement (in use) delete":                              true,
	"idea (turned into an activity) delete":                  true,
	"idea (turned into an activity) to_activity":             true,
	"occurrence (proposed, started) restore_occurrence":      true,
	"occurrence (planned, in the future) restore_occurrence": true,
	"occurrence (planned, in the future) record_attendance":  true,
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// ideaActionReqs are the requests of an idea's actions.
var ideaActionReqs = map[string]func(w *actionsWorld, f fixture) apitest.Req{
	"update": func(_ *actionsWorld, f fixture) apitest.Req { return req(http.MethodPatch, f.get, map[string]any{}) },
	"delete": func(_ *actionsWorld, f fixture) apitest.Req { return req(http.MethodDelete, f.get, nil) },
	"vote": func(_ *actionsWorld, f fixture) apitest.Req {
		return req(http.MethodPost, f.get+"/votes", map[string]any{"count": 2})
	},
	"to_activity": func(w *actionsWorld, f fixture) apitest.Req {
		return req(http.MethodPost, f.get+"/activity", map[string]any{"category": "dance", "starts_at": w.futureMonday,
			"ends_at": w.futureMonday.Add(time.Hour), "allow_overlap": true})
	}}

// ideaFixture is a fresh idea of the unit's committee; linked: already
// turned into an activity.
func (w *actionsWorld) ideaFixture(t *testing.T, linked bool) fixture {
	committee := w.committee(t)
	id := w.env.Post("/api/v1/ideas", w.admin, map[string]any{"committee_id": committee[len("/api/v1/committees/"):],
		"title": w.name("Tanssiaiset"), "source": "meeting"}).Expect(http.StatusCreated).ID()
	if linked {
		r := ideaActionReqs["to_activity"](w, fixture{get: "/api/v1/ideas/" + id})
		w.env.Post(r.Path, w.admin, r.Body).Expect(http.StatusCreated)
	}
	return fixture{get: "/api/v1/ideas/" + id, list: "/api/v1/ideas?limit=200&unit_id=" + w.unit.String(), id: id}
}
