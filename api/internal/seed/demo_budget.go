package seed

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/budget"
	"kulttuurisilta/api/internal/civil"
)

// demoBudget adds the joint budget: a 50/50 agreement between the social
// care department (wellbeing services county) and the culture department
// (municipality) over the twelve months ending with the current one, a
// year of the producer's salary and programme costs, and months in every
// state: the oldest locked, then approved, the previous month with one
// approval, the current one open.
func demoBudget(ctx context.Context, db *gorm.DB, w *World) error {
	now := time.Now().In(w.Zone)
	end := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC)
	start := end.AddDate(0, -11, 0)
	name := fmt.Sprintf("Kulttuurituottaja ja ohjelma %d–%d", start.Year(), end.Year())
	var n int64
	if err := db.WithContext(ctx).Table("agreements").Where("name = ?", name).Count(&n).Error; err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	social, culture := w.Departments["HVA-4100"], w.Departments["KUNTA-7200"]
	s := budget.Store{DB: db}
	a, err := s.CreateAgreement(ctx, budget.AgreementInput{
		Name: name, StartsOn: civil.Date{Time: start}, EndsOn: civil.Date{Time: end.AddDate(0, 1, -1)},
		Departments: []budget.AgreementDepartmentInput{
			{DepartmentID: social, ShareBP: 5000, BudgetCents: 4_000_000},
			{DepartmentID: culture, ShareBP: 5000, BudgetCents: 4_000_000},
		},
		// Venue rents are mostly the municipality's own halls.
		CategoryRules: []budget.CategoryRuleInput{{Category: "venue", Shares: []budget.ShareInput{
			{DepartmentID: social, ShareBP: 3000}, {DepartmentID: culture, ShareBP: 7000}}}},
	})
	if err != nil {
		return err
	}
	unit := func(name string) *uuid.UUID { id := w.Units[name]; return &id }
	day := func(m time.Time, d int) civil.Date { return civil.Date{Time: m.AddDate(0, 0, d-1)} }
	for i := range 12 {
		m := start.AddDate(0, i, 0)
		costs := []budget.CostInput{
			{IncurredOn: day(m, 25), AmountCents: 4_967_37, Category: "salary", Description: "Kulttuurituottajan palkka sivukuluineen"},
			{IncurredOn: day(m, 8), AmountCents: 45_000 + int64(i%4)*12_500, Category: "performer_fee",
				Description: "Esiintyjäpalkkio, konsertti", UnitID: unit([]string{"Koivukoti", "Päiväkeskus Kajo", "Rantala", "Työkeskus Verstas"}[i%4])},
			{IncurredOn: day(m, 12), AmountCents: 3_480 + int64(i)*17, Category: "travel", Description: "Matkakulut, tuottaja"},
			{IncurredOn: day(m, 15), AmountCents: 12_995 + int64(i%3)*3_333, Category: "materials", Description: "Työpajamateriaalit",
				UnitID: unit("Koivukoti")},
		}
		if i%3 == 1 {
			costs = append(costs, budget.CostInput{IncurredOn: day(m, 20), AmountCents: 35_000, Category: "venue",
				Description: "Salivuokra, kulttuurikeskus"})
		}
		if i == 5 {
			costs = append(costs, budget.CostInput{IncurredOn: day(m, 28), AmountCents: -12_500, Category: "performer_fee",
				Description: "Hyvitys: peruttu esitys", UnitID: unit("Rantala")})
		}
		for _, in := range costs {
			in.AgreementID = a.ID
			if _, _, _, err := s.CreateCost(ctx, in); err != nil {
				return fmt.Errorf("cost %s: %w", in.Description, err)
			}
		}
	}
	managerSocial := &access.Principal{UserID: w.Users["manager.social@demo.fi"], Role: access.RoleManager, DepartmentID: &social}
	managerCulture := &access.Principal{UserID: w.Users["manager.culture@demo.fi"], Role: access.RoleManager, DepartmentID: &culture}
	producer := &access.Principal{UserID: w.Users["producer@demo.fi"], Role: access.RoleProducer}
	for i := range 11 {
		month := civil.Date{Time: start.AddDate(0, i, 0)}
		switch i {
		case 10: // the previous month: one department has approved
			if _, _, err := s.Approve(access.WithPrincipal(ctx, managerSocial), a.ID, month, nil, managerSocial); err != nil {
				return err
			}
		default:
			for _, p := range []*access.Principal{managerSocial, managerCulture} {
				if _, _, err := s.Approve(access.WithPrincipal(ctx, p), a.ID, month, nil, p); err != nil {
					return err
				}
			}
			if i < 6 {
				if _, _, err := s.Lock(access.WithPrincipal(ctx, producer), a.ID, month, nil, producer); err != nil {
					return err
				}
			}
		}
	}
	return nil
}
