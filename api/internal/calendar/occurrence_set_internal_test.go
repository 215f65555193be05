package calendar

import (
	"testing"
	"time"

	"github.com/google/uuid"
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
