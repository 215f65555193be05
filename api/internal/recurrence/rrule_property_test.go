package recurrence_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/teambition/rrule-go"

	"kulttuurisilta/api/internal/recurrence"
)

// TestExpandMatchesIndependentRRULE holds recurrence to an independent
// RFC 5545 implementation, teambition/rrule-go (a port of python-dateutil,
// used in tests only), on random rules with BYDAY (plain and with
// ordinals), INTERVAL, WKST, COUNT, UNTIL and EXDATE, whose occurrences
// cross the daylight-saving changes of Europe/Helsinki: wall-clock times,
// times in the spring gap (moved forward by the gap) and in the repeated
// autumn hour (the first of the two instants) included.
//
// Where RFC 5545 leaves the result undefined the cases are shaped so that
// both agree: DTSTART is always an occurrence of its rule (recurrence counts
// DTSTART as the first occurrence, dateutil only when it matches), and
// UNTIL is given as a UTC instant (the date and floating forms are the
// calendar's own reading, ADR 0041). One difference is RFC 5545's and is
// corrected in the reference: a local time that occurs twice is "the first
// occurrence of the referenced time" (3.3.5), where rrule-go takes whatever
// Go's time.Date gives (the second).
func TestExpandMatchesIndependentRRULE(t *testing.T) {
	t.Parallel()
	loc, err := time.LoadLocation("Europe/Helsinki")
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(2026, 13))
	compared, withExdates, crossing := 0, 0, 0
	for i := range 4000 {
		rule := independentRandomRule(rng)
		// A provisional start near a change of offset (last Sunday of March or
		// October), at a wall-clock time that may fall in its gap or repeat.
		change := []time.Time{time.Date(2026, 3, 29, 0, 0, 0, 0, loc), time.Date(2026, 10, 25, 0, 0, 0, 0, loc),
			time.Date(2027, 3, 28, 0, 0, 0, 0, loc), time.Date(2027, 10, 31, 0, 0, 0, 0, loc)}[rng.IntN(4)]
		clock := []int{3*60 + 30, 3 * 60, 4 * 60, 14 * 60, 9*60 + 15, 23*60 + 45}[rng.IntN(6)]
		d := change.AddDate(0, 0, -rng.IntN(60))
		provisional := time.Date(d.Year(), d.Month(), d.Day(), clock/60, clock%60, 0, 0, loc)

		// Synchronise DTSTART with the rule: its first occurrence after the provisional start.
		probe, err := rrule.StrToROption(strings.Replace(rule, ";UNTIL=X", "", 1))
		if err != nil {
			t.Fatalf("%s: rrule-go: %v", rule, err)
		}
		probe.Count, probe.Dtstart = 0, provisional
		pr, err := rrule.NewRRule(*probe)
		if err != nil {
			t.Fatalf("%s: rrule-go: %v", rule, err)
		}
		first := pr.After(provisional, true)
		if first.IsZero() {
			continue
		}
		start := first
		if strings.Contains(rule, "UNTIL=X") {
			// UNTIL some months after the start, as a UTC instant, sometimes right at an occurrence.
			u := start.AddDate(0, rng.IntN(14), rng.IntN(28))
			if rng.IntN(3) > 0 {
				u = u.Add(time.Duration(rng.IntN(24*60)) * time.Minute)
			}
			rule = strings.Replace(rule, "UNTIL=X", "UNTIL="+u.UTC().Format("20060102T150405Z"), 1)
		}
		opt, err := rrule.StrToROption(rule)
		if err != nil {
			t.Fatalf("%s: rrule-go: %v", rule, err)
		}
		r, err := recurrence.Parse(rule)
		if err != nil {
			t.Fatalf("%s: %v", rule, err)
		}
		opt.Dtstart = start
		ref, err := rrule.NewRRule(*opt)
		if err != nil {
			t.Fatalf("%s: rrule-go: %v", rule, err)
		}
		set := &rrule.Set{}
		set.RRule(ref)
		from := start.AddDate(0, 0, rng.IntN(120)-10)
		to := from.AddDate(0, 1+rng.IntN(14), 0)

		// Exclude a few of the occurrences.
		var exdates []time.Time
		if rng.IntN(2) == 0 {
			for _, o := range ref.Between(start, to, true) {
				if rng.IntN(4) == 0 {
					exdates = append(exdates, firstOfRepeated(o, loc))
					set.ExDate(o)
				}
			}
			if len(exdates) > 0 {
				withExdates++
			}
		}

		var want []time.Time
		for _, o := range set.Between(from, to, true) {
			if o = firstOfRepeated(o, loc); o.Before(to) && !o.Before(from) {
				want = append(want, o)
			}
		}
		var got []time.Time
		for _, o := range recurrence.Expand(r, start, 0, loc, exdates, from, to) {
			got = append(got, o.Start)
		}
		if !slices.EqualFunc(got, want, time.Time.Equal) {
			k := 0
			for k < min(len(got), len(want)) && got[k].Equal(want[k]) {
				k++
			}
			t.Fatalf("case %d: %s DTSTART %s window [%s, %s) %d exdates: %d occurrences, want %d; from #%d:\n got  %s\n want %s",
				i, rule, start.Format(time.RFC3339), from.Format(time.DateOnly), to.Format(time.DateOnly), len(exdates),
				len(got), len(want), k, instants(got[k:min(len(got), k+4)], loc), instants(want[k:min(len(want), k+4)], loc))
		}
		if len(got) > 0 {
			_, o1 := got[0].Zone()
			_, o2 := got[len(got)-1].Zone()
			if o1 != o2 {
				crossing++
			}
		}
		compared++
	}
	if compared < 3200 || withExdates < 700 || crossing < 700 {
		t.Fatalf("too few telling cases: %d compared, %d with exdates, %d crossing a change of offset",
			compared, withExdates, crossing)
	}
}

// independentRandomRule is a rule of the shapes the calendar uses, with
// UNTIL=X standing for a UTC instant chosen once the start is known.
func independentRandomRule(rng *rand.Rand) string {
	days := []string{"MO", "TU", "WE", "TH", "FR", "SA", "SU"}
	// pick is a BYDAY list; with ordinals it is all ordinals or none (a
	// mix is valid but slows rrule-go down a hundredfold).
	pick := func(ordinals bool) string {
		ordinals = ordinals && rng.IntN(3) > 0
		var by []string
		for _, d := range days {
			if rng.IntN(3) == 0 {
				n := ""
				if ordinals {
					n = []string{"1", "2", "-1", "3", "-2"}[rng.IntN(5)]
				}
				by = append(by, n+d)
			}
		}
		if len(by) == 0 {
			by = append(by, days[rng.IntN(7)])
		}
		return strings.Join(by, ",")
	}
	var parts []string
	switch rng.IntN(8) {
	case 0, 1:
		parts = append(parts, "FREQ=DAILY")
		if rng.IntN(2) == 0 {
			parts = append(parts, "BYDAY="+pick(false))
		}
	case 2:
		parts = append(parts, "FREQ=MONTHLY", "BYDAY="+pick(true))
	case 3:
		parts = append(parts, "FREQ=YEARLY", "BYMONTH="+fmt.Sprint(1+rng.IntN(12)), "BYDAY="+pick(true))
	default:
		parts = append(parts, "FREQ=WEEKLY")
		if rng.IntN(4) != 0 {
			parts = append(parts, "BYDAY="+pick(false))
		}
		if rng.IntN(3) == 0 {
			parts = append(parts, "WKST="+days[rng.IntN(7)])
		}
	}
	if rng.IntN(3) == 0 {
		parts = append(parts, fmt.Sprintf("INTERVAL=%d", 1+rng.IntN(3)))
	}
	switch rng.IntN(3) {
	case 0:
		parts = append(parts, fmt.Sprintf("COUNT=%d", 1+rng.IntN(40)))
	case 1:
		parts = append(parts, "UNTIL=X")
	}
	return strings.Join(parts, ";")
}

// firstOfRepeated is the first instant of a local time that occurs twice
// (the autumn change repeats an hour).
func firstOfRepeated(t time.Time, loc *time.Location) time.Time {
	local := t.In(loc)
	earlier := local.Add(-time.Hour).In(loc)
	if earlier.Hour() == local.Hour() && earlier.Minute() == local.Minute() && earlier.Day() == local.Day() {
		return earlier
	}
	return t
}

func instants(ts []time.Time, loc *time.Location) string {
	var b strings.Builder
	for _, t := range ts {
		b.WriteString(t.In(loc).Format("2006-01-02T15:04Z07:00 "))
	}
	return b.String()
}
