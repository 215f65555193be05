package committee

import (
	"time"

	"github.com/google/uuid"

	"kulttuurisilta/api/internal/database"
	"kulttuurisilta/api/internal/httpapi"
)

// Idea sources and statuses.
var (
	IdeaSources  = []string{"survey", "meeting", "resident", "staff", "other"}
	IdeaStatuses = []string{"new", "planned", "done", "declined"}
	// IdeaSorts are the orders of the idea list: rank puts the committee's
	// priority first (1 highest, unranked last), then the most votes.
	IdeaSorts = []string{"newest", "rank", "title"}
)

// Idea is a wish or idea collected by a committee.
type Idea struct {
	database.Model
	CommitteeID     uuid.UUID `gorm:"type:uuid"`
	UnitID          uuid.UUID `gorm:"type:uuid"`
	Title           string
	Description     string
	Source          string
	Status          string
	Votes           int
	Priority        *int
	ActivityID      *uuid.UUID `gorm:"type:uuid"`
	StatusChangedAt time.Time
}

// IdeaResponse is an idea in the API.
type IdeaResponse struct {
	database.Head
	CommitteeID     uuid.UUID  `json:"committee_id"`
	UnitID          uuid.UUID  `json:"unit_id"`
	Title           string     `json:"title"`
	Description     string     `json:"description"`
	Source          string     `json:"source" enums:"survey,meeting,resident,staff,other"`
	Status          string     `json:"status" enums:"new,planned,done,declined"`
	Votes           int        `json:"votes"`
	Priority        *int       `json:"priority" extensions:"x-nullable"`
	ActivityID      *uuid.UUID `json:"activity_id" extensions:"x-nullable"`
	StatusChangedAt time.Time  `json:"status_changed_at"`
	// AllowedActions: what the caller may do with the idea now (docs/development.md).
	AllowedActions []string `json:"allowed_actions,omitzero" enums:"update,delete,vote,to_activity"`
}

// IdeaInput files a new idea; it starts with status new.
type IdeaInput struct {
	CommitteeID uuid.UUID `json:"committee_id"`
	Title       string    `json:"title" example:"Tanssiaiset elävän musiikin kera"`
	Description string    `json:"description" text:"multiline" validate:"optional"`
	Source      string    `json:"source" enums:"survey,meeting,resident,staff,other"`
	Votes       int       `json:"votes" validate:"optional"`
	Priority    *int      `json:"priority" validate:"optional" extensions:"x-nullable" minimum:"1" maximum:"5"`
}

// IdeaPatch changes an idea. A status change must be an allowed transition
// (see Transition); priority null removes the ranking. The committee and
// activity_id cannot be changed here (the calendar's POST
// /ideas/{id}/activity sets activity_id).
type IdeaPatch struct {
	Title       *string               `json:"title"`
	Description *string               `json:"description" text:"multiline"`
	Source      *string               `json:"source" enums:"survey,meeting,resident,staff,other"`
	Status      *string               `json:"status" enums:"new,planned,done,declined"`
	Votes       *int                  `json:"votes"`
	Priority    httpapi.Optional[int] `json:"priority" swaggertype:"integer"`
}

// VoteInput adds votes to an idea (a show of hands at a meeting).
type VoteInput struct {
	Count int `json:"count" example:"3" minimum:"1" maximum:"1000"`
}

func toIdeaResponse(i Idea) IdeaResponse {
	return IdeaResponse{Head: i.Head(),
		CommitteeID: i.CommitteeID, UnitID: i.UnitID, Title: i.Title, Description: i.Description, Source: i.Source,
		Status: i.Status, Votes: i.Votes, Priority: i.Priority, ActivityID: i.ActivityID,
		StatusChangedAt: i.StatusChangedAt.UTC()}
}
