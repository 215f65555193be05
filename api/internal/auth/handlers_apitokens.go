package auth

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"kulttuurisilta/api/internal/httpapi"
	"kulttuurisilta/api/internal/httpapi/listing"
)

// listAPITokens godoc
//
//	@Summary	List API tokens
//	@Tags		api-tokens
//	@Produce	json
//	@Security	BearerAuth
//	@Param		limit			query		int		false	"Page size (1-200)"	default(50)
//	@Param		offset			query		int		false	"Offset"			default(0)
//	@Param		updated_since	query		string	false	"Only items changed after this time (RFC 3339)"
//	@Success	200				{object}	paging.ListDoc{items=[]auth.APITokenResponse}
//	@Router		/api-tokens [get]
func (m Module) listAPITokens(c echo.Context) error {
	p, page, err := listing.Request(c, canManage)
	if err != nil {
		return err
	}
	rows, found, err := m.APITokens.List(c.Request().Context(), page)
	return listing.Answer(c, p, rows, found, err, httpapi.Fixed(apiTokenOut))
}

// getAPIToken godoc
//
//	@Summary	Get an API token
//	@Tags		api-tokens
//	@Produce	json
//	@Security	BearerAuth
//	@Param		id	path		string	true	"Token id"	format(uuid)
//	@Success	200	{object}	APITokenResponse
//	@Success	304	"Not modified"
//	@Router		/api-tokens/{id} [get]
func (m Module) getAPIToken(c echo.Context) error {
	return httpapi.GetOne(c, canManage, m.APITokens.Get, httpapi.Fixed(apiTokenOut))
}

// createAPIToken godoc
//
//	@Summary		Create an API token
//	@Description	The secret is in the response's token field, shown only this once; only its hash is stored. Default expiry one year, at most two.
//	@Tags			api-tokens
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			body	body		APITokenInput	true	"The token"
//	@Success		201		{object}	APITokenCreated
//	@Router			/api-tokens [post]
func (m Module) createAPIToken(c echo.Context) error {
	p, err := httpapi.Authorize(c, canManage)
	if err != nil {
		return err
	}
	var in APITokenInput
	if err := httpapi.Decode(c, &in); err != nil {
		return err
	}
	out, err := m.APITokens.Create(c.Request().Context(), p.UserID, in)
	if err != nil {
		return err
	}
	out.AllowedActions = apiTokenActions(p, false)
	noStore(c)
	c.Response().Header().Set("Location", "/api/v1/api-tokens/"+out.ID.String())
	return c.JSON(http.StatusCreated, out)
}

// revokeAPIToken godoc
//
//	@Summary	Revoke an API token
//	@Tags		api-tokens
//	@Produce	json
//	@Security	BearerAuth
//	@Param		id			path		string	true	"Token id"	format(uuid)
//	@Param		If-Match	header		string	false	"Version ETag the change is based on"
//	@Success	200			{object}	APITokenResponse
//	@Router		/api-tokens/{id} [delete]
func (m Module) revokeAPIToken(c echo.Context) error {
	p, id, ifMatch, err := httpapi.TargetVersion(c, canManage)
	if err != nil {
		return err
	}
	t, err := m.APITokens.Revoke(c.Request().Context(), id, ifMatch)
	return httpapi.Row(c, http.StatusOK, t, err, apiTokenOut(p))
}
