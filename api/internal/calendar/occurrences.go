package calendar

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/lib/pq"
	"gorm.io/gorm"

	"kulttuurisilta/api/internal/recurrence"
)

// MaxOverrideShift is the longest an occurrence may last; it bounds how far
// before a range an occurrence can start and still overlap it (the
// database checks the same 14 days).
const MaxOverrideShift = 14 * 24 * time.Hour

// OccurrenceFilter selects occurrences: those overlapping [From, To) and
// matching every non-empty filter (values within one filter are ORed).
type OccurrenceFilter struct {
	From, To     time.Time
	UnitIDs      []uuid.UUID
	PartnerIDs   []uuid.UUID
	Categories   []string
	Statuses     []string // the occurrence's status: "cancelled" also matches single cancelled occurrences
	TargetGroups []string
	SeriesID     *uuid.UUID
	// Visibility is "" for all activities, or "public" / "internal".
	Visibility string
	// ActivityID restricts to one activity (its occurrences list).
	ActivityID *uuid.UUID
	// ExcludeActivityID leaves one activity out (clash detection).
	ExcludeActivityID *uuid.UUID
}

// Occurrence is one expanded occurrence of an activity. Its identity is
// (ActivityID, OriginalStart); OriginalStart is the iCalendar
// RECURRENCE-ID. Times are UTC; show them in the calendar zone.
type Occurrence struct {
	ActivityID  uuid.UUID
	Title       string
	Description string
	Category    string
	// Status is the occurrence's status: the activity's, or "cancelled"
	// when this occurrence alone is cancelled.
	Status         string
	ActivityStatus string
	// Cancelled marks a cancelled occurrence (the whole activity, or this
	// occurrence by an override). Cancelled occurrences are listed, not hidden.
	Cancelled bool
	StartsAt  time.Time
	EndsAt    time.Time
	// OriginalStart is where the rule put the occurrence; it differs from
	// StartsAt when the occurrence was moved.
	OriginalStart time.Time
	// Overridden is true when an override moved or cancelled it; Moved
	// when its times differ from the original ones.
	Overridden bool
	Moved      bool
	// OverrideID and OverrideNote describe the override, if any.
	OverrideID   *uuid.UUID
	OverrideNote string
	// Recurring is true for an activity with a recurrence rule; Recurrence
	// is the rule (canonical RRULE value without "RRULE:").
	Recurring     bool
	Recurrence    string
	UnitIDs       []uuid.UUID
	PartnerIDs    []uuid.UUID
	SeriesID      *uuid.UUID
	Visibility    string
	TargetGroups  []string
	Accessibility string
	Capacity      *int
	// ActivityVersion is the activity's version; UpdatedAt the later of the
	// activity's and the override's change times (iCalendar SEQUENCE and
	// LAST-MODIFIED).
	ActivityVersion int
	UpdatedAt       time.Time
}

// candidate is an activity row that may have occurrences in a range.
type candidate struct {
	ID            uuid.UUID
	Title         string
	Description   string
	Category      string
	StartsAt      time.Time
	EndsAt        time.Time
	Recurrence    string
	Exdates       Times `gorm:"type:timestamptz[]"`
	SeriesID      *uuid.UUID
	Status        string
	TargetGroups  pq.StringArray `gorm:"type:text[]"`
	Accessibility string
	Capacity      *int
	Visibility    string
	Version       int
	UpdatedAt     time.Time
	UnitIDs       IDs `gorm:"type:uuid[]"`
	PartnerIDs    IDs `gorm:"type:uuid[]"`
}

type overrideKey struct {
	activity uuid.UUID
	start    int64
}

// Occurrences expands every activity matching f into its occurrences that
// overlap [f.From, f.To), with overrides applied, sorted by start (then
// activity id). Candidates are selected by index on each activity's
// precomputed span, so the cost grows with the activities active in the
// range, not with all activities (ADR 0022).
func (s Store) Occurrences(ctx context.Context, f OccurrenceFilter) ([]Occurrence, error) {
	if !f.To.After(f.From) {
		return nil, nil
	}
	zone := s.zone()
	cands, err := s.candidates(ctx, f)
	if err != nil {
		return nil, fmt.Errorf("calendar occurrences: %w", err)
	}
	if len(cands) == 0 {
		return []Occurrence{}, nil
	}
	overrides, err := s.overridesNear(ctx, f, cands)
	if err != nil {
		return nil, fmt.Errorf("calendar occurrences: %w", err)
	}
	rules := map[string]*recurrence.Rule{}
	out := make([]Occurrence, 0, 3*len(cands))
	for i := range cands {
		c := &cands[i]
		rule, err := cachedRule(rules, c.Recurrence)
		if err != nil {
			return nil, fmt.Errorf("calendar occurrences: activity %s: %w", c.ID, err)
		}
		dur := c.EndsAt.Sub(c.StartsAt)
		base := occurrenceBase(c)
		var seen map[int64]bool
		for _, o := range expand(rule, c.StartsAt, dur, zone, c.Exdates, f.From, f.To) {
			key := overrideKey{c.ID, o.Start.UnixNano()}
			if ov, ok := overrides[key]; ok {
				if seen == nil {
					seen = map[int64]bool{}
				}
				seen[key.start] = true
				if overlaps(ov.StartsAt, ov.EndsAt, f.From, f.To) {
					out = append(out, withOverride(base, o.Start, dur, ov))
				}
				continue
			}
			occ := base
			occ.StartsAt, occ.EndsAt, occ.OriginalStart = o.Start.UTC(), o.End.UTC(), o.Start.UTC()
			out = append(out, occ)
		}
		// Occurrences moved into the range from outside it.
		if len(overrides) == 0 {
			continue
		}
		for key, ov := range overrides {
			if key.activity != c.ID || seen[key.start] || !overlaps(ov.StartsAt, ov.EndsAt, f.From, f.To) {
				continue
			}
			if isOccurrence(rule, c.StartsAt, dur, zone, c.Exdates, ov.OriginalStart) {
				out = append(out, withOverride(base, ov.OriginalStart, dur, ov))
			}
		}
	}
	if len(f.Statuses) > 0 {
		out = slices.DeleteFunc(out, func(o Occurrence) bool { return !slices.Contains(f.Statuses, o.Status) })
	}
	return sortOccurrences(out), nil
}

// sortOccurrences orders by start, activity and original start. It sorts
// small keys and then places the (large) occurrences once.
func sortOccurrences(occ []Occurrence) []Occurrence {
	type key struct {
		start, orig int64
		id          uuid.UUID
		i           int
	}
	keys := make([]key, len(occ))
	for i := range occ {
		keys[i] = key{occ[i].StartsAt.UnixNano(), occ[i].OriginalStart.UnixNano(), occ[i].ActivityID, i}
	}
	slices.SortFunc(keys, func(a, b key) int {
		if a.start != b.start {
			return cmp.Compare(a.start, b.start)
		}
		if c := bytes.Compare(a.id[:], b.id[:]); c != 0 {
			return c
		}
		return cmp.Compare(a.orig, b.orig)
	})
	out := make([]Occurrence, len(occ))
	for j, k := range keys {
		out[j] = occ[k.i]
	}
	return out
}

func occurrenceBase(c *candidate) Occurrence {
	cancelled := c.Status == StatusCancelled
	return Occurrence{ActivityID: c.ID, Title: c.Title, Description: c.Description, Category: c.Category,
		Status: c.Status, ActivityStatus: c.Status, Cancelled: cancelled, Recurring: c.Recurrence != "",
		Recurrence: c.Recurrence, UnitIDs: c.UnitIDs, PartnerIDs: c.PartnerIDs,
		SeriesID: c.SeriesID, Visibility: c.Visibility, TargetGroups: nonNilStrings(c.TargetGroups),
		Accessibility: c.Accessibility, Capacity: c.Capacity, ActivityVersion: c.Version, UpdatedAt: c.UpdatedAt.UTC()}
}

func withOverride(base Occurrence, original time.Time, dur time.Duration, ov *Override) Occurrence {
	occ := base
	occ.OriginalStart = original.UTC()
	occ.StartsAt, occ.EndsAt = ov.StartsAt.UTC(), ov.EndsAt.UTC()
	occ.Overridden = true
	occ.Moved = !ov.StartsAt.Equal(original) || ov.EndsAt.Sub(ov.StartsAt) != dur
	id := ov.ID
	occ.OverrideID, occ.OverrideNote = &id, ov.Note
	if ov.Cancelled {
		occ.Cancelled, occ.Status = true, StatusCancelled
	}
	if ov.UpdatedAt.After(occ.UpdatedAt) {
		occ.UpdatedAt = ov.UpdatedAt.UTC()
	}
	return occ
}

func overlaps(start, end, from, to time.Time) bool { return start.Before(to) && end.After(from) }

// expand is recurrence.Expand with a fast path for single events.
func expand(rule *recurrence.Rule, start time.Time, dur time.Duration, zone *time.Location, exdates []time.Time,
	from, to time.Time) []recurrence.Occurrence {
	if rule == nil {
		end := start.Add(dur)
		if !overlaps(start, end, from, to) || slices.ContainsFunc(exdates, start.Equal) {
			return nil
		}
		return []recurrence.Occurrence{{Start: start, End: end}}
	}
	return recurrence.Expand(rule, start, dur, zone, exdates, from, to)
}

// isOccurrence reports whether the rule has an occurrence starting at t.
func isOccurrence(rule *recurrence.Rule, start time.Time, dur time.Duration, zone *time.Location, exdates []time.Time, t time.Time) bool {
	for _, o := range expand(rule, start, dur, zone, exdates, t, t.Add(time.Nanosecond)) {
		if o.Start.Equal(t) {
			return true
		}
	}
	return false
}

func cachedRule(cache map[string]*recurrence.Rule, s string) (*recurrence.Rule, error) {
	if s == "" {
		return nil, nil
	}
	if r, ok := cache[s]; ok {
		return r, nil
	}
	r, err := recurrence.Parse(s)
	if err != nil {
		return nil, err
	}
	cache[s] = r
	return r, nil
}

func nonNilStrings(ss []string) []string {
	if ss == nil {
		return []string{}
	}
	return ss
}

const candidateColumns = `a.id, a.title, a.description, a.category, a.starts_at, a.ends_at, a.recurrence, a.exdates,
	a.series_id, a.status, a.target_groups, a.accessibility, a.capacity, a.visibility, a.version, a.updated_at,
	a.unit_ids, a.partner_ids`

// candidates selects the activities that may have occurrences in the
// range: those whose span [starts_at, until_at) overlaps it (GiST index),
// and, in a second small query, those with an occurrence moved into it
// from outside their span.
func (s Store) candidates(ctx context.Context, f OccurrenceFilter) ([]candidate, error) {
	args := map[string]any{"from": f.From.UTC(), "to": f.To.UTC(), "shift": f.From.UTC().Add(-MaxOverrideShift)}
	var where []string
	if len(f.UnitIDs) > 0 {
		// Drive from the unit index when a unit is asked for: a unit has few activities.
		args["units"] = f.UnitIDs
		where = append(where, `a.id IN (SELECT au.activity_id FROM activity_units au WHERE au.unit_id IN @units)`)
	}
	if f.ActivityID != nil {
		args["activity"] = *f.ActivityID
		where = append(where, `a.id = @activity`)
	}
	if f.ExcludeActivityID != nil {
		args["exclude"] = *f.ExcludeActivityID
		where = append(where, `a.id <> @exclude`)
	}
	if len(f.PartnerIDs) > 0 {
		args["partners"] = f.PartnerIDs
		where = append(where, `a.id IN (SELECT ap.activity_id FROM activity_partners ap WHERE ap.partner_id IN @partners)`)
	}
	if len(f.Categories) > 0 {
		args["categories"] = f.Categories
		where = append(where, `a.category IN @categories`)
	}
	if len(f.Statuses) > 0 {
		args["statuses"] = f.Statuses
		cond := `a.status IN @statuses`
		if slices.Contains(f.Statuses, StatusCancelled) {
			cond = `(a.status IN @statuses OR EXISTS (SELECT 1 FROM occurrence_overrides o2 WHERE o2.activity_id = a.id AND o2.cancelled))`
		}
		where = append(where, cond)
	}
	if len(f.TargetGroups) > 0 {
		args["targets"] = f.TargetGroups
		where = append(where, `EXISTS (SELECT 1 FROM unnest(a.target_groups) AS g WHERE g IN @targets)`)
	}
	if f.SeriesID != nil {
		args["series"] = *f.SeriesID
		where = append(where, `a.series_id = @series`)
	}
	if f.Visibility != "" {
		args["visibility"] = f.Visibility
		where = append(where, `a.visibility = @visibility`)
	}
	filters := ""
	if len(where) > 0 {
		filters = ` AND ` + strings.Join(where, ` AND `)
	}
	const span = `tstzrange(a.starts_at, a.until_at, '[)') && tstzrange(@from, @to, '[)')`
	db := s.DB.WithContext(ctx)
	rows, err := scanCandidates(db.Raw(`SELECT `+candidateColumns+` FROM activities a WHERE `+span+filters, args), nil)
	if err != nil {
		return nil, err
	}
	return scanCandidates(db.Raw(`SELECT `+candidateColumns+` FROM activities a
		WHERE a.id IN (SELECT o.activity_id FROM occurrence_overrides o WHERE o.starts_at < @to AND o.starts_at > @shift AND o.ends_at > @from)
		AND NOT (`+span+`)`+filters, args), rows)
}

// scanCandidates reads rows by position (no reflection: this is the hot path).
func scanCandidates(q *gorm.DB, out []candidate) ([]candidate, error) {
	rows, err := q.Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var c candidate
		if err := rows.Scan(&c.ID, &c.Title, &c.Description, &c.Category, &c.StartsAt, &c.EndsAt, &c.Recurrence,
			&c.Exdates, &c.SeriesID, &c.Status, &c.TargetGroups, &c.Accessibility, &c.Capacity, &c.Visibility,
			&c.Version, &c.UpdatedAt, &c.UnitIDs, &c.PartnerIDs); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// overridesNear loads the overrides of occurrences that are, or were, in
// the range, keyed by (activity, original start).
func (s Store) overridesNear(ctx context.Context, f OccurrenceFilter, cands []candidate) (map[overrideKey]*Override, error) {
	from, to := f.From.UTC(), f.To.UTC()
	shift := from.Add(-MaxOverrideShift)
	q := s.DB.WithContext(ctx).Model(&Override{}).
		Where("(original_start >= ? AND original_start < ?) OR (starts_at < ? AND starts_at > ? AND ends_at > ?)",
			shift, to, to, shift, from)
	if f.ActivityID != nil {
		q = q.Where("activity_id = ?", *f.ActivityID)
	}
	var rows []Override
	if err := q.Find(&rows).Error; err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, nil
	}
	ids := make(map[uuid.UUID]bool, len(cands))
	for _, c := range cands {
		ids[c.ID] = true
	}
	out := make(map[overrideKey]*Override, len(rows))
	for i := range rows {
		if ids[rows[i].ActivityID] {
			out[overrideKey{rows[i].ActivityID, rows[i].OriginalStart.UnixNano()}] = &rows[i]
		}
	}
	return out, nil
}

// Store reads and writes the calendar. Every write records its audit event
// in the same transaction.
type Store struct {
	DB *gorm.DB
	// Zone is the calendar zone recurrence is expanded in (Europe/Helsinki).
	Zone *time.Location
}

func (s Store) zone() *time.Location {
	if s.Zone == nil {
		return time.UTC
	}
	return s.Zone
}

// withTx is the store bound to a transaction.
func (s Store) withTx(tx *gorm.DB) Store { return Store{DB: tx, Zone: s.Zone} }
