package report

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"kulttuurisilta/api/internal/export"
	"kulttuurisilta/api/internal/httpapi"
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
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, rep)
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
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, rep)
}
