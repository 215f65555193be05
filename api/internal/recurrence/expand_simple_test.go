package recurrence

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"
)

// TestExpandSimpleMatchesGeneral holds the DAILY/WEEKLY fast path to the general iterator on random
// rules, starts (DST changes included) and windows.
func TestExpandSimpleMatchesGeneral(t *testing.T) {
	t.Parallel()
	zones := []string{"Europe/Helsinki", "UTC", "America/New_York", "Australia/Lord_Howe"}
	rng := rand.New(rand.NewPCG(7, 11))
	for i := range 20000 {
		loc, err := time.LoadLocation(zones[i%len(zones)])
		if err != nil {
			t.Fatal(err)
		}
		rule := simpleRandomRule(rng)
		r, err := Parse(rule)
		if err != nil {
			t.Fatalf("%s: %v", rule, err)
		}
		base := time.Date(2026, time.Month(1+rng.IntN(12)), 1+rng.IntN(28), rng.IntN(24), []int{0, 15, 30}[rng.IntN(3)], 0, 0, loc)
		start := base.Add(time.Duration(rng.IntN(3)) * time.Hour)
		dur := time.Duration(1+rng.IntN(48*4)) * 15 * time.Minute
		from := start.Add(time.Duration(rng.IntN(24*400)-24*30) * time.Hour)
		to := from.Add(time.Duration(1+rng.IntN(24*70)) * time.Hour)
		var ex []time.Time
		if rng.IntN(3) == 0 {
			for _, o := range expandGeneral(r, start, dur, loc, nil, start, start.AddDate(0, 3, 0)) {
				if rng.IntN(3) == 0 {
					ex = append(ex, o.Start)
				}
			}
		}
		got, ok := expandSimple(r, start, dur, loc, ex, from, to)
		if !ok {
			continue
		}
		want := expandGeneral(r, start, dur, loc, ex, from, to)
		if len(got) != len(want) {
			t.Fatalf("%s start %s window %s..%s: %d occurrences, want %d", rule, start, from, to, len(got), len(want))
		}
		for j := range got {
			if !got[j].Start.Equal(want[j].Start) || !got[j].End.Equal(want[j].End) {
				t.Fatalf("%s start %s: occurrence %d %s, want %s", rule, start, j, got[j].Start, want[j].Start)
			}
		}
	}
}

func simpleRandomRule(rng *rand.Rand) string {
	s := []string{"FREQ=WEEKLY", "FREQ=DAILY", "FREQ=MONTHLY"}[rng.IntN(3)]
	if rng.IntN(3) == 0 {
		s += fmt.Sprintf(";INTERVAL=%d", 1+rng.IntN(3))
	}
	switch rng.IntN(3) {
	case 0:
		s += fmt.Sprintf(";COUNT=%d", 1+rng.IntN(30))
	case 1:
		u := time.Date(2026, time.Month(1+rng.IntN(12)), 1+rng.IntN(28), rng.IntN(24), 0, 0, 0, time.UTC)
		s += ";UNTIL=" + []string{u.Format("20060102T150405Z"), u.Format("20060102T150405"), u.Format("20060102")}[rng.IntN(3)]
	}
	if rng.IntN(8) == 0 {
		s += ";BYDAY=MO,WE"
	}
	return s
}
