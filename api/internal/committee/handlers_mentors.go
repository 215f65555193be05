package committee

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"kulttuurisilta/api/internal/httpapi"
	"kulttuurisilta/api/internal/httpapi/listing"
)

// listMentors godoc
//
//	@Summary		List mentors
//	@Description	Staff named as culture mentors. Admins, the producer and managers read all; a mentor reads the mentors of their own units; viewers and API tokens read only GET /mentors/summary.
//	@Tags			mentors
//	@Produce		json
//	@Security		BearerAuth
//	@Param			unit_id			query		string	false	"Mentors of this unit"	format(uuid)
//	@Param			active			query		bool	false	"Active mentors only (true) or inactive only (false)"
//	@Param			limit			query		int		false	"Page size (1-200)"	default(50)
//	@Param			offset			query		int		false	"Offset"			default(0)
//	@Param			updated_since	query		string	false	"Only items changed after this time (RFC 3339)"
//	@Success		200				{object}	paging.ListDoc{items=[]committee.MentorResponse}
//	@Router			/mentors [get]
func (m Module) listMentors(c echo.Context) error {
	p, page, err := listing.Request(c, canReadMentors)
	if err != nil {
		return err
	}
	var f MentorFilter
	if f.UnitID, err = httpapi.QueryUUID(c, "unit_id"); err != nil {
		return err
	}
	if f.Active, err = httpapi.QueryBool(c, "active"); err != nil {
		return err
	}
	rows, found, err := m.Store.ListMentors(c.Request().Context(), unitScope(p), f, page)
	return listing.Answer(c, p, rows, found, err, httpapi.Fixed(mentorOut))
}

// getMentor godoc
//
//	@Summary	Get a mentor
//	@Tags		mentors
//	@Produce	json
//	@Security	BearerAuth
//	@Param		id	path		string	true	"Mentor id"	format(uuid)
//	@Success	200	{object}	MentorResponse
//	@Success	304	"Not modified"
//	@Router		/mentors/{id} [get]
func (m Module) getMentor(c echo.Context) error {
	return httpapi.GetIn(c, canReadMentors, unitScope, m.Store.GetMentor, httpapi.Fixed(mentorOut))
}

// createMentor godoc
//
//	@Summary		Name a mentor
//	@Description	Admins and the producer name mentors to one or more units. user_id optionally links the record to the mentor's user account (a user with the mentor role); access to units still comes from the user account's own units.
//	@Tags			mentors
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			body	body		MentorInput	true	"The mentor"
//	@Success		201		{object}	MentorResponse
//	@Router			/mentors [post]
func (m Module) createMentor(c echo.Context) error {
	return httpapi.CreateOne(c, canWriteMentors, "/api/v1/mentors/", (*MentorInput).validate, m.Store.CreateMentor, httpapi.Fixed(mentorOut))
}

// updateMentor godoc
//
//	@Summary	Change a mentor
//	@Tags		mentors
//	@Accept		json
//	@Produce	json
//	@Security	BearerAuth
//	@Param		id			path		string		true	"Mentor id"	format(uuid)
//	@Param		If-Match	header		string		false	"Version ETag the change is based on"
//	@Param		body		body		MentorPatch	true	"Fields to change"
//	@Success	200			{object}	MentorResponse
//	@Router		/mentors/{id} [patch]
func (m Module) updateMentor(c echo.Context) error {
	return httpapi.UpdateOne(c, canWriteMentors, m.Store.UpdateMentor, httpapi.Fixed(mentorOut))
}

// deleteMentor godoc
//
//	@Summary		Delete a mentor
//	@Description	Removes the mentor record with its trainings; to keep the history, deactivate it instead (PATCH active=false).
//	@Tags			mentors
//	@Security		BearerAuth
//	@Param			id			path	string	true	"Mentor id"	format(uuid)
//	@Param			If-Match	header	string	false	"Version ETag the deletion is based on"
//	@Success		204			"Deleted"
//	@Router			/mentors/{id} [delete]
func (m Module) deleteMentor(c echo.Context) error {
	return httpapi.DeleteOne(c, canWriteMentors, m.Store.DeleteMentor)
}

// listTrainings godoc
//
//	@Summary	List a mentor's trainings
//	@Tags		mentors
//	@Produce	json
//	@Security	BearerAuth
//	@Param		id				path		string	true	"Mentor id"								format(uuid)
//	@Param		from			query		string	false	"Completed on or after (YYYY-MM-DD)"	format(date)
//	@Param		to				query		string	false	"Completed on or before (YYYY-MM-DD)"	format(date)
//	@Param		limit			query		int		false	"Page size (1-200)"						default(50)
//	@Param		offset			query		int		false	"Offset"								default(0)
//	@Param		updated_since	query		string	false	"Only items changed after this time (RFC 3339)"
//	@Success	200				{object}	paging.ListDoc{items=[]committee.TrainingResponse}
//	@Router		/mentors/{id}/trainings [get]
func (m Module) listTrainings(c echo.Context) error {
	p, id, page, err := listing.Under(c, canReadMentors)
	if err != nil {
		return err
	}
	var f TrainingFilter
	if f.From, f.To, err = httpapi.DateRange(c, httpapi.RangeRules{}); err != nil {
		return err
	}
	rows, found, err := m.Store.ListTrainings(c.Request().Context(), unitScope(p), id, f, page)
	return listing.Answer(c, p, rows, found, err, httpapi.Fixed(trainingOut))
}

// getTraining godoc
//
//	@Summary	Get a training
//	@Tags		mentors
//	@Produce	json
//	@Security	BearerAuth
//	@Param		id			path		string	true	"Mentor id"		format(uuid)
//	@Param		training_id	path		string	true	"Training id"	format(uuid)
//	@Success	200			{object}	TrainingResponse
//	@Success	304			"Not modified"
//	@Router		/mentors/{id}/trainings/{training_id} [get]
func (m Module) getTraining(c echo.Context) error {
	return httpapi.GetNestedIn(c, canReadMentors, "training_id", unitScope, m.Store.GetTraining, httpapi.Fixed(trainingOut))
}

// createTraining godoc
//
//	@Summary		Record a training
//	@Description	Admins, the producer and mentors of one of the mentor's units record trainings. completed_on must not be in the future; hours in steps of 0.1.
//	@Tags			mentors
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id		path		string			true	"Mentor id"	format(uuid)
//	@Param			body	body		TrainingInput	true	"The training"
//	@Success		201		{object}	TrainingResponse
//	@Router			/mentors/{id}/trainings [post]
func (m Module) createTraining(c echo.Context) error {
	p, id, err := httpapi.Target(c, canWriteTrainings)
	if err != nil {
		return err
	}
	var in TrainingInput
	if err := httpapi.Decode(c, &in); err != nil {
		return err
	}
	row, err := m.Store.CreateTraining(c.Request().Context(), unitScope(p), id, in, m.today())
	return httpapi.Created(c, "/api/v1/mentors/"+id.String()+"/trainings/", row, err, trainingOut(p))
}

// updateTraining godoc
//
//	@Summary	Change a training
//	@Tags		mentors
//	@Accept		json
//	@Produce	json
//	@Security	BearerAuth
//	@Param		id			path		string			true	"Mentor id"		format(uuid)
//	@Param		training_id	path		string			true	"Training id"	format(uuid)
//	@Param		If-Match	header		string			false	"Version ETag the change is based on"
//	@Param		body		body		TrainingPatch	true	"Fields to change"
//	@Success	200			{object}	TrainingResponse
//	@Router		/mentors/{id}/trainings/{training_id} [patch]
func (m Module) updateTraining(c echo.Context) error {
	p, id, trainingID, err := httpapi.Nested(c, canWriteTrainings, "training_id")
	if err != nil {
		return err
	}
	ifMatch, patch, err := httpapi.Change[TrainingPatch](c)
	if err != nil {
		return err
	}
	row, err := m.Store.UpdateTraining(c.Request().Context(), unitScope(p), id, trainingID, ifMatch, patch, m.today())
	return httpapi.Row(c, http.StatusOK, row, err, trainingOut(p))
}

// deleteTraining godoc
//
//	@Summary	Delete a training
//	@Tags		mentors
//	@Security	BearerAuth
//	@Param		id			path	string	true	"Mentor id"		format(uuid)
//	@Param		training_id	path	string	true	"Training id"	format(uuid)
//	@Param		If-Match	header	string	false	"Version ETag the deletion is based on"
//	@Success	204			"Deleted"
//	@Router		/mentors/{id}/trainings/{training_id} [delete]
func (m Module) deleteTraining(c echo.Context) error {
	return httpapi.DeleteNestedIn(c, canWriteTrainings, "training_id", unitScope, m.Store.DeleteTraining)
}

// mentorSummary godoc
//
//	@Summary		Mentor figures per unit
//	@Description	Per active unit: its active mentors, and the trainings its mentors completed in the year with their hours (a mentor of two units counts in both). Figures only, no personal data: every role and API tokens with org:read read it; a mentor sees their own units.
//	@Tags			mentors
//	@Produce		json
//	@Security		BearerAuth
//	@Param			year			query		int		false	"Year (default: this year)"
//	@Param			department_id	query		string	false	"Only units of this department"	format(uuid)
//	@Success		200				{object}	MentorSummary
//	@Router			/mentors/summary [get]
func (m Module) mentorSummary(c echo.Context) error {
	p, err := httpapi.Authorize(c, canReadSummary)
	if err != nil {
		return err
	}
	f, err := m.summaryFilter(c)
	if err != nil {
		return err
	}
	out, err := m.Store.MentorSummary(c.Request().Context(), unitScope(p), f)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, out)
}
