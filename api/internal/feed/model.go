package feed

import (
	"time"

	"github.com/google/uuid"

	"kulttuurisilta/api/internal/database"
)

// Feed token scopes: the whole calendar, one unit's, or one partner's.
var TokenScopes = []string{"all", "unit", "partner"}

// Token is a revocable, read-only feed token. Only the hash of its secret is stored.
type Token struct {
	database.Model
	// Purpose is PurposeFeed or PurposeScreen.
	Purpose    string `gorm:"default:feed"`
	Name       string
	Scope      string
	UnitID     *uuid.UUID `gorm:"type:uuid"`
	PartnerID  *uuid.UUID `gorm:"type:uuid"`
	TokenHash  []byte
	Prefix     string
	CreatedBy  *uuid.UUID `gorm:"type:uuid"`
	RevokedAt  *time.Time
	LastUsedAt *time.Time
}

// TableName is the feed tokens table.
func (Token) TableName() string { return "feed_tokens" }

// TokenResponse is a feed token in the API (never with its secret).
type TokenResponse struct {
	database.Head
	Name       string     `json:"name"`
	Scope      string     `json:"scope" enums:"all,unit,partner"`
	UnitID     *uuid.UUID `json:"unit_id" extensions:"x-nullable"`
	PartnerID  *uuid.UUID `json:"partner_id" extensions:"x-nullable"`
	Prefix     string     `json:"prefix"`
	CreatedBy  *uuid.UUID `json:"created_by" extensions:"x-nullable"`
	RevokedAt  *time.Time `json:"revoked_at" extensions:"x-nullable"`
	LastUsedAt *time.Time `json:"last_used_at" extensions:"x-nullable"`
	// AllowedActions: revoke while the token is live (docs/development.md).
	AllowedActions []string `json:"allowed_actions,omitzero" enums:"revoke"`
}

// TokenCreated is the one response that carries the secret.
type TokenCreated struct {
	TokenResponse
	// Token is shown only once; store it now.
	Token string `json:"token"`
	// FeedPath is the private feed's address (relative to the API host), secret included.
	FeedPath string `json:"feed_path" example:"/api/v1/calendar.ics?token=ksf_..."`
}

// TokenInput creates a feed token.
type TokenInput struct {
	Name      string     `json:"name" example:"Hoivakoti Koivula staff calendar"`
	Scope     string     `json:"scope" enums:"all,unit,partner"`
	UnitID    *uuid.UUID `json:"unit_id" validate:"optional"`
	PartnerID *uuid.UUID `json:"partner_id" validate:"optional"`
}

func toTokenResponse(t Token) TokenResponse {
	return TokenResponse{Head: t.Head(),
		Name: t.Name, Scope: t.Scope, UnitID: t.UnitID, PartnerID: t.PartnerID, Prefix: t.Prefix, CreatedBy: t.CreatedBy,
		RevokedAt: utcPtr(t.RevokedAt), LastUsedAt: utcPtr(t.LastUsedAt)}
}

func utcPtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}
