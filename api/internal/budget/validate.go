package budget

import (
	"fmt"
	"slices"
	"strings"

	"github.com/google/uuid"

	"kulttuurisilta/api/internal/apperr"
	"kulttuurisilta/api/internal/civil"
	"kulttuurisilta/api/internal/costsplit"
	"kulttuurisilta/api/internal/httpapi"
	"kulttuurisilta/api/internal/validate"
)

// Limits of the inputs.
const (
	maxDepartments   = 64
	maxBudgetCents   = 1_000_000_000_000
	maxAgreementDays = 5 * 366
	maxDescription   = 500
)

func (in *AgreementInput) validate() error {
	in.Name = strings.TrimSpace(in.Name)
	var v validate.Errors
	v.Text("name", in.Name, true, 200)
	v.Required(!in.StartsOn.IsZero(), "starts_on")
	v.Required(!in.EndsOn.IsZero(), "ends_on")
	if !in.StartsOn.IsZero() && !in.EndsOn.IsZero() {
		switch {
		case in.EndsOn.Before(in.StartsOn.Time):
			v.AddCode("ends_on", apperr.CodeOutOfRange, "must not be before starts_on")
		case in.EndsOn.Sub(in.StartsOn.Time).Hours()/24 >= maxAgreementDays:
			v.AddCode("ends_on", apperr.CodeOutOfRange, "the agreement may last at most five years")
		}
	}
	switch n := len(in.Departments); {
	case n < 2:
		v.AddCode("departments", apperr.CodeTooShort, "a joint budget needs at least two departments")
	case n > maxDepartments:
		v.AddCode("departments", apperr.CodeTooLong, "at most %d departments", maxDepartments)
	default:
		seen := map[uuid.UUID]bool{}
		sum := 0
		for i, d := range in.Departments {
			f := fmt.Sprintf("departments[%d]", i)
			if d.DepartmentID == uuid.Nil {
				v.AddCode(f+".department_id", apperr.CodeRequired, "is required")
			} else if seen[d.DepartmentID] {
				v.AddCode(f+".department_id", apperr.CodeConflict, "is listed twice")
			}
			seen[d.DepartmentID] = true
			v.Range(f+".share_bp", int64(d.ShareBP), 0, costsplit.Total)
			v.Range(f+".budget_cents", d.BudgetCents, 0, maxBudgetCents)
			sum += d.ShareBP
		}
		if sum != costsplit.Total && !v.Has("departments") {
			v.AddCode("departments", apperr.CodeInvalid, "the shares must sum to exactly 10000 basis points (100 %%), not %d", sum)
		}
	}
	seenCat := map[string]bool{}
	for i, r := range in.CategoryRules {
		f := fmt.Sprintf("category_rules[%d]", i)
		v.OneOf(f+".category", r.Category, Categories...)
		if seenCat[r.Category] {
			v.AddCode(f+".category", apperr.CodeConflict, "has a rule already")
		}
		seenCat[r.Category] = true
		deps := make([]uuid.UUID, len(in.Departments))
		for j, d := range in.Departments {
			deps[j] = d.DepartmentID
		}
		checkShares(&v, f+".shares", deps, r.Shares)
	}
	for cat, code := range in.AccountCodes {
		f := "account_codes." + cat
		if !slices.Contains(Categories, cat) {
			v.AddCode(f, apperr.CodeInvalidChoice, "is not a category (one of %s)", strings.Join(Categories, ", "))
			continue
		}
		code = strings.TrimSpace(code)
		in.AccountCodes[cat] = code
		v.Text(f, code, true, 40)
	}
	return v.Err()
}

// checkShares validates a share list against the agreement's departments
// (every one listed once, each 0..10000, summing to 10000) and returns the
// shares in the departments' order.
func checkShares(v *validate.Errors, field string, deps []uuid.UUID, in []ShareInput) []int64 {
	out := make([]int64, len(deps))
	listed := make([]bool, len(deps))
	ok := true
	sum := 0
	for i, s := range in {
		f := fmt.Sprintf("%s[%d]", field, i)
		pos := slices.Index(deps, s.DepartmentID)
		switch {
		case pos < 0:
			v.AddCode(f+".department_id", apperr.CodeInvalidChoice, "is not a department of the agreement")
			ok = false
		case listed[pos]:
			v.AddCode(f+".department_id", apperr.CodeConflict, "is listed twice")
			ok = false
		default:
			listed[pos] = true
			out[pos] = int64(s.ShareBP)
		}
		if s.ShareBP < 0 || s.ShareBP > costsplit.Total {
			v.AddCode(f+".share_bp", apperr.CodeOutOfRange, "must be between 0 and 10000")
			ok = false
		}
		sum += s.ShareBP
	}
	if !ok {
		return nil
	}
	if slices.Contains(listed, false) {
		v.AddCode(field, apperr.CodeInvalid, "must list every department of the agreement")
		return nil
	}
	if sum != costsplit.Total {
		v.AddCode(field, apperr.CodeInvalid, "the shares must sum to exactly 10000 basis points (100 %%), not %d", sum)
		return nil
	}
	return out
}

// apply merges the patch into the agreement's current input form.
func (p AgreementPatch) apply(cur AgreementInput) AgreementInput {
	httpapi.Patch(&cur.Name, p.Name)
	httpapi.Patch(&cur.StartsOn, p.StartsOn)
	httpapi.Patch(&cur.EndsOn, p.EndsOn)
	httpapi.Patch(&cur.Departments, p.Departments)
	httpapi.Patch(&cur.CategoryRules, p.CategoryRules)
	httpapi.Patch(&cur.AccountCodes, p.AccountCodes)
	return cur
}

// toInput turns an agreement back into the input that would create it.
func (a Agreement) toInput() AgreementInput {
	in := AgreementInput{Name: a.Name, StartsOn: a.StartsOn, EndsOn: a.EndsOn,
		Departments: make([]AgreementDepartmentInput, len(a.Departments)), AccountCodes: map[string]string{}}
	for k, v := range a.Accounts {
		in.AccountCodes[k] = v
	}
	for i, d := range a.Departments {
		in.Departments[i] = AgreementDepartmentInput{DepartmentID: d.DepartmentID, ShareBP: d.ShareBP, BudgetCents: d.BudgetCents}
	}
	for _, r := range a.Rules {
		rule := CategoryRuleInput{Category: r.Category}
		for i, s := range r.SharesBP {
			rule.Shares = append(rule.Shares, ShareInput{DepartmentID: a.Departments[i].DepartmentID, ShareBP: int(s)})
		}
		in.CategoryRules = append(in.CategoryRules, rule)
	}
	return in
}

// costFields validates what a cost entry needs regardless of its agreement.
func costFields(v *validate.Errors, prefix string, incurredOn civil.Date, amount int64, category, description string) {
	v.Required(!incurredOn.IsZero(), prefix+"incurred_on")
	switch {
	case amount == 0:
		v.AddCode(prefix+"amount_cents", apperr.CodeOutOfRange, "must not be zero")
	case amount > costsplit.MaxAmount || amount < -costsplit.MaxAmount:
		v.AddCode(prefix+"amount_cents", apperr.CodeOutOfRange, "must be between -%d and %d", costsplit.MaxAmount, costsplit.MaxAmount)
	}
	v.OneOf(prefix+"category", category, Categories...)
	v.Text(prefix+"description", description, true, maxDescription)
}

// checkInPeriod checks that a date lies within the agreement's period.
func checkInPeriod(v *validate.Errors, field string, a Agreement, d civil.Date) {
	if !d.IsZero() && (d.Before(a.StartsOn.Time) || d.After(a.EndsOn.Time)) {
		v.AddCode(field, apperr.CodeOutOfRange, "must be within the agreement's period %s..%s", a.StartsOn, a.EndsOn)
	}
}

func (in *CostInput) validate(a Agreement) ([]int64, error) {
	in.Description = strings.TrimSpace(in.Description)
	var v validate.Errors
	costFields(&v, "", in.IncurredOn, in.AmountCents, in.Category, in.Description)
	checkInPeriod(&v, "incurred_on", a, in.IncurredOn)
	var override []int64
	if len(in.Shares) > 0 {
		override = checkShares(&v, "shares", a.departmentIDs(), in.Shares)
	}
	return override, v.Err()
}

func (a Agreement) departmentIDs() []uuid.UUID {
	out := make([]uuid.UUID, len(a.Departments))
	for i, d := range a.Departments {
		out[i] = d.DepartmentID
	}
	return out
}

// apply merges a patch into a cost entry and re-validates it.
func (p CostPatch) apply(c *Cost, a Agreement) error {
	in := CostInput{AgreementID: c.AgreementID, IncurredOn: c.IncurredOn, AmountCents: c.AmountCents, Category: c.Category,
		Description: c.Description, ActivityID: c.ActivityID, UnitID: c.UnitID}
	for i, s := range c.ShareOverride {
		in.Shares = append(in.Shares, ShareInput{DepartmentID: a.Departments[i].DepartmentID, ShareBP: int(s)})
	}
	httpapi.Patch(&in.IncurredOn, p.IncurredOn)
	httpapi.Patch(&in.AmountCents, p.AmountCents)
	httpapi.Patch(&in.Category, p.Category)
	httpapi.Patch(&in.Description, p.Description)
	httpapi.PatchOptional(&in.ActivityID, p.ActivityID)
	httpapi.PatchOptional(&in.UnitID, p.UnitID)
	if p.Shares.Set {
		in.Shares = nil
		if p.Shares.Value != nil {
			in.Shares = *p.Shares.Value
		}
	}
	override, err := in.validate(a)
	if err != nil {
		return err
	}
	c.IncurredOn, c.AmountCents, c.Category, c.Description = in.IncurredOn, in.AmountCents, in.Category, in.Description
	c.ActivityID, c.UnitID, c.ShareOverride = in.ActivityID, in.UnitID, override
	return nil
}

func (in *UnlockInput) validate() error {
	in.Reason = strings.TrimSpace(in.Reason)
	var v validate.Errors
	v.Text("reason", in.Reason, true, 1000)
	return v.Err()
}
