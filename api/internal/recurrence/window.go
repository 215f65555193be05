package recurrence

import (
	"time"
)

// The calendar expands thousands of activities per request, so a Window
// expands the common rules (DAILY and WEEKLY, with or without BYDAY,
// INTERVAL, COUNT or UNTIL, no BYMONTH/BYMONTHDAY/BYSETPOS) by day
// arithmetic with no allocation, and every other rule by the general period
// iterator (expand.go). Both give exactly the same occurrences
// (TestFastExpansionMatchesGeneral holds them equal, DST changes included):
// wall-clock time in the zone, DTSTART first and counted, a spring-gap time
// read with the offset before the gap, an ambiguous autumn time at its
// first instant (ADR 0041).

// span is one occurrence's original start and end, as Unix nanoseconds.
type span struct{ start, end int64 }

// Window limits: a Window carries occurrences as Unix nanoseconds, which
// cover 1678-2262, so its range is clamped to [windowMin, windowMax) (times
// the API accepts are 1990-2199, ADR 0025).
var (
	windowMin = time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)
	windowMax = time.Date(2260, 1, 1, 0, 0, 0, 0, time.UTC)
)

// Window expands series into one window [from, to) of one zone. It
// remembers parsed rules and the zone's offsets, so one Window serves every
// series of a request; it is not safe for concurrent use.
type Window struct {
	loc        *time.Location
	from, to   int64 // the window, Unix ns
	lastDay    int64 // civil day after which no period is looked at (the day after to, in loc)
	minDay     int64 // civil days before this cannot reach the window (no instant is computed for them)
	clock      wallClock
	rules      map[string]*Rule
	fromT, toT time.Time
	spans      []span // scratch
}

// NewWindow is a window [from, to) in loc (nil: UTC), clamped to 1900-2259.
func NewWindow(loc *time.Location, from, to time.Time) *Window {
	if loc == nil {
		loc = time.UTC
	}
	from, to = clamp(from), clamp(to)
	if to.Before(from) {
		to = from
	}
	lt := to.In(loc)
	lf := from.In(loc)
	return &Window{loc: loc, from: from.UnixNano(), to: to.UnixNano(), fromT: from, toT: to,
		lastDay: civilDay(lt.Year(), lt.Month(), lt.Day()) + 1,
		minDay:  civilDay(lf.Year(), lf.Month(), lf.Day()) - 17, // longest occurrence 14 days, plus margin
		clock:   wallClock{loc: loc}, rules: map[string]*Rule{}}
}

func clamp(t time.Time) time.Time {
	switch {
	case t.Before(windowMin):
		return windowMin
	case t.After(windowMax):
		return windowMax
	}
	return t
}

// inRange reports whether [from, to) needs no clamping.
func inRange(from, to time.Time) bool {
	return !from.Before(windowMin) && !to.After(windowMax)
}

// Empty reports whether the window holds no time at all.
func (x *Window) Empty() bool { return x.to <= x.from }

// From and To are the window's bounds (after clamping).
func (x *Window) From() time.Time { return x.fromT }

// To is the window's end (exclusive).
func (x *Window) To() time.Time { return x.toT }

// Rule parses a canonical rule once per window; "" is no rule (nil).
func (x *Window) Rule(s string) (*Rule, error) {
	if s == "" {
		return nil, nil
	}
	if r, ok := x.rules[s]; ok {
		return r, nil
	}
	r, err := Parse(s)
	if err != nil {
		return nil, err
	}
	x.rules[s] = r
	return r, nil
}

// arithmetic reports whether r is expanded by day arithmetic, and its BYDAY
// weekdays (bit = time.Weekday; 0: the start's weekday for WEEKLY, every
// day for DAILY).
func (r *Rule) arithmetic() (mask uint8, ok bool) {
	if (r.Freq != Daily && r.Freq != Weekly) || len(r.ByMonth) > 0 || len(r.ByMonthDay) > 0 || len(r.BySetPos) > 0 ||
		r.Interval < 1 {
		return 0, false
	}
	for _, d := range r.ByDay {
		if d.N != 0 {
			return 0, false
		}
		mask |= 1 << uint(d.Day)
	}
	return mask, true
}

// expand appends to dst the occurrences overlapping the window of a series
// starting at start, lasting dur, repeating by r (nil: once), without those
// whose original start is in exdates, sorted by start (what expandGeneral
// gives for the same window).
func (x *Window) expand(dst []span, r *Rule, start time.Time, dur time.Duration, exdates []time.Time) []span {
	if dur < 0 {
		dur = 0
	}
	s0, d := start.UnixNano(), int64(dur)
	if r == nil { // once; as in expandGeneral, an instant event at the window's start is in it
		if s0 < x.to && (s0+d > x.from || s0 >= x.from) && !isExdate(exdates, s0) {
			dst = append(dst, span{s0, s0 + d})
		}
		return dst
	}
	if x.Empty() {
		return dst
	}
	if mask, ok := r.arithmetic(); ok {
		return x.expandFast(dst, r, mask, start, d, exdates)
	}
	for _, o := range expandGeneral(r, start, dur, x.loc, exdates, x.fromT, x.toT) {
		dst = append(dst, span{o.Start.UnixNano(), o.End.UnixNano()})
	}
	return dst
}

func (x *Window) expandFast(dst []span, r *Rule, mask uint8, start time.Time, dur int64, exdates []time.Time) []span {
	n0 := len(dst)
	s0 := start.UnixNano()
	earliest := x.from - dur
	// emit mirrors expandGeneral's: false once MaxOccurrences are out.
	emit := func(s int64) bool {
		if isExdate(exdates, s) {
			return true
		}
		if e := s + dur; s < x.to && (e > x.from || s >= x.from) {
			dst = append(dst, span{s, e})
		}
		return len(dst)-n0 < MaxOccurrences
	}
	ls := start.In(x.loc)
	startDay := civilDay(ls.Year(), ls.Month(), ls.Day())
	secOfDay := int64(ls.Hour()*3600 + ls.Minute()*60 + ls.Second())
	nsec := int64(ls.Nanosecond())
	var until int64
	hasUntil := r.Until != nil
	if hasUntil {
		u, _ := Until(r, start, x.loc) // the UNTIL instant, or start when UNTIL is before it
		// An UNTIL past the window bounds nothing here; clamping it also keeps
		// far-future years (UNTIL=70000101) inside int64 nanoseconds.
		if end := x.toT; u.After(end) {
			u = end
		}
		until = u.UnixNano()
	}
	step := int64(r.Interval)
	ws0 := startDay // first day of period 0
	if r.Freq == Weekly {
		if mask == 0 {
			mask = 1 << uint(weekdayOf(startDay))
		}
		ws0 = startDay - int64((int(weekdayOf(startDay))-int(r.Wkst)+7)%7)
		step *= 7
	} else if mask == 0 {
		mask = 0x7f
	}
	width := int64(1) // days in a period
	if r.Freq == Weekly {
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
		// period just before it (as the general iterator does), the start is out.
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

// wallClock turns wall-clock times of the zone (as "naive" Unix seconds:
// the wall-clock fields read as if UTC) into instants, with localInstant's
// rule: the offset in force 36 hours before and after is tried; a time in a
// spring gap is read with the earlier offset, an ambiguous one takes its
// first instant. Away from offset changes this is naive minus the one
// offset, which it remembers per zone period.
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

// exactInstant is localInstant's wall-clock rule near an offset change.
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
