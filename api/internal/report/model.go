// Package report turns the calendar and its attendance into the evidence managers show upward: activity
// reports grouped by unit, category, month, partner or target group (GET /reports/activities, also as
// CSV), and the reach report that lists the units left out (GET /reports/reach). Reports hold aggregates
// only: no names of residents, no notes, no culture profiles. See docs/feeds.md and ADR 0043.
package report

import (
	"time"

	"github.com/google/uuid"
)

// GroupBys are the groupings of the activity report.
var GroupBys = []string{"unit", "category", "month", "partner", "target_group"}

// MaxRange is the longest report range: two years, so a year can be compared with the one before.
const MaxRange = 731 * 24 * time.Hour

// Participants counts the people at occurrences, by kind.
type Participants struct {
	Residents  int `json:"residents"`
	Staff      int `json:"staff"`
	Volunteers int `json:"volunteers"`
	Relatives  int `json:"relatives"`
	Total      int `json:"total"`
}

// Metrics are the figures of one group (or of the whole range).
type Metrics struct {
	// Occurrences held or planned in the range (cancelled ones and mere proposals not counted).
	Occurrences int `json:"occurrences"`
	// Cancelled occurrences in the range.
	Cancelled int `json:"cancelled"`
	// OccurrencesWithAttendance have attendance recorded.
	OccurrencesWithAttendance int          `json:"occurrences_with_attendance"`
	Participants              Participants `json:"participants"`
	// FeedbackMean is the mean feedback (1..5) over occurrences that have one, rounded to two decimals.
	FeedbackMean  *float64 `json:"feedback_mean" extensions:"x-nullable"`
	FeedbackCount int      `json:"feedback_count"`
	// UnitsReached is how many units hosted at least one counted occurrence; UnitsReachedShareBP is that
	// share of all active units, in basis points.
	UnitsReached        int `json:"units_reached"`
	UnitsReachedShareBP int `json:"units_reached_share_bp"`
}

// Group is one row of the activity report.
type Group struct {
	// Key is the unit or partner id, the category, the month (YYYY-MM) or the target group; "" collects
	// occurrences without a partner or target group.
	Key   string `json:"key"`
	Label string `json:"label"`
	Metrics
}

// ActivityReport is GET /reports/activities.
type ActivityReport struct {
	From       time.Time `json:"from"`
	To         time.Time `json:"to"`
	GroupBy    string    `json:"group_by" enums:"unit,category,month,partner,target_group"`
	UnitsTotal int       `json:"units_total"`
	// Totals are over distinct occurrences: with group_by unit, partner or target_group one occurrence
	// can count in several groups, so the groups may add up to more than the totals.
	Totals Metrics `json:"totals"`
	Groups []Group `json:"groups"`
}

// UnitReach is one unit's row of the reach report.
type UnitReach struct {
	UnitID       uuid.UUID    `json:"unit_id"`
	Name         string       `json:"name"`
	Kind         string       `json:"kind"`
	Municipality string       `json:"municipality"`
	Occurrences  int          `json:"occurrences"`
	Participants Participants `json:"participants"`
	// LastActivityAt is the start of the unit's latest counted occurrence that has begun by the end of
	// the range (or now, if earlier), looking back at most a year before the range.
	LastActivityAt *time.Time `json:"last_activity_at" extensions:"x-nullable"`
	// WeeksSinceLast is whole weeks from LastActivityAt to the end of the range (or now); null when there
	// was none in the look-back.
	WeeksSinceLast *int `json:"weeks_since_last" extensions:"x-nullable"`
}

// ReachReport is GET /reports/reach.
type ReachReport struct {
	From           time.Time `json:"from"`
	To             time.Time `json:"to"`
	UnitsTotal     int       `json:"units_total"`
	UnitsReached   int       `json:"units_reached"`
	ReachedShareBP int       `json:"reached_share_bp"`
	// Units are the active units: those without occurrences in the range first (longest without first),
	// then the rest by fewest occurrences.
	Units []UnitReach `json:"units"`
}
