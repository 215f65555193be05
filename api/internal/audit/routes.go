package audit

import (
	"github.com/labstack/echo/v4"
	"gorm.io/gorm"
)

// Module serves the audit log.
type Module struct {
	Store Store
}

// NewModule wires the audit log's routes to db.
func NewModule(db *gorm.DB) Module { return Module{Store: Store{DB: db}} }

// Routes registers GET /audit-events.
func (m Module) Routes(g *echo.Group) {
	g.GET("/audit-events", m.listAuditEvents)
}
