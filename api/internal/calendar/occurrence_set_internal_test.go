package calendar

import (
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"github.com/google/uuid"

	"kulttuurisilta/api/internal/recurrence"
)

// TestWhichSetsAreKept: only region-wide sets of a month view are kept
// (ADR 0195); the key tells filters apart.
func TestWhichSetsAreKept(t *testing.T) {
	from := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	month := OccurrenceFilter{From: from, To: from.AddDate(0, 1, 0)}
	id := uuid.New()
	now := time.Now()
	with := func(change func(*OccurrenceFilter)) OccurrenceFilter { f := month; change(&f); return f }
	tests := []struct {
		name  string
		f     OccurrenceFilter
		since *time.Time
		all   bool
		kept  bool
	}{
		{"a month of every unit", month, nil, false, true},
		{"six weeks", with(func(f *OccurrenceFilter) { f.To = f.From.Add(42 * 24 * time.Hour) }), nil, false, true},
		{"a month by category and status", with(func(f *OccurrenceFilter) {
			f.Categories, f.Statuses = []string{"music"}, []string{"planned"}
		}), nil, false, true},
		{"a year", with(func(f *OccurrenceFilter) { f.To = f.From.AddDate(1, 0, 0) }), nil, false, false},
		{"one unit", with(func(f *OccurrenceFilter) { f.UnitIDs = []uuid.UUID{id} }), nil, false, false},
		{"one partner", with(func(f *OccurrenceFilter) { f.PartnerIDs = []uuid.UUID{id} }), nil, false, false},
		{"one series", with(func(f *OccurrenceFilter) { f.SeriesID = &id }), nil, false, false},
		{"one activity", with(func(f *OccurrenceFilter) { f.ActivityID = &id }), nil, false, false},
		{"a clash check", with(func(f *OccurrenceFilter) { f.ExcludeActivityID = &id }), nil, false, false},
		{"changed since", month, &now, false, false},
		{"every column of every occurrence", month, nil, true, false},
	}
	for _, tt := range tests {
		if _, kept := keyOfSet(tt.f, tt.since, tt.all); kept != tt.kept {
			t.Errorf("%s: kept %v, want %v", tt.name, kept, tt.kept)
		}
	}
	a, _ := keyOfSet(month, nil, false)
	b, _ := keyOfSet(with(func(f *OccurrenceFilter) { f.Categories = []string{"music"} }), nil, false)
	c, _ := keyOfSet(with(func(f *OccurrenceFilter) { f.Visibility = "public" }), nil, false)
	if a == b || a == c || b == c {
		t.Fatalf("filters share a key: %v %v %v", a, b, c)
	}
}

// TestPatchedSetIsTheBuiltSet: a kept set patched with the activities that
// changed (ADR 0196) serves exactly the occurrences of a set built from
// scratch over the new state, on random activities, recurrences, overrides
// and changes (edits, deletes, new activities, statuses, filters).
func TestPatchedSetIsTheBuiltSet(t *testing.T) {
	zone, err := time.LoadLocation("Europe/Helsinki")
	if err != nil {
		t.Fatal(err)
	}
	from := time.Date(2026, 10, 1, 0, 0, 0, 0, zone)
	to := from.AddDate(0, 1, 0)
	rules := []string{"", "", "FREQ=WEEKLY;COUNT=6", "FREQ=DAILY;INTERVAL=3", "FREQ=WEEKLY;BYDAY=MO,TH"}
	statuses := []string{StatusPlanned, StatusConfirmed, StatusCancelled, StatusProposed}
	filters := [][]string{nil, {StatusCancelled}, {StatusPlanned, StatusConfirmed}}
	for seed := range uint64(200) {
		rng := rand.New(rand.NewPCG(seed, 196))
		activity := func(id uuid.UUID) candidate {
			start := from.Add(time.Duration(rng.IntN(50*24)-10*24) * time.Hour)
			c := candidate{ID: id, StartsAt: start.UTC(), EndsAt: start.Add(time.Duration(1+rng.IntN(3)) * time.Hour).UTC(),
				Recurrence: rules[rng.IntN(len(rules))], Status: statuses[rng.IntN(len(statuses))],
				UpdatedAt: from, details: &details{Title: "a " + id.String()[:4]}}
			if c.Recurrence != "" && rng.IntN(3) == 0 {
				c.Exdates = Times{c.StartsAt.AddDate(0, 0, 7)}
			}
			return c
		}
		overridesOf := func(c candidate) []Override {
			var out []Override
			for k := range rng.IntN(3) {
				orig := c.StartsAt.AddDate(0, 0, 7*k)
				shift := time.Duration(rng.IntN(48)-24) * time.Hour
				o := Override{ActivityID: c.ID, OriginalStart: orig, StartsAt: orig.Add(shift),
					EndsAt: orig.Add(shift).Add(c.EndsAt.Sub(c.StartsAt)), Cancelled: rng.IntN(2) == 0}
				o.ID, o.UpdatedAt = uuid.New(), from
				out = append(out, o)
			}
			return out
		}
		state := map[uuid.UUID]candidate{}
		ovs := map[uuid.UUID][]Override{}
		for range 1 + rng.IntN(40) {
			c := activity(uuid.New())
			state[c.ID], ovs[c.ID] = c, overridesOf(c)
		}
		f := OccurrenceFilter{From: from, To: to, Statuses: filters[rng.IntN(len(filters))]}
		x := recurrence.NewWindow(zone, from, to)
		build := func(only map[uuid.UUID]bool) *occurrenceSet {
			var cands []candidate
			var overrides []Override
			for id, c := range state { // map order: the candidates come in any order, as from SQL
				if only == nil || only[id] {
					cands = append(cands, c)
					overrides = append(overrides, ovs[id]...)
				}
			}
			set, err := buildOccurrenceSet(x, f, nil, cands, overrides, zone)
			if err != nil {
				t.Fatal(err)
			}
			set.sortAll()
			return set
		}
		kept := build(nil)

		changed := map[uuid.UUID]bool{}
		var ids []uuid.UUID
		for id := range state {
			if rng.IntN(4) == 0 {
				changed[id] = true
			}
		}
		for id := range changed {
			switch rng.IntN(3) {
			case 0:
				delete(state, id)
				delete(ovs, id)
			case 1:
				c := activity(id)
				state[id], ovs[id] = c, overridesOf(c)
			default:
				c := state[id]
				c.Status = statuses[rng.IntN(len(statuses))]
				state[id], ovs[id] = c, overridesOf(c)
			}
		}
		for range rng.IntN(4) {
			c := activity(uuid.New())
			state[c.ID], ovs[c.ID] = c, overridesOf(c)
			changed[c.ID] = true
		}
		changed[uuid.New()] = true // logged, then deleted before it was ever read
		for id := range changed {
			ids = append(ids, id)
		}

		got := kept.patched(ids, build(changed))
		want := build(nil)
		if !got.sorted || len(got.slots) != len(want.slots) {
			t.Fatalf("seed %d: %d slots patched (sorted %v), %d built", seed, len(got.slots), got.sorted, len(want.slots))
		}
		if g, w := got.materialise(got.slots, nil), want.materialise(want.slots, nil); !reflect.DeepEqual(g, w) {
			t.Fatalf("seed %d: patched\n%+v\nbuilt\n%+v", seed, g, w)
		}
		var empty *occurrenceSet // nothing kept yet (an empty month) is patched too
		if g, w := empty.patched(ids, want), want; !reflect.DeepEqual(g.materialise(g.slots, nil), w.materialise(w.slots, nil)) {
			t.Fatalf("seed %d: an empty set patched with everything differs", seed)
		}
	}
}
