package budget

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/google/uuid"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"kulttuurisilta/api/internal/apperr"
	"kulttuurisilta/api/internal/civil"
	"kulttuurisilta/api/internal/costsplit"
	"kulttuurisilta/api/internal/database"
	"kulttuurisilta/api/internal/paging"
	"kulttuurisilta/api/internal/validate"
	"kulttuurisilta/api/internal/versioned"
)

// allocate splits an entry by its shares with the one split rule. The
// database guarantees valid shares and amounts, so an error is a broken
// invariant (a logged 500), never the client's.
func allocate(a Agreement, c Cost) ([]int, []int64, string, error) {
	shares, source := a.sharesFor(c.Category, c.ShareOverride)
	parts := make([]int64, len(shares))
	if err := costsplit.SplitInto(parts, c.AmountCents, shares); err != nil {
		return nil, nil, "", fmt.Errorf("budget: split of cost %s: %w", c.ID, err)
	}
	return shares, parts, source, nil
}

func toCostResponse(a Agreement, c Cost) (CostResponse, error) {
	shares, parts, source, err := allocate(a, c)
	if err != nil {
		return CostResponse{}, err
	}
	r := CostEntry{Head: c.Head(),
		AgreementID: c.AgreementID, IncurredOn: c.IncurredOn, AmountCents: c.AmountCents, Category: c.Category,
		Description: c.Description, ActivityID: c.ActivityID, UnitID: c.UnitID, ShareSource: source,
		Allocations: make([]AllocationResponse, len(parts))}
	if len(c.ShareOverride) > 0 {
		r.Shares = sharesResponse(a, toInts(c.ShareOverride))
	}
	for i, d := range a.Departments {
		r.Allocations[i] = AllocationResponse{DepartmentID: d.DepartmentID, Code: d.Code, ShareBP: shares[i], AmountCents: parts[i]}
	}
	return CostResponse{CostEntry: r}, nil
}

// CostFilter narrows the cost listing to the entries behind one figure of
// the split report.
type CostFilter struct {
	AgreementID  *uuid.UUID
	From, To     *civil.Date
	Category     string
	UnitID       *uuid.UUID
	NoUnit       bool
	ActivityID   *uuid.UUID
	DepartmentID *uuid.UUID
	// Sort is one of CostSorts; "" is "incurred_on", or "updated_at" with
	// updated_since.
	Sort string
}

// CostSorts are the orders of the cost list: by day incurred (oldest first,
// the default), newest first, newest entered first, by amount, or in the
// order of their changes (the default of a sync with updated_since). Every
// order ends with the id, so pages are stable.
var CostSorts = []string{"incurred_on", "-incurred_on", "-created_at", "amount_cents", "-amount_cents", "updated_at"}

// costOrder is the ORDER BY of each sort; only these fixed strings reach
// the SQL.
var costOrder = map[string]string{
	"":              "incurred_on, id",
	"incurred_on":   "incurred_on, id",
	"-incurred_on":  "incurred_on DESC, id DESC",
	"-created_at":   "created_at DESC, id DESC",
	"amount_cents":  "amount_cents, id",
	"-amount_cents": "amount_cents DESC, id DESC",
	"updated_at":    "updated_at, id",
}

func (f CostFilter) apply(q *gorm.DB) *gorm.DB {
	q = database.WhereSet(q, "agreement_id = ?", f.AgreementID)
	q = database.WhereSet(q, "incurred_on >= ?", f.From)
	q = database.WhereSet(q, "incurred_on <= ?", f.To)
	q = database.WhereText(q, "category = ?", f.Category)
	q = database.WhereSet(q, "unit_id = ?", f.UnitID)
	if f.NoUnit {
		q = q.Where("unit_id IS NULL")
	}
	q = database.WhereSet(q, "activity_id = ?", f.ActivityID)
	q = database.WhereSet(q, "agreement_id IN (SELECT agreement_id FROM agreement_departments WHERE department_id = ?)", f.DepartmentID)
	return q
}

// ListCosts returns a page of cost entries (by date) with the agreements
// needed to split them.
func (s Store) ListCosts(ctx context.Context, f CostFilter, page paging.Page) ([]Cost, map[uuid.UUID]Agreement, paging.Found, error) {
	db := s.DB.WithContext(ctx)
	q := f.apply(page.Filter(db.Model(&Cost{}), "costs"))
	sort := f.Sort
	if sort == "" && page.UpdatedSince != nil {
		// A sync reads the changes in the order they were made, from the updated_at index. In the day
		// order the planner, expecting the recent changes spread over the table, walked the day index
		// until 201 of them turned up; they are this month's, at its far end: 1.2 s over 1M entries.
		sort = "updated_at"
	}
	order, ok := costOrder[sort]
	if !ok {
		return nil, nil, paging.Found{}, apperr.BadParamCode("sort", apperr.CodeInvalidChoice, "must be one of "+strings.Join(CostSorts, ", "))
	}
	rows, total, err := paging.Find[Cost](q, page, order)
	if err != nil {
		return nil, nil, total, err
	}
	agreements, err := s.agreementsOf(db, rows)
	return rows, agreements, total, err
}

func (s Store) agreementsOf(db *gorm.DB, rows []Cost) (map[uuid.UUID]Agreement, error) {
	var ids []uuid.UUID
	for _, c := range rows {
		if !slices.Contains(ids, c.AgreementID) {
			ids = append(ids, c.AgreementID)
		}
	}
	out := map[uuid.UUID]Agreement{}
	if len(ids) == 0 {
		return out, nil
	}
	var list []Agreement
	if err := db.Where("id IN ?", ids).Find(&list).Error; err != nil {
		return nil, err
	}
	ptrs := make([]*Agreement, len(list))
	for i := range list {
		ptrs[i] = &list[i]
	}
	if err := loadParts(db, ptrs); err != nil {
		return nil, err
	}
	for _, a := range list {
		out[a.ID] = a
	}
	return out, nil
}

// GetCost returns one cost entry and its agreement.
func (s Store) GetCost(ctx context.Context, id uuid.UUID) (Cost, Agreement, error) {
	db := s.DB.WithContext(ctx)
	var c Cost
	if err := db.First(&c, "id = ?", id).Error; err != nil {
		return c, Agreement{}, database.NotFound(err, "cost")
	}
	a, err := loadAgreement(db, c.AgreementID, lockNone)
	return c, a, err
}

// agreementForCost locks the agreement a new entry refers to; an unknown
// one is a field error.
func agreementForCost(tx *gorm.DB, id uuid.UUID, field string) (Agreement, error) {
	a, err := loadAgreement(tx, id, lockShare)
	if apperr.IsKind(err, apperr.KindNotFound) {
		return a, apperr.InvalidFieldCode(field, apperr.CodeNotFound, "no such agreement")
	}
	return a, err
}

// checkRefs checks that the units and activities referred to exist.
func checkRefs(tx *gorm.DB, v *validate.Errors, field func(i int, name string) string, units, activities []*uuid.UUID) error {
	for _, ref := range []struct {
		table, name string
		ids         []*uuid.UUID
	}{{"units", "unit_id", units}, {"activities", "activity_id", activities}} {
		var want []uuid.UUID
		for _, id := range ref.ids {
			if id != nil {
				want = append(want, *id)
			}
		}
		if len(want) == 0 {
			continue
		}
		var found []uuid.UUID
		if err := tx.Table(ref.table).Where("id IN ?", want).Pluck("id", &found).Error; err != nil {
			return err
		}
		for i, id := range ref.ids {
			if id != nil && !slices.Contains(found, *id) {
				v.AddCode(field(i, ref.name), apperr.CodeNotFound, "no such %s", ref.name[:len(ref.name)-3])
			}
		}
	}
	return nil
}

func plainField(_ int, name string) string { return name }

// CreateCost inserts a cost entry. A cost in a locked month is refused;
// the month's approvals are withdrawn.
func (s Store) CreateCost(ctx context.Context, in CostInput) (Cost, Agreement, []WithdrawnApproval, error) {
	var a Agreement
	var withdrawn []WithdrawnApproval
	var fold bool
	c, err := versioned.Create(ctx, s.DB, Cost{}, versioned.Write[Cost]{
		Apply: func(tx *gorm.DB, c *Cost) error {
			var err error
			if a, err = agreementForCost(tx, in.AgreementID, "agreement_id"); err != nil {
				return err
			}
			override, err := in.validate(a)
			if err != nil {
				return err
			}
			var v validate.Errors
			if err := checkRefs(tx, &v, plainField, []*uuid.UUID{in.UnitID}, []*uuid.UUID{in.ActivityID}); err != nil {
				return err
			}
			if err := v.Err(); err != nil {
				return err
			}
			if withdrawn, err = touchMonths(ctx, tx, a.ID, in.IncurredOn); err != nil {
				return err
			}
			*c = Cost{AgreementID: a.ID, IncurredOn: in.IncurredOn, AmountCents: in.AmountCents, Category: in.Category,
				Description: in.Description, ActivityID: in.ActivityID, UnitID: in.UnitID, ShareOverride: override}
			fold, err = s.applyTotals(tx, a, nil, []Cost{*c})
			return err
		},
		After: func(tx *gorm.DB, _ Cost, c *Cost) error {
			return s.notifyWithdrawn(ctx, tx, a, withdrawn, costChange("cost_created", *c))
		},
		Action: "cost.create", Entity: "cost", View: func(c Cost) (any, error) { return toCostResponse(a, c) }})
	if err == nil {
		s.foldAfter(ctx, fold, a.ID)
	}
	return c, a, withdrawn, err
}

// lockCost locks a cost entry's agreement (FOR SHARE, first, as every
// budget write does) and then the entry.
func lockCost(tx *gorm.DB, id uuid.UUID) (Cost, Agreement, error) {
	var c Cost
	if err := tx.First(&c, "id = ?", id).Error; err != nil {
		return c, Agreement{}, database.NotFound(err, "cost")
	}
	a, err := loadAgreement(tx, c.AgreementID, lockShare)
	if err != nil {
		return c, a, err
	}
	if err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).First(&c, "id = ?", id).Error; err != nil {
		return c, a, database.NotFound(err, "cost")
	}
	return c, a, nil
}

// UpdateCost applies a patch if the version still matches. Both the old
// and the new month must be unlocked; both lose their approvals.
func (s Store) UpdateCost(ctx context.Context, id uuid.UUID, ifMatch *int, p CostPatch) (Cost, Agreement, []WithdrawnApproval, error) {
	var a Agreement
	var old Cost
	var withdrawn []WithdrawnApproval
	var fold bool
	c, err := versioned.Update(ctx, s.DB, versioned.Write[Cost]{IfMatch: ifMatch,
		Lock: func(tx *gorm.DB) (c Cost, err error) {
			c, a, err = lockCost(tx, id)
			return c, err
		},
		Apply: func(tx *gorm.DB, c *Cost) error {
			old = *c
			old.ShareOverride = slices.Clone(c.ShareOverride)
			if err := p.apply(c, a); err != nil {
				return err
			}
			var v validate.Errors
			if err := checkRefs(tx, &v, plainField, []*uuid.UUID{c.UnitID}, []*uuid.UUID{c.ActivityID}); err != nil {
				return err
			}
			if err := v.Err(); err != nil {
				return err
			}
			var err error
			if withdrawn, err = touchMonths(ctx, tx, a.ID, old.IncurredOn, c.IncurredOn); err != nil {
				return err
			}
			fold, err = s.applyTotals(tx, a, []Cost{old}, []Cost{*c})
			return err
		},
		After: func(tx *gorm.DB, _ Cost, c *Cost) error {
			return s.notifyWithdrawn(ctx, tx, a, withdrawn, costChange("cost_updated", *c))
		},
		Action: "cost.update", Entity: "cost", View: func(c Cost) (any, error) { return toCostResponse(a, c) }})
	if err == nil {
		s.foldAfter(ctx, fold, a.ID)
	}
	return c, a, withdrawn, err
}

// DeleteCost removes a cost entry of an unlocked month and returns the
// approvals that fell.
func (s Store) DeleteCost(ctx context.Context, id uuid.UUID, ifMatch *int) ([]WithdrawnApproval, error) {
	var a Agreement
	var withdrawn []WithdrawnApproval
	var fold bool
	err := versioned.Delete(ctx, s.DB, versioned.Write[Cost]{IfMatch: ifMatch,
		Lock: func(tx *gorm.DB) (c Cost, err error) {
			c, a, err = lockCost(tx, id)
			return c, err
		},
		Apply: func(tx *gorm.DB, c *Cost) error {
			var err error
			if withdrawn, err = touchMonths(ctx, tx, a.ID, c.IncurredOn); err != nil {
				return err
			}
			fold, err = s.applyTotals(tx, a, []Cost{*c}, nil)
			return err
		},
		After: func(tx *gorm.DB, c Cost, _ *Cost) error {
			return s.notifyWithdrawn(ctx, tx, a, withdrawn, costChange("cost_deleted", c))
		},
		Action: "cost.delete", Entity: "cost", View: func(c Cost) (any, error) { return toCostResponse(a, c) }})
	if err == nil {
		s.foldAfter(ctx, fold, a.ID)
	}
	return withdrawn, err
}
