package feed

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"kulttuurisilta/api/internal/apperr"
	"kulttuurisilta/api/internal/audit"
	"kulttuurisilta/api/internal/database"
	"kulttuurisilta/api/internal/paging"
	"kulttuurisilta/api/internal/validate"
	"kulttuurisilta/api/internal/versioned"
)

// Token purposes: a feed token opens a private .ics feed; a screen token
// opens one unit's lobby info screen (GET /programme/{unit}/screen, issue
// 18). They share this machinery (random secrets stored as SHA-256 hashes,
// revocation, last use) and never stand in for each other.
const (
	PurposeFeed   = "feed"
	PurposeScreen = "screen"
)

// The secrets' prefixes (API tokens use kst_), so a leaked one is recognisable.
var prefixes = map[string]string{PurposeFeed: "ksf_", PurposeScreen: "kss_"}

func hashSecret(secret string) []byte {
	h := sha256.Sum256([]byte(secret))
	return h[:]
}

// issue fills t's secret for its purpose and inserts it with an audit event
// (entity feed_token or screen_token) in the same transaction; check runs
// first in that transaction. It returns the secret, shown once.
func (s Store) issue(ctx context.Context, t *Token, check func(tx *gorm.DB) error) (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("%s token: %w", t.Purpose, err)
	}
	prefix := prefixes[t.Purpose]
	secret := prefix + base64.RawURLEncoding.EncodeToString(b)
	t.TokenHash, t.Prefix = hashSecret(secret), secret[:len(prefix)+6]
	err := database.Tx(ctx, s.DB, func(tx *gorm.DB) error {
		if err := check(tx); err != nil {
			return err
		}
		if err := tx.Create(t).Error; err != nil {
			return err
		}
		return audit.Record(ctx, tx, t.Purpose+"_token.create", t.Purpose+"_token", t.ID, nil, toTokenResponse(*t))
	})
	return secret, err
}

// CreateToken makes a feed token and returns it with its secret (shown once).
func (s Store) CreateToken(ctx context.Context, creator uuid.UUID, in TokenInput) (TokenCreated, error) {
	if err := in.validate(); err != nil {
		return TokenCreated{}, err
	}
	t := Token{Purpose: PurposeFeed, Name: in.Name, Scope: in.Scope, UnitID: in.UnitID, PartnerID: in.PartnerID, CreatedBy: &creator}
	secret, err := s.issue(ctx, &t, func(tx *gorm.DB) error { return s.checkTarget(tx, in) })
	if err != nil {
		return TokenCreated{}, err
	}
	path := "/api/v1/calendar.ics?token=" + secret
	return TokenCreated{TokenResponse: toTokenResponse(t), Token: secret, FeedPath: path}, nil
}

// CreateScreenToken makes a screen token for a unit (404 when the unit does
// not exist) and returns it with its secret (shown once).
func (s Store) CreateScreenToken(ctx context.Context, creator, unitID uuid.UUID, name string) (Token, string, error) {
	name = strings.TrimSpace(name)
	var v validate.Errors
	v.Text("name", name, true, 200)
	if err := v.Err(); err != nil {
		return Token{}, "", err
	}
	t := Token{Purpose: PurposeScreen, Name: name, Scope: "unit", UnitID: &unitID, CreatedBy: &creator}
	secret, err := s.issue(ctx, &t, func(tx *gorm.DB) error {
		var n int64
		if err := tx.Table("units").Where("id = ?", unitID).Count(&n).Error; err != nil {
			return err
		}
		if n == 0 {
			return apperr.NotFound("unit")
		}
		return nil
	})
	return t, secret, err
}

// checkTarget makes sure the token's unit or partner exists (a 422 on the field, not a 500 from the FK).
func (s Store) checkTarget(tx *gorm.DB, in TokenInput) error {
	check := func(table, field string, id *uuid.UUID) error {
		if id == nil {
			return nil
		}
		var n int64
		if err := tx.Table(table).Where("id = ?", *id).Count(&n).Error; err != nil {
			return err
		}
		if n == 0 {
			return apperr.InvalidFieldCode(field, apperr.CodeNotFound, "does not exist")
		}
		return nil
	}
	if err := check("units", "unit_id", in.UnitID); err != nil {
		return err
	}
	return check("partners", "partner_id", in.PartnerID)
}

// ListTokens returns a page of feed tokens, newest first.
func (s Store) ListTokens(ctx context.Context, page paging.Page) ([]Token, paging.Found, error) {
	q := page.Filter(s.DB.WithContext(ctx).Model(&Token{}).Where("purpose = ?", PurposeFeed), "feed_tokens")
	return paging.Find[Token](q, page, "created_at DESC, id DESC")
}

// ListScreenTokens returns a page of a unit's screen tokens, newest first.
func (s Store) ListScreenTokens(ctx context.Context, unitID uuid.UUID, page paging.Page) ([]Token, paging.Found, error) {
	q := page.Filter(s.DB.WithContext(ctx).Model(&Token{}).Where("purpose = ? AND unit_id = ?", PurposeScreen, unitID), "feed_tokens")
	return paging.Find[Token](q, page, "created_at DESC, id DESC")
}

// GetToken returns one feed token (a screen token is not one: 404).
func (s Store) GetToken(ctx context.Context, id uuid.UUID) (Token, error) {
	return database.ByID[Token](s.DB.WithContext(ctx).Where("purpose = ?", PurposeFeed), id, "feed token")
}

// RevokeToken ends a feed token at once; revoking twice is harmless.
func (s Store) RevokeToken(ctx context.Context, id uuid.UUID, ifMatch *int) (Token, error) {
	return s.revoke(ctx, id, ifMatch, PurposeFeed, nil)
}

// RevokeScreenToken ends one of a unit's screen tokens at once; the screen
// shows "not found" at its next refresh. Revoking twice is harmless.
func (s Store) RevokeScreenToken(ctx context.Context, unitID, id uuid.UUID, ifMatch *int) (Token, error) {
	return s.revoke(ctx, id, ifMatch, PurposeScreen, &unitID)
}

func (s Store) revoke(ctx context.Context, id uuid.UUID, ifMatch *int, purpose string, unitID *uuid.UUID) (Token, error) {
	what := purpose + " token"
	return versioned.Update(ctx, s.DB, versioned.Write[Token]{ID: id, What: what, IfMatch: ifMatch,
		Lock: func(tx *gorm.DB) (Token, error) {
			var t Token
			err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).Where("purpose = ?", purpose).Scopes(unitScope(unitID)).
				Take(&t, "id = ?", id).Error
			return t, database.NotFound(err, what)
		},
		Apply: func(_ *gorm.DB, t *Token) error {
			if t.RevokedAt != nil {
				return versioned.ErrNoChange
			}
			now := s.now()
			t.RevokedAt = &now
			return nil
		},
		Action: purpose + "_token.revoke", Entity: purpose + "_token", View: versioned.View(toTokenResponse)})
}

func unitScope(unitID *uuid.UUID) func(*gorm.DB) *gorm.DB {
	return func(q *gorm.DB) *gorm.DB {
		if unitID == nil {
			return q
		}
		return q.Where("unit_id = ?", *unitID)
	}
}

// Resolve finds the live feed token with this secret; a wrong, unknown or
// revoked one is a 401.
func (s Store) Resolve(ctx context.Context, secret string) (*Token, error) {
	t, err := s.resolve(ctx, PurposeFeed, secret)
	if err != nil {
		return nil, err
	}
	if t == nil {
		return nil, apperr.Unauthorized("the feed token is not valid or was revoked")
	}
	return t, nil
}

// ResolveScreen reports whether secret is a live screen token of the unit.
// A wrong, unknown, revoked or other unit's token is a 404, so a screen's
// address reveals nothing without its token.
func (s Store) ResolveScreen(ctx context.Context, unitID uuid.UUID, secret string) (*Token, error) {
	t, err := s.resolve(ctx, PurposeScreen, secret)
	if err != nil {
		return nil, err
	}
	if t == nil || t.UnitID == nil || *t.UnitID != unitID {
		return nil, apperr.NotFound("screen")
	}
	return t, nil
}

// resolve finds the live token of the purpose with this secret (nil when
// there is none). Use is noted at most once an hour (bookkeeping, not a
// change: no version bump, no audit event).
func (s Store) resolve(ctx context.Context, purpose, secret string) (*Token, error) {
	if !strings.HasPrefix(secret, prefixes[purpose]) || len(secret) > 100 {
		return nil, nil
	}
	var t Token
	err := s.DB.WithContext(ctx).First(&t, "token_hash = ? AND purpose = ? AND revoked_at IS NULL", hashSecret(secret), purpose).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	now := s.now()
	if t.LastUsedAt == nil || now.Sub(*t.LastUsedAt) > time.Hour {
		if err := s.DB.WithContext(ctx).Model(&Token{}).Where("id = ?", t.ID).UpdateColumn("last_used_at", now).Error; err != nil {
			return nil, err
		}
	}
	return &t, nil
}
