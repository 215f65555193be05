package report

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"gorm.io/gorm"

	"kulttuurisilta/api/internal/calendar"
	"kulttuurisilta/api/internal/database"
	"kulttuurisilta/api/internal/gencache"
	"kulttuurisilta/api/internal/recurrence"
)

// Store computes reports from the calendar's occurrences and the attendance table.
type Store struct {
	DB   *gorm.DB
	Zone *time.Location
	Now  func() time.Time
	// Reports keeps activity reports per report generation; nil keeps none.
	Reports *Reports
	// Inputs keeps what the occurrences of short ranges are counted from, per report generation,
	// patched with the activities changed since (ADR 0196); nil keeps none.
	Inputs *Inputs
}

func (s Store) zone() *time.Location {
	if s.Zone == nil {
		return time.UTC
	}
	return s.Zone
}

func (s Store) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

type attendanceKey struct {
	activity uuid.UUID
	start    int64
}

type attendanceRow struct {
	ActivityID      uuid.UUID
	OccurrenceStart time.Time
	Residents       int
	Staff           int
	Volunteers      int
	Relatives       int
	Feedback        *int
}

type unitRow struct {
	ID           uuid.UUID
	Name         string
	Kind         string
	Municipality string
}

// counted reports whether an occurrence counts as held or planned: not cancelled, not a mere proposal.
func counted(o *calendar.Occurrence) bool {
	return !o.Cancelled && o.ActivityStatus != calendar.StatusProposed
}

// occurrences loads the occurrences of [from, to) and the attendance recorded for them.
func (s Store) occurrences(ctx context.Context, from, to time.Time) ([]calendar.Occurrence, map[attendanceKey]attendanceRow, error) {
	occ, err := calendar.Store{DB: s.DB, Zone: s.Zone}.Occurrences(ctx, calendar.OccurrenceFilter{From: from, To: to})
	if err != nil {
		return nil, nil, err
	}
	var rows []attendanceRow
	// Attendance is keyed by the occurrence's original start, which lies at most the longest move away.
	err = s.DB.WithContext(ctx).Raw(`SELECT activity_id, occurrence_start, residents, staff, volunteers, relatives, feedback
		FROM attendance WHERE occurrence_start >= ? AND occurrence_start < ?`,
		from.Add(-calendar.MaxOverrideShift).UTC(), to.Add(calendar.MaxOverrideShift).UTC()).Scan(&rows).Error
	if err != nil {
		return nil, nil, fmt.Errorf("report attendance: %w", err)
	}
	att := make(map[attendanceKey]attendanceRow, len(rows))
	for _, r := range rows {
		att[attendanceKey{r.ActivityID, r.OccurrenceStart.UnixNano()}] = r
	}
	return occ, att, nil
}

func (s Store) activeUnits(ctx context.Context) ([]unitRow, error) {
	var units []unitRow
	err := s.DB.WithContext(ctx).Raw(`SELECT id, name, kind, municipality FROM units WHERE active ORDER BY name, id`).Scan(&units).Error
	if err != nil {
		return nil, fmt.Errorf("report units: %w", err)
	}
	return units, nil
}

// acc accumulates one group's metrics.
type acc struct {
	m           Metrics
	feedbackSum int
	units       map[uuid.UUID]bool
}

func newAcc() *acc { return &acc{units: map[uuid.UUID]bool{}} }

func (a *acc) metrics(unitsTotal int) Metrics {
	m := a.m
	m.UnitsReached = len(a.units)
	m.UnitsReachedShareBP = shareBP(m.UnitsReached, unitsTotal)
	if m.FeedbackCount > 0 {
		mean := math.Round(float64(a.feedbackSum)/float64(m.FeedbackCount)*100) / 100
		m.FeedbackMean = &mean
	}
	return m
}

func shareBP(n, total int) int {
	if total == 0 {
		return 0
	}
	return min(10000, n*10000/total)
}

// Activities is the activity report of [from, to) grouped by groupBy (see activities.go). With s.Reports
// it is computed once per report generation (ADR 0195): the generation is read first, so a kept report
// holds the data of its generation or newer, never older.
func (s Store) Activities(ctx context.Context, from, to time.Time, groupBy string) (ActivityReport, error) {
	if s.Reports == nil {
		return s.activities(ctx, from, to, groupBy)
	}
	var gen int64
	if err := database.ReadSnapshot(ctx, s.DB.WithContext(ctx), func(tx pgx.Tx) (err error) {
		gen, err = database.Generation(ctx, tx, database.GenerationReport)
		return err
	}); err != nil {
		return ActivityReport{}, fmt.Errorf("activity report: %w", err)
	}
	return s.Reports.Get(reportKey{from: from.UnixNano(), to: to.UnixNano(), groupBy: groupBy}, gen,
		func() (ActivityReport, error) { return s.activities(ctx, from, to, groupBy) })
}

// Reports keeps activity reports per report generation (ADR 0195).
type Reports = gencache.Cache[reportKey, ActivityReport]

// NewReports returns a cache of the n most recently used activity reports.
func NewReports(n int) *Reports { return gencache.New[reportKey, ActivityReport](n) }

// reportKey is a kept report's range and grouping.
type reportKey struct {
	from, to int64
	groupBy  string
}

// Inputs keeps the inputs of ranges of at most keptSpan per report generation (ADR 0196).
type Inputs = gencache.Cache[inputsKey, *inputs]

// NewInputs returns a cache of the inputs of the n most recently used ranges.
func NewInputs(n int) *Inputs { return gencache.New[inputsKey, *inputs](n) }

// inputsKey is a kept range and the zone its occurrences are expanded in.
type inputsKey struct {
	from, to int64
	zone     string
}

// keptSpan is the longest range whose inputs are kept: a month with its leading and trailing weeks, as
// the calendar's (a region month's inputs are a few megabytes; a year's would crowd them out).
const keptSpan = 45 * 24 * time.Hour

// keptInputs is how many ranges' inputs a module keeps (the months the screens ask for).
const keptInputs = 16

// inputsOf is the inputs of x's range in tx's snapshot: kept per report generation, and brought up to a
// later one by reading only the activities changed since, when the change log names them (ADR 0196).
func (s Store) inputsOf(ctx context.Context, tx pgx.Tx, x *recurrence.Window, zone *time.Location) (*inputs, error) {
	if s.Inputs == nil || x.To().Sub(x.From()) > keptSpan {
		return readInputs(ctx, tx, x, nil)
	}
	gen, err := database.Generation(ctx, tx, database.GenerationReport)
	if err != nil {
		return nil, err
	}
	key := inputsKey{from: x.From().UnixNano(), to: x.To().UnixNano(), zone: zone.String()}
	return s.Inputs.Update(key, gen, func(prev *inputs, prevGen int64, kept bool) (*inputs, error) {
		if kept {
			changed, named, err := database.Changed(ctx, tx, database.GenerationReport, prevGen, gen, database.PatchLimit)
			if err != nil {
				return nil, err
			}
			if named {
				only := make([][16]byte, len(changed))
				for i, id := range changed {
					only[i] = id
				}
				fresh, err := readInputs(ctx, tx, x, only)
				if err != nil {
					return nil, err
				}
				return prev.patched(only, fresh), nil
			}
		}
		return readInputs(ctx, tx, x, nil)
	})
}

// keptReports is how many activity reports a module keeps: a year of months in each grouping the
// screens ask for, with room to spare (a report by unit is some tens of kilobytes).
const keptReports = 64

// activities computes the activity report.
func (s Store) activities(ctx context.Context, from, to time.Time, groupBy string) (ActivityReport, error) {
	units, err := s.activeUnits(ctx)
	if err != nil {
		return ActivityReport{}, err
	}
	labels, err := s.labels(ctx, groupBy)
	if err != nil {
		return ActivityReport{}, err
	}
	zone := s.Zone
	if zone == nil {
		zone = time.UTC
	}
	g := &aggregator{groupBy: groupBy, zone: zone, totals: newAcc(), groups: map[string]*acc{}}
	if err := s.aggregate(ctx, g, zone, from, to); err != nil {
		return ActivityReport{}, err
	}
	rep := ActivityReport{From: from.In(s.Zone), To: to.In(s.Zone), GroupBy: groupBy, UnitsTotal: len(units),
		Totals: g.totals.metrics(len(units)), Groups: make([]Group, 0, len(g.groups))}
	for k, a := range g.groups {
		label := labels[k]
		if label == "" {
			label = k
		}
		if k == "" {
			label = "(none)"
		}
		rep.Groups = append(rep.Groups, Group{Key: k, Label: label, Metrics: a.metrics(len(units))})
	}
	sortGroups(rep.Groups, groupBy)
	return rep, nil
}

// labels names unit and partner groups (ids are keys); other keys label themselves.
func (s Store) labels(ctx context.Context, groupBy string) (map[string]string, error) {
	out := map[string]string{}
	switch groupBy {
	case "unit":
		var all []unitRow // inactive units may have hosted occurrences too
		if err := s.DB.WithContext(ctx).Raw(`SELECT id, name FROM units`).Scan(&all).Error; err != nil {
			return nil, fmt.Errorf("report labels: %w", err)
		}
		for _, u := range all {
			out[u.ID.String()] = u.Name
		}
	case "partner":
		var rows []unitRow
		if err := s.DB.WithContext(ctx).Raw(`SELECT id, name FROM partners`).Scan(&rows).Error; err != nil {
			return nil, fmt.Errorf("report labels: %w", err)
		}
		for _, p := range rows {
			out[p.ID.String()] = p.Name
		}
	}
	return out, nil
}

// LookBack is how far before the range the reach report looks for a unit's last activity.
const LookBack = 365 * 24 * time.Hour

// Reach computes the reach report of [from, to).
func (s Store) Reach(ctx context.Context, from, to time.Time) (ReachReport, error) {
	units, err := s.activeUnits(ctx)
	if err != nil {
		return ReachReport{}, err
	}
	occ, att, err := s.occurrences(ctx, from.Add(-LookBack), to)
	if err != nil {
		return ReachReport{}, err
	}
	ref := to
	if now := s.now(); now.Before(ref) {
		ref = now
	}
	byUnit := map[uuid.UUID]*UnitReach{}
	rep := ReachReport{From: from.In(s.Zone), To: to.In(s.Zone), UnitsTotal: len(units), Units: make([]UnitReach, len(units))}
	for i, u := range units {
		rep.Units[i] = UnitReach{UnitID: u.ID, Name: u.Name, Kind: u.Kind, Municipality: u.Municipality}
		byUnit[u.ID] = &rep.Units[i]
	}
	for i := range occ {
		o := &occ[i]
		if !counted(o) {
			continue
		}
		inRange := o.StartsAt.Before(to) && o.EndsAt.After(from)
		r, hasAtt := att[attendanceKey{o.ActivityID, o.OriginalStart.UnixNano()}]
		for _, id := range o.UnitIDs {
			u := byUnit[id]
			if u == nil {
				continue
			}
			if inRange {
				u.Occurrences++
				if hasAtt {
					p := &u.Participants
					p.Residents += r.Residents
					p.Staff += r.Staff
					p.Volunteers += r.Volunteers
					p.Relatives += r.Relatives
					p.Total += r.Residents + r.Staff + r.Volunteers + r.Relatives
				}
			}
			if !o.StartsAt.After(ref) && (u.LastActivityAt == nil || o.StartsAt.After(*u.LastActivityAt)) {
				t := o.StartsAt.In(s.Zone)
				u.LastActivityAt = &t
			}
		}
	}
	for i := range rep.Units {
		u := &rep.Units[i]
		if u.Occurrences > 0 {
			rep.UnitsReached++
		}
		if u.LastActivityAt != nil {
			w := int(ref.Sub(*u.LastActivityAt) / (7 * 24 * time.Hour))
			u.WeeksSinceLast = &w
		}
	}
	rep.ReachedShareBP = shareBP(rep.UnitsReached, rep.UnitsTotal)
	slices.SortStableFunc(rep.Units, compareReach)
	return rep, nil
}

// compareReach puts units without occurrences first (never-active first, then longest without), then
// the rest by fewest occurrences, then by name.
func compareReach(a, b UnitReach) int {
	if (a.Occurrences == 0) != (b.Occurrences == 0) {
		if a.Occurrences == 0 {
			return -1
		}
		return 1
	}
	if a.Occurrences == 0 {
		wa, wb := math.MaxInt, math.MaxInt
		if a.WeeksSinceLast != nil {
			wa = *a.WeeksSinceLast
		}
		if b.WeeksSinceLast != nil {
			wb = *b.WeeksSinceLast
		}
		if wa != wb {
			if wa > wb {
				return -1
			}
			return 1
		}
	} else if a.Occurrences != b.Occurrences {
		return a.Occurrences - b.Occurrences
	}
	return strings.Compare(a.Name+a.UnitID.String(), b.Name+b.UnitID.String())
}
