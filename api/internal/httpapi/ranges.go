package httpapi

import (
	"fmt"
	"time"

	"github.com/labstack/echo/v4"

	"kulttuurisilta/api/internal/apperr"
	"kulttuurisilta/api/internal/civil"
)

// RangeRules say what a list or report accepts as ?from= and ?to=. Every
// endpoint with a from/to pair reads it through TimeRange or DateRange, so
// the pair is judged the same way everywhere: each value must parse (400
// naming it), and a from after to, or a range longer than MaxSpan, is a
// 400 naming both (code out_of_range).
type RangeRules struct {
	// Required: both ends must be given.
	Required bool
	// MaxSpan, when set, is the longest range; MaxSpanText says it in
	// words for the message ("one year (366 days)").
	MaxSpan     time.Duration
	MaxSpanText string
	// Earliest and Latest, when set (both), bound both ends.
	Earliest, Latest time.Time
}

// TimeRange reads ?from= and ?to= as instants (RFC 3339, or a date
// meaning midnight in loc). The range is half-open, [from, to), so to
// must be after from.
func TimeRange(c echo.Context, loc *time.Location, r RangeRules) (from, to *time.Time, err error) {
	if from, err = QueryTime(c, "from", loc); err != nil {
		return nil, nil, err
	}
	if to, err = QueryTime(c, "to", loc); err != nil {
		return nil, nil, err
	}
	if err := r.check(from, to, false); err != nil {
		return nil, nil, err
	}
	return from, to, nil
}

// DateRange reads ?from= and ?to= as days (YYYY-MM-DD), both inclusive,
// so to may equal from but not be before it.
func DateRange(c echo.Context, r RangeRules) (from, to *civil.Date, err error) {
	if from, err = QueryDate(c, "from"); err != nil {
		return nil, nil, err
	}
	if to, err = QueryDate(c, "to"); err != nil {
		return nil, nil, err
	}
	var f, t *time.Time
	if from != nil {
		f = &from.Time
	}
	if to != nil {
		t = &to.Time
	}
	if err := r.check(f, t, true); err != nil {
		return nil, nil, err
	}
	return from, to, nil
}

func (r RangeRules) check(from, to *time.Time, inclusive bool) error {
	switch {
	case r.Required && from == nil:
		return apperr.BadParamCode("from", apperr.CodeRequired, "is required")
	case r.Required && to == nil:
		return apperr.BadParamCode("to", apperr.CodeRequired, "is required")
	}
	for i, v := range []*time.Time{from, to} {
		name := [2]string{"from", "to"}[i]
		if v != nil && !r.Earliest.IsZero() && (v.Before(r.Earliest) || v.After(r.Latest)) {
			return apperr.BadParamCode(name, apperr.CodeOutOfRange,
				fmt.Sprintf("must be between %s and %s", r.Earliest.Format(time.DateOnly), r.Latest.Format(time.DateOnly)))
		}
	}
	if from == nil || to == nil {
		return nil
	}
	if inclusive && to.Before(*from) {
		return apperr.BadRange("from", "to", "must not be after to", "must not be before from")
	}
	if !inclusive && !to.After(*from) {
		return apperr.BadRange("from", "to", "must be before to", "must be after from")
	}
	if r.MaxSpan > 0 && to.Sub(*from) > r.MaxSpan {
		msg := "the range is at most " + r.MaxSpanText
		return apperr.BadRange("from", "to", msg, msg)
	}
	return nil
}
