package calendar

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"kulttuurisilta/api/internal/gencache"
	"kulttuurisilta/api/internal/recurrence"
)

// slot is one occurrence in compact form (32 bytes): a month of a region is
// expanded, filtered, sorted and counted as slots, and only the requested
// page is turned into Occurrences (ADR 0026).
type slot struct {
	start, end int64 // where it is now (moved or not), Unix ns
	orig       int64 // original start (its identity), Unix ns
	rank       int32 // the activity's position in id order; order[rank] is its candidate
	ov         int32 // index into the overrides, -1 for none
}

// occurrenceSet is the slots of one filter, sorted by start, activity id
// and original start, as Occurrences returns them.
type occurrenceSet struct {
	cands     []candidate
	order     []int32 // candidate indices by activity id
	overrides []Override
	slots     []slot
	zone      *time.Location
	sorted    bool // every slot is in order (a kept set: read only from then on)
}

// Sets keeps the occurrence sets of region-wide filters per calendar
// generation (ADR 0195).
type Sets = gencache.Cache[setKey, *occurrenceSet]

// NewSets returns a cache of the n most recently used sets (one region
// month is a few megabytes).
func NewSets(n int) *Sets { return gencache.New[setKey, *occurrenceSet](n) }

// setKey is a kept set's filter: its range and the filters that leave
// every unit in.
type setKey struct {
	from, to                           int64
	categories, statuses, targetGroups string
	visibility                         string
}

// keptSpan is the longest range whose set is kept: a month view with its
// leading and trailing weeks. A region month is about 4 MB; longer ranges
// (a year's export) are read rarely and would crowd the months out.
const keptSpan = 45 * 24 * time.Hour

// keyOfSet is f's key, and whether its set is kept: a filter over every
// unit (a unit's, partner's, series' or activity's set is small and quick
// to build), a range of at most keptSpan, the whole set, not those changed
// since a time, and not the full-column read of every occurrence.
func keyOfSet(f OccurrenceFilter, since *time.Time, all bool) (setKey, bool) {
	if all || since != nil || len(f.UnitIDs) > 0 || len(f.PartnerIDs) > 0 || f.SeriesID != nil || f.ActivityID != nil ||
		f.ExcludeActivityID != nil || f.To.Sub(f.From) > keptSpan {
		return setKey{}, false
	}
	return setKey{from: f.From.UnixNano(), to: f.To.UnixNano(), categories: strings.Join(f.Categories, ","),
		statuses: strings.Join(f.Statuses, ","), targetGroups: strings.Join(f.TargetGroups, ","),
		visibility: f.Visibility}, true
}

// sortAll puts every slot in order, once, so that pages of a kept set are
// read without changing it.
func (set *occurrenceSet) sortAll() {
	slices.SortFunc(set.slots, compareSlots)
	set.sorted = true
}

// buildOccurrenceSet expands the candidates into slots that overlap the
// window x (the filter's range), with the overrides applied
// (recurrence.Window.Occurrences), keeps those whose occurrence status is
// in f.Statuses (if any) and, when since is set, those changed after it.
func buildOccurrenceSet(x *recurrence.Window, f OccurrenceFilter, since *time.Time, cands []candidate, overrides []Override,
	zone *time.Location) (*occurrenceSet, error) {
	set := &occurrenceSet{cands: cands, overrides: overrides, zone: zone}
	set.order = make([]int32, len(cands))
	for i := range set.order {
		set.order[i] = int32(i)
	}
	slices.SortFunc(set.order, func(a, b int32) int { return bytes.Compare(cands[a].ID[:], cands[b].ID[:]) })

	// Overrides by candidate: most candidates have none.
	var byCand map[int32][]int32
	if len(overrides) > 0 {
		at := make(map[[16]byte]int32, len(cands))
		for i := range cands {
			at[cands[i].ID] = int32(i)
		}
		byCand = map[int32][]int32{}
		for j := range overrides {
			if i, ok := at[overrides[j].ActivityID]; ok {
				byCand[i] = append(byCand[i], int32(j))
			}
		}
	}
	statusOK := func(st string) bool { return len(f.Statuses) == 0 || slices.Contains(f.Statuses, st) }
	changed := func(activity time.Time, ov *Override) bool {
		if since == nil {
			return true
		}
		if ov != nil && ov.UpdatedAt.After(activity) {
			activity = ov.UpdatedAt
		}
		return activity.After(*since)
	}

	slots := make([]slot, 0, 3*len(cands))
	var buf []recurrence.Instance
	var moves []recurrence.Override
	for rank, ci := range set.order {
		c := &cands[ci]
		ovs := byCand[ci]
		unchanged := !statusOK(c.Status) || !changed(c.UpdatedAt, nil)
		if len(ovs) == 0 && unchanged {
			continue // none of its occurrences passes the filters
		}
		rule, err := x.Rule(c.Recurrence)
		if err != nil {
			return nil, fmt.Errorf("activity %s: %w", c.ID, err)
		}
		moves = moves[:0]
		for _, j := range ovs {
			o := &overrides[j]
			moves = append(moves, recurrence.Override{Original: o.OriginalStart, Start: o.StartsAt, End: o.EndsAt})
		}
		buf = x.Occurrences(buf[:0], recurrence.Series{Start: c.StartsAt, Duration: c.EndsAt.Sub(c.StartsAt), Rule: rule,
			Exdates: c.Exdates}, moves)
		for _, in := range buf {
			if in.Override < 0 {
				if !unchanged {
					slots = append(slots, slot{start: in.Start, end: in.End, orig: in.Original, rank: int32(rank), ov: -1})
				}
				continue
			}
			j := ovs[in.Override]
			ov := &overrides[j]
			st := c.Status
			if ov.Cancelled {
				st = StatusCancelled
			}
			if statusOK(st) && changed(c.UpdatedAt, ov) {
				slots = append(slots, slot{start: in.Start, end: in.End, orig: in.Original, rank: int32(rank), ov: j})
			}
		}
	}
	set.slots = slots
	return set, nil
}

// compareSlots is the calendar's order: start, activity id, original start.
func compareSlots(a, b slot) int {
	if a.start != b.start {
		return cmp.Compare(a.start, b.start)
	}
	if a.rank != b.rank {
		return cmp.Compare(a.rank, b.rank)
	}
	return cmp.Compare(a.orig, b.orig)
}

// page returns slots [lo, hi) of the sorted order. It sorts no more than it
// must: the hi first are selected in linear time, then only they are sorted.
func (set *occurrenceSet) page(lo, hi int) []slot {
	s := set.slots
	if set.sorted {
		return s[lo:hi]
	}
	if hi < len(s) {
		selectFirst(s, hi)
	}
	slices.SortFunc(s[:hi], compareSlots)
	return s[lo:hi]
}

// selectFirst reorders s so that s[:k] are its k first slots (in any order)
// by quickselect (Hoare partition around a median of three). Slots are
// distinct, so every partition makes progress; a degenerate run falls back
// to sorting.
func selectFirst(s []slot, k int) {
	lo, hi := 0, len(s)
	for rounds := 0; hi-lo > 16; rounds++ {
		if rounds > 64 {
			break
		}
		m := lo + (hi-lo)/2
		a, b, c := s[lo], s[m], s[hi-1]
		if compareSlots(a, b) > 0 {
			a, b = b, a
		}
		if compareSlots(b, c) > 0 {
			b = c
			if compareSlots(a, b) > 0 {
				b = a
			}
		}
		pivot := b
		i, j := lo, hi-1
		for i <= j {
			for compareSlots(s[i], pivot) < 0 {
				i++
			}
			for compareSlots(pivot, s[j]) < 0 {
				j--
			}
			if i <= j {
				s[i], s[j] = s[j], s[i]
				i++
				j--
			}
		}
		// s[lo:j+1] <= pivot <= s[i:hi]; between them only the pivot.
		switch {
		case k <= j+1:
			hi = j + 1
		case k >= i:
			lo = i
		default:
			return
		}
	}
	slices.SortFunc(s[lo:hi], compareSlots)
}

// materialise builds the Occurrences of some slots, their candidates read
// in full (those the set holds light are in full, by candidate index).
func (set *occurrenceSet) materialise(slots []slot, full map[int32]*candidate) []Occurrence {
	out := make([]Occurrence, len(slots))
	for i, sl := range slots {
		ci := set.order[sl.rank]
		c := &set.cands[ci]
		if d, ok := full[ci]; ok {
			c = d
		}
		occ := occurrenceBase(c)
		orig := time.Unix(0, sl.orig).UTC()
		if sl.ov >= 0 {
			occ = withOverride(occ, orig, c.EndsAt.Sub(c.StartsAt), &set.overrides[sl.ov])
		} else {
			occ.StartsAt, occ.EndsAt, occ.OriginalStart = orig, time.Unix(0, sl.end).UTC(), orig
		}
		out[i] = occ
	}
	return out
}

// patched is set brought up to a later generation (ADR 0196): the slots,
// candidates and overrides of the activities changed are dropped, and
// fresh's (those activities as they are now, expanded and sorted; nil when
// none of them is a candidate any more) merged in. Neither set is changed;
// either may be nil (empty). The result is sorted, its candidates stored in
// id order, and equal, page for page, to a set built from scratch.
func (set *occurrenceSet) patched(changed []uuid.UUID, fresh *occurrenceSet) *occurrenceSet {
	if set == nil {
		set = &occurrenceSet{}
	}
	if fresh == nil {
		fresh = &occurrenceSet{}
	}
	gone := make(map[uuid.UUID]bool, len(changed))
	for _, id := range changed {
		gone[id] = true
	}
	out := &occurrenceSet{zone: set.zone, sorted: true}
	if out.zone == nil {
		out.zone = fresh.zone
	}

	// Candidates, merged in id order (so that order is the identity); each
	// side's rank mapped to the new one, -1 for a dropped candidate.
	oldRank := make([]int32, len(set.order))
	freshRank := make([]int32, len(fresh.order))
	out.cands = make([]candidate, 0, len(set.cands)+len(fresh.cands))
	i, j, next := 0, 0, int32(0) // next: len(out.cands)
	for i < len(set.order) || j < len(fresh.order) {
		if i < len(set.order) && gone[set.cands[set.order[i]].ID] {
			oldRank[i] = -1
			i++
			continue
		}
		takeOld := j == len(fresh.order) || (i < len(set.order) &&
			bytes.Compare(set.cands[set.order[i]].ID[:], fresh.cands[fresh.order[j]].ID[:]) < 0)
		if takeOld {
			oldRank[i] = next
			out.cands = append(out.cands, set.cands[set.order[i]])
			i, next = i+1, next+1
		} else {
			freshRank[j] = next
			out.cands = append(out.cands, fresh.cands[fresh.order[j]])
			j, next = j+1, next+1
		}
	}
	out.order = make([]int32, len(out.cands))
	for k := range out.order {
		out.order[k] = int32(k)
	}

	// Overrides: the old ones of unchanged activities, then fresh's.
	oldOv := make([]int32, len(set.overrides))
	out.overrides = make([]Override, 0, len(set.overrides)+len(fresh.overrides))
	freshOv := int32(0) // len(out.overrides) once the old ones are in
	for k := range set.overrides {
		oldOv[k] = -1
		if !gone[set.overrides[k].ActivityID] {
			oldOv[k] = freshOv
			out.overrides = append(out.overrides, set.overrides[k])
			freshOv++
		}
	}
	out.overrides = append(out.overrides, fresh.overrides...)

	// Slots: both sides are sorted and the rank mapping keeps id order, so
	// one merge keeps the whole in order.
	out.slots = make([]slot, 0, len(set.slots)+len(fresh.slots))
	var a, b []slot
	for _, sl := range set.slots {
		if r := oldRank[sl.rank]; r >= 0 {
			sl.rank = r
			if sl.ov >= 0 {
				sl.ov = oldOv[sl.ov]
			}
			a = append(a, sl)
		}
	}
	for _, sl := range fresh.slots {
		sl.rank = freshRank[sl.rank]
		if sl.ov >= 0 {
			sl.ov += freshOv
		}
		b = append(b, sl)
	}
	for len(a) > 0 && len(b) > 0 {
		if compareSlots(a[0], b[0]) <= 0 {
			out.slots, a = append(out.slots, a[0]), a[1:]
		} else {
			out.slots, b = append(out.slots, b[0]), b[1:]
		}
	}
	out.slots = append(append(out.slots, a...), b...)
	return out
}
