package linkedevents

import (
	"os"
	"time"

	"github.com/labstack/echo/v4"
	"gorm.io/gorm"
)

// Module serves the Linked Events export and the units' place ids.
type Module struct {
	Store Store
}

// ConfigFromEnv reads LINKED_EVENTS_DATA_SOURCE, LINKED_EVENTS_PUBLISHER and LINKED_EVENTS_API_URL.
func ConfigFromEnv() Config {
	c := Config{DataSource: os.Getenv("LINKED_EVENTS_DATA_SOURCE"), Publisher: os.Getenv("LINKED_EVENTS_PUBLISHER"),
		APIURL: os.Getenv("LINKED_EVENTS_API_URL")}
	if c.DataSource == "" {
		c.DataSource = "kulttuurisilta"
	}
	if c.APIURL == "" {
		c.APIURL = "https://api.hel.fi/linkedevents/v1"
	}
	return c
}

// NewModule builds the module over db with the configuration from the environment.
func NewModule(db *gorm.DB, zone *time.Location) Module {
	if zone == nil {
		zone = time.UTC
	}
	return Module{Store: Store{DB: db, Zone: zone, Config: ConfigFromEnv()}}
}

// Routes registers the integration endpoints.
func (m Module) Routes(g *echo.Group) {
	g.GET("/integrations/linked-events/events", m.listEvents)
	g.GET("/integrations/linked-events/places", m.listPlaces)
	g.PUT("/integrations/linked-events/places/:unit_id", m.putPlace)
}
