package notify

import (
	"context"
	"time"

	"github.com/google/uuid"
)

// Sources are what the time-based reminders read from the domain packages,
// which implement them (package app wires them), so notify imports none.
type Sources struct {
	Months   MonthSource
	Calendar CalendarSource
}

// MonthSource is the joint budget's side (package budget).
type MonthSource interface {
	// WaitingMonths lists every agreement month that ended before day (a
	// date in the calendar zone) and is not locked, once for each party
	// department that has not approved it.
	WaitingMonths(ctx context.Context, day time.Time) ([]WaitingMonth, error)
}

// WaitingMonth is one month waiting for one department's approval.
type WaitingMonth struct {
	AgreementID  uuid.UUID
	Agreement    string
	Month        string // YYYY-MM
	DepartmentID uuid.UUID
	Department   string
}

// CalendarSource is the calendar's side (package calendar).
type CalendarSource interface {
	// UnitOccurrences lists the occurrences starting in [from, to) of the
	// activities units host, one row per hosting unit, leaving out
	// proposed and cancelled ones, with whether attendance is recorded.
	UnitOccurrences(ctx context.Context, from, to time.Time) ([]UnitOccurrence, error)
}

// UnitOccurrence is one occurrence in one hosting unit.
type UnitOccurrence struct {
	ActivityID    uuid.UUID
	Title         string
	StartsAt      time.Time
	OriginalStart time.Time
	UnitID        uuid.UUID
	Unit          string
	Attended      bool
}
