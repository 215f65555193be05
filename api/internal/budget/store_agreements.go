package budget

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"kulttuurisilta/api/internal/apperr"
	"kulttuurisilta/api/internal/database"
	"kulttuurisilta/api/internal/notify"
	"kulttuurisilta/api/internal/paging"
	"kulttuurisilta/api/internal/validate"
	"kulttuurisilta/api/internal/versioned"
)

// Store reads and writes agreements, costs and periods. Every write records
// its audit events in the same transaction.
type Store struct {
	DB *gorm.DB
	// Zone is the calendar zone (Europe/Helsinki when nil): a month ends
	// at midnight there.
	Zone *time.Location
	// Notify is told about approvals, locks and withdrawn approvals in
	// the changing transaction; nil tells nobody.
	Notify notify.Notifier
	// noTotals leaves the totals alone on cost writes: only the
	// benchmark's variant without totals maintenance sets it (on a schema
	// without the costs triggers), to measure what the maintenance costs.
	noTotals bool
}

// Row lock strengths. Writes that depend on an agreement's shares take it
// FOR SHARE; a change of the agreement takes it FOR UPDATE, so the two
// serialise (ADR 0032).
const (
	lockNone   = ""
	lockShare  = "SHARE"
	lockUpdate = "UPDATE"
)

// loadAgreement reads an agreement with its departments and rules.
func loadAgreement(tx *gorm.DB, id uuid.UUID, lock string) (Agreement, error) {
	var a Agreement
	q := tx
	if lock != lockNone {
		q = q.Clauses(clause.Locking{Strength: lock})
	}
	if err := q.First(&a, "id = ?", id).Error; err != nil {
		return a, database.NotFound(err, "agreement")
	}
	list := []*Agreement{&a}
	return a, loadParts(tx, list)
}

// loadParts fills the departments and rules of agreements.
func loadParts(tx *gorm.DB, list []*Agreement) error {
	if len(list) == 0 {
		return nil
	}
	ids := make([]uuid.UUID, len(list))
	byID := map[uuid.UUID]*Agreement{}
	for i, a := range list {
		ids[i] = a.ID
		byID[a.ID] = a
		a.Departments, a.Rules = nil, nil
	}
	var deps []AgreementDepartment
	err := tx.Table("agreement_departments ad").
		Select("ad.agreement_id, ad.department_id, ad.position, ad.share_bp, ad.budget_cents, d.code, d.name, d.organisation").
		Joins("JOIN departments d ON d.id = ad.department_id").
		Where("ad.agreement_id IN ?", ids).Order("ad.agreement_id, ad.position").Scan(&deps).Error
	if err != nil {
		return fmt.Errorf("load agreement departments: %w", err)
	}
	for _, d := range deps {
		byID[d.AgreementID].Departments = append(byID[d.AgreementID].Departments, d)
	}
	var rules []CategoryShares
	if err := tx.Where("agreement_id IN ?", ids).Find(&rules).Error; err != nil {
		return fmt.Errorf("load agreement rules: %w", err)
	}
	for _, r := range rules {
		byID[r.AgreementID].Rules = append(byID[r.AgreementID].Rules, r)
	}
	var accounts []CategoryAccount
	if err := tx.Where("agreement_id IN ?", ids).Find(&accounts).Error; err != nil {
		return fmt.Errorf("load agreement accounts: %w", err)
	}
	for _, a := range list {
		a.Accounts = map[string]string{}
	}
	for _, r := range accounts {
		byID[r.AgreementID].Accounts[r.Category] = r.AccountCode
	}
	return nil
}

// AgreementFilter narrows the agreement listing.
type AgreementFilter struct {
	// DepartmentID lists the agreements a department is part of.
	DepartmentID *uuid.UUID
	// InUse reads each agreement's in_use with it (the caller may delete agreements).
	InUse bool
}

// ListAgreements returns a page of agreements, newest period first.
func (s Store) ListAgreements(ctx context.Context, f AgreementFilter, page paging.Page) ([]Agreement, paging.Found, error) {
	db := s.DB.WithContext(ctx)
	q := page.Filter(db.Model(&Agreement{}), "agreements")
	q = database.WhereSet(q, "EXISTS (SELECT 1 FROM agreement_departments ad WHERE ad.agreement_id = agreements.id AND ad.department_id = ?)", f.DepartmentID)
	rows, total, err := paging.FindSelect[Agreement](q, page, "starts_on DESC, name, id", database.SelectInUse("agreements", f.InUse))
	if err != nil {
		return nil, total, err
	}
	list := make([]*Agreement, len(rows))
	for i := range rows {
		list[i] = &rows[i]
	}
	return rows, total, loadParts(db, list)
}

// GetAgreement returns one agreement.
func (s Store) GetAgreement(ctx context.Context, id uuid.UUID) (Agreement, error) {
	return loadAgreement(s.DB.WithContext(ctx), id, lockNone)
}

// CreateAgreement inserts an agreement with its departments and rules.
func (s Store) CreateAgreement(ctx context.Context, in AgreementInput) (Agreement, error) {
	a := Agreement{Name: in.Name, StartsOn: in.StartsOn, EndsOn: in.EndsOn}
	return versioned.Create(ctx, s.DB, a, versioned.Write[Agreement]{
		Apply: func(tx *gorm.DB, _ *Agreement) error { return checkDepartments(tx, in.Departments) },
		After: func(tx *gorm.DB, _ Agreement, a *Agreement) error {
			if err := writeParts(tx, a.ID, in); err != nil {
				return err
			}
			saved, err := loadAgreement(tx, a.ID, lockNone)
			*a = saved
			return err
		},
		Action: "agreement.create", Entity: "agreement", View: versioned.View(toAgreementResponse)})
}

func checkDepartments(tx *gorm.DB, deps []AgreementDepartmentInput) error {
	ids := make([]uuid.UUID, len(deps))
	for i, d := range deps {
		ids[i] = d.DepartmentID
	}
	var found []uuid.UUID
	if err := tx.Table("departments").Where("id IN ?", ids).Pluck("id", &found).Error; err != nil {
		return err
	}
	var v validate.Errors
	for i, id := range ids {
		if !slices.Contains(found, id) {
			v.AddCode(fmt.Sprintf("departments[%d].department_id", i), apperr.CodeNotFound, "no such department")
		}
	}
	return v.Err()
}

// writeParts replaces an agreement's departments and rules. The share sum
// is checked again by the database at commit.
func writeParts(tx *gorm.DB, id uuid.UUID, in AgreementInput) error {
	if err := tx.Where("agreement_id = ?", id).Delete(&AgreementDepartment{}).Error; err != nil {
		return err
	}
	if err := tx.Where("agreement_id = ?", id).Delete(&CategoryShares{}).Error; err != nil {
		return err
	}
	if err := tx.Where("agreement_id = ?", id).Delete(&CategoryAccount{}).Error; err != nil {
		return err
	}
	for _, cat := range Categories {
		if code := in.AccountCodes[cat]; code != "" {
			if err := tx.Create(&CategoryAccount{AgreementID: id, Category: cat, AccountCode: code}).Error; err != nil {
				return err
			}
		}
	}
	deps := make([]AgreementDepartment, len(in.Departments))
	ids := make([]uuid.UUID, len(in.Departments))
	for i, d := range in.Departments {
		deps[i] = AgreementDepartment{AgreementID: id, DepartmentID: d.DepartmentID, Position: i, ShareBP: d.ShareBP, BudgetCents: d.BudgetCents}
		ids[i] = d.DepartmentID
	}
	if err := tx.Omit("Code", "Name", "Organisation").Create(&deps).Error; err != nil {
		return err
	}
	for _, r := range in.CategoryRules {
		var v validate.Errors
		shares := checkShares(&v, "category_rules", ids, r.Shares)
		if err := v.Err(); err != nil {
			return err
		}
		if err := tx.Create(&CategoryShares{AgreementID: id, Category: r.Category, SharesBP: shares}).Error; err != nil {
			return err
		}
	}
	return nil
}

// UpdateAgreement applies a patch if the version still matches. Changing
// the shares (default or per category) is refused once any month is
// locked, and withdraws every approval of the agreement's open months;
// the department list cannot change once costs exist.
func (s Store) UpdateAgreement(ctx context.Context, id uuid.UUID, ifMatch *int, p AgreementPatch) (Agreement, []WithdrawnApproval, error) {
	withdrawn := []WithdrawnApproval{}
	var sharesChanged, hasCosts bool
	a, err := versioned.Update(ctx, s.DB, versioned.Write[Agreement]{IfMatch: ifMatch,
		Lock: func(tx *gorm.DB) (Agreement, error) { return loadAgreement(tx, id, lockUpdate) },
		Apply: func(tx *gorm.DB, a *Agreement) error {
			in := p.apply(a.toInput())
			if err := in.validate(); err != nil {
				return err
			}
			if err := checkDepartments(tx, in.Departments); err != nil {
				return err
			}
			next := Agreement{Model: a.Model, Name: in.Name, StartsOn: in.StartsOn, EndsOn: in.EndsOn}
			for i, d := range in.Departments {
				next.Departments = append(next.Departments, AgreementDepartment{DepartmentID: d.DepartmentID, Position: i, ShareBP: d.ShareBP, BudgetCents: d.BudgetCents})
			}
			for _, r := range in.CategoryRules {
				var v validate.Errors
				next.Rules = append(next.Rules, CategoryShares{Category: r.Category, SharesBP: checkShares(&v, "", next.departmentIDs(), r.Shares)})
			}
			depsChanged := !slices.Equal(a.departmentIDs(), next.departmentIDs())
			sharesChanged = depsChanged || !slices.Equal(a.defaultShares(), next.defaultShares()) || !sameRules(*a, next)
			if err := tx.Raw(`SELECT EXISTS (SELECT 1 FROM costs WHERE agreement_id = ?)`, id).Scan(&hasCosts).Error; err != nil {
				return err
			}
			if depsChanged && hasCosts {
				return apperr.Conflict("the agreement's departments cannot change once it has cost entries; change the shares instead")
			}
			var outside int64
			if err := tx.Model(&Cost{}).Where("agreement_id = ? AND (incurred_on < ? OR incurred_on > ?)", id, next.StartsOn, next.EndsOn).
				Count(&outside).Error; err != nil {
				return err
			}
			if outside > 0 {
				return apperr.Conflict("%d cost entries fall outside the new period %s..%s", outside, next.StartsOn, next.EndsOn)
			}
			if sharesChanged {
				var locked []Period
				if err := tx.Where("agreement_id = ? AND status = ?", id, StatusLocked).Order("month").Find(&locked).Error; err != nil {
					return err
				}
				if len(locked) > 0 {
					return apperr.Conflict("the shares cannot change: %s is locked, and the split of a locked month never changes", locked[0].Month.Format("2006-01"))
				}
			}
			if err := writeParts(tx, id, in); err != nil {
				return err
			}
			a.Name, a.StartsOn, a.EndsOn = in.Name, in.StartsOn, in.EndsOn
			return nil
		},
		Save: func(tx *gorm.DB, a *Agreement) error {
			return tx.Select("Name", "StartsOn", "EndsOn", "Version", "UpdatedAt").Save(a).Error
		},
		After: func(tx *gorm.DB, _ Agreement, a *Agreement) error {
			var err error
			if sharesChanged {
				if withdrawn, err = reopenAll(ctx, tx, id); err != nil {
					return err
				}
			}
			if *a, err = loadAgreement(tx, id, lockNone); err != nil {
				return err
			}
			if err := s.notifyWithdrawn(ctx, tx, *a, withdrawn, func(string) notify.Change { return notify.Change{What: "shares_changed"} }); err != nil {
				return err
			}
			if sharesChanged && hasCosts {
				// Every entry using the default or a category rule splits
				// differently now: the totals are stale until rebuilt.
				return markStale(tx, id)
			}
			return nil
		},
		Action: "agreement.update", Entity: "agreement", View: versioned.View(toAgreementResponse)})
	if err == nil && sharesChanged && hasCosts {
		// Rebuilt once the change is committed, holding no lock that a
		// cost write waits for (ADR 0130). Should it fail, the totals stay
		// stale and the next report rebuilds them.
		if err := s.Rebuild(ctx, id, false); err != nil {
			slog.WarnContext(ctx, "budget: rebuild after a share change failed; the next report retries", "agreement_id", id, "error", err)
		}
	}
	return a, withdrawn, err
}

func sameRules(a, b Agreement) bool {
	key := func(x Agreement) map[string]string {
		m := map[string]string{}
		for _, r := range x.Rules {
			m[r.Category] = fmt.Sprint([]int64(r.SharesBP))
		}
		return m
	}
	ka, kb := key(a), key(b)
	if len(ka) != len(kb) {
		return false
	}
	for k, v := range ka {
		if kb[k] != v {
			return false
		}
	}
	return true
}

// agreementsInUse returns which of the agreements other rows refer to (kept by the
// database: database.InUse).
func (s Store) agreementsInUse(ctx context.Context, ids []uuid.UUID) (map[uuid.UUID]bool, error) {
	return database.InUse(ctx, s.DB, "agreements", ids)
}

// DeleteAgreement removes an agreement without cost entries.
func (s Store) DeleteAgreement(ctx context.Context, id uuid.UUID, ifMatch *int) error {
	return versioned.Delete(ctx, s.DB, versioned.Write[Agreement]{IfMatch: ifMatch,
		Lock: func(tx *gorm.DB) (Agreement, error) { return loadAgreement(tx, id, lockUpdate) },
		Apply: func(tx *gorm.DB, a *Agreement) error {
			var costs int64
			if err := tx.Model(&Cost{}).Where("agreement_id = ?", id).Count(&costs).Error; err != nil {
				return err
			}
			if costs > 0 {
				return apperr.Conflict("the agreement has %d cost entries; it cannot be deleted", costs)
			}
			var bases int64
			if err := tx.Model(&Basis{}).Where("agreement_id = ?", id).Count(&bases).Error; err != nil {
				return err
			}
			if bases > 0 {
				return apperr.Conflict("the agreement has %d invoicing bases; they are kept, so it cannot be deleted", bases)
			}
			return nil
		},
		Action: "agreement.delete", Entity: "agreement", View: versioned.View(toAgreementResponse)})
}
