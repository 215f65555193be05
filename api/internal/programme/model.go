package programme

import (
	"kulttuurisilta/api/internal/database"
	"time"

	"github.com/google/uuid"

	"kulttuurisilta/api/internal/feed"
)

// ScreenTokenResponse is a unit's screen token in the API (never its secret).
type ScreenTokenResponse struct {
	database.Head
	UnitID     uuid.UUID  `json:"unit_id"`
	Name       string     `json:"name"`
	Prefix     string     `json:"prefix" example:"kss_AbC123"`
	CreatedBy  *uuid.UUID `json:"created_by" extensions:"x-nullable"`
	RevokedAt  *time.Time `json:"revoked_at" extensions:"x-nullable"`
	LastUsedAt *time.Time `json:"last_used_at" extensions:"x-nullable"`
	// AllowedActions: "revoke" while the token is live.
	AllowedActions []string `json:"allowed_actions" enums:"revoke"`
}

// ScreenTokenCreated is the one response that carries the secret.
type ScreenTokenCreated struct {
	ScreenTokenResponse
	// Token is shown only once; store it now.
	Token string `json:"token"`
	// ScreenPath is the info screen's address (relative to the host), secret included.
	ScreenPath string `json:"screen_path" example:"/programme/0190e1d2-0000-7000-8000-000000000000/screen?token=kss_..."`
}

// ScreenTokenInput creates a screen token.
type ScreenTokenInput struct {
	// Name says which screen the token is for.
	Name string `json:"name" example:"Lobby TV"`
}

func toScreenTokenResponse(t feed.Token) ScreenTokenResponse {
	actions := []string{}
	if t.RevokedAt == nil {
		actions = append(actions, "revoke")
	}
	var unit uuid.UUID
	if t.UnitID != nil {
		unit = *t.UnitID
	}
	return ScreenTokenResponse{Head: t.Head(),
		UnitID: unit, Name: t.Name, Prefix: t.Prefix, CreatedBy: t.CreatedBy, RevokedAt: utc(t.RevokedAt),
		LastUsedAt: utc(t.LastUsedAt), AllowedActions: actions}
}

func utc(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}
