package committee

import (
	"time"

	"github.com/google/uuid"

	"kulttuurisilta/api/internal/civil"
	"kulttuurisilta/api/internal/database"
	"kulttuurisilta/api/internal/httpapi"
)

// Resident is a resident or client of a unit who takes part: a display
// name only. The unit never changes.
type Resident struct {
	database.Model
	UnitID      uuid.UUID `gorm:"type:uuid"`
	DisplayName string
	Active      bool
	// CultureGoalDays is the optional goal of active culture days per month.
	CultureGoalDays *int
}

// ResidentResponse is a resident in the API.
type ResidentResponse struct {
	database.Head
	UnitID      uuid.UUID `json:"unit_id"`
	DisplayName string    `json:"display_name"`
	Active      bool      `json:"active"`
	// CultureGoalDays is the resident's culture goal: active days per month (null: none).
	CultureGoalDays *int `json:"culture_goal_days" extensions:"x-nullable"`
	// AllowedActions: update, delete (erase the resident) (docs/development.md).
	AllowedActions []string `json:"allowed_actions,omitzero" enums:"update,delete"`
}

// ResidentInput adds a resident to a unit.
type ResidentInput struct {
	UnitID      uuid.UUID `json:"unit_id"`
	DisplayName string    `json:"display_name" example:"Aili"`
	Active      *bool     `json:"active" validate:"optional"`
	// CultureGoalDays: active culture days per month to aim for (1..31), or null.
	CultureGoalDays *int `json:"culture_goal_days" validate:"optional" extensions:"x-nullable"`
}

// ResidentPatch changes a resident.
type ResidentPatch struct {
	DisplayName     *string               `json:"display_name"`
	Active          *bool                 `json:"active"`
	CultureGoalDays httpapi.Optional[int] `json:"culture_goal_days" swaggertype:"integer"`
}

func toResidentResponse(r Resident) ResidentResponse {
	return ResidentResponse{Head: r.Head(),
		UnitID: r.UnitID, DisplayName: r.DisplayName, Active: r.Active, CultureGoalDays: r.CultureGoalDays}
}

// Profile is a resident's culture profile; its id is the resident's.
type Profile struct {
	database.Model
	LifeStory string
	Music     string
	Arts      string
	Places    string
	Wishes    string
}

// TableName is the culture profiles table.
func (Profile) TableName() string { return "culture_profiles" }

// ProfileResponse is a culture profile in the API.
type ProfileResponse struct {
	ResidentID uuid.UUID `json:"resident_id"`
	CreatedAt  time.Time `json:"created_at"`
	UpdatedAt  time.Time `json:"updated_at"`
	Version    int       `json:"version"`
	LifeStory  string    `json:"life_story"`
	Music      string    `json:"music"`
	Arts       string    `json:"arts"`
	Places     string    `json:"places"`
	Wishes     string    `json:"wishes"`
	// AllowedActions: update (PUT), delete (erase the profile), export (the resident's data) (docs/development.md).
	AllowedActions []string `json:"allowed_actions,omitzero" enums:"update,delete,export"`
}

// ProfileInput writes a whole culture profile, in the resident's own words.
type ProfileInput struct {
	LifeStory string `json:"life_story" text:"multiline" validate:"optional" example:"Kasvoin Turussa, lauloin kirkkokuorossa 40 vuotta."`
	Music     string `json:"music" text:"multiline" validate:"optional" example:"Tapio Rautavaara, kuorolaulu"`
	Arts      string `json:"arts" text:"multiline" validate:"optional"`
	Places    string `json:"places" text:"multiline" validate:"optional"`
	Wishes    string `json:"wishes" text:"multiline" validate:"optional" example:"Haluaisin vielä käydä konsertissa."`
}

func toProfileResponse(p Profile) ProfileResponse {
	return ProfileResponse{ResidentID: p.ID, CreatedAt: p.CreatedAt.UTC(), UpdatedAt: p.UpdatedAt.UTC(), Version: p.Version,
		LifeStory: p.LifeStory, Music: p.Music, Arts: p.Arts, Places: p.Places, Wishes: p.Wishes}
}

// ResidentExport is all the data kept about one resident (a data subject
// access request).
type ResidentExport struct {
	ExportedAt     time.Time                 `json:"exported_at"`
	Resident       ResidentResponse          `json:"resident"`
	CultureProfile *ProfileResponse          `json:"culture_profile" extensions:"x-nullable"`
	Memberships    []ExportMembershipSummary `json:"memberships"`
	// Participation is every occurrence the resident was listed in, oldest first.
	Participation []ExportParticipation `json:"participation"`
}

// ExportParticipation is one listed participation in an export.
type ExportParticipation struct {
	ActivityID      uuid.UUID `json:"activity_id"`
	ActivityTitle   string    `json:"activity_title"`
	OccurrenceStart time.Time `json:"occurrence_start"`
	Participation   string    `json:"participation" enums:"active,passive,declined"`
	Feedback        *int      `json:"feedback" extensions:"x-nullable"`
	FeedbackBy      string    `json:"feedback_by" enums:"self,proxy"`
}

// ExportMembershipSummary is one committee membership in an export.
type ExportMembershipSummary struct {
	MemberResponse
	CommitteeName string `json:"committee_name"`
}

// Mentor is a staff member named as a culture mentor.
type Mentor struct {
	database.Model
	Name    string
	Email   string
	Phone   string
	Title   string
	Since   *civil.Date
	Active  bool
	UserID  *uuid.UUID  `gorm:"type:uuid"`
	UnitIDs []uuid.UUID `gorm:"-"`
}

// MentorUnit names a mentor to a unit.
type MentorUnit struct {
	MentorID uuid.UUID `gorm:"type:uuid;primaryKey"`
	UnitID   uuid.UUID `gorm:"type:uuid;primaryKey"`
}

// MentorResponse is a mentor in the API.
type MentorResponse struct {
	database.Head
	Name    string      `json:"name"`
	Email   string      `json:"email"`
	Phone   string      `json:"phone"`
	Title   string      `json:"title"`
	UnitIDs []uuid.UUID `json:"unit_ids"`
	Since   *civil.Date `json:"since" swaggertype:"string" format:"date" extensions:"x-nullable"`
	Active  bool        `json:"active"`
	UserID  *uuid.UUID  `json:"user_id" extensions:"x-nullable"`
	// AllowedActions: what the caller may do with the mentor record (docs/development.md).
	AllowedActions []string `json:"allowed_actions,omitzero" enums:"update,delete,record_training"`
}

// MentorInput names a mentor.
type MentorInput struct {
	Name    string      `json:"name" example:"Maija Mentori"`
	Email   string      `json:"email" validate:"optional" example:"maija.mentori@example.fi"`
	Phone   string      `json:"phone" validate:"optional" example:"+358 40 123 4567"`
	Title   string      `json:"title" validate:"optional" example:"lähihoitaja"`
	UnitIDs []uuid.UUID `json:"unit_ids"`
	Since   *civil.Date `json:"since" swaggertype:"string" format:"date" validate:"optional" extensions:"x-nullable"`
	Active  *bool       `json:"active" validate:"optional"`
	UserID  *uuid.UUID  `json:"user_id" validate:"optional" extensions:"x-nullable"`
}

// MentorPatch changes a mentor; since and user_id null clear them.
type MentorPatch struct {
	Name    *string                      `json:"name"`
	Email   *string                      `json:"email"`
	Phone   *string                      `json:"phone"`
	Title   *string                      `json:"title"`
	UnitIDs *[]uuid.UUID                 `json:"unit_ids"`
	Since   httpapi.Optional[civil.Date] `json:"since" swaggertype:"string" format:"date"`
	Active  *bool                        `json:"active"`
	UserID  httpapi.Optional[uuid.UUID]  `json:"user_id" swaggertype:"string" format:"uuid"`
}

func toMentorResponse(m Mentor) MentorResponse {
	units := m.UnitIDs
	if units == nil {
		units = []uuid.UUID{}
	}
	return MentorResponse{Head: m.Head(),
		Name: m.Name, Email: m.Email, Phone: m.Phone, Title: m.Title, UnitIDs: units, Since: m.Since,
		Active: m.Active, UserID: m.UserID}
}

// Training is a course a mentor completed.
type Training struct {
	database.Model
	MentorID    uuid.UUID `gorm:"type:uuid"`
	Course      string
	Provider    string
	CompletedOn civil.Date
	HoursTenths int
}

// TableName is the trainings table.
func (Training) TableName() string { return "mentor_trainings" }

// TrainingResponse is a training in the API.
type TrainingResponse struct {
	database.Head
	MentorID    uuid.UUID  `json:"mentor_id"`
	Course      string     `json:"course"`
	Provider    string     `json:"provider"`
	CompletedOn civil.Date `json:"completed_on" swaggertype:"string" format:"date"`
	Hours       float64    `json:"hours" example:"7.5"`
	// AllowedActions: what the caller may do with the training (docs/development.md).
	AllowedActions []string `json:"allowed_actions,omitzero" enums:"update,delete"`
}

// TrainingInput records a training; hours in steps of 0.1.
type TrainingInput struct {
	Course      string     `json:"course" example:"Kulttuurisen vanhustyön perusteet"`
	Provider    string     `json:"provider" validate:"optional" example:"Taikusydän"`
	CompletedOn civil.Date `json:"completed_on" swaggertype:"string" format:"date"`
	Hours       float64    `json:"hours" example:"7.5" minimum:"0.1" maximum:"1000"`
}

// TrainingPatch changes a training.
type TrainingPatch struct {
	Course      *string     `json:"course"`
	Provider    *string     `json:"provider"`
	CompletedOn *civil.Date `json:"completed_on" swaggertype:"string" format:"date"`
	Hours       *float64    `json:"hours"`
}

func toTrainingResponse(t Training) TrainingResponse {
	return TrainingResponse{Head: t.Head(),
		MentorID: t.MentorID, Course: t.Course, Provider: t.Provider, CompletedOn: t.CompletedOn,
		Hours: float64(t.HoursTenths) / 10}
}

// MentorUnitSummary is one unit's mentor figures for a year.
type MentorUnitSummary struct {
	UnitID         uuid.UUID `json:"unit_id"`
	UnitName       string    `json:"unit_name"`
	Mentors        int       `json:"mentors"`
	TrainedMentors int       `json:"trained_mentors"`
	Trainings      int       `json:"trainings"`
	TrainingHours  float64   `json:"training_hours"`
}

// MentorSummary is the per-unit mentor summary.
type MentorSummary struct {
	Year  int                 `json:"year"`
	Units []MentorUnitSummary `json:"units"`
}

// CommitteeUnitSummary is one unit's committee figures for a year.
type CommitteeUnitSummary struct {
	UnitID            uuid.UUID `json:"unit_id"`
	UnitName          string    `json:"unit_name"`
	Committees        int       `json:"committees"`
	CurrentMembers    int       `json:"current_members"`
	Meetings          int       `json:"meetings"`
	IdeasNew          int       `json:"ideas_new"`
	IdeasPlanned      int       `json:"ideas_planned"`
	IdeasDone         int       `json:"ideas_done"`
	IdeasDeclined     int       `json:"ideas_declined"`
	IdeasWithActivity int       `json:"ideas_with_activity"`
}

// CommitteeSummary is the per-unit committee summary.
type CommitteeSummary struct {
	Year  int                    `json:"year"`
	Units []CommitteeUnitSummary `json:"units"`
}
