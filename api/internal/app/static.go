package app

import (
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"

	"github.com/labstack/echo/v4"
	swaggerfiles "github.com/swaggo/files/v2"

	"kulttuurisilta/docs"
)

// docsPage is the interactive docs page: Swagger UI from the embedded
// assets (no CDN), pointed at the embedded spec.
const docsPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Kulttuurisilta API</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css"></head>
<body><div id="ui"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script>
</body></html>`

// The init script lives in its own file so the page passes the strict
// Content-Security-Policy (no inline scripts).
const docsInit = `window.ui = SwaggerUIBundle({url: "/api/openapi.json", dom_id: "#ui", deepLinking: true});`

func mountDocs(e *echo.Echo) {
	e.GET("/api/openapi.json", func(c echo.Context) error {
		return c.Blob(http.StatusOK, "application/json", docs.OpenAPI)
	})
	e.GET("/api/docs", func(c echo.Context) error { return c.HTML(http.StatusOK, docsPage) })
	e.GET("/api/docs/init.js", func(c echo.Context) error {
		return c.Blob(http.StatusOK, "text/javascript", []byte(docsInit))
	})
	assets := http.StripPrefix("/api/docs/assets/", http.FileServer(http.FS(swaggerfiles.FS)))
	e.GET("/api/docs/assets/*", echo.WrapHandler(assets))
}

// mountSPA serves the built single-page app for every path outside /api,
// falling back to index.html so client-side routes load.
func mountSPA(e *echo.Echo, dir string) {
	if dir == "" {
		return
	}
	index := filepath.Join(dir, "index.html")
	if _, err := os.Stat(index); err != nil {
		return
	}
	root := os.DirFS(dir)
	files := http.FileServer(http.FS(root))
	e.GET("/*", func(c echo.Context) error {
		p := strings.TrimPrefix(c.Request().URL.Path, "/")
		if strings.HasPrefix(p, "api/") {
			return echo.ErrNotFound
		}
		if st, err := fs.Stat(root, p); p != "" && err == nil && !st.IsDir() {
			if strings.HasPrefix(p, "assets/") {
				c.Response().Header().Set("Cache-Control", "public, max-age=31536000, immutable")
			}
			files.ServeHTTP(c.Response(), c.Request())
			return nil
		}
		c.Response().Header().Set("Cache-Control", "no-cache")
		return c.File(index)
	})
}
