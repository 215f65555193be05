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
	// DefaultPlace is the Linked Events place id of events whose hosting units have no TPREK place (and
	// of umbrella events whose activities are in different places), e.g. "tprek:7254"
	// (LINKED_EVENTS_DEFAULT_PLACE), or "": such events then have no location and are not pushed.
	DefaultPlace string
}

// EventType is the JSON-LD @type Linked Events gives events.
const EventType = "Event/LinkedEvent"

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
	EntityID   uuid.UUID
	EntityType string
	UpdatedAt  time.Time
}

// Kinds of exported events.
const (
	KindSeries     = "series"
	KindActivity   = "activity"
	KindOccurrence = "occurrence"
)

// item is one exported event with what the push needs to know about it: what it belongs to, its level
// in the super event tree (0 a series' umbrella, 1 an activity, 2 an occurrence of a recurring
// activity) and the local id of its super event.
type item struct {
	Event
	Kind       string
	ActivityID *uuid.UUID
	SeriesID   *uuid.UUID
	Level      int
	Parent     string
}

func (s Store) ref(kind, id string) *Ref {
	return &Ref{ID: strings.TrimSuffix(s.Config.APIURL, "/") + "/" + kind + "/" + id + "/"}
}

func (s Store) id(u uuid.UUID) string { return s.Config.DataSource + ":" + u.String() }

func (s Store) subID(u uuid.UUID, original time.Time) string {
	return s.id(u) + "-" + original.UTC().Format("20060102T150405Z")
}

// identify sets the event's id and its JSON-LD @id and @type.
func (s Store) identify(e *Event, id string) {
	e.ID, e.LDID, e.LDType = id, s.ref("event", id).ID, EventType
}

// Events returns every exported event changed after since (all when nil), with tombstones, ordered by
// last_modified_time then id.
func (s Store) Events(ctx context.Context, since *time.Time) ([]Event, error) {
	items, err := s.items(ctx, since)
	if err != nil {
		return nil, err
	}
	out := make([]Event, len(items))
	for i := range items {
		out[i] = items[i].Event
	}
	return out, nil
}

// items builds the export: the events of Events with what the push needs beside each.
func (s Store) items(ctx context.Context, since *time.Time) ([]item, error) {
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
	var out []item
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
	err = db.Raw(`SELECT entity_id, entity_type, updated_at FROM export_tombstones
		WHERE CAST(@since AS timestamptz) IS NULL OR updated_at > @since`, args).Scan(&tombs).Error
	if err != nil {
		return nil, fmt.Errorf("linked events tombstones: %w", err)
	}
	for _, t := range tombs {
		it := item{Event: s.tombstone(s.id(t.EntityID), t.UpdatedAt), Kind: KindActivity, Level: 1}
		id := t.EntityID
		if t.EntityType == KindSeries {
			it.Kind, it.Level, it.SeriesID = KindSeries, 0, &id
		} else {
			it.ActivityID = &id
		}
		out = append(out, it)
	}
	slices.SortFunc(out, func(a, b item) int {
		if c := a.LastModifiedTime.Compare(b.LastModifiedTime); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	return out, nil
}

func (s Store) tombstone(id string, at time.Time) Event {
	e := Event{DataSource: s.Config.DataSource, Publisher: s.publisher(), Deleted: true, LastModifiedTime: at.In(s.Zone)}
	s.identify(&e, id)
	return e
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

// Languages the export writes, Finnish first.
var languages = []string{"fi", "sv", "en"}

// texts is an event's name and description in the languages it is complete in. Linked Events refuses a
// public event whose name has a language its description or short description lacks
// (EventSerializer.validate), so a Swedish or English translation goes out only when both the name and
// the description have it; otherwise that language is left out of both. Finnish is always the name's
// language; an empty Finnish description stays empty (the push holds such an event back).
func texts(name, desc [3]string) (map[string]string, map[string]string) {
	n, d := map[string]string{}, map[string]string{}
	for i, lang := range languages {
		nv, dv := strings.TrimSpace(name[i]), strings.TrimSpace(desc[i])
		if i > 0 && (nv == "" || dv == "") {
			continue
		}
		if nv != "" {
			n[lang] = nv
		}
		if dv != "" {
			d[lang] = dv
		}
	}
	if len(n) == 0 {
		n = nil
	}
	if len(d) == 0 {
		d = nil
	}
	return n, d
}

// ShortDescriptionMax is Linked Events' limit on short_description (EventSerializer.validate).
const ShortDescriptionMax = 160

// short is a description with whitespace folded, cut to Linked Events' short_description limit.
func short(m map[string]string) map[string]string {
	if m == nil {
		return nil
	}
	out := map[string]string{}
	for k, v := range m {
		v = strings.Join(strings.Fields(v), " ")
		if utf8.RuneCountInString(v) > ShortDescriptionMax {
			r := []rune(v)
			v = strings.TrimSpace(string(r[:ShortDescriptionMax-1])) + "…"
		}
		out[k] = v
	}
	return out
}

// Linked Events' event_status values.
const (
	StatusScheduled   = "EventScheduled"
	StatusCancelled   = "EventCancelled"
	StatusRescheduled = "EventRescheduled"
	StatusPostponed   = "EventPostponed"
)

func statusOf(activityStatus string, cancelled, moved bool) string {
	switch {
	case cancelled || activityStatus == calendar.StatusCancelled:
		return StatusCancelled
	case moved:
		return StatusRescheduled
	default:
		return StatusScheduled
	}
}

// place is the location of an event at units: the first hosting unit's TPREK place, else the default
// place, else none.
func (s Store) place(units []unitRow) *Ref {
	if len(units) > 0 && units[0].TprekID != nil {
		return s.ref("place", "tprek:"+*units[0].TprekID)
	}
	if s.Config.DefaultPlace != "" {
		return s.ref("place", s.Config.DefaultPlace)
	}
	return nil
}

// base fills the fields an activity's events share.
func (s Store) base(a *activityRow, units []unitRow) Event {
	created := a.CreatedAt.In(s.Zone)
	e := Event{DataSource: s.Config.DataSource, Publisher: s.publisher(), LastModifiedTime: a.Modified.In(s.Zone),
		CreatedTime: &created, DatePublished: &created, PublicationStatus: "public", TypeID: "General",
		Offers: []Offer{{IsFree: true}}, MaximumAttendeeCap: a.Capacity, Location: s.place(units)}
	e.Name, e.Description = texts([3]string{a.Title, a.TitleSv, a.TitleEn}, [3]string{a.Description, a.DescriptionSv, a.DescriptionEn})
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
	for _, u := range units {
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
// occurrence within the horizon. An open-ended recurring super event ends where the last occurrence
// within the horizon ends (Linked Events would otherwise end it the day after it starts, and it could
// then never be edited again); the end moves on as the horizon does.
func (s Store) activityEvents(ctx context.Context, a *activityRow, units []unitRow) ([]item, error) {
	e := s.base(a, units)
	s.identify(&e, s.id(a.ID))
	id := a.ID
	top := item{Event: e, Kind: KindActivity, ActivityID: &id, SeriesID: a.SeriesID, Level: 1}
	if a.SeriesID != nil {
		top.Parent = s.id(*a.SeriesID)
	}
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
		top.StartTime, top.EndTime = &start, &end
		top.EventStatus = statusOf(a.Status, cancelled, moved)
		return []item{top}, nil
	}
	recurring := "recurring"
	top.SuperEventType = &recurring
	top.StartTime = &start
	top.EventStatus = statusOf(a.Status, false, false)
	now := s.now()
	occ, err := s.occurrences(ctx, a.ID, now.Add(-HorizonPast), now.Add(HorizonFuture))
	if err != nil {
		return nil, err
	}
	out := []item{top}
	var last time.Time
	for _, o := range occ {
		sub := s.base(a, units)
		s.identify(&sub, s.subID(a.ID, o.OriginalStart))
		sub.SuperEvent = s.ref("event", top.ID)
		st, en := o.StartsAt.In(s.Zone), o.EndsAt.In(s.Zone)
		sub.StartTime, sub.EndTime = &st, &en
		sub.EventStatus = statusOf(a.Status, o.Cancelled, o.Moved)
		if en.After(last) {
			last = en
		}
		out[0].SubEvents = append(out[0].SubEvents, *s.ref("event", sub.ID))
		out = append(out, item{Event: sub, Kind: KindOccurrence, ActivityID: &id, SeriesID: a.SeriesID, Level: 2, Parent: top.ID})
	}
	switch {
	case a.UntilAt != nil:
		u := a.UntilAt.In(s.Zone)
		out[0].EndTime = &u
	case !last.IsZero():
		l := last.In(s.Zone)
		out[0].EndTime = &l
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

type memberRow struct {
	ID      uuid.UUID
	TprekID *string
}

// umbrellas exports each series with an exported activity as an umbrella event over its activities. Its
// location is the place all its activities share, else the default place, else none.
func (s Store) umbrellas(ctx context.Context, since *time.Time) ([]item, error) {
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
	out := make([]item, 0, len(rows))
	for _, r := range rows {
		var members []memberRow
		if err := s.DB.WithContext(ctx).Raw(`SELECT a.id, (SELECT up.tprek_id FROM activity_units au
				JOIN units u ON u.id = au.unit_id JOIN unit_places up ON up.unit_id = u.id
				WHERE au.activity_id = a.id ORDER BY u.name, u.id LIMIT 1) AS tprek_id
			FROM activities a WHERE a.series_id = ? AND `+exported+` ORDER BY a.starts_at, a.id`, r.ID).Scan(&members).Error; err != nil {
			return nil, fmt.Errorf("linked events series members: %w", err)
		}
		created := r.CreatedAt.In(s.Zone)
		start := time.Date(r.StartsOn.Year(), r.StartsOn.Month(), r.StartsOn.Day(), 0, 0, 0, 0, s.Zone)
		end := time.Date(r.EndsOn.Year(), r.EndsOn.Month(), r.EndsOn.Day()+1, 0, 0, 0, 0, s.Zone)
		umbrella := "umbrella"
		e := Event{DataSource: s.Config.DataSource, Publisher: s.publisher(),
			LastModifiedTime: r.Modified.In(s.Zone), CreatedTime: &created, DatePublished: &created,
			StartTime: &start, EndTime: &end, EventStatus: StatusScheduled, PublicationStatus: "public", TypeID: "General",
			SuperEventType: &umbrella, Offers: []Offer{{IsFree: true}}}
		s.identify(&e, s.id(r.ID))
		e.Name, e.Description = texts([3]string{r.Name, r.NameSv, r.NameEn}, [3]string{r.Description, r.DescriptionSv, r.DescriptionEn})
		e.ShortDescription = short(e.Description)
		for _, id := range YSO.Always {
			e.Keywords = append(e.Keywords, *s.ref("keyword", id))
		}
		var places []string
		for _, m := range members {
			e.SubEvents = append(e.SubEvents, *s.ref("event", s.id(m.ID)))
			switch {
			case m.TprekID != nil:
				places = append(places, "tprek:"+*m.TprekID)
			case s.Config.DefaultPlace != "":
				places = append(places, s.Config.DefaultPlace)
			}
		}
		switch {
		case len(places) > 0 && !slices.ContainsFunc(places, func(p string) bool { return p != places[0] }):
			e.Location = s.ref("place", places[0])
		case s.Config.DefaultPlace != "":
			e.Location = s.ref("place", s.Config.DefaultPlace)
		}
		id := r.ID
		out = append(out, item{Event: e, Kind: KindSeries, SeriesID: &id, Level: 0})
	}
	return out, nil
}
