package calendar

import (
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/apperr"
	"kulttuurisilta/api/internal/httpapi"
	"kulttuurisilta/api/internal/paging"
)

// Calendar list limits (ADR 0024): the default page is the usual 50, but a
// month view of a whole region needs more, so /calendar takes up to 2000.
const (
	CalendarMaxLimit = 2000
	MaxRange         = 366 * 24 * time.Hour
)

// CalendarItem is one occurrence in the calendar. starts_at and ends_at
// are in the calendar zone's offset; (activity_id, original_start)
// identifies the occurrence (for overrides and attendance).
type CalendarItem struct {
	ActivityID      uuid.UUID   `json:"activity_id"`
	OriginalStart   time.Time   `json:"original_start"`
	Title           string      `json:"title"`
	Category        string      `json:"category" enums:"music,theatre,dance,visual_arts,crafts,literature,film,intergenerational,outdoor,other"`
	Status          string      `json:"status" enums:"proposed,planned,confirmed,completed,cancelled"`
	ActivityStatus  string      `json:"activity_status" enums:"proposed,planned,confirmed,completed,cancelled"`
	Cancelled       bool        `json:"cancelled"`
	Moved           bool        `json:"moved"`
	StartsAt        time.Time   `json:"starts_at" example:"2026-12-01T14:00:00+02:00"`
	EndsAt          time.Time   `json:"ends_at" example:"2026-12-01T15:00:00+02:00"`
	UnitIDs         []uuid.UUID `json:"unit_ids"`
	PartnerIDs      []uuid.UUID `json:"partner_ids"`
	SeriesID        *uuid.UUID  `json:"series_id" extensions:"x-nullable"`
	Visibility      string      `json:"visibility" enums:"public,internal"`
	TargetGroups    []string    `json:"target_groups"`
	Accessibility   string      `json:"accessibility"`
	Capacity        *int        `json:"capacity" extensions:"x-nullable"`
	Recurring       bool        `json:"recurring"`
	OverrideID      *uuid.UUID  `json:"override_id" extensions:"x-nullable"`
	Note            string      `json:"note"`
	ActivityVersion int         `json:"activity_version"`
	UpdatedAt       time.Time   `json:"updated_at"`
	// AttendanceID is the occurrence's attendance record, or null before one is recorded.
	AttendanceID *uuid.UUID `json:"attendance_id" extensions:"x-nullable"`
	// AllowedActions are what the caller may do with this occurrence now (docs/development.md).
	AllowedActions []string `json:"allowed_actions" enums:"update,move_occurrence,cancel_occurrence,restore_occurrence,record_attendance"`
}

func toCalendarItem(o Occurrence, zone *time.Location) CalendarItem {
	return CalendarItem{ActivityID: o.ActivityID, OriginalStart: o.OriginalStart.In(zone), Title: o.Title,
		Category: o.Category, Status: o.Status, ActivityStatus: o.ActivityStatus, Cancelled: o.Cancelled, Moved: o.Moved,
		StartsAt: o.StartsAt.In(zone), EndsAt: o.EndsAt.In(zone), UnitIDs: nonNilIDs(o.UnitIDs),
		PartnerIDs: nonNilIDs(o.PartnerIDs), SeriesID: o.SeriesID, Visibility: o.Visibility,
		TargetGroups: nonNilStrings(o.TargetGroups), Accessibility: o.Accessibility, Capacity: o.Capacity,
		Recurring: o.Recurring, OverrideID: o.OverrideID, Note: o.OverrideNote, ActivityVersion: o.ActivityVersion,
		UpdatedAt: o.UpdatedAt.UTC()}
}

// getCalendar godoc
//
//	@Summary		The calendar: occurrences in a range
//	@Description	Occurrences overlapping [from, to) with recurrences expanded in the calendar zone, sorted by start. The range is at most one year (else 400). Cancelled occurrences are marked (cancelled=true, status=cancelled), not hidden. List filters take several values, repeated or comma-separated. limit goes up to 2000 here so a month view fits in one page.
//	@Tags			calendar
//	@Produce		json
//	@Security		BearerAuth
//	@Param			from			query		string	true	"Range start: RFC 3339, or a date (midnight in the calendar zone)"
//	@Param			to				query		string	true	"Range end (exclusive)"
//	@Param			unit_id			query		string	false	"Hosting unit(s)"
//	@Param			partner_id		query		string	false	"Partner(s)"
//	@Param			category		query		string	false	"Category(ies)"
//	@Param			status			query		string	false	"Occurrence status(es): proposed, planned, confirmed, completed, cancelled"
//	@Param			series_id		query		string	false	"Series"	format(uuid)
//	@Param			target_group	query		string	false	"Target group(s)"
//	@Param			visibility		query		string	false	"Visibility"			Enums(public,internal)
//	@Param			limit			query		int		false	"Page size (1-2000)"	default(50)
//	@Param			offset			query		int		false	"Offset"				default(0)
//	@Param			updated_since	query		string	false	"Only occurrences whose activity or override changed after this time (RFC 3339)"
//	@Success		200				{object}	paging.ListDoc{items=[]calendar.CalendarItem}
//	@Router			/calendar [get]
func (m Module) getCalendar(c echo.Context) error {
	p, err := httpapi.Authorize(c, canRead)
	if err != nil {
		return err
	}
	f, err := m.parseFilter(c)
	if err != nil {
		return err
	}
	page, err := paging.ParseUpTo(c.QueryParams(), CalendarMaxLimit)
	if err != nil {
		return err
	}
	start, err := page.Start()
	if err != nil {
		return err
	}
	occ, total, err := m.Store.OccurrencePage(c.Request().Context(), f, page.UpdatedSince, start, page.Limit)
	if err != nil {
		return err
	}
	return m.respondOccurrences(c, p, occ, paging.At(page, start, len(occ), total))
}

// listActivityOccurrences godoc
//
//	@Summary		An activity's occurrences in a range
//	@Description	As GET /calendar, for one activity.
//	@Tags			calendar
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id				path		string	true	"Activity id"	format(uuid)
//	@Param			from			query		string	true	"Range start: RFC 3339, or a date (midnight in the calendar zone)"
//	@Param			to				query		string	true	"Range end (exclusive)"
//	@Param			limit			query		int		false	"Page size (1-2000)"	default(50)
//	@Param			offset			query		int		false	"Offset"				default(0)
//	@Param			updated_since	query		string	false	"Only occurrences changed after this time (RFC 3339)"
//	@Success		200				{object}	paging.ListDoc{items=[]calendar.CalendarItem}
//	@Router			/activities/{id}/occurrences [get]
func (m Module) listActivityOccurrences(c echo.Context) error {
	p, id, err := httpapi.Target(c, canRead)
	if err != nil {
		return err
	}
	from, to, err := m.parseRange(c)
	if err != nil {
		return err
	}
	page, err := paging.ParseUpTo(c.QueryParams(), CalendarMaxLimit)
	if err != nil {
		return err
	}
	if _, err := m.Store.GetActivity(c.Request().Context(), id); err != nil {
		return err
	}
	start, err := page.Start()
	if err != nil {
		return err
	}
	occ, total, err := m.Store.OccurrencePage(c.Request().Context(), OccurrenceFilter{From: from, To: to, ActivityID: &id},
		page.UpdatedSince, start, page.Limit)
	if err != nil {
		return err
	}
	return m.respondOccurrences(c, p, occ, paging.At(page, start, len(occ), total))
}

func (m Module) respondOccurrences(c echo.Context, p *access.Principal, occ []Occurrence, found paging.Found) error {
	items, err := m.occurrencesOut(c.Request().Context(), p, occ)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, paging.NewList(items, found))
}

func (m Module) parseRange(c echo.Context) (time.Time, time.Time, error) {
	from, to, err := httpapi.TimeRange(c, m.Zone, httpapi.RangeRules{Required: true,
		MaxSpan: MaxRange, MaxSpanText: "one year (366 days)", Earliest: minTime, Latest: maxTime})
	if err != nil {
		return time.Time{}, time.Time{}, err
	}
	return *from, *to, nil
}

func (m Module) parseFilter(c echo.Context) (OccurrenceFilter, error) {
	var f OccurrenceFilter
	var err error
	if f.From, f.To, err = m.parseRange(c); err != nil {
		return f, err
	}
	if f.UnitIDs, err = queryUUIDs(c, "unit_id"); err != nil {
		return f, err
	}
	if f.PartnerIDs, err = queryUUIDs(c, "partner_id"); err != nil {
		return f, err
	}
	if f.Categories, err = queryEnums(c, "category", Categories); err != nil {
		return f, err
	}
	if f.Statuses, err = queryEnums(c, "status", Statuses); err != nil {
		return f, err
	}
	if f.TargetGroups, err = queryEnums(c, "target_group", TargetGroups); err != nil {
		return f, err
	}
	if f.SeriesID, err = httpapi.QueryUUID(c, "series_id"); err != nil {
		return f, err
	}
	if f.Visibility, err = httpapi.QueryEnum(c, "visibility", Visibilities...); err != nil {
		return f, err
	}
	return f, nil
}

// queryValues returns a repeated or comma-separated parameter's values.
func queryValues(c echo.Context, name string) []string {
	var out []string
	for _, v := range c.QueryParams()[name] {
		for _, part := range strings.Split(v, ",") {
			if part = strings.TrimSpace(part); part != "" {
				out = append(out, part)
			}
		}
	}
	return out
}

const maxFilterValues = 500

func queryUUIDs(c echo.Context, name string) ([]uuid.UUID, error) {
	vals := queryValues(c, name)
	if len(vals) > maxFilterValues {
		return nil, apperr.BadParamCode(name, apperr.CodeTooLong, "at most 500 values")
	}
	var out []uuid.UUID
	for _, v := range vals {
		id, err := uuid.Parse(v)
		if err != nil {
			return nil, apperr.BadParamCode(name, apperr.CodeInvalidFormat, "must be UUIDs")
		}
		out = append(out, id)
	}
	return out, nil
}

func queryEnums(c echo.Context, name string, allowed []string) ([]string, error) {
	vals := queryValues(c, name)
	for _, v := range vals {
		if !slices.Contains(allowed, v) {
			return nil, apperr.BadParamCode(name, apperr.CodeInvalidChoice, "must be one of "+strings.Join(allowed, ", "))
		}
	}
	return vals, nil
}
