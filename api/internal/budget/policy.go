package budget

import (
	"github.com/google/uuid"

	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/apperr"
)

// The budget policy (ADR 0033):
//   - everyone signed in reads agreements, periods and the split totals;
//     tokens need budget:read;
//   - the entries behind the totals (cost list, CSV/XLSX exports) are for
//     admins, the producer and managers (and budget:read tokens); viewers
//     and mentors read totals only;
//   - the producer and admins write agreements and costs (tokens
//     budget:write);
//   - a manager approves a month for their own department; the producer or
//     an admin locks it; only an admin unlocks it, with a reason. Period
//     steps are personal acts of accountability: API tokens cannot take
//     them.
func canReadTotals(p *access.Principal) error {
	return apperr.ForbiddenUnless(p.Allows(access.ScopeBudgetRead, access.Roles...),
		"this token lacks the budget:read scope")
}

func canReadEntries(p *access.Principal) error {
	return apperr.ForbiddenUnless(p.Allows(access.ScopeBudgetRead, access.RoleAdmin, access.RoleProducer, access.RoleManager),
		"the cost entries are for the producer, managers and admins; you may read the totals")
}

func canWrite(p *access.Principal) error {
	return apperr.ForbiddenUnless(p.Allows(access.ScopeBudgetWrite, access.RoleAdmin, access.RoleProducer),
		"only the producer and admins write agreements and costs")
}

// canApprove checks the caller is a manager; that the department is part
// of the agreement is checked against the agreement in the store.
func canApprove(p *access.Principal) error {
	if !p.Is(access.RoleManager) || p.DepartmentID == nil {
		return apperr.Forbidden("only a department's manager approves its months")
	}
	return nil
}

func canLock(p *access.Principal) error {
	return apperr.ForbiddenUnless(p.Is(access.RoleProducer, access.RoleAdmin),
		"only the producer or an admin locks a month")
}

func canUnlock(p *access.Principal) error {
	return apperr.ForbiddenUnless(p.Is(access.RoleAdmin), "only an admin unlocks a locked month")
}

// approverDepartment is the department whose approvals are the caller's
// own (a manager's), or nil.
func approverDepartment(p *access.Principal) *uuid.UUID {
	if p.Is(access.RoleManager) {
		return p.DepartmentID
	}
	return nil
}

// The actions of agreements and cost entries, as listed in their
// allowed_actions (a period's are in close.go).
const (
	ActionUpdate = "update"
	ActionDelete = "delete"
)

// agreementActions are what the caller may do with an agreement: delete
// only while it has no cost entries or invoicing bases (else the delete is a
// 409).
func agreementActions(p *access.Principal, inUse bool) []string {
	return access.Actions(access.Can(ActionUpdate, canWrite(p)),
		access.Can(ActionDelete, canWrite(p), apperr.ForbiddenUnless(!inUse, "it has cost entries or invoicing bases")))
}

// costActions: an entry of a locked month cannot change (409 month_locked).
func costActions(p *access.Principal, c Cost, monthLocked bool) []string {
	var locked error
	if monthLocked {
		locked = lockedConflict(monthOf(c.IncurredOn))
	}
	return access.Actions(access.Can(ActionUpdate, canWrite(p), locked), access.Can(ActionDelete, canWrite(p), locked))
}
