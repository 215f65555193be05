package httpapi

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

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

// MaxSearch is the longest ?q= in characters.
const MaxSearch = 200

// QuerySearch reads ?q=, a text search of at most MaxSearch characters,
// trimmed; "" searches nothing. (Control characters and invalid UTF-8
// never get here: the URL check refuses them for every parameter.)
func QuerySearch(c echo.Context) (string, error) {
	q := c.QueryParam("q")
	if utf8.RuneCountInString(q) > MaxSearch {
		return "", apperr.BadParamCode("q", apperr.CodeTooLong, fmt.Sprintf("must be at most %d characters", MaxSearch))
	}
	return strings.TrimSpace(q), nil
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
