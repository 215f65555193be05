// Package auth signs users in and out (JWT access tokens, rotating refresh
// tokens), manages users and API tokens, and authenticates every request.
package auth

import (
	"time"

	"github.com/google/uuid"

	"kulttuurisilta/api/internal/database"
	"kulttuurisilta/api/internal/httpapi"
)

// User is a person who signs in.
type User struct {
	database.Model
	Email        string
	Name         string
	Role         string
	DepartmentID *uuid.UUID `gorm:"type:uuid"`
	PasswordHash string
	Active       bool
	LastLoginAt  *time.Time
	// Locale is the user's language (fi, sv or en): the SPA, emails and PDFs follow it.
	Locale  string      `gorm:"default:fi"`
	UnitIDs []uuid.UUID `gorm:"-"`
}

// UserUnit names a user (a mentor) to a unit.
type UserUnit struct {
	UserID uuid.UUID `gorm:"type:uuid;primaryKey"`
	UnitID uuid.UUID `gorm:"type:uuid;primaryKey"`
}

// RefreshToken is a stored (hashed) refresh token.
type RefreshToken struct {
	ID        uuid.UUID `gorm:"type:uuid;primaryKey"`
	CreatedAt time.Time
	UserID    uuid.UUID `gorm:"type:uuid"`
	FamilyID  uuid.UUID `gorm:"type:uuid"`
	TokenHash []byte
	ExpiresAt time.Time
	UsedAt    *time.Time
	RevokedAt *time.Time
}

// APIToken is a third-party app's credential (stored hashed).
type APIToken struct {
	database.Model
	Name       string
	OwnerID    uuid.UUID `gorm:"type:uuid"`
	TokenHash  []byte
	Prefix     string
	Scopes     database.Array[string] `gorm:"type:text[]"`
	ExpiresAt  time.Time
	RevokedAt  *time.Time
	LastUsedAt *time.Time
}

// loginFailure is one failed login, for rate limiting.
type loginFailure struct {
	ID    int64 `gorm:"primaryKey"`
	At    time.Time
	Email string
	IP    string
}

func (loginFailure) TableName() string { return "login_failures" }

// UserResponse is a user in the API. The password hash never leaves.
type UserResponse struct {
	database.Head
	Email        string      `json:"email"`
	Name         string      `json:"name"`
	Role         string      `json:"role" enums:"admin,producer,manager,mentor,viewer"`
	DepartmentID *uuid.UUID  `json:"department_id" extensions:"x-nullable"`
	UnitIDs      []uuid.UUID `json:"unit_ids"`
	Active       bool        `json:"active"`
	LastLoginAt  *time.Time  `json:"last_login_at" extensions:"x-nullable"`
	// Locale is the user's language; the SPA starts in it, emails and PDFs use it.
	Locale string `json:"locale" enums:"fi,sv,en"`
	// AllowedActions: what the caller may do with the user (for GET /me: change their own settings) (docs/development.md).
	AllowedActions []string `json:"allowed_actions,omitzero" enums:"update"`
}

func toUserResponse(u User) UserResponse {
	units := u.UnitIDs
	if units == nil {
		units = []uuid.UUID{}
	}
	var last *time.Time
	if u.LastLoginAt != nil {
		t := u.LastLoginAt.UTC()
		last = &t
	}
	return UserResponse{Head: u.Head(),
		Email: u.Email, Name: u.Name, Role: u.Role, DepartmentID: u.DepartmentID, UnitIDs: units, Active: u.Active,
		LastLoginAt: last, Locale: u.Locale}
}

// UserInput creates a user.
type UserInput struct {
	Email        string      `json:"email" example:"mentor@example.fi"`
	Name         string      `json:"name" example:"Maija Mentori" validate:"optional"`
	Role         string      `json:"role" enums:"admin,producer,manager,mentor,viewer"`
	DepartmentID *uuid.UUID  `json:"department_id" validate:"optional" extensions:"x-nullable"`
	UnitIDs      []uuid.UUID `json:"unit_ids" validate:"optional"`
	Password     string      `json:"password" example:"a long passphrase"`
	// Locale is the user's language; fi when left out.
	Locale string `json:"locale" enums:"fi,sv,en" validate:"optional"`
}

// UserPatch changes some fields of a user.
type UserPatch struct {
	Name         *string                     `json:"name"`
	Role         *string                     `json:"role" enums:"admin,producer,manager,mentor,viewer"`
	DepartmentID httpapi.Optional[uuid.UUID] `json:"department_id" swaggertype:"string" format:"uuid"`
	UnitIDs      *[]uuid.UUID                `json:"unit_ids"`
	Active       *bool                       `json:"active"`
	Password     *string                     `json:"password"`
	Locale       *string                     `json:"locale" enums:"fi,sv,en"`
}

// MePatch is what users change about themselves (PATCH /me): their language.
type MePatch struct {
	Locale *string `json:"locale" enums:"fi,sv,en"`
}

// APITokenResponse is an API token in the API (never its secret).
type APITokenResponse struct {
	database.Head
	Name       string     `json:"name"`
	OwnerID    uuid.UUID  `json:"owner_id"`
	Prefix     string     `json:"prefix"`
	Scopes     []string   `json:"scopes" enums:"calendar:read,calendar:write,org:read,org:write,budget:read,budget:write"`
	ExpiresAt  time.Time  `json:"expires_at"`
	RevokedAt  *time.Time `json:"revoked_at" extensions:"x-nullable"`
	LastUsedAt *time.Time `json:"last_used_at" extensions:"x-nullable"`
	// AllowedActions: revoke while the token is live (docs/development.md).
	AllowedActions []string `json:"allowed_actions,omitzero" enums:"revoke"`
}

// APITokenCreated is the one response that carries the secret.
type APITokenCreated struct {
	APITokenResponse
	// Token is shown only once; store it now.
	Token string `json:"token"`
}

// APITokenInput creates an API token.
type APITokenInput struct {
	Name      string     `json:"name" example:"City event portal"`
	Scopes    []string   `json:"scopes" example:"calendar:read" enums:"calendar:read,calendar:write,org:read,org:write,budget:read,budget:write"`
	ExpiresAt *time.Time `json:"expires_at" validate:"optional"`
}

func toAPITokenResponse(t APIToken) APITokenResponse {
	return APITokenResponse{Head: t.Head(),
		Name: t.Name, OwnerID: t.OwnerID, Prefix: t.Prefix, Scopes: t.Scopes, ExpiresAt: t.ExpiresAt.UTC(),
		RevokedAt: utcPtr(t.RevokedAt), LastUsedAt: utcPtr(t.LastUsedAt)}
}

func utcPtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

// TokenResponse is the pinned login/refresh response.
type TokenResponse struct {
	AccessToken  string `json:"access_token"`
	RefreshToken string `json:"refresh_token"`
	TokenType    string `json:"token_type" example:"Bearer"`
	ExpiresIn    int    `json:"expires_in" example:"900"`
}

// LoginInput is the login body.
type LoginInput struct {
	Email    string `json:"email" example:"producer@demo.fi"`
	Password string `json:"password" example:"demo-password"`
}

// RefreshInput carries a refresh token.
type RefreshInput struct {
	RefreshToken string `json:"refresh_token"`
}

// MeResponse is the caller: a user, or an API token's owner with its scopes.
type MeResponse struct {
	UserResponse
	Scopes []string `json:"scopes"`
}
