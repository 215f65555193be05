package budget

import (
	"context"
	"time"

	"github.com/google/uuid"

	"github.com/labstack/echo/v4"
	"gorm.io/gorm"

	"kulttuurisilta/api/internal/l10n"
)

// Module serves agreements, costs, the split report and periods.
type Module struct {
	Store Store
	// UserLang is a user's language, for the documents written to them
	// (the invoicing basis PDF) when the request names none; Finnish when nil.
	UserLang func(ctx context.Context, userID uuid.UUID) (l10n.Lang, error)
}

// NewModule builds the module over db; zone is the calendar zone, in which
// a month ends; userLang gives a user's language for documents.
func NewModule(db *gorm.DB, zone *time.Location, userLang func(context.Context, uuid.UUID) (l10n.Lang, error)) Module {
	return Module{Store: Store{DB: db, Zone: zone}, UserLang: userLang}
}

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
	g.GET("/agreements/:id/periods/:month/changes", m.listChanges)
	g.GET("/agreements/:id/periods/:month/bases", m.listBases)
	g.GET("/agreements/:id/periods/:month/basis", m.getBasis)
	g.GET("/agreements/:id/periods/:month/basis.pdf", m.getBasisPDF)
	g.GET("/agreements/:id/periods/:month/basis.csv", m.getBasisCSV)

	g.GET("/costs", m.listCosts)
	g.POST("/costs", m.createCost)
	g.POST("/costs/import", m.importCosts)
	g.GET("/costs/:id", m.getCost)
	g.PATCH("/costs/:id", m.updateCost)
	g.DELETE("/costs/:id", m.deleteCost)
}
