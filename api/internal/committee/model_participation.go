package committee

import (
	"time"

	"github.com/google/uuid"

	"kulttuurisilta/api/internal/civil"
)

// Residents' participation as a mentor reads it (docs/residents.md): from
// the participants of attendance records, personal data with the privacy of
// culture profiles.

// ParticipationCounts counts listed participations by how the resident took part.
type ParticipationCounts struct {
	Active   int `json:"active"`
	Passive  int `json:"passive"`
	Declined int `json:"declined"`
}

// CategoryParticipation is the participations in one activity category.
type CategoryParticipation struct {
	Category string `json:"category"`
	ParticipationCounts
}

// FeedbackMean is the mean of feedback (1..5) and how many gave it.
type FeedbackMean struct {
	Count int      `json:"count"`
	Mean  *float64 `json:"mean" extensions:"x-nullable"`
}

// MonthParticipation is one calendar month's active days, against the goal when there is one.
type MonthParticipation struct {
	// Month is YYYY-MM.
	Month      string `json:"month" example:"2026-03"`
	ActiveDays int    `json:"active_days"`
	// GoalMet is null without a goal.
	GoalMet *bool `json:"goal_met" extensions:"x-nullable"`
}

// ParticipationSummary is GET /residents/{id}/participation: one resident's participation in the days
// [from, to) (to is the day after the last one asked for).
type ParticipationSummary struct {
	ResidentID uuid.UUID  `json:"resident_id"`
	From       civil.Date `json:"from" swaggertype:"string" format:"date"`
	To         civil.Date `json:"to" swaggertype:"string" format:"date"`
	// ActiveDays: days with at least one active participation.
	ActiveDays      int                     `json:"active_days"`
	ByParticipation ParticipationCounts     `json:"by_participation"`
	ByCategory      []CategoryParticipation `json:"by_category"`
	// FeedbackSelf is the resident's own feedback; FeedbackProxy what staff gave on their behalf.
	FeedbackSelf  FeedbackMean `json:"feedback_self"`
	FeedbackProxy FeedbackMean `json:"feedback_proxy"`
	// LastActiveOn is the last day of active participation (before to), null if none.
	LastActiveOn *civil.Date `json:"last_active_on" swaggertype:"string" format:"date" extensions:"x-nullable"`
	// GoalDays is the resident's culture goal, active days per month (null: none).
	GoalDays *int `json:"goal_days" extensions:"x-nullable"`
	// Months: every calendar month touching the range, with its active days.
	Months []MonthParticipation `json:"months"`
}

// LeftOutResident is an active resident of a unit with no active participation in the last days.
type LeftOutResident struct {
	ResidentID  uuid.UUID `json:"resident_id"`
	DisplayName string    `json:"display_name"`
	// LastActiveOn is the last day of active participation, null if never.
	LastActiveOn *civil.Date `json:"last_active_on" swaggertype:"string" format:"date" extensions:"x-nullable"`
	// DaysWithout is the number of days since then, null if never.
	DaysWithout *int `json:"days_without" extensions:"x-nullable"`
}

// CultureSummary is GET /residents/{id}/culture-summary: a plain-text entry for the care record.
type CultureSummary struct {
	ResidentID uuid.UUID `json:"resident_id"`
	Lang       string    `json:"lang" enums:"fi,sv"`
	// Text is plain text (no markup), at most 2,000 characters.
	Text string `json:"text" maxLength:"2000"`
}

// MatchingOccurrence is an upcoming occurrence in the resident's unit that matches the profile.
type MatchingOccurrence struct {
	ActivityID uuid.UUID `json:"activity_id"`
	Title      string    `json:"title"`
	Category   string    `json:"category"`
	StartsAt   time.Time `json:"starts_at"`
	EndsAt     time.Time `json:"ends_at"`
	// CategoryMatch: the category is one the profile's interests point to.
	CategoryMatch bool `json:"category_match"`
	// Words: the profile's words found in the activity's title or description.
	Words []string `json:"words"`
}
