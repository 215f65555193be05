package httpapi

import (
	"net"
	"net/http"
	"strings"
	"sync"

	"github.com/labstack/echo/v4"
)

// routeMethods are the methods the API routes; Allow lists those a path
// answers.
var routeMethods = []string{http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete}

// addHeadRoutes answers HEAD on every GET route (RFC 9110 §9.3.2): the
// GET handler runs with the request still marked HEAD, and net/http drops
// the body, so headers (ETag, Content-Type, Content-Length when known)
// are exactly those of the GET. It runs once, after every route is
// registered, so no module has to remember it.
func addHeadRoutes(e *echo.Echo) {
	has := map[string]bool{}
	for _, r := range e.Routes() {
		if r.Method == http.MethodHead {
			has[r.Path] = true
		}
	}
	head := func(c echo.Context) error {
		// The HEAD route sits on the same node as its GET route, so this
		// finds that route (with its group middleware) for the same path.
		e.Router().Find(http.MethodGet, echo.GetPath(c.Request()), c)
		return c.Handler()(c)
	}
	for _, r := range e.Routes() {
		if r.Method == http.MethodGet && !has[r.Path] {
			has[r.Path] = true
			e.Add(http.MethodHead, r.Path, head)
		}
	}
}

// routeNotFound answers a request the group's catch-all route matched. A
// group with middleware registers such a catch-all, and Echo's router
// prefers it over "405 Method Not Allowed"; this handler restores the
// distinction: a path some route serves with other methods is a 405
// with Allow (OPTIONS gets the Allow list with 204), any other is a 404.
func routeNotFound(e *echo.Echo) echo.HandlerFunc {
	routes := sync.OnceValue(func() map[string]bool {
		m := map[string]bool{}
		for _, r := range e.Routes() {
			m[r.Method+" "+r.Path] = true
		}
		return m
	})
	return func(c echo.Context) error {
		req := c.Request()
		path := echo.GetPath(req)
		var allow []string
		for _, m := range routeMethods {
			probe := e.NewContext(req, nil)
			e.Router().Find(m, path, probe)
			if routes()[m+" "+probe.Path()] {
				allow = append(allow, m)
			}
		}
		if len(allow) == 0 {
			return echo.ErrNotFound
		}
		allow = append(allow, http.MethodOptions)
		c.Response().Header().Set(echo.HeaderAllow, strings.Join(allow, ", "))
		if req.Method == http.MethodOptions {
			return c.NoContent(http.StatusNoContent)
		}
		return echo.ErrMethodNotAllowed
	}
}

// ClientIP is the Echo IPExtractor for the client's address. Without
// trusted proxies it is the TCP peer, whatever the headers say. From a
// peer inside trusted, X-Forwarded-For (or else X-Real-IP) is believed:
// Echo walks X-Forwarded-For from the right and takes the first address
// that is not itself a trusted proxy. Loopback, link-local and private
// ranges are not trusted implicitly (Echo's default); list them if a
// proxy lives there.
func ClientIP(trusted []*net.IPNet) echo.IPExtractor {
	if len(trusted) == 0 {
		return echo.ExtractIPDirect()
	}
	opts := []echo.TrustOption{echo.TrustLoopback(false), echo.TrustLinkLocal(false), echo.TrustPrivateNet(false)}
	for _, n := range trusted {
		opts = append(opts, echo.TrustIPRange(n))
	}
	xff := echo.ExtractIPFromXFFHeader(opts...)
	realIP := echo.ExtractIPFromRealIPHeader(opts...)
	return func(r *http.Request) string {
		if len(r.Header.Values(echo.HeaderXForwardedFor)) > 0 {
			return xff(r)
		}
		return realIP(r)
	}
}
