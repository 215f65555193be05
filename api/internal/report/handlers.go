package report

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/apperr"
	"kulttuurisilta/api/internal/export"
	"kulttuurisilta/api/internal/httpapi"
	"kulttuurisilta/api/internal/l10n"
)

// parseRange reads the required ?from= and ?to= (RFC 3339, or dates meaning local midnight).
func (m Module) parseRange(c echo.Context) (time.Time, time.Time, error) {
	from, to, err := httpapi.TimeRange(c, m.Store.Zone, httpapi.RangeRules{Required: true,
		MaxSpan: MaxRange, MaxSpanText: "two years",
		Earliest: time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC), Latest: time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		return time.Time{}, time.Time{}, err
	}
	return *from, *to, nil
}

func (m Module) activityReport(c echo.Context) (ActivityReport, error) {
	if _, err := httpapi.Authorize(c, canRead); err != nil {
		return ActivityReport{}, err
	}
	from, to, err := m.parseRange(c)
	if err != nil {
		return ActivityReport{}, err
	}
	groupBy, err := httpapi.QueryEnum(c, "group_by", GroupBys...)
	if err != nil {
		return ActivityReport{}, err
	}
	if groupBy == "" {
		groupBy = "unit"
	}
	return m.Store.Activities(c.Request().Context(), from, to, groupBy)
}

// getActivityReport godoc
//
//	@Summary		Activity report
//	@Description	Occurrences (cancelled ones and proposals apart), participants by kind, mean feedback and the share of active units reached, in [from, to) grouped by unit, category, month (calendar zone), partner or target group. An occurrence with two units (partners, target groups) counts in both groups; totals count it once. Aggregates only, never personal data.
//	@Tags			reports
//	@Produce		json
//	@Security		BearerAuth
//	@Param			from		query		string	true	"Start (RFC 3339, or a date = local midnight)"
//	@Param			to			query		string	true	"End, exclusive (at most two years after from)"
//	@Param			group_by	query		string	false	"Grouping"	Enums(unit,category,month,partner,target_group)	default(unit)
//	@Success		200			{object}	report.ActivityReport
//	@Router			/reports/activities [get]
func (m Module) getActivityReport(c echo.Context) error {
	rep, err := m.activityReport(c)
	return httpapi.OK(c, rep, err)
}

// getActivityReportCSV godoc
//
//	@Summary		Activity report as CSV
//	@Description	The activity report as CSV: a row per group and a final total row. separator=semicolon is for Finnish spreadsheets: a UTF-8 BOM, ';' between fields and a decimal comma.
//	@Tags			reports
//	@Produce		text/csv
//	@Security		BearerAuth
//	@Param			from		query		string	true	"Start (RFC 3339, or a date = local midnight)"
//	@Param			to			query		string	true	"End, exclusive (at most two years after from)"
//	@Param			group_by	query		string	false	"Grouping"			Enums(unit,category,month,partner,target_group)	default(unit)
//	@Param			separator	query		string	false	"Field separator"	Enums(comma, semicolon)							default(comma)
//	@Success		200			{string}	string	"CSV"
//	@Router			/reports/activities.csv [get]
func (m Module) getActivityReportCSV(c echo.Context) error {
	rep, err := m.activityReport(c)
	if err != nil {
		return err
	}
	sep, err := export.QuerySeparator(c)
	if err != nil {
		return err
	}
	return export.ServeCSV(c, "activities-"+rep.GroupBy+".csv", sep, rep.WriteCSV)
}

// getReachReport godoc
//
//	@Summary		Reach report: which units are left out
//	@Description	Every active unit with its occurrences and participants in [from, to) and the weeks since its last activity (looking back at most a year before from). Units without occurrences in the range come first, longest without first.
//	@Tags			reports
//	@Produce		json
//	@Security		BearerAuth
//	@Param			from	query		string	true	"Start (RFC 3339, or a date = local midnight)"
//	@Param			to		query		string	true	"End, exclusive (at most two years after from)"
//	@Success		200		{object}	report.ReachReport
//	@Router			/reports/reach [get]
func (m Module) getReachReport(c echo.Context) error {
	_, err := httpapi.Authorize(c, canRead)
	if err != nil {
		return err
	}
	from, to, err := m.parseRange(c)
	if err != nil {
		return err
	}
	rep, err := m.Store.Reach(c.Request().Context(), from, to)
	return httpapi.OK(c, rep, err)
}

// MaxYear and MinYear bound ?year=.
const (
	MinYear = 1900
	MaxYear = 9998
)

// parseYearOrRange reads ?year=YYYY (the calendar year in the calendar zone) or ?from=&to= (as the
// other reports); exactly one of the two forms. year is nil for a range.
func (m Module) parseYearOrRange(c echo.Context) (from, to time.Time, year *int, err error) {
	y := c.QueryParam("year")
	if y == "" {
		if c.QueryParam("from") == "" && c.QueryParam("to") == "" {
			return from, to, nil, apperr.BadParamCode("year", apperr.CodeRequired, "is required (or from and to)")
		}
		from, to, err = m.parseRange(c)
		return from, to, nil, err
	}
	if c.QueryParam("from") != "" || c.QueryParam("to") != "" {
		return from, to, nil, apperr.BadParamCode("year", apperr.CodeInvalid, "give either year or from and to, not both")
	}
	n, convErr := strconv.Atoi(y)
	if convErr != nil || len(y) != 4 {
		return from, to, nil, apperr.BadParamCode("year", apperr.CodeInvalidFormat, "must be a year YYYY")
	}
	if n < MinYear || n > MaxYear {
		return from, to, nil, apperr.BadParamCode("year", apperr.CodeOutOfRange, fmt.Sprintf("must be between %d and %d", MinYear, MaxYear))
	}
	zone := m.Store.zone()
	from = time.Date(n, 1, 1, 0, 0, 0, 0, zone)
	return from, from.AddDate(1, 0, 0), &n, nil
}

// getIndicators godoc
//
//	@Summary		Indicators for a welfare report
//	@Description	The indicators of a year (or of [from, to)), each with its numerator and denominator (definitions in docs/reports.md): the share of active units with at least one occurrence, per month and for the whole range; occurrences per 100 resident places; participants by target group and occurrences and participants by category; partners involved by sector; volunteer participations; the share of ideas fulfilled; mean feedback and its distribution; and each active unit's figures. Counting as in the activity report: cancelled occurrences apart, proposals ignored. Aggregates only, never personal data.
//	@Tags			reports
//	@Produce		json
//	@Security		BearerAuth
//	@Param			year	query		int		false	"Calendar year (calendar zone); or from and to"	minimum(1900)	maximum(9998)
//	@Param			from	query		string	false	"Start (RFC 3339, or a date = local midnight), with to instead of year"
//	@Param			to		query		string	false	"End, exclusive (at most two years after from)"
//	@Success		200		{object}	report.IndicatorReport
//	@Router			/reports/indicators [get]
func (m Module) getIndicators(c echo.Context) error {
	return ofYearOrRange(c, m, canRead, m.Store.Indicators)
}

// getAdoption godoc
//
//	@Summary		Adoption: is attendance being recorded?
//	@Description	For the producer: per active unit, the share of its occurrences in the year (or [from, to)) that have ended with attendance recorded, and when attendance was last recorded for it. The fifth of the units with the lowest share is marked (ties with the last of them included); units with no ended occurrence come last. For the producer and admins (API tokens: calendar:read).
//	@Tags			reports
//	@Produce		json
//	@Security		BearerAuth
//	@Param			year	query		int		false	"Calendar year (calendar zone); or from and to"	minimum(1900)	maximum(9998)
//	@Param			from	query		string	false	"Start (RFC 3339, or a date = local midnight), with to instead of year"
//	@Param			to		query		string	false	"End, exclusive (at most two years after from)"
//	@Success		200		{object}	report.AdoptionReport
//	@Router			/reports/adoption [get]
func (m Module) getAdoption(c echo.Context) error {
	return ofYearOrRange(c, m, canReadAdoption, m.Store.Adoption)
}

// ofYearOrRange answers a report of a year or a range: the caller,
// authorised by policy, the year or the range (parseYearOrRange), and the
// report the store computes for it.
func ofYearOrRange[R any](c echo.Context, m Module, policy func(*access.Principal) error,
	compute func(ctx context.Context, from, to time.Time, year *int) (R, error)) error {
	if _, err := httpapi.Authorize(c, policy); err != nil {
		return err
	}
	from, to, year, err := m.parseYearOrRange(c)
	if err != nil {
		return err
	}
	rep, err := compute(c.Request().Context(), from, to, year)
	return httpapi.OK(c, rep, err)
}

// annual reads ?year= (required) and ?lang= (the caller's own language when absent) and gathers the
// annual report.
func (m Module) annual(c echo.Context) (Annual, error) {
	p, err := httpapi.Authorize(c, canReadAnnual)
	if err != nil {
		return Annual{}, err
	}
	if c.QueryParam("year") == "" {
		return Annual{}, apperr.BadParamCode("year", apperr.CodeRequired, "is required")
	}
	_, _, year, err := m.parseYearOrRange(c)
	if err != nil {
		return Annual{}, err
	}
	s, err := httpapi.QueryEnum(c, "lang", "fi", "sv", "en")
	if err != nil {
		return Annual{}, err
	}
	lang := l10n.Lang(s)
	if s == "" {
		lang = l10n.FI
		if m.UserLang != nil && p.UserID != uuid.Nil {
			if lang, err = m.UserLang(c.Request().Context(), p.UserID); err != nil {
				return Annual{}, err
			}
		}
	}
	return m.Store.Annual(c.Request().Context(), *year, lang)
}

func annualName(a Annual, ext string) string {
	return fmt.Sprintf("annual-report-%d-%s.%s", a.Year, a.Lang, ext)
}

// getAnnualPDF godoc
//
//	@Summary		Annual report (PDF)
//	@Description	The year's indicators with their numerators and denominators, the units reached and the participation by month (table and line chart), charts of occurrences by category, participants by target group, the distribution of feedback and occurrences by unit (units left out marked), a table per unit, each department's costs from the split of every agreement overlapping the year, and the definitions, in fi, sv or en (default: the caller's language). A4, fonts embedded. For those who read both reports and split totals (tokens: calendar:read and budget:read).
//	@Tags			reports
//	@Produce		application/pdf
//	@Security		BearerAuth
//	@Param			year	query	int		true	"Calendar year (calendar zone)"		minimum(1900)	maximum(9998)
//	@Param			lang	query	string	false	"Language (default: the caller's)"	Enums(fi,sv,en)
//	@Success		200		{file}	file	"The PDF"
//	@Router			/reports/annual.pdf [get]
func (m Module) getAnnualPDF(c echo.Context) error {
	a, err := m.annual(c)
	if err != nil {
		return err
	}
	b, err := a.PDF()
	if err != nil {
		return err
	}
	c.Response().Header().Set("Content-Disposition", `attachment; filename="`+annualName(a, "pdf")+`"`)
	c.Response().Header().Set("Cache-Control", "private, no-cache")
	return c.Blob(http.StatusOK, "application/pdf", b)
}

// getAnnualXLSX godoc
//
//	@Summary		Annual report (XLSX)
//	@Description	The annual report's figures as a workbook in fi, sv or en (default: the caller's language): the indicators with their numerators and denominators, the months, a row per unit, target groups and categories, partner sectors and the feedback distribution, and each department's costs (cents and euros). Shares are percentages with two decimals.
//	@Tags			reports
//	@Produce		application/vnd.openxmlformats-officedocument.spreadsheetml.sheet
//	@Security		BearerAuth
//	@Param			year	query	int		true	"Calendar year (calendar zone)"		minimum(1900)	maximum(9998)
//	@Param			lang	query	string	false	"Language (default: the caller's)"	Enums(fi,sv,en)
//	@Success		200		{file}	file	"The workbook"
//	@Router			/reports/annual.xlsx [get]
func (m Module) getAnnualXLSX(c echo.Context) error {
	a, err := m.annual(c)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := a.WriteXLSX(&buf); err != nil {
		return err
	}
	c.Response().Header().Set("Content-Disposition", `attachment; filename="`+annualName(a, "xlsx")+`"`)
	c.Response().Header().Set("Cache-Control", "private, no-cache")
	return c.Blob(http.StatusOK, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buf.Bytes())
}

// getIdeaReport godoc
//
//	@Summary		Idea report: wishes and what came of them
//	@Description	Ideas received in [from, to), grouped by unit, source or committee: how many were turned into an activity (planned), are done or declined, and the median days from an idea to its activity's first occurrence. Figures only: no resident is named.
//	@Tags			reports
//	@Produce		json
//	@Security		BearerAuth
//	@Param			from		query		string	true	"Start (RFC 3339, or a date = local midnight)"
//	@Param			to			query		string	true	"End, exclusive (at most two years after from)"
//	@Param			group_by	query		string	false	"Grouping"	Enums(unit,source,committee)	default(unit)
//	@Success		200			{object}	report.IdeaReport
//	@Router			/reports/ideas [get]
func (m Module) getIdeaReport(c echo.Context) error {
	if _, err := httpapi.Authorize(c, canRead); err != nil {
		return err
	}
	from, to, err := m.parseRange(c)
	if err != nil {
		return err
	}
	groupBy, err := httpapi.QueryEnum(c, "group_by", IdeaGroupBys...)
	if err != nil {
		return err
	}
	if groupBy == "" {
		groupBy = "unit"
	}
	rep, err := m.Store.Ideas(c.Request().Context(), from, to, groupBy)
	return httpapi.OK(c, rep, err)
}
