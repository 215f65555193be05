package programme

import (
	"context"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"
	"gorm.io/gorm"

	"kulttuurisilta/api/internal/calendar"
	"kulttuurisilta/api/internal/feed"
	"kulttuurisilta/api/internal/l10n"
)

// Module serves the programme: the PDF and the screen tokens under /api/v1,
// the public page and the info screen outside it (MountPublic).
type Module struct {
	Store  Store
	Tokens feed.Store
	Zone   *time.Location
	// UserLang is the caller's own language, for a print without ?lang=.
	UserLang func(context.Context, uuid.UUID) (l10n.Lang, error)
	Now      func() time.Time
}

// NewModule builds the module.
func NewModule(db *gorm.DB, zone *time.Location, userLang func(context.Context, uuid.UUID) (l10n.Lang, error)) Module {
	if zone == nil {
		zone = time.UTC
	}
	return Module{Store: Store{DB: db, Calendar: calendar.Store{DB: db, Zone: zone}, Zone: zone},
		Tokens: feed.Store{DB: db, Zone: zone}, Zone: zone, UserLang: userLang, Now: time.Now}
}

func (m Module) now() time.Time {
	if m.Now == nil {
		return time.Now()
	}
	return m.Now()
}

// Routes registers the programme's API endpoints.
func (m Module) Routes(g *echo.Group) {
	g.GET("/units/:id/programme.pdf", m.getProgrammePDF)
	g.GET("/units/:id/screen-tokens", m.listScreenTokens)
	g.POST("/units/:id/screen-tokens", m.createScreenToken)
	g.DELETE("/units/:id/screen-tokens/:token_id", m.revokeScreenToken)
}

// MountPublic registers the pages outside /api: the public programme, the
// info screen and their static assets (stylesheets, the clock script, the
// pictograms), all embedded in the binary.
func (m Module) MountPublic(e *echo.Echo) {
	e.GET("/programme/:unit_id", m.publicPage)
	e.GET("/programme/:unit_id/screen", m.screenPage)
	e.GET("/programme/assets/:file", assetHandler)
	e.GET("/programme/assets/pictograms/:file", pictogramHandler)
}
