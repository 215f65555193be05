// Package paging is how every list is paged: the window a request asks for
// (limit, offset, updated_since), the list query (the total of the matching
// rows plus one ordered page of them) and the list response. Stores and
// handlers both use it; it knows neither HTTP routing nor any domain.
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
}

// The list limits of DESIGN.md.
const (
	DefaultLimit = 50
	MaxLimit     = 200
	// maxOffset keeps offsets in a range PostgreSQL plans sensibly.
	maxOffset = 10_000_000
)

// Parse reads a list request's ?limit=, ?offset= and ?updated_since= (a 400
// naming the parameter when one is malformed or out of range).
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

// Window applies limit and offset.
func (p Page) Window(db *gorm.DB) *gorm.DB {
	return db.Limit(p.Limit).Offset(p.Offset)
}

// Find runs a list query: the total of rows matching q, and the page of
// them in order (which must end in a unique column, so pages are stable).
func Find[T any](q *gorm.DB, p Page, order string) ([]T, int64, error) {
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, err
	}
	var rows []T
	err := p.Window(q).Order(order).Find(&rows).Error
	return rows, total, err
}

// List is every list response: a page of items and the total matching.
type List[T any] struct {
	Items []T   `json:"items"`
	Total int64 `json:"total"`
}

// NewList builds a list response, never with a null items array.
func NewList[T any](items []T, total int64) List[T] {
	if items == nil {
		items = []T{}
	}
	return List[T]{Items: items, Total: total}
}

// ListOf converts a page of rows with conv into a list response.
func ListOf[T, R any](rows []T, total int64, conv func(T) R) List[R] {
	items := make([]R, len(rows))
	for i, r := range rows {
		items[i] = conv(r)
	}
	return List[R]{Items: items, Total: total}
}

// ListDoc documents List in the OpenAPI spec, because swag v1 cannot read
// generic types: annotations say paging.ListDoc{items=[]pkg.Item}.
type ListDoc struct {
	Items []any `json:"items"`
	Total int64 `json:"total"`
}
