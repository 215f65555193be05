package budget

import (
	"mime"
	"net/http"
	"strings"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"kulttuurisilta/api/internal/apperr"
	"kulttuurisilta/api/internal/httpapi"
	"kulttuurisilta/api/internal/httpapi/listing"
	"kulttuurisilta/api/internal/paging"
)

// listCosts godoc
//
//	@Summary		List cost entries with their allocations
//	@Description	The entries behind any figure of the split report: filter by agreement, date range, category, unit (unit_id=none for entries without a unit), activity or department (the agreements it is part of).
//	@Tags			budget
//	@Produce		json
//	@Security		BearerAuth
//	@Param			agreement_id	query		string	false	"Agreement"					format(uuid)
//	@Param			from			query		string	false	"First day (YYYY-MM-DD)"	format(date)
//	@Param			to				query		string	false	"Last day (YYYY-MM-DD)"		format(date)
//	@Param			category		query		string	false	"Category"					Enums(salary, performer_fee, travel, materials, venue, other)
//	@Param			unit_id			query		string	false	"Unit id, or none"
//	@Param			activity_id		query		string	false	"Activity"																																																							format(uuid)
//	@Param			department_id	query		string	false	"Department"																																																						format(uuid)
//	@Param			sort			query		string	false	"Order: incurred_on (oldest first; the default), -incurred_on (newest first), -created_at (newest entered first), amount_cents, -amount_cents, updated_at (in the order of changes; the default with updated_since); ties by id"	Enums(incurred_on, -incurred_on, -created_at, amount_cents, -amount_cents, updated_at)
//	@Param			limit			query		int		false	"Page size (1-200)"																																																					default(50)
//	@Param			offset			query		int		false	"Offset"																																																							default(0)
//	@Param			updated_since	query		string	false	"Only items changed after this time (RFC 3339)"
//	@Success		200				{object}	paging.ListDoc{items=[]budget.CostResponse}
//	@Router			/costs [get]
func (m Module) listCosts(c echo.Context) error {
	p, page, err := listing.Request(c, canReadEntries)
	if err != nil {
		return err
	}
	var f CostFilter
	if f.AgreementID, err = httpapi.QueryUUID(c, "agreement_id"); err != nil {
		return err
	}
	if f.From, f.To, err = httpapi.DateRange(c, httpapi.RangeRules{}); err != nil {
		return err
	}
	if f.Category, err = httpapi.QueryEnum(c, "category", Categories...); err != nil {
		return err
	}
	if c.QueryParam("unit_id") == "none" {
		f.NoUnit = true
	} else if f.UnitID, err = httpapi.QueryUUID(c, "unit_id"); err != nil {
		return err
	}
	if f.ActivityID, err = httpapi.QueryUUID(c, "activity_id"); err != nil {
		return err
	}
	if f.DepartmentID, err = httpapi.QueryUUID(c, "department_id"); err != nil {
		return err
	}
	if f.Sort, err = httpapi.QueryEnum(c, "sort", CostSorts...); err != nil {
		return err
	}
	rows, agreements, found, err := m.Store.ListCosts(c.Request().Context(), f, page)
	if err != nil {
		return err
	}
	items, err := m.costsOut(c.Request().Context(), p, func(r Cost) Agreement { return agreements[r.AgreementID] }, rows)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, paging.NewList(items, found))
}

// getCost godoc
//
//	@Summary	Get a cost entry with its allocations
//	@Tags		budget
//	@Produce	json
//	@Security	BearerAuth
//	@Param		id	path		string	true	"Cost id"	format(uuid)
//	@Success	200	{object}	CostResponse
//	@Success	304	"Not modified"
//	@Router		/costs/{id} [get]
func (m Module) getCost(c echo.Context) error {
	p, id, err := httpapi.Target(c, canReadEntries)
	if err != nil {
		return err
	}
	cost, a, err := m.Store.GetCost(c.Request().Context(), id)
	if err != nil {
		return err
	}
	out, err := m.costOut(c.Request().Context(), p, a, cost)
	if err != nil {
		return err
	}
	return httpapi.Versioned(c, http.StatusOK, cost.Version, out)
}

// createCost godoc
//
//	@Summary		Record a cost entry
//	@Description	amount_cents is negative for refunds and corrections. A cost in a locked month is refused (409); the month's approvals are withdrawn and listed in withdrawn_approvals.
//	@Tags			budget
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			body	body		CostInput	true	"The cost entry"
//	@Success		201		{object}	CostChangeResponse
//	@Router			/costs [post]
func (m Module) createCost(c echo.Context) error {
	p, err := httpapi.Authorize(c, canWrite)
	if err != nil {
		return err
	}
	var in CostInput
	if err := httpapi.Decode(c, &in); err != nil {
		return err
	}
	cost, a, withdrawn, err := m.Store.CreateCost(c.Request().Context(), in)
	if err != nil {
		return err
	}
	out, err := m.costOut(c.Request().Context(), p, a, cost)
	if err != nil {
		return err
	}
	c.Response().Header().Set("Location", "/api/v1/costs/"+cost.ID.String())
	return httpapi.Versioned(c, http.StatusCreated, cost.Version, CostChangeResponse{CostResponse: out, WithdrawnApprovals: withdrawn})
}

// updateCost godoc
//
//	@Summary		Change a cost entry
//	@Description	Both the old and the new month must be unlocked; their approvals are withdrawn and listed in withdrawn_approvals.
//	@Tags			budget
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id			path		string		true	"Cost id"	format(uuid)
//	@Param			If-Match	header		string		false	"Version ETag the change is based on"
//	@Param			body		body		CostPatch	true	"Fields to change"
//	@Success		200			{object}	CostChangeResponse
//	@Router			/costs/{id} [patch]
func (m Module) updateCost(c echo.Context) error {
	p, id, err := httpapi.Target(c, canWrite)
	if err != nil {
		return err
	}
	ifMatch, patch, err := httpapi.Change[CostPatch](c)
	if err != nil {
		return err
	}
	cost, a, withdrawn, err := m.Store.UpdateCost(c.Request().Context(), id, ifMatch, patch)
	if err != nil {
		return err
	}
	out, err := m.costOut(c.Request().Context(), p, a, cost)
	if err != nil {
		return err
	}
	return httpapi.Versioned(c, http.StatusOK, cost.Version, CostChangeResponse{CostResponse: out, WithdrawnApprovals: withdrawn})
}

// deleteCost godoc
//
//	@Summary		Delete a cost entry of an unlocked month
//	@Description	Answers 200 with the approvals the deletion withdrew from the entry's month.
//	@Tags			budget
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id			path		string	true	"Cost id"	format(uuid)
//	@Param			If-Match	header		string	false	"Version ETag the deletion is based on"
//	@Success		200			{object}	CostDeleteResponse
//	@Router			/costs/{id} [delete]
func (m Module) deleteCost(c echo.Context) error {
	_, id, ifMatch, err := httpapi.TargetVersion(c, canWrite)
	if err != nil {
		return err
	}
	withdrawn, err := m.Store.DeleteCost(c.Request().Context(), id, ifMatch)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, CostDeleteResponse{ID: id, WithdrawnApprovals: withdrawn})
}

// importCosts godoc
//
//	@Summary		Import cost entries from CSV
//	@Description	A header row (incurred_on; amount in euros such as 123,45 or amount_cents; category; description; optional unit_id, activity_id), separated by ';' or ','. All rows are written or none: every bad row and field is reported as rows[LINE].COLUMN. See docs/budget.md.
//	@Tags			budget
//	@Accept			text/csv
//	@Produce		json
//	@Security		BearerAuth
//	@Param			agreement_id	query		string	true	"Agreement"	format(uuid)
//	@Param			body			body		string	true	"The CSV file"
//	@Success		201				{object}	ImportResponse
//	@Failure		404				"No such agreement"
//	@Router			/costs/import [post]
func (m Module) importCosts(c echo.Context) error {
	_, err := httpapi.Authorize(c, canWrite)
	if err != nil {
		return err
	}
	agreementID, err := httpapi.QueryUUID(c, "agreement_id")
	if err != nil {
		return err
	}
	if agreementID == nil {
		return apperr.BadParamCode("agreement_id", apperr.CodeRequired, "is required")
	}
	if ct := c.Request().Header.Get(echo.HeaderContentType); ct != "" {
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil || (mt != "text/csv" && mt != "text/plain" && !strings.HasSuffix(mt, "/csv")) {
			return echo.NewHTTPError(http.StatusUnsupportedMediaType)
		}
	}
	body, err := httpapi.ReadBody(c)
	if err != nil {
		return err
	}
	rows, err := ParseCostsCSV(body)
	if err != nil {
		return err
	}
	costs, withdrawn, err := m.Store.ImportCosts(c.Request().Context(), *agreementID, rows)
	if err != nil {
		return err
	}
	out := ImportResponse{Created: len(costs), IDs: make([]uuid.UUID, len(costs)), WithdrawnApprovals: withdrawn}
	for i, cost := range costs {
		out.TotalCents += cost.AmountCents
		out.IDs[i] = cost.ID
	}
	return c.JSON(http.StatusCreated, out)
}
