// Package linkedevents publishes the public activities in the shape of the Linked Events API (the event
// database of Helsinki and other Finnish municipalities, City-of-Helsinki/linkedevents), so a portal's
// importer can sync them incrementally: GET /integrations/linked-events/events?last_modified_since=
// returns changed events and tombstones of removed ones. Only public activities that are more than a
// proposal are exported; internal activities and anything personal never are. See docs/integrations.md
// and ADR 0044.
package linkedevents

import (
	_ "embed"
	"encoding/json"
	"time"
)

// Ref is a JSON-LD link, as Linked Events writes every reference.
type Ref struct {
	ID string `json:"@id"`
}

// Offer is a Linked Events offer.
type Offer struct {
	IsFree      bool              `json:"is_free"`
	Price       map[string]string `json:"price" extensions:"x-nullable"`
	InfoURL     map[string]string `json:"info_url" extensions:"x-nullable"`
	Description map[string]string `json:"description" extensions:"x-nullable"`
}

// Event is one exported event: a single activity, a recurring activity's super event or one of its
// occurrences, a series' umbrella event, or (Deleted) the tombstone of one that left the export.
type Event struct {
	// LDID is the event's JSON-LD address in the Linked Events API (<api>/event/<id>/), as Linked Events
	// writes it on every event it serves.
	LDID string `json:"@id" example:"https://api.hel.fi/linkedevents/v1/event/kulttuurisilta:0190b2c4-.../"`
	// LDType is the JSON-LD type Linked Events gives events.
	LDType             string            `json:"@type" example:"Event/LinkedEvent"`
	ID                 string            `json:"id" example:"kulttuurisilta:0190b2c4-..."`
	DataSource         string            `json:"data_source"`
	Publisher          *string           `json:"publisher" extensions:"x-nullable"`
	Deleted            bool              `json:"deleted"`
	LastModifiedTime   time.Time         `json:"last_modified_time"`
	CreatedTime        *time.Time        `json:"created_time,omitempty" validate:"optional"`
	DatePublished      *time.Time        `json:"date_published,omitempty" validate:"optional"`
	Name               map[string]string `json:"name,omitempty" validate:"optional"`
	Description        map[string]string `json:"description,omitempty" validate:"optional"`
	ShortDescription   map[string]string `json:"short_description,omitempty" validate:"optional"`
	StartTime          *time.Time        `json:"start_time,omitempty" validate:"optional" extensions:"x-nullable"`
	EndTime            *time.Time        `json:"end_time,omitempty" validate:"optional" extensions:"x-nullable"`
	EventStatus        string            `json:"event_status,omitempty" validate:"optional" enums:"EventScheduled,EventCancelled,EventPostponed,EventRescheduled"`
	PublicationStatus  string            `json:"publication_status,omitempty" validate:"optional" enums:"public,draft"`
	TypeID             string            `json:"type_id,omitempty" validate:"optional" enums:"General,Course,Volunteering"`
	SuperEventType     *string           `json:"super_event_type,omitempty" validate:"optional" enums:"umbrella,recurring" extensions:"x-nullable"`
	SuperEvent         *Ref              `json:"super_event,omitempty" validate:"optional" extensions:"x-nullable"`
	SubEvents          []Ref             `json:"sub_events,omitempty" validate:"optional"`
	Location           *Ref              `json:"location,omitempty" validate:"optional" extensions:"x-nullable"`
	LocationExtraInfo  map[string]string `json:"location_extra_info,omitempty" validate:"optional"`
	Keywords           []Ref             `json:"keywords,omitempty" validate:"optional"`
	Audience           []Ref             `json:"audience,omitempty" validate:"optional"`
	Offers             []Offer           `json:"offers,omitempty" validate:"optional"`
	InLanguage         []Ref             `json:"in_language,omitempty" validate:"optional"`
	MaximumAttendeeCap *int              `json:"maximum_attendee_capacity,omitempty" validate:"optional" extensions:"x-nullable"`
}

// Meta is the Linked Events paging block.
type Meta struct {
	Count    int     `json:"count"`
	Next     *string `json:"next" extensions:"x-nullable"`
	Previous *string `json:"previous" extensions:"x-nullable"`
}

// Page is a Linked Events list response.
type Page struct {
	Meta Meta    `json:"meta"`
	Data []Event `json:"data"`
}

//go:embed yso.json
var ysoJSON []byte

// Keywords maps categories and target groups to YSO keyword ids; kept as data in yso.json, with each
// id's preferred labels in YSO (fi, sv, en) beside it.
type Keywords struct {
	Always       []string                     `json:"always"`
	Categories   map[string][]string          `json:"categories"`
	TargetGroups map[string][]string          `json:"target_groups"`
	Labels       map[string]map[string]string `json:"labels"`
}

// YSO is the keyword mapping in use.
var YSO = func() Keywords {
	var k Keywords
	if err := json.Unmarshal(ysoJSON, &k); err != nil {
		panic("linkedevents: yso.json: " + err.Error())
	}
	return k
}()
