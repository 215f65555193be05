package report

import (
	"time"

	"kulttuurisilta/api/internal/recurrence"
)

// expandFast is recurrence.Expand for the common rules — DAILY or WEEKLY with INTERVAL and COUNT or
// UNTIL, but no BYDAY, BYMONTH, BYMONTHDAY or BYSETPOS — by day arithmetic, without recurrence's
// general period iterator (which walks every period from DTSTART for a COUNT rule). ok is false for other
// rules. It follows recurrence's rules exactly (TestExpandFastMatchesRecurrence): DTSTART is the first
// occurrence and counts; later occurrences are the wall-clock time of DTSTART on every step-th day in loc
// (a spring-gap time read with the offset before the gap, an ambiguous one at its first instant); an
// exdate still counts towards COUNT; UNTIL ends the series (DTSTART itself always stays).
func expandFast(r *recurrence.Rule, start time.Time, dur time.Duration, loc *time.Location, exdates []time.Time,
	from, to time.Time, dst []recurrence.Occurrence) ([]recurrence.Occurrence, bool) {
	if r == nil || (r.Freq != recurrence.Daily && r.Freq != recurrence.Weekly) || r.Interval < 1 ||
		len(r.ByDay) > 0 || len(r.ByMonth) > 0 || len(r.ByMonthDay) > 0 || len(r.BySetPos) > 0 {
		return dst, false
	}
	if loc == nil {
		loc = time.UTC
	}
	dur = max(dur, 0)
	if !to.After(from) {
		return dst, true
	}
	step := r.Interval
	if r.Freq == recurrence.Weekly {
		step *= 7
	}
	ls := start.In(loc)
	sy, sm, sd := ls.Date()
	h, mi, sec, ns := ls.Hour(), ls.Minute(), ls.Second(), ls.Nanosecond()
	startDay := dayNumber(sy, sm, sd)
	lt := to.In(loc)
	lastDay := dayNumber(lt.Year(), lt.Month(), lt.Day()) + 1
	var until time.Time
	if r.Until != nil {
		until = untilInstant(r, loc)
	}
	n0 := len(dst)
	emit := func(s time.Time) bool {
		for _, e := range exdates {
			if e.Equal(s) {
				return true
			}
		}
		if e := s.Add(dur); s.Before(to) && (e.After(from) || !s.Before(from)) {
			dst = append(dst, recurrence.Occurrence{Start: s, End: e})
		}
		return len(dst)-n0 < recurrence.MaxOccurrences
	}
	emitted := 0
	k := int64(1)
	if earliest := from.Add(-dur); r.Count == 0 && earliest.After(start) {
		// Without COUNT nothing before the window matters: start a step or more before it.
		le := earliest.In(loc).AddDate(0, 0, -2)
		k = max(1, (dayNumber(le.Year(), le.Month(), le.Day())-startDay)/int64(step))
	} else {
		if r.Count > 0 {
			emitted++
		}
		if !emit(start) {
			return dst, true
		}
	}
	for ; ; k++ {
		day := startDay + k*int64(step)
		if day > lastDay {
			break
		}
		y, m, d := civilDate(day)
		t := localInstant(y, m, d, h, mi, sec, ns, loc)
		if r.Until != nil && t.After(until) {
			break
		}
		if r.Count > 0 {
			if emitted >= r.Count {
				break
			}
			emitted++
		}
		if !emit(t) {
			break
		}
	}
	return dst, true
}

// dayNumber is the civil day number (days since 1970-01-01) of a date.
func dayNumber(y int, m time.Month, d int) int64 {
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400
}

func civilDate(day int64) (int, time.Month, int) {
	return time.Unix(day*86400, 0).UTC().Date()
}

// untilInstant is recurrence's reading of UNTIL: an instant, or wall-clock fields in loc (a bare date
// through the end of that day).
func untilInstant(r *recurrence.Rule, loc *time.Location) time.Time {
	u := *r.Until
	switch {
	case r.UntilUTC:
		return u
	case r.UntilDate:
		return localInstant(u.Year(), u.Month(), u.Day(), 23, 59, 59, 999999999, loc)
	default:
		return localInstant(u.Year(), u.Month(), u.Day(), u.Hour(), u.Minute(), u.Second(), 0, loc)
	}
}

// localInstant is recurrence's wall-clock rule: the offsets in force 36 hours before and after are tried;
// a time in a spring gap is read with the earlier offset, an ambiguous one takes its first instant.
func localInstant(y int, mo time.Month, d, h, mi, s, ns int, loc *time.Location) time.Time {
	naive := time.Date(y, mo, d, h, mi, s, ns, time.UTC)
	_, before := naive.Add(-36 * time.Hour).In(loc).Zone()
	_, after := naive.Add(36 * time.Hour).In(loc).Zone()
	if before == after {
		if t := naive.Add(-time.Duration(before) * time.Second); func() bool { _, o := t.In(loc).Zone(); return o == before }() {
			return t
		}
	}
	var best time.Time
	for _, off := range []int{before, after} {
		t := naive.Add(-time.Duration(off) * time.Second)
		if _, got := t.In(loc).Zone(); got == off && (best.IsZero() || t.Before(best)) {
			best = t
		}
	}
	if best.IsZero() {
		best = naive.Add(-time.Duration(before) * time.Second)
	}
	return best
}
