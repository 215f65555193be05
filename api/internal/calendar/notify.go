package calendar

import (
	"context"
	"slices"
	"strconv"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/notify"
	"kulttuurisilta/api/internal/recurrence"
)

// NoticeWindow is how far ahead a change of an activity is told to the
// mentors of its units: an occurrence within it must be affected.
const NoticeWindow = 14 * 24 * time.Hour

func (s Store) notify(ctx context.Context, tx *gorm.DB, ev notify.Event) error {
	if s.Notify == nil {
		return nil
	}
	return s.Notify.Notify(ctx, tx, ev)
}

func (s Store) now() time.Time {
	if s.Now != nil {
		return s.Now().UTC()
	}
	return time.Now().UTC()
}

func actor(ctx context.Context) *uuid.UUID {
	if p := access.FromContext(ctx); p != nil && !p.IsToken() {
		id := p.UserID
		return &id
	}
	return nil
}

// changedFields names what mentors care about in a change of an activity.
func changedFields(before, after Activity) []string {
	var f []string
	if !before.StartsAt.Equal(after.StartsAt) || !before.EndsAt.Equal(after.EndsAt) ||
		before.Recurrence != after.Recurrence || !slices.EqualFunc(before.Exdates, after.Exdates, time.Time.Equal) {
		f = append(f, "time")
	}
	if before.Status != after.Status {
		f = append(f, "status")
	}
	if !sameSet(before.UnitIDs, after.UnitIDs) {
		f = append(f, "units")
	}
	if before.Title != after.Title {
		f = append(f, "title")
	}
	if !sameSet(before.PartnerIDs, after.PartnerIDs) {
		f = append(f, "partners")
	}
	return f
}

func sameSet(a, b []uuid.UUID) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.SortFunc(a, func(x, y uuid.UUID) int { return slices.Compare(x[:], y[:]) })
	slices.SortFunc(b, func(x, y uuid.UUID) int { return slices.Compare(x[:], y[:]) })
	return slices.Equal(a, b)
}

// firstWithin is the first occurrence of a starting in [now, now+window),
// or nil.
func (s Store) firstWithin(a Activity, now time.Time) *time.Time {
	rule, err := ruleOf(a)
	if err != nil {
		return nil
	}
	for _, o := range recurrence.NewWindow(s.zone(), now, now.Add(NoticeWindow)).Occurrences(nil, a.series(rule), nil) {
		if t := o.StartTime().In(s.zone()); !t.Before(now) {
			return &t
		}
	}
	return nil
}

func earliest(ts ...*time.Time) *time.Time {
	var out *time.Time
	for _, t := range ts {
		if t != nil && (out == nil || t.Before(*out)) {
			out = t
		}
	}
	return out
}

func unionIDs(a, b []uuid.UUID) []uuid.UUID {
	out := slices.Clone(a)
	for _, id := range b {
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

// notifyActivityChange tells the mentors of the activity's units (before
// and after) that it changed or was cancelled, when an occurrence within
// NoticeWindow is affected. after is nil when the activity was deleted.
func (s Store) notifyActivityChange(ctx context.Context, tx *gorm.DB, before Activity, after *Activity) error {
	now := s.now()
	var fields []string
	status := StatusCancelled // when deleted: gone, as good as cancelled
	units := before.UnitIDs
	title := before.Title
	when := s.firstWithin(before, now)
	version := before.Version + 1
	if after != nil {
		fields = changedFields(before, *after)
		if len(fields) == 0 || (before.Status == StatusCancelled && after.Status == StatusCancelled) {
			return nil
		}
		status, units, title, version = after.Status, unionIDs(before.UnitIDs, after.UnitIDs), after.Title, after.Version
		when = earliest(when, s.firstWithin(*after, now))
	} else {
		if before.Status == StatusCancelled {
			return nil
		}
	}
	if when == nil || len(units) == 0 {
		return nil
	}
	p := notify.Params{Title: title, When: when, Fields: fields}
	if status == StatusCancelled {
		p.Status = StatusCancelled
	}
	return s.notify(ctx, tx, notify.Event{
		Kind:   notify.KindActivityChanged,
		Key:    "activity_changed:" + before.ID.String() + ":v" + strconv.Itoa(version),
		To:     notify.Audience{UnitMentors: units, Except: actor(ctx)},
		Params: p,
		Link:   notify.ActivityLink(before.ID),
	})
}

// notifyOccurrenceChange tells the mentors of the activity's units that one
// occurrence moved or was cancelled (or restored), when its old or new time
// is within NoticeWindow. key names the override and its version.
func (s Store) notifyOccurrenceChange(ctx context.Context, tx *gorm.DB, a Activity, key string, oldStart, newStart time.Time, cancelled bool) error {
	now := s.now()
	within := func(t time.Time) *time.Time {
		if !t.Before(now) && t.Before(now.Add(NoticeWindow)) {
			return &t
		}
		return nil
	}
	when := earliest(within(oldStart), within(newStart))
	if when == nil || len(a.UnitIDs) == 0 || a.Status == StatusCancelled {
		return nil
	}
	p := notify.Params{Title: a.Title, When: when, Fields: []string{"occurrence"}}
	if cancelled {
		p.Status, p.Fields = StatusCancelled, nil
	}
	return s.notify(ctx, tx, notify.Event{
		Kind:   notify.KindActivityChanged,
		Key:    "activity_changed:" + a.ID.String() + ":" + key,
		To:     notify.Audience{UnitMentors: a.UnitIDs, Except: actor(ctx)},
		Params: p,
		Link:   notify.ActivityLink(a.ID),
	})
}

// NotifySource is the calendar's side of the time-based reminders.
type NotifySource struct{ Store Store }

// UnitOccurrences implements notify.CalendarSource: the occurrences
// starting in [from, to) of activities hosted by units, one per hosting
// unit, leaving out proposed and cancelled ones, with whether attendance
// is recorded.
func (n NotifySource) UnitOccurrences(ctx context.Context, from, to time.Time) ([]notify.UnitOccurrence, error) {
	occ, err := n.Store.Occurrences(ctx, OccurrenceFilter{From: from, To: to,
		Statuses: []string{StatusPlanned, StatusConfirmed, StatusCompleted}})
	if err != nil {
		return nil, err
	}
	var ids []uuid.UUID
	var units []uuid.UUID
	for _, o := range occ {
		if o.StartsAt.Before(from) || o.Cancelled {
			continue
		}
		ids = append(ids, o.ActivityID)
		units = unionIDs(units, o.UnitIDs)
	}
	if len(ids) == 0 {
		return nil, nil
	}
	db := n.Store.DB.WithContext(ctx)
	type key struct {
		id    uuid.UUID
		start int64
	}
	attended := map[key]bool{}
	var rows []struct {
		ActivityID      uuid.UUID
		OccurrenceStart time.Time
	}
	if err := db.Raw(`SELECT activity_id, occurrence_start FROM attendance WHERE activity_id IN ? AND occurrence_start >= ? AND occurrence_start < ?`,
		ids, from.Add(-MaxOverrideShift), to.Add(MaxOverrideShift)).Scan(&rows).Error; err != nil {
		return nil, err
	}
	for _, r := range rows {
		attended[key{r.ActivityID, r.OccurrenceStart.UnixMicro()}] = true
	}
	names := map[uuid.UUID]string{}
	var named []struct {
		ID   uuid.UUID
		Name string
	}
	if err := db.Raw(`SELECT id, name FROM units WHERE id IN ?`, units).Scan(&named).Error; err != nil {
		return nil, err
	}
	for _, u := range named {
		names[u.ID] = u.Name
	}
	var out []notify.UnitOccurrence
	for _, o := range occ {
		if o.StartsAt.Before(from) || o.Cancelled {
			continue
		}
		for _, u := range o.UnitIDs {
			out = append(out, notify.UnitOccurrence{ActivityID: o.ActivityID, Title: o.Title, StartsAt: o.StartsAt,
				OriginalStart: o.OriginalStart, UnitID: u, Unit: names[u],
				Attended: attended[key{o.ActivityID, o.OriginalStart.UnixMicro()}]})
		}
	}
	return out, nil
}
