// Package listing is the request and the answer of every list: the caller,
// authorised by the route's policy, and the page the query asks for
// (paging.Parse); the page of rows as the caller sees them
// (paging.ListOf). It joins the HTTP machinery (httpapi) and paging, which
// know nothing of each other (TestLayersPointOneWay).
package listing

import (
	"net/http"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/httpapi"
	"kulttuurisilta/api/internal/paging"
)

// Request reads a list request: the caller, authorised first by policy
// (httpapi.Authorize), then the page (400 when malformed).
func Request(c echo.Context, policy func(*access.Principal) error) (*access.Principal, paging.Page, error) {
	p, err := httpapi.Authorize(c, policy)
	if err != nil {
		return nil, paging.Page{}, err
	}
	page, err := paging.Parse(c.QueryParams())
	return p, page, err
}

// Under is Request for a list under the resource the path's "id" names
// (httpapi.Target): also that id.
func Under(c echo.Context, policy func(*access.Principal) error) (*access.Principal, uuid.UUID, paging.Page, error) {
	p, id, err := httpapi.Target(c, policy)
	if err != nil {
		return nil, id, paging.Page{}, err
	}
	page, err := paging.Parse(c.QueryParams())
	return p, id, page, err
}

// Answer answers a page of rows a store read: its error as it is; else 200
// with the rows as view shows them to p (one lookup for the page), the
// total and the next cursor.
func Answer[M, R any](c echo.Context, p *access.Principal, rows []M, found paging.Found, err error, view httpapi.View[M, R]) error {
	if err != nil {
		return err
	}
	out, err := view(c.Request().Context(), p, rows...)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, paging.ListOf(rows, found, out))
}
