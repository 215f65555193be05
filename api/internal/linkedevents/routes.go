package linkedevents

import (
	"errors"
	"fmt"
	"net/url"
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

// ClientFromEnv is the push client from LINKED_EVENTS_API_URL and LINKED_EVENTS_API_KEY. Applying a push
// needs both set explicitly (no default target, so nothing is ever sent to a portal by accident); a dry
// run needs neither.
func ClientFromEnv(apply bool) (Client, error) {
	c := Client{BaseURL: os.Getenv("LINKED_EVENTS_API_URL"), APIKey: os.Getenv("LINKED_EVENTS_API_KEY")}
	if apply {
		switch {
		case c.BaseURL == "":
			return c, errors.New("set LINKED_EVENTS_API_URL to the Linked Events API to publish to")
		case c.APIKey == "":
			return c, errors.New("set LINKED_EVENTS_API_KEY to the data source's API key")
		}
	}
	if c.BaseURL == "" {
		c.BaseURL = ConfigFromEnv().APIURL
	}
	if u, err := url.Parse(c.BaseURL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return c, fmt.Errorf("LINKED_EVENTS_API_URL %q is not an http(s) URL", c.BaseURL)
	}
	return c, nil
}
