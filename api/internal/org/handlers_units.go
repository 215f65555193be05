package org

import (
	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"kulttuurisilta/api/internal/httpapi"
	"kulttuurisilta/api/internal/httpapi/listing"
)

// listUnits godoc
//
//	@Summary		List units
//	@Description	Every signed-in user reads units. mine=true keeps only the caller's own units (a mentor's).
//	@Tags			org
//	@Produce		json
//	@Security		BearerAuth
//	@Param			department_id	query		string	false	"Department"	format(uuid)
//	@Param			kind			query		string	false	"Unit kind"		Enums(care_home,day_centre,sheltered_housing,supported_housing,mental_health_rehab,work_activity,other)
//	@Param			active			query		bool	false	"Active units only (true) or inactive only (false)"
//	@Param			mine			query		bool	false	"Only the caller's own units"
//	@Param			limit			query		int		false	"Page size (1-200)"	default(50)
//	@Param			offset			query		int		false	"Offset"			default(0)
//	@Param			updated_since	query		string	false	"Only items changed after this time (RFC 3339)"
//	@Success		200				{object}	paging.ListDoc{items=[]org.UnitResponse}
//	@Router			/units [get]
func (m Module) listUnits(c echo.Context) error {
	p, page, err := listing.Request(c, canRead)
	if err != nil {
		return err
	}
	var f UnitFilter
	if f.DepartmentID, err = httpapi.QueryUUID(c, "department_id"); err != nil {
		return err
	}
	if f.Kind, err = httpapi.QueryEnum(c, "kind", UnitKinds...); err != nil {
		return err
	}
	if f.Active, err = httpapi.QueryBool(c, "active"); err != nil {
		return err
	}
	mine, err := httpapi.QueryBool(c, "mine")
	if err != nil {
		return err
	}
	if mine != nil && *mine {
		f.OnlyIDs = p.UnitIDs
		if f.OnlyIDs == nil {
			f.OnlyIDs = []uuid.UUID{}
		}
	}
	f.InUse = canWriteUnits(p) == nil // whether to offer delete depends on it
	rows, found, err := m.Store.ListUnits(c.Request().Context(), f, page)
	return listing.Answer(c, p, rows, found, err, m.unitsOut)
}

// getUnit godoc
//
//	@Summary	Get a unit
//	@Tags		org
//	@Produce	json
//	@Security	BearerAuth
//	@Param		id	path		string	true	"Unit id"	format(uuid)
//	@Success	200	{object}	UnitResponse
//	@Success	304	"Not modified"
//	@Router		/units/{id} [get]
func (m Module) getUnit(c echo.Context) error {
	return httpapi.GetOne(c, canRead, m.Store.GetUnit, m.unitsOut)
}

// createUnit godoc
//
//	@Summary	Create a unit
//	@Tags		org
//	@Accept		json
//	@Produce	json
//	@Security	BearerAuth
//	@Param		body	body		UnitInput	true	"The unit"
//	@Success	201		{object}	UnitResponse
//	@Router		/units [post]
func (m Module) createUnit(c echo.Context) error {
	return httpapi.CreateOne(c, canWriteUnits, "/api/v1/units/", (*UnitInput).validate, m.Store.CreateUnit, m.unitsOut)
}

// updateUnit godoc
//
//	@Summary	Change a unit
//	@Tags		org
//	@Accept		json
//	@Produce	json
//	@Security	BearerAuth
//	@Param		id			path		string		true	"Unit id"	format(uuid)
//	@Param		If-Match	header		string		false	"Version ETag the change is based on"
//	@Param		body		body		UnitPatch	true	"Fields to change"
//	@Success	200			{object}	UnitResponse
//	@Router		/units/{id} [patch]
func (m Module) updateUnit(c echo.Context) error {
	return httpapi.UpdateOne(c, canWriteUnits, m.Store.UpdateUnit, m.unitsOut)
}

// deleteUnit godoc
//
//	@Summary		Delete a unit
//	@Description	Only a unit nothing refers to can be deleted; deactivate others with PATCH active=false.
//	@Tags			org
//	@Security		BearerAuth
//	@Param			id			path	string	true	"Unit id"	format(uuid)
//	@Param			If-Match	header	string	false	"Version ETag the deletion is based on"
//	@Success		204			"Deleted"
//	@Router			/units/{id} [delete]
func (m Module) deleteUnit(c echo.Context) error {
	return httpapi.DeleteOne(c, canWriteUnits, m.Store.DeleteUnit)
}
