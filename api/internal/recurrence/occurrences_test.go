package recurrence_test

import (
	"fmt"
	"testing"
	"time"

	"kulttuurisilta/api/internal/recurrence"
)

// TestOccurrencesApplyOverrides: the one iterator moves, keeps and drops
// occurrences by their overrides, for the window it is asked about.
func TestOccurrencesApplyOverrides(t *testing.T) {
	t.Parallel()
	at := func(d, h int) time.Time { return time.Date(2026, 3, d, h, 0, 0, 0, helsinki) }
	// Mondays 2, 9, 16, 23, 30 March 2026 at 10:00 for an hour (30 March is after the change to summer time);
	// 16 March is excluded.
	s := recurrence.Series{Start: at(2, 10), Duration: time.Hour, Rule: mustParse(t, "FREQ=WEEKLY;COUNT=5"),
		Exdates: []time.Time{at(16, 10)}}
	week := func(d int) (time.Time, time.Time) { return at(d, 0), at(d+7, 0) } // Monday to Monday
	tests := []struct {
		name      string
		from      int // the window is the week from this Monday
		overrides []recurrence.Override
		want      string // original>start@override, ...
	}{
		{"no overrides", 9, nil, "9T10>9T10@-1"},
		{"moved within the week", 9, []recurrence.Override{{Original: at(9, 10), Start: at(11, 14), End: at(11, 15)}},
			"9T10>11T14@0"},
		{"moved out of the week", 9, []recurrence.Override{{Original: at(9, 10), Start: at(17, 14), End: at(17, 15)}}, ""},
		{"moved into the week from the next", 9, []recurrence.Override{{Original: at(23, 10), Start: at(12, 10), End: at(12, 11)}},
			"9T10>9T10@-1 23T10>12T10@0"},
		{"an override of no occurrence (the rule changed)", 9,
			[]recurrence.Override{{Original: at(24, 10), Start: at(12, 10), End: at(12, 11)}}, "9T10>9T10@-1"},
		{"an override of an excluded date", 9,
			[]recurrence.Override{{Original: at(16, 10), Start: at(12, 10), End: at(12, 11)}}, "9T10>9T10@-1"},
		{"the excluded week is empty", 16, nil, ""},
		{"two overrides, the second applies", 30, []recurrence.Override{
			{Original: at(9, 10), Start: at(9, 12), End: at(9, 13)},
			{Original: at(30, 10), Start: at(31, 10), End: at(31, 12)}}, "30T10>31T10@1"},
		{"wall-clock time across the change", 30, nil, "30T10>30T10@-1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			from, to := week(tc.from)
			x := recurrence.NewWindow(helsinki, from, to)
			got := ""
			for i, o := range x.Occurrences(nil, s, tc.overrides) {
				if i > 0 {
					got += " "
				}
				orig, start := o.OriginalTime().In(helsinki), o.StartTime().In(helsinki)
				got += fmt.Sprintf("%dT%d>%dT%d@%d", orig.Day(), orig.Hour(), start.Day(), start.Hour(), o.Override)
				if o.Override < 0 && o.End-o.Start != int64(time.Hour) {
					t.Errorf("occurrence %s lasts %s", start, time.Duration(o.End-o.Start))
				}
			}
			if got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
	if !recurrence.Has(s, helsinki, at(23, 10)) || recurrence.Has(s, helsinki, at(16, 10)) || recurrence.Has(s, helsinki, at(23, 11)) {
		t.Error("Has: 23 March is an occurrence, 16 March (excluded) and 23 March 11:00 are not")
	}
	// A window outside what a Window carries (Unix nanoseconds) is clamped, not overflowed.
	x := recurrence.NewWindow(helsinki, time.Date(1500, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(9000, 1, 1, 0, 0, 0, 0, time.UTC))
	if n := len(x.Occurrences(nil, s, nil)); n != 4 {
		t.Errorf("a clamped window: %d occurrences, want 4", n)
	}
}
