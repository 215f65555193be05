package budget

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"kulttuurisilta/api/internal/apperr"
	"kulttuurisilta/api/internal/civil"
	"kulttuurisilta/api/internal/database"
)

// SplitResponse is the split of an agreement's costs for a range: each
// department's allocated total, by category, by unit and by month, against
// its budget. Every figure is a sum of per-entry allocations, so the
// department totals add up exactly to total_cents.
type SplitResponse struct {
	AgreementID uuid.UUID  `json:"agreement_id"`
	From        civil.Date `json:"from" swaggertype:"string" format:"date"`
	To          civil.Date `json:"to" swaggertype:"string" format:"date"`
	TotalCents  int64      `json:"total_cents"`
	EntryCount  int64      `json:"entry_count"`
	// ElapsedBP is the share of the agreement's period elapsed by "to"
	// (basis points), to compare with each department's used_bp.
	ElapsedBP   int               `json:"elapsed_bp"`
	Departments []DepartmentSplit `json:"departments"`
}

// DepartmentSplit is one department's part of the split.
type DepartmentSplit struct {
	DepartmentID uuid.UUID `json:"department_id"`
	Code         string    `json:"code"`
	Name         string    `json:"name"`
	ShareBP      int       `json:"share_bp"`
	// TotalCents is the department's allocation over [from, to].
	TotalCents int64 `json:"total_cents"`
	// BudgetCents is the department's budget for the agreement's period.
	BudgetCents int64 `json:"budget_cents"`
	// UsedCents is allocated from the agreement's start through "to";
	// RemainingCents is budget minus used; UsedBP is used / budget.
	UsedCents      int64            `json:"used_cents"`
	RemainingCents int64            `json:"remaining_cents"`
	UsedBP         int64            `json:"used_bp"`
	ByCategory     map[string]int64 `json:"by_category"`
	ByUnit         []UnitTotal      `json:"by_unit"`
	ByMonth        []MonthTotal     `json:"by_month"`
}

// UnitTotal is a department's allocation of one unit's costs (unit_id
// null: costs without a unit).
type UnitTotal struct {
	UnitID     *uuid.UUID `json:"unit_id" extensions:"x-nullable"`
	UnitName   string     `json:"unit_name"`
	TotalCents int64      `json:"total_cents"`
}

// MonthTotal is a department's allocation of one month's costs.
type MonthTotal struct {
	Month      string `json:"month" example:"2025-03"`
	TotalCents int64  `json:"total_cents"`
}

// splitRange resolves a report's range: the agreement's period by default.
func splitRange(a Agreement, from, to *civil.Date) (civil.Date, civil.Date, error) {
	f, t := a.StartsOn, a.EndsOn
	if from != nil {
		f = *from
	}
	if to != nil {
		t = *to
	}
	if t.Before(f.Time) { // one end given, the other the agreement's, and they cross
		return f, t, apperr.BadRange("from", "to", "must not be after to (the agreement ends "+a.EndsOn.String()+")",
			"must not be before from (the agreement starts "+a.StartsOn.String()+")")
	}
	return f, t, nil
}

func categoryIndex(b []byte) int {
	switch string(b) {
	case "salary":
		return 0
	case "performer_fee":
		return 1
	case "travel":
		return 2
	case "materials":
		return 3
	case "venue":
		return 4
	}
	return 5
}

// pgEpoch is day 0 of PostgreSQL's binary date format.
var pgEpoch = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// splitAcc adds up per-entry allocations, read as the rows of
// cost_day_totals (each the sum of its entries' parts, ADR 0035).
type splitAcc struct {
	n           int
	from        int32 // first day (PostgreSQL day number) of the report range
	dayMonth    []int // day number - base -> month index
	base        int32
	parts       []int64
	total       []int64
	used        []int64
	byCat       [][6]int64
	byMonth     [][]int64
	byUnit      map[[16]byte][]int64
	noUnit      []int64
	noUnitCount int64
	totalCents  int64
	entries     int64
}

// add adds one row: the parts (in s.parts) of entries entries of a day,
// category and unit (nil: none), whose amounts sum to amount.
func (s *splitAcc) add(day int32, entries, amount int64, cat int, unit []byte) error {
	var sum int64
	for _, p := range s.parts {
		sum += p
	}
	if sum != amount {
		return fmt.Errorf("split: the parts of a row add up to %d, not %d", sum, amount)
	}
	if day < s.base || int(day-s.base) >= len(s.dayMonth) {
		return fmt.Errorf("split: a row outside the agreement's period")
	}
	inRange := day >= s.from
	var unitRow []int64
	if inRange {
		s.totalCents += amount
		s.entries += entries
		if unit == nil {
			unitRow = s.noUnit
			s.noUnitCount += entries
		} else {
			key := [16]byte(unit)
			if unitRow = s.byUnit[key]; unitRow == nil {
				unitRow = make([]int64, s.n)
				s.byUnit[key] = unitRow
			}
		}
	}
	m := s.dayMonth[day-s.base]
	for i, p := range s.parts {
		s.used[i] += p
		if inRange {
			s.total[i] += p
			s.byCat[i][cat] += p
			s.byMonth[i][m] += p
			unitRow[i] += p
		}
	}
	return nil
}

// addUsed adds the parts (in s.parts) of rows before the range, whose amounts sum to amount, to "used".
func (s *splitAcc) addUsed(amount int64) error {
	var sum int64
	for _, p := range s.parts {
		sum += p
	}
	if sum != amount {
		return fmt.Errorf("split: the parts of a month add up to %d, not %d", sum, amount)
	}
	for i, p := range s.parts {
		s.used[i] += p
	}
	return nil
}

// Split computes the split report: it adds up the agreement's per-entry
// allocations (materialised by day, category and unit in cost_day_totals)
// from the start of the agreement (for "used") through "to", per
// department, category, unit and month. The months wholly before from's
// month are read as their sums (cost_month_totals), which only "used"
// needs, so a month of a long agreement reads about a month of rows.
func (s Store) Split(ctx context.Context, agreementID uuid.UUID, fromP, toP *civil.Date) (SplitResponse, error) {
	db := s.DB.WithContext(ctx)
	a, err := loadAgreement(db, agreementID, lockNone)
	if err != nil {
		return SplitResponse{}, err
	}
	from, to, err := splitRange(a, fromP, toP)
	if err != nil {
		return SplitResponse{}, err
	}
	if err := s.refreshTotals(ctx, a.ID); err != nil {
		return SplitResponse{}, err
	}
	// Entries exist only inside the agreement's period.
	lo := a.StartsOn
	hi := to
	if hi.After(a.EndsOn.Time) {
		hi = a.EndsOn
	}
	months := monthsOf(a)
	n := len(a.Departments)
	acc := &splitAcc{n: n, parts: make([]int64, n), total: make([]int64, n), used: make([]int64, n),
		byCat: make([][6]int64, n), byMonth: make([][]int64, n), byUnit: map[[16]byte][]int64{}, noUnit: make([]int64, n)}
	for i := range acc.byMonth {
		acc.byMonth[i] = make([]int64, len(months))
	}
	acc.base = int32(lo.Sub(pgEpoch).Hours() / 24)
	acc.from = int32(from.Sub(pgEpoch).Hours() / 24)
	for d := lo; !d.After(a.EndsOn.Time); d = (civil.Date{Time: d.AddDate(0, 0, 1)}) {
		acc.dayMonth = append(acc.dayMonth, (d.Year()-months[0].Year())*12+int(d.Month())-int(months[0].Month()))
	}
	if !hi.Before(lo.Time) {
		// The months wholly before from's month count only towards "used": they are read as their sums
		// (cost_month_totals, ADR 0046), the rest day by day.
		dayLo := lo
		monthsEnd := civil.Date{Time: time.Date(lo.Year(), lo.Month(), 1, 0, 0, 0, 0, time.UTC)} // none
		if fromMonth := (civil.Date{Time: time.Date(from.Year(), from.Month(), 1, 0, 0, 0, 0, time.UTC)}); fromMonth.After(lo.Time) {
			dayLo, monthsEnd = fromMonth, fromMonth
		}
		if err := s.readTotals(ctx, acc, a.ID, lo, monthsEnd, dayLo, hi); err != nil {
			return SplitResponse{}, err
		}
	}
	return s.splitResponse(ctx, a, acc, from, to, months)
}

// splitQuery reads, in one snapshot, the agreement's day rows of [$2, $3] and the month sums of [$4's
// month, $5) (incurred_on NULL).
const splitQuery = `SELECT incurred_on, entries, amount_cents, category, unit_id, parts
FROM cost_day_totals WHERE agreement_id = $1 AND incurred_on BETWEEN $2 AND $3
UNION ALL
SELECT NULL, entries::integer, amount_cents, 'other', NULL, parts
FROM cost_month_totals WHERE agreement_id = $1 AND month >= date_trunc('month', $4::date)::date AND month < $5`

// readTotals reads the agreement's rows of cost_day_totals of [dayLo, hi]
// and its month sums of [lo's month, monthsEnd) over pgx's own connection
// (binary protocol; the parts are scanned into the accumulator's buffer and
// the category by reference, so rows are read without allocating) and
// feeds them to the accumulator.
func (s Store) readTotals(ctx context.Context, acc *splitAcc, agreementID uuid.UUID, lo, monthsEnd, dayLo, hi civil.Date) error {
	return database.WithConn(ctx, s.DB, func(c *pgx.Conn) error {
		rows, err := c.Query(ctx, splitQuery, agreementID, dayLo.Time, hi.Time, lo.Time, monthsEnd.Time)
		if err != nil {
			return err
		}
		defer rows.Close()
		var (
			day      pgtype.Date
			entries  int32
			amount   int64
			category pgtype.DriverBytes
			unit     pgtype.UUID
			parts    = partsBuffer(acc.parts)
		)
		for rows.Next() {
			if err := rows.Scan(&day, &entries, &amount, &category, &unit, &parts); err != nil {
				return fmt.Errorf("split: %w", err)
			}
			if !day.Valid { // a month before the range
				if err := acc.addUsed(amount); err != nil {
					return err
				}
				continue
			}
			var u []byte
			if unit.Valid {
				u = unit.Bytes[:]
			}
			if err := acc.add(pgDay(day.Time), int64(entries), amount, categoryIndex(category), u); err != nil {
				return err
			}
		}
		return rows.Err()
	})
}

// pgDay is a date's PostgreSQL day number (days since 2000-01-01).
//
//nolint:gosec // G115: dates are validated to years 1900..9999, within ±3 million days.
func pgDay(t time.Time) int32 { return int32((t.Unix() - pgEpoch.Unix()) / 86400) }

// partsBuffer scans a one-dimensional bigint[] of its own length in place
// (it is pgx's pgtype.ArraySetter), so a row's parts need no allocation.
type partsBuffer []int64

// SetDimensions accepts only an array of the buffer's length.
func (p *partsBuffer) SetDimensions(dims []pgtype.ArrayDimension) error {
	if len(dims) != 1 || int(dims[0].Length) != len(*p) {
		return fmt.Errorf("split: the parts array has dimensions %v, want [%d]", dims, len(*p))
	}
	return nil
}

// ScanIndex is where element i is scanned to.
func (p *partsBuffer) ScanIndex(i int) any { return &(*p)[i] }

// ScanIndexType is the element type.
func (p *partsBuffer) ScanIndexType() any { return new(int64) }

func (s Store) splitResponse(ctx context.Context, a Agreement, acc *splitAcc, from, to civil.Date, months []civil.Date) (SplitResponse, error) {
	r := SplitResponse{AgreementID: a.ID, From: from, To: to, TotalCents: acc.totalCents, EntryCount: acc.entries,
		ElapsedBP: elapsedBP(a, to), Departments: make([]DepartmentSplit, len(a.Departments))}
	var sum int64
	for _, t := range acc.total {
		sum += t
	}
	if sum != acc.totalCents {
		return r, fmt.Errorf("split: department totals %d do not add up to %d", sum, acc.totalCents)
	}
	unitIDs := make([]uuid.UUID, 0, len(acc.byUnit))
	for k := range acc.byUnit {
		unitIDs = append(unitIDs, uuid.UUID(k))
	}
	names := map[uuid.UUID]string{}
	if len(unitIDs) > 0 {
		var rows []struct {
			ID   uuid.UUID
			Name string
		}
		if err := s.DB.WithContext(ctx).Table("units").Select("id, name").Where("id IN ?", unitIDs).Scan(&rows).Error; err != nil {
			return r, err
		}
		for _, u := range rows {
			names[u.ID] = u.Name
		}
	}
	slices.SortFunc(unitIDs, func(x, y uuid.UUID) int {
		if c := strings.Compare(names[x], names[y]); c != 0 {
			return c
		}
		return strings.Compare(x.String(), y.String())
	})
	// Months of the report: those of the agreement overlapping [from, to].
	var shown []int
	for i, m := range months {
		if !m.After(to.Time) && !m.AddDate(0, 1, -1).Before(from.Time) {
			shown = append(shown, i)
		}
	}
	for i, d := range a.Departments {
		ds := DepartmentSplit{DepartmentID: d.DepartmentID, Code: d.Code, Name: d.Name, ShareBP: d.ShareBP,
			TotalCents: acc.total[i], BudgetCents: d.BudgetCents, UsedCents: acc.used[i],
			RemainingCents: d.BudgetCents - acc.used[i], ByCategory: map[string]int64{},
			ByUnit: []UnitTotal{}, ByMonth: make([]MonthTotal, 0, len(shown))}
		if d.BudgetCents > 0 {
			ds.UsedBP = acc.used[i] * 10000 / d.BudgetCents
		}
		for c, name := range Categories {
			ds.ByCategory[name] = acc.byCat[i][c]
		}
		for _, id := range unitIDs {
			uid := id
			ds.ByUnit = append(ds.ByUnit, UnitTotal{UnitID: &uid, UnitName: names[id], TotalCents: acc.byUnit[[16]byte(id)][i]})
		}
		if acc.noUnitCount > 0 {
			ds.ByUnit = append(ds.ByUnit, UnitTotal{UnitName: "", TotalCents: acc.noUnit[i]})
		}
		for _, m := range shown {
			ds.ByMonth = append(ds.ByMonth, MonthTotal{Month: months[m].Format("2006-01"), TotalCents: acc.byMonth[i][m]})
		}
		r.Departments[i] = ds
	}
	return r, nil
}

// elapsedBP is the share of the agreement's period elapsed through "to".
func elapsedBP(a Agreement, to civil.Date) int {
	total := a.EndsOn.Sub(a.StartsOn.Time).Hours()/24 + 1
	done := to.Sub(a.StartsOn.Time).Hours()/24 + 1
	switch {
	case done <= 0:
		return 0
	case done >= total:
		return 10000
	}
	return int(done * 10000 / total)
}
