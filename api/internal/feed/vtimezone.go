package feed

import (
	"fmt"
	"sync"
	"time"
)

// transition is one change of a zone's UTC offset.
type transition struct {
	at       time.Time // the instant of the change
	from, to int       // offsets in seconds
	name     string    // abbreviation after the change
	dst      bool
}

type tzKey struct {
	zone     string
	from, to int
}

var tzCache sync.Map // tzKey -> []byte

// writeTimezone writes a VTIMEZONE for zone covering the years [fromYear, toYear]: one observance at
// the start of the range, one per offset change in it, and on the last change of each kind (standard,
// daylight) a yearly RRULE when the change falls on the same weekday rule as the year before, so clients
// keep the right offset for recurring events beyond the range. Go does not expose a zone's rules, so the
// changes are found from the zone data by search; the result is cached per zone and range.
func writeTimezone(w *icsWriter, zone *time.Location, fromYear, toYear int) {
	key := tzKey{zone.String(), fromYear, toYear}
	if b, ok := tzCache.Load(key); ok {
		w.buf.Write(b.([]byte))
		return
	}
	var tw icsWriter
	start := time.Date(fromYear, 1, 1, 0, 0, 0, 0, zone)
	end := time.Date(toYear+1, 1, 1, 0, 0, 0, 0, zone)
	ts := transitions(zone, start, end)
	tw.line("BEGIN:VTIMEZONE")
	tw.prop("TZID", zone.String())
	name, off := start.Zone()
	kind := "STANDARD"
	if start.IsDST() {
		kind = "DAYLIGHT"
	}
	tw.line("BEGIN:" + kind)
	tw.prop("DTSTART", start.Format("20060102T150405"))
	tw.prop("TZOFFSETFROM", formatOffset(off))
	tw.prop("TZOFFSETTO", formatOffset(off))
	tw.prop("TZNAME", escapeText(name))
	tw.line("END:" + kind)
	lastOfKind := map[bool]int{}
	for i, t := range ts {
		lastOfKind[t.dst] = i
	}
	for i, t := range ts {
		kind := "STANDARD"
		if t.dst {
			kind = "DAYLIGHT"
		}
		local := t.at.Add(time.Duration(t.from) * time.Second).UTC() // wall clock before the change
		tw.line("BEGIN:" + kind)
		tw.prop("DTSTART", local.Format("20060102T150405"))
		tw.prop("TZOFFSETFROM", formatOffset(t.from))
		tw.prop("TZOFFSETTO", formatOffset(t.to))
		if lastOfKind[t.dst] == i {
			if rule, ok := yearlyRule(ts, i); ok {
				tw.prop("RRULE", rule)
			}
		}
		tw.prop("TZNAME", escapeText(t.name))
		tw.line("END:" + kind)
	}
	tw.line("END:VTIMEZONE")
	b := tw.buf.Bytes()
	tzCache.Store(key, b)
	w.buf.Write(b)
}

// transitions finds every offset change in [start, end): a coarse scan by 6 hours, then a binary search
// to the second.
func transitions(zone *time.Location, start, end time.Time) []transition {
	var out []transition
	const step = 6 * time.Hour
	_, prev := start.Zone()
	for t := start; t.Before(end); t = t.Add(step) {
		next := t.Add(step)
		_, off := next.Zone()
		if off == prev {
			continue
		}
		lo, hi := t, next // offset(lo) = prev, offset(hi) = off
		for hi.Sub(lo) > time.Second {
			mid := lo.Add(hi.Sub(lo) / 2).Truncate(time.Second)
			if _, o := mid.Zone(); o == prev {
				lo = mid
			} else {
				hi = mid
			}
		}
		at := hi.In(zone)
		name, _ := at.Zone()
		out = append(out, transition{at: at, from: prev, to: off, name: name, dst: at.IsDST()})
		prev = off
	}
	return out
}

// yearlyRule describes transition i as "the n-th (or last) weekday of its month" when the transition of
// the same kind a year earlier follows the same rule at the same wall-clock time.
func yearlyRule(ts []transition, i int) (string, bool) {
	t := ts[i]
	for j := i - 1; j >= 0; j-- {
		p := ts[j]
		if p.dst != t.dst {
			continue
		}
		byDay, key := wallRule(t)
		_, prevKey := wallRule(p)
		if byDay == "" || key != prevKey || t.from != p.from || t.to != p.to {
			return "", false
		}
		local := t.at.Add(time.Duration(t.from) * time.Second).UTC()
		return fmt.Sprintf("FREQ=YEARLY;BYMONTH=%d;BYDAY=%s", int(local.Month()), byDay), true
	}
	return "", false
}

var icsDays = [7]string{"SU", "MO", "TU", "WE", "TH", "FR", "SA"}

// wallRule names the weekday rule of a transition ("-1SU", "2SU") and a key that also holds its month
// and wall-clock time; byDay is "" when the day follows no such rule.
func wallRule(t transition) (byDay, key string) {
	local := t.at.Add(time.Duration(t.from) * time.Second).UTC()
	days := time.Date(local.Year(), local.Month()+1, 0, 0, 0, 0, 0, time.UTC).Day()
	switch {
	case local.Day()+7 > days:
		byDay = "-1" + icsDays[local.Weekday()]
	case local.Day() <= 28:
		byDay = fmt.Sprint((local.Day()-1)/7+1) + icsDays[local.Weekday()]
	default:
		return "", ""
	}
	return byDay, fmt.Sprintf("%s/%d/%s", byDay, local.Month(), local.Format("15:04:05"))
}

func formatOffset(sec int) string {
	sign := "+"
	if sec < 0 {
		sign, sec = "-", -sec
	}
	h, m, s := sec/3600, sec/60%60, sec%60
	if s != 0 {
		return fmt.Sprintf("%s%02d%02d%02d", sign, h, m, s)
	}
	return fmt.Sprintf("%s%02d%02d", sign, h, m)
}
