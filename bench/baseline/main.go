// Command baseline is the bare reference server the benchmarks compare the
// API with, in the same run on the same database: Echo with no middleware
// serving GET /healthz, and GET /units returning a 50-row page straight
// from pgx, compressed like the API's responses when the client accepts
// gzip. Anything the API adds (auth, logging, metrics, security headers,
// GORM, the list total) shows as the ratio between the two.
package main

import (
	"compress/gzip"
	"context"
	"flag"
	"fmt"
	"net/http"
	"os"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

type unit struct {
	ID               string    `json:"id"`
	CreatedAt        time.Time `json:"created_at"`
	UpdatedAt        time.Time `json:"updated_at"`
	Version          int       `json:"version"`
	Name             string    `json:"name"`
	Kind             string    `json:"kind"`
	Organisation     string    `json:"organisation"`
	Sector           string    `json:"sector"`
	DepartmentID     *string   `json:"department_id"`
	Municipality     string    `json:"municipality"`
	Address          string    `json:"address"`
	ResidentCapacity int       `json:"resident_capacity"`
	Active           bool      `json:"active"`
}

func main() {
	listen := flag.String("listen", "127.0.0.1:0", "address")
	dbURL := flag.String("db", os.Getenv("DATABASE_URL"), "database URL")
	flag.Parse()
	ctx := context.Background()
	cfg, err := pgxpool.ParseConfig(*dbURL)
	if err != nil {
		fmt.Fprintln(os.Stderr, "baseline:", err)
		os.Exit(1)
	}
	cfg.MaxConns = 20
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		fmt.Fprintln(os.Stderr, "baseline:", err)
		os.Exit(1)
	}
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	// The same compression as the API (internal/httpapi): applied only when
	// the request says Accept-Encoding: gzip, so one server is the baseline
	// of both the plain and the gzip runs.
	e.Use(middleware.GzipWithConfig(middleware.GzipConfig{Level: gzip.BestSpeed, MinLength: 1024}))
	e.GET("/healthz", func(c echo.Context) error {
		return c.JSON(http.StatusOK, map[string]string{"status": "ok"})
	})
	e.GET("/units", func(c echo.Context) error {
		rows, err := pool.Query(c.Request().Context(), `SELECT id::text, created_at, updated_at, version, name, kind,
			organisation, sector, department_id::text, municipality, address, resident_capacity, active
			FROM units ORDER BY name, id LIMIT 50`)
		if err != nil {
			return err
		}
		defer rows.Close()
		items := make([]unit, 0, 50)
		for rows.Next() {
			var u unit
			if err := rows.Scan(&u.ID, &u.CreatedAt, &u.UpdatedAt, &u.Version, &u.Name, &u.Kind, &u.Organisation,
				&u.Sector, &u.DepartmentID, &u.Municipality, &u.Address, &u.ResidentCapacity, &u.Active); err != nil {
				return err
			}
			items = append(items, u)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		return c.JSON(http.StatusOK, map[string]any{"items": items})
	})
	fmt.Fprintln(os.Stderr, "baseline: listening on", *listen)
	if err := e.Start(*listen); err != nil {
		fmt.Fprintln(os.Stderr, "baseline:", err)
		os.Exit(1)
	}
}
