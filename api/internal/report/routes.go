package report

import (
	"context"
	"time"

	"github.com/google/uuid"

	"github.com/labstack/echo/v4"
	"gorm.io/gorm"

	"kulttuurisilta/api/internal/l10n"
)

// Module serves the reports.
type Module struct {
	Store Store
	// UserLang is the caller's own language, for an annual report without ?lang=.
	UserLang func(context.Context, uuid.UUID) (l10n.Lang, error)
}

// NewModule builds the module over db; months and weeks are counted in the calendar zone.
func NewModule(db *gorm.DB, zone *time.Location, userLang func(context.Context, uuid.UUID) (l10n.Lang, error)) Module {
	if zone == nil {
		zone = time.UTC
	}
	return Module{Store: Store{DB: db, Zone: zone, Reports: NewReports(keptReports), Inputs: NewInputs(keptInputs)},
		UserLang: userLang}
}

// Routes registers the report endpoints.
func (m Module) Routes(g *echo.Group) {
	g.GET("/reports/activities", m.getActivityReport)
	g.GET("/reports/activities.csv", m.getActivityReportCSV)
	g.GET("/reports/reach", m.getReachReport)
	g.GET("/reports/ideas", m.getIdeaReport)
	g.GET("/reports/indicators", m.getIndicators)
	g.GET("/reports/adoption", m.getAdoption)
	g.GET("/reports/annual.pdf", m.getAnnualPDF)
	g.GET("/reports/annual.xlsx", m.getAnnualXLSX)
}
