// Package app assembles the whole API from its domain modules. It is the
// one place that knows every module; main and the end-to-end tests use it.
package app

import (
	"context"
	"log/slog"
	"net"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"gorm.io/gorm"

	"kulttuurisilta/api/internal/audit"
	"kulttuurisilta/api/internal/auth"
	"kulttuurisilta/api/internal/budget"
	"kulttuurisilta/api/internal/calendar"
	"kulttuurisilta/api/internal/committee"
	"kulttuurisilta/api/internal/database"
	"kulttuurisilta/api/internal/feed"
	"kulttuurisilta/api/internal/httpapi"
	"kulttuurisilta/api/internal/linkedevents"
	"kulttuurisilta/api/internal/notify"
	"kulttuurisilta/api/internal/org"
	"kulttuurisilta/api/internal/programme"
	"kulttuurisilta/api/internal/report"
)

// Deps are what the modules need.
type Deps struct {
	DB           *gorm.DB
	Logger       *slog.Logger
	Auth         auth.Config
	CalendarZone *time.Location
	CORSOrigins  []string
	// TrustedProxies may name the client in X-Forwarded-For / X-Real-IP.
	TrustedProxies []*net.IPNet
	// SPADir is the built single-page app; empty or missing serves none.
	SPADir string
	// Notify sends notifications (NewNotifier); nil builds an in-app-only
	// one whose jobs are not worked (tests that do not need them).
	Notify *notify.Service
}

// NewNotifier builds the notification service with the domain packages'
// sources for the time-based reminders.
func NewNotifier(db *gorm.DB, zone *time.Location, cfg notify.Config) (*notify.Service, error) {
	cfg.Zone = zone
	cfg.Sources = notify.Sources{
		Months:   budget.NotifySource{DB: db},
		Calendar: calendar.NotifySource{Store: calendar.Store{DB: db, Zone: zone}},
	}
	return notify.New(db, cfg)
}

// Modules lists every domain module.
func Modules(d Deps) []httpapi.Module {
	com := committee.NewModule(d.DB, d.CalendarZone)
	com.Store.Notify = d.Notify
	cal := calendar.NewModule(d.DB, d.CalendarZone)
	cal.Store.Notify = d.Notify
	bud := budget.NewModule(d.DB, d.CalendarZone, auth.Users{DB: d.DB}.Lang)
	bud.Store.Notify = d.Notify
	return []httpapi.Module{
		auth.NewModule(d.DB, d.Auth),
		org.NewModule(d.DB),
		com,
		cal,
		feed.NewModule(d.DB, d.CalendarZone),
		report.NewModule(d.DB, d.CalendarZone, auth.Users{DB: d.DB}.Lang),
		linkedevents.NewModule(d.DB, d.CalendarZone),
		bud,
		programme.NewModule(d.DB, d.CalendarZone, auth.Users{DB: d.DB}.Lang),
		audit.NewModule(d.DB),
		d.Notify.Module(),
	}
}

// New builds the Echo instance serving the whole API.
func New(d Deps) *echo.Echo {
	if d.Notify == nil {
		n, err := NewNotifier(d.DB, d.CalendarZone, notify.Config{Secret: d.Auth.Secret, Logger: d.Logger})
		if err != nil {
			panic(err) // an in-app-only service has nothing to fail on
		}
		d.Notify = n
	}
	reg := prometheus.NewRegistry()
	reg.MustRegister(d.Notify.Collectors()...)
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	if sqlDB, err := d.DB.DB(); err == nil {
		reg.MustRegister(collectors.NewDBStatsCollector(sqlDB, "kulttuurisilta"))
	}
	authn := &auth.Service{DB: d.DB, Config: d.Auth}
	e := httpapi.New(httpapi.Options{
		Logger:         d.Logger,
		CORSOrigins:    d.CORSOrigins,
		TrustedProxies: d.TrustedProxies,
		Authenticator:  authn,
		Ready:          func(ctx context.Context) error { return database.Ping(ctx, d.DB) },
		DomainError:    database.DomainError,
		Registry:       reg,
		Mount: func(e *echo.Echo) {
			mountDocs(e)
			programme.NewModule(d.DB, d.CalendarZone, nil).MountPublic(e)
			mountSPA(e, d.SPADir)
		},
	}, Modules(d)...)
	return e
}
