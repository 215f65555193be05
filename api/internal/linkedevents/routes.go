package linkedevents

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"regexp"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"gorm.io/gorm"
)

// Module serves the Linked Events export and the units' place ids.
type Module struct {
	Store Store
}

// Linked Events ids: a data source ("kaarina") or an id within one ("tprek:7254", "kaarina:org1").
var (
	dataSourcePattern = regexp.MustCompile(`^[a-z0-9_-]{1,100}$`)
	objectIDPattern   = regexp.MustCompile(`^[a-z0-9_-]{1,100}:[A-Za-z0-9_.:-]{1,100}$`)
)

// ConfigFromEnv reads LINKED_EVENTS_DATA_SOURCE, LINKED_EVENTS_PUBLISHER, LINKED_EVENTS_API_URL and
// LINKED_EVENTS_DEFAULT_PLACE; the error names every variable that is set to something unusable.
func ConfigFromEnv() (Config, error) {
	c := Config{DataSource: os.Getenv("LINKED_EVENTS_DATA_SOURCE"), Publisher: os.Getenv("LINKED_EVENTS_PUBLISHER"),
		APIURL: os.Getenv("LINKED_EVENTS_API_URL"), DefaultPlace: os.Getenv("LINKED_EVENTS_DEFAULT_PLACE")}
	if c.DataSource == "" {
		c.DataSource = "kulttuurisilta"
	}
	if c.APIURL == "" {
		c.APIURL = "https://api.hel.fi/linkedevents/v1"
	}
	var errs []error
	if !dataSourcePattern.MatchString(c.DataSource) {
		errs = append(errs, fmt.Errorf("LINKED_EVENTS_DATA_SOURCE %q is not a Linked Events data source id (lower-case letters, digits, _ and -)", c.DataSource))
	}
	if c.Publisher != "" && !objectIDPattern.MatchString(c.Publisher) {
		errs = append(errs, fmt.Errorf("LINKED_EVENTS_PUBLISHER %q is not a Linked Events organisation id such as kaarina:org1", c.Publisher))
	}
	if c.DefaultPlace != "" && !objectIDPattern.MatchString(c.DefaultPlace) {
		errs = append(errs, fmt.Errorf("LINKED_EVENTS_DEFAULT_PLACE %q is not a Linked Events place id such as tprek:7254", c.DefaultPlace))
	}
	if u, err := url.Parse(c.APIURL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		errs = append(errs, fmt.Errorf("LINKED_EVENTS_API_URL %q is not an http(s) URL", c.APIURL))
	}
	return c, errors.Join(errs...)
}

// NewModule builds the module over db with the configuration from the environment (which `serve` checks
// before it starts: CheckEnv).
func NewModule(db *gorm.DB, zone *time.Location) Module {
	if zone == nil {
		zone = time.UTC
	}
	c, _ := ConfigFromEnv()
	return Module{Store: Store{DB: db, Zone: zone, Config: c}}
}

// CheckEnv reports a Linked Events setting that is set to something unusable.
func CheckEnv() error {
	_, err := ConfigFromEnv()
	return err
}

// Routes registers the integration endpoints.
func (m Module) Routes(g *echo.Group) {
	g.GET("/integrations/linked-events/events", m.listEvents)
	g.GET("/integrations/linked-events/status", m.listOutcomes)
	g.GET("/integrations/linked-events/places", m.listPlaces)
	g.PUT("/integrations/linked-events/places/:unit_id", m.putPlace)
}

// ApplyEnvMissing names the settings `publish linked-events --apply` needs that are not set:
// LINKED_EVENTS_API_URL (no default target, so nothing is ever sent to a portal by accident),
// LINKED_EVENTS_API_KEY (the data source's key) and LINKED_EVENTS_PUBLISHER (Linked Events refuses an
// event without a publisher its API key's organisation administers).
func ApplyEnvMissing() []string {
	var missing []string
	for _, k := range []string{"LINKED_EVENTS_API_URL", "LINKED_EVENTS_API_KEY", "LINKED_EVENTS_PUBLISHER"} {
		if os.Getenv(k) == "" {
			missing = append(missing, k)
		}
	}
	return missing
}

// ClientFromEnv is the push client from LINKED_EVENTS_API_URL and LINKED_EVENTS_API_KEY, and the export
// configuration its events are built with (their links point into the API they are sent to). A dry run
// needs none of the variables; an apply refuses to start, in one line, unless every one
// ApplyEnvMissing names is set.
func ClientFromEnv(apply bool) (Client, Config, error) {
	cfg, err := ConfigFromEnv()
	if err != nil {
		return Client{}, cfg, err
	}
	if missing := ApplyEnvMissing(); apply && len(missing) > 0 {
		return Client{}, cfg, fmt.Errorf("--apply needs %s set (the Linked Events API, its API key for our data source, "+
			"and the organisation that publishes the events)", joinAnd(missing))
	}
	return Client{BaseURL: cfg.APIURL, APIKey: os.Getenv("LINKED_EVENTS_API_KEY")}, cfg, nil
}

func joinAnd(s []string) string {
	if len(s) < 2 {
		return strings.Join(s, "")
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}
