package calendar

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"kulttuurisilta/api/internal/database"
	"kulttuurisilta/api/internal/notify"
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
	// only restricts to these activities: those a kept set is patched with
	// (ADR 0196).
	only IDs
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
	ID         uuid.UUID
	StartsAt   time.Time
	EndsAt     time.Time
	Recurrence string
	Exdates    Times
	Status     string
	UpdatedAt  time.Time
	// *details is nil until the other columns are read (only the page's
	// activities are, ADR 0026).
	*details
}

// details are an activity's columns that expanding does not need.
type details struct {
	Title         string
	Description   string
	Category      string
	SeriesID      *uuid.UUID
	TargetGroups  Texts
	Accessibility string
	Capacity      *int
	Visibility    string
	Version       int
	UnitIDs       IDs
	PartnerIDs    IDs
}

// Occurrences expands every activity matching f into its occurrences that
// overlap [f.From, f.To), with overrides applied, sorted by start (then
// activity id and original start). Candidates are selected by index on each
// activity's precomputed span, so the cost grows with the activities active
// in the range, not with all activities (ADR 0022).
func (s Store) Occurrences(ctx context.Context, f OccurrenceFilter) ([]Occurrence, error) {
	occ, _, err := s.occurrences(ctx, f, nil, 0, -1)
	if err != nil {
		return nil, fmt.Errorf("calendar occurrences: %w", err)
	}
	return occ, nil
}

// OccurrencePage is one page of Occurrences(f) (those changed after since,
// when since is set) and how many there are in all. Only the page's
// occurrences are built: the rest are expanded, filtered, sorted and counted
// in compact form (ADR 0026).
func (s Store) OccurrencePage(ctx context.Context, f OccurrenceFilter, since *time.Time, offset, limit int) ([]Occurrence, int, error) {
	occ, total, err := s.occurrences(ctx, f, since, max(offset, 0), max(limit, 0))
	if err != nil {
		return nil, 0, fmt.Errorf("calendar occurrences: %w", err)
	}
	return occ, total, nil
}

// occurrences is Occurrences and OccurrencePage; limit < 0 means all, read
// in one pass with every column. A page reads the candidates' light columns,
// then the page's activities in full, in the same read-only snapshot.
func (s Store) occurrences(ctx context.Context, f OccurrenceFilter, since *time.Time, offset, limit int) ([]Occurrence, int, error) {
	x := recurrence.NewWindow(s.zone(), f.From, f.To)
	if x.Empty() {
		return []Occurrence{}, 0, nil
	}
	f.From, f.To = x.From(), x.To()
	all := limit < 0
	out := []Occurrence{}
	total := 0
	err := s.withReader(ctx, func(r *reader) error {
		set, err := s.occurrenceSet(r, x, f, since, all)
		if err != nil || set == nil {
			return err
		}
		total = len(set.slots)
		lo, hi := 0, total
		if !all {
			lo = min(offset, total)
			hi = min(lo+limit, total)
		}
		page := set.page(lo, hi)
		var full map[int32]*candidate
		if !all {
			if full, err = r.loadDetails(set, page); err != nil {
				return err
			}
		}
		out = set.materialise(page, full)
		return nil
	})
	if err != nil {
		return nil, 0, err
	}
	return out, total, nil
}

// occurrenceSet expands f's candidates (light columns unless all) into the
// set of their occurrences (nil when there are none). A region-wide filter's
// set is kept (Store.Sets) for the calendar generation of the reader's
// snapshot and served again while it stays the same (ADR 0195); a kept set
// is sorted once and never changed after.
func (s Store) occurrenceSet(r *reader, x *recurrence.Window, f OccurrenceFilter, since *time.Time, all bool) (*occurrenceSet, error) {
	build := func() (*occurrenceSet, error) {
		cands, err := r.candidates(f, !all)
		if err != nil || len(cands) == 0 {
			return nil, err
		}
		overrides, err := r.overrides(f)
		if err != nil {
			return nil, err
		}
		return buildOccurrenceSet(x, f, since, cands, overrides, s.zone())
	}
	key, ok := keyOfSet(f, since, all)
	if !ok || s.Sets == nil || r.pgx == nil { // inside a write transaction: its own changes are not in a generation yet
		return build()
	}
	gen, err := database.Generation(r.ctx, r.pgx, database.GenerationCalendar)
	if err != nil {
		return nil, err
	}
	return s.Sets.Update(key, gen, func(prev *occurrenceSet, prevGen int64, kept bool) (*occurrenceSet, error) {
		if kept {
			changed, named, err := database.Changed(r.ctx, r.pgx, database.GenerationCalendar, prevGen, gen, database.PatchLimit)
			if err != nil {
				return nil, err
			}
			if named {
				return s.patchSet(r, x, f, prev, changed)
			}
		}
		set, err := build()
		if set != nil {
			set.sortAll()
		}
		return set, err
	})
}

// patchSet brings prev, kept at an older generation, up to the reader's:
// only the changed activities are read (with f's filters) and expanded.
func (s Store) patchSet(r *reader, x *recurrence.Window, f OccurrenceFilter, prev *occurrenceSet, changed IDs) (*occurrenceSet, error) {
	f.only = changed
	cands, err := r.candidates(f, true)
	if err != nil {
		return nil, err
	}
	overrides, err := r.overrides(f)
	if err != nil {
		return nil, err
	}
	fresh, err := buildOccurrenceSet(x, f, nil, cands, overrides, s.zone())
	if err != nil {
		return nil, err
	}
	fresh.sortAll()
	return prev.patched(changed, fresh), nil
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

// series is an activity's recurrence, for recurrence.Has and the iterator.
func (a Activity) series(rule *recurrence.Rule) recurrence.Series {
	return recurrence.Series{Start: a.StartsAt, Duration: a.EndsAt.Sub(a.StartsAt), Rule: rule, Exdates: a.Exdates}
}

func nonNilStrings(ss []string) []string {
	if ss == nil {
		return []string{}
	}
	return ss
}

// candidateColumns are read for every occurrence built; lightColumns are
// all that expanding, filtering, sorting and counting need.
const (
	candidateColumns = `a.id, a.starts_at, a.ends_at, a.recurrence, a.exdates, a.status, a.updated_at,
	a.title, a.description, a.category, a.series_id, a.target_groups, a.accessibility, a.capacity, a.visibility,
	a.version, a.unit_ids, a.partner_ids`
	lightColumns = `a.id, a.starts_at, a.ends_at, a.recurrence, a.exdates, a.status, a.updated_at`
)

// Store reads and writes the calendar. Every write records its audit event
// in the same transaction.
type Store struct {
	DB *gorm.DB
	// Zone is the calendar zone recurrence is expanded in (Europe/Helsinki).
	Zone *time.Location
	// Notify is told about activity changes in the changing transaction;
	// nil tells nobody.
	Notify notify.Notifier
	// Now is the clock of "within the next 14 days" (nil: time.Now).
	Now func() time.Time
	// Sets keeps region-wide occurrence sets per calendar generation (ADR
	// 0195); nil keeps none.
	Sets *Sets
}

func (s Store) zone() *time.Location {
	if s.Zone == nil {
		return time.UTC
	}
	return s.Zone
}

// withTx is the store bound to a transaction.
func (s Store) withTx(tx *gorm.DB) Store { s.DB = tx; return s }
