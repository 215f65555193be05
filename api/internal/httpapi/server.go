// Package httpapi is the HTTP machinery every domain shares: the Echo
// instance and its middleware, RFC 9457 problem responses, strict JSON
// decoding, pagination, ETags and authentication. Domain packages plug in
// as Modules; this package knows none of them.
package httpapi

import (
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
	"github.com/prometheus/client_golang/prometheus"
)

// Module is a domain package's HTTP surface.
type Module interface {
	// Routes registers the module's handlers on the /api/v1 group.
	Routes(g *echo.Group)
}

// Options configure the server.
type Options struct {
	Logger        *slog.Logger
	CORSOrigins   []string
	Authenticator Authenticator
	// Ready reports whether the server can serve (the database answers).
	Ready func(ctx context.Context) error
	// DomainError turns the errors of the layers below (the database
	// driver's) into domain errors before they are answered; nil: none.
	DomainError func(error) error
	// Registry receives the HTTP metrics; nil disables /metrics.
	Registry *prometheus.Registry
	// BodyLimit caps request bodies; DESIGN.md says 1 MiB.
	BodyLimit string
	// TrustedProxies are the reverse proxies whose X-Forwarded-For and
	// X-Real-IP headers are believed; from any other peer (and from all
	// peers when empty) the client address is the TCP peer.
	TrustedProxies []*net.IPNet
	// Mount registers routes outside /api/v1 (docs, the SPA) after the
	// modules, before HEAD is added beside every GET route.
	Mount func(e *echo.Echo)
}

// New builds the Echo instance with all middleware and the routes outside
// /api/v1, and returns it with the /api/v1 group for the modules.
func New(opts Options, modules ...Module) *echo.Echo {
	if opts.BodyLimit == "" {
		opts.BodyLimit = "1M"
	}
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.HTTPErrorHandler = ErrorHandler(opts.Logger, opts.DomainError)
	e.JSONSerializer = compactJSON{}
	e.IPExtractor = ClientIP(opts.TrustedProxies)

	e.Pre(middleware.RemoveTrailingSlash())
	e.Use(requestIDs)
	e.Use(requestLogger(opts.Logger))
	if opts.Registry != nil {
		e.Use(metricsMiddleware(opts.Registry))
	}
	e.Use(recoverer(opts.Logger))
	e.Use(securityHeaders)
	e.Use(plainURL)
	// Without CORS_ORIGINS the API is same-origin only: no CORS headers
	// at all (Echo's CORS middleware would allow every origin when given
	// an empty list).
	if len(opts.CORSOrigins) > 0 {
		e.Use(middleware.CORSWithConfig(middleware.CORSConfig{
			AllowOrigins:  opts.CORSOrigins,
			AllowMethods:  []string{http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete},
			AllowHeaders:  []string{echo.HeaderAuthorization, echo.HeaderContentType, "If-Match", "If-None-Match", echo.HeaderXRequestID},
			ExposeHeaders: []string{"ETag", "Retry-After", echo.HeaderXRequestID, "Location", echo.HeaderAllow},
			MaxAge:        600,
		}))
	}
	e.Use(middleware.BodyLimit(opts.BodyLimit))
	// gzip (issue 21): Echo pools its writers; the fastest level, since list JSON
	// compresses well at any level and the CPU is what the 2-core server runs
	// short of; nothing under 1 KB, where it saves less than it costs.
	e.Use(middleware.GzipWithConfig(middleware.GzipConfig{Level: gzip.BestSpeed, MinLength: 1024}))

	e.GET("/healthz", func(c echo.Context) error {
		return c.JSON(http.StatusOK, map[string]string{"status": "ok"})
	})
	e.GET("/readyz", func(c echo.Context) error {
		if opts.Ready != nil {
			ctx, cancel := context.WithTimeout(c.Request().Context(), 2*time.Second)
			defer cancel()
			if err := opts.Ready(ctx); err != nil {
				c.Response().Header().Set("Retry-After", "5")
				return c.JSON(http.StatusServiceUnavailable, map[string]string{"status": "unavailable"})
			}
		}
		return c.JSON(http.StatusOK, map[string]string{"status": "ready"})
	})
	if opts.Registry != nil {
		e.GET("/metrics", metricsHandler(opts.Registry))
	}

	g := e.Group("/api/v1", authenticate(opts.Authenticator))
	// Replace the group's catch-all 404 routes with ones that tell a
	// wrong method (405 + Allow) from an unknown path.
	g.RouteNotFound("", routeNotFound(e))
	g.RouteNotFound("/*", routeNotFound(e))
	for _, m := range modules {
		m.Routes(g)
	}
	if opts.Mount != nil {
		opts.Mount(e)
	}
	addHeadRoutes(e)
	return e
}

// Server wraps the Echo instance in an http.Server with timeouts, so a slow
// client cannot hold a worker forever.
func Server(addr string, h http.Handler) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
	}
}

// compactJSON writes JSON without Echo's pretty-print-on-?pretty switch and
// with HTML escaping off: texts are data, and clients escape on render.
type compactJSON struct{}

func (compactJSON) Serialize(c echo.Context, i any, _ string) error {
	return jsonEncoder(c.Response()).Encode(i)
}

func (compactJSON) Deserialize(c echo.Context, i any) error { return Decode(c, i) }

func jsonEncoder(w io.Writer) *json.Encoder {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc
}
