package report

import (
	"time"

	"github.com/labstack/echo/v4"
	"gorm.io/gorm"
)

// Module serves the reports.
type Module struct {
	Store Store
}

// NewModule builds the module over db; months and weeks are counted in the calendar zone.
func NewModule(db *gorm.DB, zone *time.Location) Module {
	if zone == nil {
		zone = time.UTC
	}
	return Module{Store: Store{DB: db, Zone: zone}}
}

// Routes registers the report endpoints.
func (m Module) Routes(g *echo.Group) {
	g.GET("/reports/activities", m.getActivityReport)
	g.GET("/reports/activities.csv", m.getActivityReportCSV)
	g.GET("/reports/reach", m.getReachReport)
	g.GET("/reports/indicators", m.getIndicators)
	g.GET("/reports/adoption", m.getAdoption)
}
