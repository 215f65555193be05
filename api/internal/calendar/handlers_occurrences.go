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

// listOverrides godoc
//
//	@Summary	List an activity's moved or cancelled occurrences
//	@Tags		calendar
//	@Produce	json
//	@Security	BearerAuth
//	@Param		id				path		string	true	"Activity id"		format(uuid)
//	@Param		limit			query		int		false	"Page size (1-200)"	default(50)
//	@Param		offset			query		int		false	"Offset"			default(0)
//	@Param		updated_since	query		string	false	"Only items changed after this time (RFC 3339)"
//	@Success	200				{object}	paging.ListDoc{items=[]calendar.OverrideResponse}
//	@Router		/activities/{id}/overrides [get]
func (m Module) listOverrides(c echo.Context) error {
	p, id, page, err := listing.Under(c, canRead)
	if err != nil {
		return err
	}
	if _, err := m.Store.GetActivity(c.Request().Context(), id); err != nil {
		return err
	}
	rows, found, err := m.Store.ListOverrides(c.Request().Context(), id, page)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, paging.ListOf(rows, found, m.overrideOut(p)))
}

// getOverride godoc
//
//	@Summary	Get an occurrence override
//	@Tags		calendar
//	@Produce	json
//	@Security	BearerAuth
//	@Param		id			path		string	true	"Activity id"	format(uuid)
//	@Param		override_id	path		string	true	"Override id"	format(uuid)
//	@Success	200			{object}	calendar.OverrideResponse
//	@Success	304			"Not modified"
//	@Router		/activities/{id}/overrides/{override_id} [get]
func (m Module) getOverride(c echo.Context) error {
	return httpapi.GetNested(c, canRead, "override_id", m.Store.GetOverride, httpapi.Fixed(m.overrideOut))
}

// createOverride godoc
//
//	@Summary		Move or cancel one occurrence
//	@Description	original_start names the occurrence (its start by the rule; 422 if the rule has no such occurrence). Give starts_at and ends_at to move it, cancelled=true to cancel it; the other occurrences are untouched. A move onto a confirmed activity in the same unit is a 409 unless allow_overlap.
//	@Tags			calendar
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id		path		string					true	"Activity id"	format(uuid)
//	@Param			body	body		calendar.OverrideInput	true	"The override"
//	@Success		201		{object}	calendar.OverrideResponse
//	@Router			/activities/{id}/overrides [post]
func (m Module) createOverride(c echo.Context) error {
	p, id, err := httpapi.Target(c, canScheduleOccurrences)
	if err != nil {
		return err
	}
	var in OverrideInput
	if err := httpapi.Decode(c, &in); err != nil {
		return err
	}
	o, err := m.Store.CreateOverride(c.Request().Context(), id, in)
	return httpapi.Created(c, "/api/v1/activities/"+id.String()+"/overrides/", o, err, m.overrideOut(p))
}

// updateOverride godoc
//
//	@Summary	Change an occurrence override
//	@Tags		calendar
//	@Accept		json
//	@Produce	json
//	@Security	BearerAuth
//	@Param		id			path		string					true	"Activity id"	format(uuid)
//	@Param		override_id	path		string					true	"Override id"	format(uuid)
//	@Param		If-Match	header		string					false	"Version ETag the change is based on"
//	@Param		body		body		calendar.OverridePatch	true	"Fields to change"
//	@Success	200			{object}	calendar.OverrideResponse
//	@Router		/activities/{id}/overrides/{override_id} [patch]
func (m Module) updateOverride(c echo.Context) error {
	return httpapi.UpdateNested(c, canScheduleOccurrences, "override_id", m.Store.UpdateOverride, httpapi.Fixed(m.overrideOut))
}

// deleteOverride godoc
//
//	@Summary		Restore an occurrence
//	@Description	Deletes the override: the occurrence is back at its original time (409 if that now clashes, unless allow_overlap=true).
//	@Tags			calendar
//	@Security		BearerAuth
//	@Param			id				path	string	true	"Activity id"	format(uuid)
//	@Param			override_id		path	string	true	"Override id"	format(uuid)
//	@Param			allow_overlap	query	bool	false	"Restore even if it overlaps a confirmed activity"
//	@Param			If-Match		header	string	false	"Version ETag the deletion is based on"
//	@Success		204				"Deleted"
//	@Router			/activities/{id}/overrides/{override_id} [delete]
func (m Module) deleteOverride(c echo.Context) error {
	_, id, oid, ifMatch, err := httpapi.NestedVersion(c, canScheduleOccurrences, "override_id")
	if err != nil {
		return err
	}
	allow, err := httpapi.QueryBool(c, "allow_overlap")
	if err != nil {
		return err
	}
	return httpapi.Deleted(c, m.Store.DeleteOverride(c.Request().Context(), id, oid, ifMatch, allow != nil && *allow))
}

// listAttendance godoc
//
//	@Summary		List an activity's attendance
//	@Description	One record per occurrence, by occurrence. Mentors see only their own units' activities' attendance.
//	@Tags			calendar
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id				path		string	true	"Activity id"		format(uuid)
//	@Param			limit			query		int		false	"Page size (1-200)"	default(50)
//	@Param			offset			query		int		false	"Offset"			default(0)
//	@Param			updated_since	query		string	false	"Only items changed after this time (RFC 3339)"
//	@Success		200				{object}	paging.ListDoc{items=[]calendar.AttendanceResponse}
//	@Router			/activities/{id}/attendance [get]
func (m Module) listAttendance(c echo.Context) error {
	p, id, page, err := listing.Under(c, canRead)
	if err != nil {
		return err
	}
	a, err := m.attendanceActivity(c, p, id, canReadAttendance)
	if err != nil {
		return err
	}
	rows, found, err := m.Store.ListAttendance(c.Request().Context(), id, page)
	if err != nil {
		return err
	}
	sc := participantsSeenBy(p)
	ids := make([]uuid.UUID, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	parts, err := m.Store.AttendanceParticipants(c.Request().Context(), ids, sc)
	if err != nil {
		return err
	}
	items := make([]AttendanceResponse, len(rows))
	for i, r := range rows {
		items[i] = withParticipants(m.attendanceOut(p, a)(r), sc, parts[r.ID])
	}
	if !sc.none() {
		c.Response().Header().Set("Cache-Control", "no-store")
	}
	return c.JSON(http.StatusOK, paging.NewList(items, found))
}

// getAttendance godoc
//
//	@Summary	Get an attendance record
//	@Tags		calendar
//	@Produce	json
//	@Security	BearerAuth
//	@Param		id				path		string	true	"Activity id"	format(uuid)
//	@Param		attendance_id	path		string	true	"Attendance id"	format(uuid)
//	@Success	200				{object}	calendar.AttendanceResponse
//	@Success	304				"Not modified"
//	@Router		/activities/{id}/attendance/{attendance_id} [get]
func (m Module) getAttendance(c echo.Context) error {
	p, id, aid, err := httpapi.Nested(c, canRead, "attendance_id")
	if err != nil {
		return err
	}
	a, err := m.attendanceActivity(c, p, id, canReadAttendance)
	if err != nil {
		return err
	}
	r, err := m.Store.GetAttendance(c.Request().Context(), id, aid)
	if err != nil {
		return err
	}
	return m.attendanceResponse(c, http.StatusOK, p, a, r)
}

// createAttendance godoc
//
//	@Summary		Record an occurrence's attendance
//	@Description	occurrence_start is the occurrence's original start (original_start in the calendar); it must be an occurrence of the activity that is not cancelled and has started (else 422). One record per occurrence (409 for a second). The units' mentors, the producer and admins record attendance.
//	@Tags			calendar
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id		path		string						true	"Activity id"	format(uuid)
//	@Param			body	body		calendar.AttendanceInput	true	"The attendance"
//	@Success		201		{object}	calendar.AttendanceResponse
//	@Router			/activities/{id}/attendance [post]
func (m Module) createAttendance(c echo.Context) error {
	p, id, err := httpapi.Target(c, canRecordAttendance)
	if err != nil {
		return err
	}
	a, err := m.attendanceActivity(c, p, id, canWriteAttendance)
	if err != nil {
		return err
	}
	var in AttendanceInput
	if err := httpapi.Decode(c, &in); err != nil {
		return err
	}
	if err := in.validate(); err != nil {
		return err
	}
	if len(in.Participants) > 0 {
		if err := canWriteParticipants(p); err != nil {
			return err
		}
	}
	r, err := m.Store.CreateAttendance(c.Request().Context(), id, in, participantsSeenBy(p), proposer(p), m.Now())
	if err != nil {
		return err
	}
	c.Response().Header().Set("Location", "/api/v1/activities/"+id.String()+"/attendance/"+r.ID.String())
	return m.attendanceResponse(c, http.StatusCreated, p, a, r)
}

// updateAttendance godoc
//
//	@Summary	Change an attendance record
//	@Tags		calendar
//	@Accept		json
//	@Produce	json
//	@Security	BearerAuth
//	@Param		id				path		string						true	"Activity id"	format(uuid)
//	@Param		attendance_id	path		string						true	"Attendance id"	format(uuid)
//	@Param		If-Match		header		string						false	"Version ETag the change is based on"
//	@Param		body			body		calendar.AttendancePatch	true	"Fields to change"
//	@Success	200				{object}	calendar.AttendanceResponse
//	@Router		/activities/{id}/attendance/{attendance_id} [patch]
func (m Module) updateAttendance(c echo.Context) error {
	p, a, aid, ifMatch, err := m.attendanceChange(c)
	if err != nil {
		return err
	}
	var patch AttendancePatch
	if err := httpapi.Decode(c, &patch); err != nil {
		return err
	}
	if patch.Participants != nil {
		if err := canWriteParticipants(p); err != nil {
			return err
		}
	}
	r, err := m.Store.UpdateAttendance(c.Request().Context(), a.ID, aid, ifMatch, patch, participantsSeenBy(p))
	if err != nil {
		return err
	}
	return m.attendanceResponse(c, http.StatusOK, p, a, r)
}

// deleteAttendance godoc
//
//	@Summary	Delete an attendance record
//	@Tags		calendar
//	@Security	BearerAuth
//	@Param		id				path	string	true	"Activity id"	format(uuid)
//	@Param		attendance_id	path	string	true	"Attendance id"	format(uuid)
//	@Param		If-Match		header	string	false	"Version ETag the deletion is based on"
//	@Success	204				"Deleted"
//	@Router		/activities/{id}/attendance/{attendance_id} [delete]
func (m Module) deleteAttendance(c echo.Context) error {
	_, a, aid, ifMatch, err := m.attendanceChange(c)
	if err != nil {
		return err
	}
	return httpapi.Deleted(c, m.Store.DeleteAttendance(c.Request().Context(), a.ID, aid, ifMatch))
}

// attendanceChange reads the caller, the activity, the record's id and the
// If-Match of a change to one attendance record, after the policy allows the
// caller to record attendance for the activity's units.
func (m Module) attendanceChange(c echo.Context) (p *access.Principal, a Activity, aid uuid.UUID, ifMatch *int, err error) {
	p, id, aid, err := httpapi.Nested(c, canRecordAttendance, "attendance_id")
	if err != nil {
		return nil, a, aid, nil, err
	}
	if a, err = m.attendanceActivity(c, p, id, canWriteAttendance); err != nil {
		return nil, a, aid, nil, err
	}
	ifMatch, err = httpapi.IfMatch(c)
	return p, a, aid, ifMatch, err
}

// attendanceResponse answers with one record and the participants the
// caller sees (their read audited; not cached).
func (m Module) attendanceResponse(c echo.Context, status int, p *access.Principal, a Activity, r Attendance) error {
	sc := participantsSeenBy(p)
	parts, err := m.Store.AttendanceParticipants(c.Request().Context(), []uuid.UUID{r.ID}, sc)
	if err != nil {
		return err
	}
	if !sc.none() {
		c.Response().Header().Set("Cache-Control", "no-store")
	}
	return httpapi.Versioned(c, status, r.Version, withParticipants(m.attendanceOut(p, a)(r), sc, parts[r.ID]))
}

// attendanceActivity reads the activity whose attendance a request is
// about and decides on it (canReadAttendance, canWriteAttendance).
func (m Module) attendanceActivity(c echo.Context, p *access.Principal, id uuid.UUID,
	decide func(*access.Principal, Activity) error) (Activity, error) {
	a, err := m.Store.GetActivity(c.Request().Context(), id)
	if err != nil {
		return a, err
	}
	return a, decide(p, a)
}
