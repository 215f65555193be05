// Package paging is how every list is paged: the window a request asks for
// (limit, a cursor or an offset, updated_since, whether to count the total),
// the list query (one ordered page of rows, the total of the matching rows
// when asked for, and the cursor of the next page) and the list response.
// Stores and handlers both use it; it knows neither HTTP routing nor any
// domain.
//
// A cursor is keyset pagination (ADR 0131): it carries the order key of the
// last row of a page, and the next page is the rows after that key in the
// list's order. It is opaque to clients, bound to the list's order and
// checked, and stays right when rows are inserted or deleted before it
// (an offset would skip or repeat rows then).
package paging

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
	"time"

	"gorm.io/gorm"

	"kulttuurisilta/api/internal/apperr"
)

// Page is a list request's window and sync filter.
type Page struct {
	Limit        int
	Offset       int
	UpdatedSince *time.Time
	// Cursor is the next_cursor of the page before (checked, not yet
	// decoded: its keys are read against the list's order in Find).
	Cursor *token
	// Total says whether to count the matching rows. By default the first
	// page (no cursor) counts and later pages do not (?total=true asks them
	// to, ?total=false leaves it out of the first page too).
	Total bool
	// Exact asks for an exact count however many rows match (?total=exact);
	// otherwise a count stops at ExactTotalUpTo and a larger total is the
	// planner's estimate (ADR 0170).
	Exact bool
}

// The list limits of DESIGN.md.
const (
	DefaultLimit = 50
	MaxLimit     = 200
	// maxOffset keeps offsets in a range PostgreSQL plans sensibly.
	maxOffset = 10_000_000
	// ExactTotalUpTo is how many matching rows a total counts exactly
	// (ADR 0170): a count of at most this many rows is an index range of
	// bounded cost; beyond it the total is the planner's estimate, flagged
	// total_is_estimate, unless the request asks ?total=exact.
	ExactTotalUpTo = 10_000
)

// Parse reads a list request's ?limit=, ?offset=, ?cursor=, ?total= and
// ?updated_since= (a 400 naming the parameter when one is malformed or out
// of range).
func Parse(q url.Values) (Page, error) { return ParseUpTo(q, MaxLimit) }

// ParseUpTo is Parse for a list that allows pages of up to maxLimit items
// (the calendar's).
func ParseUpTo(q url.Values, maxLimit int) (Page, error) {
	p := Page{Limit: DefaultLimit}
	if s := q.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > maxLimit {
			return p, apperr.BadParamCode("limit", numberCode(err), "must be an integer from 1 to "+strconv.Itoa(maxLimit))
		}
		p.Limit = n
	}
	if s := q.Get("offset"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 || n > maxOffset {
			return p, apperr.BadParamCode("offset", numberCode(err), "must be a non-negative integer")
		}
		p.Offset = n
	}
	if s := q.Get("updated_since"); s != "" {
		t, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			return p, apperr.BadParamCode("updated_since", apperr.CodeInvalidFormat, "must be an RFC 3339 time")
		}
		p.UpdatedSince = &t
	}
	if q.Has("cursor") {
		if q.Get("offset") != "" {
			return p, apperr.BadParamCode("cursor", apperr.CodeInvalid, "cannot be combined with offset")
		}
		t, err := parseToken(q.Get("cursor"))
		if err != nil {
			return p, err
		}
		p.Cursor = &t
	}
	p.Total = p.Cursor == nil
	if s := q.Get("total"); s == "exact" {
		p.Total, p.Exact = true, true
	} else if s != "" {
		b, err := strconv.ParseBool(s)
		if err != nil {
			return p, apperr.BadParamCode("total", apperr.CodeInvalidFormat, "must be true, false or exact")
		}
		p.Total = b
	}
	return p, nil
}

// numberCode is the field error code of a bad integer parameter: not a
// number at all, or a number out of range.
func numberCode(parseErr error) string {
	if parseErr != nil {
		return apperr.CodeInvalidFormat
	}
	return apperr.CodeOutOfRange
}

// Filter applies the updated_since filter to a query on table (which must
// have an updated_at column).
func (p Page) Filter(db *gorm.DB, table string) *gorm.DB {
	if p.UpdatedSince != nil {
		return db.Where(table+".updated_at > ?", p.UpdatedSince.UTC())
	}
	return db
}

// Found is what a list query found besides its rows: the total of the
// matching rows (when counted), whether that total is an estimate, and the
// cursor of the next page ("" when this page is the last).
type Found struct {
	Total   int64
	Counted bool
	// Estimated: more than ExactTotalUpTo rows match and Total is the
	// planner's estimate of how many (never below ExactTotalUpTo+1).
	Estimated bool
	Next      string
}

// Find runs a list query: one page of the rows matching q in order (a
// comma-separated ORDER BY that must end in a unique column, so pages are
// stable), the total when the page asks for it, and the next page's cursor.
// Each term of order is a column of T or an expression over columns of T
// (lower(name), left_on IS NOT NULL), ASC or DESC, optionally NULLS
// FIRST/LAST; the cursor carries the values of those columns.
func Find[T any](q *gorm.DB, p Page, order string) ([]T, Found, error) {
	return FindSelect[T](q, p, order, "")
}

// FindSelect is Find with the page's rows read as sel (a select list; ""
// is every column), where a list reads more than its table's columns for
// the rows of the page only (database.SelectInUse): the total counts q.
func FindSelect[T any](q *gorm.DB, p Page, order, sel string) ([]T, Found, error) {
	var f Found
	ks, err := keysetOf[T](q, order)
	if err != nil {
		return nil, f, err
	}
	// A session: the cursor's condition and the offset below go to copies, so countable stays the
	// matching rows (and the caller's q is left as it was).
	q = q.Session(&gorm.Session{})
	countable := q
	if p.Cursor != nil {
		where, args, err := ks.after(*p.Cursor)
		if err != nil {
			return nil, f, err
		}
		q = q.Where(where, args...)
	} else if p.Offset > 0 {
		q = q.Offset(p.Offset)
	}
	// A page that asks for its total counts it (capped) in its own statement, one round trip, when the
	// query selects its table's rows as they are (no joins, no select list of its own).
	counted := p.Total && !p.Exact && len(q.Statement.Joins) == 0 && len(q.Statement.Selects) == 0
	if counted {
		if err := q.Statement.Parse(q.Statement.Model); err != nil || q.Statement.Table == "" {
			counted = false
		}
	}
	var rows []T
	if counted {
		if sel == "" {
			sel = q.Statement.Quote(q.Statement.Table) + ".*"
		}
		var withTotal []struct {
			Row   T     `gorm:"embedded"`
			Total int64 `gorm:"column:paging_total;->"`
		}
		if err := q.Select(sel+", (SELECT count(*) FROM (?) AS capped) AS paging_total", capped(countable)).
			Limit(p.Limit + 1).Order(order).Find(&withTotal).Error; err != nil {
			return nil, f, err
		}
		rows = make([]T, len(withTotal))
		for i := range withTotal {
			rows[i] = withTotal[i].Row
		}
		if len(withTotal) > 0 {
			if f, err = found[T](countable, withTotal[0].Total); err != nil {
				return nil, f, err
			}
		}
	} else {
		if sel != "" {
			q = q.Select(sel)
		}
		if err := q.Limit(p.Limit + 1).Order(order).Find(&rows).Error; err != nil {
			return nil, f, err
		}
	}
	switch {
	case !p.Total:
	case counted && len(rows) > 0:
		// Counted with the page (an empty page carries no count: counted below).
	case p.Cursor == nil && p.Offset == 0 && len(rows) <= p.Limit:
		// The whole list is this one page: its length is the total, exact, with no count.
		f = Found{Total: int64(len(rows)), Counted: true}
	default:
		if f, err = total[T](countable, p); err != nil {
			return nil, f, err
		}
	}
	if len(rows) > p.Limit {
		rows = rows[:p.Limit]
		if f.Next, err = ks.cursorOf(&rows[len(rows)-1]); err != nil {
			return nil, f, err
		}
	}
	return rows, f, nil
}

// total counts the rows matching q (ADR 0170): exactly when p asks for an
// exact total or when at most ExactTotalUpTo rows match (a count over a
// LIMIT, so its cost is bounded whatever the table's size); otherwise the
// planner's estimate of the rows matching, flagged as such.
func total[T any](q *gorm.DB, p Page) (Found, error) {
	f := Found{Counted: true}
	if p.Exact {
		return f, q.Session(&gorm.Session{}).Count(&f.Total).Error
	}
	var n int64
	if err := q.Session(&gorm.Session{NewDB: true}).Table("(?) AS capped", capped(q)).Count(&n).Error; err != nil {
		return f, err
	}
	return found[T](q, n)
}

// capped is q's matching rows up to one past ExactTotalUpTo: what a capped total counts.
func capped(q *gorm.DB) *gorm.DB {
	return q.Session(&gorm.Session{}).Select("1").Limit(ExactTotalUpTo + 1)
}

// found is the total of a capped count n of q's rows: n when at most ExactTotalUpTo, else the planner's
// estimate, flagged as such.
func found[T any](q *gorm.DB, n int64) (Found, error) {
	f := Found{Total: n, Counted: true}
	if n <= ExactTotalUpTo {
		return f, nil
	}
	est, err := estimate[T](q)
	if err != nil {
		return f, err
	}
	f.Total, f.Estimated = max(est, ExactTotalUpTo+1), true
	return f, nil
}

// estimate is the planner's estimate of the rows q matches: the top plan
// node's rows in EXPLAIN of the query itself (table statistics, the same
// figure PostgreSQL plans by; no row is read).
func estimate[T any](q *gorm.DB) (int64, error) {
	st := q.Session(&gorm.Session{DryRun: true}).Find(new([]T)).Statement
	var plan string
	if err := st.ConnPool.QueryRowContext(st.Context, "EXPLAIN (FORMAT JSON) "+st.SQL.String(), st.Vars...).Scan(&plan); err != nil {
		return 0, err
	}
	var out []struct {
		Plan struct {
			Rows float64 `json:"Plan Rows"`
		}
	}
	if err := json.Unmarshal([]byte(plan), &out); err != nil || len(out) == 0 {
		return 0, fmt.Errorf("paging: reading the estimate from %q: %w", plan, err)
	}
	return int64(out[0].Plan.Rows), nil
}

// Slice pages a list already computed in memory, in its order (a few
// dozen rows at most: an agreement's periods). Its cursor is a position,
// which is as stable as the list it pages.
func Slice[T any](all []T, p Page) ([]T, Found, error) {
	start, err := p.Start()
	if err != nil {
		return nil, Found{}, err
	}
	start = min(start, len(all))
	end := min(start+p.Limit, len(all))
	return all[start:end], At(p, start, end-start, len(all)), nil
}

// Start is where a list computed in order (not by a query: the calendar's
// expansion, Slice) starts: the offset, or the position a cursor names.
func (p Page) Start() (int, error) {
	if p.Cursor != nil {
		return p.Cursor.position()
	}
	return p.Offset, nil
}

// At is the found of a page of n items from start of a computed list of
// total items: its next cursor is the position after it.
func At(p Page, start, n, total int) Found {
	f := Found{Total: int64(total), Counted: p.Total}
	if start+n < total {
		f.Next = positionToken(start + n)
	}
	return f
}

// List is every list response: a page of items, the total matching (unless
// the request left it out) and the cursor of the next page.
type List[T any] struct {
	Items           []T     `json:"items"`
	Total           *int64  `json:"total,omitempty"`
	TotalIsEstimate *bool   `json:"total_is_estimate,omitempty"`
	NextCursor      *string `json:"next_cursor"`
}

// NewList builds a list response, never with a null items array.
func NewList[T any](items []T, f Found) List[T] {
	if items == nil {
		items = []T{}
	}
	return List[T]{Items: items, Total: f.TotalPtr(), TotalIsEstimate: f.EstimatePtr(), NextCursor: f.NextPtr()}
}

// ListOf converts a page of rows with conv into a list response.
func ListOf[T, R any](rows []T, f Found, conv func(T) R) List[R] {
	items := make([]R, len(rows))
	for i, r := range rows {
		items[i] = conv(r)
	}
	return List[R]{Items: items, Total: f.TotalPtr(), TotalIsEstimate: f.EstimatePtr(), NextCursor: f.NextPtr()}
}

// All is a found for a list that is answered whole (never more than one
// page): its total is its length and there is no next page.
func All(n int) Found { return Found{Total: int64(n), Counted: true} }

// TotalPtr is the total for a response field (nil when not counted).
func (f Found) TotalPtr() *int64 {
	if !f.Counted {
		return nil
	}
	t := f.Total
	return &t
}

// EstimatePtr is total_is_estimate for a response field: present whenever
// the total is, true when the total is the planner's estimate.
func (f Found) EstimatePtr() *bool {
	if !f.Counted {
		return nil
	}
	e := f.Estimated
	return &e
}

// NextPtr is the next page's cursor for a response field (nil on the
// last page).
func (f Found) NextPtr() *string {
	if f.Next == "" {
		return nil
	}
	s := f.Next
	return &s
}

// ListDoc documents List in the OpenAPI spec, because swag v1 cannot read
// generic types: annotations say paging.ListDoc{items=[]pkg.Item}.
type ListDoc struct {
	Items []any `json:"items"`
	// The number of items matching, all pages together: on the first page
	// unless ?total=false, on later pages with ?total=true (or
	// ?total=exact). Exact up to 10,000; above that the database's estimate
	// unless ?total=exact, see total_is_estimate.
	Total int64 `json:"total" validate:"optional"`
	// Present with total: true when more than 10,000 items match and total
	// is the database's estimate of how many (at least 10,001); ask
	// ?total=exact for an exact count (slower over a large list).
	TotalIsEstimate bool `json:"total_is_estimate" validate:"optional"`
	// Pass as ?cursor= to get the next page; null on the last page.
	NextCursor *string `json:"next_cursor" extensions:"x-nullable"`
}
