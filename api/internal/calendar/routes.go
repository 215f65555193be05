package calendar

import (
	"time"

	"github.com/labstack/echo/v4"
	"gorm.io/gorm"
)

// Module serves the calendar: partners, series, activities, occurrence
// overrides, attendance, the expanded calendar and ideas turned into
// activities.
type Module struct {
	Store Store
	Zone  *time.Location
	// Now is the clock (attendance only for occurrences that have started).
	Now func() time.Time
}

// keptSets is how many region-wide occurrence sets the module keeps: a
// year of months of the all-units calendar, with room for a few filters.
const keptSets = 24

// NewModule builds the module over db, expanding recurrence in zone.
func NewModule(db *gorm.DB, zone *time.Location) Module {
	if zone == nil {
		zone = time.UTC
	}
	return Module{Store: Store{DB: db, Zone: zone, Sets: NewSets(keptSets)}, Zone: zone, Now: time.Now}
}

// Routes registers the calendar endpoints.
func (m Module) Routes(g *echo.Group) {
	g.GET("/calendar", m.getCalendar)

	g.GET("/partners", m.listPartners)
	g.POST("/partners", m.createPartner)
	g.GET("/partners/:id", m.getPartner)
	g.PATCH("/partners/:id", m.updatePartner)
	g.DELETE("/partners/:id", m.deletePartner)

	g.GET("/series", m.listSeries)
	g.POST("/series", m.createSeries)
	g.GET("/series/:id", m.getSeries)
	g.PATCH("/series/:id", m.updateSeries)
	g.DELETE("/series/:id", m.deleteSeries)

	g.GET("/activities", m.listActivities)
	g.POST("/activities", m.createActivity)
	g.GET("/activities/:id", m.getActivity)
	g.PATCH("/activities/:id", m.updateActivity)
	g.DELETE("/activities/:id", m.deleteActivity)
	g.GET("/activities/:id/occurrences", m.listActivityOccurrences)

	g.GET("/activities/:id/overrides", m.listOverrides)
	g.POST("/activities/:id/overrides", m.createOverride)
	g.GET("/activities/:id/overrides/:override_id", m.getOverride)
	g.PATCH("/activities/:id/overrides/:override_id", m.updateOverride)
	g.DELETE("/activities/:id/overrides/:override_id", m.deleteOverride)

	g.GET("/activities/:id/attendance", m.listAttendance)
	g.POST("/activities/:id/attendance", m.createAttendance)
	g.GET("/activities/:id/attendance/:attendance_id", m.getAttendance)
	g.PATCH("/activities/:id/attendance/:attendance_id", m.updateAttendance)
	g.DELETE("/activities/:id/attendance/:attendance_id", m.deleteAttendance)

	g.POST("/ideas/:id/activity", m.activityFromIdea)
}
