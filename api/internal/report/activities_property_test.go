package report_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"kulttuurisilta/api/internal/calendar"
	"kulttuurisilta/api/internal/database"
	"kulttuurisilta/api/internal/database/dbtest"
	"kulttuurisilta/api/internal/recurrence"
	"kulttuurisilta/api/internal/report"
)

// TestActivitiesMatchReference holds the activity report (SQL aggregates of single activities plus the
// expansion of the others, ADR 0047) to the straightforward computation — every occurrence built by
// calendar.Store.Occurrences, its attendance looked up by (activity, original start) — for every
// grouping, on random data: single and recurring activities (fast and general rules, exdates, DST
// changes), every status, several units, partners and target groups, overrides that move occurrences
// within, out of and into the range or cancel them (proposals' too), attendance of real and of no
// longer existing occurrences, and ranges of odd lengths.
func TestActivitiesMatchReference(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	ctx := context.Background()
	zone, err := time.LoadLocation("Europe/Helsinki")
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(43, 46))
	sfx := database.NewID().String()[24:]
	var units, partners []uuid.UUID
	for i := range 5 {
		id := database.NewID()
		units = append(units, id)
		if err := db.Exec(`INSERT INTO units (id, name, kind, organisation, sector, active) VALUES (?, ?, 'care_home', 'HVA', 'public', ?)`,
			id, fmt.Sprintf("prop unit %d %s", i, sfx), i != 4).Error; err != nil {
			t.Fatal(err)
		}
	}
	for i := range 3 {
		id := database.NewID()
		partners = append(partners, id)
		if err := db.Exec(`INSERT INTO partners (id, name, kind, sector) VALUES (?, ?, 'performer', 'third')`,
			id, fmt.Sprintf("prop partner %d %s", i, sfx)).Error; err != nil {
			t.Fatal(err)
		}
	}
	pick := func(from []uuid.UUID, lo, hi int) calendar.IDs {
		n := lo + r.IntN(hi-lo+1)
		var out calendar.IDs
		for _, i := range r.Perm(len(from))[:n] {
			out = append(out, from[i])
		}
		return out
	}
	rules := []string{"", "", "", "FREQ=WEEKLY;COUNT=8", "FREQ=WEEKLY", "FREQ=DAILY;INTERVAL=3;COUNT=20",
		"FREQ=WEEKLY;INTERVAL=2;UNTIL=20260501", "FREQ=WEEKLY;BYDAY=MO,TH;COUNT=12", "FREQ=MONTHLY;COUNT=4"}
	statuses := []string{"proposed", "planned", "confirmed", "completed", "cancelled"}
	groups := []string{"elderly", "disability", "mental_health", "staff"}
	base := time.Date(2026, 2, 1, 0, 0, 0, 0, zone)
	var acts []calendar.Activity
	for i := range 400 {
		start := base.Add(time.Duration(r.IntN(24*100)) * time.Hour).Add(time.Duration(r.IntN(4)) * 15 * time.Minute)
		if i%10 == 0 {
			start = time.Date(2026, 3, 28+r.IntN(3), r.IntN(5), 30, 0, 0, zone) // around the spring change
		}
		dur := time.Duration(30+r.IntN(180)) * time.Minute
		if r.IntN(15) == 0 {
			dur = time.Duration(1+r.IntN(3)) * 24 * time.Hour
		}
		a := calendar.Activity{Title: fmt.Sprint("prop ", i), Category: []string{"music", "theatre", "dance"}[r.IntN(3)],
			StartsAt: start, EndsAt: start.Add(dur), Recurrence: rules[r.IntN(len(rules))],
			Status: statuses[r.IntN(len(statuses))], UnitIDs: pick(units, 1, 2), PartnerIDs: pick(partners, 0, 2)}
		for _, g := range groups {
			if r.IntN(4) == 0 {
				a.TargetGroups = append(a.TargetGroups, g)
			}
		}
		if a.Recurrence != "" { // the start must fall on the rule (BYDAY=MO,TH)
			rule, _ := recurrence.Parse(a.Recurrence)
			on, _ := rule.FirstOnRule(start, zone)
			a.StartsAt, a.EndsAt, start = on, on.Add(dur), on
		}
		if a.Recurrence != "" && r.IntN(3) == 0 {
			a.Exdates = calendar.Times{start.AddDate(0, 0, 7*(1+r.IntN(3)))}
		} else if a.Recurrence == "" && r.IntN(20) == 0 {
			a.Exdates = calendar.Times{start} // a single event whose only occurrence was taken away
		}
		acts = append(acts, a)
	}
	if err := calendar.BulkInsert(ctx, db, zone, acts); err != nil {
		t.Fatal(err)
	}
	// Overrides and attendance, on occurrences computed by recurrence (and some that are not occurrences).
	for _, a := range acts {
		var rule *recurrence.Rule
		if a.Recurrence != "" {
			if rule, err = recurrence.Parse(a.Recurrence); err != nil {
				t.Fatal(err)
			}
		}
		occ := recurrence.Expand(rule, a.StartsAt, a.EndsAt.Sub(a.StartsAt), zone, nil, base.AddDate(0, -1, 0), base.AddDate(0, 6, 0))
		for _, o := range occ {
			if r.IntN(8) == 0 {
				shift := time.Duration(r.IntN(24*20)-24*10) * time.Hour
				must(t, db.Exec(`INSERT INTO occurrence_overrides (id, activity_id, original_start, starts_at, ends_at, cancelled)
					VALUES (?, ?, ?, ?, ?, ?)`, database.NewID(), a.ID, o.Start.UTC(), o.Start.Add(shift).UTC(),
					o.End.Add(shift).UTC(), r.IntN(3) == 0).Error)
			}
			if r.IntN(2) == 0 {
				var fb any
				if r.IntN(3) > 0 {
					fb = 1 + r.IntN(5)
				}
				must(t, db.Exec(`INSERT INTO attendance (id, activity_id, occurrence_start, residents, staff, volunteers, relatives, feedback)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, database.NewID(), a.ID, o.Start.UTC(), r.IntN(30), r.IntN(5), r.IntN(3),
					r.IntN(4), fb).Error)
			}
		}
		if r.IntN(10) == 0 { // attendance of something that is not (or no longer) an occurrence
			must(t, db.Exec(`INSERT INTO attendance (id, activity_id, occurrence_start, residents) VALUES (?, ?, ?, 7)
				ON CONFLICT DO NOTHING`, database.NewID(), a.ID, a.StartsAt.Add(time.Hour).UTC()).Error)
		}
	}
	s := report.Store{DB: db, Zone: zone}
	ranges := [][2]time.Time{
		{time.Date(2026, 3, 1, 0, 0, 0, 0, zone), time.Date(2026, 4, 1, 0, 0, 0, 0, zone)},
		{time.Date(2026, 2, 1, 0, 0, 0, 0, zone), time.Date(2026, 6, 1, 0, 0, 0, 0, zone)},
		{time.Date(2025, 12, 1, 0, 0, 0, 0, zone), time.Date(2026, 1, 1, 0, 0, 0, 0, zone)}, // nothing
	}
	for range 8 {
		f := base.Add(time.Duration(r.IntN(24*110)-24*5) * time.Hour).Add(time.Duration(r.IntN(60)) * time.Minute)
		ranges = append(ranges, [2]time.Time{f, f.Add(time.Duration(1+r.IntN(24*40)) * time.Hour)})
	}
	for _, rg := range ranges {
		for _, g := range report.GroupBys {
			got, err := s.Activities(ctx, rg[0], rg[1], g)
			if err != nil {
				t.Fatal(err)
			}
			want, err := referenceActivities(ctx, s, rg[0], rg[1], g)
			if err != nil {
				t.Fatal(err)
			}
			gj, _ := json.Marshal(got)
			wj, _ := json.Marshal(want)
			if string(gj) != string(wj) {
				t.Fatalf("%s..%s by %s:\n got %s\nwant %s", rg[0], rg[1], g, gj, wj)
			}
			if rg == ranges[0] && g == "unit" && (want.Totals.Occurrences == 0 || want.Totals.OccurrencesWithAttendance == 0 ||
				want.Totals.Cancelled == 0) {
				t.Fatalf("the data set does not exercise the report: %+v", want.Totals)
			}
		}
	}
}

// TestActivitiesAttendanceAcrossRangeStart: the attendance of a single activity that began before the range
// and ends inside it is found when no recurring activity reaches back as far (the attendance is read from
// the earliest start any candidate's occurrence can have, ADR 0171), and one of a weekly activity likewise.
func TestActivitiesAttendanceAcrossRangeStart(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	ctx := context.Background()
	zone, err := time.LoadLocation("Europe/Helsinki")
	if err != nil {
		t.Fatal(err)
	}
	unit := database.NewID()
	must(t, db.Exec(`INSERT INTO units (id, name, kind, organisation, sector) VALUES (?, 'across unit', 'care_home', 'HVA', 'public')`, unit).Error)
	at := func(d, h int) time.Time { return time.Date(2026, 3, d, h, 0, 0, 0, zone) }
	acts := []calendar.Activity{
		{Title: "across, single", Category: "music", StartsAt: at(1, 10), EndsAt: at(2, 14), Status: "confirmed", UnitIDs: calendar.IDs{unit}},
		{Title: "across, weekly", Category: "dance", StartsAt: at(1, 9), EndsAt: at(1, 13), Recurrence: "FREQ=WEEKLY;COUNT=3",
			Status: "confirmed", UnitIDs: calendar.IDs{unit}},
	}
	// The second run adds the weekly one (3 occurrences), which starts earlier than the single one.
	for n, want := range []struct{ occurrences, withAtt, residents int }{{1, 1, 9}, {4, 2, 16}} {
		must(t, calendar.BulkInsert(ctx, db, zone, acts[n:n+1]))
		var id uuid.UUID
		must(t, db.Raw(`SELECT id FROM activities WHERE title = ?`, acts[n].Title).Row().Scan(&id))
		must(t, db.Exec(`INSERT INTO attendance (id, activity_id, occurrence_start, residents) VALUES (?, ?, ?, ?)`,
			database.NewID(), id, acts[n].StartsAt.UTC(), 9-2*n).Error)
		s := report.Store{DB: db, Zone: zone}
		from, to := at(1, 12), at(31, 0) // from inside both activities' first occurrence
		got, err := s.Activities(ctx, from, to, "unit")
		if err != nil {
			t.Fatal(err)
		}
		ref, err := referenceActivities(ctx, s, from, to, "unit")
		if err != nil {
			t.Fatal(err)
		}
		gj, _ := json.Marshal(got)
		rj, _ := json.Marshal(ref)
		if string(gj) != string(rj) {
			t.Fatalf("with %d activities:\n got %s\nwant %s", n+1, gj, rj)
		}
		if g := got.Totals; g.Occurrences != want.occurrences || g.OccurrencesWithAttendance != want.withAtt ||
			g.Participants.Residents != want.residents {
			t.Errorf("with %d activities: %d occurrences, %d with attendance, %d residents; want %d, %d, %d", n+1, g.Occurrences,
				g.OccurrencesWithAttendance, g.Participants.Residents, want.occurrences, want.withAtt, want.residents)
		}
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// referenceActivities is the report computed the plain way: every occurrence built, then counted.
func referenceActivities(ctx context.Context, s report.Store, from, to time.Time, groupBy string) (report.ActivityReport, error) {
	occ, err := calendar.Store{DB: s.DB, Zone: s.Zone}.Occurrences(ctx, calendar.OccurrenceFilter{From: from, To: to})
	if err != nil {
		return report.ActivityReport{}, err
	}
	type attRow struct {
		ActivityID                              uuid.UUID
		OccurrenceStart                         time.Time
		Residents, Staff, Volunteers, Relatives int
		Feedback                                *int
	}
	var rows []attRow
	if err := s.DB.WithContext(ctx).Raw(`SELECT activity_id, occurrence_start, residents, staff, volunteers, relatives, feedback
		FROM attendance WHERE occurrence_start >= ? AND occurrence_start < ?`,
		from.Add(-calendar.MaxOverrideShift).UTC(), to.Add(calendar.MaxOverrideShift).UTC()).Scan(&rows).Error; err != nil {
		return report.ActivityReport{}, err
	}
	type key struct {
		id uuid.UUID
		at int64
	}
	att := map[key]attRow{}
	for _, r := range rows {
		att[key{r.ActivityID, r.OccurrenceStart.UnixNano()}] = r
	}
	var unitsTotal int64
	if err := s.DB.Raw(`SELECT count(*) FROM units WHERE active`).Row().Scan(&unitsTotal); err != nil {
		return report.ActivityReport{}, err
	}
	labels, err := referenceLabels(s.DB, groupBy)
	if err != nil {
		return report.ActivityReport{}, err
	}
	type acc struct {
		m     report.Metrics
		fbSum int
		units map[uuid.UUID]bool
	}
	add := func(a *acc, o *calendar.Occurrence) {
		if o.Cancelled {
			a.m.Cancelled++
			return
		}
		a.m.Occurrences++
		for _, u := range o.UnitIDs {
			a.units[u] = true
		}
		r, ok := att[key{o.ActivityID, o.OriginalStart.UnixNano()}]
		if !ok {
			return
		}
		a.m.OccurrencesWithAttendance++
		p := &a.m.Participants
		p.Residents, p.Staff, p.Volunteers, p.Relatives = p.Residents+r.Residents, p.Staff+r.Staff, p.Volunteers+r.Volunteers, p.Relatives+r.Relatives
		p.Total += r.Residents + r.Staff + r.Volunteers + r.Relatives
		if r.Feedback != nil {
			a.m.FeedbackCount++
			a.fbSum += *r.Feedback
		}
	}
	metrics := func(a *acc) report.Metrics {
		m := a.m
		m.UnitsReached = len(a.units)
		if unitsTotal > 0 {
			m.UnitsReachedShareBP = min(10000, m.UnitsReached*10000/int(unitsTotal))
		}
		if m.FeedbackCount > 0 {
			mean := math.Round(float64(a.fbSum)/float64(m.FeedbackCount)*100) / 100
			m.FeedbackMean = &mean
		}
		return m
	}
	totals := &acc{units: map[uuid.UUID]bool{}}
	groups := map[string]*acc{}
	for i := range occ {
		o := &occ[i]
		if !o.Cancelled && o.ActivityStatus == calendar.StatusProposed {
			continue
		}
		add(totals, o)
		var keys []string
		switch groupBy {
		case "unit":
			for _, u := range o.UnitIDs {
				keys = append(keys, u.String())
			}
		case "partner":
			keys = []string{""}
			if len(o.PartnerIDs) > 0 {
				keys = nil
				for _, p := range o.PartnerIDs {
					keys = append(keys, p.String())
				}
			}
		case "target_group":
			keys = []string{""}
			if len(o.TargetGroups) > 0 {
				keys = o.TargetGroups
			}
		case "month":
			keys = []string{o.StartsAt.In(s.Zone).Format("2006-01")}
		default:
			keys = []string{o.Category}
		}
		for _, k := range keys {
			if groups[k] == nil {
				groups[k] = &acc{units: map[uuid.UUID]bool{}}
			}
			add(groups[k], o)
		}
	}
	rep := report.ActivityReport{From: from.In(s.Zone), To: to.In(s.Zone), GroupBy: groupBy, UnitsTotal: int(unitsTotal),
		Totals: metrics(totals), Groups: []report.Group{}}
	for k, g := range groups {
		label := labels[k]
		if label == "" {
			label = k
		}
		if k == "" {
			label = "(none)"
		}
		rep.Groups = append(rep.Groups, report.Group{Key: k, Label: label, Metrics: metrics(g)})
	}
	slices.SortFunc(rep.Groups, func(a, b report.Group) int {
		if groupBy == "month" {
			return strings.Compare(a.Key, b.Key)
		}
		if c := b.Occurrences - a.Occurrences; c != 0 {
			return c
		}
		return strings.Compare(a.Label+a.Key, b.Label+b.Key)
	})
	return rep, nil
}

func referenceLabels(db *gorm.DB, groupBy string) (map[string]string, error) {
	out := map[string]string{}
	table := map[string]string{"unit": "units", "partner": "partners"}[groupBy]
	if table == "" {
		return out, nil
	}
	rows, err := db.Raw(`SELECT id::text, name FROM ` + table).Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id, name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, err
		}
		out[id] = name
	}
	return out, rows.Err()
}
