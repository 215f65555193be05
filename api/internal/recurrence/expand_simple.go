package recurrence

import "time"

// expandSimple is Expand for the common rules — DAILY or WEEKLY with INTERVAL and COUNT or
// UNTIL, but no BYDAY, BYMONTH, BYMONTHDAY or BYSETPOS — by day arithmetic, without recurrence's
// general period iterator (which walks every period from DTSTART for a COUNT rule). ok is false for other
// rules. It follows the general iterator exactly (TestExpandSimpleMatchesGeneral): DTSTART is the first
// occurrence and counts; later occurrences are the wall-clock time of DTSTART on every step-th day in loc
// (a spring-gap time read with the offset before the gap, an ambiguous one at its first instant); an
// exdate still counts towards COUNT; UNTIL ends the series (DTSTART itself always stays).
func expandSimple(r *Rule, start time.Time, dur time.Duration, loc *time.Location, exdates []time.Time,
	from, to time.Time) ([]Occurrence, bool) {
	var dst []Occurrence
	if r == nil || (r.Freq != Daily && r.Freq != Weekly) || r.Interval < 1 ||
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
	if r.Freq == Weekly {
		step *= 7
	}
	ls := start.In(loc)
	sy, sm, sd := ls.Date()
	h, mi, sec, ns := ls.Hour(), ls.Minute(), ls.Second(), ls.Nanosecond()
	startDay := civilDayNumber(sy, sm, sd)
	lt := to.In(loc)
	lastDay := civilDayNumber(lt.Year(), lt.Month(), lt.Day()) + 1
	var until time.Time
	if r.Until != nil {
		until = r.untilInstant(loc)
	}
	emit := func(s time.Time) bool {
		for _, e := range exdates {
			if e.Equal(s) {
				return true
			}
		}
		if e := s.Add(dur); s.Before(to) && (e.After(from) || !s.Before(from)) {
			dst = append(dst, Occurrence{Start: s.In(loc), End: e.In(loc)})
		}
		return len(dst) < MaxOccurrences
	}
	emitted := 0
	k := int64(1)
	if earliest := from.Add(-dur); r.Count == 0 && earliest.After(start) {
		// Without COUNT nothing before the window matters: start a step or more before it.
		le := earliest.In(loc).AddDate(0, 0, -2)
		k = max(1, (civilDayNumber(le.Year(), le.Month(), le.Day())-startDay)/int64(step))
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

// civilDayNumber is the civil day number (days since 1970-01-01) of a date.
func civilDayNumber(y int, m time.Month, d int) int64 {
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400
}

func civilDate(day int64) (int, time.Month, int) {
	return time.Unix(day*86400, 0).UTC().Date()
}
