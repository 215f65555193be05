package feed

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"kulttuurisilta/api/internal/apperr"
	"kulttuurisilta/api/internal/database"
	"kulttuurisilta/api/internal/recurrence"
)

// History is how far back a feed reaches: activities whose last occurrence ended longer ago are left out,
// so a feed stays small as the years pass (ADR 0042).
const History = 365 * 24 * time.Hour

// MaxEvents caps one feed; a region's whole public calendar stays far below it.
const MaxEvents = 20000

// Store reads feeds and manages feed tokens.
type Store struct {
	DB   *gorm.DB
	Zone *time.Location
	Now  func() time.Time
}

func (s Store) now() time.Time {
	if s.Now != nil {
		return s.Now().UTC()
	}
	return time.Now().UTC()
}

// feedQuery selects one feed.
type feedQuery struct {
	UnitID    *uuid.UUID
	PartnerID *uuid.UUID
	Private   bool
}

// name returns the feed's display name, and a 404 when its unit or partner does not exist.
func (s Store) name(ctx context.Context, q feedQuery) (string, error) {
	base := "Kulttuurisilta"
	lookup := func(table, what string, id *uuid.UUID) (string, error) {
		var names []string
		if err := s.DB.WithContext(ctx).Table(table).Where("id = ?", *id).Pluck("name", &names).Error; err != nil {
			return "", err
		}
		if len(names) == 0 {
			return "", apperr.NotFound(what)
		}
		return base + " – " + names[0], nil
	}
	switch {
	case q.UnitID != nil:
		return lookup("units", "unit", q.UnitID)
	case q.PartnerID != nil:
		return lookup("partners", "partner", q.PartnerID)
	}
	return base, nil
}

type eventRow struct {
	ID          uuid.UUID
	Title       string
	Description string
	Category    string
	Status      string
	Visibility  string
	StartsAt    time.Time
	EndsAt      time.Time
	Recurrence  string
	Exdates     database.Array[time.Time] `gorm:"type:timestamptz[]"`
	Version     int
	CreatedAt   time.Time
	UpdatedAt   time.Time
	Location    string
}

type overrideRow struct {
	ActivityID    uuid.UUID
	OriginalStart time.Time
	StartsAt      time.Time
	EndsAt        time.Time
	Cancelled     bool
	Note          string
	Version       int
	UpdatedAt     time.Time
}

// Calendar loads one feed: the activities in scope whose last occurrence ends after now − History, with
// their overrides. The public feed holds only public activities that are no longer mere proposals.
func (s Store) Calendar(ctx context.Context, q feedQuery) (Calendar, error) {
	name, err := s.name(ctx, q)
	if err != nil {
		return Calendar{}, err
	}
	args := map[string]any{"since": s.now().Add(-History), "max": MaxEvents}
	var where []string
	if !q.Private {
		where = append(where, `a.visibility = 'public' AND a.status <> 'proposed'`)
	}
	if q.UnitID != nil {
		args["unit"] = *q.UnitID
		where = append(where, `a.id IN (SELECT au.activity_id FROM activity_units au WHERE au.unit_id = @unit)`)
	}
	if q.PartnerID != nil {
		args["partner"] = *q.PartnerID
		where = append(where, `a.id IN (SELECT ap.activity_id FROM activity_partners ap WHERE ap.partner_id = @partner)`)
	}
	sql := `SELECT a.id, a.title, a.description, a.category, a.status, a.visibility, a.starts_at, a.ends_at,
			a.recurrence, a.exdates, a.version, a.created_at, a.updated_at,
			coalesce((SELECT string_agg(u.name || CASE WHEN u.address <> '' THEN ', ' || u.address ELSE '' END, '; '
				ORDER BY u.name) FROM activity_units au JOIN units u ON u.id = au.unit_id WHERE au.activity_id = a.id), '') AS location
		FROM activities a
		WHERE (a.until_at IS NULL OR a.until_at >= @since)`
	for _, w := range where {
		sql += " AND " + w
	}
	sql += ` ORDER BY a.starts_at, a.id LIMIT @max`
	var rows []eventRow
	if err := s.DB.WithContext(ctx).Raw(sql, args).Scan(&rows).Error; err != nil {
		return Calendar{}, fmt.Errorf("feed: %w", err)
	}
	cal := Calendar{Name: name, Zone: s.Zone, Events: make([]Event, 0, len(rows))}
	if len(rows) == 0 {
		return cal, nil
	}
	ids := make([]uuid.UUID, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	var ovs []overrideRow
	if err := s.DB.WithContext(ctx).Raw(`SELECT activity_id, original_start, starts_at, ends_at, cancelled, note, version, updated_at
		FROM occurrence_overrides WHERE activity_id IN ? ORDER BY activity_id, original_start`, ids).Scan(&ovs).Error; err != nil {
		return Calendar{}, fmt.Errorf("feed overrides: %w", err)
	}
	byActivity := map[uuid.UUID][]overrideRow{}
	for _, o := range ovs {
		byActivity[o.ActivityID] = append(byActivity[o.ActivityID], o)
	}
	rules := map[string]*recurrence.Rule{}
	for _, r := range rows {
		e, err := s.toEvent(r, byActivity[r.ID], rules)
		if err != nil {
			return Calendar{}, err
		}
		cal.Events = append(cal.Events, e)
	}
	return cal, nil
}

func (s Store) toEvent(r eventRow, ovs []overrideRow, rules map[string]*recurrence.Rule) (Event, error) {
	e := Event{ID: r.ID, Title: r.Title, Description: r.Description, Category: r.Category, Status: r.Status,
		Visibility: r.Visibility, Location: r.Location, Start: r.StartsAt, End: r.EndsAt, Version: r.Version,
		Created: r.CreatedAt, Updated: r.UpdatedAt, Exdates: r.Exdates}
	if r.Recurrence != "" {
		rule, ok := rules[r.Recurrence]
		if !ok {
			var err error
			if rule, err = recurrence.Parse(r.Recurrence); err != nil {
				return Event{}, fmt.Errorf("feed: activity %s: %w", r.ID, err)
			}
			rules[r.Recurrence] = rule
		}
		e.Rule = rule
	}
	series := recurrence.Series{Start: r.StartsAt, Duration: r.EndsAt.Sub(r.StartsAt), Rule: e.Rule, Exdates: r.Exdates}
	for _, o := range ovs {
		ov := Override{Original: o.OriginalStart, Start: o.StartsAt, End: o.EndsAt, Cancelled: o.Cancelled, Note: o.Note,
			Version: o.Version, Updated: o.UpdatedAt}
		if e.Rule == nil {
			// A single event's override is the event itself, moved or cancelled.
			if o.OriginalStart.Equal(r.StartsAt) {
				e.Start, e.End = o.StartsAt, o.EndsAt
				if o.Cancelled {
					e.Status = "cancelled"
				}
				if o.UpdatedAt.After(e.Updated) {
					e.Updated = o.UpdatedAt
				}
			}
			continue
		}
		// Keep only overrides of occurrences the rule still has (the rule may have changed since).
		if recurrence.Has(series, s.Zone, o.OriginalStart) {
			e.Overrides = append(e.Overrides, ov)
		}
	}
	return e, nil
}

// LastModified is the time of the latest change anywhere in the calendar (every change writes an audit
// event in its transaction; bulk-loaded activities have only their updated_at). It is a conservative
// validator: a change elsewhere also counts.
func (s Store) LastModified(ctx context.Context) (time.Time, error) {
	var t time.Time
	err := s.DB.WithContext(ctx).Raw(`SELECT greatest((SELECT max(created_at) FROM audit_events),
		(SELECT max(updated_at) FROM activities), 'epoch'::timestamptz)`).Row().Scan(&t)
	if err != nil {
		return time.Time{}, fmt.Errorf("feed last modified: %w", err)
	}
	return t.UTC(), nil
}
