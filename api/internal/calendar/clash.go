package calendar

import (
	"context"
	"slices"
	"sort"
	"time"

	"github.com/google/uuid"

	"kulttuurisilta/api/internal/apperr"
)

// clashHorizon is how far ahead of now (or of its start, for a future
// activity) an unbounded recurring activity is checked for clashes.
const clashHorizon = 366 * 24 * time.Hour

// ClashResponse is the clashing occurrence in a 409 problem body
// (member "clash").
type ClashResponse struct {
	ActivityID    uuid.UUID   `json:"activity_id"`
	Title         string      `json:"title"`
	Status        string      `json:"status"`
	StartsAt      time.Time   `json:"starts_at"`
	EndsAt        time.Time   `json:"ends_at"`
	OriginalStart time.Time   `json:"original_start"`
	UnitIDs       []uuid.UUID `json:"unit_ids"`
	// SharedUnitIDs are the units both activities are in.
	SharedUnitIDs []uuid.UUID `json:"shared_unit_ids"`
}

// clashWindow is the range an activity's occurrences are checked in.
func clashWindow(a Activity, now time.Time) (time.Time, time.Time) {
	from := a.StartsAt
	base := a.StartsAt
	if now.After(base) {
		base = now
	}
	to := base.Add(clashHorizon)
	if a.UntilAt != nil && a.UntilAt.Before(to) {
		to = *a.UntilAt
	}
	if !to.After(from) {
		to = a.EndsAt
	}
	return from, to
}

// checkClash answers 409 when an occurrence of a (only the one with
// original start `only`, when given) overlaps an occurrence of another
// confirmed activity in one of a's units. Cancelled activities and
// occurrences clash with nothing. s.DB must be the writing transaction,
// with the units locked.
func (s Store) checkClash(ctx context.Context, a Activity, only *time.Time) error {
	if a.Status == StatusCancelled {
		return nil
	}
	from, to := clashWindow(a, time.Now())
	mine, err := s.Occurrences(ctx, OccurrenceFilter{From: from, To: to, ActivityID: &a.ID})
	if err != nil {
		return err
	}
	mine = slices.DeleteFunc(mine, func(o Occurrence) bool {
		return o.Cancelled || (only != nil && !o.OriginalStart.Equal(*only))
	})
	if len(mine) == 0 {
		return nil
	}
	// Only the range the activity's own occurrences cover.
	lo, hi := mine[0].StartsAt, mine[0].EndsAt
	for _, o := range mine {
		if o.EndsAt.After(hi) {
			hi = o.EndsAt
		}
	}
	others, err := s.Occurrences(ctx, OccurrenceFilter{From: lo, To: hi, UnitIDs: a.UnitIDs,
		Statuses: []string{StatusConfirmed}, ExcludeActivityID: &a.ID})
	if err != nil {
		return err
	}
	if len(others) == 0 {
		return nil
	}
	for _, m := range mine {
		// others are sorted by start and last at most MaxDuration.
		i := sort.Search(len(others), func(i int) bool { return others[i].StartsAt.After(m.StartsAt.Add(-MaxDuration)) })
		for ; i < len(others) && others[i].StartsAt.Before(m.EndsAt); i++ {
			o := others[i]
			if o.EndsAt.After(m.StartsAt) && !o.Cancelled {
				return s.clashError(a, m, o)
			}
		}
	}
	return nil
}

func (s Store) clashError(a Activity, mine, other Occurrence) error {
	zone := s.zone()
	shared := []uuid.UUID{}
	for _, u := range other.UnitIDs {
		if slices.Contains(a.UnitIDs, u) {
			shared = append(shared, u)
		}
	}
	e := apperr.Conflict("the occurrence at %s overlaps the confirmed activity %q (%s–%s) in the same unit; "+
		"choose another time or send allow_overlap: true", mine.StartsAt.In(zone).Format(time.RFC3339), other.Title,
		other.StartsAt.In(zone).Format(time.RFC3339), other.EndsAt.In(zone).Format(time.RFC3339))
	e.Extra = map[string]any{
		"clash": ClashResponse{ActivityID: other.ActivityID, Title: other.Title, Status: other.Status,
			StartsAt: other.StartsAt.In(zone), EndsAt: other.EndsAt.In(zone), OriginalStart: other.OriginalStart.In(zone),
			UnitIDs: other.UnitIDs, SharedUnitIDs: shared},
		"occurrence": map[string]any{"starts_at": mine.StartsAt.In(zone), "ends_at": mine.EndsAt.In(zone),
			"original_start": mine.OriginalStart.In(zone)},
	}
	return e
}
