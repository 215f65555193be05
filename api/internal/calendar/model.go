// Package calendar is the shared culture calendar: partners, event series,
// activities (single or recurring), per-occurrence overrides, attendance,
// the expanded calendar view and clash detection. Recurrence rules are
// expanded by package recurrence in the calendar zone's wall-clock time.
package calendar

import (
	"time"

	"github.com/google/uuid"

	"kulttuurisilta/api/internal/civil"
	"kulttuurisilta/api/internal/database"
	"kulttuurisilta/api/internal/httpapi"
)

// Enumerations of DESIGN.md.
var (
	PartnerKinds = []string{"art_centre", "library", "performer", "museum", "school", "volunteer_org",
		"association", "company", "other"}
	Sectors    = []string{"public", "private", "third"}
	Categories = []string{"music", "theatre", "dance", "visual_arts", "crafts", "literature", "film",
		"intergenerational", "outdoor", "other"}
	Statuses     = []string{StatusProposed, StatusPlanned, StatusConfirmed, StatusCompleted, StatusCancelled}
	TargetGroups = []string{"elderly", "disability", "mental_health", "intergenerational", "staff"}
	Visibilities = []string{"public", "internal"}
)

// Activity statuses.
const (
	StatusProposed  = "proposed"
	StatusPlanned   = "planned"
	StatusConfirmed = "confirmed"
	StatusCompleted = "completed"
	StatusCancelled = "cancelled"
)

// Partner is a cultural actor or volunteer organisation.
type Partner struct {
	database.Model
	database.Referable
	Name         string
	NameSv       string
	NameEn       string
	Kind         string
	Sector       string
	ContactName  string
	Email        string
	Phone        string
	Website      string
	Municipality string
	Notes        string
	Active       bool
}

// PartnerResponse is a partner in the API.
type PartnerResponse struct {
	database.Head
	Name         string       `json:"name"`
	NameI18n     Translations `json:"name_i18n"`
	Kind         string       `json:"kind" enums:"art_centre,library,performer,museum,school,volunteer_org,association,company,other"`
	Sector       string       `json:"sector" enums:"public,private,third"`
	ContactName  string       `json:"contact_name"`
	Email        string       `json:"email"`
	Phone        string       `json:"phone"`
	Website      string       `json:"website"`
	Municipality string       `json:"municipality"`
	Notes        string       `json:"notes"`
	Active       bool         `json:"active"`
	// AllowedActions are what the caller may do with the partner (docs/development.md).
	AllowedActions []string `json:"allowed_actions,omitzero" enums:"update,delete"`
}

// PartnerInput creates a partner.
type PartnerInput struct {
	Name         string             `json:"name" example:"Kaarinan kaupunginkirjasto"`
	NameI18n     *TranslationsInput `json:"name_i18n" validate:"optional"`
	Kind         string             `json:"kind" enums:"art_centre,library,performer,museum,school,volunteer_org,association,company,other"`
	Sector       string             `json:"sector" enums:"public,private,third"`
	ContactName  string             `json:"contact_name" validate:"optional"`
	Email        string             `json:"email" validate:"optional"`
	Phone        string             `json:"phone" validate:"optional"`
	Website      string             `json:"website" validate:"optional"`
	Municipality string             `json:"municipality" validate:"optional"`
	Notes        string             `json:"notes" text:"multiline" validate:"optional"`
	Active       *bool              `json:"active" validate:"optional"`
}

// PartnerPatch changes some fields of a partner.
type PartnerPatch struct {
	Name         *string            `json:"name"`
	NameI18n     *TranslationsInput `json:"name_i18n"`
	Kind         *string            `json:"kind" enums:"art_centre,library,performer,museum,school,volunteer_org,association,company,other"`
	Sector       *string            `json:"sector" enums:"public,private,third"`
	ContactName  *string            `json:"contact_name"`
	Email        *string            `json:"email"`
	Phone        *string            `json:"phone"`
	Website      *string            `json:"website"`
	Municipality *string            `json:"municipality"`
	Notes        *string            `json:"notes" text:"multiline"`
	Active       *bool              `json:"active"`
}

func toPartnerResponse(p Partner) PartnerResponse {
	return PartnerResponse{Head: p.Head(),
		Name: p.Name, NameI18n: Translations{Sv: p.NameSv, En: p.NameEn}, Kind: p.Kind, Sector: p.Sector, ContactName: p.ContactName, Email: p.Email, Phone: p.Phone,
		Website: p.Website, Municipality: p.Municipality, Notes: p.Notes, Active: p.Active}
}

// Series is an event series or festival with its date range.
type Series struct {
	database.Model
	database.Referable
	Name          string
	NameSv        string
	NameEn        string
	Description   string
	DescriptionSv string
	DescriptionEn string
	StartsOn      civil.Date `gorm:"type:date"`
	EndsOn        civil.Date `gorm:"type:date"`
}

// TableName keeps the plural table name (GORM would say "series" anyway).
func (Series) TableName() string { return "series" }

// SeriesResponse is a series in the API.
type SeriesResponse struct {
	database.Head
	Name            string       `json:"name"`
	NameI18n        Translations `json:"name_i18n"`
	Description     string       `json:"description"`
	DescriptionI18n Translations `json:"description_i18n"`
	StartsOn        civil.Date   `json:"starts_on" swaggertype:"string" format:"date"`
	EndsOn          civil.Date   `json:"ends_on" swaggertype:"string" format:"date"`
	// AllowedActions are what the caller may do with the series (docs/development.md).
	AllowedActions []string `json:"allowed_actions,omitzero" enums:"update,delete"`
}

// SeriesInput creates a series.
type SeriesInput struct {
	Name            string             `json:"name" example:"Kulttuuriviikot 2026"`
	NameI18n        *TranslationsInput `json:"name_i18n" validate:"optional"`
	Description     string             `json:"description" text:"multiline" validate:"optional"`
	DescriptionI18n *TranslationsInput `json:"description_i18n" text:"multiline" validate:"optional"`
	StartsOn        *civil.Date        `json:"starts_on" swaggertype:"string" format:"date" example:"2026-09-07"`
	EndsOn          *civil.Date        `json:"ends_on" swaggertype:"string" format:"date" example:"2026-09-27"`
}

// SeriesPatch changes some fields of a series.
type SeriesPatch struct {
	Name            *string            `json:"name"`
	NameI18n        *TranslationsInput `json:"name_i18n"`
	Description     *string            `json:"description" text:"multiline"`
	DescriptionI18n *TranslationsInput `json:"description_i18n" text:"multiline"`
	StartsOn        *civil.Date        `json:"starts_on" swaggertype:"string" format:"date"`
	EndsOn          *civil.Date        `json:"ends_on" swaggertype:"string" format:"date"`
}

func toSeriesResponse(s Series) SeriesResponse {
	return SeriesResponse{Head: s.Head(),
		Name: s.Name, NameI18n: Translations{Sv: s.NameSv, En: s.NameEn}, Description: s.Description,
		DescriptionI18n: Translations{Sv: s.DescriptionSv, En: s.DescriptionEn}, StartsOn: s.StartsOn, EndsOn: s.EndsOn}
}

// Activity is one event, or a recurring one when Recurrence is set.
// StartsAt/EndsAt are the first occurrence; UntilAt is the end of the last
// occurrence (nil when the rule is unbounded), kept for the range index.
type Activity struct {
	database.Model
	Title             string
	TitleSv           string
	TitleEn           string
	Description       string
	DescriptionSv     string
	DescriptionEn     string
	PlainLanguageFi   string
	PlainLanguageSv   string
	Category          string
	StartsAt          time.Time
	EndsAt            time.Time
	Recurrence        string
	Exdates           Times `gorm:"type:timestamptz[]"`
	UntilAt           *time.Time
	SeriesID          *uuid.UUID `gorm:"type:uuid"`
	Status            string
	TargetGroups      Texts `gorm:"type:text[]"`
	Accessibility     string
	Capacity          *int
	Visibility        string
	CostEstimateCents *int64
	ProposedBy        *uuid.UUID `gorm:"type:uuid"`
	// UnitIDs and PartnerIDs are stored on the row too (uuid[] copies of
	// the link tables, for the calendar's read path).
	UnitIDs    IDs `gorm:"type:uuid[]"`
	PartnerIDs IDs `gorm:"type:uuid[]"`
}

// ActivityUnit names a hosting unit of an activity.
type ActivityUnit struct {
	ActivityID uuid.UUID `gorm:"type:uuid;primaryKey"`
	UnitID     uuid.UUID `gorm:"type:uuid;primaryKey"`
}

// ActivityPartner names a partner of an activity.
type ActivityPartner struct {
	ActivityID uuid.UUID `gorm:"type:uuid;primaryKey"`
	PartnerID  uuid.UUID `gorm:"type:uuid;primaryKey"`
}

// ActivityResponse is an activity in the API. starts_at, ends_at and the
// excluded dates are shown in the calendar zone.
type ActivityResponse struct {
	database.Head
	Title           string       `json:"title"`
	TitleI18n       Translations `json:"title_i18n"`
	Description     string       `json:"description"`
	DescriptionI18n Translations `json:"description_i18n"`
	// PlainLanguage is the easy-to-read text (selkokieli, lättläst), shown first on public pages and prints.
	PlainLanguage     PlainLanguage `json:"plain_language"`
	Category          string        `json:"category" enums:"music,theatre,dance,visual_arts,crafts,literature,film,intergenerational,outdoor,other"`
	StartsAt          time.Time     `json:"starts_at"`
	EndsAt            time.Time     `json:"ends_at"`
	Recurrence        string        `json:"recurrence" example:"FREQ=WEEKLY;BYDAY=TU"`
	Exdates           []time.Time   `json:"exdates"`
	UntilAt           *time.Time    `json:"until_at" extensions:"x-nullable"`
	UnitIDs           []uuid.UUID   `json:"unit_ids"`
	PartnerIDs        []uuid.UUID   `json:"partner_ids"`
	SeriesID          *uuid.UUID    `json:"series_id" extensions:"x-nullable"`
	Status            string        `json:"status" enums:"proposed,planned,confirmed,completed,cancelled"`
	TargetGroups      []string      `json:"target_groups" enums:"elderly,disability,mental_health,intergenerational,staff"`
	Accessibility     string        `json:"accessibility"`
	Capacity          *int          `json:"capacity" extensions:"x-nullable"`
	Visibility        string        `json:"visibility" enums:"public,internal"`
	CostEstimateCents *int64        `json:"cost_estimate_cents" extensions:"x-nullable"`
	ProposedBy        *uuid.UUID    `json:"proposed_by" extensions:"x-nullable"`
	// AllowedActions are what the caller may do with the activity now (docs/development.md).
	AllowedActions []string `json:"allowed_actions,omitzero" enums:"update,delete,cancel,move_occurrence,cancel_occurrence,record_attendance"`
}

// ActivityInput creates an activity. allow_overlap lets it overlap a
// confirmed activity in the same unit (otherwise 409).
type ActivityInput struct {
	Title             string              `json:"title" example:"Yhteislauluhetki"`
	TitleI18n         *TranslationsInput  `json:"title_i18n" validate:"optional"`
	Description       string              `json:"description" text:"multiline" validate:"optional"`
	DescriptionI18n   *TranslationsInput  `json:"description_i18n" text:"multiline" validate:"optional"`
	PlainLanguage     *PlainLanguageInput `json:"plain_language" text:"multiline" validate:"optional"`
	Category          string              `json:"category" enums:"music,theatre,dance,visual_arts,crafts,literature,film,intergenerational,outdoor,other"`
	StartsAt          *time.Time          `json:"starts_at" example:"2026-09-08T14:00:00+03:00"`
	EndsAt            *time.Time          `json:"ends_at" example:"2026-09-08T15:00:00+03:00"`
	Recurrence        string              `json:"recurrence" validate:"optional" example:"FREQ=WEEKLY;BYDAY=TU"`
	Exdates           []time.Time         `json:"exdates" validate:"optional"`
	UnitIDs           []uuid.UUID         `json:"unit_ids"`
	PartnerIDs        []uuid.UUID         `json:"partner_ids" validate:"optional"`
	SeriesID          *uuid.UUID          `json:"series_id" validate:"optional" extensions:"x-nullable"`
	Status            string              `json:"status" validate:"optional" enums:"proposed,planned,confirmed,completed,cancelled"`
	TargetGroups      []string            `json:"target_groups" validate:"optional" enums:"elderly,disability,mental_health,intergenerational,staff"`
	Accessibility     string              `json:"accessibility" text:"multiline" validate:"optional"`
	Capacity          *int                `json:"capacity" validate:"optional" extensions:"x-nullable"`
	Visibility        string              `json:"visibility" validate:"optional" enums:"public,internal"`
	CostEstimateCents *int64              `json:"cost_estimate_cents" validate:"optional" extensions:"x-nullable"`
	AllowOverlap      bool                `json:"allow_overlap" validate:"optional"`
}

// ActivityPatch changes some fields of an activity. Status changes follow
// proposed -> planned -> confirmed -> completed, or -> cancelled.
type ActivityPatch struct {
	Title             *string                     `json:"title"`
	TitleI18n         *TranslationsInput          `json:"title_i18n"`
	Description       *string                     `json:"description" text:"multiline"`
	DescriptionI18n   *TranslationsInput          `json:"description_i18n" text:"multiline"`
	PlainLanguage     *PlainLanguageInput         `json:"plain_language" text:"multiline"`
	Category          *string                     `json:"category" enums:"music,theatre,dance,visual_arts,crafts,literature,film,intergenerational,outdoor,other"`
	StartsAt          *time.Time                  `json:"starts_at"`
	EndsAt            *time.Time                  `json:"ends_at"`
	Recurrence        *string                     `json:"recurrence"`
	Exdates           *[]time.Time                `json:"exdates"`
	UnitIDs           *[]uuid.UUID                `json:"unit_ids"`
	PartnerIDs        *[]uuid.UUID                `json:"partner_ids"`
	SeriesID          httpapi.Optional[uuid.UUID] `json:"series_id" swaggertype:"string" format:"uuid"`
	Status            *string                     `json:"status" enums:"proposed,planned,confirmed,completed,cancelled"`
	TargetGroups      *[]string                   `json:"target_groups" enums:"elderly,disability,mental_health,intergenerational,staff"`
	Accessibility     *string                     `json:"accessibility" text:"multiline"`
	Capacity          httpapi.Optional[int]       `json:"capacity" swaggertype:"integer"`
	Visibility        *string                     `json:"visibility" enums:"public,internal"`
	CostEstimateCents httpapi.Optional[int64]     `json:"cost_estimate_cents" swaggertype:"integer"`
	AllowOverlap      *bool                       `json:"allow_overlap"`
}

func toActivityResponse(a Activity, zone *time.Location) ActivityResponse {
	ex := make([]time.Time, len(a.Exdates))
	for i, t := range a.Exdates {
		ex[i] = t.In(zone)
	}
	var until *time.Time
	if a.UntilAt != nil {
		u := a.UntilAt.In(zone)
		until = &u
	}
	tg := []string(a.TargetGroups)
	if tg == nil {
		tg = []string{}
	}
	return ActivityResponse{Head: a.Head(),
		Title: a.Title, TitleI18n: Translations{Sv: a.TitleSv, En: a.TitleEn}, Description: a.Description,
		DescriptionI18n: Translations{Sv: a.DescriptionSv, En: a.DescriptionEn},
		PlainLanguage:   PlainLanguage{Fi: a.PlainLanguageFi, Sv: a.PlainLanguageSv}, Category: a.Category, StartsAt: a.StartsAt.In(zone),
		EndsAt: a.EndsAt.In(zone), Recurrence: a.Recurrence, Exdates: ex, UntilAt: until,
		UnitIDs: nonNilIDs(a.UnitIDs), PartnerIDs: nonNilIDs(a.PartnerIDs), SeriesID: a.SeriesID, Status: a.Status,
		TargetGroups: tg, Accessibility: a.Accessibility, Capacity: a.Capacity, Visibility: a.Visibility,
		CostEstimateCents: a.CostEstimateCents, ProposedBy: a.ProposedBy}
}

func nonNilIDs(ids []uuid.UUID) []uuid.UUID {
	if ids == nil {
		return []uuid.UUID{}
	}
	return ids
}

// Override moves or cancels one occurrence of an activity, identified by
// its original start (the iCalendar RECURRENCE-ID).
type Override struct {
	database.Model
	ActivityID    uuid.UUID `gorm:"type:uuid"`
	OriginalStart time.Time
	StartsAt      time.Time
	EndsAt        time.Time
	Cancelled     bool
	Note          string
}

// TableName is the overrides table.
func (Override) TableName() string { return "occurrence_overrides" }

// OverrideResponse is an occurrence override in the API.
type OverrideResponse struct {
	database.Head
	ActivityID    uuid.UUID `json:"activity_id"`
	OriginalStart time.Time `json:"original_start"`
	StartsAt      time.Time `json:"starts_at"`
	EndsAt        time.Time `json:"ends_at"`
	Cancelled     bool      `json:"cancelled"`
	Note          string    `json:"note"`
	// AllowedActions: update (move or cancel differently), delete (restore the occurrence).
	AllowedActions []string `json:"allowed_actions,omitzero" enums:"update,delete"`
}

// OverrideInput moves (starts_at/ends_at) or cancels one occurrence.
// Without starts_at/ends_at the occurrence keeps its times.
type OverrideInput struct {
	OriginalStart *time.Time `json:"original_start" example:"2026-09-08T14:00:00+03:00"`
	StartsAt      *time.Time `json:"starts_at" validate:"optional"`
	EndsAt        *time.Time `json:"ends_at" validate:"optional"`
	Cancelled     bool       `json:"cancelled" validate:"optional"`
	Note          string     `json:"note" text:"multiline" validate:"optional"`
	AllowOverlap  bool       `json:"allow_overlap" validate:"optional"`
}

// OverridePatch changes an override.
type OverridePatch struct {
	StartsAt     *time.Time `json:"starts_at"`
	EndsAt       *time.Time `json:"ends_at"`
	Cancelled    *bool      `json:"cancelled"`
	Note         *string    `json:"note" text:"multiline"`
	AllowOverlap *bool      `json:"allow_overlap"`
}

func toOverrideResponse(o Override, zone *time.Location) OverrideResponse {
	return OverrideResponse{Head: o.Head(),
		ActivityID: o.ActivityID, OriginalStart: o.OriginalStart.In(zone), StartsAt: o.StartsAt.In(zone),
		EndsAt: o.EndsAt.In(zone), Cancelled: o.Cancelled, Note: o.Note}
}

// Attendance is the attendance and feedback of one occurrence.
type Attendance struct {
	database.Model
	ActivityID      uuid.UUID `gorm:"type:uuid"`
	OccurrenceStart time.Time
	Residents       int
	Staff           int
	Volunteers      int
	Relatives       int
	Feedback        *int
	Notes           string
	RecordedBy      *uuid.UUID `gorm:"type:uuid"`
}

// TableName is the attendance table.
func (Attendance) TableName() string { return "attendance" }

// AttendanceResponse is an attendance record in the API.
type AttendanceResponse struct {
	database.Head
	ActivityID      uuid.UUID  `json:"activity_id"`
	OccurrenceStart time.Time  `json:"occurrence_start"`
	Residents       int        `json:"residents"`
	Staff           int        `json:"staff"`
	Volunteers      int        `json:"volunteers"`
	Relatives       int        `json:"relatives"`
	Feedback        *int       `json:"feedback" extensions:"x-nullable"`
	Notes           string     `json:"notes"`
	RecordedBy      *uuid.UUID `json:"recorded_by" extensions:"x-nullable"`
	// Participants are the residents who took part, shown only to admins and the hosting units'
	// mentors (a mentor sees their own units' residents): null for everyone else, who see counts only.
	// Every read of them is audited.
	Participants *[]ParticipantResponse `json:"participants" extensions:"x-nullable"`
	// AllowedActions are what the caller may do with the record (docs/development.md).
	AllowedActions []string `json:"allowed_actions,omitzero" enums:"update,delete"`
}

// AttendanceInput records one occurrence's attendance. occurrence_start is
// the occurrence's original start (as in the calendar's original_start).
type AttendanceInput struct {
	OccurrenceStart *time.Time `json:"occurrence_start" example:"2026-09-08T14:00:00+03:00"`
	Residents       int        `json:"residents" validate:"optional"`
	Staff           int        `json:"staff" validate:"optional"`
	Volunteers      int        `json:"volunteers" validate:"optional"`
	Relatives       int        `json:"relatives" validate:"optional"`
	Feedback        *int       `json:"feedback" validate:"optional" extensions:"x-nullable"`
	Notes           string     `json:"notes" text:"multiline" validate:"optional"`
	// Participants: residents of the hosting units, each at most once; only admins and the units'
	// mentors list them.
	Participants []ParticipantInput `json:"participants" validate:"optional"`
}

// AttendancePatch changes an attendance record. Participants, when sent, replace the participants the
// caller sees (a mentor's own units' residents; an admin's all).
type AttendancePatch struct {
	Residents    *int                  `json:"residents"`
	Staff        *int                  `json:"staff"`
	Volunteers   *int                  `json:"volunteers"`
	Relatives    *int                  `json:"relatives"`
	Feedback     httpapi.Optional[int] `json:"feedback" swaggertype:"integer"`
	Notes        *string               `json:"notes" text:"multiline"`
	Participants *[]ParticipantInput   `json:"participants"`
}

// Participation is how a resident took part in an occurrence.
const (
	ParticipationActive   = "active"
	ParticipationPassive  = "passive"
	ParticipationDeclined = "declined"
)

// Participations are the participation values; FeedbackBy who gave a participant's feedback.
var (
	Participations = []string{ParticipationActive, ParticipationPassive, ParticipationDeclined}
	FeedbackBy     = []string{"self", "proxy"}
)

// Participant is one resident's part in one attendance record (personal data).
type Participant struct {
	database.Model
	AttendanceID  uuid.UUID `gorm:"type:uuid"`
	ResidentID    uuid.UUID `gorm:"type:uuid"`
	Participation string
	Feedback      *int
	FeedbackBy    string
}

// TableName is the participants table.
func (Participant) TableName() string { return "attendance_participants" }

// ParticipantResponse is one participant of an attendance record.
type ParticipantResponse struct {
	ResidentID    uuid.UUID `json:"resident_id"`
	Participation string    `json:"participation" enums:"active,passive,declined"`
	// Feedback is the resident's own feedback on the five-face scale (1..5), or null.
	Feedback *int `json:"feedback" extensions:"x-nullable"`
	// FeedbackBy: "self" when the resident gave it, "proxy" when staff gave it on their behalf.
	FeedbackBy string `json:"feedback_by" enums:"self,proxy"`
}

// ParticipantInput lists one resident as a participant.
type ParticipantInput struct {
	ResidentID    uuid.UUID `json:"resident_id"`
	Participation string    `json:"participation" enums:"active,passive,declined"`
	Feedback      *int      `json:"feedback" validate:"optional" extensions:"x-nullable"`
	// FeedbackBy defaults to "self".
	FeedbackBy string `json:"feedback_by" validate:"optional" enums:"self,proxy"`
}

func toParticipantResponse(p Participant) ParticipantResponse {
	return ParticipantResponse{ResidentID: p.ResidentID, Participation: p.Participation, Feedback: p.Feedback,
		FeedbackBy: p.FeedbackBy}
}

func toAttendanceResponse(a Attendance, zone *time.Location) AttendanceResponse {
	return AttendanceResponse{Head: a.Head(),
		ActivityID: a.ActivityID, OccurrenceStart: a.OccurrenceStart.In(zone), Residents: a.Residents, Staff: a.Staff,
		Volunteers: a.Volunteers, Relatives: a.Relatives, Feedback: a.Feedback, Notes: a.Notes, RecordedBy: a.RecordedBy}
}
