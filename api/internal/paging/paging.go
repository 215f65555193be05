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
}

// The list limits of DESIGN.md.
const (
	DefaultLimit = 50
	MaxLimit     = 200
	// maxOffset keeps offsets in a range PostgreSQL plans sensibly.
	maxOffset = 10_000_000
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
	if s := q.Get("total"); s != "" {
		b, err := strconv.ParseBool(s)
		if err != nil {
			return p, apperr.BadParamCode("total", apperr.CodeInvalidFormat, "must be true or false")
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
// matching rows (when counted) and the cursor of the next page ("" when
// this page is the last).
type Found struct {
	Total   int64
	Counted bool
	Next    string
}

// Find runs a list query: one page of the rows matching q in order (a
// comma-separated ORDER BY that must end in a unique column, so pages are
// stable), the total when the page asks for it, and the next page's cursor.
// Each term of order is a column of T or an expression over columns of T
// (lower(name), left_on IS NOT NULL), ASC or DESC, optionally NULLS
// FIRST/LAST; the cursor carries the values of those columns.
func Find[T any](q *gorm.DB, p Page, order string) ([]T, Found, error) {
	var f Found
	ks, err := keysetOf[T](q, order)
	if err != nil {
		return nil, f, err
	}
	if p.Total {
		if err := q.Count(&f.Total).Error; err != nil {
			return nil, f, err
		}
		f.Counted = true
	}
	if p.Cursor != nil {
		where, args, err := ks.after(*p.Cursor)
		if err != nil {
			return nil, f, err
		}
		q = q.Where(where, args...)
	} else if p.Offset > 0 {
		q = q.Offset(p.Offset)
	}
	var rows []T
	if err := q.Limit(p.Limit + 1).Order(order).Find(&rows).Error; err != nil {
		return nil, f, err
	}
	if len(rows) > p.Limit {
		rows = rows[:p.Limit]
		if f.Next, err = ks.cursorOf(&rows[len(rows)-1]); err != nil {
			return nil, f, err
		}
	}
	return rows, f, nil
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
	Items      []T     `json:"items"`
	Total      *int64  `json:"total,omitempty"`
	NextCursor *string `json:"next_cursor"`
}

// NewList builds a list response, never with a null items array.
func NewList[T any](items []T, f Found) List[T] {
	if items == nil {
		items = []T{}
	}
	return List[T]{Items: items, Total: f.TotalPtr(), NextCursor: f.NextPtr()}
}

// ListOf converts a page of rows with conv into a list response.
func ListOf[T, R any](rows []T, f Found, conv func(T) R) List[R] {
	items := make([]R, len(rows))
	for i, r := range rows {
		items[i] = conv(r)
	}
	return List[R]{Items: items, Total: f.TotalPtr(), NextCursor: f.NextPtr()}
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
	// unless ?total=false, on later pages with ?total=true.
	Total int64 `json:"total" validate:"optional"`
	// Pass as ?cursor= to get the next page; null on the last page.
	NextCursor *string `json:"next_cursor" extensions:"x-nullable"`
}
