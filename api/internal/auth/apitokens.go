package auth

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/apperr"
	"kulttuurisilta/api/internal/database"
	"kulttuurisilta/api/internal/paging"
	"kulttuurisilta/api/internal/validate"
	"kulttuurisilta/api/internal/versioned"
)

// Token lifetimes: a year by default, two at most, so a forgotten
// integration's credential does not live forever.
const (
	defaultTokenTTL = 365 * 24 * time.Hour
	maxTokenTTL     = 2 * 365 * 24 * time.Hour
)

// APITokens reads and writes API tokens.
type APITokens struct {
	DB  *gorm.DB
	Now func() time.Time
}

func (s APITokens) validate(in *APITokenInput, now time.Time) error {
	in.Name = strings.TrimSpace(in.Name)
	var v validate.Errors
	v.Text("name", in.Name, true, 200)
	if len(in.Scopes) == 0 {
		v.AddCode("scopes", apperr.CodeRequired, "name at least one scope")
	}
	for _, sc := range in.Scopes {
		if !slices.Contains(access.Scopes, sc) {
			v.AddCode("scopes", apperr.CodeInvalidChoice, "unknown scope %q; use %s", sc, strings.Join(access.Scopes, ", "))
			break
		}
	}
	if in.ExpiresAt != nil && (!in.ExpiresAt.After(now) || in.ExpiresAt.Sub(now) > maxTokenTTL) {
		v.AddCode("expires_at", apperr.CodeOutOfRange, "must be in the future and at most two years away")
	}
	return v.Err()
}

// Create makes a token and returns it with its secret (shown once).
func (s APITokens) Create(ctx context.Context, owner uuid.UUID, in APITokenInput) (APITokenCreated, error) {
	now := time.Now().UTC()
	if s.Now != nil {
		now = s.Now()
	}
	if err := s.validate(&in, now); err != nil {
		return APITokenCreated{}, err
	}
	expires := now.Add(defaultTokenTTL)
	if in.ExpiresAt != nil {
		expires = in.ExpiresAt.UTC()
	}
	secret, hash := newSecret(apiTokenPrefix)
	scopes := slices.Compact(slices.Sorted(slices.Values(in.Scopes)))
	t := APIToken{Name: in.Name, OwnerID: owner, TokenHash: hash, Prefix: secret[:len(apiTokenPrefix)+6],
		Scopes: scopes, ExpiresAt: expires}
	t, err := versioned.Create(ctx, s.DB, t, versioned.Write[APIToken]{
		Action: "api_token.create", Entity: "api_token", View: versioned.View(toAPITokenResponse)})
	return APITokenCreated{APITokenResponse: toAPITokenResponse(t), Token: secret}, err
}

// List returns a page of tokens, newest first.
func (s APITokens) List(ctx context.Context, page paging.Page) ([]APIToken, paging.Found, error) {
	q := page.Filter(s.DB.WithContext(ctx).Model(&APIToken{}), "api_tokens")
	return paging.Find[APIToken](q, page, "created_at DESC, id DESC")
}

// Get returns one token.
func (s APITokens) Get(ctx context.Context, id uuid.UUID) (APIToken, error) {
	return database.ByID[APIToken](s.DB.WithContext(ctx), id, "API token")
}

// Revoke ends a token at once. Revoking twice is harmless.
func (s APITokens) Revoke(ctx context.Context, id uuid.UUID, ifMatch *int) (APIToken, error) {
	return versioned.Update(ctx, s.DB, versioned.Write[APIToken]{ID: id, What: "API token", IfMatch: ifMatch,
		Apply: func(_ *gorm.DB, t *APIToken) error {
			if t.RevokedAt != nil {
				return versioned.ErrNoChange
			}
			now := time.Now().UTC()
			t.RevokedAt = &now
			return nil
		},
		Action: "api_token.revoke", Entity: "api_token", View: versioned.View(toAPITokenResponse)})
}
