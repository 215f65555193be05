package calendar

import (
	"net/http"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/httpapi"
	"kulttuurisilta/api/internal/httpapi/listing"
	"kulttuurisilta/api/internal/paging"
)

// listActivities godoc
//
//	@Summary		List activities
//	@Description	Activities as stored (one row per activity, recurrence not expanded), ordered by first start. Use GET /calendar for occurrences.
//	@Tags			calendar
//	@Produce		json
//	@Security		BearerAuth
//	@Param			status			query		string	false	"Status"		Enums(proposed,planned,confirmed,completed,cancelled)
//	@Param			category		query		string	false	"Category"		Enums(music,theatre,dance,visual_arts,crafts,literature,film,intergenerational,outdoor,other)
//	@Param			unit_id			query		string	false	"Hosting unit"	format(uuid)
//	@Param			partner_id		query		string	false	"Partner"		format(uuid)
//	@Param			series_id		query		string	false	"Series"		format(uuid)
//	@Param			q				query		string	false	"Text search: a case-insensitive substring of the title or description, in Finnish, Swedish or English (at most 200 characters)"
//	@Param			limit			query		int		false	"Page size (1-200)"	default(50)
//	@Param			offset			query		int		false	"Offset"			default(0)
//	@Param			updated_since	query		string	false	"Only items changed after this time (RFC 3339)"
//	@Success		200				{object}	paging.ListDoc{items=[]calendar.ActivityResponse}
//	@Router			/activities [get]
func (m Module) listActivities(c echo.Context) error {
	p, page, err := listing.Request(c, canRead)
	if err != nil {
		return err
	}
	var f ActivityFilter
	if f.Status, err = httpapi.QueryEnum(c, "status", Statuses...); err != nil {
		return err
	}
	if f.Category, err = httpapi.QueryEnum(c, "category", Categories...); err != nil {
		return err
	}
	if f.UnitID, err = httpapi.QueryUUID(c, "unit_id"); err != nil {
		return err
	}
	if f.PartnerID, err = httpapi.QueryUUID(c, "partner_id"); err != nil {
		return err
	}
	if f.SeriesID, err = httpapi.QueryUUID(c, "series_id"); err != nil {
		return err
	}
	if f.Q, err = httpapi.QuerySearch(c); err != nil {
		return err
	}
	rows, found, err := m.Store.ListActivities(c.Request().Context(), f, page)
	if err != nil {
		return err
	}
	items, err := m.activitiesOut(c.Request().Context(), p, rows)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, paging.NewList(items, found))
}

// getActivity godoc
//
//	@Summary	Get an activity
//	@Tags		calendar
//	@Produce	json
//	@Security	BearerAuth
//	@Param		id	path		string	true	"Activity id"	format(uuid)
//	@Success	200	{object}	calendar.ActivityResponse
//	@Success	304	"Not modified"
//	@Router		/activities/{id} [get]
func (m Module) getActivity(c echo.Context) error {
	p, id, err := httpapi.Target(c, canRead)
	if err != nil {
		return err
	}
	a, err := m.Store.GetActivity(c.Request().Context(), id)
	if err != nil {
		return err
	}
	return m.respondActivity(c, p, http.StatusOK, a)
}

// createActivity godoc
//
//	@Summary		Create an activity
//	@Description	The producer and admins create activities in any status but cancelled; a mentor proposes (status proposed) for their own units. recurrence is an RFC 5545 RRULE expanded in the calendar zone's wall-clock time. An overlap with a confirmed activity in one of the units is a 409 whose body names the clashing occurrence ("clash"), unless allow_overlap is true.
//	@Tags			calendar
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			body	body		calendar.ActivityInput	true	"The activity"
//	@Success		201		{object}	calendar.ActivityResponse
//	@Router			/activities [post]
func (m Module) createActivity(c echo.Context) error {
	p, err := httpapi.Authorize(c, canProposeActivities)
	if err != nil {
		return err
	}
	var in ActivityInput
	if err := httpapi.Decode(c, &in); err != nil {
		return err
	}
	rule, err := in.Validate(m.Zone)
	if err != nil {
		return err
	}
	if err := newActivityStatus(in); err != nil {
		return err
	}
	if err := canCreateActivity(p, in); err != nil {
		return err
	}
	a, err := m.Store.CreateActivity(c.Request().Context(), in, rule, proposer(p))
	if err != nil {
		return err
	}
	c.Response().Header().Set("Location", "/api/v1/activities/"+a.ID.String())
	return m.respondActivity(c, p, http.StatusCreated, a)
}

// proposer is the user recorded as having proposed an activity.
func proposer(p *access.Principal) *uuid.UUID {
	if p.IsToken() {
		return nil
	}
	id := p.UserID
	return &id
}

// updateActivity godoc
//
//	@Summary		Change an activity
//	@Description	Status changes follow proposed -> planned -> confirmed -> completed, or to cancelled (others 422). Changing the times, rule or units, or confirming, is checked for clashes (409) unless allow_overlap is true. A change that would remove an occurrence with recorded attendance is a 409.
//	@Tags			calendar
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id			path		string					true	"Activity id"	format(uuid)
//	@Param			If-Match	header		string					false	"Version ETag the change is based on"
//	@Param			body		body		calendar.ActivityPatch	true	"Fields to change"
//	@Success		200			{object}	calendar.ActivityResponse
//	@Router			/activities/{id} [patch]
func (m Module) updateActivity(c echo.Context) error {
	p, id, err := httpapi.Target(c, canProposeActivities)
	if err != nil {
		return err
	}
	ifMatch, patch, err := httpapi.Change[ActivityPatch](c)
	if err != nil {
		return err
	}
	a, err := m.Store.UpdateActivity(c.Request().Context(), id, ifMatch, patch, func(before Activity, after ActivityInput) error {
		return canChangeActivity(p, before, after)
	})
	if err != nil {
		return err
	}
	return m.respondActivity(c, p, http.StatusOK, a)
}

// deleteActivity godoc
//
//	@Summary		Delete an activity
//	@Description	An activity with recorded attendance cannot be deleted (409): cancel it instead.
//	@Tags			calendar
//	@Security		BearerAuth
//	@Param			id			path	string	true	"Activity id"	format(uuid)
//	@Param			If-Match	header	string	false	"Version ETag the deletion is based on"
//	@Success		204			"Deleted"
//	@Router			/activities/{id} [delete]
func (m Module) deleteActivity(c echo.Context) error {
	_, id, ifMatch, err := httpapi.TargetVersion(c, canDeleteActivity)
	if err != nil {
		return err
	}
	return httpapi.Deleted(c, m.Store.DeleteActivity(c.Request().Context(), id, ifMatch))
}

// activityFromIdea godoc
//
//	@Summary		Turn an idea into an activity
//	@Description	Creates an activity from the idea (title, description and unit default to the idea's) and links them: the idea gets activity_id and status planned. The status is proposed unless asked: the producer and admins may plan or confirm it at once, the idea's unit's mentors propose (another status is a 403). An idea already turned into an activity, declined or done is a 409. The idea's allowed_actions lists to_activity when the caller may do this now.
//	@Tags			calendar
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id		path		string						true	"Idea id"	format(uuid)
//	@Param			body	body		calendar.IdeaActivityInput	true	"The activity"
//	@Success		201		{object}	calendar.ActivityResponse
//	@Router			/ideas/{id}/activity [post]
func (m Module) activityFromIdea(c echo.Context) error {
	p, id, err := httpapi.Target(c, canProposeActivities)
	if err != nil {
		return err
	}
	var in IdeaActivityInput
	if err := httpapi.Decode(c, &in); err != nil {
		return err
	}
	a, err := m.Store.ActivityFromIdea(c.Request().Context(), id, in, proposer(p), func(unit uuid.UUID, act ActivityInput) error {
		return canTurnIdea(p, unit, act) // validated later; the mentor's units are checked on what is asked
	})
	if err != nil {
		return err
	}
	c.Response().Header().Set("Location", "/api/v1/activities/"+a.ID.String())
	return m.respondActivity(c, p, http.StatusCreated, a)
}

// respondActivity answers one activity as the caller sees it (with its
// allowed_actions), versioned.
func (m Module) respondActivity(c echo.Context, p *access.Principal, status int, a Activity) error {
	out, err := m.activityOut(c.Request().Context(), p, a)
	if err != nil {
		return err
	}
	return httpapi.Versioned(c, status, a.Version, out)
}
