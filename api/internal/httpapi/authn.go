package httpapi

import (
	"context"
	"strings"

	"github.com/labstack/echo/v4"

	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/apperr"
)

// Authenticator turns a bearer credential (a JWT access token or an API
// token) into a principal. Package auth implements it.
type Authenticator interface {
	Authenticate(ctx context.Context, bearer string) (*access.Principal, error)
}

// authenticate resolves the Authorization header when there is one. A
// request without credentials goes on anonymously (public routes accept
// it; Principal refuses it); bad credentials are refused at once.
//
// Every answer says Vary: Authorization: what a body holds depends on the
// caller (a mentor's units, every resource's allowed_actions), so a cache
// must never give one caller's answer to another. Only the Authorization
// header authenticates (no cookie does), so no Vary: Cookie is needed.
// Every answer to a request with credentials says Cache-Control: no-store.
func authenticate(a Authenticator) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			c.Response().Header().Add(echo.HeaderVary, echo.HeaderAuthorization)
			ctx := access.WithRequestID(c.Request().Context(), requestID(c))
			c.SetRequest(c.Request().WithContext(ctx))
			h := c.Request().Header.Get(echo.HeaderAuthorization)
			if h == "" || a == nil {
				return next(c)
			}
			// An authenticated answer is the caller's own, and its allowed_actions can change while the row's
			// version (its ETag) does not (a reference appears, the caller's rights change): a browser must not
			// keep it and revalidate it into a 304 with yesterday's buttons, nor leave personal data on a
			// shared device. A handler may still say otherwise; an explicit If-None-Match still gets its 304.
			c.Response().Header().Set(echo.HeaderCacheControl, "no-store")
			scheme, token, ok := strings.Cut(h, " ")
			if !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(token) == "" {
				return apperr.Unauthorized("use Authorization: Bearer <token>")
			}
			p, err := a.Authenticate(ctx, strings.TrimSpace(token))
			if err != nil {
				return err
			}
			c.SetRequest(c.Request().WithContext(access.WithPrincipal(ctx, p)))
			return next(c)
		}
	}
}

// Principal returns the authenticated caller, or a 401 problem.
func Principal(c echo.Context) (*access.Principal, error) {
	p := access.FromContext(c.Request().Context())
	if p == nil {
		return nil, apperr.Unauthorized("sign in or send an API token")
	}
	return p, nil
}

// Authorize returns the caller after the policy decision allows it: a 401
// problem without credentials, the policy's own error (403/404) otherwise.
//
// Every secured route authorises this way, first, with the one policy
// function of its package's policy.go that guards it; RoutePolicy names it
// afterwards (TestEveryRouteIsGuardedByItsPolicy walks every route and role
// against it).
func Authorize(c echo.Context, policy func(*access.Principal) error) (*access.Principal, error) {
	c.Set(routePolicyKey, policy)
	p, err := Principal(c)
	if err != nil {
		return nil, err
	}
	if err := policy(p); err != nil {
		return nil, err
	}
	return p, nil
}

const routePolicyKey = "httpapi.route_policy"

// RoutePolicy is the policy the request was authorised with (nil before
// Authorize, or on a public route).
func RoutePolicy(c echo.Context) func(*access.Principal) error {
	p, _ := c.Get(routePolicyKey).(func(*access.Principal) error)
	return p
}
