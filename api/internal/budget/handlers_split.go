package budget

import (
	"bytes"
	"fmt"
	"net/http"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/civil"
	"kulttuurisilta/api/internal/export"
	"kulttuurisilta/api/internal/httpapi"
)

// splitRequest reads a request on an agreement's split: the caller,
// authorised first by policy, then the agreement's id and the range.
func splitRequest(c echo.Context, policy func(*access.Principal) error) (id uuid.UUID, from, to *civil.Date, err error) {
	if _, err := httpapi.Authorize(c, policy); err != nil {
		return id, nil, nil, err
	}
	uid, err := httpapi.PathUUID(c, "id")
	if err != nil {
		return id, nil, nil, err
	}
	if from, to, err = httpapi.DateRange(c, httpapi.RangeRules{}); err != nil {
		return id, nil, nil, err
	}
	return uid, from, to, nil
}

// getSplit godoc
//
//	@Summary		The split of an agreement's costs for a range
//	@Description	Each department's allocated total, by category, by unit and by month, against its budget. Every figure adds up per-entry allocations (DESIGN.md split rule); department totals sum exactly to total_cents. from/to default to the agreement's period.
//	@Tags			budget
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id		path		string	true	"Agreement id"				format(uuid)
//	@Param			from	query		string	false	"First day (YYYY-MM-DD)"	format(date)
//	@Param			to		query		string	false	"Last day (YYYY-MM-DD)"		format(date)
//	@Success		200		{object}	SplitResponse
//	@Router			/agreements/{id}/split [get]
func (m Module) getSplit(c echo.Context) error {
	id, from, to, err := splitRequest(c, canReadTotals)
	if err != nil {
		return err
	}
	r, err := m.Store.Split(c.Request().Context(), id, from, to)
	return httpapi.OK(c, r, err)
}

// getSplitCSV godoc
//
//	@Summary		The split as CSV, a row per cost entry with its allocations
//	@Description	For the accounting system: entry, then per department (by cost-centre code) its share_bp and allocated amount, in integer cents and in euros. separator=semicolon is for Finnish spreadsheets: a UTF-8 BOM, ';' between fields and a decimal comma in euro amounts. See docs/budget.md.
//	@Tags			budget
//	@Produce		text/csv
//	@Security		BearerAuth
//	@Param			id			path		string	true	"Agreement id"				format(uuid)
//	@Param			from		query		string	false	"First day (YYYY-MM-DD)"	format(date)
//	@Param			to			query		string	false	"Last day (YYYY-MM-DD)"		format(date)
//	@Param			separator	query		string	false	"Field separator"			Enums(comma, semicolon)	default(comma)
//	@Success		200			{string}	string	"CSV"
//	@Router			/agreements/{id}/split.csv [get]
func (m Module) getSplitCSV(c echo.Context) error {
	id, fromP, toP, err := splitRequest(c, canReadEntries)
	if err != nil {
		return err
	}
	sep, err := export.QuerySeparator(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	a, err := m.Store.GetAgreement(ctx, id)
	if err != nil {
		return err
	}
	from, to, err := splitRange(a, fromP, toP)
	if err != nil {
		return err
	}
	return export.ServeCSV(c, fmt.Sprintf("split-%s-%s.csv", from, to), sep, func(w *export.CSV) error {
		return m.Store.WriteCSV(ctx, w, a, from, to)
	})
}

// getSplitXLSX godoc
//
//	@Summary		The split as an Excel workbook
//	@Description	Sheet "Entries": a row per cost entry with its allocations per department (cost-centre codes); sheet "Summary": the department totals against budget. Dates are date cells; each cents column has a euro column (a number in euro format) beside it.
//	@Tags			budget
//	@Produce		application/vnd.openxmlformats-officedocument.spreadsheetml.sheet
//	@Security		BearerAuth
//	@Param			id		path	string	true	"Agreement id"				format(uuid)
//	@Param			from	query	string	false	"First day (YYYY-MM-DD)"	format(date)
//	@Param			to		query	string	false	"Last day (YYYY-MM-DD)"		format(date)
//	@Success		200		{file}	file	"XLSX"
//	@Router			/agreements/{id}/split.xlsx [get]
func (m Module) getSplitXLSX(c echo.Context) error {
	id, from, to, err := splitRequest(c, canReadEntries)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	split, err := m.Store.Split(ctx, id, from, to)
	if err != nil {
		return err
	}
	a, err := m.Store.GetAgreement(ctx, id)
	if err != nil {
		return err
	}
	// Built in memory first, so a failure is a clean error response
	// rather than a truncated file.
	var buf bytes.Buffer
	if err := m.Store.WriteXLSX(ctx, &buf, a, split); err != nil {
		return err
	}
	c.Response().Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="split-%s-%s.xlsx"`, split.From, split.To))
	return c.Blob(http.StatusOK, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buf.Bytes())
}
