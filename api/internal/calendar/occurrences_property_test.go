package calendar_test

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"kulttuurisilta/api/internal/apitest"
	"kulttuurisilta/api/internal/calendar"
	"kulttuurisilta/api/internal/civil"
	"kulttuurisilta/api/internal/recurrence"
)

// referenceOccurrences is the calendar computed the plain way: every
// activity read, filtered in Go, expanded by recurrence.Expand, overrides
// applied one by one, all Occurrences built and sorted, then the
// updated-since filter and the page.
func referenceOccurrences(t *testing.T, db *gorm.DB, zone *time.Location, f calendar.OccurrenceFilter, since *time.Time,
	offset, limit int) ([]calendar.Occurrence, int) {
	t.Helper()
	var acts []calendar.Activity
	if err := db.Find(&acts).Error; err != nil {
		t.Fatal(err)
	}
	var ovs []calendar.Override
	if err := db.Find(&ovs).Error; err != nil {
		t.Fatal(err)
	}
	anyOf := func(have, want []uuid.UUID) bool {
		return len(want) == 0 || slices.ContainsFunc(have, func(id uuid.UUID) bool { return slices.Contains(want, id) })
	}
	var out []calendar.Occurrence
	for _, a := range acts {
		if !anyOf(a.UnitIDs, f.UnitIDs) || !anyOf(a.PartnerIDs, f.PartnerIDs) ||
			(len(f.Categories) > 0 && !slices.Contains(f.Categories, a.Category)) ||
			(len(f.TargetGroups) > 0 && !slices.ContainsFunc(a.TargetGroups, func(g string) bool { return slices.Contains(f.TargetGroups, g) })) ||
			(f.SeriesID != nil && (a.SeriesID == nil || *a.SeriesID != *f.SeriesID)) ||
			(f.Visibility != "" && a.Visibility != f.Visibility) ||
			(f.ActivityID != nil && a.ID != *f.ActivityID) || (f.ExcludeActivityID != nil && a.ID == *f.ExcludeActivityID) {
			continue
		}
		var rule *recurrence.Rule
		if a.Recurrence != "" {
			var err error
			if rule, err = recurrence.Parse(a.Recurrence); err != nil {
				t.Fatal(err)
			}
		}
		dur := a.EndsAt.Sub(a.StartsAt)
		base := calendar.Occurrence{ActivityID: a.ID, Title: a.Title, Description: a.Description, Category: a.Category,
			Status: a.Status, ActivityStatus: a.Status, Cancelled: a.Status == calendar.StatusCancelled,
			Recurring: a.Recurrence != "", Recurrence: a.Recurrence, UnitIDs: a.UnitIDs, PartnerIDs: a.PartnerIDs,
			SeriesID: a.SeriesID, Visibility: a.Visibility, TargetGroups: a.TargetGroups, Accessibility: a.Accessibility,
			Capacity: a.Capacity, ActivityVersion: a.Version, UpdatedAt: a.UpdatedAt.UTC()}
		withOverride := func(orig time.Time, ov calendar.Override) {
			if !(ov.StartsAt.Before(f.To) && ov.EndsAt.After(f.From)) {
				return
			}
			o := base
			o.OriginalStart, o.StartsAt, o.EndsAt = orig.UTC(), ov.StartsAt.UTC(), ov.EndsAt.UTC()
			o.Overridden, o.Moved = true, !ov.StartsAt.Equal(orig) || ov.EndsAt.Sub(ov.StartsAt) != dur
			id := ov.ID
			o.OverrideID, o.OverrideNote = &id, ov.Note
			if ov.Cancelled {
				o.Cancelled, o.Status = true, calendar.StatusCancelled
			}
			if ov.UpdatedAt.After(o.UpdatedAt) {
				o.UpdatedAt = ov.UpdatedAt.UTC()
			}
			out = append(out, o)
		}
		used := map[int]bool{}
		for _, e := range recurrence.Expand(rule, a.StartsAt, dur, zone, a.Exdates, f.From, f.To) {
			k := slices.IndexFunc(ovs, func(ov calendar.Override) bool {
				return ov.ActivityID == a.ID && ov.OriginalStart.Equal(e.Start)
			})
			if k >= 0 {
				used[k] = true
				withOverride(e.Start, ovs[k])
				continue
			}
			o := base
			o.OriginalStart, o.StartsAt, o.EndsAt = e.Start.UTC(), e.Start.UTC(), e.End.UTC()
			out = append(out, o)
		}
		for k, ov := range ovs {
			if ov.ActivityID != a.ID || used[k] {
				continue
			}
			for _, e := range recurrence.Expand(rule, a.StartsAt, dur, zone, a.Exdates, ov.OriginalStart, ov.OriginalStart.Add(1)) {
				if e.Start.Equal(ov.OriginalStart) {
					withOverride(ov.OriginalStart, ov)
				}
			}
		}
	}
	out = slices.DeleteFunc(out, func(o calendar.Occurrence) bool {
		return (len(f.Statuses) > 0 && !slices.Contains(f.Statuses, o.Status)) || (since != nil && !o.UpdatedAt.After(*since))
	})
	slices.SortFunc(out, func(a, b calendar.Occurrence) int {
		if c := a.StartsAt.Compare(b.StartsAt); c != 0 {
			return c
		}
		if c := bytes.Compare(a.ActivityID[:], b.ActivityID[:]); c != 0 {
			return c
		}
		return cmp.Compare(a.OriginalStart.UnixNano(), b.OriginalStart.UnixNano())
	})
	if limit < 0 {
		return out, len(out)
	}
	lo := min(offset, len(out))
	return out[lo:min(lo+limit, len(out))], len(out)
}

// normalised makes occurrences comparable field by field: times in UTC,
// empty lists for nil ones.
func normalised(occ []calendar.Occurrence) []calendar.Occurrence {
	out := make([]calendar.Occurrence, len(occ))
	for i, o := range occ {
		o.StartsAt, o.EndsAt, o.OriginalStart, o.UpdatedAt = o.StartsAt.UTC(), o.EndsAt.UTC(), o.OriginalStart.UTC(), o.UpdatedAt.UTC()
		o.UnitIDs, o.PartnerIDs = append([]uuid.UUID{}, o.UnitIDs...), append([]uuid.UUID{}, o.PartnerIDs...)
		o.TargetGroups = append([]string{}, o.TargetGroups...)
		out[i] = o
	}
	return out
}

// TestOccurrencesMatchReference: for random data sets (single and
// recurring activities of every rule shape, excluded dates, moved and
// cancelled occurrences, times around daylight-saving changes) and random
// filters, windows, updated-since times and pages, Store.OccurrencePage and
// Store.Occurrences (outside and inside a transaction) return exactly the
// reference's occurrences, in the same order, with the same fields and total.
func TestOccurrencesMatchReference(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	ctx := context.Background()
	zone := env.Zone
	rng := rand.New(rand.NewPCG(3, 5))
	units := env.Units(4, "Koti %d")
	partners := make([]uuid.UUID, 3)
	for i := range partners {
		p := calendar.Partner{Name: fmt.Sprintf("Kumppani %d", i), Kind: "library", Sector: "public", Active: true}
		if err := env.DB.Create(&p).Error; err != nil {
			t.Fatal(err)
		}
		partners[i] = p.ID
	}
	series := calendar.Series{Name: "Festivaali", StartsOn: mustDate("2026-01-01"), EndsOn: mustDate("2026-12-31")}
	if err := env.DB.Create(&series).Error; err != nil {
		t.Fatal(err)
	}
	rules := []string{"", "", "", "FREQ=WEEKLY;COUNT=12", "FREQ=WEEKLY", "FREQ=WEEKLY;BYDAY=MO,WE,FR;UNTIL=20270115",
		"FREQ=DAILY;COUNT=20", "FREQ=DAILY;INTERVAL=2;BYDAY=SA,SU", "FREQ=WEEKLY;INTERVAL=2;WKST=SU;BYDAY=TU,SU",
		"FREQ=MONTHLY;BYDAY=-1FR", "FREQ=MONTHLY;BYMONTHDAY=15;COUNT=10", "FREQ=YEARLY", "FREQ=WEEKLY;BYMONTH=3,10"}
	acts := make([]calendar.Activity, 150)
	for i := range acts {
		var st time.Time
		if i%4 == 0 { // around the spring and autumn changes, some in the gap or the repeated hour
			edge := []time.Time{time.Date(2026, 3, 29, 3, 30, 0, 0, zone), time.Date(2026, 10, 25, 3, 30, 0, 0, zone)}[rng.IntN(2)]
			st = edge.AddDate(0, 0, -7*rng.IntN(3)).Add(time.Duration(rng.IntN(5)-2) * 30 * time.Minute)
		} else {
			st = time.Date(2026, 1, 1, 8, 0, 0, 0, zone).Add(time.Duration(rng.IntN(500*24)) * time.Hour)
		}
		a := calendar.Activity{Title: fmt.Sprintf("Toiminta %d", i), Category: calendar.Categories[rng.IntN(4)],
			StartsAt: st, EndsAt: st.Add(time.Duration(30+rng.IntN(240)) * time.Minute), Recurrence: rules[rng.IntN(len(rules))],
			Status: calendar.Statuses[rng.IntN(5)], Visibility: []string{"public", "internal"}[rng.IntN(2)],
			UnitIDs: []uuid.UUID{units[rng.IntN(len(units))]}, TargetGroups: calendar.TargetGroups[:rng.IntN(3)],
			Accessibility: "pyörätuoli", Description: strings.Repeat("x", rng.IntN(3))}
		if rng.IntN(3) == 0 {
			a.PartnerIDs = []uuid.UUID{partners[rng.IntN(len(partners))]}
		}
		if rng.IntN(4) == 0 && st.Year() == 2026 {
			a.SeriesID = &series.ID
		}
		if rng.IntN(3) == 0 {
			c := rng.IntN(100)
			a.Capacity = &c
		}
		if rng.IntN(20) == 0 {
			a.EndsAt = st.Add(time.Duration(1+rng.IntN(10)) * 24 * time.Hour)
		}
		if a.Recurrence != "" { // the start must fall on the rule (BYDAY, BYMONTHDAY)
			rule, _ := recurrence.Parse(a.Recurrence)
			on, _ := rule.FirstOnRule(st, zone)
			a.StartsAt, a.EndsAt = on, on.Add(a.EndsAt.Sub(st))
		}
		acts[i] = a
	}
	if err := calendar.BulkInsert(ctx, env.DB, zone, acts); err != nil {
		t.Fatal(err)
	}
	// Excluded dates, moved and cancelled occurrences, and varied change times.
	wide := calendar.OccurrenceFilter{From: time.Date(2025, 12, 1, 0, 0, 0, 0, zone), To: time.Date(2027, 12, 1, 0, 0, 0, 0, zone)}
	all, _ := referenceOccurrences(t, env.DB, zone, wide, nil, 0, -1)
	for i, o := range all {
		switch rng.IntN(12) {
		case 0:
			mustExec(t, env.DB, `UPDATE activities SET exdates = exdates || ?::timestamptz WHERE id = ?`, o.OriginalStart, o.ActivityID)
		case 1, 2:
			shift := time.Duration(rng.IntN(24*20)-24*10) * time.Hour
			ov := calendar.Override{ActivityID: o.ActivityID, OriginalStart: o.OriginalStart, StartsAt: o.StartsAt.Add(shift),
				EndsAt: o.EndsAt.Add(shift + time.Duration(rng.IntN(2))*time.Hour), Cancelled: rng.IntN(3) == 0, Note: fmt.Sprint("siirto ", i)}
			if rng.IntN(4) == 0 {
				ov.StartsAt, ov.EndsAt = o.StartsAt, o.EndsAt // cancelled or annotated in place
			}
			if err := env.DB.Create(&ov).Error; err != nil && !strings.Contains(err.Error(), "duplicate") {
				t.Fatal(err)
			}
		}
	}
	mustExec(t, env.DB, `UPDATE activities SET updated_at = now() - (random() * interval '100 days'), version = 1 + (random() * 5)::int`)
	mustExec(t, env.DB, `UPDATE occurrence_overrides SET updated_at = now() - (random() * interval '100 days')`)
	store := calendar.Store{DB: env.DB, Zone: zone}

	pick := func(vals []string) []string {
		var out []string
		for _, v := range vals {
			if rng.IntN(3) == 0 {
				out = append(out, v)
			}
		}
		return out
	}
	for i := range 300 {
		from := time.Date(2026, 1, 1, 0, 0, 0, 0, zone).Add(time.Duration(rng.IntN(600*24)) * time.Hour)
		if i%5 == 0 {
			from = time.Date(2026, 3, 20+rng.IntN(12), 0, 0, 0, 0, zone)
		}
		f := calendar.OccurrenceFilter{From: from, To: from.Add(time.Duration(1+rng.IntN(90*24)) * time.Hour)}
		switch rng.IntN(10) {
		case 0:
			f.UnitIDs = units[:1+rng.IntN(2)]
		case 1:
			f.PartnerIDs = partners[rng.IntN(2):]
		case 2:
			f.Categories = pick(calendar.Categories[:4])
		case 3:
			f.Statuses = pick(calendar.Statuses)
		case 4:
			f.TargetGroups = pick(calendar.TargetGroups[:2])
		case 5:
			f.SeriesID = &series.ID
		case 6:
			f.Visibility = "public"
		case 7:
			f.ActivityID = &all[rng.IntN(len(all))].ActivityID
		}
		var since *time.Time
		if rng.IntN(3) == 0 {
			s := time.Now().Add(-time.Duration(rng.IntN(100*24)) * time.Hour)
			since = &s
		}
		offset, limit := rng.IntN(40), 1+rng.IntN(60)
		if i%7 == 0 {
			offset = 0
		}
		want, wantTotal := referenceOccurrences(t, env.DB, zone, f, since, offset, limit)
		got, total, err := store.OccurrencePage(ctx, f, since, offset, limit)
		if err != nil {
			t.Fatal(err)
		}
		if total != wantTotal || !reflect.DeepEqual(normalised(got), normalised(want)) {
			t.Fatalf("case %d, filter %+v since %v page %d+%d: total %d, want %d\n got %+v\nwant %+v", i, f, since,
				offset, limit, total, wantTotal, got, want)
		}
		if i%10 == 0 { // every occurrence, through the pool and inside a transaction
			wantAll, _ := referenceOccurrences(t, env.DB, zone, f, nil, 0, -1)
			gotAll, err := store.Occurrences(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			var inTx []calendar.Occurrence
			err = env.DB.Transaction(func(tx *gorm.DB) error {
				var err error
				inTx, err = calendar.Store{DB: tx, Zone: zone}.Occurrences(ctx, f)
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(normalised(gotAll), normalised(wantAll)) || !reflect.DeepEqual(normalised(inTx), normalised(wantAll)) {
				t.Fatalf("case %d, filter %+v: Occurrences differ from the reference (%d / %d in a transaction / %d)", i, f,
					len(gotAll), len(inTx), len(wantAll))
			}
		}
	}
}

func mustDate(s string) civil.Date {
	d, err := civil.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func mustExec(t *testing.T, db *gorm.DB, q string, args ...any) {
	t.Helper()
	if err := db.Exec(q, args...).Error; err != nil {
		t.Fatal(err)
	}
}
