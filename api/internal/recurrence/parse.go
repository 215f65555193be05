// Package recurrence parses RFC 5545 recurrence rules (RRULE values) and expands them into occurrences in
// the wall-clock time of a calendar zone. It is pure: no I/O, no clock, no globals that change.
//
// Supported: FREQ=DAILY|WEEKLY|MONTHLY|YEARLY, INTERVAL, COUNT, UNTIL, BYMONTH, BYMONTHDAY, BYDAY (with
// ordinals in MONTHLY and YEARLY rules), BYSETPOS and WKST. Sub-daily frequencies (SECONDLY, MINUTELY,
// HOURLY) and BYYEARDAY, BYWEEKNO, BYHOUR, BYMINUTE, BYSECOND are rejected: an activity in a care home
// happens at most once a day at one time of day, and those parts are where expansion becomes pathological.
// See docs/adr/0041-recurrence.md.
package recurrence

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Freq is a recurrence frequency.
type Freq int

// Supported frequencies.
const (
	Daily Freq = iota + 1
	Weekly
	Monthly
	Yearly
)

var freqNames = map[Freq]string{Daily: "DAILY", Weekly: "WEEKLY", Monthly: "MONTHLY", Yearly: "YEARLY"}

// String returns the RFC 5545 name of the frequency.
func (f Freq) String() string { return freqNames[f] }

// Limits that keep every rule cheap to expand.
const (
	// MaxLength is the longest accepted RRULE text.
	MaxLength = 500
	// MaxCount is the largest accepted COUNT; longer series use UNTIL.
	MaxCount = 1000
	// MaxInterval is the largest accepted INTERVAL.
	MaxInterval = 1000
)

// WeekdayNum is one BYDAY entry: a weekday with an optional ordinal (N=0 means every such weekday;
// 2 means the second, -1 the last within the month or year).
type WeekdayNum struct {
	N   int
	Day time.Weekday
}

// Rule is a parsed, validated recurrence rule. Build it with Parse; the zero value is not a valid rule.
type Rule struct {
	Freq     Freq
	Interval int // >= 1
	Count    int // 0 = not set
	// Until is set when the rule has UNTIL. UntilUTC is true for the RFC 5545 form "...Z" (an instant);
	// otherwise Until holds the local wall-clock fields (in time.UTC as a carrier) to be read in the
	// calendar zone, and UntilDate says the value was a bare date (inclusive through that whole day).
	Until      *time.Time
	UntilUTC   bool
	UntilDate  bool
	ByMonth    []int // 1..12, sorted, unique
	ByMonthDay []int // -31..-1, 1..31, sorted, unique
	ByDay      []WeekdayNum
	BySetPos   []int // -366..-1, 1..366, sorted, unique
	Wkst       time.Weekday
}

var dayCodes = map[string]time.Weekday{
	"SU": time.Sunday, "MO": time.Monday, "TU": time.Tuesday, "WE": time.Wednesday,
	"TH": time.Thursday, "FR": time.Friday, "SA": time.Saturday,
}

var dayNames = [7]string{"SU", "MO", "TU", "WE", "TH", "FR", "SA"}

// Parse parses an RRULE value such as "FREQ=WEEKLY;BYDAY=TU;COUNT=10" (an "RRULE:" prefix is allowed).
// Errors are short sentences meant for the user, e.g. as a 422 on the field that held the rule.
func Parse(s string) (*Rule, error) {
	s = strings.TrimSpace(s)
	if len(s) > MaxLength {
		return nil, fmt.Errorf("the recurrence rule is too long (at most %d characters)", MaxLength)
	}
	if len(s) >= 6 && strings.EqualFold(s[:6], "RRULE:") {
		s = s[6:]
	}
	if s == "" {
		return nil, errors.New("the recurrence rule is empty")
	}
	r := &Rule{Interval: 1, Wkst: time.Monday}
	seen := map[string]bool{}
	for part := range strings.SplitSeq(s, ";") {
		name, value, ok := strings.Cut(part, "=")
		name = strings.ToUpper(strings.TrimSpace(name))
		value = strings.ToUpper(strings.TrimSpace(value))
		if !ok || name == "" || value == "" {
			return nil, fmt.Errorf("the recurrence rule part %q is not of the form NAME=VALUE", clip(part))
		}
		if seen[name] {
			return nil, fmt.Errorf("the recurrence rule has %s more than once", name)
		}
		seen[name] = true
		if err := r.setPart(name, value); err != nil {
			return nil, err
		}
	}
	if err := r.check(); err != nil {
		return nil, err
	}
	return r, nil
}

func clip(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}

func (r *Rule) setPart(name, value string) error {
	switch name {
	case "FREQ":
		switch value {
		case "DAILY":
			r.Freq = Daily
		case "WEEKLY":
			r.Freq = Weekly
		case "MONTHLY":
			r.Freq = Monthly
		case "YEARLY":
			r.Freq = Yearly
		case "SECONDLY", "MINUTELY", "HOURLY":
			return errors.New("activities can repeat at most daily: use FREQ=DAILY, WEEKLY, MONTHLY or YEARLY")
		default:
			return errors.New("FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY")
		}
	case "INTERVAL":
		n, err := strconv.Atoi(value)
		if err != nil || n < 1 || n > MaxInterval {
			return fmt.Errorf("INTERVAL must be a whole number from 1 to %d", MaxInterval)
		}
		r.Interval = n
	case "COUNT":
		n, err := strconv.Atoi(value)
		if err != nil || n < 1 || n > MaxCount {
			return fmt.Errorf("COUNT must be a whole number from 1 to %d (use UNTIL for longer series)", MaxCount)
		}
		r.Count = n
	case "UNTIL":
		return r.setUntil(value)
	case "BYMONTH":
		v, err := intList(value, 1, 12, false)
		if err != nil {
			return errors.New("BYMONTH must list months from 1 to 12")
		}
		r.ByMonth = v
	case "BYMONTHDAY":
		v, err := intList(value, -31, 31, true)
		if err != nil {
			return errors.New("BYMONTHDAY must list days from 1 to 31 or -31 to -1")
		}
		r.ByMonthDay = v
	case "BYSETPOS":
		v, err := intList(value, -366, 366, true)
		if err != nil {
			return errors.New("BYSETPOS must list positions from 1 to 366 or -366 to -1")
		}
		r.BySetPos = v
	case "BYDAY":
		v, err := dayList(value)
		if err != nil {
			return err
		}
		r.ByDay = v
	case "WKST":
		d, ok := dayCodes[value]
		if !ok {
			return errors.New("WKST must be one of MO, TU, WE, TH, FR, SA, SU")
		}
		r.Wkst = d
	case "BYYEARDAY", "BYWEEKNO", "BYHOUR", "BYMINUTE", "BYSECOND":
		return fmt.Errorf("%s is not supported in activity recurrence rules", name)
	default:
		return fmt.Errorf("%q is not a recurrence rule part", clip(name))
	}
	return nil
}

func (r *Rule) setUntil(v string) error {
	const msg = "UNTIL must be a date (YYYYMMDD) or a date and time (YYYYMMDDTHHMMSSZ)"
	var t time.Time
	var err error
	switch {
	case len(v) == 8:
		t, err = time.Parse("20060102", v)
		r.UntilDate = true
	case len(v) == 16 && v[15] == 'Z':
		t, err = time.Parse("20060102T150405Z", v)
		r.UntilUTC = true
	case len(v) == 15:
		t, err = time.Parse("20060102T150405", v)
	default:
		return errors.New(msg)
	}
	if err != nil || t.Year() < 1900 || t.Year() > 9999 {
		return errors.New(msg)
	}
	r.Until = &t
	return nil
}

func intList(v string, lo, hi int, noZero bool) ([]int, error) {
	var out []int
	for item := range strings.SplitSeq(v, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(item))
		if err != nil || n < lo || n > hi || (noZero && n == 0) {
			return nil, errors.New("out of range")
		}
		out = append(out, n)
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

func dayList(v string) ([]WeekdayNum, error) {
	var out []WeekdayNum
	for item := range strings.SplitSeq(v, ",") {
		item = strings.TrimSpace(item)
		if len(item) < 2 {
			return nil, errors.New("BYDAY must list weekdays such as MO,WE or 2TU,-1FR")
		}
		d, ok := dayCodes[item[len(item)-2:]]
		if !ok {
			return nil, errors.New("BYDAY must list weekdays such as MO,WE or 2TU,-1FR")
		}
		n := 0
		if prefix := item[:len(item)-2]; prefix != "" {
			var err error
			n, err = strconv.Atoi(prefix)
			if err != nil || n == 0 || n < -53 || n > 53 {
				return nil, errors.New("a BYDAY ordinal must be from 1 to 53 or -53 to -1, as in 2TU or -1FR")
			}
		}
		out = append(out, WeekdayNum{N: n, Day: d})
	}
	slices.SortFunc(out, func(a, b WeekdayNum) int {
		if c := weekdayIndex(a.Day) - weekdayIndex(b.Day); c != 0 {
			return c
		}
		return a.N - b.N
	})
	return slices.Compact(out), nil
}

// weekdayIndex orders weekdays Monday first, as RFC 5545 examples do.
func weekdayIndex(d time.Weekday) int { return (int(d) + 6) % 7 }

func (r *Rule) check() error {
	if r.Freq == 0 {
		return errors.New("the recurrence rule needs FREQ (DAILY, WEEKLY, MONTHLY or YEARLY)")
	}
	if r.Count > 0 && r.Until != nil {
		return errors.New("a recurrence rule may have COUNT or UNTIL, not both")
	}
	if len(r.BySetPos) > 0 && len(r.ByMonth) == 0 && len(r.ByMonthDay) == 0 && len(r.ByDay) == 0 {
		return errors.New("BYSETPOS needs BYDAY, BYMONTHDAY or BYMONTH beside it")
	}
	if r.Freq == Weekly && len(r.ByMonthDay) > 0 {
		return errors.New("BYMONTHDAY cannot be used with FREQ=WEEKLY")
	}
	for _, d := range r.ByDay {
		if d.N == 0 {
			continue
		}
		switch {
		case r.Freq == Daily || r.Freq == Weekly:
			return errors.New("BYDAY ordinals such as 2TU are allowed only with FREQ=MONTHLY or YEARLY")
		case r.Freq == Monthly || len(r.ByMonth) > 0:
			if d.N < -5 || d.N > 5 {
				return errors.New("a BYDAY ordinal within a month must be from 1 to 5 or -5 to -1")
			}
		}
	}
	if !r.canOccur() {
		return errors.New("the recurrence rule never matches a date")
	}
	return nil
}

// canOccur rejects BYMONTH/BYMONTHDAY combinations that match no calendar date (e.g. 30 February), which
// would otherwise make an expansion search in vain.
func (r *Rule) canOccur() bool {
	if len(r.ByMonthDay) == 0 || len(r.ByMonth) == 0 {
		return true
	}
	for _, m := range r.ByMonth {
		days := daysIn(2000, time.Month(m)) // a leap year: 29 February exists
		for _, md := range r.ByMonthDay {
			if md <= days && -md <= days {
				return true
			}
		}
	}
	return false
}

// String returns the canonical RRULE value (without "RRULE:"): parts in a fixed order, lists sorted,
// defaults (INTERVAL=1, WKST=MO) left out. Parse(r.String()) gives an equal rule.
func (r *Rule) String() string {
	var b strings.Builder
	b.WriteString("FREQ=" + r.Freq.String())
	if r.Interval > 1 {
		b.WriteString(";INTERVAL=" + strconv.Itoa(r.Interval))
	}
	if r.Count > 0 {
		b.WriteString(";COUNT=" + strconv.Itoa(r.Count))
	}
	if r.Until != nil {
		b.WriteString(";UNTIL=" + r.untilText())
	}
	writeInts(&b, "BYMONTH", r.ByMonth)
	writeInts(&b, "BYMONTHDAY", r.ByMonthDay)
	if len(r.ByDay) > 0 {
		b.WriteString(";BYDAY=")
		for i, d := range r.ByDay {
			if i > 0 {
				b.WriteByte(',')
			}
			if d.N != 0 {
				b.WriteString(strconv.Itoa(d.N))
			}
			b.WriteString(dayNames[d.Day])
		}
	}
	writeInts(&b, "BYSETPOS", r.BySetPos)
	if r.Wkst != time.Monday {
		b.WriteString(";WKST=" + dayNames[r.Wkst])
	}
	return b.String()
}

func (r *Rule) untilText() string {
	switch {
	case r.UntilDate:
		return r.Until.Format("20060102")
	case r.UntilUTC:
		return r.Until.Format("20060102T150405Z")
	default:
		return r.Until.Format("20060102T150405")
	}
}

// ICalString returns the rule as it must appear in an iCalendar VEVENT whose DTSTART carries a TZID:
// RFC 5545 requires UNTIL there to be a UTC date-time, so a local or date-only UNTIL is converted using
// loc. Otherwise it equals String().
func (r *Rule) ICalString(loc *time.Location) string {
	if r.Until == nil || r.UntilUTC {
		return r.String()
	}
	c := *r
	u := r.untilInstant(loc).UTC()
	c.Until, c.UntilUTC, c.UntilDate = &u, true, false
	return c.String()
}

func writeInts(b *strings.Builder, name string, v []int) {
	if len(v) == 0 {
		return
	}
	b.WriteString(";" + name + "=")
	for i, n := range v {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.Itoa(n))
	}
}
