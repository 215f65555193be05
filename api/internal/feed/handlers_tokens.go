package feed

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"kulttuurisilta/api/internal/httpapi"
	"kulttuurisilta/api/internal/httpapi/listing"
)

// listFeedTokens godoc
//
//	@Summary		List feed tokens
//	@Description	Admins and the producer. Secrets are never shown again; prefix identifies a token.
//	@Tags			feeds
//	@Produce		json
//	@Security		BearerAuth
//	@Param			limit			query		int		false	"Page size (1-200)"	default(50)
//	@Param			offset			query		int		false	"Offset"			default(0)
//	@Param			updated_since	query		string	false	"Only items changed after this time (RFC 3339)"
//	@Success		200				{object}	paging.ListDoc{items=[]feed.TokenResponse}
//	@Router			/feed-tokens [get]
func (m Module) listFeedTokens(c echo.Context) error {
	p, page, err := listing.Request(c, canManageTokens)
	if err != nil {
		return err
	}
	rows, found, err := m.Store.ListTokens(c.Request().Context(), page)
	return listing.Answer(c, p, rows, found, err, httpapi.Fixed(tokenOut))
}

// getFeedToken godoc
//
//	@Summary	Get a feed token
//	@Tags		feeds
//	@Produce	json
//	@Security	BearerAuth
//	@Param		id	path		string	true	"Feed token id"	format(uuid)
//	@Success	200	{object}	feed.TokenResponse
//	@Success	304	"Not modified"
//	@Router		/feed-tokens/{id} [get]
func (m Module) getFeedToken(c echo.Context) error {
	return httpapi.GetOne(c, canManageTokens, m.Store.GetToken, httpapi.Fixed(tokenOut))
}

// createFeedToken godoc
//
//	@Summary		Create a feed token
//	@Description	A read-only token that opens a private iCalendar feed (internal and proposed activities included) for the whole calendar, one unit or one partner. The secret and the feed's path are in the response, shown only this once; only a hash is stored.
//	@Tags			feeds
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			body	body		feed.TokenInput	true	"The token"
//	@Success		201		{object}	feed.TokenCreated
//	@Router			/feed-tokens [post]
func (m Module) createFeedToken(c echo.Context) error {
	p, err := httpapi.Authorize(c, canManageTokens)
	if err != nil {
		return err
	}
	var in TokenInput
	if err := httpapi.Decode(c, &in); err != nil {
		return err
	}
	out, err := m.Store.CreateToken(c.Request().Context(), p.UserID, in)
	if err != nil {
		return err
	}
	out.AllowedActions = tokenActions(p, Token{}) // a new token is live
	c.Response().Header().Set("Location", "/api/v1/feed-tokens/"+out.ID.String())
	return httpapi.Versioned(c, http.StatusCreated, out.Version, out)
}

// revokeFeedToken godoc
//
//	@Summary		Revoke a feed token
//	@Description	The feed URL stops working at once. Revoking twice is harmless.
//	@Tags			feeds
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id			path		string	true	"Feed token id"	format(uuid)
//	@Param			If-Match	header		string	false	"The version you hold (ETag)"
//	@Success		200			{object}	feed.TokenResponse
//	@Router			/feed-tokens/{id} [delete]
func (m Module) revokeFeedToken(c echo.Context) error {
	p, id, ifMatch, err := httpapi.TargetVersion(c, canManageTokens)
	if err != nil {
		return err
	}
	t, err := m.Store.RevokeToken(c.Request().Context(), id, ifMatch)
	return httpapi.Row(c, http.StatusOK, t, err, tokenOut(p))
}
