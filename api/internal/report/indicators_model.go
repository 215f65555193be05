package report

import (
	"time"

	"github.com/google/uuid"
)

// The indicators a welfare report can take (GET /reports/indicators, docs/reports.md). Every indicator
// carries its numerator and its denominator, so a reader can check the figure and add regions up.

// Ratio is a share: Numerator of Denominator, ShareBP in basis points (rounded down), null when the
// denominator is 0.
type Ratio struct {
	Numerator   int  `json:"numerator"`
	Denominator int  `json:"denominator"`
	ShareBP     *int `json:"share_bp" extensions:"x-nullable"`
}

func ratio(n, d int) Ratio {
	r := Ratio{Numerator: n, Denominator: d}
	if d > 0 {
		bp := int(int64(n) * 10000 / int64(d))
		r.ShareBP = &bp
	}
	return r
}

// Rate is occurrences per 100 resident places: Numerator occurrences over Denominator places, Per100 =
// 100 × Numerator / Denominator rounded to two decimals, null when there are no places.
type Rate struct {
	Numerator   int      `json:"numerator"`
	Denominator int      `json:"denominator"`
	Per100      *float64 `json:"per_100" extensions:"x-nullable"`
}

// FeedbackIndicator is the mean feedback: Numerator is the sum of the feedback given (1..5),
// Denominator the occurrences with feedback, Mean their quotient to two decimals (null without any).
// Distribution counts the occurrences with feedback 1, 2, 3, 4 and 5.
type FeedbackIndicator struct {
	Numerator    int      `json:"numerator"`
	Denominator  int      `json:"denominator"`
	Mean         *float64 `json:"mean" extensions:"x-nullable"`
	Distribution []int    `json:"distribution" minItems:"5" maxItems:"5"`
}

// MonthIndicator is one calendar month (calendar zone) of the range.
type MonthIndicator struct {
	// Month is YYYY-MM.
	Month string `json:"month" example:"2026-03"`
	// UnitsReached: active units hosting at least one occurrence that starts in the month, of all
	// active units.
	UnitsReached              Ratio        `json:"units_reached"`
	Occurrences               int          `json:"occurrences"`
	OccurrencesWithAttendance int          `json:"occurrences_with_attendance"`
	Participants              Participants `json:"participants"`
	// ResidentsActive: where per-resident participation is recorded, the share of residents with at
	// least one active participation in the month.
	ResidentsActive ResidentShare `json:"residents_active"`
}

// GroupIndicator is one target group's or category's occurrences and participants. Share is the
// group's participants of all participants (an occurrence for two target groups counts in both, so the
// target groups' shares may add up to more than 100 %).
type GroupIndicator struct {
	// Key is the target group or category; "" collects occurrences without a target group.
	Key          string       `json:"key"`
	Occurrences  int          `json:"occurrences"`
	Participants Participants `json:"participants"`
	Share        Ratio        `json:"share"`
}

// SectorIndicator is the partners of one sector involved in the range's occurrences.
type SectorIndicator struct {
	Sector string `json:"sector" enums:"public,private,third"`
	// Partners: distinct partners of the sector in at least one occurrence, of all distinct partners
	// in at least one occurrence.
	Partners Ratio `json:"partners"`
	// Occurrences with at least one partner of the sector.
	Occurrences int `json:"occurrences"`
}

// UnitIndicator is one active unit's figures in the range: the table per unit.
type UnitIndicator struct {
	UnitID           uuid.UUID    `json:"unit_id"`
	Name             string       `json:"name"`
	Kind             string       `json:"kind"`
	Municipality     string       `json:"municipality"`
	ResidentCapacity int          `json:"resident_capacity"`
	Occurrences      int          `json:"occurrences"`
	Participants     Participants `json:"participants"`
	FeedbackMean     *float64     `json:"feedback_mean" extensions:"x-nullable"`
	// AttendanceRecorded: the unit's occurrences in the range that have ended by now with attendance
	// recorded, of those that have ended.
	AttendanceRecorded Ratio `json:"attendance_recorded"`
	// ResidentsActive: the unit's active residents listed as taking part actively at least once in the
	// range, of its active residents (Units is 1); suppressed when the unit has fewer than 3 residents.
	ResidentsActive ResidentShare `json:"residents_active"`
}

// IndicatorReport is GET /reports/indicators.
type IndicatorReport struct {
	From time.Time `json:"from"`
	To   time.Time `json:"to"`
	// Year is set when the range was asked for as ?year=.
	Year *int `json:"year" extensions:"x-nullable"`
	// Occurrences held or planned in the range (cancelled ones apart, proposals ignored), as in the
	// activity report; Cancelled and OccurrencesWithAttendance beside them.
	Occurrences               int          `json:"occurrences"`
	Cancelled                 int          `json:"cancelled"`
	OccurrencesWithAttendance int          `json:"occurrences_with_attendance"`
	Participants              Participants `json:"participants"`
	// UnitsReached: active units that hosted at least one occurrence, of all active units.
	UnitsReached Ratio `json:"units_reached"`
	// Months: the share of units reached (and the participation) per calendar month.
	Months []MonthIndicator `json:"months"`
	// OccurrencesPer100Places: occurrences hosted by active units with a resident capacity (an
	// occurrence for two units counts for each), per 100 of their resident places.
	OccurrencesPer100Places Rate `json:"occurrences_per_100_places"`
	// TargetGroups: participants by target group (elderly, disability, …; "" none).
	TargetGroups []GroupIndicator `json:"target_groups"`
	// Categories: occurrences and participants by category.
	Categories []GroupIndicator `json:"categories"`
	// PartnerSectors: partners involved by sector (public, private, third), always all three.
	PartnerSectors []SectorIndicator `json:"partner_sectors"`
	// Volunteers: volunteer participations, of all participations.
	Volunteers Ratio `json:"volunteers"`
	// IdeasFulfilled: ideas received in the range that are done, of all ideas received in the range.
	IdeasFulfilled Ratio             `json:"ideas_fulfilled"`
	Feedback       FeedbackIndicator `json:"feedback"`
	// ResidentsActive: where per-resident participation is recorded, the share of residents with at
	// least one active participation in the range (per month in Months).
	ResidentsActive ResidentShare `json:"residents_active"`
	// Units: every active unit, by name.
	Units []UnitIndicator `json:"units"`
}

// UnitAdoption is one active unit's row of the adoption view.
type UnitAdoption struct {
	UnitID       uuid.UUID `json:"unit_id"`
	Name         string    `json:"name"`
	Kind         string    `json:"kind"`
	Municipality string    `json:"municipality"`
	// LastRecordedAt is when attendance was last recorded (created) for an occurrence the unit hosted
	// that began before the range's end; null when never.
	LastRecordedAt *time.Time `json:"last_recorded_at" extensions:"x-nullable"`
	// AttendanceRecorded: the unit's occurrences in the range that have ended by now with attendance
	// recorded, of those that have ended (denominator 0: nothing to record yet).
	AttendanceRecorded Ratio `json:"attendance_recorded"`
	// LowestFifth marks the fifth of the units with ended occurrences whose share is lowest (units tied
	// with the last of that fifth included).
	LowestFifth bool `json:"lowest_fifth"`
}

// AdoptionReport is GET /reports/adoption: how well attendance is being recorded, unit by unit.
type AdoptionReport struct {
	From time.Time `json:"from"`
	To   time.Time `json:"to"`
	Year *int      `json:"year" extensions:"x-nullable"`
	// AttendanceRecorded is over all units together (an occurrence of two units counts once).
	AttendanceRecorded Ratio `json:"attendance_recorded"`
	// LowestFifthCount is how many units are marked LowestFifth.
	LowestFifthCount int `json:"lowest_fifth_count"`
	// Units: lowest share first (then more ended occurrences, then by name); units with no ended
	// occurrence last.
	Units []UnitAdoption `json:"units"`
}
