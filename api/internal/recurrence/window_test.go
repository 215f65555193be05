package recurrence

// An internal test: the Window's arithmetic path must equal the general
// period iterator exactly (ADR 0026).

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
)

var helsinkiZone = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Helsinki")
	if err != nil {
		panic(err)
	}
	return loc
}()

// randomRule is a canonicalisable RRULE, mostly of the fast shapes.
func randomRule(rng *rand.Rand) string {
	days := []string{"MO", "TU", "WE", "TH", "FR", "SA", "SU"}
	var parts []string
	switch rng.IntN(10) {
	case 0:
		return ""
	case 1, 2:
		parts = append(parts, "FREQ=DAILY")
	case 3:
		parts = append(parts, "FREQ=MONTHLY")
	case 4:
		parts = append(parts, "FREQ=YEARLY")
	default:
		parts = append(parts, "FREQ=WEEKLY")
		if rng.IntN(2) == 0 {
			parts = append(parts, "WKST="+days[rng.IntN(7)])
		}
	}
	if rng.IntN(3) == 0 {
		parts = append(parts, fmt.Sprintf("INTERVAL=%d", 1+rng.IntN(4)))
	}
	if strings.HasSuffix(parts[0], "DAILY") || strings.HasSuffix(parts[0], "WEEKLY") {
		if rng.IntN(2) == 0 {
			var by []string
			for _, d := range days {
				if rng.IntN(3) == 0 {
					by = append(by, d)
				}
			}
			if len(by) > 0 {
				parts = append(parts, "BYDAY="+strings.Join(by, ","))
			}
		}
		if rng.IntN(8) == 0 {
			parts = append(parts, "BYMONTH=3,10")
		}
	}
	switch rng.IntN(4) {
	case 0:
		parts = append(parts, fmt.Sprintf("COUNT=%d", 1+rng.IntN(60)))
	case 1:
		u := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, rng.IntN(900))
		switch rng.IntN(3) {
		case 0:
			parts = append(parts, "UNTIL="+u.Format("20060102"))
		case 1:
			parts = append(parts, "UNTIL="+u.Add(time.Duration(rng.IntN(86400))*time.Second).Format("20060102T150405Z"))
		default:
			parts = append(parts, "UNTIL="+u.Add(time.Duration(rng.IntN(86400))*time.Second).Format("20060102T150405"))
		}
	}
	return strings.Join(parts, ";")
}

// randomStart is a start in 2026-2027, often near a daylight-saving change
// and sometimes inside its gap or repeated hour.
func randomStart(rng *rand.Rand, loc *time.Location) time.Time {
	if rng.IntN(3) == 0 {
		dst := []time.Time{time.Date(2026, 3, 29, 3, 30, 0, 0, loc), time.Date(2026, 10, 25, 3, 30, 0, 0, loc),
			time.Date(2027, 3, 28, 3, 30, 0, 0, loc), time.Date(2027, 10, 31, 3, 0, 0, 0, loc)}
		t := dst[rng.IntN(len(dst))].Add(time.Duration(rng.IntN(16)-8) * 24 * time.Hour)
		return t.Add(time.Duration(rng.IntN(5)-2) * 30 * time.Minute)
	}
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, loc)
	return base.Add(time.Duration(rng.IntN(730*48)) * 30 * time.Minute).Add(time.Duration(rng.IntN(3)) * time.Microsecond)
}

func TestFastExpansionMatchesGeneral(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(7, 11))
	fast := 0
	for i := range 20000 {
		loc := helsinkiZone
		if i%10 == 0 {
			loc = time.UTC
		}
		rule := randomRule(rng)
		start := randomStart(rng, loc)
		dur := time.Duration(1+rng.IntN(14*24*4)) * 15 * time.Minute
		if rng.IntN(2) == 0 {
			dur = time.Duration(30+rng.IntN(180)) * time.Minute
		}
		from := randomStart(rng, loc)
		if rng.IntN(4) == 0 {
			from = start.Add(time.Duration(rng.IntN(200)-100) * 24 * time.Hour)
		}
		to := from.Add(time.Duration(1+rng.IntN(400*24)) * time.Hour)
		var r *Rule
		if rule != "" {
			var err error
			if r, err = Parse(rule); err != nil {
				continue
			}
		}
		var exdates []time.Time
		if r != nil && rng.IntN(3) == 0 {
			for _, o := range expandGeneral(r, start, dur, loc, nil, from, to) {
				if rng.IntN(3) == 0 {
					exdates = append(exdates, o.Start)
				}
			}
		}
		want := expandGeneral(r, start, dur, loc, exdates, from, to)
		if r != nil {
			if _, ok := r.arithmetic(); ok {
				fast++
			}
		}
		got := NewWindow(loc, from, to).expand(nil, r, start, dur, exdates)
		if !sameSpans(got, want) {
			t.Fatalf("rule %q start %s dur %s window [%s, %s) exdates %d:\n got %v\nwant %v", rule, start, dur, from, to,
				len(exdates), spansString(got), want)
		}
	}
	if fast < 5000 {
		t.Fatalf("only %d cases took the fast path", fast)
	}
}

func sameSpans(got []span, want []Occurrence) bool {
	return slices.EqualFunc(got, want, func(s span, o Occurrence) bool {
		return s.start == o.Start.UnixNano() && s.end == o.End.UnixNano()
	})
}

func spansString(ss []span) string {
	var b strings.Builder
	for _, s := range ss {
		fmt.Fprintf(&b, "%s ", time.Unix(0, s.start).In(helsinkiZone).Format(time.RFC3339))
	}
	return b.String()
}

// TestWallClockMatchesGeneral checks the remembered offsets and the rule
// near offset changes against the general iterator: a daily rule puts
// one occurrence on every day at the same wall-clock time, through every
// gap and repeated hour of 2026-2028 in Helsinki.
func TestWallClockMatchesGeneral(t *testing.T) {
	t.Parallel()
	daily, err := Parse("FREQ=DAILY")
	if err != nil {
		t.Fatal(err)
	}
	w := wallClock{loc: helsinkiZone}
	from, to := time.Date(2026, 1, 1, 0, 0, 0, 0, helsinkiZone), time.Date(2029, 1, 1, 0, 0, 0, 0, helsinkiZone)
	for sec := int64(0); sec < 86400; sec += 15 * 60 {
		start := time.Date(2025, 12, 31, 0, 0, 0, 0, helsinkiZone).Add(time.Duration(sec) * time.Second)
		occ := expandGeneral(daily, start, time.Minute, helsinkiZone, nil, from, to)
		day := civilDay(2026, 1, 1)
		if len(occ) != int(civilDay(2029, 1, 1)-day) {
			t.Fatalf("%d occurrences", len(occ))
		}
		for i, o := range occ {
			naive := (day+int64(i))*86400 + sec
			if got := w.instant(naive); got != o.Start.Unix() {
				t.Fatalf("%s: got %s want %s", time.Unix(naive, 0).UTC(), time.Unix(got, 0).In(helsinkiZone), o.Start)
			}
		}
	}
}

// FuzzFastExpansion: for any rule, start and window, the Window equals the
// general iterator.
func FuzzFastExpansion(f *testing.F) {
	f.Add("FREQ=WEEKLY;BYDAY=MO,TH;COUNT=10", int64(0), int64(3600), int64(0), int64(90*24))
	f.Add("FREQ=DAILY;INTERVAL=3;UNTIL=20270401", int64(800), int64(5400), int64(-30), int64(400*24))
	f.Fuzz(func(t *testing.T, rule string, startMin, durSec, fromDays, hours int64) {
		r, err := Parse(rule)
		if err != nil {
			return
		}
		start := time.Date(2027, 3, 1, 0, 0, 0, 0, helsinkiZone).Add(time.Duration(startMin%(2*366*24*60)) * time.Minute)
		dur := time.Duration(1+abs(durSec)%(14*24*3600)) * time.Second
		from := start.Add(time.Duration(fromDays%800) * 24 * time.Hour)
		to := from.Add(time.Duration(1+abs(hours)%(366*24)) * time.Hour)
		want := expandGeneral(r, start, dur, helsinkiZone, nil, from, to)
		if got := NewWindow(helsinkiZone, from, to).expand(nil, r, start, dur, nil); !sameSpans(got, want) {
			t.Fatalf("rule %q start %s: got %s want %v", rule, start, spansString(got), want)
		}
	})
}

func abs(n int64) int64 {
	if n < 0 {
		return -n
	}
	return n
}
