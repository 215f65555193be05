package report

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
)

// The indicators are added up in one pass over the range's occurrences (aggregate, the activity
// report's reader, ADR 0047) by indicatorSink; definitions in docs/reports.md.

// Sectors are the partner (and unit) sectors, in the order the indicators list them.
var Sectors = []string{"public", "private", "third"}

// TargetGroups are the activities' target groups, in the order the indicators list them.
var TargetGroups = []string{"elderly", "disability", "mental_health", "intergenerational", "staff"}

// Categories are the activity categories, in the order the indicators list them.
var Categories = []string{"music", "theatre", "dance", "visual_arts", "crafts", "literature", "film",
	"intergenerational", "outdoor", "other"}

// figures are the counts behind a group of occurrences.
type figures struct {
	occurrences, withAtt int
	participants         Participants
	feedbackSum          int
	feedbackCount        int
}

func (f *figures) add(att *attValue) {
	f.occurrences++
	if att == nil {
		return
	}
	f.withAtt++
	att.addTo(&f.participants, &f.feedbackCount, &f.feedbackSum)
}

func (f *figures) feedbackMean() *float64 {
	if f.feedbackCount == 0 {
		return nil
	}
	m := math.Round(float64(f.feedbackSum)/float64(f.feedbackCount)*100) / 100
	return &m
}

type unitFigures struct {
	figures
	past, pastWithAtt int
}

// indicatorSink adds the occurrences up for the indicators.
type indicatorSink struct {
	now        int64
	monthEnds  []int64 // the end of each month of the range, Unix ns
	unitIndex  map[[16]byte]int
	sectorOf   map[[16]byte]int // partner -> index in Sectors
	total      figures
	cancelled  int
	past       int
	pastAtt    int
	feedback   [5]int
	months     []figures
	reached    [][]bool // [month][unit]
	units      []unitFigures
	groups     map[string]*figures // target groups ("" none)
	categories map[string]*figures
	partners   map[[16]byte]bool
	sectorOcc  [3]int

	// the current activity
	cur     *restCandidate
	curUnit []int
	curTG   []*figures
	curCat  *figures
	curSect [3]bool
}

func (k *indicatorSink) begin(c *restCandidate) {
	k.cur = c
	k.curUnit = k.curUnit[:0]
	for _, u := range c.unitIDs {
		if i, ok := k.unitIndex[u]; ok {
			k.curUnit = append(k.curUnit, i)
		}
	}
	k.curTG = k.curTG[:0]
	tgs := c.targetGroups
	if len(tgs) == 0 {
		tgs = []string{""}
	}
	for _, g := range tgs {
		f := k.groups[g]
		if f == nil {
			f = &figures{}
			k.groups[g] = f
		}
		k.curTG = append(k.curTG, f)
	}
	k.curCat = k.categories[c.category]
	if k.curCat == nil {
		k.curCat = &figures{}
		k.categories[c.category] = k.curCat
	}
	k.curSect = [3]bool{}
	for _, p := range c.partnerIDs {
		if s, ok := k.sectorOf[p]; ok && s >= 0 {
			k.curSect[s] = true
		}
	}
}

func (k *indicatorSink) add(start, end int64, cancelled bool, att *attValue) {
	if cancelled {
		k.cancelled++
		return
	}
	m, _ := slices.BinarySearch(k.monthEnds, start+1)
	m = min(m, len(k.monthEnds)-1)
	k.total.add(att)
	k.months[m].add(att)
	ended := end <= k.now
	if ended {
		k.past++
		if att != nil {
			k.pastAtt++
		}
	}
	if att != nil && att.feedback != nil {
		k.feedback[*att.feedback-1]++
	}
	for _, u := range k.curUnit {
		uf := &k.units[u]
		uf.add(att)
		k.reached[m][u] = true
		if ended {
			uf.past++
			if att != nil {
				uf.pastWithAtt++
			}
		}
	}
	for _, g := range k.curTG {
		g.add(att)
	}
	k.curCat.add(att)
	for _, p := range k.cur.partnerIDs {
		k.partners[p] = true
	}
	for s, on := range k.curSect {
		if on {
			k.sectorOcc[s]++
		}
	}
}

type indicatorUnit struct {
	ID               uuid.UUID
	Name             string
	Kind             string
	Municipality     string
	ResidentCapacity int
}

// monthStarts are the first days (calendar zone) of the months [from, to) touches, and the end of the
// last one.
func monthStarts(zone *time.Location, from, to time.Time) []time.Time {
	f := from.In(zone)
	m := time.Date(f.Year(), f.Month(), 1, 0, 0, 0, 0, zone)
	var out []time.Time
	for ; m.Before(to); m = m.AddDate(0, 1, 0) {
		out = append(out, m)
	}
	return append(out, m)
}

// indicatorPass reads the active units and the partners' sectors and adds up [from, to) in one pass.
func (s Store) indicatorPass(ctx context.Context, from, to time.Time) (*indicatorSink, []indicatorUnit, []time.Time, error) {
	zone := s.zone()
	var units []indicatorUnit
	db := s.DB.WithContext(ctx)
	if err := db.Raw(`SELECT id, name, kind, municipality, resident_capacity FROM units WHERE active ORDER BY lower(name), id`).
		Scan(&units).Error; err != nil {
		return nil, nil, nil, fmt.Errorf("indicator units: %w", err)
	}
	var partners []struct {
		ID     uuid.UUID
		Sector string
	}
	if err := db.Raw(`SELECT id, sector FROM partners`).Scan(&partners).Error; err != nil {
		return nil, nil, nil, fmt.Errorf("indicator partners: %w", err)
	}
	starts := monthStarts(zone, from, to)
	k := &indicatorSink{now: s.now().UnixNano(), unitIndex: make(map[[16]byte]int, len(units)),
		sectorOf: make(map[[16]byte]int, len(partners)), months: make([]figures, len(starts)-1),
		reached: make([][]bool, len(starts)-1), units: make([]unitFigures, len(units)),
		groups: map[string]*figures{}, categories: map[string]*figures{}, partners: map[[16]byte]bool{}}
	for i, u := range units {
		k.unitIndex[u.ID] = i
	}
	for _, p := range partners {
		k.sectorOf[p.ID] = slices.Index(Sectors, p.Sector)
	}
	for i := range k.reached {
		k.reached[i] = make([]bool, len(units))
		k.monthEnds = append(k.monthEnds, starts[i+1].UnixNano())
	}
	if err := s.aggregate(ctx, k, zone, from, to); err != nil {
		return nil, nil, nil, err
	}
	return k, units, starts, nil
}

// Indicators computes the indicators of [from, to); year is echoed when the range is a year.
func (s Store) Indicators(ctx context.Context, from, to time.Time, year *int) (IndicatorReport, error) {
	k, units, starts, err := s.indicatorPass(ctx, from, to)
	if err != nil {
		return IndicatorReport{}, err
	}
	var ideas struct{ Received, Done int }
	if err := s.DB.WithContext(ctx).Raw(`SELECT count(*) AS received, count(*) FILTER (WHERE status = 'done') AS done
		FROM ideas WHERE created_at >= ? AND created_at < ?`, from.UTC(), to.UTC()).Scan(&ideas).Error; err != nil {
		return IndicatorReport{}, fmt.Errorf("indicator ideas: %w", err)
	}
	perMonth, residents, err := s.residentShares(ctx, from, to, starts)
	if err != nil {
		return IndicatorReport{}, err
	}
	zone := s.zone()
	n := len(units)
	rep := IndicatorReport{ResidentsActive: residents, From: from.In(zone), To: to.In(zone), Year: year, Occurrences: k.total.occurrences,
		Cancelled: k.cancelled, OccurrencesWithAttendance: k.total.withAtt, Participants: k.total.participants,
		Months: make([]MonthIndicator, len(k.months)), Units: make([]UnitIndicator, n),
		IdeasFulfilled: ratio(ideas.Done, ideas.Received),
		Volunteers:     ratio(k.total.participants.Volunteers, k.total.participants.Total),
		Feedback: FeedbackIndicator{Numerator: k.total.feedbackSum, Denominator: k.total.feedbackCount,
			Mean: k.total.feedbackMean(), Distribution: k.feedback[:]}}
	for m := range k.months {
		reached := 0
		for _, r := range k.reached[m] {
			if r {
				reached++
			}
		}
		f := k.months[m]
		rep.Months[m] = MonthIndicator{Month: starts[m].Format("2006-01"), UnitsReached: ratio(reached, n),
			Occurrences: f.occurrences, OccurrencesWithAttendance: f.withAtt, Participants: f.participants,
			ResidentsActive: perMonth[m]}
	}
	perUnit, err := s.unitResidentsActive(ctx, from, to)
	if err != nil {
		return IndicatorReport{}, err
	}
	reached, hosted, places := 0, 0, 0
	for i, u := range units {
		f := &k.units[i]
		if f.occurrences > 0 {
			reached++
		}
		if u.ResidentCapacity > 0 {
			hosted += f.occurrences
			places += u.ResidentCapacity
		}
		rep.Units[i] = UnitIndicator{UnitID: u.ID, Name: u.Name, Kind: u.Kind, Municipality: u.Municipality,
			ResidentCapacity: u.ResidentCapacity, Occurrences: f.occurrences, Participants: f.participants,
			FeedbackMean: f.feedbackMean(), AttendanceRecorded: ratio(f.pastWithAtt, f.past),
			ResidentsActive: residentShare(1, perUnit.active[u.ID], perUnit.residents[u.ID])}
	}
	rep.UnitsReached = ratio(reached, n)
	rep.OccurrencesPer100Places = Rate{Numerator: hosted, Denominator: places}
	if places > 0 {
		v := math.Round(float64(hosted)*100/float64(places)*100) / 100
		rep.OccurrencesPer100Places.Per100 = &v
	}
	all := k.total.participants.Total
	rep.TargetGroups = groupIndicators(k.groups, append(slices.Clone(TargetGroups), ""), all)
	rep.Categories = groupIndicators(k.categories, Categories, all)
	var perSector [3]int
	for p := range k.partners {
		if s, ok := k.sectorOf[p]; ok && s >= 0 {
			perSector[s]++
		}
	}
	for i, sec := range Sectors {
		rep.PartnerSectors = append(rep.PartnerSectors, SectorIndicator{Sector: sec,
			Partners: ratio(perSector[i], len(k.partners)), Occurrences: k.sectorOcc[i]})
	}
	return rep, nil
}

// groupIndicators lists every key in order (empty groups too, so a chart always has the same bars),
// except "" when nothing fell into it.
func groupIndicators(groups map[string]*figures, keys []string, all int) []GroupIndicator {
	out := make([]GroupIndicator, 0, len(keys))
	for _, key := range keys {
		f := groups[key]
		if f == nil {
			if key == "" {
				continue
			}
			f = &figures{}
		}
		out = append(out, GroupIndicator{Key: key, Occurrences: f.occurrences, Participants: f.participants,
			Share: ratio(f.participants.Total, all)})
	}
	return out
}

// Adoption computes the adoption view of [from, to): per active unit, the share of its ended
// occurrences with attendance recorded and when attendance was last recorded; the lowest fifth marked.
func (s Store) Adoption(ctx context.Context, from, to time.Time, year *int) (AdoptionReport, error) {
	k, units, _, err := s.indicatorPass(ctx, from, to)
	if err != nil {
		return AdoptionReport{}, err
	}
	var last []struct {
		UnitID uuid.UUID
		At     time.Time
	}
	// The newest attendance row of each unit's occurrences that began before the range's end.
	if err := s.DB.WithContext(ctx).Raw(`SELECT u.unit_id, max(t.created_at) AS at
		FROM attendance t JOIN activities a ON a.id = t.activity_id CROSS JOIN LATERAL unnest(a.unit_ids) AS u(unit_id)
		WHERE t.occurrence_start < ? GROUP BY u.unit_id`, to.UTC()).Scan(&last).Error; err != nil {
		return AdoptionReport{}, fmt.Errorf("adoption: %w", err)
	}
	lastAt := make(map[uuid.UUID]time.Time, len(last))
	for _, l := range last {
		lastAt[l.UnitID] = l.At
	}
	zone := s.zone()
	rep := AdoptionReport{From: from.In(zone), To: to.In(zone), Year: year, AttendanceRecorded: ratio(k.pastAtt, k.past),
		Units: make([]UnitAdoption, len(units))}
	for i, u := range units {
		f := k.units[i]
		rep.Units[i] = UnitAdoption{UnitID: u.ID, Name: u.Name, Kind: u.Kind, Municipality: u.Municipality,
			AttendanceRecorded: ratio(f.pastWithAtt, f.past)}
		if t, ok := lastAt[u.ID]; ok {
			t = t.In(zone)
			rep.Units[i].LastRecordedAt = &t
		}
	}
	slices.SortStableFunc(rep.Units, compareAdoption)
	rep.LowestFifthCount = markLowestFifth(rep.Units)
	return rep, nil
}

// compareAdoption: units with ended occurrences first, lowest share first, then more ended occurrences
// (more left unrecorded), then by name.
func compareAdoption(a, b UnitAdoption) int {
	ar, br := a.AttendanceRecorded, b.AttendanceRecorded
	if (ar.ShareBP == nil) != (br.ShareBP == nil) {
		if ar.ShareBP == nil {
			return 1
		}
		return -1
	}
	if ar.ShareBP != nil && *ar.ShareBP != *br.ShareBP {
		return *ar.ShareBP - *br.ShareBP
	}
	if ar.Denominator != br.Denominator {
		return br.Denominator - ar.Denominator
	}
	return strings.Compare(strings.ToLower(a.Name)+a.UnitID.String(), strings.ToLower(b.Name)+b.UnitID.String())
}

// markLowestFifth marks the first ceil(n/5) of the n units with ended occurrences (sorted lowest
// first), and any unit tied with the last of them; it returns how many it marked.
func markLowestFifth(units []UnitAdoption) int {
	ranked := 0
	for _, u := range units {
		if u.AttendanceRecorded.ShareBP != nil {
			ranked++
		}
	}
	if ranked == 0 {
		return 0
	}
	cut := *units[(ranked+4)/5-1].AttendanceRecorded.ShareBP
	marked := 0
	for i := range units[:ranked] {
		if *units[i].AttendanceRecorded.ShareBP <= cut {
			units[i].LowestFifth = true
			marked++
		}
	}
	return marked
}
