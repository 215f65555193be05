package budget

import (
	"context"
	"fmt"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"kulttuurisilta/api/internal/apperr"
	"kulttuurisilta/api/internal/audit"
	"kulttuurisilta/api/internal/civil"
	"kulttuurisilta/api/internal/database"
	"kulttuurisilta/api/internal/notify"
	"kulttuurisilta/api/internal/validate"
)

// ImportCosts writes parsed CSV rows to an agreement: all of them or, when
// any row is invalid, none, with every bad row and field reported. Rows in
// a locked month are a 409 naming each such row.
func (s Store) ImportCosts(ctx context.Context, agreementID uuid.UUID, rows []ImportRow) ([]Cost, []WithdrawnApproval, error) {
	var out []Cost
	var withdrawn []WithdrawnApproval
	var fold bool
	err := database.Tx(ctx, s.DB, func(tx *gorm.DB) error {
		a, err := loadAgreement(tx, agreementID, lockShare)
		if err != nil {
			return err
		}
		var v validate.Errors
		units := make([]*uuid.UUID, len(rows))
		activities := make([]*uuid.UUID, len(rows))
		var dates []civil.Date
		for i, r := range rows {
			checkInPeriod(&v, fmt.Sprintf("rows[%d].incurred_on", r.Line), a, r.Input.IncurredOn)
			units[i], activities[i] = r.Input.UnitID, r.Input.ActivityID
			dates = append(dates, monthOf(r.Input.IncurredOn))
		}
		field := func(i int, name string) string { return fmt.Sprintf("rows[%d].%s", rows[i].Line, name) }
		if err := checkRefs(tx, &v, field, units, activities); err != nil {
			return err
		}
		if err := v.Err(); err != nil {
			return err
		}
		periods, err := lockPeriods(tx, a.ID, dates)
		if err != nil {
			return err
		}
		locked := map[string]bool{}
		for _, p := range periods {
			if p.Status == StatusLocked {
				locked[p.Month.String()] = true
			}
		}
		var conflicts []apperr.FieldError
		for _, r := range rows {
			if m := monthOf(r.Input.IncurredOn); locked[m.String()] {
				conflicts = append(conflicts, apperr.Field(fmt.Sprintf("rows[%d].incurred_on", r.Line),
					apperr.CodeConflict, m.Format("2006-01")+" is locked"))
			}
		}
		if len(conflicts) > 0 {
			return &apperr.Error{Kind: apperr.KindConflict, Fields: conflicts,
				Detail: fmt.Sprintf("%d rows fall in locked months; nothing was imported", len(conflicts))}
		}
		list := make([]*Period, len(periods))
		for i := range periods {
			list[i] = &periods[i]
		}
		if withdrawn, err = withdrawApprovals(ctx, tx, list); err != nil {
			return err
		}
		out = make([]Cost, len(rows))
		for i, r := range rows {
			out[i] = Cost{Model: database.Model{ID: database.NewID(), Version: 1}, AgreementID: a.ID, IncurredOn: r.Input.IncurredOn,
				AmountCents: r.Input.AmountCents, Category: r.Input.Category, Description: r.Input.Description,
				ActivityID: r.Input.ActivityID, UnitID: r.Input.UnitID}
		}
		if fold, err = s.applyTotals(tx, a, nil, out); err != nil {
			return err
		}
		if err := tx.CreateInBatches(&out, 1000).Error; err != nil {
			return err
		}
		perMonth := map[string]int{}
		for _, c := range out {
			after, err := toCostResponse(a, c)
			if err != nil {
				return err
			}
			if err := audit.Record(ctx, tx, "cost.import", "cost", c.ID, nil, after); err != nil {
				return err
			}
			perMonth[c.IncurredOn.Format("2006-01")]++
		}
		return s.notifyWithdrawn(ctx, tx, a, withdrawn, func(month string) notify.Change {
			return notify.Change{What: "costs_imported", Count: perMonth[month]}
		})
	})
	if err == nil {
		s.foldAfter(ctx, fold, agreementID)
	}
	return out, withdrawn, err
}

// EachEntry calls fn for each entry of an agreement in [from, to], by
// date, with its unit's name.
func (s Store) EachEntry(ctx context.Context, a Agreement, from, to civil.Date, fn func(c Cost, unitName string) error) error {
	rows, err := s.DB.WithContext(ctx).Table("costs c").
		Select("c.*, coalesce(u.name, '') AS unit_name").
		Joins("LEFT JOIN units u ON u.id = c.unit_id").
		Where("c.agreement_id = ? AND c.incurred_on BETWEEN ? AND ?", a.ID, from, to).
		Order("c.incurred_on, c.id").Rows()
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var row struct {
			Cost
			UnitName string
		}
		if err := s.DB.ScanRows(rows, &row); err != nil {
			return err
		}
		if err := fn(row.Cost, row.UnitName); err != nil {
			return err
		}
	}
	return rows.Err()
}
