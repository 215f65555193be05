package budget

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"kulttuurisilta/api/internal/apperr"
	"kulttuurisilta/api/internal/audit"
	"kulttuurisilta/api/internal/civil"
	"kulttuurisilta/api/internal/database"
	"kulttuurisilta/api/internal/paging"
)

// Basis is an invoicing basis (laskutusperuste): what a locked month
// bills, frozen when it locked. Rows are never changed or deleted (the
// database refuses both); a relock adds the next revision (ADR 0071).
type Basis struct {
	ID            uuid.UUID `gorm:"type:uuid;primaryKey"`
	CreatedAt     time.Time
	UpdatedAt     time.Time
	Version       int
	Number        int64
	AgreementID   uuid.UUID  `gorm:"type:uuid"`
	PeriodID      uuid.UUID  `gorm:"type:uuid"`
	Month         civil.Date `gorm:"type:date"`
	Revision      int
	PreviousID    *uuid.UUID `gorm:"type:uuid"`
	TotalCents    int64
	EntryCount    int
	LockedAt      time.Time
	LockedBy      uuid.UUID       `gorm:"type:uuid"`
	Content       json.RawMessage `gorm:"type:jsonb"`
	ContentSHA256 string          `gorm:"->;column:content_sha256"`
}

// TableName is the bases table.
func (Basis) TableName() string { return "invoicing_bases" }

// BasisContent is the whole invoicing basis as frozen at the lock: the
// parties, each department's share by category and by unit, every entry
// with its allocation, both approvals, the lock, and for a correction the
// difference from the previous revision.
type BasisContent struct {
	Number     int64          `json:"number"`
	Revision   int            `json:"revision"`
	Month      string         `json:"month" example:"2025-03"`
	From       civil.Date     `json:"from" swaggertype:"string" format:"date"`
	To         civil.Date     `json:"to" swaggertype:"string" format:"date"`
	Agreement  BasisAgreement `json:"agreement"`
	TotalCents int64          `json:"total_cents"`
	EntryCount int            `json:"entry_count"`
	// Departments in agreement order: the parties, with their shares.
	Departments []BasisDepartment `json:"departments"`
	Entries     []BasisEntry      `json:"entries"`
	Approvals   []BasisApproval   `json:"approvals"`
	LockedAt    time.Time         `json:"locked_at"`
	LockedBy    uuid.UUID         `json:"locked_by"`
	// LockedByName is the name (or email) of who locked the month.
	LockedByName string `json:"locked_by_name"`
	// Correction is the difference from the previous revision; null for
	// revision 1.
	Correction *BasisCorrection `json:"correction" extensions:"x-nullable"`
}

// BasisAgreement names the agreement a basis belongs to.
type BasisAgreement struct {
	ID       uuid.UUID  `json:"id"`
	Name     string     `json:"name"`
	StartsOn civil.Date `json:"starts_on" swaggertype:"string" format:"date"`
	EndsOn   civil.Date `json:"ends_on" swaggertype:"string" format:"date"`
}

// BasisDepartment is one party's share of the month.
type BasisDepartment struct {
	DepartmentID uuid.UUID `json:"department_id"`
	// Code is the department's cost centre.
	Code         string `json:"code"`
	Name         string `json:"name"`
	Organisation string `json:"organisation"`
	// ShareBP is the agreement's default share.
	ShareBP    int                   `json:"share_bp"`
	TotalCents int64                 `json:"total_cents"`
	ByCategory []BasisCategoryAmount `json:"by_category"`
	ByUnit     []UnitTotal           `json:"by_unit"`
}

// BasisCategoryAmount is a department's share of one category.
type BasisCategoryAmount struct {
	Category    string `json:"category" enums:"salary,performer_fee,travel,materials,venue,other"`
	AccountCode string `json:"account_code"`
	Cents       int64  `json:"cents"`
}

// BasisEntry is a cost entry with its allocation.
type BasisEntry struct {
	CostID      uuid.UUID  `json:"cost_id"`
	IncurredOn  civil.Date `json:"incurred_on" swaggertype:"string" format:"date"`
	Category    string     `json:"category" enums:"salary,performer_fee,travel,materials,venue,other"`
	AccountCode string     `json:"account_code"`
	Description string     `json:"description"`
	UnitID      *uuid.UUID `json:"unit_id" extensions:"x-nullable"`
	UnitName    string     `json:"unit_name"`
	ActivityID  *uuid.UUID `json:"activity_id" extensions:"x-nullable"`
	AmountCents int64      `json:"amount_cents"`
	ShareSource string     `json:"share_source" enums:"override,category,default"`
	// Allocations in agreement order; they sum to amount_cents.
	Allocations []AllocationResponse `json:"allocations"`
}

// BasisApproval is a department's approval of the month.
type BasisApproval struct {
	DepartmentID   uuid.UUID `json:"department_id"`
	DepartmentName string    `json:"department_name"`
	UserID         uuid.UUID `json:"user_id"`
	UserName       string    `json:"user_name"`
	At             time.Time `json:"at"`
}

// BasisCorrection is what changed since the previous revision.
type BasisCorrection struct {
	PreviousID       uuid.UUID `json:"previous_id"`
	PreviousNumber   int64     `json:"previous_number"`
	PreviousRevision int       `json:"previous_revision"`
	// Departments: each party's previous total, new total and the
	// difference to bill (or credit, when negative).
	Departments []BasisDelta `json:"departments"`
	// Entries lists the entries added, removed or changed.
	Entries []BasisEntryChange `json:"entries"`
}

// BasisDelta is a department's change of total.
type BasisDelta struct {
	DepartmentID  uuid.UUID `json:"department_id"`
	Code          string    `json:"code"`
	Name          string    `json:"name"`
	PreviousCents int64     `json:"previous_cents"`
	Cents         int64     `json:"cents"`
	DeltaCents    int64     `json:"delta_cents"`
}

// BasisEntryChange is an entry added, removed or changed since the
// previous revision, with each department's change of allocation.
type BasisEntryChange struct {
	CostID      uuid.UUID    `json:"cost_id"`
	Change      string       `json:"change" enums:"added,removed,changed"`
	Description string       `json:"description"`
	IncurredOn  civil.Date   `json:"incurred_on" swaggertype:"string" format:"date"`
	Departments []BasisDelta `json:"departments"`
}

// BasisSummary is an invoicing basis without its content.
type BasisSummary struct {
	ID          uuid.UUID `json:"id"`
	Number      int64     `json:"number"`
	AgreementID uuid.UUID `json:"agreement_id"`
	Month       string    `json:"month" example:"2025-03"`
	Revision    int       `json:"revision"`
	// Corrects is the number of the basis this one corrects (null for revision 1).
	Corrects      *int64    `json:"corrects" extensions:"x-nullable"`
	CreatedAt     time.Time `json:"created_at"`
	UpdatedAt     time.Time `json:"updated_at"`
	Version       int       `json:"version"`
	TotalCents    int64     `json:"total_cents"`
	EntryCount    int       `json:"entry_count"`
	LockedAt      time.Time `json:"locked_at"`
	LockedBy      uuid.UUID `json:"locked_by"`
	ContentSHA256 string    `json:"content_sha256"`
}

// BasisResponse is an invoicing basis with its content.
type BasisResponse struct {
	BasisSummary
	Content BasisContent `json:"content"`
}

func toBasisSummary(b Basis, corrects *int64) BasisSummary {
	return BasisSummary{ID: b.ID, Number: b.Number, AgreementID: b.AgreementID, Month: b.Month.Format("2006-01"),
		Revision: b.Revision, Corrects: corrects, CreatedAt: b.CreatedAt.UTC(), UpdatedAt: b.UpdatedAt.UTC(), Version: b.Version,
		TotalCents: b.TotalCents, EntryCount: b.EntryCount, LockedAt: b.LockedAt.UTC(), LockedBy: b.LockedBy,
		ContentSHA256: b.ContentSHA256}
}

// content decodes the frozen document.
func (b Basis) content() (BasisContent, error) {
	var c BasisContent
	if err := json.Unmarshal(b.Content, &c); err != nil {
		return c, fmt.Errorf("basis %d: %w", b.Number, err)
	}
	return c, nil
}

// buildBasis freezes the locked month p into its next invoicing basis,
// inside the locking transaction (which holds the agreement FOR SHARE and
// the month FOR UPDATE, so no cost of the month can change meanwhile).
func buildBasis(ctx context.Context, tx *gorm.DB, a Agreement, p Period) (Basis, error) {
	from := monthOf(p.Month)
	to := civil.Date{Time: from.AddDate(0, 1, -1)}
	var costs []Cost
	if err := tx.Where("agreement_id = ? AND incurred_on BETWEEN ? AND ?", a.ID, from, to).
		Order("incurred_on, created_at, id").Find(&costs).Error; err != nil {
		return Basis{}, err
	}
	units, err := unitNames(tx, costs)
	if err != nil {
		return Basis{}, err
	}
	c := BasisContent{Month: from.Format("2006-01"), From: from, To: to,
		Agreement: BasisAgreement{ID: a.ID, Name: a.Name, StartsOn: a.StartsOn, EndsOn: a.EndsOn},
		Entries:   make([]BasisEntry, 0, len(costs)), Approvals: []BasisApproval{}, LockedAt: p.LockedAt.UTC(), LockedBy: *p.LockedBy}
	unitTotals := make([]map[string]*UnitTotal, len(a.Departments))
	byCat := make([][6]int64, len(a.Departments))
	totals := make([]int64, len(a.Departments))
	for i := range unitTotals {
		unitTotals[i] = map[string]*UnitTotal{}
	}
	for _, cost := range costs {
		shares, parts, source, err := allocate(a, cost)
		if err != nil {
			return Basis{}, err
		}
		e := BasisEntry{CostID: cost.ID, IncurredOn: cost.IncurredOn, Category: cost.Category, AccountCode: a.Accounts[cost.Category],
			Description: cost.Description, UnitID: cost.UnitID, ActivityID: cost.ActivityID, AmountCents: cost.AmountCents,
			ShareSource: source, Allocations: make([]AllocationResponse, len(parts))}
		key := ""
		if cost.UnitID != nil {
			e.UnitName = units[*cost.UnitID]
			key = cost.UnitID.String()
		}
		for i, d := range a.Departments {
			e.Allocations[i] = AllocationResponse{DepartmentID: d.DepartmentID, Code: d.Code, ShareBP: shares[i], AmountCents: parts[i]}
			totals[i] += parts[i]
			byCat[i][slices.Index(Categories, cost.Category)] += parts[i]
			u := unitTotals[i][key]
			if u == nil {
				u = &UnitTotal{UnitID: cost.UnitID, UnitName: e.UnitName}
				unitTotals[i][key] = u
			}
			u.TotalCents += parts[i]
		}
		c.TotalCents += cost.AmountCents
		c.Entries = append(c.Entries, e)
	}
	c.EntryCount = len(c.Entries)
	for i, d := range a.Departments {
		bd := BasisDepartment{DepartmentID: d.DepartmentID, Code: d.Code, Name: d.Name, Organisation: d.Organisation,
			ShareBP: d.ShareBP, TotalCents: totals[i], ByCategory: []BasisCategoryAmount{}, ByUnit: []UnitTotal{}}
		for ci, cat := range Categories {
			if byCat[i][ci] != 0 || a.Accounts[cat] != "" {
				bd.ByCategory = append(bd.ByCategory, BasisCategoryAmount{Category: cat, AccountCode: a.Accounts[cat], Cents: byCat[i][ci]})
			}
		}
		for _, u := range unitTotals[i] {
			bd.ByUnit = append(bd.ByUnit, *u)
		}
		slices.SortFunc(bd.ByUnit, func(x, y UnitTotal) int {
			if (x.UnitID == nil) != (y.UnitID == nil) { // entries without a unit last
				if x.UnitID == nil {
					return 1
				}
				return -1
			}
			if x.UnitName != y.UnitName {
				if x.UnitName < y.UnitName {
					return -1
				}
				return 1
			}
			return 0
		})
		c.Departments = append(c.Departments, bd)
	}
	for _, ap := range p.Approvals {
		name := ""
		if i := a.position(ap.DepartmentID); i >= 0 {
			name = a.Departments[i].Name
		}
		c.Approvals = append(c.Approvals, BasisApproval{DepartmentID: ap.DepartmentID, DepartmentName: name, UserID: ap.UserID,
			UserName: ap.UserName, At: ap.At.UTC()})
	}
	if err := tx.Table("users").Select("COALESCE(NULLIF(name, ''), email)").Where("id = ?", *p.LockedBy).
		Scan(&c.LockedByName).Error; err != nil {
		return Basis{}, err
	}
	var prev []Basis
	if err := tx.Where("agreement_id = ? AND month = ?", a.ID, from).Order("revision DESC").Limit(1).Find(&prev).Error; err != nil {
		return Basis{}, err
	}
	b := Basis{ID: database.NewID(), Version: 1, AgreementID: a.ID, PeriodID: p.ID, Month: from, Revision: 1,
		TotalCents: c.TotalCents, EntryCount: c.EntryCount, LockedAt: c.LockedAt, LockedBy: c.LockedBy}
	if len(prev) == 1 {
		old, err := prev[0].content()
		if err != nil {
			return Basis{}, err
		}
		b.Revision = prev[0].Revision + 1
		b.PreviousID = &prev[0].ID
		c.Correction = correction(prev[0], old, c)
	}
	// The next number, gapless: the counter row is held until commit.
	if err := tx.Raw("UPDATE invoicing_basis_numbers SET last = last + 1 RETURNING last").Scan(&b.Number).Error; err != nil {
		return Basis{}, err
	}
	c.Number, c.Revision = b.Number, b.Revision
	raw, err := json.Marshal(c)
	if err != nil {
		return Basis{}, err
	}
	b.Content = raw
	if err := tx.Omit("ContentSHA256").Create(&b).Error; err != nil {
		return Basis{}, err
	}
	if err := tx.Select("content_sha256, created_at, updated_at").First(&b, "id = ?", b.ID).Error; err != nil {
		return Basis{}, err
	}
	var corrects *int64
	if len(prev) == 1 {
		corrects = &prev[0].Number
	}
	return b, audit.Record(ctx, tx, "basis.create", "invoicing_basis", b.ID, nil, toBasisSummary(b, corrects))
}

// correction is the difference of the new content from the previous basis.
func correction(prev Basis, old, cur BasisContent) *BasisCorrection {
	out := &BasisCorrection{PreviousID: prev.ID, PreviousNumber: prev.Number, PreviousRevision: prev.Revision,
		Departments: []BasisDelta{}, Entries: []BasisEntryChange{}}
	oldTotal := map[uuid.UUID]int64{}
	for _, d := range old.Departments {
		oldTotal[d.DepartmentID] = d.TotalCents
	}
	for _, d := range cur.Departments {
		out.Departments = append(out.Departments, BasisDelta{DepartmentID: d.DepartmentID, Code: d.Code, Name: d.Name,
			PreviousCents: oldTotal[d.DepartmentID], Cents: d.TotalCents, DeltaCents: d.TotalCents - oldTotal[d.DepartmentID]})
	}
	oldEntries := map[uuid.UUID]BasisEntry{}
	for _, e := range old.Entries {
		oldEntries[e.CostID] = e
	}
	seen := map[uuid.UUID]bool{}
	deltas := func(before, after []AllocationResponse) []BasisDelta {
		out := []BasisDelta{}
		for _, d := range cur.Departments {
			var p, n int64
			for _, a := range before {
				if a.DepartmentID == d.DepartmentID {
					p = a.AmountCents
				}
			}
			for _, a := range after {
				if a.DepartmentID == d.DepartmentID {
					n = a.AmountCents
				}
			}
			out = append(out, BasisDelta{DepartmentID: d.DepartmentID, Code: d.Code, Name: d.Name, PreviousCents: p, Cents: n, DeltaCents: n - p})
		}
		return out
	}
	for _, e := range cur.Entries {
		seen[e.CostID] = true
		o, ok := oldEntries[e.CostID]
		switch {
		case !ok:
			out.Entries = append(out.Entries, BasisEntryChange{CostID: e.CostID, Change: "added", Description: e.Description,
				IncurredOn: e.IncurredOn, Departments: deltas(nil, e.Allocations)})
		case o.AmountCents != e.AmountCents || !o.IncurredOn.Equal(e.IncurredOn.Time) || o.Category != e.Category ||
			o.Description != e.Description || !slices.Equal(o.Allocations, e.Allocations):
			out.Entries = append(out.Entries, BasisEntryChange{CostID: e.CostID, Change: "changed", Description: e.Description,
				IncurredOn: e.IncurredOn, Departments: deltas(o.Allocations, e.Allocations)})
		}
	}
	for _, o := range old.Entries {
		if !seen[o.CostID] {
			out.Entries = append(out.Entries, BasisEntryChange{CostID: o.CostID, Change: "removed", Description: o.Description,
				IncurredOn: o.IncurredOn, Departments: deltas(o.Allocations, nil)})
		}
	}
	return out
}

// unitNames reads the names of the costs' units.
func unitNames(tx *gorm.DB, costs []Cost) (map[uuid.UUID]string, error) {
	var ids []uuid.UUID
	for _, c := range costs {
		if c.UnitID != nil && !slices.Contains(ids, *c.UnitID) {
			ids = append(ids, *c.UnitID)
		}
	}
	out := map[uuid.UUID]string{}
	if len(ids) == 0 {
		return out, nil
	}
	var rows []struct {
		ID   uuid.UUID
		Name string
	}
	if err := tx.Table("units").Select("id, name").Where("id IN ?", ids).Scan(&rows).Error; err != nil {
		return nil, err
	}
	for _, r := range rows {
		out[r.ID] = r.Name
	}
	return out, nil
}

// latestBases returns the latest basis of each of the periods, by period id.
func latestBases(db *gorm.DB, periodIDs []uuid.UUID) (map[uuid.UUID]*BasisSummary, error) {
	out := map[uuid.UUID]*BasisSummary{}
	if len(periodIDs) == 0 {
		return out, nil
	}
	var rows []Basis
	if err := db.Raw(`SELECT DISTINCT ON (period_id) id, created_at, updated_at, version, number, agreement_id, period_id, month,
		revision, previous_id, total_cents, entry_count, locked_at, locked_by, content_sha256
		FROM invoicing_bases WHERE period_id IN ? ORDER BY period_id, revision DESC`, periodIDs).Scan(&rows).Error; err != nil {
		return nil, err
	}
	prevNumbers, err := previousNumbers(db, rows)
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		s := toBasisSummary(r, prevNumbers[r.ID])
		out[r.PeriodID] = &s
	}
	return out, nil
}

// previousNumbers maps each basis to the number of the basis it corrects.
func previousNumbers(db *gorm.DB, rows []Basis) (map[uuid.UUID]*int64, error) {
	out := map[uuid.UUID]*int64{}
	var ids []uuid.UUID
	for _, r := range rows {
		if r.PreviousID != nil {
			ids = append(ids, *r.PreviousID)
		}
	}
	if len(ids) == 0 {
		return out, nil
	}
	var prev []struct {
		ID     uuid.UUID
		Number int64
	}
	if err := db.Table("invoicing_bases").Select("id, number").Where("id IN ?", ids).Scan(&prev).Error; err != nil {
		return nil, err
	}
	for _, r := range rows {
		for _, p := range prev {
			if r.PreviousID != nil && *r.PreviousID == p.ID {
				n := p.Number
				out[r.ID] = &n
			}
		}
	}
	return out, nil
}

// ListBases returns a month's invoicing bases, newest revision first.
func (s Store) ListBases(ctx context.Context, agreementID uuid.UUID, month civil.Date, page paging.Page) ([]BasisSummary, paging.Found, error) {
	db := s.DB.WithContext(ctx)
	if _, _, err := s.GetPeriod(ctx, agreementID, month); err != nil {
		return nil, paging.Found{}, err
	}
	q := page.Filter(db.Model(&Basis{}).Where("agreement_id = ? AND month = ?", agreementID, month), "invoicing_bases")
	rows, total, err := paging.Find[Basis](q.Omit("content"), page, "revision DESC")
	if err != nil {
		return nil, total, err
	}
	prev, err := previousNumbers(db, rows)
	if err != nil {
		return nil, total, err
	}
	out := make([]BasisSummary, len(rows))
	for i, r := range rows {
		out[i] = toBasisSummary(r, prev[r.ID])
	}
	return out, total, nil
}

// GetBasis returns one revision of a month's basis (the latest when
// revision is 0) with its content.
func (s Store) GetBasis(ctx context.Context, agreementID uuid.UUID, month civil.Date, revision int) (BasisResponse, error) {
	db := s.DB.WithContext(ctx)
	if _, _, err := s.GetPeriod(ctx, agreementID, month); err != nil {
		return BasisResponse{}, err
	}
	q := db.Where("agreement_id = ? AND month = ?", agreementID, month)
	if revision > 0 {
		q = q.Where("revision = ?", revision)
	}
	var rows []Basis
	if err := q.Order("revision DESC").Limit(1).Find(&rows).Error; err != nil {
		return BasisResponse{}, err
	}
	if len(rows) == 0 {
		if revision > 0 {
			return BasisResponse{}, apperr.NotFound(fmt.Sprintf("revision %d of the month's invoicing basis", revision))
		}
		return BasisResponse{}, apperr.NotFound("invoicing basis (the month has not been locked yet)")
	}
	prev, err := previousNumbers(db, rows)
	if err != nil {
		return BasisResponse{}, err
	}
	content, err := rows[0].content()
	if err != nil {
		return BasisResponse{}, err
	}
	return BasisResponse{BasisSummary: toBasisSummary(rows[0], prev[rows[0].ID]), Content: content}, nil
}
