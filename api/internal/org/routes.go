package org

import (
	"github.com/labstack/echo/v4"
	"gorm.io/gorm"
)

// Module serves departments and units.
type Module struct {
	Store Store
}

// NewModule builds the module over db.
func NewModule(db *gorm.DB) Module { return Module{Store: Store{DB: db}} }

// Routes registers the org endpoints.
func (m Module) Routes(g *echo.Group) {
	g.GET("/departments", m.listDepartments)
	g.POST("/departments", m.createDepartment)
	g.GET("/departments/:id", m.getDepartment)
	g.PATCH("/departments/:id", m.updateDepartment)
	g.DELETE("/departments/:id", m.deleteDepartment)

	g.GET("/units", m.listUnits)
	g.POST("/units", m.createUnit)
	g.GET("/units/:id", m.getUnit)
	g.PATCH("/units/:id", m.updateUnit)
	g.DELETE("/units/:id", m.deleteUnit)
}
