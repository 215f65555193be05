package linkedevents_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/apitest"
	"kulttuurisilta/api/internal/linkedevents"
	"kulttuurisilta/api/internal/seed"
)

// newPush is a publisher to the test server, publishing as its data source's owner, with the default
// place tprek:9999, on the test clock, three events per bulk request.
func newPush(env *apitest.Env, le *leServer, clk *clock) linkedevents.Publisher {
	return linkedevents.Publisher{
		Store: linkedevents.Store{DB: env.DB, Zone: env.Zone, Now: clk.now, Config: linkedevents.Config{DataSource: "kulttuurisilta",
			Publisher: "kulttuurisilta:org", APIURL: le.URL(), DefaultPlace: "tprek:9999"}},
		Client:    linkedevents.Client{BaseURL: le.URL(), APIKey: "test-key"},
		BatchSize: 3,
	}
}

// push applies a push and fails the test on an error or, unless refusals are expected, on a refusal.
func push(t *testing.T, pub linkedevents.Publisher, refusals int) linkedevents.Plan {
	t.Helper()
	plan, err := pub.Run(context.Background(), true)
	if err != nil {
		t.Fatalf("push: %v", err)
	}
	if n := plan.CountOutcome(linkedevents.OutcomeRefused); n != refusals {
		var out bytes.Buffer
		plan.Print(&out)
		t.Fatalf("push: %d refused, want %d:\n%s", n, refusals, out.String())
	}
	return plan
}

type pushRow struct {
	LocalID, ParentID, RemoteID, RemoteStatus, ContentHash string
}

func pushRows(env *apitest.Env) map[string]pushRow {
	return byLocalID(env, `SELECT local_id, parent_id, remote_id, remote_status, content_hash FROM linked_events_pushes`,
		func(r pushRow) string { return r.LocalID })
}

// byLocalID reads the rows of query keyed by their local id.
func byLocalID[T any](env *apitest.Env, query string, localID func(T) string) map[string]T {
	var rows []T
	env.DB.Raw(query).Scan(&rows)
	out := map[string]T{}
	for _, r := range rows {
		out[localID(r)] = r
	}
	return out
}

type outcome struct {
	LocalID, Outcome, Reason, Op, RemoteID string
}

func outcomes(env *apitest.Env) map[string]outcome {
	return byLocalID(env, `SELECT local_id, outcome, reason, op, remote_id FROM linked_events_outcomes`,
		func(r outcome) string { return r.LocalID })
}

// exportByID is the current export (events only), by id.
func exportByID(t *testing.T, pub linkedevents.Publisher) map[string]linkedevents.Event {
	t.Helper()
	events, err := pub.Store.Events(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]linkedevents.Event{}
	for _, e := range events {
		if !e.Deleted {
			out[e.ID] = e
		}
	}
	return out
}

func refIDs(v any) []string {
	var out []string
	list, _ := v.([]any)
	for _, x := range list {
		out = append(out, x.(map[string]any)["@id"].(string))
	}
	slices.Sort(out)
	return out
}

func refsOf(refs []linkedevents.Ref) []string {
	var out []string
	for _, r := range refs {
		out = append(out, r.ID)
	}
	slices.Sort(out)
	return out
}

func sameTexts(want map[string]string, got any) bool {
	m, _ := got.(map[string]any)
	n := 0
	for _, v := range m {
		if v != nil {
			n++
		}
	}
	if n != len(want) {
		return false
	}
	for k, v := range want {
		if m[k] != v {
			return false
		}
	}
	return true
}

func sameTime(want *time.Time, got any) bool {
	s, _ := got.(string)
	if want == nil || s == "" {
		return want == nil && s == ""
	}
	g, err := time.Parse(time.RFC3339Nano, s)
	return err == nil && g.Equal(*want)
}

// matchesExport checks that the test server holds exactly the export: every exported event the push
// did not hold back (or that was refused) is there, under its remote id, with the exported content and
// links to the remote ids of its super events, and the server has no event the push does not know. An
// event held back as past keeps the version the server had.
func matchesExport(t *testing.T, env *apitest.Env, pub linkedevents.Publisher, le *leServer) {
	t.Helper()
	export := exportByID(t, pub)
	rows, outs, live := pushRows(env), outcomes(env), le.live()
	local := map[string]string{}
	for id, r := range rows {
		local[r.RemoteID] = id
	}
	for id := range live {
		if local[id] == "" {
			t.Errorf("the server has %s, which the push does not know", id)
		}
	}
	prefix := le.URL() + "/event/"
	for id, e := range export {
		switch outs[id].Outcome {
		case linkedevents.OutcomeHeldBack, linkedevents.OutcomeRefused:
			continue
		case linkedevents.OutcomePushed:
		default:
			t.Errorf("%s (%s) has outcome %q", id, e.Name["fi"], outs[id].Outcome)
			continue
		}
		row, ok := rows[id]
		got := live[row.RemoteID]
		if !ok || got == nil {
			t.Errorf("%s (%s) is not on the server", id, e.Name["fi"])
			continue
		}
		bad := func(field string, want, have any) {
			t.Errorf("%s (%s): %s is %v on the server, %v in the export", id, e.Name["fi"], field, have, want)
		}
		for field, want := range map[string]map[string]string{"name": e.Name, "description": e.Description,
			"short_description": e.ShortDescription, "location_extra_info": e.LocationExtraInfo} {
			if !sameTexts(want, got[field]) {
				bad(field, want, got[field])
			}
		}
		if !sameTime(e.StartTime, got["start_time"]) || !sameTime(e.EndTime, got["end_time"]) {
			bad("start/end", []any{e.StartTime, e.EndTime}, []any{got["start_time"], got["end_time"]})
		}
		if want, have := refsOf(e.Keywords), refIDs(got["keywords"]); !slices.Equal(want, have) {
			bad("keywords", want, have)
		}
		if want, have := refsOf(e.Audience), refIDs(got["audience"]); !slices.Equal(want, have) {
			bad("audience", want, have)
		}
		if loc, _ := got["location"].(map[string]any); e.Location == nil || loc == nil || loc["@id"] != e.Location.ID {
			bad("location", e.Location, got["location"])
		}
		var wantSuper any
		if e.SuperEvent != nil {
			if p, ok := rows[strings.TrimSuffix(strings.TrimPrefix(e.SuperEvent.ID, prefix), "/")]; ok {
				wantSuper = prefix + p.RemoteID + "/"
			}
		}
		var haveSuper any
		if se, _ := got["super_event"].(map[string]any); se != nil {
			haveSuper = se["@id"]
		}
		if wantSuper != haveSuper {
			bad("super_event", wantSuper, haveSuper)
		}
		var wantType any
		if e.SuperEventType != nil {
			wantType = *e.SuperEventType
		}
		if got["super_event_type"] != wantType {
			bad("super_event_type", wantType, got["super_event_type"])
		}
		var wantCap any
		if e.MaximumAttendeeCap != nil {
			wantCap = float64(*e.MaximumAttendeeCap)
		}
		if got["maximum_attendee_capacity"] != wantCap {
			bad("maximum_attendee_capacity", wantCap, got["maximum_attendee_capacity"])
		}
		if got["publisher"] != "kulttuurisilta:org" || got["data_source"] != "kulttuurisilta" || got["type_id"] != "General" ||
			got["publication_status"] != "public" {
			bad("publisher/data_source/type/publication", "kulttuurisilta:org kulttuurisilta General public",
				[]any{got["publisher"], got["data_source"], got["type_id"], got["publication_status"]})
		}
		status := got["event_status"]
		if (e.EventStatus == linkedevents.StatusCancelled) != (status == linkedevents.StatusCancelled) {
			bad("event_status", e.EventStatus, status)
		}
	}
}

// remoteOf is the server's copy of an exported event.
func remoteOf(t *testing.T, env *apitest.Env, le *leServer, localID string) map[string]any {
	t.Helper()
	row, ok := pushRows(env)[localID]
	if !ok {
		t.Fatalf("%s was not pushed", localID)
	}
	e := le.live()[row.RemoteID]
	if e == nil {
		t.Fatalf("%s (remote %s) is not on the server", localID, row.RemoteID)
	}
	return e
}

// occurrences lists the export's sub-events of a recurring activity, by start.
func occurrences(t *testing.T, pub linkedevents.Publisher, activityID string) []linkedevents.Event {
	t.Helper()
	var out []linkedevents.Event
	for id, e := range exportByID(t, pub) {
		if strings.HasPrefix(id, "kulttuurisilta:"+activityID+"-") {
			out = append(out, e)
		}
	}
	slices.SortFunc(out, func(a, b linkedevents.Event) int { return a.StartTime.Compare(*b.StartTime) })
	return out
}

// originalStart reads an occurrence's original start from its id.
func originalStart(t *testing.T, id string) time.Time {
	t.Helper()
	ts, err := time.Parse("20060102T150405Z", id[strings.LastIndex(id, "-")+1:])
	if err != nil {
		t.Fatal(err)
	}
	return ts
}

// TestPushScenario runs the push of the demo data against the rule-enforcing test server, then after
// each change a producer makes: publishing a weekly activity, moving an occurrence, cancelling one,
// restoring it, renaming the activity and changing it once some of its pushed occurrences are past.
// Every push is accepted whole (nothing refused) and leaves the server holding exactly the export.
func TestPushScenario(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	ctx := context.Background()
	if err := seed.Demo(ctx, env.DB, env.Zone); err != nil {
		t.Fatal(err)
	}
	clk := &clock{}
	le := newLEServer(t, clk.now, "tprek:1001", "tprek:1002", "tprek:9999")
	pub := newPush(env, le, clk)
	admin, prod := env.Token(access.RoleAdmin), env.Token(access.RoleProducer)
	unitID := func(name string) string {
		var id string
		env.DB.Raw(`SELECT id FROM units WHERE name = ?`, name).Scan(&id)
		return id
	}
	env.Put("/api/v1/integrations/linked-events/places/"+unitID("Koivukoti"), admin, map[string]any{"tprek_id": "1001"}, "").Expect(201)
	env.Put("/api/v1/integrations/linked-events/places/"+unitID("Rantala"), admin, map[string]any{"tprek_id": "1002"}, "").Expect(201)
	activityID := func(title string) string {
		var id string
		env.DB.Raw(`SELECT id FROM activities WHERE title = ?`, title).Scan(&id)
		return id
	}

	// 1. The first push of the demo data: this year's festival's umbrella event and its two public
	// activities, nothing refused; last year's public events are held back as ended; the umbrella is
	// at the default place (its activities are at two).
	plan := push(t, pub, 0)
	if plan.Count(linkedevents.OpCreate) != 3 {
		t.Fatalf("first push: %+v", plan.Actions)
	}
	lastYear := plan.CountOutcome(linkedevents.OutcomeHeldBack) // last year's, held back on every push
	for _, a := range plan.Actions {
		if a.Outcome == linkedevents.OutcomeHeldBack && (!strings.Contains(a.Reason, "has already ended") || !a.EndsAt.Before(clk.now())) {
			t.Errorf("held back though not ended: %+v", a)
		}
	}
	matchesExport(t, env, pub, le)
	concert := "kulttuurisilta:" + activityID("Festivaalin avajaiskonsertti")
	if loc := remoteOf(t, env, le, concert)["location"].(map[string]any)["@id"]; loc != le.URL()+"/place/tprek:1001/" {
		t.Errorf("concert location %v", loc)
	}
	var series string
	env.DB.Raw(`SELECT series_id FROM activities WHERE title = 'Festivaalin avajaiskonsertti'`).Scan(&series)
	if loc := remoteOf(t, env, le, "kulttuurisilta:"+series)["location"].(map[string]any)["@id"]; loc != le.URL()+"/place/tprek:9999/" {
		t.Errorf("umbrella location %v", loc)
	}
	plan = push(t, pub, 0)
	sent := slices.ContainsFunc(plan.Actions, func(a linkedevents.Action) bool { return a.Outcome != linkedevents.OutcomeHeldBack })
	if sent || plan.Unchanged != 3 {
		t.Fatalf("a second push sent something: %+v", plan.Actions)
	}

	// 2. The producer publishes the weekly sing-along (open-ended, started weeks ago) with a description:
	// its super event ends with the last occurrence within the export horizon; occurrences that have
	// already ended are held back (Linked Events creates no past events), the others created.
	sing := activityID("Yhteislauluhetki")
	env.Patch("/api/v1/activities/"+sing, prod, map[string]any{"visibility": "public",
		"description":      "Lauletaan yhdessä tuttuja lauluja harmonikan säestyksellä.",
		"title_i18n":       map[string]any{"sv": "Allsång", "en": "Sing-along"},
		"description_i18n": map[string]any{"en": "Singing familiar songs together with an accordion."}}, "").Expect(200)
	plan = push(t, pub, 0)
	occ := occurrences(t, pub, sing)
	past := 0
	for _, o := range occ {
		if o.EndTime.Before(clk.now()) {
			past++
			if a := outcomes(env)[o.ID]; a.Outcome != linkedevents.OutcomeHeldBack || !strings.Contains(a.Reason, "has already ended") {
				t.Errorf("past occurrence %s: %+v", o.ID, a)
			}
		}
	}
	if past == 0 || plan.Count(linkedevents.OpCreate) != 1+len(occ)-past || plan.CountOutcome(linkedevents.OutcomeHeldBack) != lastYear+past {
		t.Fatalf("publishing the sing-along: %d occurrences, %d past; %d created, %d held back", len(occ), past,
			plan.Count(linkedevents.OpCreate), plan.CountOutcome(linkedevents.OutcomeHeldBack))
	}
	matchesExport(t, env, pub, le)
	super := remoteOf(t, env, le, "kulttuurisilta:"+sing)
	if !sameTime(occ[len(occ)-1].EndTime, super["end_time"]) {
		t.Errorf("open-ended super event ends %v, want the last occurrence's end %v", super["end_time"], occ[len(occ)-1].EndTime)
	}
	if n := remoteOf(t, env, le, "kulttuurisilta:"+sing)["name"].(map[string]any); n["sv"] != nil || n["en"] != "Sing-along" {
		t.Errorf("languages: Swedish has a title but no description, so it is left out; got %v", n)
	}
	future := occ[past:]

	// 3. A moved occurrence: its times change and Linked Events marks it rescheduled.
	moved := future[1]
	env.Post("/api/v1/activities/"+sing+"/overrides", prod, map[string]any{"original_start": originalStart(t, moved.ID),
		"starts_at": moved.StartTime.Add(time.Hour), "ends_at": moved.EndTime.Add(time.Hour), "allow_overlap": true}).Expect(201)
	plan = push(t, pub, 0)
	if plan.Count(linkedevents.OpUpdate) != 1 {
		t.Errorf("moving an occurrence: %+v", plan.Actions)
	}
	matchesExport(t, env, pub, le)
	if r := remoteOf(t, env, le, moved.ID); r["event_status"] != linkedevents.StatusRescheduled || !sameTime(ptr(moved.StartTime.Add(time.Hour)), r["start_time"]) {
		t.Errorf("moved occurrence on the server: %v %v", r["event_status"], r["start_time"])
	}

	// 4. A cancelled occurrence: sent as a cancellation.
	cancelled := future[2]
	ov := env.Post("/api/v1/activities/"+sing+"/overrides", prod, map[string]any{"original_start": originalStart(t, cancelled.ID),
		"cancelled": true, "note": "Säestäjä sairastui"}).Expect(201).ID()
	plan = push(t, pub, 0)
	if plan.Count(linkedevents.OpUpdate) != 1 {
		t.Errorf("cancelling an occurrence: %+v", plan.Actions)
	}
	matchesExport(t, env, pub, le)
	if r := remoteOf(t, env, le, cancelled.ID); r["event_status"] != linkedevents.StatusCancelled {
		t.Errorf("cancelled occurrence on the server: %v", r["event_status"])
	}
	oldRemote := pushRows(env)[cancelled.ID].RemoteID

	// 5. The cancellation withdrawn: Linked Events never un-cancels an event at the same time, so the
	// cancelled one is deleted and the occurrence created anew, scheduled, under a new remote id.
	env.Delete("/api/v1/activities/"+sing+"/overrides/"+ov, prod, "").Expect(204)
	plan = push(t, pub, 0)
	if plan.Count(linkedevents.OpReplace) != 1 {
		t.Errorf("restoring an occurrence: %+v", plan.Actions)
	}
	matchesExport(t, env, pub, le)
	restored := pushRows(env)[cancelled.ID]
	if restored.RemoteID != cancelled.ID+"-r2" || restored.RemoteStatus != linkedevents.StatusScheduled || le.live()[oldRemote] != nil {
		t.Errorf("restored occurrence: remote %s %s; the cancelled %s still live: %v", restored.RemoteID, restored.RemoteStatus,
			oldRemote, le.live()[oldRemote] != nil)
	}

	// 6. The activity renamed, its English title dropped and its audience changed to staff only (no
	// audience keyword): its super event and every occurrence in the remote change, the English name and
	// the audience are cleared there (Linked Events keeps what a PUT leaves out); the moved one stays
	// rescheduled.
	env.Patch("/api/v1/activities/"+sing, prod, map[string]any{"title": "Yhteislaulutuokio",
		"title_i18n": map[string]any{"sv": "Allsång"}, "target_groups": []string{"staff"}}, "").Expect(200)
	plan = push(t, pub, 0)
	if plan.Count(linkedevents.OpUpdate) != 1+len(future) {
		t.Errorf("renaming: %d updates, want %d", plan.Count(linkedevents.OpUpdate), 1+len(future))
	}
	matchesExport(t, env, pub, le)
	if r := remoteOf(t, env, le, moved.ID); r["name"].(map[string]any)["fi"] != "Yhteislaulutuokio" || r["name"].(map[string]any)["en"] != nil ||
		len(r["audience"].([]any)) != 0 || r["event_status"] != linkedevents.StatusRescheduled {
		t.Errorf("renamed moved occurrence: %v %v %v", r["name"], r["audience"], r["event_status"])
	}

	// 7. Eight days later some pushed occurrences have ended; a change to the activity updates the
	// others, holds the ended ones back (Linked Events does not edit past events: they keep what they
	// had), and creates the occurrences the horizon now reaches.
	clk.advance(8 * 24 * time.Hour)
	env.Patch("/api/v1/activities/"+sing, prod, map[string]any{"accessibility": "Esteetön sisäänkäynti, induktiosilmukka"}, "").Expect(200)
	plan = push(t, pub, 0)
	ended := 0
	for _, a := range plan.Actions {
		if a.Outcome == linkedevents.OutcomeHeldBack && strings.Contains(a.Reason, "has ended") {
			ended++
			if r := remoteOf(t, env, le, a.LocalID); strings.Contains(r["location_extra_info"].(map[string]any)["fi"].(string), "Esteetön") {
				t.Errorf("an ended occurrence was edited: %s", a.LocalID)
			}
		}
	}
	if ended == 0 || plan.Count(linkedevents.OpUpdate) == 0 || plan.Count(linkedevents.OpCreate) == 0 {
		t.Errorf("change with past occurrences: %d held back as ended, %d updated, %d created", ended,
			plan.Count(linkedevents.OpUpdate), plan.Count(linkedevents.OpCreate))
	}
	matchesExport(t, env, pub, le)
	if plan = push(t, pub, 0); plan.Count(linkedevents.OpCreate)+plan.Count(linkedevents.OpUpdate) != 0 {
		t.Errorf("a push after the change sent again: %+v", plan.Actions)
	}
	for _, req := range le.log() {
		if strings.HasPrefix(req, "REFUSED") || strings.HasPrefix(req, "FAILED") {
			t.Errorf("the server refused a request in the scenario: %v", le.log())
			break
		}
	}
}

func ptr[T any](v T) *T { return &v }

// TestPushRefusalDoesNotBlock: an event the server refuses is recorded with the server's message and the
// others land; the refusal is listed by the status endpoint and shown by a dry run; it is not sent again
// until it changes, and then it lands. A refusal that names no event (a 403) is found by splitting the
// batch. The server failing (500) or refusing the API key (401) stops the run, recording nothing of the
// failed request; the next run goes on.
func TestPushRefusalDoesNotBlock(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	clk := &clock{}
	le := newLEServer(t, clk.now, "tprek:1001")
	pub := newPush(env, le, clk)
	prod, admin := env.Token(access.RoleProducer), env.Token(access.RoleAdmin)
	good, bad := env.Unit().String(), env.Unit().String()
	env.Put("/api/v1/integrations/linked-events/places/"+good, admin, map[string]any{"tprek_id": "1001"}, "").Expect(201)
	env.Put("/api/v1/integrations/linked-events/places/"+bad, admin, map[string]any{"tprek_id": "4040"}, "").Expect(201)
	day := func(d, h int) string {
		n := time.Now().In(env.Zone)
		return time.Date(n.Year(), n.Month(), n.Day()+d, h, 0, 0, 0, env.Zone).Format(time.RFC3339)
	}
	act := func(title, unit string, d int) string {
		return env.Post("/api/v1/activities", prod, map[string]any{"title": title, "description": title + " kaikille.",
			"category": "music", "unit_ids": []string{unit}, "starts_at": day(d, 14), "ends_at": day(d, 15), "status": "confirmed",
			"visibility": "public", "allow_overlap": true}).Expect(201).ID()
	}
	a1, a2, a3 := act("Konsertti", good, 3), act("Runoilta", bad, 4), act("Tanssit", good, 5)
	refusedID := "kulttuurisilta:" + a2

	plan := push(t, pub, 1)
	if plan.CountOutcome(linkedevents.OutcomePushed) != 2 || len(le.live()) != 2 {
		t.Fatalf("the others did not land: %+v / %v", plan.Actions, sortedKeys(le.live()))
	}
	o := outcomes(env)[refusedID]
	if o.Outcome != linkedevents.OutcomeRefused || o.Reason != "location: Invalid hyperlink - Object does not exist." {
		t.Fatalf("refused outcome: %+v", o)
	}
	// The status endpoint lists it, filtered by activity or outcome, to the producer and admins only.
	var list struct {
		Items []map[string]any `json:"items"`
		Total int              `json:"total"`
	}
	env.Get("/api/v1/integrations/linked-events/status?outcome=refused", prod).Expect(200).JSON(&list)
	if list.Total != 1 || list.Items[0]["event_id"] != refusedID || list.Items[0]["activity_id"] != a2 ||
		list.Items[0]["reason"] != o.Reason || list.Items[0]["operation"] != "create" {
		t.Fatalf("status: %+v", list)
	}
	env.Get("/api/v1/integrations/linked-events/status?activity_id="+a1, admin).Expect(200).JSON(&list)
	if list.Total != 1 || list.Items[0]["outcome"] != "pushed" || list.Items[0]["remote_id"] != "kulttuurisilta:"+a1 {
		t.Fatalf("status of a pushed activity: %+v", list)
	}
	env.Get("/api/v1/integrations/linked-events/status", env.APIToken(access.ScopeCalendarRead)).Expect(200)
	for _, role := range []access.Role{access.RoleViewer, access.RoleMentor, access.RoleManager} {
		env.Get("/api/v1/integrations/linked-events/status", env.Token(role)).Problem(403, "forbidden")
	}
	env.Get("/api/v1/integrations/linked-events/status", env.APIToken(access.ScopeBudgetRead)).Problem(403, "forbidden")
	env.Get("/api/v1/integrations/linked-events/status?outcome=lost", prod).Problem(400, "bad-request")
	env.Get("/api/v1/integrations/linked-events/status?activity_id=x", prod).Problem(400, "bad-request")
	env.CheckBadTokens("GET", "/api/v1/integrations/linked-events/status")

	// Unchanged, it is not sent again; a dry run says so and why.
	before := len(le.log())
	plan = push(t, pub, 1)
	if len(le.log()) != before || plan.Actions[0].Op != linkedevents.OpNone {
		t.Fatalf("an unchanged refused event was sent again: %v", le.log()[before:])
	}
	dry, err := pub.Run(context.Background(), false)
	var out bytes.Buffer
	dry.Print(&out)
	if err != nil || !strings.Contains(out.String(), "refused   "+refusedID+"  Runoilta: not retried, unchanged since Linked Events refused it: location: Invalid hyperlink") {
		t.Fatalf("dry run: %v\n%s", err, out.String())
	}

	// Changed (its unit gets a place the server knows), it is sent again and lands.
	env.Put("/api/v1/integrations/linked-events/places/"+bad, admin, map[string]any{"tprek_id": "1001"}, "").Expect(200)
	plan = push(t, pub, 0)
	if plan.Count(linkedevents.OpCreate) != 1 || outcomes(env)[refusedID].Outcome != linkedevents.OutcomePushed || len(le.live()) != 3 {
		t.Fatalf("retry after the change: %+v", plan.Actions)
	}
	matchesExport(t, env, pub, le)

	// A refusal that names no event: the portal's staff moved one event into the past, and Linked Events
	// refuses the whole bulk update with 403 "Cannot edit a past event."; splitting the batch finds it.
	le.mu.Lock()
	gone := le.events["kulttuurisilta:"+a3]
	yesterday := time.Now().Add(-24 * time.Hour)
	gone.end = &yesterday
	le.mu.Unlock()
	for _, id := range []string{a1, a2, a3} {
		env.Patch("/api/v1/activities/"+id, prod, map[string]any{"capacity": 40}, "").Expect(200)
	}
	plan = push(t, pub, 1)
	if o := outcomes(env)["kulttuurisilta:"+a3]; o.Outcome != linkedevents.OutcomeRefused || o.Reason != "Cannot edit a past event." {
		t.Errorf("the 403 was not pinned on its event: %+v", o)
	}
	for _, id := range []string{a1, a2} {
		if remoteOf(t, env, le, "kulttuurisilta:"+id)["maximum_attendee_capacity"] != float64(40) {
			t.Errorf("%s did not land beside the refused one", id)
		}
	}

	// The server failing stops the run with nothing of the failed request recorded; the next run goes on.
	env.Patch("/api/v1/activities/"+a1, prod, map[string]any{"capacity": 41}, "").Expect(200)
	rows := pushRows(env)
	le.failNext(http.StatusInternalServerError)
	_, err = pub.Run(context.Background(), true)
	var re *linkedevents.RemoteError
	if !errors.As(err, &re) || re.Status != 500 || pushRows(env)["kulttuurisilta:"+a1] != rows["kulttuurisilta:"+a1] {
		t.Fatalf("a failing server: %v", err)
	}
	pub.Client.APIKey = "wrong"
	if _, err = pub.Run(context.Background(), true); !errors.As(err, &re) || re.Status != 401 {
		t.Fatalf("a wrong API key: %v", err)
	}
	pub.Client.APIKey = "test-key"
	push(t, pub, 1) // a3 stays refused: unchanged since

	if remoteOf(t, env, le, "kulttuurisilta:"+a1)["maximum_attendee_capacity"] != float64(41) {
		t.Error("the run after the failure did not send the change")
	}
	audits := env.AuditCount("action = 'linked_events.push.none'")
	if audits == 0 {
		t.Error("refusals were not audited")
	}
}

// TestPublish covers the run itself: a dry run sends and records nothing and prints the plan; an apply
// creates parents before the events linked to them; a rerun sends nothing; an event that is cancelled
// before it was ever published, has no description or no place is held back with the reason; deleted
// and unpublished activities are deleted from the server, and re-published ones come back under a new
// id; two runs never interleave.
func TestPublish(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	clk := &clock{}
	le := newLEServer(t, clk.now, "tprek:7254", "tprek:9999")
	pub := newPush(env, le, clk)
	ctx := context.Background()
	prod := env.Token(access.RoleProducer)
	unit, bare := env.Unit().String(), env.Unit().String()
	env.Put("/api/v1/integrations/linked-events/places/"+unit, prod, map[string]any{"tprek_id": "7254"}, "").Expect(201)
	now := time.Now().In(env.Zone)
	day := func(d, h int) string {
		return time.Date(now.Year(), now.Month(), now.Day()+d, h, 0, 0, 0, env.Zone).Format(time.RFC3339)
	}
	series := env.Post("/api/v1/series", prod, map[string]any{"name": "Kulttuuriviikot", "description": "Viikot täynnä kulttuuria",
		"starts_on": day(1, 0)[:10], "ends_on": day(20, 0)[:10], "name_i18n": map[string]any{"sv": "Kulturveckorna", "en": "Culture Weeks"},
		"description_i18n": map[string]any{"sv": "Veckor fulla av kultur", "en": "Weeks full of culture"}}).Expect(201).ID()
	act := func(body map[string]any) string {
		if body["unit_ids"] == nil {
			body["unit_ids"] = []string{unit}
		}
		body["allow_overlap"], body["status"], body["visibility"] = true, "confirmed", "public"
		if body["description"] == nil {
			body["description"] = "Tervetuloa!"
		}
		return env.Post("/api/v1/activities", prod, body).Expect(201).ID()
	}
	weekly := act(map[string]any{"title": "Yhteislaulu", "title_i18n": map[string]any{"sv": "Allsång", "en": "Sing-along"},
		"description_i18n": map[string]any{"sv": "Välkommen!", "en": "Welcome!"},
		"category":         "music", "starts_at": day(2, 14), "ends_at": day(2, 15), "recurrence": "FREQ=WEEKLY;COUNT=3", "series_id": series})
	single := act(map[string]any{"title": "Teatteri", "category": "theatre", "starts_at": day(3, 18), "ends_at": day(3, 19)})
	cancelled := act(map[string]any{"title": "Peruttu", "category": "dance", "starts_at": day(4, 18), "ends_at": day(4, 19)})
	env.Patch("/api/v1/activities/"+cancelled, prod, map[string]any{"status": "cancelled"}, "").Expect(200)
	nodesc := act(map[string]any{"title": "Kuvaukseton", "description": " ", "category": "film", "starts_at": day(5, 18), "ends_at": day(5, 19)})
	defaultPlace := act(map[string]any{"title": "Retki", "category": "outdoor", "unit_ids": []string{bare}, "starts_at": day(6, 10), "ends_at": day(6, 12)})

	// Dry run: the plan, nothing sent, nothing recorded.
	plan, err := pub.Run(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	plan.Print(&out)
	for _, want := range []string{"7 to create, 0 to update, 0 to replace, 0 to delete, 0 unchanged; 2 held back, 0 refused",
		"create    kulttuurisilta:" + weekly + "  Yhteislaulu",
		"held back kulttuurisilta:" + cancelled + "  Peruttu: cancelled before it was published",
		"held back kulttuurisilta:" + nodesc + "  Kuvaukseton: no description in Finnish"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("dry run lacks %q:\n%s", want, out.String())
		}
	}
	if len(le.log()) != 0 || len(pushRows(env)) != 0 || len(outcomes(env)) != 0 {
		t.Fatalf("dry run sent %v / recorded %v", le.log(), pushRows(env))
	}

	// Apply: parents first (umbrella, activities, occurrences), links rewritten to remote ids.
	plan = push(t, pub, 0)
	if plan.Count(linkedevents.OpCreate) != 7 || len(le.live()) != 7 {
		t.Fatalf("apply: %+v, server %v", plan.Actions, sortedKeys(le.live()))
	}
	if got := le.log(); !slices.Equal(got, []string{"POST 1", "POST 3", "POST 3"}) {
		t.Errorf("requests %v, want the umbrella, then the three activities, then the three occurrences", got)
	}
	matchesExport(t, env, pub, le)
	if loc := remoteOf(t, env, le, "kulttuurisilta:"+defaultPlace)["location"].(map[string]any)["@id"]; loc != le.URL()+"/place/tprek:9999/" {
		t.Errorf("a unit without a place: location %v, want the default place", loc)
	}
	if o := outcomes(env)["kulttuurisilta:"+nodesc]; o.Outcome != linkedevents.OutcomeHeldBack {
		t.Errorf("no description: %+v", o)
	}
	audits := env.AuditCount("action = 'linked_events.push.create'")
	if audits != 3 {
		t.Errorf("%d audit events for the three created batches", audits)
	}

	// A rerun sends nothing.
	n := len(le.log())
	if plan = push(t, pub, 0); plan.Count(linkedevents.OpCreate)+plan.Count(linkedevents.OpUpdate) != 0 || len(le.log()) != n {
		t.Fatalf("rerun sent %v", le.log()[n:])
	}

	// Without a default place, an event at units without one is held back; with the description added,
	// the other is published.
	env.Patch("/api/v1/activities/"+nodesc, prod, map[string]any{"description": "Elokuva ja keskustelu.", "unit_ids": []string{bare}}, "").Expect(200)
	noDefault := pub
	noDefault.Store.Config.DefaultPlace = ""
	push(t, noDefault, 0)
	if o := outcomes(env)["kulttuurisilta:"+nodesc]; o.Outcome != linkedevents.OutcomeHeldBack || !strings.Contains(o.Reason, "no place") {
		t.Errorf("no place: %+v", o)
	}
	push(t, pub, 0)
	if o := outcomes(env)["kulttuurisilta:"+nodesc]; o.Outcome != linkedevents.OutcomePushed {
		t.Errorf("with the default place: %+v", o)
	}

	// Unpublished and deleted activities, and the series left without public activities, are deleted
	// (occurrences first); published again, an activity comes back under a new id (Linked Events keeps a
	// deleted event's id).
	env.Patch("/api/v1/activities/"+single, prod, map[string]any{"visibility": "internal"}, "").Expect(200)
	env.Delete("/api/v1/activities/"+weekly, prod, "").Expect(204)
	plan = push(t, pub, 0)
	if plan.Count(linkedevents.OpDelete) != 6 {
		t.Fatalf("deletions: %+v", plan.Actions)
	}
	matchesExport(t, env, pub, le)
	if o := outcomes(env)["kulttuurisilta:"+single]; o.Outcome != linkedevents.OutcomeRemoved {
		t.Errorf("unpublished: %+v", o)
	}
	env.Patch("/api/v1/activities/"+single, prod, map[string]any{"visibility": "public"}, "").Expect(200)
	push(t, pub, 0)
	if r := pushRows(env)["kulttuurisilta:"+single]; r.RemoteID != "kulttuurisilta:"+single+"-r2" {
		t.Errorf("re-published under %q", r.RemoteID)
	}
	matchesExport(t, env, pub, le)

	// Two runs never interleave.
	unlock, err := linkedevents.Lock(ctx, pub)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := pub.Run(ctx, true); err == nil || !strings.Contains(err.Error(), "in progress") {
		t.Fatalf("concurrent run: %v", err)
	}
	unlock()
}

// TestPushConfig: --apply needs the API URL, its key and the publisher, and says which are missing in
// one line; a dry run needs none; malformed values are refused by name.
func TestPushConfig(t *testing.T) {
	tests := []struct {
		env   map[string]string
		apply bool
		want  string // "" = accepted
	}{
		{map[string]string{}, false, ""},
		{map[string]string{}, true, "--apply needs LINKED_EVENTS_API_URL, LINKED_EVENTS_API_KEY and LINKED_EVENTS_PUBLISHER set"},
		{map[string]string{"LINKED_EVENTS_API_URL": "https://le.example/v1", "LINKED_EVENTS_API_KEY": "k"}, true,
			"--apply needs LINKED_EVENTS_PUBLISHER set"},
		{map[string]string{"LINKED_EVENTS_API_URL": "https://le.example/v1", "LINKED_EVENTS_PUBLISHER": "kaarina:org"}, true,
			"--apply needs LINKED_EVENTS_API_KEY set"},
		{map[string]string{"LINKED_EVENTS_API_URL": "ftp://le.example/v1", "LINKED_EVENTS_API_KEY": "k", "LINKED_EVENTS_PUBLISHER": "kaarina:org"}, true,
			"is not an http(s) URL"},
		{map[string]string{"LINKED_EVENTS_DEFAULT_PLACE": "7254"}, false, "LINKED_EVENTS_DEFAULT_PLACE \"7254\" is not a Linked Events place id"},
		{map[string]string{"LINKED_EVENTS_PUBLISHER": "Kaarina org"}, false, "LINKED_EVENTS_PUBLISHER"},
		{map[string]string{"LINKED_EVENTS_DATA_SOURCE": "Kaarina"}, false, "LINKED_EVENTS_DATA_SOURCE"},
		{map[string]string{"LINKED_EVENTS_API_URL": "https://le.example/v1", "LINKED_EVENTS_API_KEY": "k",
			"LINKED_EVENTS_PUBLISHER": "kaarina:org", "LINKED_EVENTS_DEFAULT_PLACE": "tprek:7254"}, true, ""},
	}
	for _, tc := range tests {
		for _, k := range []string{"LINKED_EVENTS_API_URL", "LINKED_EVENTS_API_KEY", "LINKED_EVENTS_PUBLISHER",
			"LINKED_EVENTS_DEFAULT_PLACE", "LINKED_EVENTS_DATA_SOURCE"} {
			t.Setenv(k, tc.env[k])
		}
		c, cfg, err := linkedevents.ClientFromEnv(tc.apply)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%v: %v", tc.env, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "\n")):
			t.Errorf("%v: %v, want one line with %q", tc.env, err, tc.want)
		case err == nil && (c.BaseURL != cfg.APIURL || (tc.env["LINKED_EVENTS_DEFAULT_PLACE"] != cfg.DefaultPlace)):
			t.Errorf("%v: client %+v config %+v", tc.env, c, cfg)
		}
	}
}

// TestWire: the push sends every field it may need to clear (Linked Events applies a PUT like a PATCH).
func TestWire(t *testing.T) {
	e := linkedevents.Event{ID: "kulttuurisilta:x", Name: map[string]string{"fi": "Nimi"}, EventStatus: ""}
	b, err := json.Marshal(linkedevents.Wire(e))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"name":{"en":null,"fi":"Nimi","sv":null}`, `"audience":[]`, `"keywords":[]`, `"super_event":null`,
		`"location":null`, `"maximum_attendee_capacity":null`, `"description":{"en":null,"fi":null,"sv":null}`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("wire form lacks %s: %s", want, b)
		}
	}
	for _, not := range []string{`"event_status"`, `"sub_events"`, `"last_modified_time"`} {
		if strings.Contains(string(b), not) {
			t.Errorf("wire form has %s: %s", not, b)
		}
	}
}
