package budget

import (
	"github.com/labstack/echo/v4"
	"gorm.io/gorm"
)

// Module serves agreements, costs, the split report and periods.
type Module struct {
	Store Store
}

// NewModule builds the module over db.
func NewModule(db *gorm.DB) Module { return Module{Store: Store{DB: db}} }

// Routes registers the budget endpoints.
func (m Module) Routes(g *echo.Group) {
	g.GET("/agreements", m.listAgreements)
	g.POST("/agreements", m.createAgreement)
	g.GET("/agreements/:id", m.getAgreement)
	g.PATCH("/agreements/:id", m.updateAgreement)
	g.DELETE("/agreements/:id", m.deleteAgreement)

	g.GET("/agreements/:id/split", m.getSplit)
	g.GET("/agreements/:id/split.csv", m.getSplitCSV)
	g.GET("/agreements/:id/split.xlsx", m.getSplitXLSX)

	g.GET("/agreements/:id/periods", m.listPeriods)
	g.GET("/agreements/:id/periods/:month", m.getPeriod)
	g.POST("/agreements/:id/periods/:month/approve", m.approvePeriod)
	g.POST("/agreements/:id/periods/:month/lock", m.lockPeriod)
	g.POST("/agreements/:id/periods/:month/unlock", m.unlockPeriod)

	g.GET("/costs", m.listCosts)
	g.POST("/costs", m.createCost)
	g.POST("/costs/import", m.importCosts)
	g.GET("/costs/:id", m.getCost)
	g.PATCH("/costs/:id", m.updateCost)
	g.DELETE("/costs/:id", m.deleteCost)
}
