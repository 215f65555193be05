package budget

import (
	"kulttuurisilta/api/internal/database"
	"time"

	"github.com/google/uuid"

	"kulttuurisilta/api/internal/civil"
	"kulttuurisilta/api/internal/httpapi"
)

// ShareInput is one department's share (basis points, 0..10000).
type ShareInput struct {
	DepartmentID uuid.UUID `json:"department_id"`
	ShareBP      int       `json:"share_bp" example:"5000"`
}

// AgreementDepartmentInput is a department of an agreement with its
// default share and its budget for the agreement's period.
type AgreementDepartmentInput struct {
	DepartmentID uuid.UUID `json:"department_id"`
	ShareBP      int       `json:"share_bp" example:"5000"`
	BudgetCents  int64     `json:"budget_cents" example:"6000000"`
}

// CategoryRuleInput gives one category its own shares.
type CategoryRuleInput struct {
	Category string       `json:"category" enums:"salary,performer_fee,travel,materials,venue,other"`
	Shares   []ShareInput `json:"shares"`
}

// AgreementInput creates an agreement. Departments are listed in order:
// the first one wins split ties. Default shares must sum to 10000.
type AgreementInput struct {
	Name          string                     `json:"name" example:"Kulttuurituottaja 2025"`
	StartsOn      civil.Date                 `json:"starts_on" swaggertype:"string" format:"date"`
	EndsOn        civil.Date                 `json:"ends_on" swaggertype:"string" format:"date"`
	Departments   []AgreementDepartmentInput `json:"departments"`
	CategoryRules []CategoryRuleInput        `json:"category_rules" validate:"optional"`
	// AccountCodes gives categories their account code in the accounting
	// journal (basis.csv), e.g. {"salary": "4110", "performer_fee": "4350"}.
	AccountCodes map[string]string `json:"account_codes" validate:"optional"`
}

// AgreementPatch changes some fields of an agreement. departments and
// category_rules replace the whole list. Shares cannot change once a month
// is locked; the department list cannot change once costs exist.
type AgreementPatch struct {
	Name          *string                     `json:"name"`
	StartsOn      *civil.Date                 `json:"starts_on" swaggertype:"string" format:"date"`
	EndsOn        *civil.Date                 `json:"ends_on" swaggertype:"string" format:"date"`
	Departments   *[]AgreementDepartmentInput `json:"departments"`
	CategoryRules *[]CategoryRuleInput        `json:"category_rules"`
	AccountCodes  *map[string]string          `json:"account_codes"`
}

// AgreementDepartmentResponse is a department of an agreement.
type AgreementDepartmentResponse struct {
	DepartmentID uuid.UUID `json:"department_id"`
	Code         string    `json:"code"`
	Name         string    `json:"name"`
	Organisation string    `json:"organisation"`
	ShareBP      int       `json:"share_bp"`
	BudgetCents  int64     `json:"budget_cents"`
}

// ShareResponse is one department's share.
type ShareResponse struct {
	DepartmentID uuid.UUID `json:"department_id"`
	ShareBP      int       `json:"share_bp"`
}

// CategoryRuleResponse is a per-category share rule.
type CategoryRuleResponse struct {
	Category string          `json:"category" enums:"salary,performer_fee,travel,materials,venue,other"`
	Shares   []ShareResponse `json:"shares"`
}

// AgreementResponse is an agreement in the API.
type AgreementResponse struct {
	database.Head
	Name          string                        `json:"name"`
	StartsOn      civil.Date                    `json:"starts_on" swaggertype:"string" format:"date"`
	EndsOn        civil.Date                    `json:"ends_on" swaggertype:"string" format:"date"`
	Departments   []AgreementDepartmentResponse `json:"departments"`
	CategoryRules []CategoryRuleResponse        `json:"category_rules"`
	// AccountCodes maps categories to their account codes (only those set).
	AccountCodes map[string]string `json:"account_codes"`
	// AllowedActions: what the caller may do with the agreement (docs/development.md).
	AllowedActions []string `json:"allowed_actions,omitzero" enums:"update,delete"`
}

// AgreementChangeResponse is a changed agreement and the approvals the
// change withdrew (a change of shares withdraws the open months' approvals).
type AgreementChangeResponse struct {
	AgreementResponse
	WithdrawnApprovals []WithdrawnApproval `json:"withdrawn_approvals"`
}

// CostChangeResponse is a created or changed cost entry and the approvals
// the change withdrew from its month(s).
type CostChangeResponse struct {
	CostResponse
	WithdrawnApprovals []WithdrawnApproval `json:"withdrawn_approvals"`
}

// CostDeleteResponse reports a deleted cost entry and the approvals the
// deletion withdrew.
type CostDeleteResponse struct {
	ID                 uuid.UUID           `json:"id"`
	WithdrawnApprovals []WithdrawnApproval `json:"withdrawn_approvals"`
}

func sharesResponse(a Agreement, shares []int) []ShareResponse {
	out := make([]ShareResponse, len(shares))
	for i, s := range shares {
		out[i] = ShareResponse{DepartmentID: a.Departments[i].DepartmentID, ShareBP: s}
	}
	return out
}

func toAgreementResponse(a Agreement) AgreementResponse {
	r := AgreementResponse{Head: a.Head(),
		Name: a.Name, StartsOn: a.StartsOn, EndsOn: a.EndsOn,
		Departments: make([]AgreementDepartmentResponse, len(a.Departments)), CategoryRules: []CategoryRuleResponse{},
		AccountCodes: map[string]string{}}
	for k, v := range a.Accounts {
		r.AccountCodes[k] = v
	}
	for i, d := range a.Departments {
		r.Departments[i] = AgreementDepartmentResponse{DepartmentID: d.DepartmentID, Code: d.Code, Name: d.Name,
			Organisation: d.Organisation, ShareBP: d.ShareBP, BudgetCents: d.BudgetCents}
	}
	for _, c := range Categories {
		for _, rule := range a.Rules {
			if rule.Category == c {
				r.CategoryRules = append(r.CategoryRules, CategoryRuleResponse{Category: c, Shares: sharesResponse(a, toInts(rule.SharesBP))})
			}
		}
	}
	return r
}

// CostInput creates a cost entry. amount_cents is negative for refunds and
// corrections. shares overrides the agreement's shares for this entry and
// must list every department of the agreement, summing to 10000.
type CostInput struct {
	AgreementID uuid.UUID    `json:"agreement_id"`
	IncurredOn  civil.Date   `json:"incurred_on" swaggertype:"string" format:"date"`
	AmountCents int64        `json:"amount_cents" example:"125000"`
	Category    string       `json:"category" enums:"salary,performer_fee,travel,materials,venue,other"`
	Description string       `json:"description" example:"Konsertti Koivukodissa, esiintyjäpalkkio"`
	ActivityID  *uuid.UUID   `json:"activity_id" validate:"optional" extensions:"x-nullable"`
	UnitID      *uuid.UUID   `json:"unit_id" validate:"optional" extensions:"x-nullable"`
	Shares      []ShareInput `json:"shares" validate:"optional" extensions:"x-nullable"`
}

// CostPatch changes some fields of a cost entry. activity_id and unit_id
// set to null clear them; shares set to [] (or null) removes the override.
// The agreement cannot change.
type CostPatch struct {
	IncurredOn  *civil.Date                    `json:"incurred_on" swaggertype:"string" format:"date"`
	AmountCents *int64                         `json:"amount_cents"`
	Category    *string                        `json:"category" enums:"salary,performer_fee,travel,materials,venue,other"`
	Description *string                        `json:"description"`
	ActivityID  httpapi.Optional[uuid.UUID]    `json:"activity_id" swaggertype:"string" format:"uuid"`
	UnitID      httpapi.Optional[uuid.UUID]    `json:"unit_id" swaggertype:"string" format:"uuid"`
	Shares      httpapi.Optional[[]ShareInput] `json:"shares" swaggertype:"array,object"`
}

// AllocationResponse is one department's part of a cost entry.
type AllocationResponse struct {
	DepartmentID uuid.UUID `json:"department_id"`
	Code         string    `json:"code"`
	ShareBP      int       `json:"share_bp"`
	AmountCents  int64     `json:"amount_cents"`
}

// CostEntry is a cost entry with its split, as the audit log keeps it
// (the before and after of a month's changes).
type CostEntry struct {
	database.Head
	AgreementID uuid.UUID  `json:"agreement_id"`
	IncurredOn  civil.Date `json:"incurred_on" swaggertype:"string" format:"date"`
	AmountCents int64      `json:"amount_cents"`
	Category    string     `json:"category" enums:"salary,performer_fee,travel,materials,venue,other"`
	Description string     `json:"description"`
	ActivityID  *uuid.UUID `json:"activity_id" extensions:"x-nullable"`
	UnitID      *uuid.UUID `json:"unit_id" extensions:"x-nullable"`
	// Shares is the entry's own override, or null.
	Shares []ShareResponse `json:"shares" extensions:"x-nullable"`
	// ShareSource says which shares split the entry.
	ShareSource string               `json:"share_source" enums:"override,category,default"`
	Allocations []AllocationResponse `json:"allocations"`
}

// CostResponse is a cost entry in the API, with its split and what the
// caller may do with it.
type CostResponse struct {
	CostEntry
	// AllowedActions: what the caller may do with the entry now (none while its month is locked) (docs/development.md).
	AllowedActions []string `json:"allowed_actions,omitzero" enums:"update,delete"`
}

// PeriodApprovalResponse is one department's approval of a month.
type PeriodApprovalResponse struct {
	DepartmentID uuid.UUID `json:"department_id"`
	UserID       uuid.UUID `json:"user_id"`
	// UserName is the approving user's name, or their email when the name is empty.
	UserName string    `json:"user_name" example:"Maija Virtanen"`
	At       time.Time `json:"at"`
}

// PeriodResponse is a month of an agreement.
type PeriodResponse struct {
	AgreementID uuid.UUID                `json:"agreement_id"`
	Month       string                   `json:"month" example:"2025-03"`
	Status      string                   `json:"status" enums:"open,approved,locked"`
	Version     int                      `json:"version"`
	Approvals   []PeriodApprovalResponse `json:"approvals"`
	LockedAt    *time.Time               `json:"locked_at" extensions:"x-nullable"`
	LockedBy    *uuid.UUID               `json:"locked_by" extensions:"x-nullable"`
}

// UnlockInput reopens a locked month; the reason is kept in the audit log.
type UnlockInput struct {
	Reason string `json:"reason" text:"multiline" example:"Laskun korjaus: esiintyjäpalkkio kirjattiin väärälle kuukaudelle"`
}

func toPeriodResponse(p Period) PeriodResponse {
	r := PeriodResponse{AgreementID: p.AgreementID, Month: p.Month.Format("2006-01"), Status: p.Status, Version: p.Version,
		Approvals: make([]PeriodApprovalResponse, len(p.Approvals)), LockedBy: p.LockedBy}
	if p.LockedAt != nil {
		t := p.LockedAt.UTC()
		r.LockedAt = &t
	}
	for i, a := range p.Approvals {
		r.Approvals[i] = PeriodApprovalResponse{DepartmentID: a.DepartmentID, UserID: a.UserID, UserName: a.UserName, At: a.At.UTC()}
	}
	return r
}

// ImportResponse reports a successful CSV import.
type ImportResponse struct {
	Created    int         `json:"created"`
	TotalCents int64       `json:"total_cents"`
	IDs        []uuid.UUID `json:"ids"`
	// WithdrawnApprovals are the approvals the import withdrew.
	WithdrawnApprovals []WithdrawnApproval `json:"withdrawn_approvals"`
}
