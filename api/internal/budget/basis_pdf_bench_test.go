package budget

import (
	"fmt"
	"testing"
	"time"

	"github.com/google/uuid"

	"kulttuurisilta/api/internal/civil"
	"kulttuurisilta/api/internal/l10n"
)

// sampleBasis is a month of n entries split between two departments.
func sampleBasis(n int) BasisResponse {
	deps := []BasisDepartment{
		{DepartmentID: uuid.New(), Code: "HVA-4100", Name: "Ikääntyneiden palvelut", Organisation: "Hyvinvointialue", ShareBP: 5000},
		{DepartmentID: uuid.New(), Code: "KUNTA-7200", Name: "Kulttuuripalvelut", Organisation: "Kunta", ShareBP: 5000},
	}
	month := civil.Date{Time: time.Date(2025, 11, 1, 0, 0, 0, 0, time.UTC)}
	c := BasisContent{Number: 42, Revision: 1, Month: "2025-11", From: month, To: civil.Date{Time: month.AddDate(0, 1, -1)},
		Agreement: BasisAgreement{ID: uuid.New(), Name: "Kulttuurituottaja 2025"}, Departments: deps, LockedAt: time.Now(), LockedByName: "Tuottaja"}
	for i := range n {
		amount := int64(1000 + i*37)
		e := BasisEntry{CostID: uuid.New(), IncurredOn: civil.Date{Time: month.AddDate(0, 0, i%30)}, Category: Categories[i%6],
			Description: fmt.Sprintf("Kirjaus %d: esiintyjäpalkkio ja matkat", i), AmountCents: amount, ShareSource: "default",
			Allocations: []AllocationResponse{{DepartmentID: deps[0].DepartmentID, Code: "HVA-4100", ShareBP: 5000, AmountCents: amount - amount/2},
				{DepartmentID: deps[1].DepartmentID, Code: "KUNTA-7200", ShareBP: 5000, AmountCents: amount / 2}}}
		c.Entries = append(c.Entries, e)
		c.TotalCents += amount
		c.Departments[0].TotalCents += amount - amount/2
		c.Departments[1].TotalCents += amount / 2
	}
	c.EntryCount = n
	return BasisResponse{BasisSummary: BasisSummary{Number: 42, Revision: 1, ContentSHA256: fmt.Sprintf("%064d", 0)}, Content: c}
}

// BenchmarkBasisPDF draws the PDF of a month with 1,000 entries.
func BenchmarkBasisPDF(b *testing.B) {
	basis := sampleBasis(1000)
	for b.Loop() {
		if _, err := BasisPDF(basis, l10n.FI, time.UTC); err != nil {
			b.Fatal(err)
		}
	}
}
