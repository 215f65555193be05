package recurrence

import (
	"slices"
	"time"
)

// Series is what one activity repeats: the start of its first occurrence,
// how long each lasts, its rule (nil: it happens once) and the original
// starts its rule skips (EXDATE).
type Series struct {
	Start    time.Time
	Duration time.Duration
	Rule     *Rule
	Exdates  []time.Time
}

// Override moves one occurrence of a series, the one whose original start
// (its identity, the iCalendar RECURRENCE-ID) is Original, to [Start, End).
// A cancelled occurrence keeps its times; what a cancellation means is the
// caller's (Instance.Override tells which override applied).
type Override struct {
	Original, Start, End time.Time
}

// Instance is one occurrence after the overrides: its original start (its
// identity), where it runs now and the index of the override that applies
// to it (-1: none). Times are Unix nanoseconds.
type Instance struct {
	Original, Start, End int64
	Override             int
}

// OriginalTime, StartTime and EndTime are the instance's times in UTC.
func (o Instance) OriginalTime() time.Time { return time.Unix(0, o.Original).UTC() }

// StartTime is where the occurrence starts now.
func (o Instance) StartTime() time.Time { return time.Unix(0, o.Start).UTC() }

// EndTime is where the occurrence ends now.
func (o Instance) EndTime() time.Time { return time.Unix(0, o.End).UTC() }

// Occurrences is the one occurrence iterator: it appends to dst the
// occurrences of s that overlap the window once the overrides are applied.
// An occurrence moved out of the window is left out; one moved into it from
// outside is included if its original start is still an occurrence of the
// series (the rule may have changed since it was moved). The rule's
// occurrences come first, by original start, then those moved in, in the
// order of overrides.
func (x *Window) Occurrences(dst []Instance, s Series, overrides []Override) []Instance {
	x.spans = x.expand(x.spans[:0], s.Rule, s.Start, s.Duration, s.Exdates)
	if len(overrides) == 0 {
		for _, o := range x.spans {
			dst = append(dst, Instance{Original: o.start, Start: o.start, End: o.end, Override: -1})
		}
		return dst
	}
	seen := make([]bool, len(overrides))
	for _, o := range x.spans {
		k := slices.IndexFunc(overrides, func(ov Override) bool { return ov.Original.UnixNano() == o.start })
		if k < 0 {
			dst = append(dst, Instance{Original: o.start, Start: o.start, End: o.end, Override: -1})
			continue
		}
		seen[k] = true
		if in, ok := x.moved(o.start, overrides[k], k); ok {
			dst = append(dst, in)
		}
	}
	// Occurrences moved into the window from outside it.
	for k, ov := range overrides {
		if seen[k] {
			continue
		}
		if in, ok := x.moved(ov.Original.UnixNano(), ov, k); ok && Has(s, x.loc, ov.Original) {
			dst = append(dst, in)
		}
	}
	return dst
}

// moved is the occurrence with original start orig as override k places
// it, if that overlaps the window.
func (x *Window) moved(orig int64, ov Override, k int) (Instance, bool) {
	s, e := ov.Start.UnixNano(), ov.End.UnixNano()
	return Instance{Original: orig, Start: s, End: e, Override: k}, s < x.to && e > x.from
}

// Has reports whether the series has an occurrence whose original start is
// t (overrides aside; an excluded date is none).
func Has(s Series, loc *time.Location, t time.Time) bool {
	x := NewWindow(loc, t, t.Add(time.Nanosecond))
	for _, o := range x.expand(nil, s.Rule, s.Start, s.Duration, s.Exdates) {
		if o.start == t.UnixNano() {
			return true
		}
	}
	return false
}
