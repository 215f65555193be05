package auth

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"kulttuurisilta/api/internal/apperr"
	"kulttuurisilta/api/internal/httpapi"
)

// login godoc
//
//	@Summary		Sign in
//	@Description	Returns a 15-minute access token and a rotating refresh token. Failed logins are rate limited per account and per address (429 with Retry-After).
//	@Tags			auth
//	@Accept			json
//	@Produce		json
//	@Param			body	body		LoginInput	true	"Credentials"
//	@Success		200		{object}	TokenResponse
//	@Failure		401		"Wrong email or password"
//	@Failure		429		"Too many failed logins for the account or the address; Retry-After says when to try again"
//	@Router			/auth/login [post]
func (m Module) login(c echo.Context) error {
	var in LoginInput
	if err := httpapi.Decode(c, &in); err != nil {
		return err
	}
	if in.Email == "" || in.Password == "" {
		return apperr.Invalid(requiredFields(map[string]string{"email": in.Email, "password": in.Password})...)
	}
	if len(in.Email) > 254 || len(in.Password) > 256 {
		return apperr.Unauthorized("wrong email or password")
	}
	out, err := m.Service.Login(c.Request().Context(), in.Email, in.Password, c.RealIP())
	if err != nil {
		return err
	}
	noStore(c)
	return c.JSON(http.StatusOK, out)
}

// refresh godoc
//
//	@Summary		Refresh the access token
//	@Description	Rotates the refresh token. Presenting an already-used refresh token revokes its whole family.
//	@Tags			auth
//	@Accept			json
//	@Produce		json
//	@Param			body	body		RefreshInput	true	"The refresh token"
//	@Success		200		{object}	TokenResponse
//	@Failure		401		"The refresh token is unknown, expired, revoked or already used"
//	@Router			/auth/refresh [post]
func (m Module) refresh(c echo.Context) error {
	var in RefreshInput
	if err := httpapi.Decode(c, &in); err != nil {
		return err
	}
	if in.RefreshToken == "" {
		return apperr.InvalidFieldCode("refresh_token", apperr.CodeRequired, "is required")
	}
	out, err := m.Service.Refresh(c.Request().Context(), in.RefreshToken)
	if err != nil {
		return err
	}
	noStore(c)
	return c.JSON(http.StatusOK, out)
}

// logout godoc
//
//	@Summary		Sign out
//	@Description	Revokes the refresh token and every token rotated from the same login.
//	@Tags			auth
//	@Accept			json
//	@Param			body	body	RefreshInput	true	"The refresh token"
//	@Success		204		"Signed out"
//	@Router			/auth/logout [post]
func (m Module) logout(c echo.Context) error {
	var in RefreshInput
	if err := httpapi.Decode(c, &in); err != nil {
		return err
	}
	if in.RefreshToken == "" {
		return apperr.InvalidFieldCode("refresh_token", apperr.CodeRequired, "is required")
	}
	return httpapi.Deleted(c, m.Service.Logout(c.Request().Context(), in.RefreshToken))
}

// me godoc
//
//	@Summary	The caller
//	@Tags		auth
//	@Produce	json
//	@Security	BearerAuth
//	@Success	200	{object}	MeResponse
//	@Router		/me [get]
func (m Module) me(c echo.Context) error {
	p, err := httpapi.Authorize(c, canReadOwn)
	if err != nil {
		return err
	}
	u, err := m.Users.Get(c.Request().Context(), p.UserID)
	if err != nil {
		return apperr.Unauthorized("the account no longer exists")
	}
	out := MeResponse{UserResponse: meOut(p, u), Scopes: []string{}}
	if p.IsToken() {
		out.Scopes = p.Scopes
	}
	return c.JSON(http.StatusOK, out)
}

// updateMe godoc
//
//	@Summary		Change the caller's own settings
//	@Description	A signed-in user changes their own language (locale: fi, sv or en); the SPA, emails and PDFs follow it. An API token cannot change its owner's settings (403). If-Match is optional; a stale one is 412.
//	@Tags			auth
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			If-Match	header		string	false	"Version ETag the change is based on"
//	@Param			body		body		MePatch	true	"Settings to change"
//	@Success		200			{object}	MeResponse
//	@Router			/me [patch]
func (m Module) updateMe(c echo.Context) error {
	p, err := httpapi.Authorize(c, canChangeOwnSettings)
	if err != nil {
		return err
	}
	ifMatch, patch, err := httpapi.Change[MePatch](c)
	if err != nil {
		return err
	}
	u, err := m.Users.UpdateSelf(c.Request().Context(), p.UserID, ifMatch, patch)
	if err != nil {
		return err
	}
	return httpapi.Versioned(c, http.StatusOK, u.Version, MeResponse{UserResponse: meOut(p, u), Scopes: []string{}})
}

func noStore(c echo.Context) {
	c.Response().Header().Set("Cache-Control", "no-store")
}

func requiredFields(values map[string]string) []apperr.FieldError {
	var out []apperr.FieldError
	for _, f := range []string{"email", "password"} {
		if values[f] == "" {
			out = append(out, apperr.Field(f, apperr.CodeRequired, "is required"))
		}
	}
	return out
}
