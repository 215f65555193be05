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

// splitAcc adds up per-entry allocations, read as rows that each hold the
// sum of their entries' parts (cost_totals, cost_total_deltas,
// cost_month_totals, or the set-based split of raw entries; ADR 0130).
type splitAcc struct {
	n           int
	first       civil.Date // month index 0
	total       []int64
	used        []int64
	byCat       [][6]int64
	byMonth     [][]int64
	byUnit      map[[16]byte][]int64
	unitCount   map[[16]byte]int64 // entries per unit: rows of deltas may net to none
	noUnit      []int64
	noUnitCount int64
	totalCents  int64
	entries     int64
}

func newSplitAcc(a Agreement, months int) *splitAcc {
	n := len(a.Departments)
	acc := &splitAcc{n: n, first: monthOf(a.StartsOn), total: make([]int64, n), used: make([]int64, n),
		byCat: make([][6]int64, n), byMonth: make([][]int64, n), byUnit: map[[16]byte][]int64{}, unitCount: map[[16]byte]int64{}, noUnit: make([]int64, n)}
	for i := range acc.byMonth {
		acc.byMonth[i] = make([]int64, months)
	}
	return acc
}

// monthIndex is the index of t's month from the agreement's first month.
func (s *splitAcc) monthIndex(t time.Time) int {
	return (t.Year()-s.first.Year())*12 + int(t.Month()) - int(s.first.Month())
}

// check holds a row's parts to its amount.
func (s *splitAcc) check(parts []int64, amount int64) error {
	var sum int64
	for _, p := range parts {
		sum += p
	}
	if sum != amount || len(parts) != s.n {
		return fmt.Errorf("split: the parts %v of a row do not add up to %d", parts, amount)
	}
	return nil
}

// add adds a row of entries of one month, category and unit (nil: none)
// whose parts sum to amount: to the report when inRange, to "used" always.
func (s *splitAcc) add(month, cat int, unit []byte, entries, amount int64, parts []int64, inRange bool) error {
	if err := s.check(parts, amount); err != nil {
		return err
	}
	if month < 0 || month >= len(s.byMonth[0]) {
		return fmt.Errorf("split: a row outside the agreement's period")
	}
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
			s.unitCount[key] += entries
		}
	}
	for i, p := range parts {
		s.used[i] += p
		if inRange {
			s.total[i] += p
			s.byCat[i][cat] += p
			s.byMonth[i][month] += p
			unitRow[i] += p
		}
	}
	return nil
}

// addSplit adds the sums of a set-based split; groups before the report's
// first day count only towards "used".
func (s *splitAcc) addSplit(sums map[splitKey]*splitSum) error {
	for k, r := range sums {
		var unit []byte
		if k.unit != uuid.Nil {
			unit = k.unit[:]
		}
		if err := s.add(k.month, k.cat, unit, r.entries, r.amount, r.parts, !k.before); err != nil {
			return err
		}
	}
	return nil
}

// splitPlan is how a report over [from, to] reads each month of the
// agreement: months wholly before from count only towards "used" and are
// read as month sums; months wholly inside are read as their totals by
// category and unit; the (at most two) months cut by from or to are split
// afresh from their entries, set-based.
type splitPlan struct {
	usedMonths []time.Time
	fullMonths []time.Time
	partial    [][2]civil.Date // entry days to split, each with before = from
	from       civil.Date      // the first day that counts (not before the agreement)
}

func planSplit(a Agreement, from, to civil.Date) splitPlan {
	p := splitPlan{from: from}
	if p.from.Before(a.StartsOn.Time) {
		p.from = a.StartsOn
	}
	hi := to
	if hi.After(a.EndsOn.Time) {
		hi = a.EndsOn
	}
	for _, m := range monthsOf(a) {
		es, ee := m, civil.Date{Time: m.AddDate(0, 1, -1)} // the month's days with entries
		if es.Before(a.StartsOn.Time) {
			es = a.StartsOn
		}
		if ee.After(a.EndsOn.Time) {
			ee = a.EndsOn
		}
		switch {
		case es.After(hi.Time):
		case ee.Before(p.from.Time):
			p.usedMonths = append(p.usedMonths, m.Time)
		case !es.Before(p.from.Time) && !ee.After(hi.Time):
			p.fullMonths = append(p.fullMonths, m.Time)
		default:
			if ee.After(hi.Time) {
				ee = hi
			}
			p.partial = append(p.partial, [2]civil.Date{es, ee})
		}
	}
	return p
}

// Split computes the split report: it adds up the agreement's per-entry
// allocations from the start of the agreement (for "used") through "to",
// per department, category, unit and month, reading the materialised
// totals and their unfolded deltas for whole months and splitting the
// entries of a month cut by from or to afresh, all in one snapshot.
func (s Store) Split(ctx context.Context, agreementID uuid.UUID, fromP, toP *civil.Date) (SplitResponse, error) {
	var err error
	for range maxAttempts {
		var r SplitResponse
		if r, err = s.splitOnce(ctx, agreementID, fromP, toP, false); !retryable(err) {
			return r, err
		}
	}
	return SplitResponse{}, err
}

// splitOnce is one attempt of Split; live computes every figure from the
// entries with the set-based split, not from the totals (the "real split"
// of the benchmark, and the tests' second opinion).
func (s Store) splitOnce(ctx context.Context, agreementID uuid.UUID, fromP, toP *civil.Date, live bool) (SplitResponse, error) {
	a, err := loadAgreement(s.DB.WithContext(ctx), agreementID, lockNone)
	if err != nil {
		return SplitResponse{}, err
	}
	from, to, err := splitRange(a, fromP, toP)
	if err != nil {
		return SplitResponse{}, err
	}
	if !live {
		if err := s.refreshTotals(ctx, a.ID); err != nil {
			return SplitResponse{}, err
		}
	}
	months := monthsOf(a)
	acc := newSplitAcc(a, len(months))
	plan := planSplit(a, from, to)
	if live {
		plan = splitPlan{from: plan.from}
		if hi := minDate(to, a.EndsOn); !hi.Before(a.StartsOn.Time) {
			plan.partial = [][2]civil.Date{{a.StartsOn, hi}}
		}
	}
	err = database.ReadSnapshot(ctx, s.DB, func(tx pgx.Tx) error {
		var version int
		var stale bool
		if err := tx.QueryRow(ctx, `SELECT version, EXISTS (SELECT 1 FROM cost_totals_stale WHERE agreement_id = $1)
			FROM agreements WHERE id = $1`, a.ID).Scan(&version, &stale); err != nil {
			return database.NotFound(err, "agreement")
		}
		if version != a.Version || (stale && !live) {
			return errRetry // changed since it was read, or marked stale since the refresh
		}
		if err := readTotals(ctx, tx, acc, a.ID, plan); err != nil {
			return err
		}
		if len(plan.partial) == 0 {
			return nil
		}
		if _, err := tx.Exec(ctx, splitSettings); err != nil {
			return err
		}
		sp, err := newSplitter(ctx, tx, a)
		if err != nil {
			return err
		}
		for _, rg := range plan.partial {
			sums, err := sp.run(ctx, tx, rg[0], rg[1], &plan.from)
			if err != nil {
				return err
			}
			if err := acc.addSplit(sums); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return SplitResponse{}, err
	}
	return s.splitResponse(ctx, a, acc, from, to, months)
}

func minDate(a, b civil.Date) civil.Date {
	if b.Before(a.Time) {
		return b
	}
	return a
}

// totalsQuery reads, in the caller's snapshot, the totals by category and
// unit of the months $2 with their deltas (in range), and the month sums of
// the months $3 with their deltas (used only).
const totalsQuery = `SELECT month, category, unit_id, entries, amount_cents, parts, true
FROM cost_totals WHERE agreement_id = $1 AND month = ANY ($2::date[])
UNION ALL
SELECT month, category, unit_id, entries::bigint, amount_cents, parts, true
FROM cost_total_deltas WHERE agreement_id = $1 AND month = ANY ($2::date[])
UNION ALL
SELECT month, 'other', NULL, entries, amount_cents, parts, false
FROM cost_month_totals WHERE agreement_id = $1 AND month = ANY ($3::date[])
UNION ALL
SELECT month, 'other', NULL, entries::bigint, amount_cents, parts, false
FROM cost_total_deltas WHERE agreement_id = $1 AND month = ANY ($3::date[])`

// readTotals feeds the materialised rows of a plan's whole months to the
// accumulator (binary protocol; the parts are scanned into a buffer and the
// category by reference, so rows are read without allocating).
func readTotals(ctx context.Context, tx pgx.Tx, acc *splitAcc, agreementID uuid.UUID, plan splitPlan) error {
	if len(plan.fullMonths)+len(plan.usedMonths) == 0 {
		return nil
	}
	rows, err := tx.Query(ctx, totalsQuery, agreementID, plan.fullMonths, plan.usedMonths)
	if err != nil {
		return err
	}
	defer rows.Close()
	var (
		month    time.Time
		category pgtype.DriverBytes
		unit     pgtype.UUID
		entries  int64
		amount   int64
		inRange  bool
		parts    = make(partsBuffer, acc.n)
	)
	for rows.Next() {
		if err := rows.Scan(&month, &category, &unit, &entries, &amount, &parts, &inRange); err != nil {
			return fmt.Errorf("split: %w", err)
		}
		var u []byte
		if unit.Valid {
			u = unit.Bytes[:]
		}
		if err := acc.add(acc.monthIndex(month), categoryIndex(category), u, entries, amount, parts, inRange); err != nil {
			return err
		}
	}
	return rows.Err()
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
		if acc.unitCount[k] != 0 {
			unitIDs = append(unitIDs, uuid.UUID(k))
		}
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
