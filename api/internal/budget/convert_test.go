package budget

import (
	"testing"

	"github.com/google/uuid"

	"kulttuurisilta/api/internal/database"
)

// TestCostConverterReportsABrokenSplit: a converter never panics. Shares
// that do not add up (which the database's constraints rule out) are an
// error of the conversion, answered as a logged 500 by the handler.
func TestCostConverterReportsABrokenSplit(t *testing.T) {
	a := Agreement{Departments: []AgreementDepartment{{DepartmentID: uuid.New(), ShareBP: 3000}}}
	c := Cost{Model: database.Model{ID: uuid.New()}, AmountCents: 1000, Category: "travel"}
	if _, err := toCostResponse(a, c); err == nil {
		t.Fatal("shares of 30 % split without an error")
	}
	if _, err := exportRow(a, c, ""); err == nil {
		t.Fatal("an export row of a broken split without an error")
	}
	a.Departments[0].ShareBP = 10000
	r, err := toCostResponse(a, c)
	if err != nil || len(r.Allocations) != 1 || r.Allocations[0].AmountCents != 1000 {
		t.Fatalf("a whole share: %+v, %v", r.Allocations, err)
	}
}
