package calendar

import (
	"time"

	"kulttuurisilta/api/internal/recurrence"
)

// The calendar's hot path expands thousands of activities per request. The
// common rules (DAILY and WEEKLY, with or without BYDAY, INTERVAL, COUNT or
// UNTIL, no BYMONTH/BYMONTHDAY/BYSETPOS) are expanded here by day
// arithmetic with no allocation; every other rule goes through
// recurrence.Expand. Both give exactly the same occurrences (the property
// test TestFastExpansionMatchesRecurrence holds this to recurrence.Expand,
// DST changes included): wall-clock time in the calendar zone, DTSTART
// first and counted, a spring-gap time read with the offset before the gap,
// an ambiguous autumn time at its first instant (ADR 0041).

// span is one occurrence's original start and end, as Unix nanoseconds.
type span struct{ start, end int64 }

// Window limits: occurrences are carried as Unix nanoseconds, which cover
// 1678-2262; a window is clamped to [windowMin, windowMax) (times the API
// accepts are 1990-2199, ADR 0025).
var (
	windowMin = time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)
	windowMax = time.Date(2260, 1, 1, 0, 0, 0, 0, time.UTC)
)

// expander expands activities into one window [from, to).
type expander struct {
	loc      *time.Location
	from, to int64 // the window, Unix ns
	lastDay  int64 // civil day after which no period is looked at (the day after to, in loc)
	minDay   int64 // civil days before this cannot reach the window (no instant is computed for them)
	clock    wallClock
	rules    map[string]*fastRule
}

// fastRule is a parsed rule and, when the arithmetic path applies, its shape.
type fastRule struct {
	rule *recurrence.Rule
	fast bool
	mask uint8 // BYDAY weekdays (bit = time.Weekday); 0: the start's weekday (WEEKLY) or every day (DAILY)
}

func newExpander(loc *time.Location, from, to time.Time) *expander {
	lt := to.In(loc)
	lf := from.In(loc)
	return &expander{loc: loc, from: from.UnixNano(), to: to.UnixNano(),
		lastDay: civilDay(lt.Year(), lt.Month(), lt.Day()) + 1,
		minDay:  civilDay(lf.Year(), lf.Month(), lf.Day()) - 17, // longest occurrence 14 days, plus margin
		clock:   wallClock{loc: loc}, rules: map[string]*fastRule{}}
}

// rule parses (once per request) and classifies a canonical rule; nil for "".
func (x *expander) rule(s string) (*fastRule, error) {
	if s == "" {
		return nil, nil
	}
	if r, ok := x.rules[s]; ok {
		return r, nil
	}
	r, err := recurrence.Parse(s)
	if err != nil {
		return nil, err
	}
	fr := &fastRule{rule: r}
	fr.fast = (r.Freq == recurrence.Daily || r.Freq == recurrence.Weekly) && len(r.ByMonth) == 0 &&
		len(r.ByMonthDay) == 0 && len(r.BySetPos) == 0 && r.Interval >= 1
	for _, d := range r.ByDay {
		if d.N != 0 {
			fr.fast = false
		}
		fr.mask |= 1 << uint(d.Day)
	}
	x.rules[s] = fr
	return fr, nil
}

// expand appends to dst the occurrences overlapping the window of an
// activity starting at start, lasting dur, repeating by fr (nil: once),
// without those whose original start is in exdates. It equals
// recurrence.Expand (sorted by start).
func (x *expander) expand(dst []span, fr *fastRule, start time.Time, dur time.Duration, exdates []time.Time) []span {
	if dur < 0 {
		dur = 0
	}
	s0, d := start.UnixNano(), int64(dur)
	if fr == nil {
		if s0 < x.to && s0+d > x.from && !isExdate(exdates, s0) {
			dst = append(dst, span{s0, s0 + d})
		}
		return dst
	}
	if !fr.fast {
		for _, o := range recurrence.Expand(fr.rule, start, dur, x.loc, exdates, time.Unix(0, x.from), time.Unix(0, x.to)) {
			dst = append(dst, span{o.Start.UnixNano(), o.End.UnixNano()})
		}
		return dst
	}
	return x.expandFast(dst, fr, start, d, exdates)
}

func (x *expander) expandFast(dst []span, fr *fastRule, start time.Time, dur int64, exdates []time.Time) []span {
	r := fr.rule
	n0 := len(dst)
	s0 := start.UnixNano()
	earliest := x.from - dur
	// emit mirrors recurrence.Expand's: false once MaxOccurrences are out.
	emit := func(s int64) bool {
		if isExdate(exdates, s) {
			return true
		}
		if e := s + dur; s < x.to && (e > x.from || s >= x.from) {
			dst = append(dst, span{s, e})
		}
		return len(dst)-n0 < recurrence.MaxOccurrences
	}
	ls := start.In(x.loc)
	startDay := civilDay(ls.Year(), ls.Month(), ls.Day())
	secOfDay := int64(ls.Hour()*3600 + ls.Minute()*60 + ls.Second())
	nsec := int64(ls.Nanosecond())
	var until int64
	hasUntil := r.Until != nil
	if hasUntil {
		u, _ := recurrence.Until(r, start, x.loc) // the UNTIL instant, or start when UNTIL is before it
		// An UNTIL past the window bounds nothing here; clamping it also keeps
		// far-future years (UNTIL=70000101) inside int64 nanoseconds.
		if end := time.Unix(0, x.to); u.After(end) {
			u = end
		}
		until = u.UnixNano()
	}
	step := int64(r.Interval)
	mask := fr.mask
	ws0 := startDay // first day of period 0
	if r.Freq == recurrence.Weekly {
		if mask == 0 {
			mask = 1 << uint(weekdayOf(startDay))
		}
		ws0 = startDay - int64((int(weekdayOf(startDay))-int(r.Wkst)+7)%7)
		step *= 7
	} else if mask == 0 {
		mask = 0x7f
	}
	width := int64(1) // days in a period
	if r.Freq == recurrence.Weekly {
		width = 7
	}
	minDay := x.minDay
	if dur > int64(15*24*time.Hour) {
		minDay = -1 << 62 // longer than activities may last: compute every instant
	}
	counted := 0
	period := int64(0)
	if r.Count == 0 && earliest > s0 {
		// Without COUNT nothing before the window matters: jump to the
		// period just before it (as recurrence does), the start is out.
		le := time.Unix(0, earliest).In(x.loc).AddDate(0, 0, -2)
		k := (civilDay(le.Year(), le.Month(), le.Day()) - ws0) / width / int64(r.Interval)
		period = max(0, min(k, 1<<30))
	} else {
		counted = 1 // DTSTART is the first occurrence and counts
		if !emit(s0) {
			return dst
		}
	}
	for ; ; period++ {
		first := ws0 + period*step
		if first > x.lastDay {
			return dst
		}
		for day := first; day < first+width; day++ {
			if mask&(1<<uint(weekdayOf(day))) == 0 || day <= startDay {
				continue // not a rule day, or not after DTSTART (already out)
			}
			if r.Count > 0 {
				if counted >= r.Count {
					return dst
				}
				counted++
			}
			if day < minDay {
				continue // too early to reach the window (and UNTIL only ends it later)
			}
			t := x.clock.instant(day*86400+secOfDay)*1e9 + nsec
			if hasUntil && t > until {
				return dst
			}
			if !emit(t) {
				return dst
			}
		}
	}
}

func isExdate(exdates []time.Time, ns int64) bool {
	for _, e := range exdates {
		if e.UnixNano() == ns {
			return true
		}
	}
	return false
}

// civilDay numbers a calendar date: days since 1970-01-01.
func civilDay(y int, m time.Month, d int) int64 {
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400
}

// weekdayOf is the weekday of a civil day (1970-01-01 was a Thursday).
func weekdayOf(day int64) time.Weekday {
	return time.Weekday(((day % 7) + 7 + 4) % 7)
}

// wallClock turns wall-clock times of the calendar zone (as "naive" Unix
// seconds: the wall-clock fields read as if UTC) into instants, with
// recurrence's rule: the offset in force 36 hours before and after is
// tried; a time in a spring gap is read with the earlier offset, an
// ambiguous one takes its first instant. Away from offset changes this is
// naive minus the one offset, which it remembers per zone period.
type wallClock struct {
	loc   *time.Location
	known []offsetRange
}

// offsetRange: naive times in [lo, hi) are more than 36 hours from any
// offset change, so their instant is naive - off.
type offsetRange struct{ lo, hi, off int64 }

const changeMargin = 36 * 3600

func (w *wallClock) instant(naive int64) int64 {
	for _, r := range w.known {
		if naive >= r.lo && naive < r.hi {
			return naive - r.off
		}
	}
	t := time.Unix(naive, 0).In(w.loc)
	_, off := t.Zone()
	lo, hi := int64(-1<<62), int64(1<<62)
	zs, ze := t.ZoneBounds()
	if !zs.IsZero() {
		lo = zs.Unix() + changeMargin
	}
	if !ze.IsZero() {
		hi = ze.Unix() - changeMargin
	}
	if naive >= lo && naive < hi {
		if len(w.known) < 8 {
			w.known = append(w.known, offsetRange{lo, hi, int64(off)})
		}
		return naive - int64(off)
	}
	return exactInstant(naive, w.loc)
}

// exactInstant is recurrence's wall-clock rule near an offset change.
func exactInstant(naive int64, loc *time.Location) int64 {
	n := time.Unix(naive, 0)
	_, before := n.Add(-changeMargin * time.Second).In(loc).Zone()
	_, after := n.Add(changeMargin * time.Second).In(loc).Zone()
	best, found := int64(0), false
	for _, off := range [2]int{before, after} {
		t := naive - int64(off)
		if _, got := time.Unix(t, 0).In(loc).Zone(); got == off && (!found || t < best) {
			best, found = t, true
		}
	}
	if !found {
		best = naive - int64(before)
	}
	return best
}
