package notify

import "github.com/labstack/echo/v4"

// Module serves the inbox, the settings and the unsubscribe links.
type Module struct{ S *Service }

// Module is the service's HTTP surface.
func (s *Service) Module() Module { return Module{S: s} }

// Routes registers the notification endpoints.
func (m Module) Routes(g *echo.Group) {
	g.GET("/me/notifications", m.inbox)
	g.POST("/me/notifications/read-all", m.readAll)
	g.POST("/me/notifications/:id/read", m.read)
	g.GET("/me/notification-settings", m.getSettings)
	g.PUT("/me/notification-settings", m.putSettings)
	g.GET("/notification-unsubscribe", m.getUnsubscribe)
	g.POST("/notification-unsubscribe", m.postUnsubscribe)
}
