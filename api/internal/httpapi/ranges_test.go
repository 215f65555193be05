package httpapi_test

import (
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	"github.com/labstack/echo/v4"

	"kulttuurisilta/api/internal/apperr"
	"kulttuurisilta/api/internal/httpapi"
)

func TestRanges(t *testing.T) {
	t.Parallel()
	e := echo.New()
	ctx := func(q string) echo.Context {
		return e.NewContext(httptest.NewRequest("GET", "/x?"+q, nil), httptest.NewRecorder())
	}
	strict := httpapi.RangeRules{Required: true, MaxSpan: 31 * 24 * time.Hour, MaxSpanText: "31 days",
		Earliest: time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC), Latest: time.Date(2199, 12, 31, 0, 0, 0, 0, time.UTC)}
	tests := []struct {
		name, q string
		rules   httpapi.RangeRules
		dates   bool
		fields  []string // nil = accepted
		code    string
	}{
		{"open", "", httpapi.RangeRules{}, true, nil, ""},
		{"from only", "from=2025-01-01", httpapi.RangeRules{}, true, nil, ""},
		{"one day", "from=2025-01-01&to=2025-01-01", httpapi.RangeRules{}, true, nil, ""},
		{"dates reversed", "from=2025-05-01&to=2025-01-01", httpapi.RangeRules{}, true, []string{"from", "to"}, apperr.CodeOutOfRange},
		{"bad date", "from=2025-13-01", httpapi.RangeRules{}, true, []string{"from"}, apperr.CodeInvalidFormat},
		{"times", "from=2025-01-01T10:00:00Z&to=2025-01-01T11:00:00Z", httpapi.RangeRules{}, false, nil, ""},
		{"times reversed", "from=2025-05-01&to=2025-01-01T00:00:00Z", httpapi.RangeRules{}, false, []string{"from", "to"}, apperr.CodeOutOfRange},
		{"empty time range", "from=2025-01-01&to=2025-01-01", httpapi.RangeRules{}, false, []string{"from", "to"}, apperr.CodeOutOfRange},
		{"required", "to=2025-01-01", strict, false, []string{"from"}, apperr.CodeRequired},
		{"required to", "from=2025-01-01", strict, false, []string{"to"}, apperr.CodeRequired},
		{"too long", "from=2025-01-01&to=2025-03-01", strict, false, []string{"from", "to"}, apperr.CodeOutOfRange},
		{"too early", "from=1900-01-01&to=1900-01-02", strict, false, []string{"from"}, apperr.CodeOutOfRange},
		{"too late", "from=2199-12-31&to=2200-01-02", strict, false, []string{"to"}, apperr.CodeOutOfRange},
		{"strict fine", "from=2025-01-01&to=2025-01-31", strict, false, nil, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var err error
			if tc.dates {
				_, _, err = httpapi.DateRange(ctx(tc.q), tc.rules)
			} else {
				_, _, err = httpapi.TimeRange(ctx(tc.q), time.UTC, tc.rules)
			}
			if tc.fields == nil {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			e, ok := apperr.As(err)
			if !ok || e.Kind != apperr.KindBadRequest {
				t.Fatalf("err %v, want a 400", err)
			}
			var got []string
			for _, f := range e.Fields {
				got = append(got, f.Field)
				if f.Code != tc.code {
					t.Errorf("%s: code %s, want %s", f.Field, f.Code, tc.code)
				}
			}
			if !slices.Equal(got, tc.fields) {
				t.Fatalf("fields %v, want %v", got, tc.fields)
			}
		})
	}
}
