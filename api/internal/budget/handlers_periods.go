package budget

import (
	"net/http"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"kulttuurisilta/api/internal/apperr"
	"kulttuurisilta/api/internal/civil"
	"kulttuurisilta/api/internal/httpapi"
	"kulttuurisilta/api/internal/paging"
)

func periodParams(c echo.Context) (uuid.UUID, civil.Date, error) {
	id, err := httpapi.PathUUID(c, "id")
	if err != nil {
		return id, civil.Date{}, err
	}
	month, ok := ParseMonth(c.Param("month"))
	if !ok {
		return id, month, apperr.NotFound("period")
	}
	return id, month, nil
}

// listPeriods godoc
//
//	@Summary	List the months of an agreement with their status
//	@Tags		budget
//	@Produce	json
//	@Security	BearerAuth
//	@Param		id				path		string	true	"Agreement id"		format(uuid)
//	@Param		limit			query		int		false	"Page size (1-200)"	default(50)
//	@Param		offset			query		int		false	"Offset"			default(0)
//	@Param		updated_since	query		string	false	"Only months changed after this time (RFC 3339)"
//	@Success	200				{object}	paging.ListDoc{items=[]budget.PeriodResponse}
//	@Router		/agreements/{id}/periods [get]
func (m Module) listPeriods(c echo.Context) error {
	_, err := httpapi.Authorize(c, canReadTotals)
	if err != nil {
		return err
	}
	id, err := httpapi.PathUUID(c, "id")
	if err != nil {
		return err
	}
	page, err := paging.Parse(c.QueryParams())
	if err != nil {
		return err
	}
	rows, total, err := m.Store.ListPeriods(c.Request().Context(), id, page)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, paging.ListOf(rows, total, toPeriodResponse))
}

// getPeriod godoc
//
//	@Summary	Get a month's status and approvals
//	@Tags		budget
//	@Produce	json
//	@Security	BearerAuth
//	@Param		id		path		string	true	"Agreement id"	format(uuid)
//	@Param		month	path		string	true	"Month (YYYY-MM)"
//	@Success	200		{object}	PeriodResponse
//	@Success	304		"Not modified"
//	@Router		/agreements/{id}/periods/{month} [get]
func (m Module) getPeriod(c echo.Context) error {
	_, err := httpapi.Authorize(c, canReadTotals)
	if err != nil {
		return err
	}
	id, month, err := periodParams(c)
	if err != nil {
		return err
	}
	per, err := m.Store.GetPeriod(c.Request().Context(), id, month)
	if err != nil {
		return err
	}
	return httpapi.Versioned(c, http.StatusOK, per.Version, toPeriodResponse(per))
}

// approvePeriod godoc
//
//	@Summary		Approve a month for the manager's own department
//	@Description	When every department of the agreement has approved, the month becomes approved. Approvals fall away when the month's costs or the shares change. Approving again changes nothing.
//	@Tags			budget
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id			path		string	true	"Agreement id"	format(uuid)
//	@Param			month		path		string	true	"Month (YYYY-MM)"
//	@Param			If-Match	header		string	false	"Version ETag of the month the approval is based on"
//	@Success		200			{object}	PeriodResponse
//	@Router			/agreements/{id}/periods/{month}/approve [post]
func (m Module) approvePeriod(c echo.Context) error {
	p, err := httpapi.Authorize(c, canApprove)
	if err != nil {
		return err
	}
	id, month, err := periodParams(c)
	if err != nil {
		return err
	}
	ifMatch, err := httpapi.IfMatch(c)
	if err != nil {
		return err
	}
	per, err := m.Store.Approve(c.Request().Context(), id, month, ifMatch, p)
	if err != nil {
		return err
	}
	return httpapi.Versioned(c, http.StatusOK, per.Version, toPeriodResponse(per))
}

// lockPeriod godoc
//
//	@Summary		Lock an approved month
//	@Description	The producer or an admin. A locked month's costs and the agreement's shares cannot change.
//	@Tags			budget
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id			path		string	true	"Agreement id"	format(uuid)
//	@Param			month		path		string	true	"Month (YYYY-MM)"
//	@Param			If-Match	header		string	false	"Version ETag of the month"
//	@Success		200			{object}	PeriodResponse
//	@Router			/agreements/{id}/periods/{month}/lock [post]
func (m Module) lockPeriod(c echo.Context) error {
	p, err := httpapi.Authorize(c, canLock)
	if err != nil {
		return err
	}
	id, month, err := periodParams(c)
	if err != nil {
		return err
	}
	ifMatch, err := httpapi.IfMatch(c)
	if err != nil {
		return err
	}
	per, err := m.Store.Lock(c.Request().Context(), id, month, ifMatch, p)
	if err != nil {
		return err
	}
	return httpapi.Versioned(c, http.StatusOK, per.Version, toPeriodResponse(per))
}

// unlockPeriod godoc
//
//	@Summary		Unlock a locked month (admin, with a reason)
//	@Description	The month goes back to open and its approvals are withdrawn; the reason is kept in the audit log.
//	@Tags			budget
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id			path		string		true	"Agreement id"	format(uuid)
//	@Param			month		path		string		true	"Month (YYYY-MM)"
//	@Param			If-Match	header		string		false	"Version ETag of the month"
//	@Param			body		body		UnlockInput	true	"Why the month is reopened"
//	@Success		200			{object}	PeriodResponse
//	@Router			/agreements/{id}/periods/{month}/unlock [post]
func (m Module) unlockPeriod(c echo.Context) error {
	_, err := httpapi.Authorize(c, canUnlock)
	if err != nil {
		return err
	}
	id, month, err := periodParams(c)
	if err != nil {
		return err
	}
	ifMatch, err := httpapi.IfMatch(c)
	if err != nil {
		return err
	}
	var in UnlockInput
	if err := httpapi.Decode(c, &in); err != nil {
		return err
	}
	if err := in.validate(); err != nil {
		return err
	}
	per, err := m.Store.Unlock(c.Request().Context(), id, month, ifMatch, in.Reason)
	if err != nil {
		return err
	}
	return httpapi.Versioned(c, http.StatusOK, per.Version, toPeriodResponse(per))
}
