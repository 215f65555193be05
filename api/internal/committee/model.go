// Package committee is everything a culture mentor does in a unit: the
// unit's residents (display names only), its culture committee with members
// and meetings, the residents' ideas and wishes, the residents' culture
// profiles ("culture in the care record"), and the mentors themselves with
// their trainings. Personal data (residents, member names, meetings,
// culture profiles) is never served to API tokens or viewers; see
// docs/adr/0010-committee-access-and-personal-data.md.
package committee

import (
	"github.com/google/uuid"

	"kulttuurisilta/api/internal/civil"
	"kulttuurisilta/api/internal/database"
	"kulttuurisilta/api/internal/httpapi"
)

// Committee is a unit's culture committee. Its unit never changes.
type Committee struct {
	database.Model
	database.Referable
	UnitID    uuid.UUID `gorm:"type:uuid"`
	Name      string
	FoundedOn *civil.Date
	Active    bool
}

// CommitteeResponse is a committee in the API.
type CommitteeResponse struct {
	database.Head
	UnitID    uuid.UUID   `json:"unit_id"`
	Name      string      `json:"name"`
	FoundedOn *civil.Date `json:"founded_on" swaggertype:"string" format:"date" extensions:"x-nullable"`
	Active    bool        `json:"active"`
	// AllowedActions: what the caller may do with the committee (docs/development.md).
	AllowedActions []string `json:"allowed_actions,omitzero" enums:"update,delete"`
}

// CommitteeInput creates a committee.
type CommitteeInput struct {
	UnitID    uuid.UUID   `json:"unit_id"`
	Name      string      `json:"name" example:"Koivukodon kulttuuritoimikunta"`
	FoundedOn *civil.Date `json:"founded_on" swaggertype:"string" format:"date" validate:"optional" extensions:"x-nullable"`
	Active    *bool       `json:"active" validate:"optional"`
}

// CommitteePatch changes some fields of a committee; founded_on null clears
// the date. The unit cannot change.
type CommitteePatch struct {
	Name      *string                      `json:"name"`
	FoundedOn httpapi.Optional[civil.Date] `json:"founded_on" swaggertype:"string" format:"date"`
	Active    *bool                        `json:"active"`
}

func toCommitteeResponse(c Committee) CommitteeResponse {
	return CommitteeResponse{Head: c.Head(),
		UnitID: c.UnitID, Name: c.Name, FoundedOn: c.FoundedOn, Active: c.Active}
}

// Member roles.
var MemberRoles = []string{"chair", "secretary", "member"}

// Member is a resident's period on a committee.
type Member struct {
	database.Model
	CommitteeID uuid.UUID `gorm:"type:uuid"`
	UnitID      uuid.UUID `gorm:"type:uuid"`
	ResidentID  uuid.UUID `gorm:"type:uuid"`
	Role        string
	JoinedOn    civil.Date
	LeftOn      *civil.Date
	// DisplayName is the resident's, read with the member.
	DisplayName string `gorm:"->;-:migration"`
}

// TableName is the members table.
func (Member) TableName() string { return "committee_members" }

// MemberResponse is a committee member in the API.
type MemberResponse struct {
	database.Head
	CommitteeID uuid.UUID   `json:"committee_id"`
	ResidentID  uuid.UUID   `json:"resident_id"`
	DisplayName string      `json:"display_name"`
	Role        string      `json:"role" enums:"chair,secretary,member"`
	JoinedOn    civil.Date  `json:"joined_on" swaggertype:"string" format:"date"`
	LeftOn      *civil.Date `json:"left_on" swaggertype:"string" format:"date" extensions:"x-nullable"`
	// AllowedActions: what the caller may do with the membership (docs/development.md).
	AllowedActions []string `json:"allowed_actions,omitzero" enums:"update,delete"`
}

// MemberInput adds a member: either an existing resident of the committee's
// unit (resident_id) or a new one by display_name.
type MemberInput struct {
	ResidentID  *uuid.UUID  `json:"resident_id" validate:"optional" extensions:"x-nullable"`
	DisplayName *string     `json:"display_name" validate:"optional" extensions:"x-nullable" example:"Aili"`
	Role        string      `json:"role" enums:"chair,secretary,member"`
	JoinedOn    civil.Date  `json:"joined_on" swaggertype:"string" format:"date"`
	LeftOn      *civil.Date `json:"left_on" swaggertype:"string" format:"date" validate:"optional" extensions:"x-nullable"`
}

// MemberPatch changes a membership; left_on null makes the member current
// again. The resident cannot change.
type MemberPatch struct {
	Role     *string                      `json:"role" enums:"chair,secretary,member"`
	JoinedOn *civil.Date                  `json:"joined_on" swaggertype:"string" format:"date"`
	LeftOn   httpapi.Optional[civil.Date] `json:"left_on" swaggertype:"string" format:"date"`
}

func toMemberResponse(m Member) MemberResponse {
	return MemberResponse{Head: m.Head(),
		CommitteeID: m.CommitteeID, ResidentID: m.ResidentID, DisplayName: m.DisplayName, Role: m.Role,
		JoinedOn: m.JoinedOn, LeftOn: m.LeftOn}
}

// Meeting is one committee meeting.
type Meeting struct {
	database.Model
	CommitteeID uuid.UUID `gorm:"type:uuid"`
	HeldOn      civil.Date
	Agenda      string
	Minutes     string
	Decisions   string
}

// TableName is the meetings table.
func (Meeting) TableName() string { return "committee_meetings" }

// MeetingResponse is a meeting in the API.
type MeetingResponse struct {
	database.Head
	CommitteeID uuid.UUID  `json:"committee_id"`
	HeldOn      civil.Date `json:"held_on" swaggertype:"string" format:"date"`
	Agenda      string     `json:"agenda"`
	Minutes     string     `json:"minutes"`
	Decisions   string     `json:"decisions"`
	// AllowedActions: what the caller may do with the meeting (docs/development.md).
	AllowedActions []string `json:"allowed_actions,omitzero" enums:"update,delete"`
}

// MeetingInput records a meeting.
type MeetingInput struct {
	HeldOn    civil.Date `json:"held_on" swaggertype:"string" format:"date"`
	Agenda    string     `json:"agenda" text:"multiline" validate:"optional" example:"1. Kevään toiveet 2. Kesäjuhla"`
	Minutes   string     `json:"minutes" text:"multiline" validate:"optional"`
	Decisions string     `json:"decisions" text:"multiline" validate:"optional"`
}

// MeetingPatch changes some fields of a meeting.
type MeetingPatch struct {
	HeldOn    *civil.Date `json:"held_on" swaggertype:"string" format:"date"`
	Agenda    *string     `json:"agenda" text:"multiline"`
	Minutes   *string     `json:"minutes" text:"multiline"`
	Decisions *string     `json:"decisions" text:"multiline"`
}

func toMeetingResponse(m Meeting) MeetingResponse {
	return MeetingResponse{Head: m.Head(),
		CommitteeID: m.CommitteeID, HeldOn: m.HeldOn, Agenda: m.Agenda, Minutes: m.Minutes, Decisions: m.Decisions}
}
