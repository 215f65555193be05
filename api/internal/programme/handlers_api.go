package programme

import (
	"fmt"
	"net/http"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/apperr"
	"kulttuurisilta/api/internal/civil"
	"kulttuurisilta/api/internal/httpapi"
	"kulttuurisilta/api/internal/l10n"
	"kulttuurisilta/api/internal/paging"
	"kulttuurisilta/api/internal/pdfdoc"
)

// getProgrammePDF godoc
//
//	@Summary		A unit's large-print monthly programme (PDF)
//	@Description	The month's planned and confirmed activities of the unit, internal ones included (it hangs inside the unit), without cancelled occurrences or any notes: body text at least 16 pt and titles at least 24 pt (scaled up on A3), black on white, times written "klo 14.00" (fi) / "kl. 14.00" (sv), a pictogram per category, the plain-language text under each title, fonts embedded. For the unit's culture mentors, the producer and admins. month defaults to the current month, lang to the caller's own language, size to A4.
//	@Tags			programme
//	@Produce		application/pdf
//	@Security		BearerAuth
//	@Param			id		path	string	true	"Unit id"								format(uuid)
//	@Param			month	query	string	false	"Month YYYY-MM (default: this month)"	example(2026-03)
//	@Param			lang	query	string	false	"Language (default: the caller's)"		Enums(fi,sv,en)
//	@Param			size	query	string	false	"Paper size"							Enums(A4,A3)	default(A4)
//	@Success		200		{file}	file	"The PDF"
//	@Failure		404		"No such unit (or another unit of a mentor)"
//	@Router			/units/{id}/programme.pdf [get]
func (m Module) getProgrammePDF(c echo.Context) error {
	ctx := c.Request().Context()
	id, err := httpapi.PathUUID(c, "id")
	if err != nil {
		return err
	}
	p, err := httpapi.Authorize(c, func(p *access.Principal) error { return canPrint(p, id) })
	if err != nil {
		return err
	}
	month, err := m.queryMonth(c)
	if err != nil {
		return err
	}
	lang, err := m.queryLang(c, p)
	if err != nil {
		return err
	}
	size, err := httpapi.QueryEnum(c, "size", string(pdfdoc.A4), string(pdfdoc.A3))
	if err != nil {
		return err
	}
	if size == "" {
		size = string(pdfdoc.A4)
	}
	unit, err := m.Store.Unit(ctx, id)
	if err != nil {
		return err
	}
	items, err := m.Store.Items(ctx, id, month, month.AddDate(0, 1, 0), lang, false)
	if err != nil {
		return err
	}
	b, err := PDF(PrintInput{Unit: unit, Month: month, Items: items, Lang: lang, Size: pdfdoc.PageSize(size), Zone: m.Zone,
		Created: m.now()})
	if err != nil {
		return err
	}
	name := fmt.Sprintf("programme-%s-%s.pdf", month.Format("2006-01"), lang)
	c.Response().Header().Set("Content-Disposition", `inline; filename="`+name+`"`)
	c.Response().Header().Set("Cache-Control", "private, no-cache")
	return c.Blob(http.StatusOK, "application/pdf", b)
}

// queryMonth reads ?month=YYYY-MM as midnight of its first day in the
// calendar zone; this month when absent.
func (m Module) queryMonth(c echo.Context) (time.Time, error) {
	s := c.QueryParam("month")
	if s == "" {
		now := m.now().In(m.Zone)
		return time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, m.Zone), nil
	}
	d, ok := civil.ParseMonth(s)
	if !ok || d.Year() < 1990 || d.Year() > 2199 {
		return time.Time{}, apperr.BadParamCode("month", apperr.CodeInvalidFormat, "must be a month YYYY-MM between 1990 and 2199")
	}
	return time.Date(d.Year(), d.Month(), 1, 0, 0, 0, 0, m.Zone), nil
}

// queryLang reads ?lang=fi|sv|en; without it, the caller's own language.
func (m Module) queryLang(c echo.Context, p *access.Principal) (l10n.Lang, error) {
	s, err := httpapi.QueryEnum(c, "lang", "fi", "sv", "en")
	if err != nil || s != "" {
		return l10n.Lang(s), err
	}
	if m.UserLang == nil {
		return l10n.FI, nil
	}
	return m.UserLang(c.Request().Context(), p.UserID)
}

// listScreenTokens godoc
//
//	@Summary		List a unit's screen tokens
//	@Description	The unit's culture mentors, the producer and admins. Secrets are never shown again; prefix identifies a token.
//	@Tags			programme
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id				path		string	true	"Unit id"			format(uuid)
//	@Param			limit			query		int		false	"Page size (1-200)"	default(50)
//	@Param			offset			query		int		false	"Offset"			default(0)
//	@Param			updated_since	query		string	false	"Only items changed after this time (RFC 3339)"
//	@Success		200				{object}	paging.ListDoc{items=[]programme.ScreenTokenResponse}
//	@Router			/units/{id}/screen-tokens [get]
func (m Module) listScreenTokens(c echo.Context) error {
	id, err := m.screenUnit(c)
	if err != nil {
		return err
	}
	page, err := paging.Parse(c.QueryParams())
	if err != nil {
		return err
	}
	rows, found, err := m.Tokens.ListScreenTokens(c.Request().Context(), id, page)
	return httpapi.OK(c, paging.ListOf(rows, found, toScreenTokenResponse), err)
}

// createScreenToken godoc
//
//	@Summary		Create a screen token for a unit's info screen
//	@Description	A read-only token that opens the unit's lobby info screen (today's and tomorrow's activities, internal ones included) at screen_path. The secret is in the response, shown only this once; only a hash is stored. The unit's culture mentors, the producer and admins.
//	@Tags			programme
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id		path		string						true	"Unit id"	format(uuid)
//	@Param			body	body		programme.ScreenTokenInput	true	"The token"
//	@Success		201		{object}	programme.ScreenTokenCreated
//	@Router			/units/{id}/screen-tokens [post]
func (m Module) createScreenToken(c echo.Context) error {
	id, err := m.screenUnit(c)
	if err != nil {
		return err
	}
	var in ScreenTokenInput
	if err := httpapi.Decode(c, &in); err != nil {
		return err
	}
	p, err := httpapi.Principal(c)
	if err != nil {
		return err
	}
	t, secret, err := m.Tokens.CreateScreenToken(c.Request().Context(), p.UserID, id, in.Name)
	if err != nil {
		return err
	}
	out := ScreenTokenCreated{ScreenTokenResponse: toScreenTokenResponse(t), Token: secret,
		ScreenPath: "/programme/" + id.String() + "/screen?token=" + secret}
	c.Response().Header().Set("Location", "/api/v1/units/"+id.String()+"/screen-tokens")
	c.Response().Header().Set("Cache-Control", "no-store")
	return httpapi.Versioned(c, http.StatusCreated, t.Version, out)
}

// revokeScreenToken godoc
//
//	@Summary		Revoke a unit's screen token
//	@Description	The screen shows "not found" from its next refresh. Revoking twice is harmless.
//	@Tags			programme
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id			path		string	true	"Unit id"			format(uuid)
//	@Param			token_id	path		string	true	"Screen token id"	format(uuid)
//	@Param			If-Match	header		string	false	"The version you hold (ETag)"
//	@Success		200			{object}	programme.ScreenTokenResponse
//	@Router			/units/{id}/screen-tokens/{token_id} [delete]
func (m Module) revokeScreenToken(c echo.Context) error {
	id, err := m.screenUnit(c)
	if err != nil {
		return err
	}
	tokenID, err := httpapi.PathUUID(c, "token_id")
	if err != nil {
		return err
	}
	ifMatch, err := httpapi.IfMatch(c)
	if err != nil {
		return err
	}
	t, err := m.Tokens.RevokeScreenToken(c.Request().Context(), id, tokenID, ifMatch)
	return httpapi.Row(c, http.StatusOK, t, err, toScreenTokenResponse)
}

// screenUnit is the path's unit after the policy, and a 404 for a unit that does not exist.
func (m Module) screenUnit(c echo.Context) (uuid.UUID, error) {
	id, err := httpapi.PathUUID(c, "id")
	if err != nil {
		return id, err
	}
	if _, err := httpapi.Authorize(c, func(p *access.Principal) error { return canManageScreens(p, id) }); err != nil {
		return id, err
	}
	_, err = m.Store.Unit(c.Request().Context(), id)
	return id, err
}
