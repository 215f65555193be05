package budget

import (
	"kulttuurisilta/api/internal/export"
)

// basisCSVHeader is the journal's header: one row per entry and department.
var basisCSVHeader = []string{"date", "organisation", "department_code", "account_code", "category", "amount_cents",
	"amount_eur", "cost_id", "description", "basis_number", "basis_revision"}

// writeBasisCSV writes an invoicing basis as an accounting journal: a row
// per entry and department (in agreement order) with the department's
// allocation, so each department's rows sum exactly to its total. The
// dialect (separator, BOM, decimal mark) is the one of every export.
func writeBasisCSV(w *export.CSV, c BasisContent) error {
	if err := w.Header(basisCSVHeader...); err != nil {
		return err
	}
	orgs := map[string]string{}
	for _, d := range c.Departments {
		orgs[d.DepartmentID.String()] = d.Organisation
	}
	for _, e := range c.Entries {
		for _, a := range e.Allocations {
			if err := w.Row(e.IncurredOn, orgs[a.DepartmentID.String()], a.Code, e.AccountCode, e.Category, a.AmountCents,
				export.Euros(a.AmountCents), e.CostID.String(), e.Description, c.Number, c.Revision); err != nil {
				return err
			}
		}
	}
	return nil
}
