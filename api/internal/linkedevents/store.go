package linkedevents

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"kulttuurisilta/api/internal/calendar"
)

// Config names the export's identity in the receiving Linked Events instance.
type Config struct {
	// DataSource prefixes every id: "<data_source>:<id>" (LINKED_EVENTS_DATA_SOURCE, default kulttuurisilta).
	DataSource string
	// Publisher is the organisation id in Linked Events (LINKED_EVENTS_PUBLISHER), or "".
	Publisher string
	// APIURL is the Linked Events API that keywords, places and events are linked in
	// (LINKED_EVENTS_API_URL, default https://api.hel.fi/linkedevents/v1).
	APIURL string
}

// Horizon bounds the sub-events of a recurring activity: occurrences from a month ago to a year ahead.
const (
	HorizonPast   = 31 * 24 * time.Hour
	HorizonFuture = 366 * 24 * time.Hour
)

// Store builds the export.
type Store struct {
	DB     *gorm.DB
	Zone   *time.Location
	Config Config
	Now    func() time.Time
}

func (s Store) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

const exported = `a.visibility = 'public' AND a.status <> 'proposed'`

type activityRow struct {
	ID            uuid.UUID
	Title         string
	TitleSv       string
	TitleEn       string
	Description   string
	DescriptionSv string
	DescriptionEn string
	Category      string
	Status        string
	StartsAt      time.Time
	EndsAt        time.Time
	UntilAt       *time.Time
	Recurrence    string
	SeriesID      *uuid.UUID
	TargetGroups  calendar.Texts `gorm:"type:text[]"`
	Accessibility string
	Capacity      *int
	CreatedAt     time.Time
	Modified      time.Time
}

type unitRow struct {
	ActivityID uuid.UUID
	Name       string
	Address    string
	TprekID    *string
}

type seriesRow struct {
	ID            uuid.UUID
	Name          string
	NameSv        string
	NameEn        string
	Description   string
	DescriptionSv string
	DescriptionEn string
	StartsOn      time.Time
	EndsOn        time.Time
	CreatedAt     time.Time
	Modified      time.Time
}

type tombstoneRow struct {
	EntityID  uuid.UUID
	UpdatedAt time.Time
}

func (s Store) ref(kind, id string) *Ref {
	return &Ref{ID: strings.TrimSuffix(s.Config.APIURL, "/") + "/" + kind + "/" + id + "/"}
}

func (s Store) id(u uuid.UUID) string { return s.Config.DataSource + ":" + u.String() }

func (s Store) subID(u uuid.UUID, original time.Time) string {
	return s.id(u) + "-" + original.UTC().Format("20060102T150405Z")
}

// Events returns every exported event changed after since (all when nil), with tombstones, ordered by
// last_modified_time then id.
func (s Store) Events(ctx context.Context, since *time.Time) ([]Event, error) {
	db := s.DB.WithContext(ctx)
	args := map[string]any{"since": since}
	var acts []activityRow
	err := db.Raw(`SELECT a.id, a.title, a.title_sv, a.title_en, a.description, a.description_sv, a.description_en,
			a.category, a.status, a.starts_at, a.ends_at, a.until_at, a.recurrence, a.series_id, a.target_groups,
			a.accessibility, a.capacity, a.created_at,
			greatest(a.updated_at, (SELECT max(o.updated_at) FROM occurrence_overrides o WHERE o.activity_id = a.id)) AS modified
		FROM activities a
		WHERE `+exported+` AND (CAST(@since AS timestamptz) IS NULL OR a.updated_at > @since
			OR EXISTS (SELECT 1 FROM occurrence_overrides o WHERE o.activity_id = a.id AND o.updated_at > @since)
			OR EXISTS (SELECT 1 FROM activity_units au JOIN unit_places up ON up.unit_id = au.unit_id
				WHERE au.activity_id = a.id AND up.updated_at > @since))`, args).Scan(&acts).Error
	if err != nil {
		return nil, fmt.Errorf("linked events activities: %w", err)
	}
	units, err := s.units(ctx, acts)
	if err != nil {
		return nil, err
	}
	var out []Event
	for i := range acts {
		evs, err := s.activityEvents(ctx, &acts[i], units[acts[i].ID])
		if err != nil {
			return nil, err
		}
		out = append(out, evs...)
	}
	umbrellas, err := s.umbrellas(ctx, since)
	if err != nil {
		return nil, err
	}
	out = append(out, umbrellas...)
	var tombs []tombstoneRow
	err = db.Raw(`SELECT entity_id, updated_at FROM export_tombstones
		WHERE CAST(@since AS timestamptz) IS NULL OR updated_at > @since`, args).Scan(&tombs).Error
	if err != nil {
		return nil, fmt.Errorf("linked events tombstones: %w", err)
	}
	for _, t := range tombs {
		out = append(out, s.tombstone(s.id(t.EntityID), t.UpdatedAt))
	}
	slices.SortFunc(out, func(a, b Event) int {
		if c := a.LastModifiedTime.Compare(b.LastModifiedTime); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	return out, nil
}

func (s Store) tombstone(id string, at time.Time) Event {
	return Event{ID: id, DataSource: s.Config.DataSource, Publisher: s.publisher(), Deleted: true,
		LastModifiedTime: at.In(s.Zone)}
}

func (s Store) publisher() *string {
	if s.Config.Publisher == "" {
		return nil
	}
	p := s.Config.Publisher
	return &p
}

func (s Store) units(ctx context.Context, acts []activityRow) (map[uuid.UUID][]unitRow, error) {
	out := map[uuid.UUID][]unitRow{}
	if len(acts) == 0 {
		return out, nil
	}
	ids := make([]uuid.UUID, len(acts))
	for i, a := range acts {
		ids[i] = a.ID
	}
	var rows []unitRow
	err := s.DB.WithContext(ctx).Raw(`SELECT au.activity_id, u.name, u.address, up.tprek_id
		FROM activity_units au JOIN units u ON u.id = au.unit_id LEFT JOIN unit_places up ON up.unit_id = u.id
		WHERE au.activity_id IN ? ORDER BY (up.tprek_id IS NULL), u.name, u.id`, ids).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("linked events units: %w", err)
	}
	for _, r := range rows {
		out[r.ActivityID] = append(out[r.ActivityID], r)
	}
	return out, nil
}

func texts(fi, sv, en string) map[string]string {
	m := map[string]string{}
	for lang, v := range map[string]string{"fi": fi, "sv": sv, "en": en} {
		if v = strings.TrimSpace(v); v != "" {
			m[lang] = v
		}
	}
	if len(m) == 0 {
		return nil
	}
	return m
}

// short is a description's first sentence-ish, at most 160 characters (Linked Events short_description).
func short(m map[string]string) map[string]string {
	if m == nil {
		return nil
	}
	out := map[string]string{}
	for k, v := range m {
		v = strings.Join(strings.Fields(v), " ")
		if utf8.RuneCountInString(v) > 160 {
			r := []rune(v)
			v = strings.TrimSpace(string(r[:159])) + "…"
		}
		out[k] = v
	}
	return out
}

func statusOf(activityStatus string, cancelled, moved bool) string {
	switch {
	case cancelled || activityStatus == calendar.StatusCancelled:
		return "EventCancelled"
	case moved:
		return "EventRescheduled"
	default:
		return "EventScheduled"
	}
}

// base fills the fields an activity's events share.
func (s Store) base(a *activityRow, units []unitRow) Event {
	created := a.CreatedAt.In(s.Zone)
	e := Event{DataSource: s.Config.DataSource, Publisher: s.publisher(), LastModifiedTime: a.Modified.In(s.Zone),
		CreatedTime: &created, DatePublished: &created, Name: texts(a.Title, a.TitleSv, a.TitleEn),
		Description: texts(a.Description, a.DescriptionSv, a.DescriptionEn), PublicationStatus: "public", TypeID: "General",
		Offers: []Offer{{IsFree: true}}, MaximumAttendeeCap: a.Capacity}
	e.ShortDescription = short(e.Description)
	seen := map[string]bool{}
	addKw := func(list *[]Ref, ids []string) {
		for _, id := range ids {
			if !seen[id] {
				seen[id] = true
				*list = append(*list, *s.ref("keyword", id))
			}
		}
	}
	addKw(&e.Keywords, YSO.Always)
	addKw(&e.Keywords, YSO.Categories[a.Category])
	for _, g := range a.TargetGroups {
		addKw(&e.Audience, YSO.TargetGroups[g])
	}
	var extra []string
	for i, u := range units {
		if i == 0 && u.TprekID != nil {
			e.Location = s.ref("place", "tprek:"+*u.TprekID)
		}
		place := u.Name
		if u.Address != "" {
			place += ", " + u.Address
		}
		extra = append(extra, place)
	}
	if a.Accessibility != "" {
		extra = append(extra, "Saavutettavuus: "+a.Accessibility)
	}
	if len(extra) > 0 {
		e.LocationExtraInfo = map[string]string{"fi": strings.Join(extra, "; ")}
	}
	if a.SeriesID != nil {
		e.SuperEvent = s.ref("event", s.id(*a.SeriesID))
	}
	return e
}

// activityEvents exports one activity: a single event, or a recurring super event with a sub-event per
// occurrence within the horizon.
func (s Store) activityEvents(ctx context.Context, a *activityRow, units []unitRow) ([]Event, error) {
	e := s.base(a, units)
	e.ID = s.id(a.ID)
	start, end := a.StartsAt.In(s.Zone), a.EndsAt.In(s.Zone)
	if a.Recurrence == "" {
		occ, err := s.occurrences(ctx, a.ID, a.StartsAt, a.EndsAt.Add(time.Nanosecond))
		if err != nil {
			return nil, err
		}
		cancelled, moved := false, false
		for _, o := range occ {
			if o.OriginalStart.Equal(a.StartsAt) {
				start, end = o.StartsAt.In(s.Zone), o.EndsAt.In(s.Zone)
				cancelled, moved = o.Cancelled, o.Moved
			}
		}
		e.StartTime, e.EndTime = &start, &end
		e.EventStatus = statusOf(a.Status, cancelled, moved)
		return []Event{e}, nil
	}
	recurring := "recurring"
	e.SuperEventType = &recurring
	e.StartTime = &start
	if a.UntilAt != nil {
		u := a.UntilAt.In(s.Zone)
		e.EndTime = &u
	}
	e.EventStatus = statusOf(a.Status, false, false)
	now := s.now()
	occ, err := s.occurrences(ctx, a.ID, now.Add(-HorizonPast), now.Add(HorizonFuture))
	if err != nil {
		return nil, err
	}
	out := []Event{e}
	parent := s.ref("event", e.ID)
	for _, o := range occ {
		sub := s.base(a, units)
		sub.ID = s.subID(a.ID, o.OriginalStart)
		sub.SuperEvent = parent
		st, en := o.StartsAt.In(s.Zone), o.EndsAt.In(s.Zone)
		sub.StartTime, sub.EndTime = &st, &en
		sub.EventStatus = statusOf(a.Status, o.Cancelled, o.Moved)
		out[0].SubEvents = append(out[0].SubEvents, *s.ref("event", sub.ID))
		out = append(out, sub)
	}
	return out, nil
}

func (s Store) occurrences(ctx context.Context, id uuid.UUID, from, to time.Time) ([]calendar.Occurrence, error) {
	occ, err := calendar.Store{DB: s.DB, Zone: s.Zone}.Occurrences(ctx, calendar.OccurrenceFilter{From: from, To: to, ActivityID: &id})
	if err != nil {
		return nil, fmt.Errorf("linked events occurrences: %w", err)
	}
	return occ, nil
}

// umbrellas exports each series with an exported activity as an umbrella event over its activities.
func (s Store) umbrellas(ctx context.Context, since *time.Time) ([]Event, error) {
	var rows []seriesRow
	err := s.DB.WithContext(ctx).Raw(`SELECT s.id, s.name, s.name_sv, s.name_en, s.description, s.description_sv,
			s.description_en, s.starts_on, s.ends_on, s.created_at, greatest(s.updated_at, max(a.updated_at)) AS modified
		FROM series s JOIN activities a ON a.series_id = s.id AND `+exported+`
		GROUP BY s.id
		HAVING CAST(@since AS timestamptz) IS NULL OR greatest(s.updated_at, max(a.updated_at)) > @since`,
		map[string]any{"since": since}).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("linked events series: %w", err)
	}
	out := make([]Event, 0, len(rows))
	for _, r := range rows {
		var members []uuid.UUID
		if err := s.DB.WithContext(ctx).Raw(`SELECT a.id FROM activities a WHERE a.series_id = ? AND `+exported+
			` ORDER BY a.starts_at, a.id`, r.ID).Scan(&members).Error; err != nil {
			return nil, fmt.Errorf("linked events series members: %w", err)
		}
		created := r.CreatedAt.In(s.Zone)
		start := time.Date(r.StartsOn.Year(), r.StartsOn.Month(), r.StartsOn.Day(), 0, 0, 0, 0, s.Zone)
		end := time.Date(r.EndsOn.Year(), r.EndsOn.Month(), r.EndsOn.Day()+1, 0, 0, 0, 0, s.Zone)
		umbrella := "umbrella"
		e := Event{ID: s.id(r.ID), DataSource: s.Config.DataSource, Publisher: s.publisher(),
			LastModifiedTime: r.Modified.In(s.Zone), CreatedTime: &created, DatePublished: &created,
			Name: texts(r.Name, r.NameSv, r.NameEn), Description: texts(r.Description, r.DescriptionSv, r.DescriptionEn),
			StartTime: &start, EndTime: &end, EventStatus: "EventScheduled", PublicationStatus: "public", TypeID: "General",
			SuperEventType: &umbrella, Offers: []Offer{{IsFree: true}}}
		e.ShortDescription = short(e.Description)
		for _, id := range YSO.Always {
			e.Keywords = append(e.Keywords, *s.ref("keyword", id))
		}
		for _, m := range members {
			e.SubEvents = append(e.SubEvents, *s.ref("event", s.id(m)))
		}
		out = append(out, e)
	}
	return out, nil
}
