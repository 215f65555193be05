package auth

import (
	"github.com/labstack/echo/v4"
	"gorm.io/gorm"
)

// Module serves sign-in, the caller's profile, users and API tokens.
type Module struct {
	Service   *Service
	Users     Users
	APITokens APITokens
}

// NewModule builds the module.
func NewModule(db *gorm.DB, cfg Config) Module {
	return Module{Service: &Service{DB: db, Config: cfg}, Users: Users{DB: db}, APITokens: APITokens{DB: db}}
}

// Routes registers the auth endpoints.
func (m Module) Routes(g *echo.Group) {
	g.POST("/auth/login", m.login)
	g.POST("/auth/refresh", m.refresh)
	g.POST("/auth/logout", m.logout)
	g.GET("/me", m.me)
	g.PATCH("/me", m.updateMe)

	g.GET("/users", m.listUsers)
	g.POST("/users", m.createUser)
	g.GET("/users/:id", m.getUser)
	g.PATCH("/users/:id", m.updateUser)

	g.GET("/api-tokens", m.listAPITokens)
	g.POST("/api-tokens", m.createAPIToken)
	g.GET("/api-tokens/:id", m.getAPIToken)
	g.DELETE("/api-tokens/:id", m.revokeAPIToken)
}
