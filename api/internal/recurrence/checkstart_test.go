package recurrence_test

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"kulttuurisilta/api/internal/recurrence"
)

func TestCheckStart(t *testing.T) {
	t.Parallel()
	cases := []struct {
		rule, start string // start in Helsinki wall clock
		ok          bool
	}{
		{"FREQ=WEEKLY;BYDAY=TH", "2025-03-06T14:00", true},  // a Thursday
		{"FREQ=WEEKLY;BYDAY=TH", "2025-03-05T14:00", false}, // a Wednesday
		{"FREQ=WEEKLY;BYDAY=TU,TH", "2025-03-04T14:00", true},
		{"FREQ=WEEKLY", "2025-03-05T14:00", true}, // the start's weekday by default
		{"FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", "2025-03-03T09:00", true},
		{"FREQ=DAILY", "2025-03-05T14:00", true},
		{"FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR", "2025-03-08T10:00", false}, // a Saturday
		{"FREQ=DAILY;BYMONTH=6,7", "2025-05-31T10:00", false},
		{"FREQ=MONTHLY", "2025-01-31T10:00", true},
		{"FREQ=MONTHLY;BYMONTHDAY=1", "2025-03-05T10:00", false},
		{"FREQ=MONTHLY;BYMONTHDAY=-1", "2025-02-28T10:00", true},
		{"FREQ=MONTHLY;BYDAY=-1FR", "2025-01-31T10:00", true},
		{"FREQ=MONTHLY;BYDAY=-1FR", "2025-01-02T10:00", false},
		{"FREQ=MONTHLY;BYDAY=2TU", "2025-03-11T10:00", true},
		{"FREQ=MONTHLY;BYDAY=2TU", "2025-03-18T10:00", false},
		{"FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", "2025-05-30T09:00", true},
		{"FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", "2025-05-29T09:00", false},
		{"FREQ=YEARLY", "2024-02-29T12:00", true},
		{"FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "2025-03-30T03:30", true}, // in the DST gap, still that day
		{"FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "2025-03-23T12:00", false},
		{"FREQ=YEARLY;BYMONTH=12", "2025-11-24T12:00", false},
	}
	for _, c := range cases {
		start, err := time.ParseInLocation("2006-01-02T15:04", c.start, helsinki)
		if err != nil {
			t.Fatal(err)
		}
		err = mustParse(t, c.rule).CheckStart(start, helsinki)
		if (err == nil) != c.ok {
			t.Errorf("%s starting %s: %v, want ok=%v", c.rule, c.start, err, c.ok)
		}
		if err != nil && (!strings.Contains(err.Error(), start.Weekday().String()) || !strings.Contains(err.Error(), c.start[:10])) {
			t.Errorf("%s: the message does not name the start: %v", c.rule, err)
		}
	}
	// The day is the calendar zone's, whatever offset the start is given in.
	late := time.Date(2025, 3, 6, 23, 30, 0, 0, helsinki) // Thursday in Helsinki, Thursday 21:30 UTC
	if err := mustParse(t, "FREQ=WEEKLY;BYDAY=TH").CheckStart(late, helsinki); err != nil {
		t.Errorf("late Thursday: %v", err)
	}
	early := time.Date(2025, 3, 6, 0, 30, 0, 0, helsinki) // Thursday in Helsinki, Wednesday 22:30 UTC
	if err := mustParse(t, "FREQ=WEEKLY;BYDAY=TH").CheckStart(early.UTC(), helsinki); err != nil {
		t.Errorf("early Thursday given in UTC: %v", err)
	}
	if err := mustParse(t, "FREQ=WEEKLY;BYDAY=TH").CheckStart(early.UTC(), time.UTC); err == nil {
		t.Error("the same instant is a Wednesday in UTC")
	}
}

// TestCheckStartProperties: every occurrence a rule gives after its start
// is itself on the rule; and for rules whose days do not depend on the
// start (DAILY, or with BYDAY or BYMONTHDAY) and INTERVAL=1, a day is on
// the rule exactly when the expansion gives it.
func TestCheckStartProperties(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(3, 5))
	zones := []*time.Location{helsinki, time.UTC, mustZone("America/New_York")}
	checked := 0
	for i := range 600 {
		text := randomRule(rng)
		r, err := recurrence.Parse(text)
		if err != nil {
			continue
		}
		loc := zones[i%len(zones)]
		start := time.Date(2024, time.Month(1+rng.IntN(12)), 1+rng.IntN(28), rng.IntN(24), 15*rng.IntN(4), 0, 0, loc)
		occ := recurrence.Expand(r, start, time.Hour, loc, nil, start, start.AddDate(2, 0, 0))
		for _, o := range occ[min(1, len(occ)):] {
			if err := r.CheckStart(o.Start, loc); err != nil {
				t.Fatalf("%s from %v: its occurrence %v is not on the rule: %v", text, start, o.Start, err)
			}
		}
		independent := r.Freq == recurrence.Daily || len(r.ByDay) > 0 || len(r.ByMonthDay) > 0
		if !independent {
			continue
		}
		open := *r
		open.Interval, open.Count, open.Until = 1, 0, nil
		given := map[string]bool{}
		for _, o := range recurrence.Expand(&open, start, time.Hour, loc, nil, start, start.AddDate(1, 0, 2)) {
			given[o.Start.In(loc).Format(time.DateOnly)] = true
		}
		ls := start.In(loc)
		for d := 1; d < 366; d++ {
			day := time.Date(ls.Year(), ls.Month(), ls.Day()+d, ls.Hour(), ls.Minute(), 0, 0, loc)
			key := day.Format(time.DateOnly)
			if on := open.CheckStart(day, loc) == nil; on != given[key] {
				t.Fatalf("%s (open) from %v: %s on the rule %v, given by the expansion %v", text, start, key, on, given[key])
			}
			checked++
		}
	}
	if checked < 10000 {
		t.Fatalf("only %d days checked", checked)
	}
}

// TestFirstOnRule: the day it finds is on the rule, is not before from,
// and no day between from and it is on the rule.
func TestFirstOnRule(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(9, 4))
	for i := range 400 {
		text := randomRule(rng)
		r, err := recurrence.Parse(text)
		if err != nil {
			continue
		}
		loc := []*time.Location{helsinki, time.UTC}[i%2]
		from := time.Date(2024, time.Month(1+rng.IntN(12)), 1+rng.IntN(28), rng.IntN(24), 15*rng.IntN(4), 0, 0, loc)
		got, ok := r.FirstOnRule(from, loc)
		if !ok {
			continue // a rare combination (a Tuesday 31 January) may be years away
		}
		if err := r.CheckStart(got, loc); err != nil || got.Before(from.Add(-time.Hour)) {
			t.Fatalf("%s from %v: %v (%v)", text, from, got, err)
		}
		lf := from.In(loc)
		for d := 0; ; d++ {
			day := time.Date(lf.Year(), lf.Month(), lf.Day()+d, lf.Hour(), lf.Minute(), 0, 0, loc)
			if day.Format(time.DateOnly) >= got.In(loc).Format(time.DateOnly) {
				break
			}
			if r.CheckStart(day, loc) == nil {
				t.Fatalf("%s from %v: %v is on the rule before %v", text, from, day, got)
			}
		}
	}
	if got, ok := mustParse(t, "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29").FirstOnRule(time.Date(2025, 3, 1, 10, 0, 0, 0, helsinki), helsinki); !ok ||
		got.Format(time.DateOnly) != "2028-02-29" {
		t.Fatalf("next 29 February: %v %v", got, ok)
	}
}
