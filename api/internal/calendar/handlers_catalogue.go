package calendar

import (
	"github.com/labstack/echo/v4"

	"kulttuurisilta/api/internal/httpapi"
	"kulttuurisilta/api/internal/httpapi/listing"
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
	p, page, err := listing.Request(c, canRead)
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
	f.InUse = canWriteCatalogue(p) == nil // whether to offer delete depends on it
	rows, found, err := m.Store.ListPartners(c.Request().Context(), f, page)
	return listing.Answer(c, p, rows, found, err, m.partnersOut)
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
	return httpapi.GetOne(c, canRead, m.Store.GetPartner, m.partnersOut)
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
	return httpapi.CreateOne(c, canWriteCatalogue, "/api/v1/partners/", (*PartnerInput).validate, m.Store.CreatePartner, m.partnersOut)
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
	return httpapi.UpdateOne(c, canWriteCatalogue, m.Store.UpdatePartner, m.partnersOut)
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
	return httpapi.DeleteOne(c, canWriteCatalogue, m.Store.DeletePartner)
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
	p, page, err := listing.Request(c, canRead)
	if err != nil {
		return err
	}
	rows, found, err := m.Store.ListSeries(c.Request().Context(), page, canWriteCatalogue(p) == nil)
	return listing.Answer(c, p, rows, found, err, m.seriesOut)
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
	return httpapi.GetOne(c, canRead, m.Store.GetSeries, m.seriesOut)
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
	return httpapi.CreateOne(c, canWriteCatalogue, "/api/v1/series/", (*SeriesInput).validate, m.Store.CreateSeries, m.seriesOut)
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
	return httpapi.UpdateOne(c, canWriteCatalogue, m.Store.UpdateSeries, m.seriesOut)
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
	return httpapi.DeleteOne(c, canWriteCatalogue, m.Store.DeleteSeries)
}
