package budget

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"kulttuurisilta/api/internal/civil"
	"kulttuurisilta/api/internal/costsplit"
)

// The set-based split (ADR 0130, ADR 0190): one SQL pass over an
// agreement's entries splits every entry by the rule and adds the parts up
// by month, category and unit. It is what a rebuild of the totals, the
// first report after a bulk load and the edges of a report that does not
// start or end on a month boundary run.
//
// The rule itself stays in package costsplit. The SQL only uses an
// identity of it: with q = a / 10000 and x = a % 10000 (both truncated
// towards zero, as in Go and PostgreSQL), every department's part of an
// amount a is
//
//	part_i(a) = share_i * q + costsplit.Split(x)_i
//
// because floor(|a| * s / 10000) = |q| * s + floor(|x| * s / 10000), the
// remainders |a| * s mod 10000 equal |x| * s mod 10000, and so the cents
// left over, and the departments they go to, are the same: all the
// rounding of the rule happens in the residue x. Multiplied by 10000 and
// with 10000 * q = a - x, that is
//
//	10000 * part_i(a) = share_i * a - t_i(x),  t_i(x) = share_i * x - 10000 * costsplit.Split(x)_i
//
// so a group of entries with one share vector has the parts
// (share_i * sum(a) - sum(t_i(x))) / 10000, a division that is exact. The
// SQL therefore adds up per entry only the amount and t_i(x), read from a
// lookup table of t_i for every x in -9999..9999, built in Go with costsplit.Split for each share vector the agreement uses
// (its default, its category rules, its entries' distinct overrides); Go
// does the division per group. The last department gets the amount minus
// the others' parts, which is exactly its part because the parts of every
// entry add up to its amount. TestSetBasedSplitMatchesCostsplit holds the
// whole to costsplit.Split on random agreements.
//
// What the pass costs beside a bare SUM over the same rows is the grouping
// and the few operations per row, so they are kept to a minimum (ADR 0190):
// the group key is the month (an array subscript by day), the category's
// first letter (ascii(), a hashed int instead of a collated text; the
// categories' first letters differ, else array_position is used) and the
// unit; the category's vector is picked by a CASE on that same key column,
// which PostgreSQL computes once; the sums are of smallints and one bigint;
// nothing stops the parallel plan the SUM gets.

// residues is the length of one lookup table: x = -9999..9999.
const residues = 2*costsplit.Total - 1

// maxLookup bounds the elements of all lookup tables of one split (2 bytes
// each), so a query never carries more than 4 MB of tables: about 100 share
// vectors for two departments. Share vectors beyond it (many distinct
// overrides) are split in Go, entry by entry.
const maxLookup = 1 << 21

// splitKey is one group of the split: a month (index from the agreement's
// first month), category, unit (uuid.Nil: none) and, when the split was
// asked to tell them apart, whether the entries are before a given day.
type splitKey struct {
	month  int
	cat    int
	unit   uuid.UUID
	before bool
}

// splitSum is a group's entries, amount and parts (one per department).
type splitSum struct {
	entries int64
	amount  int64
	parts   []int64
}

// splitter splits the entries of one agreement set-based.
type splitter struct {
	a       Agreement
	n       int
	first   civil.Date // the agreement's first month: month index 0
	vectors [][]int    // the share vectors with a lookup table: default, category rules, overrides
	catVec  [6]int     // the vector of each category (Categories order)
	// overrides are the distinct overrides (PostgreSQL's text form) with a
	// lookup table; vector len(vectors)-len(overrides)+i.
	overrides []string
	// inGo tells which entries the SQL cannot split: none, those with an
	// override, or all (an agreement whose own vectors exceed maxLookup).
	inGo    goRows
	shares  []int   // shares[v*(n-1)+i]
	lookup  []int16 // lookup[(v*(n-1)+i)*residues + x + 9999] = t_i(x) for vectors[v] (see above)
	dayMon  []int   // the month index of each day of the agreement
	catByID map[string]int
}

type goRows int

const (
	goNone goRows = iota
	goOverrides
	goAll
)

// querier is what the split reads through: a pgx connection or transaction.
type querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
}

// distinctOverrides reads an agreement's distinct share overrides, up to
// limit, by a loose scan of costs_override_idx (one index probe each).
const distinctOverrides = `WITH RECURSIVE o AS (
    (SELECT share_override AS v FROM costs WHERE agreement_id = $1 AND share_override IS NOT NULL ORDER BY share_override LIMIT 1)
    UNION ALL
    SELECT (SELECT share_override FROM costs WHERE agreement_id = $1 AND share_override > o.v ORDER BY share_override LIMIT 1)
    FROM o WHERE o.v IS NOT NULL
)
SELECT v::text FROM o WHERE v IS NOT NULL LIMIT $2`

// newSplitter prepares the split of agreement a: its share vectors, their
// lookup tables (from costsplit) and the month of each day.
func newSplitter(ctx context.Context, q querier, a Agreement) (*splitter, error) {
	return newSplitterUpTo(ctx, q, a, maxLookup)
}

// newSplitterUpTo is newSplitter with lookup tables of at most limit
// elements in all.
func newSplitterUpTo(ctx context.Context, q querier, a Agreement, limit int) (*splitter, error) {
	n := len(a.Departments)
	if n == 0 {
		return nil, fmt.Errorf("split: agreement %s has no departments", a.ID)
	}
	s := &splitter{a: a, n: n, first: monthOf(a.StartsOn), catByID: map[string]int{}}
	add := func(v []int) int {
		for i, w := range s.vectors {
			if slices.Equal(w, v) {
				return i
			}
		}
		s.vectors = append(s.vectors, v)
		return len(s.vectors) - 1
	}
	add(a.defaultShares())
	for i, c := range Categories {
		shares, _ := a.sharesFor(c, nil)
		s.catVec[i] = add(shares)
		s.catByID[c] = i
	}
	per := (n - 1) * residues
	budget := math.MaxInt // one department: its part is the amount, no table needed
	if per > 0 {
		budget = limit / per
	}
	if len(s.vectors) > budget {
		s.inGo = goAll
		s.vectors = nil
	} else {
		rows, err := q.Query(ctx, distinctOverrides, a.ID, budget-len(s.vectors)+1)
		if err != nil {
			return nil, fmt.Errorf("split: overrides: %w", err)
		}
		var texts []string
		for rows.Next() {
			var t string
			if err := rows.Scan(&t); err != nil {
				rows.Close()
				return nil, fmt.Errorf("split: overrides: %w", err)
			}
			texts = append(texts, t)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("split: overrides: %w", err)
		}
		if len(s.vectors)+len(texts) > budget {
			s.inGo = goOverrides
		} else {
			for _, t := range texts {
				v, err := parseShares(t, n)
				if err != nil {
					return nil, err
				}
				s.vectors = append(s.vectors, v) // may repeat a base vector: its own table
				s.overrides = append(s.overrides, t)
			}
		}
	}
	if err := s.buildLookup(); err != nil {
		return nil, err
	}
	for d := a.StartsOn.Time; !d.After(a.EndsOn.Time); d = d.AddDate(0, 0, 1) {
		s.dayMon = append(s.dayMon, (d.Year()-s.first.Year())*12+int(d.Month())-int(s.first.Month()))
	}
	return s, nil
}

// buildLookup fills the share and lookup tables of every vector (see
// lookupTable).
func (s *splitter) buildLookup() error {
	m := s.n - 1
	s.shares = make([]int, len(s.vectors)*m)
	s.lookup = make([]int16, len(s.vectors)*m*residues)
	for v, shares := range s.vectors {
		for i := range m {
			s.shares[v*m+i] = shares[i]
		}
		t, err := lookupTable(shares)
		if err != nil {
			return err
		}
		copy(s.lookup[v*m*residues:], t)
	}
	return nil
}

// lookupTable is the table of t_i(x) = share_i * x - 10000 * Split(x)_i
// for every department i but the last and every x in -9999..9999
// (t[i*residues + x + 9999]), computed with costsplit.Split, the one
// definition of the rule. Tables are kept for the next split with the same
// vector (a report of an agreement uses the same few vectors each time):
// the last ones made, up to maxLookup elements in all.
func lookupTable(shares []int) ([]int16, error) {
	key := fmt.Sprint(shares)
	tables.Lock()
	t, ok := tables.byKey[key]
	tables.Unlock()
	if ok {
		return t, nil
	}
	m := len(shares) - 1
	if m == 0 {
		return nil, nil // one department: its part is the amount
	}
	t = make([]int16, m*residues)
	parts := make([]int64, len(shares))
	for x := -(costsplit.Total - 1); x < costsplit.Total; x++ {
		if err := costsplit.SplitInto(parts, int64(x), shares); err != nil {
			return nil, fmt.Errorf("split: lookup table: %w", err)
		}
		for i := range m {
			v := shares[i]*x - costsplit.Total*int(parts[i])
			if v < math.MinInt16 || v > math.MaxInt16 {
				return nil, fmt.Errorf("split: lookup table: t(%d) = %d for %v", x, v, shares)
			}
			t[i*residues+x+costsplit.Total-1] = int16(v)
		}
	}
	tables.Lock()
	defer tables.Unlock()
	if _, ok := tables.byKey[key]; !ok {
		tables.byKey[key] = t
		tables.order = append(tables.order, key)
		tables.size += len(t)
		for tables.size > maxLookup && len(tables.order) > 1 {
			tables.size -= len(tables.byKey[tables.order[0]])
			delete(tables.byKey, tables.order[0])
			tables.order = tables.order[1:]
		}
	}
	return t, nil
}

// tables are the lookup tables kept by lookupTable (never changed once
// made), in the order they were made.
var tables = struct {
	sync.Mutex
	byKey map[string][]int16
	order []string
	size  int
}{byKey: map[string][]int16{}}

// parseShares reads PostgreSQL's text form of an integer[] of n shares.
func parseShares(t string, n int) ([]int, error) {
	f := strings.Split(strings.Trim(t, "{}"), ",")
	if len(f) != n {
		return nil, fmt.Errorf("split: override %s has %d shares for %d departments", t, len(f), n)
	}
	out := make([]int, n)
	for i, x := range f {
		v, err := strconv.Atoi(x)
		if err != nil {
			return nil, fmt.Errorf("split: override %s: %w", t, err)
		}
		out[i] = v
	}
	return out, nil
}

// args numbers a query's parameters as they are used.
type args struct{ list []any }

func (p *args) add(v any, cast string) string {
	p.list = append(p.list, v)
	return "($" + strconv.Itoa(len(p.list)) + "::" + cast + ")"
}

// run splits every entry of the agreement incurred in [lo, hi] and returns
// the sums by month, category and unit; with before set, also by whether
// the entry is from before that day. Everything is read through q, so one
// snapshot (a REPEATABLE READ transaction) gives a consistent split.
func (s *splitter) run(ctx context.Context, q querier, lo, hi civil.Date, before *civil.Date) (map[splitKey]*splitSum, error) {
	out := map[splitKey]*splitSum{}
	if hi.Before(lo.Time) {
		return out, nil
	}
	if s.inGo != goAll {
		if err := s.runSQL(ctx, q, lo, hi, before, false, out); err != nil {
			return nil, err
		}
		if len(s.overrides) > 0 {
			if err := s.runSQL(ctx, q, lo, hi, before, true, out); err != nil {
				return nil, err
			}
		}
	}
	if err := s.runGo(ctx, q, lo, hi, before, out); err != nil {
		return nil, err
	}
	return out, nil
}

func (s *splitter) sum(out map[splitKey]*splitSum, k splitKey) *splitSum {
	r := out[k]
	if r == nil {
		r = &splitSum{parts: make([]int64, s.n)}
		out[k] = r
	}
	return r
}

// catKey is the SQL of the category as a small int in the split's group
// key, and catCode maps it back (to the index in Categories). The first
// letters of the categories differ, so ascii(category) tells them apart:
// an int4 hashes and compares far cheaper than a collated text (ADR 0190).
// Should a category ever share its first letter with another, the key is
// the category's position in Categories instead (array_position, slower).
var catKey, catCode = func() (string, map[int32]int) {
	code := map[int32]int{}
	for i, c := range Categories {
		code[int32(c[0])] = i
	}
	if len(code) == len(Categories) {
		return "ascii(c.category)", code
	}
	code = map[int32]int{}
	quoted := make([]string, len(Categories))
	for i, c := range Categories {
		code[int32(i+1)] = i
		quoted[i] = "'" + c + "'" // fixed category names
	}
	return "array_position(ARRAY[" + strings.Join(quoted, ",") + "], c.category)", code
}()

// runSQL splits set-based the entries without an override (the vector is
// their category's), or those with one (overrides: joined to the list of
// distinct overrides, each one an index range of costs_override_idx, and
// grouped by its position in that list too).
//
// Per group it reads count(*), sum(a) and, per department but the last,
// sum(t_i(x)) from the lookup table; the parts follow in Go (see above).
// Each query carries only the lookup tables of the vectors it uses.
func (s *splitter) runSQL(ctx context.Context, q querier, lo, hi civil.Date, before *civil.Date, overrides bool,
	out map[splitKey]*splitSum) error {
	var p args
	m := s.n - 1
	firstOverride := len(s.vectors) - len(s.overrides)
	agreement := p.add(s.a.ID, "uuid")
	// dayMon[1] is the agreement's first day: the day number is incurred_on
	// minus the day before it.
	sel := fmt.Sprintf("SELECT %s[c.incurred_on - %s], %s, c.unit_id",
		p.add(s.dayMon, "int[]"), p.add(s.a.StartsOn.AddDate(0, 0, -1), "date"), catKey)
	group := "1, 2, 3"
	// Whether an entry is before the given day is a group key only when the
	// range has entries on both sides of it.
	var allBefore, splitBefore bool
	if before != nil {
		allBefore = before.After(hi.Time)
		splitBefore = before.After(lo.Time) && !allBefore
	}
	if splitBefore {
		sel += ", c.incurred_on < " + p.add(before.Time, "date")
		group += ", 4"
	} else {
		sel += ", false"
	}
	if overrides {
		sel += ", o.v"
		group += ", 5"
	} else {
		sel += ", 0"
	}
	sel += ", count(*), sum(c.amount_cents)::bigint"
	if m > 0 {
		// offset(i) is the SQL of the 1-based index of t_i(0) of the
		// entry's vector for department i in the query's table, to which
		// x is added.
		var offset func(i int) string
		var table []int16
		if overrides {
			table = s.lookup[firstOverride*m*residues:]
			offset = func(i int) string { return fmt.Sprintf("o.off + %d", i*residues+costsplit.Total) }
		} else {
			table = s.lookup[:firstOverride*m*residues]
			v0 := s.catVec[len(Categories)-1]
			offset = func(i int) string {
				var b strings.Builder
				for ci, v := range s.catVec {
					if v != v0 {
						fmt.Fprintf(&b, " WHEN %d THEN %d", catCodeOf(ci), (v*m+i)*residues+costsplit.Total) // integers only
					}
				}
				if b.Len() == 0 {
					return strconv.Itoa((v0*m+i)*residues + costsplit.Total)
				}
				return fmt.Sprintf("CASE %s%s ELSE %d END", catKey, b.String(), (v0*m+i)*residues+costsplit.Total)
			}
		}
		// A scalar subquery (an InitPlan, evaluated once and handed to the
		// parallel workers as a parameter): a constant of this size would be
		// written into the plan each worker reads.
		lookup := "(SELECT " + p.add(table, "int2[]") + ")"
		for i := range m {
			sel += fmt.Sprintf(", sum(%s[(c.amount_cents %% 10000)::int + %s])", lookup, offset(i))
		}
	}
	if overrides {
		offs := make([]int, len(s.overrides))
		idx := make([]int, len(s.overrides))
		for i := range offs {
			idx[i], offs[i] = i, i*m*residues
		}
		sel += fmt.Sprintf(" FROM unnest(%s, %s, %s) AS o(t, v, off) JOIN costs c ON c.agreement_id = %s AND c.share_override = o.t::int[]",
			p.add(s.overrides, "text[]"), p.add(idx, "int[]"), p.add(offs, "int[]"), agreement)
	} else {
		sel += " FROM costs c WHERE c.agreement_id = " + agreement
		if s.inGo == goOverrides || len(s.overrides) > 0 {
			sel += " AND c.share_override IS NULL"
		}
	}
	sel += fmt.Sprintf(" AND c.incurred_on BETWEEN %s AND %s", p.add(lo.Time, "date"), p.add(hi.Time, "date"))
	rows, err := q.Query(ctx, sel+" GROUP BY "+group, p.list...)
	if err != nil {
		return fmt.Errorf("split: %w", err)
	}
	defer rows.Close()
	var (
		month   int32
		cat     int32
		unit    pgtype.UUID
		bef     bool
		ov      int32
		entries int64
		amount  int64
		sums    = make([]int64, m)
	)
	dest := []any{&month, &cat, &unit, &bef, &ov, &entries, &amount}
	for i := range m {
		dest = append(dest, &sums[i])
	}
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return fmt.Errorf("split: %w", err)
		}
		ci, ok := catCode[cat]
		if !ok {
			return fmt.Errorf("split: an unknown category code %d", cat)
		}
		k := splitKey{month: int(month), cat: ci, before: bef || allBefore}
		if unit.Valid {
			k.unit = uuid.UUID(unit.Bytes)
		}
		v := s.catVec[k.cat]
		if overrides {
			if ov < 0 || int(ov) >= len(s.overrides) {
				return fmt.Errorf("split: an override %d without a lookup table", ov)
			}
			v = firstOverride + int(ov)
		}
		r := s.sum(out, k)
		r.entries += entries
		r.amount += amount
		// (share_i * amount - sum t_i) / 10000 without overflow: amount =
		// 10000 * hi + lo, |lo| < 10000.
		hi, lo := amount/costsplit.Total, amount%costsplit.Total
		last := amount
		for i := range m {
			share := int64(s.shares[v*m+i])
			rest := share*lo - sums[i]
			if rest%costsplit.Total != 0 {
				return fmt.Errorf("split: a group's parts are not whole cents (%d)", rest)
			}
			part := share*hi + rest/costsplit.Total
			r.parts[i] += part
			last -= part
		}
		r.parts[m] += last
	}
	return rows.Err()
}

// catCodeOf is the group key's code of Categories[i] (see catKey).
func catCodeOf(i int) int32 {
	for code, ci := range catCode {
		if ci == i {
			return code
		}
	}
	panic("split: a category without a code")
}

// runGo splits, entry by entry with costsplit, the entries the SQL left
// out (see maxLookup).
func (s *splitter) runGo(ctx context.Context, q querier, lo, hi civil.Date, before *civil.Date, out map[splitKey]*splitSum) error {
	if s.inGo == goNone {
		return nil
	}
	sql := `SELECT incurred_on, category, unit_id, amount_cents, share_override FROM costs
		WHERE agreement_id = $1 AND incurred_on BETWEEN $2 AND $3`
	if s.inGo == goOverrides {
		sql += " AND share_override IS NOT NULL"
	}
	rows, err := q.Query(ctx, sql, s.a.ID, lo.Time, hi.Time)
	if err != nil {
		return fmt.Errorf("split: %w", err)
	}
	defer rows.Close()
	var (
		day      time.Time
		cat      string
		unit     pgtype.UUID
		amount   int64
		override []int32
		ov       = make([]int, s.n)
		parts    = make([]int64, s.n)
	)
	catShares := make([][]int, len(Categories))
	for i, c := range Categories {
		catShares[i], _ = s.a.sharesFor(c, nil)
	}
	for rows.Next() {
		override = override[:0]
		if err := rows.Scan(&day, &cat, &unit, &amount, &override); err != nil {
			return fmt.Errorf("split: %w", err)
		}
		ci := s.catByID[cat]
		shares := catShares[ci]
		if len(override) > 0 {
			if len(override) != s.n {
				return fmt.Errorf("split: an entry has %d shares for %d departments", len(override), s.n)
			}
			for i, x := range override {
				ov[i] = int(x)
			}
			shares = ov
		}
		if err := costsplit.SplitInto(parts, amount, shares); err != nil {
			return fmt.Errorf("split: %w", err)
		}
		d := civil.Date{Time: day}
		k := splitKey{month: (d.Year()-s.first.Year())*12 + int(d.Month()) - int(s.first.Month()), cat: ci}
		if before != nil {
			k.before = d.Before(before.Time)
		}
		if unit.Valid {
			k.unit = uuid.UUID(unit.Bytes)
		}
		r := s.sum(out, k)
		r.entries++
		r.amount += amount
		for i, x := range parts {
			r.parts[i] += x
		}
	}
	return rows.Err()
}

// monthDate is the first day of month index m of the split.
func (s *splitter) monthDate(m int) civil.Date {
	return civil.Date{Time: s.first.AddDate(0, m, 0)}
}
