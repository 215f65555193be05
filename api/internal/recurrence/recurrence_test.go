package recurrence_test

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"
	"time"

	"kulttuurisilta/api/internal/recurrence"
)

var helsinki = mustZone("Europe/Helsinki")

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

func mustParse(t testing.TB, s string) *recurrence.Rule {
	t.Helper()
	r, err := recurrence.Parse(s)
	if err != nil {
		t.Fatalf("Parse(%q): %v", s, err)
	}
	return r
}

func starts(occ []recurrence.Occurrence) []string {
	out := make([]string, len(occ))
	for i, o := range occ {
		out[i] = o.Start.Format(time.RFC3339)
	}
	return out
}

func TestParseCanonical(t *testing.T) {
	t.Parallel()
	cases := []struct{ in, want string }{
		{"FREQ=WEEKLY;BYDAY=TU;COUNT=10", "FREQ=WEEKLY;COUNT=10;BYDAY=TU"},
		{"RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=10", "FREQ=WEEKLY;COUNT=10;BYDAY=TU"},
		{"rrule:freq=weekly;byday=fr,mo,fr;interval=1", "FREQ=WEEKLY;BYDAY=MO,FR"},
		{" FREQ=MONTHLY;BYDAY=-1FR ", "FREQ=MONTHLY;BYDAY=-1FR"},
		{"FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1"},
		{"FREQ=YEARLY;BYMONTH=12,3,3;BYMONTHDAY=1", "FREQ=YEARLY;BYMONTH=3,12;BYMONTHDAY=1"},
		{"FREQ=DAILY;UNTIL=20250601T120000Z", "FREQ=DAILY;UNTIL=20250601T120000Z"},
		{"FREQ=DAILY;UNTIL=20250601", "FREQ=DAILY;UNTIL=20250601"},
		{"FREQ=WEEKLY;INTERVAL=2;WKST=SU;BYDAY=TU,SU", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,SU;WKST=SU"},
		{"FREQ=WEEKLY;WKST=MO", "FREQ=WEEKLY"},
	}
	for _, c := range cases {
		r := mustParse(t, c.in)
		if got := r.String(); got != c.want {
			t.Errorf("Parse(%q).String() = %q, want %q", c.in, got, c.want)
		}
		if again := mustParse(t, r.String()).String(); again != c.want {
			t.Errorf("round trip of %q gave %q", c.want, again)
		}
	}
}

func TestParseRejects(t *testing.T) {
	t.Parallel()
	bad := []string{
		"", "RRULE:", "FREQ", "FREQ=", "=WEEKLY", "FREQ=FORTNIGHTLY", "FREQ=HOURLY", "FREQ=MINUTELY", "FREQ=SECONDLY",
		"BYDAY=MO", "FREQ=WEEKLY;FREQ=DAILY", "FREQ=DAILY;COUNT=0", "FREQ=DAILY;COUNT=-1", "FREQ=DAILY;COUNT=1001",
		"FREQ=DAILY;COUNT=x", "FREQ=DAILY;INTERVAL=0", "FREQ=DAILY;INTERVAL=1001", "FREQ=DAILY;COUNT=3;UNTIL=20250101",
		"FREQ=DAILY;UNTIL=2025-01-01", "FREQ=DAILY;UNTIL=20251301", "FREQ=DAILY;UNTIL=18000101",
		"FREQ=WEEKLY;BYDAY=XX", "FREQ=WEEKLY;BYDAY=2TU", "FREQ=DAILY;BYDAY=-1FR", "FREQ=MONTHLY;BYDAY=6TU",
		"FREQ=MONTHLY;BYDAY=0TU", "FREQ=YEARLY;BYDAY=54MO", "FREQ=MONTHLY;BYMONTHDAY=0", "FREQ=MONTHLY;BYMONTHDAY=32",
		"FREQ=YEARLY;BYMONTH=13", "FREQ=YEARLY;BYMONTH=0", "FREQ=WEEKLY;BYMONTHDAY=3", "FREQ=MONTHLY;BYSETPOS=1",
		"FREQ=MONTHLY;BYDAY=MO;BYSETPOS=0", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30,31", "FREQ=YEARLY;BYWEEKNO=20",
		"FREQ=DAILY;BYHOUR=10", "FREQ=DAILY;X-NAME=1", "FREQ=DAILY;WKST=XX", "FREQ=DAILY;;", "FREQ=DAILY;COUNT=1;",
		"FREQ=DAILY;BYDAY=" + string(make([]byte, 600)),
	}
	for _, s := range bad {
		if r, err := recurrence.Parse(s); err == nil {
			t.Errorf("Parse(%q) = %v, want an error", s, r)
		} else if err.Error() == "" || len(err.Error()) > 200 {
			t.Errorf("Parse(%q) error %q is not a short sentence", s, err)
		}
	}
}

func TestExpandKnownRules(t *testing.T) {
	t.Parallel()
	at := func(s string) time.Time {
		v, err := time.ParseInLocation("2006-01-02T15:04", s, helsinki)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	cases := []struct {
		rule, start, from, to string
		want                  []string
	}{
		{"FREQ=WEEKLY;BYDAY=TU;COUNT=3", "2025-03-18T14:00", "2025-01-01T00:00", "2026-01-01T00:00",
			[]string{"2025-03-18T14:00:00+02:00", "2025-03-25T14:00:00+02:00", "2025-04-01T14:00:00+03:00"}},
		// the start is always the first occurrence and counts towards COUNT
		{"FREQ=MONTHLY;BYDAY=-1FR;COUNT=3", "2025-01-02T10:00", "2025-01-01T00:00", "2026-01-01T00:00",
			[]string{"2025-01-02T10:00:00+02:00", "2025-01-31T10:00:00+02:00", "2025-02-28T10:00:00+02:00"}},
		// last weekday of the month
		{"FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;COUNT=3", "2025-05-30T09:00", "2025-01-01T00:00", "2026-01-01T00:00",
			[]string{"2025-05-30T09:00:00+03:00", "2025-06-30T09:00:00+03:00", "2025-07-31T09:00:00+03:00"}},
		// 31st only in months that have one
		{"FREQ=MONTHLY;BYMONTHDAY=31;COUNT=3", "2025-01-31T12:00", "2025-01-01T00:00", "2026-01-01T00:00",
			[]string{"2025-01-31T12:00:00+02:00", "2025-03-31T12:00:00+03:00", "2025-05-31T12:00:00+03:00"}},
		// every other week on Tuesday and Thursday, until a date (inclusive)
		{"FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;UNTIL=20250313", "2025-02-11T18:00", "2025-01-01T00:00", "2026-01-01T00:00",
			[]string{"2025-02-11T18:00:00+02:00", "2025-02-13T18:00:00+02:00", "2025-02-25T18:00:00+02:00",
				"2025-02-27T18:00:00+02:00", "2025-03-11T18:00:00+02:00", "2025-03-13T18:00:00+02:00"}},
		// the window cuts an unbounded rule
		{"FREQ=DAILY", "2020-06-01T08:00", "2025-06-10T00:00", "2025-06-12T00:00",
			[]string{"2025-06-10T08:00:00+03:00", "2025-06-11T08:00:00+03:00"}},
		// yearly on the last Sunday of March: the DST day; 03:30 does not exist and moves to 04:30
		{"FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU;COUNT=2", "2025-03-30T03:30", "2025-01-01T00:00", "2027-01-01T00:00",
			[]string{"2025-03-30T04:30:00+03:00", "2026-03-29T04:30:00+03:00"}},
		// 29 February only in leap years
		{"FREQ=YEARLY", "2024-02-29T12:00", "2024-01-01T00:00", "2033-01-01T00:00",
			[]string{"2024-02-29T12:00:00+02:00", "2028-02-29T12:00:00+02:00", "2032-02-29T12:00:00+02:00"}},
	}
	for _, c := range cases {
		r := mustParse(t, c.rule)
		got := starts(recurrence.Expand(r, at(c.start), time.Hour, helsinki, nil, at(c.from), at(c.to)))
		if !slices.Equal(got, c.want) {
			t.Errorf("%s from %s:\n got %v\nwant %v", c.rule, c.start, got, c.want)
		}
	}
}

func TestExpandKeepsWallClockAcrossDST(t *testing.T) {
	t.Parallel()
	r := mustParse(t, "FREQ=WEEKLY;BYDAY=SU")
	start := time.Date(2025, 1, 5, 14, 0, 0, 0, helsinki)
	occ := recurrence.Expand(r, start, 90*time.Minute, helsinki, nil, start, start.AddDate(1, 0, 0))
	if len(occ) != 53 { // 5 January 2025 .. 4 January 2026
		t.Fatalf("got %d Sundays, want 53", len(occ))
	}
	offsets := map[int]bool{}
	for _, o := range occ {
		if o.Start.Hour() != 14 || o.Start.Minute() != 0 || o.Start.Weekday() != time.Sunday {
			t.Errorf("occurrence %v is not Sunday 14:00 local", o.Start)
		}
		if o.End.Sub(o.Start) != 90*time.Minute {
			t.Errorf("occurrence %v lasts %v", o.Start, o.End.Sub(o.Start))
		}
		_, off := o.Start.Zone()
		offsets[off] = true
	}
	if len(offsets) != 2 {
		t.Errorf("expected both winter and summer offsets, got %v", offsets)
	}
}

func TestExpandAmbiguousTakesFirst(t *testing.T) {
	t.Parallel()
	r := mustParse(t, "FREQ=DAILY;COUNT=3")
	start := time.Date(2025, 10, 25, 3, 30, 0, 0, helsinki) // 26 October 03:30 happens twice
	occ := recurrence.Expand(r, start, time.Hour, helsinki, nil, start, start.AddDate(0, 0, 5))
	want := []string{"2025-10-25T03:30:00+03:00", "2025-10-26T03:30:00+03:00", "2025-10-27T03:30:00+02:00"}
	if got := starts(occ); !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestExpandExdates(t *testing.T) {
	t.Parallel()
	r := mustParse(t, "FREQ=WEEKLY;COUNT=5")
	start := time.Date(2025, 9, 2, 10, 0, 0, 0, helsinki)
	from, to := start, start.AddDate(1, 0, 0)
	all := recurrence.Expand(r, start, time.Hour, helsinki, nil, from, to)
	if len(all) != 5 {
		t.Fatalf("got %d occurrences, want 5", len(all))
	}
	for i := range all {
		// an exdate given in another zone still matches the same instant
		ex := []time.Time{all[i].Start.UTC(), start.Add(time.Minute)}
		got := recurrence.Expand(r, start, time.Hour, helsinki, ex, from, to)
		want := slices.Delete(slices.Clone(all), i, i+1)
		if !slices.Equal(starts(got), starts(want)) {
			t.Errorf("excluding #%d: got %v, want %v (EXDATE must not extend COUNT)", i, starts(got), starts(want))
		}
	}
	single := recurrence.Expand(nil, start, time.Hour, helsinki, []time.Time{start}, from, to)
	if len(single) != 0 {
		t.Errorf("an excluded single occurrence is still listed: %v", single)
	}
}

func TestExpandWindowOverlap(t *testing.T) {
	t.Parallel()
	start := time.Date(2025, 5, 1, 22, 0, 0, 0, helsinki)
	// a single three-hour occurrence that ends inside the window is listed; one ending at from is not
	if got := recurrence.Expand(nil, start, 3*time.Hour, helsinki, nil, start.Add(time.Hour), start.Add(5*time.Hour)); len(got) != 1 {
		t.Errorf("overlapping occurrence missing: %v", got)
	}
	if got := recurrence.Expand(nil, start, 3*time.Hour, helsinki, nil, start.Add(3*time.Hour), start.Add(5*time.Hour)); len(got) != 0 {
		t.Errorf("occurrence ending at from listed: %v", got)
	}
	if got := recurrence.Expand(nil, start, 0, helsinki, nil, start, start.Add(time.Second)); len(got) != 1 {
		t.Errorf("zero-length occurrence at from missing: %v", got)
	}
	if got := recurrence.Expand(nil, start, time.Hour, helsinki, nil, start.Add(-time.Hour), start); len(got) != 0 {
		t.Errorf("occurrence at to listed: %v", got)
	}
	if got := recurrence.Expand(nil, start, time.Hour, helsinki, nil, start, start); got != nil {
		t.Errorf("empty window gave %v", got)
	}
	// a long daily rule starting years ago: an occurrence started the previous evening reaches into the window
	r := mustParse(t, "FREQ=DAILY")
	from := time.Date(2030, 1, 10, 0, 0, 0, 0, helsinki)
	got := recurrence.Expand(r, start, 3*time.Hour, helsinki, nil, from, from.Add(24*time.Hour))
	want := []string{"2030-01-09T22:00:00+02:00", "2030-01-10T22:00:00+02:00"}
	if !slices.Equal(starts(got), want) {
		t.Errorf("got %v, want %v", starts(got), want)
	}
}

// randomRule builds a valid rule from random parts.
func randomRule(rng *rand.Rand) string {
	freqs := []string{"DAILY", "WEEKLY", "MONTHLY", "YEARLY"}
	f := freqs[rng.IntN(4)]
	s := "FREQ=" + f
	if rng.IntN(2) == 0 {
		s += ";INTERVAL=" + strconv.Itoa(1+rng.IntN(4))
	}
	switch rng.IntN(3) {
	case 0:
		s += ";COUNT=" + strconv.Itoa(1+rng.IntN(60))
	case 1:
		s += ";UNTIL=" + time.Date(2025+rng.IntN(3), time.Month(1+rng.IntN(12)), 1+rng.IntN(28), 0, 0, 0, 0, time.UTC).Format("20060102T150405Z")
	}
	days := []string{"MO", "TU", "WE", "TH", "FR", "SA", "SU"}
	if rng.IntN(2) == 0 {
		d := days[rng.IntN(7)]
		if (f == "MONTHLY" || f == "YEARLY") && rng.IntN(2) == 0 {
			d = strconv.Itoa([]int{1, 2, 3, -1, -2}[rng.IntN(5)]) + d
		}
		s += ";BYDAY=" + d + "," + days[rng.IntN(7)]
	}
	if f != "WEEKLY" && rng.IntN(3) == 0 {
		s += ";BYMONTHDAY=" + strconv.Itoa([]int{1, 15, 28, 31, -1}[rng.IntN(5)])
	}
	if rng.IntN(4) == 0 {
		s += ";BYMONTH=" + strconv.Itoa(1+rng.IntN(12)) + "," + strconv.Itoa(1+rng.IntN(12))
	}
	return s
}

func TestExpandProperties(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(1, 2))
	zones := []*time.Location{helsinki, time.UTC, mustZone("America/New_York"), mustZone("Australia/Lord_Howe")}
	for i := range 400 {
		text := randomRule(rng)
		r, err := recurrence.Parse(text)
		if err != nil {
			continue // a random combination may never match a date
		}
		loc := zones[i%len(zones)]
		start := time.Date(2024, time.Month(1+rng.IntN(12)), 1+rng.IntN(28), rng.IntN(24), 15*rng.IntN(4), 0, 0, loc)
		dur := time.Duration(rng.IntN(48*4)) * 15 * time.Minute
		from := start.Add(time.Duration(rng.IntN(24*900)-24*30) * time.Hour)
		to := from.Add(time.Duration(1+rng.IntN(24*400)) * time.Hour)
		mid := from.Add(to.Sub(from) / 2)
		whole := recurrence.Expand(r, start, dur, loc, nil, from, to)
		checkWindow(t, text, whole, from, to)
		// the window can be split without losing or inventing occurrences
		union := append(recurrence.Expand(r, start, dur, loc, nil, from, mid), recurrence.Expand(r, start, dur, loc, nil, mid, to)...)
		slices.SortFunc(union, func(a, b recurrence.Occurrence) int { return a.Start.Compare(b.Start) })
		union = slices.CompactFunc(union, func(a, b recurrence.Occurrence) bool { return a.Start.Equal(b.Start) })
		if !slices.Equal(starts(whole), starts(union)) {
			t.Fatalf("%s start %v: window [%v,%v) differs from its halves:\n%v\n%v", text, start, from, to, starts(whole), starts(union))
		}
		// skipping ahead to a late window agrees with expanding from the start
		all := recurrence.Expand(r, start, dur, loc, nil, start, to)
		var filtered []recurrence.Occurrence
		for _, o := range all {
			if o.Start.Before(to) && (o.End.After(from) || !o.Start.Before(from)) {
				filtered = append(filtered, o)
			}
		}
		if len(all) < recurrence.MaxOccurrences && !slices.Equal(starts(whole), starts(filtered)) {
			t.Fatalf("%s start %v: window [%v,%v) %v, full expansion gives %v", text, start, from, to, starts(whole), starts(filtered))
		}
		// every occurrence keeps the start's wall-clock time unless that time does not exist that day
		ls := start.In(loc)
		for _, o := range all {
			if o.Start.Hour() != ls.Hour() || o.Start.Minute() != ls.Minute() {
				if back := o.Start.Add(-time.Hour); back.Hour() != ls.Hour() && o.Start.Add(-30*time.Minute).Hour() != ls.Hour() {
					t.Fatalf("%s: occurrence %v drifted from %02d:%02d", text, o.Start, ls.Hour(), ls.Minute())
				}
			}
			if o.End.Sub(o.Start) != dur {
				t.Fatalf("%s: duration changed", text)
			}
		}
		// COUNT and UNTIL bound the series, and Until() names its last start
		if r.Count > 0 || r.Until != nil {
			last, ok := recurrence.Until(r, start, loc)
			if !ok {
				t.Fatalf("%s: Until not ok for a bounded rule", text)
			}
			full := recurrence.Expand(r, start, dur, loc, nil, start, last.Add(time.Second))
			if r.Count > 0 && len(full) > r.Count {
				t.Fatalf("%s: %d occurrences, want COUNT=%d", text, len(full), r.Count)
			}
			if len(full) > 0 && full[len(full)-1].Start.After(last) {
				t.Fatalf("%s: occurrence %v after Until %v", text, full[len(full)-1].Start, last)
			}
			if r.Count > 0 && len(full) == r.Count && !full[len(full)-1].Start.Equal(last) {
				t.Fatalf("%s: last occurrence %v, Until says %v", text, full[len(full)-1].Start, last)
			}
			later := recurrence.Expand(r, start, dur, loc, nil, last.Add(time.Second), last.AddDate(3, 0, 0))
			for _, o := range later {
				if o.Start.After(last) {
					t.Fatalf("%s: occurrence %v after Until %v", text, o.Start, last)
				}
			}
		} else if _, ok := recurrence.Until(r, start, loc); ok {
			t.Fatalf("%s: Until ok for an unbounded rule", text)
		}
	}
}

func checkWindow(t testing.TB, rule string, occ []recurrence.Occurrence, from, to time.Time) {
	t.Helper()
	if len(occ) > recurrence.MaxOccurrences {
		t.Fatalf("%s: %d occurrences exceed the cap", rule, len(occ))
	}
	for i, o := range occ {
		if !o.Start.Before(to) || (!o.End.After(from) && o.Start.Before(from)) {
			t.Fatalf("%s: occurrence %v–%v outside [%v,%v)", rule, o.Start, o.End, from, to)
		}
		if o.End.Before(o.Start) {
			t.Fatalf("%s: occurrence ends before it starts", rule)
		}
		if i > 0 && !occ[i-1].Start.Before(o.Start) {
			t.Fatalf("%s: occurrences not strictly sorted at %d: %v, %v", rule, i, occ[i-1].Start, o.Start)
		}
	}
}

func TestExpandPathologicalIsBounded(t *testing.T) {
	t.Parallel()
	start := time.Date(1900, 1, 1, 12, 0, 0, 0, helsinki)
	end := time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, s := range []string{
		"FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29",
		"FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29;COUNT=1000",
		"FREQ=DAILY",
		"FREQ=YEARLY;BYDAY=MO,TU,WE,TH,FR,SA,SU",
		"FREQ=MONTHLY;BYMONTHDAY=31;BYMONTH=2,4",
		"FREQ=WEEKLY;INTERVAL=1000;BYDAY=MO",
	} {
		r, err := recurrence.Parse(s)
		if err != nil {
			continue
		}
		occ := recurrence.Expand(r, start, time.Hour, helsinki, nil, start.AddDate(-100, 0, 0), end)
		checkWindow(t, s, occ, start.AddDate(-100, 0, 0), end)
		recurrence.Until(r, start, helsinki)
	}
	// a huge window far from the start
	r := mustParse(t, "FREQ=DAILY")
	occ := recurrence.Expand(r, start, time.Hour, helsinki, nil, time.Date(5000, 1, 1, 0, 0, 0, 0, time.UTC), end)
	if len(occ) != recurrence.MaxOccurrences {
		t.Errorf("got %d, want the cap %d", len(occ), recurrence.MaxOccurrences)
	}
}

func TestICalStringUntilUTC(t *testing.T) {
	t.Parallel()
	r := mustParse(t, "FREQ=DAILY;UNTIL=20250601")
	if got, want := r.ICalString(helsinki), "FREQ=DAILY;UNTIL=20250601T205959Z"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	r = mustParse(t, "FREQ=DAILY;UNTIL=20250601T120000")
	if got, want := r.ICalString(helsinki), "FREQ=DAILY;UNTIL=20250601T090000Z"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"FREQ=WEEKLY;BYDAY=TU;COUNT=10", "RRULE:FREQ=MONTHLY;BYDAY=-1FR", "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
		"FREQ=DAILY;UNTIL=20250101T000000Z", "FREQ=MONTHLY;BYDAY=MO,TU;BYSETPOS=1,-1", "FREQ=WEEKLY;INTERVAL=2;WKST=SU"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := recurrence.Parse(s)
		if err != nil {
			return
		}
		c := r.String()
		r2, err := recurrence.Parse(c)
		if err != nil {
			t.Fatalf("canonical %q of %q does not parse: %v", c, s, err)
		}
		if r2.String() != c {
			t.Fatalf("canonical form unstable: %q -> %q", c, r2.String())
		}
	})
}

func FuzzExpand(f *testing.F) {
	f.Add("FREQ=WEEKLY;BYDAY=TU;COUNT=10", int64(1735725600), int64(3600), int64(0), int64(86400*365))
	f.Add("FREQ=DAILY", int64(0), int64(60), int64(86400*9000), int64(86400*30))
	f.Add("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", int64(-2208988800), int64(0), int64(0), int64(86400*365*300))
	f.Fuzz(func(t *testing.T, s string, startUnix, durSec, fromOff, span int64) {
		r, err := recurrence.Parse(s)
		if err != nil {
			r = nil
		}
		// keep times in the range the API accepts
		clamp := func(v, lo, hi int64) int64 { return max(lo, min(hi, v)) }
		start := time.Unix(clamp(startUnix, -2208988800, 7258118400), 0)
		dur := time.Duration(clamp(durSec, 0, 86400*30)) * time.Second
		from := start.Add(time.Duration(clamp(fromOff, -86400*365*50, 86400*365*50)) * time.Second)
		to := from.Add(time.Duration(clamp(span, 0, 86400*365*50)) * time.Second)
		occ := recurrence.Expand(r, start, dur, helsinki, []time.Time{start.Add(7 * 24 * time.Hour)}, from, to)
		checkWindow(t, s, occ, from, to)
		recurrence.Until(r, start, helsinki)
	})
}
