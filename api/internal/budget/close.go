package budget

import (
	"slices"
	"time"

	"github.com/google/uuid"

	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/apperr"
	"kulttuurisilta/api/internal/civil"
)

// Problem codes of the month close: the "code" member of a 409 problem,
// stable for clients to act on (ADR 0071).
const (
	// CodeMonthNotEnded: a month is approved only after it has ended.
	CodeMonthNotEnded = "month_not_ended"
	// CodeMonthLocked: the month is locked; its figures cannot change.
	CodeMonthLocked = "month_locked"
	// CodeMonthNotApproved: a month is locked only when every department approved it.
	CodeMonthNotApproved = "month_not_approved"
	// CodeMonthNotLocked: only a locked month can be unlocked.
	CodeMonthNotLocked = "month_not_locked"
)

// Period actions, as listed in a period's allowed_actions.
const (
	ActionApprove = "approve"
	ActionLock    = "lock"
	ActionUnlock  = "unlock"
)

func conflictCode(code, format string, args ...any) *apperr.Error {
	return apperr.Conflict(format, args...).With("code", code)
}

// defaultZone is the calendar zone when the store was built without one.
var defaultZone = func() *time.Location {
	if z, err := time.LoadLocation("Europe/Helsinki"); err == nil {
		return z
	}
	return time.UTC
}()

// zone is the calendar zone.
func (s Store) zone() *time.Location {
	if s.Zone == nil {
		return defaultZone
	}
	return s.Zone
}

// today is the current day in the calendar zone.
func (s Store) today() civil.Date {
	now := time.Now().In(s.zone())
	return civil.Date{Time: time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)}
}

// approvableFrom is the first day a month can be approved: the day after
// it ends (in the calendar zone).
func approvableFrom(month civil.Date) civil.Date {
	return civil.Date{Time: monthOf(month).AddDate(0, 1, 0)}
}

// waiting lists the departments of the agreement that have not approved
// the month, in agreement order.
func waiting(a Agreement, p Period) []AgreementDepartment {
	var out []AgreementDepartment
	for _, d := range a.Departments {
		if !slices.ContainsFunc(p.Approvals, func(ap Approval) bool { return ap.DepartmentID == d.DepartmentID }) {
			out = append(out, d)
		}
	}
	return out
}

func waitingNames(a Agreement, p Period) []string {
	var out []string
	for _, d := range waiting(a, p) {
		out = append(out, d.Name)
	}
	return out
}

// periodActions are the steps the caller may take on the month now,
// decided by the same policy and rules that guard the routes.
func periodActions(who *access.Principal, a Agreement, p Period, today civil.Date) []string {
	out := []string{}
	ended := !today.Before(approvableFrom(p.Month).Time)
	if canApprove(who) == nil && p.Status != StatusLocked && ended && a.position(*who.DepartmentID) >= 0 &&
		!slices.ContainsFunc(p.Approvals, func(ap Approval) bool { return ap.DepartmentID == *who.DepartmentID }) {
		out = append(out, ActionApprove)
	}
	if canLock(who) == nil && p.Status == StatusApproved {
		out = append(out, ActionLock)
	}
	if canUnlock(who) == nil && p.Status == StatusLocked {
		out = append(out, ActionUnlock)
	}
	return out
}

// WaitingDepartment is a department whose approval a month still needs.
type WaitingDepartment struct {
	DepartmentID uuid.UUID `json:"department_id"`
	Code         string    `json:"code"`
	Name         string    `json:"name" example:"Kulttuuripalvelut"`
	Organisation string    `json:"organisation"`
}

// PeriodView is a month as its reader sees it: the period, whether it has
// ended, whom it still waits for, and what the reader may do with it.
type PeriodView struct {
	PeriodResponse
	// Ended: the month is over (in the calendar zone), so it can be approved.
	Ended bool `json:"ended"`
	// ApprovableFrom is the first day the month can be approved.
	ApprovableFrom civil.Date `json:"approvable_from" swaggertype:"string" format:"date"`
	// WaitingFor lists the departments that have not approved the month
	// (empty when approved or locked).
	WaitingFor []WaitingDepartment `json:"waiting_for"`
	// AllowedActions are the period steps the caller may take now:
	// approve, lock, unlock.
	AllowedActions []string `json:"allowed_actions" enums:"approve,lock,unlock"`
	// Basis is the month's latest invoicing basis, or null before the
	// first lock.
	Basis *BasisSummary `json:"basis" extensions:"x-nullable"`
}

func toPeriodView(who *access.Principal, a Agreement, p Period, today civil.Date, basis *BasisSummary) PeriodView {
	v := PeriodView{PeriodResponse: toPeriodResponse(p), ApprovableFrom: approvableFrom(p.Month),
		WaitingFor: []WaitingDepartment{}, AllowedActions: periodActions(who, a, p, today), Basis: basis}
	v.Ended = !today.Before(v.ApprovableFrom.Time)
	if p.Status == StatusOpen {
		for _, d := range waiting(a, p) {
			v.WaitingFor = append(v.WaitingFor, WaitingDepartment{DepartmentID: d.DepartmentID, Code: d.Code, Name: d.Name,
				Organisation: d.Organisation})
		}
	}
	return v
}

// WithdrawnApproval is an approval that a change of costs or shares took
// away: the month is open again and that department must approve it anew.
type WithdrawnApproval struct {
	Month        string    `json:"month" example:"2025-11"`
	DepartmentID uuid.UUID `json:"department_id"`
	UserID       uuid.UUID `json:"user_id"`
	// UserName is the approver's name (or email).
	UserName string `json:"user_name"`
	// At is when the approval had been given.
	At time.Time `json:"at"`
}
