package committee

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"kulttuurisilta/api/internal/httpapi"
	"kulttuurisilta/api/internal/httpapi/listing"
	"kulttuurisilta/api/internal/validate"
)

// listIdeas godoc
//
//	@Summary		List ideas
//	@Description	Ideas and wishes, filterable by committee, unit, status, source, a text search and whether they became activities. sort=rank orders by the committee's priority (1 first, unranked last), then votes. Every role reads ideas (API tokens need org:read); a mentor sees only their own units' ideas.
//	@Tags			ideas
//	@Produce		json
//	@Security		BearerAuth
//	@Param			committee_id	query		string	false	"Committee"	format(uuid)
//	@Param			unit_id			query		string	false	"Unit"		format(uuid)
//	@Param			status			query		string	false	"Status"	Enums(new,planned,done,declined)
//	@Param			source			query		string	false	"Source"	Enums(survey,meeting,resident,staff,other)
//	@Param			q				query		string	false	"Text search in title and description"
//	@Param			has_activity	query		bool	false	"Only ideas that became activities (true) or not (false)"
//	@Param			activity_id		query		string	false	"The ideas turned into this activity"	format(uuid)
//	@Param			sort			query		string	false	"Order"									Enums(newest,rank,title)	default(newest)
//	@Param			limit			query		int		false	"Page size (1-200)"						default(50)
//	@Param			offset			query		int		false	"Offset"								default(0)
//	@Param			updated_since	query		string	false	"Only items changed after this time (RFC 3339)"
//	@Success		200				{object}	paging.ListDoc{items=[]committee.IdeaResponse}
//	@Router			/ideas [get]
func (m Module) listIdeas(c echo.Context) error {
	p, page, err := listing.Request(c, canReadCommittees)
	if err != nil {
		return err
	}
	var f IdeaFilter
	if f.CommitteeID, err = httpapi.QueryUUID(c, "committee_id"); err != nil {
		return err
	}
	if f.UnitID, err = httpapi.QueryUUID(c, "unit_id"); err != nil {
		return err
	}
	if f.Status, err = httpapi.QueryEnum(c, "status", IdeaStatuses...); err != nil {
		return err
	}
	if f.Source, err = httpapi.QueryEnum(c, "source", IdeaSources...); err != nil {
		return err
	}
	if f.Q, err = httpapi.QuerySearch(c); err != nil {
		return err
	}
	if f.HasActivity, err = httpapi.QueryBool(c, "has_activity"); err != nil {
		return err
	}
	if f.ActivityID, err = httpapi.QueryUUID(c, "activity_id"); err != nil {
		return err
	}
	if f.Sort, err = httpapi.QueryEnum(c, "sort", IdeaSorts...); err != nil {
		return err
	}
	rows, found, err := m.Store.ListIdeas(c.Request().Context(), unitScope(p), f, page)
	return listing.Answer(c, p, rows, found, err, httpapi.Fixed(ideaOut))
}

// getIdea godoc
//
//	@Summary	Get an idea
//	@Tags		ideas
//	@Produce	json
//	@Security	BearerAuth
//	@Param		id	path		string	true	"Idea id"	format(uuid)
//	@Success	200	{object}	IdeaResponse
//	@Success	304	"Not modified"
//	@Router		/ideas/{id} [get]
func (m Module) getIdea(c echo.Context) error {
	return httpapi.GetIn(c, canReadCommittees, unitScope, m.Store.GetIdea, httpapi.Fixed(ideaOut))
}

// createIdea godoc
//
//	@Summary		File an idea
//	@Description	A new idea starts with status new. Admins, the unit's mentors and API tokens with org:write file ideas.
//	@Tags			ideas
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			body	body		IdeaInput	true	"The idea"
//	@Success		201		{object}	IdeaResponse
//	@Router			/ideas [post]
func (m Module) createIdea(c echo.Context) error {
	p, err := httpapi.Authorize(c, canWriteCommittees)
	if err != nil {
		return err
	}
	var in IdeaInput
	if err := httpapi.Decode(c, &in); err != nil {
		return err
	}
	if err := in.validate(); err != nil {
		return err
	}
	row, err := m.Store.CreateIdea(c.Request().Context(), unitScope(p), in)
	return httpapi.Created(c, "/api/v1/ideas/", row, err, ideaOut(p))
}

// updateIdea godoc
//
//	@Summary		Change an idea
//	@Description	Status changes: new -> planned or declined, planned -> done or declined, declined -> new (reopened); done is final. Anything else is a 422. activity_id is set by POST /ideas/{id}/activity.
//	@Tags			ideas
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id			path		string		true	"Idea id"	format(uuid)
//	@Param			If-Match	header		string		false	"Version ETag the change is based on"
//	@Param			body		body		IdeaPatch	true	"Fields to change"
//	@Success		200			{object}	IdeaResponse
//	@Router			/ideas/{id} [patch]
func (m Module) updateIdea(c echo.Context) error {
	return httpapi.UpdateIn(c, canWriteCommittees, unitScope, m.Store.UpdateIdea, httpapi.Fixed(ideaOut))
}

// voteIdea godoc
//
//	@Summary		Add votes to an idea
//	@Description	Adds count votes (1-1000) to a new or planned idea, e.g. a show of hands at a meeting. Concurrent votes add up, so no If-Match is needed.
//	@Tags			ideas
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id		path		string		true	"Idea id"	format(uuid)
//	@Param			body	body		VoteInput	true	"How many votes"
//	@Success		200		{object}	IdeaResponse
//	@Router			/ideas/{id}/votes [post]
func (m Module) voteIdea(c echo.Context) error {
	p, id, err := httpapi.Target(c, canWriteCommittees)
	if err != nil {
		return err
	}
	var in VoteInput
	if err := httpapi.Decode(c, &in); err != nil {
		return err
	}
	var v validate.Errors
	v.Range("count", int64(in.Count), 1, maxVoteStep)
	if err := v.Err(); err != nil {
		return err
	}
	row, err := m.Store.VoteIdea(c.Request().Context(), unitScope(p), id, in.Count)
	return httpapi.Row(c, http.StatusOK, row, err, ideaOut(p))
}

// deleteIdea godoc
//
//	@Summary		Delete an idea
//	@Description	An idea that became an activity cannot be deleted (409); decline it instead.
//	@Tags			ideas
//	@Security		BearerAuth
//	@Param			id			path	string	true	"Idea id"	format(uuid)
//	@Param			If-Match	header	string	false	"Version ETag the deletion is based on"
//	@Success		204			"Deleted"
//	@Router			/ideas/{id} [delete]
func (m Module) deleteIdea(c echo.Context) error {
	return httpapi.DeleteIn(c, canWriteCommittees, unitScope, m.Store.DeleteIdea)
}
