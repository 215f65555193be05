package feed

import (
	"time"

	"github.com/labstack/echo/v4"
	"gorm.io/gorm"
)

// Module serves the iCalendar feeds and the feed tokens.
type Module struct {
	Store Store
}

// NewModule builds the module over db, expanding in the calendar zone.
func NewModule(db *gorm.DB, zone *time.Location) Module {
	if zone == nil {
		zone = time.UTC
	}
	return Module{Store: Store{DB: db, Zone: zone}}
}

// Routes registers the feed endpoints.
func (m Module) Routes(g *echo.Group) {
	g.GET("/calendar.ics", m.getFeed)
	g.GET("/feed-tokens", m.listFeedTokens)
	g.POST("/feed-tokens", m.createFeedToken)
	g.GET("/feed-tokens/:id", m.getFeedToken)
	g.DELETE("/feed-tokens/:id", m.revokeFeedToken)
}
