package budget

import (
	"context"
	"fmt"
	"net/http"
	"strconv"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/apperr"
	"kulttuurisilta/api/internal/civil"
	"kulttuurisilta/api/internal/export"
	"kulttuurisilta/api/internal/httpapi"
	"kulttuurisilta/api/internal/l10n"
	"kulttuurisilta/api/internal/paging"
)

// views turns months into what the caller sees of them: whom they wait
// for, what the caller may do, their latest invoicing basis.
func (m Module) views(ctx context.Context, who *access.Principal, a Agreement, periods []Period) ([]PeriodView, error) {
	ids := make([]uuid.UUID, 0, len(periods))
	for _, p := range periods {
		if p.ID != uuid.Nil {
			ids = append(ids, p.ID)
		}
	}
	bases, err := latestBases(m.Store.DB.WithContext(ctx), ids)
	if err != nil {
		return nil, err
	}
	today := m.Store.today()
	out := make([]PeriodView, len(periods))
	for i, p := range periods {
		out[i] = toPeriodView(who, a, p, today, bases[p.ID])
	}
	return out, nil
}

// view answers with one month as the caller sees it.
func (m Module) view(c echo.Context, who *access.Principal, a Agreement, p Period) error {
	v, err := m.views(c.Request().Context(), who, a, []Period{p})
	if err != nil {
		return err
	}
	return httpapi.Versioned(c, http.StatusOK, p.Version, v[0])
}

// step approves or locks a month: the caller, authorised by policy, takes
// the step with their If-Match; the answer is the month's view.
func (m Module) step(c echo.Context, policy func(*access.Principal) error,
	step func(context.Context, uuid.UUID, civil.Date, *int, *access.Principal) (Period, Agreement, error)) error {
	p, id, month, err := periodTarget(c, policy)
	if err != nil {
		return err
	}
	ifMatch, err := httpapi.IfMatch(c)
	if err != nil {
		return err
	}
	per, a, err := step(c.Request().Context(), id, month, ifMatch, p)
	if err != nil {
		return err
	}
	return m.view(c, p, a, per)
}

// periodTarget reads a request on one month of an agreement: the caller,
// authorised by policy, then the agreement's id and the month (YYYY-MM) from
// the path (404 when malformed).
func periodTarget(c echo.Context, policy func(*access.Principal) error) (*access.Principal, uuid.UUID, civil.Date, error) {
	who, id, err := httpapi.Target(c, policy)
	if err != nil {
		return nil, id, civil.Date{}, err
	}
	month, ok := civil.ParseMonth(c.Param("month"))
	if !ok {
		return nil, id, month, apperr.NotFound("period")
	}
	return who, id, month, nil
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
//	@Success	200				{object}	paging.ListDoc{items=[]budget.PeriodView}
//	@Router		/agreements/{id}/periods [get]
func (m Module) listPeriods(c echo.Context) error {
	who, id, err := httpapi.Target(c, canReadTotals)
	if err != nil {
		return err
	}
	page, err := paging.Parse(c.QueryParams())
	if err != nil {
		return err
	}
	rows, a, found, err := m.Store.ListPeriods(c.Request().Context(), id, page)
	if err != nil {
		return err
	}
	items, err := m.views(c.Request().Context(), who, a, rows)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, paging.NewList(items, found))
}

// getPeriod godoc
//
//	@Summary	Get a month's status and approvals
//	@Tags		budget
//	@Produce	json
//	@Security	BearerAuth
//	@Param		id		path		string	true	"Agreement id"	format(uuid)
//	@Param		month	path		string	true	"Month (YYYY-MM)"
//	@Success	200		{object}	PeriodView
//	@Success	304		"Not modified"
//	@Router		/agreements/{id}/periods/{month} [get]
func (m Module) getPeriod(c echo.Context) error {
	who, id, month, err := periodTarget(c, canReadTotals)
	if err != nil {
		return err
	}
	per, a, err := m.Store.GetPeriod(c.Request().Context(), id, month)
	if err != nil {
		return err
	}
	return m.view(c, who, a, per)
}

// approvePeriod godoc
//
//	@Summary		Approve a month for the manager's own department
//	@Description	Only a month that has ended (in the calendar zone) can be approved: the current or a future month is a 409 with code month_not_ended. When every department of the agreement has approved, the month becomes approved. Approvals fall away when the month's costs or the shares change. Approving again changes nothing.
//	@Tags			budget
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id			path		string	true	"Agreement id"	format(uuid)
//	@Param			month		path		string	true	"Month (YYYY-MM)"
//	@Param			If-Match	header		string	false	"Version ETag of the month the approval is based on"
//	@Success		200			{object}	PeriodView
//	@Router			/agreements/{id}/periods/{month}/approve [post]
func (m Module) approvePeriod(c echo.Context) error {
	return m.step(c, canApprove, m.Store.Approve)
}

// lockPeriod godoc
//
//	@Summary		Lock an approved month
//	@Description	The producer or an admin, once every department has approved (else 409 month_not_approved, naming whom the month waits for). A locked month's costs and the agreement's shares cannot change. The lock makes the month's next invoicing basis (basis.pdf, basis.csv): revision 1 at the first lock, a correction basis at each relock.
//	@Tags			budget
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id			path		string	true	"Agreement id"	format(uuid)
//	@Param			month		path		string	true	"Month (YYYY-MM)"
//	@Param			If-Match	header		string	false	"Version ETag of the month"
//	@Success		200			{object}	PeriodView
//	@Router			/agreements/{id}/periods/{month}/lock [post]
func (m Module) lockPeriod(c echo.Context) error {
	return m.step(c, canLock, m.Store.Lock)
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
//	@Success		200			{object}	PeriodView
//	@Router			/agreements/{id}/periods/{month}/unlock [post]
func (m Module) unlockPeriod(c echo.Context) error {
	who, id, month, err := periodTarget(c, canUnlock)
	if err != nil {
		return err
	}
	ifMatch, in, err := httpapi.Change[UnlockInput](c)
	if err != nil {
		return err
	}
	if err := in.validate(); err != nil {
		return err
	}
	per, a, err := m.Store.Unlock(c.Request().Context(), id, month, ifMatch, in.Reason)
	if err != nil {
		return err
	}
	return m.view(c, who, a, per)
}

// listChanges godoc
//
//	@Summary		A month's cost changes since the last approval
//	@Description	From the audit log: every cost entry of the month created, updated or deleted after ?since= (RFC 3339), or by default after the caller's department's last approval of the month (a manager), else after the month's last approval by anyone (others); since is null when there was none (every change). A cost moved between months shows in both. Oldest first.
//	@Tags			budget
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id		path		string	true	"Agreement id"	format(uuid)
//	@Param			month	path		string	true	"Month (YYYY-MM)"
//	@Param			since	query		string	false	"Only changes after this time (RFC 3339)"
//	@Param			limit	query		int		false	"Page size (1-200)"	default(50)
//	@Param			offset	query		int		false	"Offset"			default(0)
//	@Success		200		{object}	ChangesResponse
//	@Router			/agreements/{id}/periods/{month}/changes [get]
func (m Module) listChanges(c echo.Context) error {
	who, id, month, err := periodTarget(c, canReadEntries)
	if err != nil {
		return err
	}
	page, err := paging.Parse(c.QueryParams())
	if err != nil {
		return err
	}
	since, err := httpapi.QueryTime(c, "since", m.Store.zone())
	if err != nil {
		return err
	}
	out, err := m.Store.Changes(c.Request().Context(), id, month, since, who, page)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, out)
}

// listBases godoc
//
//	@Summary		A month's invoicing bases, newest revision first
//	@Description	Each lock of the month made one: revision 1 at the first lock, then a correction basis at each relock. They are never changed or deleted.
//	@Tags			budget
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id		path		string	true	"Agreement id"	format(uuid)
//	@Param			month	path		string	true	"Month (YYYY-MM)"
//	@Param			limit	query		int		false	"Page size (1-200)"	default(50)
//	@Param			offset	query		int		false	"Offset"			default(0)
//	@Success		200		{object}	paging.ListDoc{items=[]budget.BasisSummary}
//	@Router			/agreements/{id}/periods/{month}/bases [get]
func (m Module) listBases(c echo.Context) error {
	_, id, month, err := periodTarget(c, canReadEntries)
	if err != nil {
		return err
	}
	page, err := paging.Parse(c.QueryParams())
	if err != nil {
		return err
	}
	rows, found, err := m.Store.ListBases(c.Request().Context(), id, month, page)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, paging.NewList(rows, found))
}

// basisParams reads the month and the revision (0: the latest).
func (m Module) basisOf(c echo.Context) (BasisResponse, error) {
	_, id, month, err := periodTarget(c, canReadEntries)
	if err != nil {
		return BasisResponse{}, err
	}
	revision := 0
	if s := c.QueryParam("revision"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			return BasisResponse{}, apperr.BadParamCode("revision", apperr.CodeInvalidFormat, "must be a revision number 1, 2, ...")
		}
		revision = n
	}
	return m.Store.GetBasis(c.Request().Context(), id, month, revision)
}

// getBasis godoc
//
//	@Summary		A month's invoicing basis with its whole content
//	@Description	The latest revision, or ?revision=N. 404 before the month's first lock.
//	@Tags			budget
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id			path		string	true	"Agreement id"	format(uuid)
//	@Param			month		path		string	true	"Month (YYYY-MM)"
//	@Param			revision	query		int		false	"Revision (default: the latest)"
//	@Success		200			{object}	BasisResponse
//	@Router			/agreements/{id}/periods/{month}/basis [get]
func (m Module) getBasis(c echo.Context) error {
	b, err := m.basisOf(c)
	if err != nil {
		return err
	}
	return httpapi.Versioned(c, http.StatusOK, b.Version, b)
}

// getBasisPDF godoc
//
//	@Summary		A month's invoicing basis as PDF (A4)
//	@Description	In ?lang= (fi, sv, en), else the signed-in user's language (locale), else Finnish. The latest revision, or ?revision=N; a correction basis states the difference from the previous one. Fonts are embedded.
//	@Tags			budget
//	@Produce		application/pdf
//	@Security		BearerAuth
//	@Param			id			path	string	true	"Agreement id"	format(uuid)
//	@Param			month		path	string	true	"Month (YYYY-MM)"
//	@Param			revision	query	int		false	"Revision (default: the latest)"
//	@Param			lang		query	string	false	"Language"	Enums(fi, sv, en)
//	@Success		200			{file}	file	"PDF"
//	@Router			/agreements/{id}/periods/{month}/basis.pdf [get]
func (m Module) getBasisPDF(c echo.Context) error {
	lang, err := m.docLang(c)
	if err != nil {
		return err
	}
	b, err := m.basisOf(c)
	if err != nil {
		return err
	}
	pdf, err := BasisPDF(b, lang, m.Store.zone())
	if err != nil {
		return err
	}
	c.Response().Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s"`, basisFileName(b, "pdf")))
	return c.Blob(http.StatusOK, "application/pdf", pdf)
}

// getBasisCSV godoc
//
//	@Summary		A month's invoicing basis as an accounting journal (CSV)
//	@Description	A row per entry and department: date, organisation, department_code (cost centre), account_code, category, amount_cents, amount_eur, cost_id, description, basis_number, basis_revision. Each department's rows sum exactly to its total in the basis. The separator and BOM rules are those of every export: separator=semicolon starts the file with a UTF-8 BOM and writes euros with a decimal comma.
//	@Tags			budget
//	@Produce		text/csv
//	@Security		BearerAuth
//	@Param			id			path		string	true	"Agreement id"	format(uuid)
//	@Param			month		path		string	true	"Month (YYYY-MM)"
//	@Param			revision	query		int		false	"Revision (default: the latest)"
//	@Param			separator	query		string	false	"Field separator"	Enums(comma, semicolon)	default(comma)
//	@Success		200			{string}	string	"CSV"
//	@Router			/agreements/{id}/periods/{month}/basis.csv [get]
func (m Module) getBasisCSV(c echo.Context) error {
	sep, err := export.QuerySeparator(c)
	if err != nil {
		return err
	}
	b, err := m.basisOf(c)
	if err != nil {
		return err
	}
	return export.ServeCSV(c, basisFileName(b, "csv"), sep, func(w *export.CSV) error { return writeBasisCSV(w, b.Content) })
}

func basisFileName(b BasisResponse, ext string) string {
	return fmt.Sprintf("laskutusperuste-%d-%s-v%d.%s", b.Number, b.Month, b.Revision, ext)
}

// docLang is the language of a document: ?lang=, else the signed-in
// user's own, else Finnish.
func (m Module) docLang(c echo.Context) (l10n.Lang, error) {
	s := c.QueryParam("lang")
	if s == "" {
		p := access.FromContext(c.Request().Context())
		if m.UserLang == nil || p == nil || p.UserID == uuid.Nil || canReadTotals(p) != nil {
			return l10n.FI, nil // (an unauthorised caller is refused next, before any lookup matters)
		}
		return m.UserLang(c.Request().Context(), p.UserID)
	}
	l, ok := l10n.Parse(s)
	if !ok || string(l) != s {
		return l, apperr.BadParamCode("lang", apperr.CodeInvalidChoice, "must be one of fi, sv, en")
	}
	return l, nil
}
