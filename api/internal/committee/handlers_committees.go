package committee

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"kulttuurisilta/api/internal/apperr"
	"kulttuurisilta/api/internal/httpapi"
	"kulttuurisilta/api/internal/httpapi/listing"
)

// listCommittees godoc
//
//	@Summary		List committees
//	@Description	Every role reads committees (API tokens need org:read); a mentor sees only their own units' committees.
//	@Tags			committees
//	@Produce		json
//	@Security		BearerAuth
//	@Param			unit_id			query		string	false	"Unit"	format(uuid)
//	@Param			active			query		bool	false	"Active committees only (true) or inactive only (false)"
//	@Param			limit			query		int		false	"Page size (1-200)"	default(50)
//	@Param			offset			query		int		false	"Offset"			default(0)
//	@Param			updated_since	query		string	false	"Only items changed after this time (RFC 3339)"
//	@Success		200				{object}	paging.ListDoc{items=[]committee.CommitteeResponse}
//	@Router			/committees [get]
func (m Module) listCommittees(c echo.Context) error {
	p, page, err := listing.Request(c, canReadCommittees)
	if err != nil {
		return err
	}
	var f CommitteeFilter
	if f.UnitID, err = httpapi.QueryUUID(c, "unit_id"); err != nil {
		return err
	}
	if f.Active, err = httpapi.QueryBool(c, "active"); err != nil {
		return err
	}
	f.InUse = canWriteCommittees(p) == nil // whether to offer delete depends on it
	rows, found, err := m.Store.ListCommittees(c.Request().Context(), unitScope(p), f, page)
	return listing.Answer(c, p, rows, found, err, m.committeesOut)
}

// getCommittee godoc
//
//	@Summary	Get a committee
//	@Tags		committees
//	@Produce	json
//	@Security	BearerAuth
//	@Param		id	path		string	true	"Committee id"	format(uuid)
//	@Success	200	{object}	CommitteeResponse
//	@Success	304	"Not modified"
//	@Router		/committees/{id} [get]
func (m Module) getCommittee(c echo.Context) error {
	return httpapi.GetIn(c, canReadCommittees, unitScope, m.Store.GetCommittee, m.committeesOut)
}

// createCommittee godoc
//
//	@Summary		Form a committee
//	@Description	Admins, the unit's mentors and API tokens with org:write form committees. A committee's unit never changes.
//	@Tags			committees
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			body	body		CommitteeInput	true	"The committee"
//	@Success		201		{object}	CommitteeResponse
//	@Router			/committees [post]
func (m Module) createCommittee(c echo.Context) error {
	p, err := httpapi.Authorize(c, canWriteCommittees)
	if err != nil {
		return err
	}
	var in CommitteeInput
	if err := httpapi.Decode(c, &in); err != nil {
		return err
	}
	if err := in.validate(); err != nil {
		return err
	}
	if !seesUnit(p, in.UnitID) {
		return apperr.Forbidden("you are not a mentor of this unit")
	}
	row, err := m.Store.CreateCommittee(c.Request().Context(), in)
	if err != nil {
		return err
	}
	out, err := m.committeesOut(c.Request().Context(), p) // new: nothing refers to it, so no lookup
	return httpapi.Created(c, "/api/v1/committees/", row, err, out)
}

// updateCommittee godoc
//
//	@Summary	Change a committee
//	@Tags		committees
//	@Accept		json
//	@Produce	json
//	@Security	BearerAuth
//	@Param		id			path		string			true	"Committee id"	format(uuid)
//	@Param		If-Match	header		string			false	"Version ETag the change is based on"
//	@Param		body		body		CommitteePatch	true	"Fields to change"
//	@Success	200			{object}	CommitteeResponse
//	@Router		/committees/{id} [patch]
func (m Module) updateCommittee(c echo.Context) error {
	return httpapi.UpdateIn(c, canWriteCommittees, unitScope, m.Store.UpdateCommittee, m.committeesOut)
}

// deleteCommittee godoc
//
//	@Summary		Delete a committee
//	@Description	Only a committee without members, meetings or ideas can be deleted; deactivate others with PATCH active=false.
//	@Tags			committees
//	@Security		BearerAuth
//	@Param			id			path	string	true	"Committee id"	format(uuid)
//	@Param			If-Match	header	string	false	"Version ETag the deletion is based on"
//	@Success		204			"Deleted"
//	@Router			/committees/{id} [delete]
func (m Module) deleteCommittee(c echo.Context) error {
	return httpapi.DeleteIn(c, canWriteCommittees, unitScope, m.Store.DeleteCommittee)
}

// committeeSummary godoc
//
//	@Summary		Committee figures per unit
//	@Description	Per active unit: active committees, residents on a committee today, meetings held in the year, and the ideas filed in the year by their status now and how many became activities. Figures only, no personal data: every role and API tokens with org:read read it; a mentor sees their own units.
//	@Tags			committees
//	@Produce		json
//	@Security		BearerAuth
//	@Param			year			query		int		false	"Year (default: this year)"
//	@Param			department_id	query		string	false	"Only units of this department"	format(uuid)
//	@Success		200				{object}	CommitteeSummary
//	@Router			/committees/summary [get]
func (m Module) committeeSummary(c echo.Context) error {
	p, err := httpapi.Authorize(c, canReadSummary)
	if err != nil {
		return err
	}
	f, err := m.summaryFilter(c)
	if err != nil {
		return err
	}
	out, err := m.Store.CommitteeSummary(c.Request().Context(), unitScope(p), f, m.today(), m.Zone)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, out)
}
