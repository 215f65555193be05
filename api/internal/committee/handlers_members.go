package committee

import (
	"github.com/labstack/echo/v4"

	"kulttuurisilta/api/internal/httpapi"
	"kulttuurisilta/api/internal/httpapi/listing"
)

// listMembers godoc
//
//	@Summary		List a committee's members
//	@Description	Current members first, the chair and secretary before members; former members stay in the history. Admins, the producer, managers and the unit's mentors read members; viewers and API tokens do not (residents' names are personal data).
//	@Tags			committees
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id				path		string	true	"Committee id"	format(uuid)
//	@Param			current			query		bool	false	"Only members on the committee today (true) or only former ones (false)"
//	@Param			limit			query		int		false	"Page size (1-200)"	default(50)
//	@Param			offset			query		int		false	"Offset"			default(0)
//	@Param			updated_since	query		string	false	"Only items changed after this time (RFC 3339)"
//	@Success		200				{object}	paging.ListDoc{items=[]committee.MemberResponse}
//	@Router			/committees/{id}/members [get]
func (m Module) listMembers(c echo.Context) error {
	p, id, page, err := listing.Under(c, canReadPersonal)
	if err != nil {
		return err
	}
	f := MemberFilter{Today: m.today()}
	if f.Current, err = httpapi.QueryBool(c, "current"); err != nil {
		return err
	}
	rows, found, err := m.Store.ListMembers(c.Request().Context(), unitScope(p), id, f, page)
	return listing.Answer(c, p, rows, found, err, httpapi.Fixed(memberOut))
}

// getMember godoc
//
//	@Summary	Get a committee member
//	@Tags		committees
//	@Produce	json
//	@Security	BearerAuth
//	@Param		id			path		string	true	"Committee id"	format(uuid)
//	@Param		member_id	path		string	true	"Member id"		format(uuid)
//	@Success	200			{object}	MemberResponse
//	@Success	304			"Not modified"
//	@Router		/committees/{id}/members/{member_id} [get]
func (m Module) getMember(c echo.Context) error {
	return httpapi.GetNestedIn(c, canReadPersonal, "member_id", unitScope, m.Store.GetMember, httpapi.Fixed(memberOut))
}

// createMember godoc
//
//	@Summary		Add a committee member
//	@Description	Give resident_id (a resident of the committee's unit) or display_name (creates the resident in the committee's unit). joined_on must not be before the committee was founded, left_on not before joined_on; one resident's periods on a committee never overlap, and a committee has one current chair and one current secretary at most (409).
//	@Tags			committees
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id		path		string		true	"Committee id"	format(uuid)
//	@Param			body	body		MemberInput	true	"The member"
//	@Success		201		{object}	MemberResponse
//	@Router			/committees/{id}/members [post]
func (m Module) createMember(c echo.Context) error {
	p, id, err := httpapi.Target(c, canWritePersonal)
	if err != nil {
		return err
	}
	var in MemberInput
	if err := httpapi.Decode(c, &in); err != nil {
		return err
	}
	row, err := m.Store.CreateMember(c.Request().Context(), unitScope(p), id, in)
	return httpapi.Created(c, "/api/v1/committees/"+id.String()+"/members/", row, err, memberOut(p))
}

// updateMember godoc
//
//	@Summary		Change a committee member
//	@Description	Set left_on when a member leaves: they stay in the history. left_on null makes them current again.
//	@Tags			committees
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id			path		string		true	"Committee id"	format(uuid)
//	@Param			member_id	path		string		true	"Member id"		format(uuid)
//	@Param			If-Match	header		string		false	"Version ETag the change is based on"
//	@Param			body		body		MemberPatch	true	"Fields to change"
//	@Success		200			{object}	MemberResponse
//	@Router			/committees/{id}/members/{member_id} [patch]
func (m Module) updateMember(c echo.Context) error {
	return httpapi.UpdateNestedIn(c, canWritePersonal, "member_id", unitScope, m.Store.UpdateMember, httpapi.Fixed(memberOut))
}

// deleteMember godoc
//
//	@Summary		Remove a membership entered by mistake
//	@Description	A member who leaves is not deleted: set left_on instead so the history stays.
//	@Tags			committees
//	@Security		BearerAuth
//	@Param			id			path	string	true	"Committee id"	format(uuid)
//	@Param			member_id	path	string	true	"Member id"		format(uuid)
//	@Param			If-Match	header	string	false	"Version ETag the deletion is based on"
//	@Success		204			"Deleted"
//	@Router			/committees/{id}/members/{member_id} [delete]
func (m Module) deleteMember(c echo.Context) error {
	return httpapi.DeleteNestedIn(c, canWritePersonal, "member_id", unitScope, m.Store.DeleteMember)
}

// listMeetings godoc
//
//	@Summary		List a committee's meetings
//	@Description	Newest first. Minutes may name residents, so viewers and API tokens do not read meetings.
//	@Tags			committees
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id				path		string	true	"Committee id"						format(uuid)
//	@Param			from			query		string	false	"Held on or after (YYYY-MM-DD)"		format(date)
//	@Param			to				query		string	false	"Held on or before (YYYY-MM-DD)"	format(date)
//	@Param			limit			query		int		false	"Page size (1-200)"					default(50)
//	@Param			offset			query		int		false	"Offset"							default(0)
//	@Param			updated_since	query		string	false	"Only items changed after this time (RFC 3339)"
//	@Success		200				{object}	paging.ListDoc{items=[]committee.MeetingResponse}
//	@Router			/committees/{id}/meetings [get]
func (m Module) listMeetings(c echo.Context) error {
	p, id, page, err := listing.Under(c, canReadPersonal)
	if err != nil {
		return err
	}
	var f MeetingFilter
	if f.From, f.To, err = httpapi.DateRange(c, httpapi.RangeRules{}); err != nil {
		return err
	}
	rows, found, err := m.Store.ListMeetings(c.Request().Context(), unitScope(p), id, f, page)
	return listing.Answer(c, p, rows, found, err, httpapi.Fixed(meetingOut))
}

// getMeeting godoc
//
//	@Summary	Get a meeting
//	@Tags		committees
//	@Produce	json
//	@Security	BearerAuth
//	@Param		id			path		string	true	"Committee id"	format(uuid)
//	@Param		meeting_id	path		string	true	"Meeting id"	format(uuid)
//	@Success	200			{object}	MeetingResponse
//	@Success	304			"Not modified"
//	@Router		/committees/{id}/meetings/{meeting_id} [get]
func (m Module) getMeeting(c echo.Context) error {
	return httpapi.GetNestedIn(c, canReadPersonal, "meeting_id", unitScope, m.Store.GetMeeting, httpapi.Fixed(meetingOut))
}

// createMeeting godoc
//
//	@Summary		Record a meeting
//	@Description	held_on must not be before the committee was founded. Texts are stored as plain text.
//	@Tags			committees
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id		path		string			true	"Committee id"	format(uuid)
//	@Param			body	body		MeetingInput	true	"The meeting"
//	@Success		201		{object}	MeetingResponse
//	@Router			/committees/{id}/meetings [post]
func (m Module) createMeeting(c echo.Context) error {
	p, id, err := httpapi.Target(c, canWritePersonal)
	if err != nil {
		return err
	}
	var in MeetingInput
	if err := httpapi.Decode(c, &in); err != nil {
		return err
	}
	row, err := m.Store.CreateMeeting(c.Request().Context(), unitScope(p), id, in)
	return httpapi.Created(c, "/api/v1/committees/"+id.String()+"/meetings/", row, err, meetingOut(p))
}

// updateMeeting godoc
//
//	@Summary	Change a meeting
//	@Tags		committees
//	@Accept		json
//	@Produce	json
//	@Security	BearerAuth
//	@Param		id			path		string			true	"Committee id"	format(uuid)
//	@Param		meeting_id	path		string			true	"Meeting id"	format(uuid)
//	@Param		If-Match	header		string			false	"Version ETag the change is based on"
//	@Param		body		body		MeetingPatch	true	"Fields to change"
//	@Success	200			{object}	MeetingResponse
//	@Router		/committees/{id}/meetings/{meeting_id} [patch]
func (m Module) updateMeeting(c echo.Context) error {
	return httpapi.UpdateNestedIn(c, canWritePersonal, "meeting_id", unitScope, m.Store.UpdateMeeting, httpapi.Fixed(meetingOut))
}

// deleteMeeting godoc
//
//	@Summary	Delete a meeting
//	@Tags		committees
//	@Security	BearerAuth
//	@Param		id			path	string	true	"Committee id"	format(uuid)
//	@Param		meeting_id	path	string	true	"Meeting id"	format(uuid)
//	@Param		If-Match	header	string	false	"Version ETag the deletion is based on"
//	@Success	204			"Deleted"
//	@Router		/committees/{id}/meetings/{meeting_id} [delete]
func (m Module) deleteMeeting(c echo.Context) error {
	return httpapi.DeleteNestedIn(c, canWritePersonal, "meeting_id", unitScope, m.Store.DeleteMeeting)
}
