package httpapi

import (
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"
	"gorm.io/gorm"

	"kulttuurisilta/api/internal/apperr"
	"kulttuurisilta/api/internal/civil"
)

// PathUUID parses a UUID path parameter. A malformed id is a 404 rather than
// a 400: no resource can live at that address.
func PathUUID(c echo.Context, name string) (uuid.UUID, error) {
	id, err := uuid.Parse(c.Param(name))
	if err != nil {
		return uuid.Nil, apperr.NotFound(strings.TrimSuffix(name, "_id"))
	}
	return id, nil
}

// QueryUUID parses an optional UUID query parameter.
func QueryUUID(c echo.Context, name string) (*uuid.UUID, error) {
	s := c.QueryParam(name)
	if s == "" {
		return nil, nil
	}
	id, err := uuid.Parse(s)
	if err != nil {
		return nil, apperr.BadParamCode(name, apperr.CodeInvalidFormat, "must be a UUID")
	}
	return &id, nil
}

// QueryDate parses an optional YYYY-MM-DD query parameter.
func QueryDate(c echo.Context, name string) (*civil.Date, error) {
	s := c.QueryParam(name)
	if s == "" {
		return nil, nil
	}
	d, err := civil.ParseDate(s)
	if err != nil {
		return nil, apperr.BadParamCode(name, apperr.CodeInvalidFormat, "must be a date YYYY-MM-DD")
	}
	return &d, nil
}

// QueryTime parses an optional RFC 3339 timestamp (or a YYYY-MM-DD date,
// taken as midnight in loc).
func QueryTime(c echo.Context, name string, loc *time.Location) (*time.Time, error) {
	s := c.QueryParam(name)
	if s == "" {
		return nil, nil
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return &t, nil
	}
	if t, err := time.ParseInLocation(time.DateOnly, s, loc); err == nil {
		return &t, nil
	}
	return nil, apperr.BadParamCode(name, apperr.CodeInvalidFormat, "must be an RFC 3339 time or a date YYYY-MM-DD")
}

// QueryEnum parses an optional parameter that must be one of allowed.
func QueryEnum(c echo.Context, name string, allowed ...string) (string, error) {
	s := c.QueryParam(name)
	if s == "" {
		return "", nil
	}
	for _, a := range allowed {
		if s == a {
			return s, nil
		}
	}
	return "", apperr.BadParamCode(name, apperr.CodeInvalidChoice, "must be one of "+strings.Join(allowed, ", "))
}

// QueryBool parses an optional boolean parameter.
func QueryBool(c echo.Context, name string) (*bool, error) {
	s := c.QueryParam(name)
	if s == "" {
		return nil, nil
	}
	b, err := strconv.ParseBool(s)
	if err != nil {
		return nil, apperr.BadParamCode(name, apperr.CodeInvalidChoice, "must be true or false")
	}
	return &b, nil
}

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
)

// numberCode is the field error code of a bad integer parameter: not a
// number at all, or a number out of range.
func numberCode(parseErr error) string {
	if parseErr != nil {
		return apperr.CodeInvalidFormat
	}
	return apperr.CodeOutOfRange
}

// ParsePage reads ?limit=, ?offset= and ?updated_since=.
func ParsePage(c echo.Context) (Page, error) {
	p := Page{Limit: DefaultLimit}
	if s := c.QueryParam("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > MaxLimit {
			return p, apperr.BadParamCode("limit", numberCode(err), "must be an integer from 1 to 200")
		}
		p.Limit = n
	}
	if s := c.QueryParam("offset"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 || n > 10_000_000 {
			return p, apperr.BadParamCode("offset", numberCode(err), "must be a non-negative integer")
		}
		p.Offset = n
	}
	if s := c.QueryParam("updated_since"); s != "" {
		t, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			return p, apperr.BadParamCode("updated_since", apperr.CodeInvalidFormat, "must be an RFC 3339 time")
		}
		p.UpdatedSince = &t
	}
	return p, nil
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

// ListDoc documents List in the OpenAPI spec, because swag v1 cannot read
// generic types: annotations say httpapi.ListDoc{items=[]pkg.Item}.
type ListDoc struct {
	Items []any `json:"items"`
	Total int64 `json:"total"`
}

// ListOf converts a page of rows with conv into a list response.
func ListOf[T, R any](rows []T, total int64, conv func(T) R) List[R] {
	items := make([]R, len(rows))
	for i, r := range rows {
		items[i] = conv(r)
	}
	return List[R]{Items: items, Total: total}
}

// FindPage runs a list query: the total of rows matching q, and the page of
// them in order (which must end in a unique column, so pages are stable).
func FindPage[T any](q *gorm.DB, p Page, order string) ([]T, int64, error) {
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, err
	}
	var rows []T
	err := p.Window(q).Order(order).Find(&rows).Error
	return rows, total, err
}
