package recurrence

import (
	"fmt"
	"slices"
	"time"
)

// MaxOccurrences is the most occurrences one Expand call returns; the rest of the window is dropped.
const MaxOccurrences = 10000

// maxWork bounds the days one Expand or Until call may examine, so no rule and no window can make a call
// slow (a rule that rarely matches, such as every 29 February, simply yields what was found in budget).
const maxWork = 2_000_000

// Occurrence is one instance of an activity: its start and end in the calendar zone.
type Occurrence struct {
	Start time.Time
	End   time.Time
}

// Expand returns the occurrences of an activity that starts at start and lasts duration, repeating by r
// (nil = a single occurrence), that overlap the window [from, to), sorted by start.
//
// The rule is applied to wall-clock time in loc: a weekly 14:00 concert stays at 14:00 local time across
// daylight-saving changes. A local time that does not exist (the spring gap) moves forward by the gap; an
// ambiguous one (the autumn repeat) takes its first instant. start itself is always the first occurrence
// and counts towards COUNT (RFC 5545). An occurrence whose original start equals one of exdates is left
// out. At most MaxOccurrences are returned; the call never runs unbounded.
//
// Expand is a Window of one series without overrides (see Window.Occurrences, the iterator the calendar,
// reports, feeds and Linked Events use); a window outside 1900-2259 is expanded by the general iterator.
func Expand(r *Rule, start time.Time, duration time.Duration, loc *time.Location, exdates []time.Time, from, to time.Time) []Occurrence {
	if loc == nil {
		loc = time.UTC
	}
	if duration < 0 {
		duration = 0
	}
	if !to.After(from) {
		return nil
	}
	if !inRange(from, to) {
		return expandGeneral(r, start, duration, loc, exdates, from, to)
	}
	x := NewWindow(loc, from, to)
	spans := x.expand(nil, r, start, duration, exdates)
	if len(spans) == 0 {
		return nil
	}
	out := make([]Occurrence, len(spans))
	for i, s := range spans {
		out[i] = Occurrence{Start: time.Unix(0, s.start).In(loc), End: time.Unix(0, s.end).In(loc)}
	}
	return out
}

// expandGeneral is Expand by the general period iterator, which serves every
// rule; Window.expand takes a fast path for the common ones.
func expandGeneral(r *Rule, start time.Time, duration time.Duration, loc *time.Location, exdates []time.Time, from, to time.Time) []Occurrence {
	ex := make(map[[2]int64]struct{}, len(exdates))
	for _, e := range exdates {
		ex[instantKey(e)] = struct{}{}
	}
	var out []Occurrence
	emit := func(s time.Time) bool {
		if _, skip := ex[instantKey(s)]; skip {
			return true
		}
		e := s.Add(duration)
		if s.Before(to) && (e.After(from) || !s.Before(from)) {
			out = append(out, Occurrence{Start: s.In(loc), End: e.In(loc)})
		}
		return len(out) < MaxOccurrences
	}
	if r == nil {
		emit(start)
		return out
	}
	// Occurrences starting before this instant cannot overlap the window.
	earliest := from.Add(-duration)
	it := newIterator(r, start, loc, earliest, to)
	for {
		s, ok := it.next()
		if !ok || !emit(s) {
			break
		}
	}
	slices.SortFunc(out, func(a, b Occurrence) int { return a.Start.Compare(b.Start) })
	return out
}

// Until returns the start of the last occurrence of a bounded rule (COUNT or UNTIL) whose first occurrence
// is start, so a caller can index candidate rows by [start, Until+duration]. For UNTIL it may return an
// upper bound (the UNTIL instant itself). ok is false for unbounded rules, and for a COUNT rule too sparse
// to be followed to its end within the work budget (treat those as unbounded). A nil rule gives start.
func Until(r *Rule, start time.Time, loc *time.Location) (time.Time, bool) {
	if loc == nil {
		loc = time.UTC
	}
	if r == nil {
		return start, true
	}
	if r.Until != nil {
		u := r.untilInstant(loc)
		if u.Before(start) {
			return start, true
		}
		return u, true
	}
	if r.Count == 0 {
		return time.Time{}, false
	}
	it := newIterator(r, start, loc, start, time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC))
	last := start
	n := 0
	for {
		s, ok := it.next()
		if !ok {
			break
		}
		last, n = s, n+1
	}
	if n < r.Count && it.exhausted {
		return time.Time{}, false
	}
	return last, true
}

func instantKey(t time.Time) [2]int64 { return [2]int64{t.Unix(), int64(t.Nanosecond())} }

// untilInstant resolves UNTIL to an instant in loc: a date means through the end of that local day.
func (r *Rule) untilInstant(loc *time.Location) time.Time {
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

// localInstant turns wall-clock fields in loc into an instant: a time in a spring-forward gap is read with
// the offset in force before the gap (so it moves forward by the gap), an ambiguous time takes the earlier
// instant (RFC 5545, 3.3.5).
func localInstant(y int, mo time.Month, d, h, mi, s, ns int, loc *time.Location) time.Time {
	naive := time.Date(y, mo, d, h, mi, s, 0, time.UTC).Unix()
	return time.Unix(exactInstant(naive, loc), int64(ns)).In(loc)
}

// civil dates are carried as midnight UTC times.
func civil(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func daysIn(y int, m time.Month) int { return civil(y, m+1, 0).Day() }

func dayNumber(t time.Time) int64 { return t.Unix() / 86400 }

// iterator walks the rule's periods in order and yields occurrence starts, from the first that could
// reach `earliest` up to `to`, honouring COUNT and UNTIL and the work budget.
type iterator struct {
	r         *Rule
	loc       *time.Location
	start     time.Time
	startDate time.Time // local civil date of start
	h, mi, s  int
	ns        int
	until     time.Time
	hasUntil  bool
	lastDate  time.Time // civil date after which no period is looked at
	period    int
	emitted   int // occurrences counted towards COUNT (only meaningful when counting from period 0)
	startDone bool
	work      int
	exhausted bool // stopped by the work budget, not by the rule or the window
	queue     []time.Time
	done      bool
}

func newIterator(r *Rule, start time.Time, loc *time.Location, earliest, to time.Time) *iterator {
	ls := start.In(loc)
	it := &iterator{
		r: r, loc: loc, start: start,
		startDate: civil(ls.Year(), ls.Month(), ls.Day()),
		h:         ls.Hour(), mi: ls.Minute(), s: ls.Second(), ns: ls.Nanosecond(),
	}
	lt := to.In(loc)
	it.lastDate = civil(lt.Year(), lt.Month(), lt.Day()).AddDate(0, 0, 1)
	if r.Until != nil {
		it.until, it.hasUntil = r.untilInstant(loc), true
	}
	// Without COUNT nothing before the window matters, so jump to the period just before it.
	if r.Count == 0 && earliest.After(start) {
		le := earliest.In(loc).AddDate(0, 0, -2)
		it.period = it.periodIndex(civil(le.Year(), le.Month(), le.Day()))
		it.startDone = true // start is before earliest: it cannot reach the window
	}
	return it
}

// periodIndex returns the index of the last period that begins on or before date d (>= 0).
func (it *iterator) periodIndex(d time.Time) int {
	r := it.r
	var k int64
	switch r.Freq {
	case Daily:
		k = (dayNumber(d) - dayNumber(it.startDate)) / int64(r.Interval)
	case Weekly:
		k = (dayNumber(d) - dayNumber(it.weekStart(it.startDate))) / 7 / int64(r.Interval)
	case Monthly:
		k = int64((d.Year()*12+int(d.Month()))-(it.startDate.Year()*12+int(it.startDate.Month()))) / int64(r.Interval)
	case Yearly:
		k = int64(d.Year()-it.startDate.Year()) / int64(r.Interval)
	}
	if k < 0 {
		return 0
	}
	if k > 1<<30 {
		k = 1 << 30
	}
	return int(k)
}

func (it *iterator) weekStart(d time.Time) time.Time {
	back := (int(d.Weekday()) - int(it.r.Wkst) + 7) % 7
	return d.AddDate(0, 0, -back)
}

func (it *iterator) next() (time.Time, bool) {
	if !it.startDone {
		it.startDone = true
		if it.take(it.start) {
			return it.start, true
		}
		return time.Time{}, false
	}
	for !it.done {
		if len(it.queue) > 0 {
			t := it.queue[0]
			it.queue = it.queue[1:]
			if !t.After(it.start) {
				continue // the start itself was already yielded; earlier candidates are not occurrences
			}
			if it.take(t) {
				return t, true
			}
			return time.Time{}, false
		}
		it.fill()
	}
	return time.Time{}, false
}

// take applies COUNT and UNTIL to the next occurrence; false ends the iteration.
func (it *iterator) take(t time.Time) bool {
	if it.hasUntil && t.After(it.until) && !t.Equal(it.start) {
		it.done = true
		return false
	}
	if it.r.Count > 0 {
		if it.emitted >= it.r.Count {
			it.done = true
			return false
		}
		it.emitted++
	}
	return true
}

// fill computes the candidate dates of the current period and advances to the next.
func (it *iterator) fill() {
	first, dates := it.periodDates(it.period)
	it.period++
	if first.After(it.lastDate) || first.Year() > 9999 || it.work > maxWork {
		it.done = true
		it.exhausted = it.work > maxWork
		return
	}
	if len(it.r.BySetPos) > 0 {
		dates = setPos(dates, it.r.BySetPos)
	}
	for _, d := range dates {
		it.queue = append(it.queue, localInstant(d.Year(), d.Month(), d.Day(), it.h, it.mi, it.s, it.ns, it.loc))
	}
}

// periodDates returns the first day of period k and the sorted candidate dates in it.
func (it *iterator) periodDates(k int) (time.Time, []time.Time) {
	r := it.r
	switch r.Freq {
	case Daily:
		d := it.startDate.AddDate(0, 0, k*r.Interval)
		it.work++
		if it.matchMonth(d) && it.matchMonthDay(d) && it.matchPlainDay(d) {
			return d, []time.Time{d}
		}
		return d, nil
	case Weekly:
		ws := it.weekStart(it.startDate).AddDate(0, 0, 7*k*r.Interval)
		var out []time.Time
		for i := range 7 {
			d := ws.AddDate(0, 0, i)
			it.work++
			ok := d.Weekday() == it.startDate.Weekday()
			if len(r.ByDay) > 0 {
				ok = it.matchPlainDay(d)
			}
			if ok && it.matchMonth(d) {
				out = append(out, d)
			}
		}
		return ws, out
	case Monthly:
		m := civil(it.startDate.Year(), it.startDate.Month()+time.Month(k*r.Interval), 1)
		if !it.matchMonth(m) {
			return m, nil
		}
		return m, it.monthDates(m.Year(), m.Month())
	default: // Yearly
		y := it.startDate.Year() + k*r.Interval
		first := civil(y, 1, 1)
		if y > 9999 {
			return first, nil
		}
		return first, it.yearDates(y)
	}
}

// monthDates expands BYMONTHDAY/BYDAY within one month (ordinals count within the month); without
// either, the start's day of month (skipped when the month is too short).
func (it *iterator) monthDates(y int, m time.Month) []time.Time {
	r := it.r
	n := daysIn(y, m)
	if len(r.ByMonthDay) == 0 && len(r.ByDay) == 0 {
		it.work++
		if d := it.startDate.Day(); d <= n {
			return []time.Time{civil(y, m, d)}
		}
		return nil
	}
	var out []time.Time
	for day := 1; day <= n; day++ {
		it.work++
		d := civil(y, m, day)
		if it.matchMonthDay(d) && it.matchOrdinalDay(d, day, n) {
			out = append(out, d)
		}
	}
	return out
}

// yearDates expands a YEARLY period.
func (it *iterator) yearDates(y int) []time.Time {
	r := it.r
	if len(r.ByMonth) > 0 {
		var out []time.Time
		for _, m := range r.ByMonth {
			out = append(out, it.monthDates(y, time.Month(m))...)
		}
		return out
	}
	switch {
	case len(r.ByDay) > 0:
		// Ordinals count within the year.
		n := dayNumber(civil(y+1, 1, 1)) - dayNumber(civil(y, 1, 1))
		var out []time.Time
		for i := range int(n) {
			it.work++
			d := civil(y, 1, 1+i)
			if it.matchMonthDay(d) && it.matchOrdinalDay(d, i+1, int(n)) {
				out = append(out, d)
			}
		}
		return out
	case len(r.ByMonthDay) > 0:
		var out []time.Time
		for m := time.January; m <= time.December; m++ {
			out = append(out, it.monthDates(y, m)...)
		}
		return out
	default:
		it.work++
		d := civil(y, it.startDate.Month(), it.startDate.Day())
		if d.Month() != it.startDate.Month() { // 29 February in a common year
			return nil
		}
		return []time.Time{d}
	}
}

func (it *iterator) matchMonth(d time.Time) bool {
	return len(it.r.ByMonth) == 0 || slices.Contains(it.r.ByMonth, int(d.Month()))
}

func (it *iterator) matchMonthDay(d time.Time) bool {
	if len(it.r.ByMonthDay) == 0 {
		return true
	}
	n := daysIn(d.Year(), d.Month())
	for _, md := range it.r.ByMonthDay {
		if md == d.Day() || (md < 0 && n+1+md == d.Day()) {
			return true
		}
	}
	return false
}

// matchPlainDay matches BYDAY by weekday only (DAILY and WEEKLY rules have no ordinals).
func (it *iterator) matchPlainDay(d time.Time) bool {
	if len(it.r.ByDay) == 0 {
		return true
	}
	for _, wd := range it.r.ByDay {
		if wd.Day == d.Weekday() {
			return true
		}
	}
	return false
}

// matchOrdinalDay matches BYDAY with ordinals counted within a span of n days where d is day pos (1-based).
func (it *iterator) matchOrdinalDay(d time.Time, pos, n int) bool {
	if len(it.r.ByDay) == 0 {
		return true
	}
	for _, wd := range it.r.ByDay {
		if wd.Day != d.Weekday() {
			continue
		}
		if wd.N == 0 {
			return true
		}
		fromStart := (pos-1)/7 + 1
		fromEnd := -((n-pos)/7 + 1)
		if wd.N == fromStart || wd.N == fromEnd {
			return true
		}
	}
	return false
}

// setPos keeps the candidates at the given 1-based positions (negative from the end), in date order.
func setPos(dates []time.Time, pos []int) []time.Time {
	var out []time.Time
	for _, p := range pos {
		i := p - 1
		if p < 0 {
			i = len(dates) + p
		}
		if i >= 0 && i < len(dates) {
			out = append(out, dates[i])
		}
	}
	slices.SortFunc(out, func(a, b time.Time) int { return a.Compare(b) })
	return slices.CompactFunc(out, func(a, b time.Time) bool { return a.Equal(b) })
}

// CheckStart returns an error unless start falls on the rule: the rule
// itself, in loc's wall clock, must give start's date, as if start were
// not the first occurrence by definition. RFC 5545 (3.8.5.3) leaves a
// recurrence set whose DTSTART does not match its rule undefined, and
// calendar clients disagree on it (some show the odd start, some drop it),
// so such an activity would look different in every subscriber's calendar.
// A Wednesday start with BYDAY=TH, the 5th with BYMONTHDAY=1 or a
// non-last weekday with BYSETPOS=-1 are refused.
func (r *Rule) CheckStart(start time.Time, loc *time.Location) error {
	if ok, day := r.onRule(start, loc); !ok {
		return fmt.Errorf("the first occurrence (%s %s) is not a day this rule gives; start the activity on a day the rule repeats on",
			day.Weekday(), day.Format(time.DateOnly))
	}
	return nil
}

// onRule reports whether start's date in loc is among the dates of the
// rule's period that holds it, and returns that date.
func (r *Rule) onRule(start time.Time, loc *time.Location) (bool, time.Time) {
	it := newIterator(r, start, loc, start, start)
	_, dates := it.periodDates(0)
	if len(r.BySetPos) > 0 {
		dates = setPos(dates, r.BySetPos)
	}
	return slices.ContainsFunc(dates, func(d time.Time) bool { return d.Equal(it.startDate) }), it.startDate
}

// FirstOnRule returns the first day on or after from's date in loc that
// falls on the rule (see CheckStart), at from's wall-clock time; false
// when there is none within eight years. A client or a data generator
// moves a proposed start there.
func (r *Rule) FirstOnRule(from time.Time, loc *time.Location) (time.Time, bool) {
	lf := from.In(loc)
	for d := range 8 * 366 {
		day := localInstant(lf.Year(), lf.Month(), lf.Day()+d, lf.Hour(), lf.Minute(), lf.Second(), lf.Nanosecond(), loc)
		if ok, _ := r.onRule(day, loc); ok {
			return day, true
		}
	}
	return time.Time{}, false
}
