package calendar

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"kulttuurisilta/api/internal/httpapi"
	"kulttuurisilta/api/internal/paging"
)

// listPartners godoc
//
//	@Summary	List partners
//	@Tags		calendar
//	@Produce	json
//	@Security	BearerAuth
//	@Param		kind			query		string	false	"Partner kind"	Enums(art_centre,library,performer,museum,school,volunteer_org,association,company,other)
//	@Param		active			query		bool	false	"Active (true) or inactive (false) partners only"
//	@Param		limit			query		int		false	"Page size (1-200)"	default(50)
//	@Param		offset			query		int		false	"Offset"			default(0)
//	@Param		updated_since	query		string	false	"Only items changed after this time (RFC 3339)"
//	@Success	200				{object}	paging.ListDoc{items=[]calendar.PartnerResponse}
//	@Router		/partners [get]
func (m Module) listPartners(c echo.Context) error {
	p, err := httpapi.Authorize(c, canRead)
	if err != nil {
		return err
	}
	page, err := paging.Parse(c.QueryParams())
	if err != nil {
		return err
	}
	var f PartnerFilter
	if f.Kind, err = httpapi.QueryEnum(c, "kind", PartnerKinds...); err != nil {
		return err
	}
	if f.Active, err = httpapi.QueryBool(c, "active"); err != nil {
		return err
	}
	rows, found, err := m.Store.ListPartners(c.Request().Context(), f, page)
	if err != nil {
		return err
	}
	out, err := m.partnersOut(c.Request().Context(), p, rows...)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, paging.ListOf(rows, found, out))
}

// getPartner godoc
//
//	@Summary	Get a partner
//	@Tags		calendar
//	@Produce	json
//	@Security	BearerAuth
//	@Param		id	path		string	true	"Partner id"	format(uuid)
//	@Success	200	{object}	calendar.PartnerResponse
//	@Success	304	"Not modified"
//	@Router		/partners/{id} [get]
func (m Module) getPartner(c echo.Context) error {
	p, id, err := httpapi.Target(c, canRead)
	if err != nil {
		return err
	}
	r, err := m.Store.GetPartner(c.Request().Context(), id)
	if err != nil {
		return err
	}
	out, err := m.partnersOut(c.Request().Context(), p, r)
	return httpapi.Row(c, http.StatusOK, r, err, out)
}

// createPartner godoc
//
//	@Summary	Create a partner
//	@Tags		calendar
//	@Accept		json
//	@Produce	json
//	@Security	BearerAuth
//	@Param		body	body		calendar.PartnerInput	true	"The partner"
//	@Success	201		{object}	calendar.PartnerResponse
//	@Router		/partners [post]
func (m Module) createPartner(c echo.Context) error {
	p, err := httpapi.Authorize(c, canWriteCatalogue)
	if err != nil {
		return err
	}
	var in PartnerInput
	if err := httpapi.Decode(c, &in); err != nil {
		return err
	}
	if err := in.validate(); err != nil {
		return err
	}
	r, err := m.Store.CreatePartner(c.Request().Context(), in)
	if err != nil {
		return err
	}
	out, err := m.partnersOut(c.Request().Context(), p, r)
	return httpapi.Created(c, "/api/v1/partners/", r, err, out)
}

// updatePartner godoc
//
//	@Summary	Change a partner
//	@Tags		calendar
//	@Accept		json
//	@Produce	json
//	@Security	BearerAuth
//	@Param		id			path		string					true	"Partner id"	format(uuid)
//	@Param		If-Match	header		string					false	"Version ETag the change is based on"
//	@Param		body		body		calendar.PartnerPatch	true	"Fields to change"
//	@Success	200			{object}	calendar.PartnerResponse
//	@Router		/partners/{id} [patch]
func (m Module) updatePartner(c echo.Context) error {
	p, id, err := httpapi.Target(c, canWriteCatalogue)
	if err != nil {
		return err
	}
	ifMatch, patch, err := httpapi.Change[PartnerPatch](c)
	if err != nil {
		return err
	}
	r, err := m.Store.UpdatePartner(c.Request().Context(), id, ifMatch, patch)
	if err != nil {
		return err
	}
	out, err := m.partnersOut(c.Request().Context(), p, r)
	return httpapi.Row(c, http.StatusOK, r, err, out)
}

// deletePartner godoc
//
//	@Summary		Delete a partner
//	@Description	Only a partner in no activity can be deleted; deactivate others with PATCH active=false.
//	@Tags			calendar
//	@Security		BearerAuth
//	@Param			id			path	string	true	"Partner id"	format(uuid)
//	@Param			If-Match	header	string	false	"Version ETag the deletion is based on"
//	@Success		204			"Deleted"
//	@Router			/partners/{id} [delete]
func (m Module) deletePartner(c echo.Context) error {
	_, id, ifMatch, err := httpapi.TargetVersion(c, canWriteCatalogue)
	if err != nil {
		return err
	}
	return httpapi.Deleted(c, m.Store.DeletePartner(c.Request().Context(), id, ifMatch))
}

// listSeries godoc
//
//	@Summary	List event series
//	@Tags		calendar
//	@Produce	json
//	@Security	BearerAuth
//	@Param		limit			query		int		false	"Page size (1-200)"	default(50)
//	@Param		offset			query		int		false	"Offset"			default(0)
//	@Param		updated_since	query		string	false	"Only items changed after this time (RFC 3339)"
//	@Success	200				{object}	paging.ListDoc{items=[]calendar.SeriesResponse}
//	@Router		/series [get]
func (m Module) listSeries(c echo.Context) error {
	p, err := httpapi.Authorize(c, canRead)
	if err != nil {
		return err
	}
	page, err := paging.Parse(c.QueryParams())
	if err != nil {
		return err
	}
	rows, found, err := m.Store.ListSeries(c.Request().Context(), page)
	if err != nil {
		return err
	}
	out, err := m.seriesOut(c.Request().Context(), p, rows...)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, paging.ListOf(rows, found, out))
}

// getSeries godoc
//
//	@Summary	Get an event series
//	@Tags		calendar
//	@Produce	json
//	@Security	BearerAuth
//	@Param		id	path		string	true	"Series id"	format(uuid)
//	@Success	200	{object}	calendar.SeriesResponse
//	@Success	304	"Not modified"
//	@Router		/series/{id} [get]
func (m Module) getSeries(c echo.Context) error {
	p, id, err := httpapi.Target(c, canRead)
	if err != nil {
		return err
	}
	r, err := m.Store.GetSeries(c.Request().Context(), id)
	if err != nil {
		return err
	}
	out, err := m.seriesOut(c.Request().Context(), p, r)
	return httpapi.Row(c, http.StatusOK, r, err, out)
}

// createSeries godoc
//
//	@Summary	Create an event series
//	@Tags		calendar
//	@Accept		json
//	@Produce	json
//	@Security	BearerAuth
//	@Param		body	body		calendar.SeriesInput	true	"The series"
//	@Success	201		{object}	calendar.SeriesResponse
//	@Router		/series [post]
func (m Module) createSeries(c echo.Context) error {
	p, err := httpapi.Authorize(c, canWriteCatalogue)
	if err != nil {
		return err
	}
	var in SeriesInput
	if err := httpapi.Decode(c, &in); err != nil {
		return err
	}
	if err := in.validate(); err != nil {
		return err
	}
	r, err := m.Store.CreateSeries(c.Request().Context(), in)
	if err != nil {
		return err
	}
	out, err := m.seriesOut(c.Request().Context(), p, r)
	return httpapi.Created(c, "/api/v1/series/", r, err, out)
}

// updateSeries godoc
//
//	@Summary	Change an event series
//	@Tags		calendar
//	@Accept		json
//	@Produce	json
//	@Security	BearerAuth
//	@Param		id			path		string					true	"Series id"	format(uuid)
//	@Param		If-Match	header		string					false	"Version ETag the change is based on"
//	@Param		body		body		calendar.SeriesPatch	true	"Fields to change"
//	@Success	200			{object}	calendar.SeriesResponse
//	@Router		/series/{id} [patch]
func (m Module) updateSeries(c echo.Context) error {
	p, id, err := httpapi.Target(c, canWriteCatalogue)
	if err != nil {
		return err
	}
	ifMatch, patch, err := httpapi.Change[SeriesPatch](c)
	if err != nil {
		return err
	}
	r, err := m.Store.UpdateSeries(c.Request().Context(), id, ifMatch, patch)
	if err != nil {
		return err
	}
	out, err := m.seriesOut(c.Request().Context(), p, r)
	return httpapi.Row(c, http.StatusOK, r, err, out)
}

// deleteSeries godoc
//
//	@Summary	Delete an event series
//	@Tags		calendar
//	@Security	BearerAuth
//	@Param		id			path	string	true	"Series id"	format(uuid)
//	@Param		If-Match	header	string	false	"Version ETag the deletion is based on"
//	@Success	204			"Deleted"
//	@Router		/series/{id} [delete]
func (m Module) deleteSeries(c echo.Context) error {
	_, id, ifMatch, err := httpapi.TargetVersion(c, canWriteCatalogue)
	if err != nil {
		return err
	}
	return httpapi.Deleted(c, m.Store.DeleteSeries(c.Request().Context(), id, ifMatch))
}
