package linkedevents

import (
	"kulttuurisilta/api/internal/database"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/apperr"
	"kulttuurisilta/api/internal/httpapi"
	"kulttuurisilta/api/internal/paging"
)

// Paging of the export, as Linked Events pages.
const (
	DefaultPageSize = 100
	MaxPageSize     = 500
)

func queryInt(c echo.Context, name string, def, lo, hi int) (int, error) {
	s := c.QueryParam(name)
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		return 0, apperr.BadParamCode(name, apperr.CodeOutOfRange, "must be an integer from "+strconv.Itoa(lo)+" to "+strconv.Itoa(hi))
	}
	return n, nil
}

// listEvents godoc
//
//	@Summary		Linked Events export of public activities
//	@Description	Public activities (planned, confirmed, completed, cancelled) in the Linked Events event format: ids "<data_source>:<id>", names and descriptions in fi/sv/en, times with offsets, event_status, super_event_type umbrella (a series) and recurring (a recurring activity, with one sub-event per occurrence from a month ago to a year ahead), YSO keywords and audiences, the unit's tprek place, offers. With last_modified_since only what changed after it, including tombstones {id, deleted: true} of events that were deleted or made internal. Ordered by last_modified_time; paged as Linked Events pages (meta.next).
//	@Tags			integrations
//	@Produce		json
//	@Security		BearerAuth
//	@Param			last_modified_since	query		string	false	"Only events changed after this time (RFC 3339)"
//	@Param			page				query		int		false	"Page (from 1)"		default(1)
//	@Param			page_size			query		int		false	"Page size (1-500)"	default(100)
//	@Success		200					{object}	linkedevents.Page
//	@Router			/integrations/linked-events/events [get]
func (m Module) listEvents(c echo.Context) error {
	_, err := httpapi.Authorize(c, canExport)
	if err != nil {
		return err
	}
	var since *time.Time
	if s := c.QueryParam("last_modified_since"); s != "" {
		t, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			return apperr.BadParamCode("last_modified_since", apperr.CodeInvalidFormat, "must be an RFC 3339 time")
		}
		since = &t
	}
	page, err := queryInt(c, "page", 1, 1, 1_000_000)
	if err != nil {
		return err
	}
	size, err := queryInt(c, "page_size", DefaultPageSize, 1, MaxPageSize)
	if err != nil {
		return err
	}
	all, err := m.Store.Events(c.Request().Context(), since)
	if err != nil {
		return err
	}
	out := Page{Meta: Meta{Count: len(all)}, Data: []Event{}}
	lo := min((page-1)*size, len(all))
	hi := min(lo+size, len(all))
	out.Data = append(out.Data, all[lo:hi]...)
	link := func(n int) *string {
		q := url.Values{}
		if since != nil {
			q.Set("last_modified_since", c.QueryParam("last_modified_since"))
		}
		q.Set("page", strconv.Itoa(n))
		q.Set("page_size", strconv.Itoa(size))
		s := "/api/v1/integrations/linked-events/events?" + q.Encode()
		return &s
	}
	if hi < len(all) {
		out.Meta.Next = link(page + 1)
	}
	if page > 1 {
		out.Meta.Previous = link(page - 1)
	}
	return c.JSON(http.StatusOK, out)
}

// listPlaces godoc
//
//	@Summary	Units' Linked Events place ids
//	@Tags		integrations
//	@Produce	json
//	@Security	BearerAuth
//	@Success	200	{object}	paging.ListDoc{items=[]linkedevents.PlaceResponse}
//	@Router		/integrations/linked-events/places [get]
func (m Module) listPlaces(c echo.Context) error {
	p, err := httpapi.Authorize(c, canExport)
	if err != nil {
		return err
	}
	rows, err := m.Store.Places(c.Request().Context())
	if err != nil {
		return err
	}
	items := make([]PlaceResponse, len(rows))
	for i, r := range rows {
		items[i] = placeOut(p, r)
	}
	return c.JSON(http.StatusOK, paging.NewList(items, paging.All(len(items))))
}

// putPlace godoc
//
//	@Summary		Set a unit's Linked Events place id
//	@Description	The unit's TPREK (Palvelukartta) place id; exported events at the unit get location tprek:<id>. Creates or replaces; If-Match guards a replace.
//	@Tags			integrations
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			unit_id		path		string					true	"Unit id"	format(uuid)
//	@Param			If-Match	header		string					false	"Version ETag the change is based on"
//	@Param			body		body		linkedevents.PlaceInput	true	"The place id"
//	@Success		200			{object}	linkedevents.PlaceResponse
//	@Success		201			{object}	linkedevents.PlaceResponse
//	@Router			/integrations/linked-events/places/{unit_id} [put]
func (m Module) putPlace(c echo.Context) error {
	p, err := httpapi.Authorize(c, canWritePlaces)
	if err != nil {
		return err
	}
	unitID, err := httpapi.PathUUID(c, "unit_id")
	if err != nil {
		return err
	}
	ifMatch, in, err := httpapi.Change[PlaceInput](c)
	if err != nil {
		return err
	}
	pl, created, err := m.Store.PutPlace(c.Request().Context(), unitID, in, ifMatch)
	if err != nil {
		return err
	}
	status := http.StatusOK
	if created {
		status = http.StatusCreated
	}
	return httpapi.Versioned(c, status, pl.Version, placeOut(p, pl))
}

// OutcomeResponse is one exported event's latest outcome in the pushes to a Linked Events API.
type OutcomeResponse struct {
	database.Head
	// Target is the Linked Events API pushed to.
	Target string `json:"target" example:"https://linkedevents.example.fi/v1"`
	// EventID is the event's id in the export.
	EventID string `json:"event_id" example:"kulttuurisilta:0190b2c4-..."`
	// RemoteID is the event's id in the remote ("" when it is not there).
	RemoteID   string     `json:"remote_id"`
	Kind       string     `json:"kind" enums:"series,activity,occurrence"`
	ActivityID *uuid.UUID `json:"activity_id" extensions:"x-nullable"`
	SeriesID   *uuid.UUID `json:"series_id" extensions:"x-nullable"`
	Name       string     `json:"name"`
	StartsAt   *time.Time `json:"starts_at" extensions:"x-nullable"`
	// Outcome: pushed (the remote has the current version), refused (by the remote; retried when the
	// event changes), held_back (not sent, for reason), removed (deleted from the remote).
	Outcome string `json:"outcome" enums:"pushed,refused,held_back,removed"`
	// Operation is the step that led to the outcome.
	Operation string `json:"operation" enums:"create,update,replace,delete,none"`
	// Reason is the remote's message for a refusal, ours for a hold-back, else "".
	Reason string `json:"reason"`
}

func toOutcomeResponse(o outcomeRow, zone *time.Location) OutcomeResponse {
	r := OutcomeResponse{Head: o.Head(),
		Target: o.Target, EventID: o.LocalID, RemoteID: o.RemoteID, Kind: o.Kind, ActivityID: o.ActivityID,
		SeriesID: o.SeriesID, Name: o.Name, Outcome: o.Outcome, Operation: o.Op, Reason: o.Reason}
	if o.StartsAt != nil {
		s := o.StartsAt.In(zone)
		r.StartsAt = &s
	}
	return r
}

// listOutcomes godoc
//
//	@Summary		Outcomes of the pushes to Linked Events
//	@Description	Each exported event's latest outcome in `publish linked-events --apply`: pushed, refused by the Linked Events API (with its message; the event is sent again when it changes), held back by us (with the reason, e.g. no place or no description), or removed from the remote. Filter by activity or series to see one public activity's events.
//	@Tags			integrations
//	@Produce		json
//	@Security		BearerAuth
//	@Param			activity_id		query		string	false	"Only this activity's events"	format(uuid)
//	@Param			series_id		query		string	false	"Only this series' events"		format(uuid)
//	@Param			outcome			query		string	false	"Only this outcome"				Enums(pushed, refused, held_back, removed)
//	@Param			target			query		string	false	"Only pushes to this Linked Events API"
//	@Param			limit			query		int		false	"Page size (1-200)"	default(50)
//	@Param			offset			query		int		false	"Items to skip"		default(0)
//	@Param			updated_since	query		string	false	"Only outcomes changed after this time (RFC 3339)"
//	@Success		200				{object}	paging.ListDoc{items=[]linkedevents.OutcomeResponse}
//	@Router			/integrations/linked-events/status [get]
func (m Module) listOutcomes(c echo.Context) error {
	if _, err := httpapi.Authorize(c, canReadOutcomes); err != nil {
		return err
	}
	page, err := paging.Parse(c.QueryParams())
	if err != nil {
		return err
	}
	var f OutcomeFilter
	if f.ActivityID, err = httpapi.QueryUUID(c, "activity_id"); err != nil {
		return err
	}
	if f.SeriesID, err = httpapi.QueryUUID(c, "series_id"); err != nil {
		return err
	}
	outcome, err := httpapi.QueryEnum(c, "outcome", OutcomePushed, OutcomeRefused, OutcomeHeldBack, OutcomeRemoved)
	if err != nil {
		return err
	}
	if outcome != "" {
		f.Outcomes = []string{outcome}
	}
	f.Target = strings.TrimSuffix(c.QueryParam("target"), "/")
	if len(f.Target) > 500 {
		return apperr.BadParamCode("target", apperr.CodeTooLong, "must be at most 500 characters")
	}
	rows, found, err := m.Store.Outcomes(c.Request().Context(), f, page)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, paging.ListOf(rows, found, func(o outcomeRow) OutcomeResponse {
		return toOutcomeResponse(o, m.Store.Zone)
	}))
}

// placeOut is a unit's place as the caller sees it, with its allowed_actions.
func placeOut(p *access.Principal, pl Place) PlaceResponse {
	r := toPlaceResponse(pl)
	r.AllowedActions = placeActions(p)
	return r
}
