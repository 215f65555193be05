package committee

import (
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"kulttuurisilta/api/internal/apperr"
	"kulttuurisilta/api/internal/calendar"
	"kulttuurisilta/api/internal/civil"
	"kulttuurisilta/api/internal/httpapi"
	"kulttuurisilta/api/internal/l10n"
	"kulttuurisilta/api/internal/paging"
)

// queryDays reads an optional whole number of days in [1, maxDays].
func queryDays(c echo.Context, def, maxDays int) (int, error) {
	s := c.QueryParam("days")
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > maxDays {
		return 0, apperr.BadParamCode("days", apperr.CodeOutOfRange, "must be a whole number from 1 to "+strconv.Itoa(maxDays))
	}
	return n, nil
}

// getParticipation godoc
//
//	@Summary		A resident's participation
//	@Description	Active days, counts by participation and by category, mean feedback (the resident's own and staff's on their behalf apart), the last active day, and active days per month against the resident's culture goal, for the days from..to, both inclusive (default: the last 90 days). Personal data as the culture profile: only admins and the unit's mentors, every read audited.
//	@Tags			residents
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id		path		string	true	"Resident id"						format(uuid)
//	@Param			from	query		string	false	"First day (YYYY-MM-DD)"			format(date)
//	@Param			to		query		string	false	"Day after the last (YYYY-MM-DD)"	format(date)
//	@Success		200		{object}	ParticipationSummary
//	@Router			/residents/{id}/participation [get]
func (m Module) getParticipation(c echo.Context) error {
	p, id, err := httpapi.Target(c, canManageResidents)
	if err != nil {
		return err
	}
	today := m.today()
	from, to := civil.Date{Time: today.AddDate(0, 0, -89)}, civil.Date{Time: today.AddDate(0, 0, 1)}
	f, l, err := httpapi.DateRange(c, httpapi.RangeRules{MaxSpan: 731 * 24 * time.Hour, MaxSpanText: "two years"})
	if err != nil {
		return err
	}
	if f != nil {
		from = *f
	}
	if l != nil {
		to = civil.Date{Time: l.AddDate(0, 0, 1)}
	}
	if !to.After(from.Time) {
		return apperr.BadParamCode("from", apperr.CodeOutOfRange, "must not be after the last day (default: today)")
	}
	out, err := m.Store.Participation(c.Request().Context(), unitScope(p), id, from, to, m.Zone)
	if err != nil {
		return err
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(http.StatusOK, out)
}

// listLeftOut godoc
//
//	@Summary		A unit's residents left out of culture
//	@Description	The unit's active residents with no active participation in the last `days` days (today included), those without for longest first: never first, then by the last active day. Only admins and the unit's mentors (another unit is a 404); every listed resident's read is audited.
//	@Tags			residents
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id		path		string	true	"Unit id"			format(uuid)
//	@Param			days	query		int		false	"Days (1-365)"		default(14)
//	@Param			limit	query		int		false	"Page size (1-200)"	default(50)
//	@Param			offset	query		int		false	"Offset"			default(0)
//	@Success		200		{object}	paging.ListDoc{items=[]committee.LeftOutResident}
//	@Router			/units/{id}/residents/left-out [get]
func (m Module) listLeftOut(c echo.Context) error {
	p, id, err := httpapi.Target(c, canManageResidents)
	if err != nil {
		return err
	}
	days, err := queryDays(c, 14, 365)
	if err != nil {
		return err
	}
	page, err := paging.Parse(c.QueryParams())
	if err != nil {
		return err
	}
	rows, total, err := m.Store.LeftOut(c.Request().Context(), unitScope(p), id, days, m.today(), m.Zone, page)
	if err != nil {
		return err
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(http.StatusOK, paging.NewList(rows, total))
}

// getCultureSummary godoc
//
//	@Summary		A resident's culture summary for the care record
//	@Description	A short plain-text entry (at most 2,000 characters) in Finnish or Swedish, composed from the culture profile (in the resident's own words, shortened to fit) and the last three months' participation (docs/residents.md). Access as for the profile; every read is audited.
//	@Tags			residents
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id		path		string	true	"Resident id"	format(uuid)
//	@Param			lang	query		string	false	"Language"		Enums(fi, sv)	default(fi)
//	@Success		200		{object}	CultureSummary
//	@Router			/residents/{id}/culture-summary [get]
func (m Module) getCultureSummary(c echo.Context) error {
	p, id, err := httpapi.Target(c, canManageResidents)
	if err != nil {
		return err
	}
	lang, err := httpapi.QueryEnum(c, "lang", string(l10n.FI), string(l10n.SV))
	if err != nil {
		return err
	}
	out, err := m.Store.CultureSummary(c.Request().Context(), unitScope(p), id, l10n.Lang(lang).Or(l10n.FI), m.today(), m.Zone)
	if err != nil {
		return err
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(http.StatusOK, out)
}

// listUpcomingMatches godoc
//
//	@Summary		Upcoming activities matching a resident's interests
//	@Description	Planned or confirmed occurrences of the next `days` days in the resident's unit whose category the culture profile's interests point to, or whose title or description holds the profile's words; soonest first. Access as for the profile; the use of the profile is audited.
//	@Tags			residents
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id		path		string	true	"Resident id"			format(uuid)
//	@Param			days	query		int		false	"Days ahead (1-180)"	default(60)
//	@Param			limit	query		int		false	"Page size (1-200)"		default(50)
//	@Param			offset	query		int		false	"Offset"				default(0)
//	@Success		200		{object}	paging.ListDoc{items=[]committee.MatchingOccurrence}
//	@Router			/residents/{id}/upcoming-activities [get]
func (m Module) listUpcomingMatches(c echo.Context) error {
	p, id, err := httpapi.Target(c, canManageResidents)
	if err != nil {
		return err
	}
	days, err := queryDays(c, 60, 180)
	if err != nil {
		return err
	}
	page, err := paging.Parse(c.QueryParams())
	if err != nil {
		return err
	}
	all, err := m.Store.UpcomingMatches(c.Request().Context(), unitScope(p), id, calendar.Store{DB: m.Store.DB, Zone: m.Zone},
		time.Now(), days)
	if err != nil {
		return err
	}
	rows, found, err := paging.Slice(all, page)
	if err != nil {
		return err
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(http.StatusOK, paging.NewList(rows, found))
}
