package committee

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"kulttuurisilta/api/internal/apperr"
	"kulttuurisilta/api/internal/httpapi"
	"kulttuurisilta/api/internal/httpapi/listing"
)

// listResidents godoc
//
//	@Summary		List residents
//	@Description	Residents are personal data: only admins and the unit's mentors read them (a mentor sees their own units' residents).
//	@Tags			residents
//	@Produce		json
//	@Security		BearerAuth
//	@Param			unit_id			query		string	false	"Unit"	format(uuid)
//	@Param			active			query		bool	false	"Active residents only (true) or inactive only (false)"
//	@Param			q				query		string	false	"Display name contains"
//	@Param			limit			query		int		false	"Page size (1-200)"	default(50)
//	@Param			offset			query		int		false	"Offset"			default(0)
//	@Param			updated_since	query		string	false	"Only items changed after this time (RFC 3339)"
//	@Success		200				{object}	paging.ListDoc{items=[]committee.ResidentResponse}
//	@Router			/residents [get]
func (m Module) listResidents(c echo.Context) error {
	p, page, err := listing.Request(c, canManageResidents)
	if err != nil {
		return err
	}
	var f ResidentFilter
	if f.UnitID, err = httpapi.QueryUUID(c, "unit_id"); err != nil {
		return err
	}
	if f.Active, err = httpapi.QueryBool(c, "active"); err != nil {
		return err
	}
	if f.Q, err = httpapi.QuerySearch(c); err != nil {
		return err
	}
	rows, found, err := m.Store.ListResidents(c.Request().Context(), unitScope(p), f, page)
	return listing.Answer(c, p, rows, found, err, httpapi.Fixed(residentOut))
}

// getResident godoc
//
//	@Summary	Get a resident
//	@Tags		residents
//	@Produce	json
//	@Security	BearerAuth
//	@Param		id	path		string	true	"Resident id"	format(uuid)
//	@Success	200	{object}	ResidentResponse
//	@Success	304	"Not modified"
//	@Router		/residents/{id} [get]
func (m Module) getResident(c echo.Context) error {
	return httpapi.GetIn(c, canManageResidents, unitScope, m.Store.GetResident, httpapi.Fixed(residentOut))
}

// createResident godoc
//
//	@Summary		Add a resident
//	@Description	A display name only (a first name or nickname): no surnames, identity codes or health data. A resident's unit never changes.
//	@Tags			residents
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			body	body		ResidentInput	true	"The resident"
//	@Success		201		{object}	ResidentResponse
//	@Router			/residents [post]
func (m Module) createResident(c echo.Context) error {
	p, err := httpapi.Authorize(c, canManageResidents)
	if err != nil {
		return err
	}
	var in ResidentInput
	if err := httpapi.Decode(c, &in); err != nil {
		return err
	}
	if err := in.validate(); err != nil {
		return err
	}
	if !seesUnit(p, in.UnitID) {
		return apperr.Forbidden("you are not a mentor of this unit")
	}
	row, err := m.Store.CreateResident(c.Request().Context(), in)
	return httpapi.Created(c, "/api/v1/residents/", row, err, residentOut(p))
}

// updateResident godoc
//
//	@Summary	Change a resident
//	@Tags		residents
//	@Accept		json
//	@Produce	json
//	@Security	BearerAuth
//	@Param		id			path		string			true	"Resident id"	format(uuid)
//	@Param		If-Match	header		string			false	"Version ETag the change is based on"
//	@Param		body		body		ResidentPatch	true	"Fields to change"
//	@Success	200			{object}	ResidentResponse
//	@Router		/residents/{id} [patch]
func (m Module) updateResident(c echo.Context) error {
	return httpapi.UpdateIn(c, canManageResidents, unitScope, m.Store.UpdateResident, httpapi.Fixed(residentOut))
}

// eraseResident godoc
//
//	@Summary		Erase a resident
//	@Description	Erases the resident with their committee memberships and culture profile (a request to erase personal data). The audit log keeps only that the data existed and was erased, not its content. To keep the committee history, deactivate the resident instead (PATCH active=false).
//	@Tags			residents
//	@Security		BearerAuth
//	@Param			id			path	string	true	"Resident id"	format(uuid)
//	@Param			If-Match	header	string	false	"Version ETag the erasure is based on"
//	@Success		204			"Erased"
//	@Router			/residents/{id} [delete]
func (m Module) eraseResident(c echo.Context) error {
	p, id, ifMatch, err := httpapi.TargetVersion(c, canManageResidents)
	if err != nil {
		return err
	}
	return httpapi.Deleted(c, m.Store.EraseResident(c.Request().Context(), unitScope(p), id, ifMatch))
}

// getProfile godoc
//
//	@Summary		Read a resident's culture profile
//	@Description	Culture in the care record: life story, music, arts, places and wishes in the resident's own words. Only the unit's mentors and admins read it, and every read is written to the audit log.
//	@Tags			residents
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id	path		string	true	"Resident id"	format(uuid)
//	@Success		200	{object}	ProfileResponse
//	@Success		304	"Not modified"
//	@Router			/residents/{id}/culture-profile [get]
func (m Module) getProfile(c echo.Context) error {
	p, id, err := httpapi.Target(c, canManageResidents)
	if err != nil {
		return err
	}
	row, err := m.Store.GetProfile(c.Request().Context(), unitScope(p), id)
	if err != nil {
		return err
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return httpapi.Versioned(c, http.StatusOK, row.Version, profileOut(p)(row))
}

// putProfile godoc
//
//	@Summary		Write a resident's culture profile
//	@Description	Creates the profile (201) or replaces it whole (200; send If-Match to be safe from lost updates). Texts are stored as plain text.
//	@Tags			residents
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id			path		string			true	"Resident id"	format(uuid)
//	@Param			If-Match	header		string			false	"Version ETag the change is based on"
//	@Param			body		body		ProfileInput	true	"The profile"
//	@Success		200			{object}	ProfileResponse
//	@Success		201			{object}	ProfileResponse
//	@Router			/residents/{id}/culture-profile [put]
func (m Module) putProfile(c echo.Context) error {
	p, id, err := httpapi.Target(c, canManageResidents)
	if err != nil {
		return err
	}
	ifMatch, in, err := httpapi.Change[ProfileInput](c)
	if err != nil {
		return err
	}
	if err := in.validate(); err != nil {
		return err
	}
	row, created, err := m.Store.PutProfile(c.Request().Context(), unitScope(p), id, ifMatch, in)
	if err != nil {
		return err
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	status := http.StatusOK
	if created {
		status = http.StatusCreated
		c.Response().Header().Set("Location", "/api/v1/residents/"+id.String()+"/culture-profile")
	}
	return httpapi.Versioned(c, status, row.Version, profileOut(p)(row))
}

// eraseProfile godoc
//
//	@Summary		Erase a resident's culture profile
//	@Description	Deletes the profile and scrubs its content from the audit log, which keeps only that it existed and was erased.
//	@Tags			residents
//	@Security		BearerAuth
//	@Param			id			path	string	true	"Resident id"	format(uuid)
//	@Param			If-Match	header	string	false	"Version ETag the erasure is based on"
//	@Success		204			"Erased"
//	@Router			/residents/{id}/culture-profile [delete]
func (m Module) eraseProfile(c echo.Context) error {
	p, id, ifMatch, err := httpapi.TargetVersion(c, canManageResidents)
	if err != nil {
		return err
	}
	return httpapi.Deleted(c, m.Store.EraseProfile(c.Request().Context(), unitScope(p), id, ifMatch))
}

// exportResident godoc
//
//	@Summary		Export all of a resident's data
//	@Description	Everything kept about the resident (the resident, the culture profile, committee memberships) as one JSON document, for a data subject's access request. The export is written to the audit log.
//	@Tags			residents
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id	path		string	true	"Resident id"	format(uuid)
//	@Success		200	{object}	ResidentExport
//	@Router			/residents/{id}/culture-profile/export [get]
func (m Module) exportResident(c echo.Context) error {
	p, id, err := httpapi.Target(c, canManageResidents)
	if err != nil {
		return err
	}
	out, err := m.Store.Export(c.Request().Context(), unitScope(p), id)
	if err != nil {
		return err
	}
	exportOut(p, &out)
	c.Response().Header().Set("Cache-Control", "no-store")
	c.Response().Header().Set("Content-Disposition", `attachment; filename="resident-`+id.String()+`.json"`)
	return c.JSON(http.StatusOK, out)
}
