// Package budget is the joint budget of two (or more) departments sharing
// the cultural producer and programme: agreements with default shares and
// per-category rules, cost entries (one at a time or imported from CSV),
// the exact per-entry split report (JSON, CSV, XLSX) and the monthly
// open -> approved -> locked workflow. The split rule itself lives in
// package costsplit and is the only definition of it.
package budget

import (
	"time"

	"github.com/google/uuid"

	"kulttuurisilta/api/internal/civil"
	"kulttuurisilta/api/internal/database"
)

// Categories are the cost categories of DESIGN.md, in report order.
var Categories = []string{"salary", "performer_fee", "travel", "materials", "venue", "other"}

// Period statuses.
const (
	StatusOpen     = "open"
	StatusApproved = "approved"
	StatusLocked   = "locked"
)

// Agreement is a joint-budget agreement for a period.
type Agreement struct {
	database.Model
	database.Referable
	Name     string
	StartsOn civil.Date `gorm:"type:date"`
	EndsOn   civil.Date `gorm:"type:date"`
	// Departments in listed order (position 0 first) and the category
	// rules, loaded with the agreement.
	Departments []AgreementDepartment `gorm:"-"`
	Rules       []CategoryShares      `gorm:"-"`
	// Accounts maps a category to its account code in the accounting
	// journal (optional per category).
	Accounts map[string]string `gorm:"-"`
}

// CategoryAccount is a category's account code on an agreement.
type CategoryAccount struct {
	AgreementID uuid.UUID `gorm:"type:uuid;primaryKey"`
	Category    string    `gorm:"primaryKey"`
	AccountCode string
}

// TableName is the account codes table.
func (CategoryAccount) TableName() string { return "agreement_category_accounts" }

// AgreementDepartment is one department's place in an agreement.
type AgreementDepartment struct {
	AgreementID  uuid.UUID `gorm:"type:uuid;primaryKey"`
	DepartmentID uuid.UUID `gorm:"type:uuid;primaryKey"`
	Position     int
	ShareBP      int `gorm:"column:share_bp"`
	BudgetCents  int64
	// From the department, read with it.
	Code         string `gorm:"->;-:migration"`
	Name         string `gorm:"->;-:migration"`
	Organisation string `gorm:"->;-:migration"`
}

// CategoryShares is a per-category share rule; SharesBP is aligned with
// the departments' positions.
type CategoryShares struct {
	AgreementID uuid.UUID             `gorm:"type:uuid;primaryKey"`
	Category    string                `gorm:"primaryKey"`
	SharesBP    database.Array[int64] `gorm:"column:shares_bp;type:integer[]"`
}

// TableName is the category rules table.
func (CategoryShares) TableName() string { return "agreement_category_shares" }

// defaultShares returns the default share vector.
func (a Agreement) defaultShares() []int {
	out := make([]int, len(a.Departments))
	for i, d := range a.Departments {
		out[i] = d.ShareBP
	}
	return out
}

// sharesFor returns the share vector of an entry and where it came from:
// its own override, else its category's rule, else the default.
func (a Agreement) sharesFor(category string, override []int64) ([]int, string) {
	if len(override) > 0 {
		return toInts(override), "override"
	}
	for _, r := range a.Rules {
		if r.Category == category {
			return toInts(r.SharesBP), "category"
		}
	}
	return a.defaultShares(), "default"
}

func toInts(v []int64) []int {
	out := make([]int, len(v))
	for i, x := range v {
		out[i] = int(x)
	}
	return out
}

// position returns a department's index in the agreement, or -1.
func (a Agreement) position(dep uuid.UUID) int {
	for i, d := range a.Departments {
		if d.DepartmentID == dep {
			return i
		}
	}
	return -1
}

// Cost is a cost entry.
type Cost struct {
	database.Model
	AgreementID   uuid.UUID  `gorm:"type:uuid"`
	IncurredOn    civil.Date `gorm:"type:date"`
	AmountCents   int64
	Category      string
	Description   string
	ActivityID    *uuid.UUID            `gorm:"type:uuid"`
	UnitID        *uuid.UUID            `gorm:"type:uuid"`
	ShareOverride database.Array[int64] `gorm:"type:integer[]"`
}

// Period is a month of an agreement (a row exists once something happened
// to the month; see virtualPeriod).
type Period struct {
	database.Model
	AgreementID uuid.UUID  `gorm:"type:uuid"`
	Month       civil.Date `gorm:"type:date"`
	Status      string
	LockedAt    *time.Time
	LockedBy    *uuid.UUID `gorm:"type:uuid"`
	Approvals   []Approval `gorm:"-"`
}

// TableName is the periods table.
func (Period) TableName() string { return "agreement_periods" }

// Approval is one department's approval of a month.
type Approval struct {
	PeriodID     uuid.UUID `gorm:"type:uuid;primaryKey"`
	DepartmentID uuid.UUID `gorm:"type:uuid;primaryKey"`
	UserID       uuid.UUID `gorm:"type:uuid"`
	At           time.Time
	// UserName is read with the approval (joined from users): the approver's
	// name, or their email when the name is empty. Never written.
	UserName string `gorm:"->;column:user_name"`
}

// TableName is the approvals table.
func (Approval) TableName() string { return "period_approvals" }
