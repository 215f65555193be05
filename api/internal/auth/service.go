package auth

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/apperr"
	"kulttuurisilta/api/internal/database"
)

// Login rate limits: failures counted over a sliding window.
const (
	failureWindow     = 15 * time.Minute
	maxAccountFailure = 5
	maxAddressFailure = 50
)

// Service signs users in and authenticates requests.
type Service struct {
	DB     *gorm.DB
	Config Config
	Now    func() time.Time
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now().UTC()
}

// Login checks the credentials and starts a new refresh-token family.
func (s *Service) Login(ctx context.Context, email, password, ip string) (TokenResponse, error) {
	email = strings.TrimSpace(email)
	db := s.DB.WithContext(ctx)
	if err := s.checkRateLimit(ctx, email, ip); err != nil {
		return TokenResponse{}, err
	}
	var u User
	err := db.Where("lower(email) = lower(?)", email).First(&u).Error
	if err != nil && !errors.Is(err, gorm.ErrRecordNotFound) {
		return TokenResponse{}, err
	}
	hash := u.PasswordHash
	if hash == "" {
		hash = dummyHash
	}
	ok, verr := VerifyPassword(hash, password)
	if err != nil || verr != nil || !ok || !u.Active {
		if ferr := db.Create(&loginFailure{At: s.now(), Email: strings.ToLower(email), IP: ip}).Error; ferr != nil {
			return TokenResponse{}, ferr
		}
		return TokenResponse{}, apperr.Unauthorized("wrong email or password")
	}
	if err := s.loadUnits(db, &u); err != nil {
		return TokenResponse{}, err
	}
	var out TokenResponse
	err = database.Tx(ctx, s.DB, func(tx *gorm.DB) error {
		now := s.now()
		if err := tx.Model(&u).UpdateColumn("last_login_at", now).Error; err != nil {
			return err
		}
		var err error
		out, err = s.issue(tx, u, database.NewID())
		return err
	})
	return out, err
}

func (s *Service) checkRateLimit(ctx context.Context, email, ip string) error {
	since := s.now().Add(-failureWindow)
	var counts struct{ Account, Address int64 }
	err := s.DB.WithContext(ctx).Raw(`SELECT
		(SELECT count(*) FROM login_failures WHERE lower(email) = lower(?) AND at > ?) AS account,
		(SELECT count(*) FROM login_failures WHERE ip = ? AND at > ?) AS address`, email, since, ip, since).
		Scan(&counts).Error
	if err != nil {
		return err
	}
	if counts.Account >= maxAccountFailure || counts.Address >= maxAddressFailure {
		return apperr.TooManyRequests("too many failed logins; try again later", int(failureWindow.Seconds()))
	}
	return nil
}

// issue creates an access token and a refresh token in family.
func (s *Service) issue(tx *gorm.DB, u User, family uuid.UUID) (TokenResponse, error) {
	now := s.now()
	access, err := s.Config.AccessToken(u, now)
	if err != nil {
		return TokenResponse{}, err
	}
	secret, hash := newSecret("")
	rt := RefreshToken{ID: database.NewID(), CreatedAt: now, UserID: u.ID, FamilyID: family, TokenHash: hash,
		ExpiresAt: now.Add(s.Config.RefreshTTL)}
	if err := tx.Create(&rt).Error; err != nil {
		return TokenResponse{}, fmt.Errorf("store refresh token: %w", err)
	}
	return TokenResponse{AccessToken: access, RefreshToken: secret, TokenType: "Bearer",
		ExpiresIn: int(s.Config.AccessTTL.Seconds())}, nil
}

var errReused = apperr.Unauthorized("the refresh token was already used; sign in again")

// Refresh rotates a refresh token. Presenting one that was already used
// revokes its whole family: either the client or a thief holds a copy.
func (s *Service) Refresh(ctx context.Context, token string) (TokenResponse, error) {
	var out TokenResponse
	err := database.Tx(ctx, s.DB, func(tx *gorm.DB) error {
		var rt RefreshToken
		err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).Where("token_hash = ?", hashSecret(token)).First(&rt).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return apperr.Unauthorized("unknown refresh token")
		}
		if err != nil {
			return err
		}
		now := s.now()
		if rt.UsedAt != nil || rt.RevokedAt != nil {
			return tx.Model(&RefreshToken{}).Where("family_id = ? AND revoked_at IS NULL", rt.FamilyID).
				Update("revoked_at", now).Error
		}
		if now.After(rt.ExpiresAt) {
			return apperr.Unauthorized("the refresh token has expired; sign in again")
		}
		var u User
		if err := tx.First(&u, "id = ?", rt.UserID).Error; err != nil {
			return err
		}
		if !u.Active {
			return apperr.Unauthorized("the account is disabled")
		}
		if err := s.loadUnits(tx, &u); err != nil {
			return err
		}
		if err := tx.Model(&rt).Update("used_at", now).Error; err != nil {
			return err
		}
		out, err = s.issue(tx, u, rt.FamilyID)
		return err
	})
	if err == nil && out.AccessToken == "" {
		// The family was revoked (committed above); the caller is refused.
		return out, errReused
	}
	return out, err
}

// Logout revokes the refresh token's family.
func (s *Service) Logout(ctx context.Context, token string) error {
	res := s.DB.WithContext(ctx).Exec(`UPDATE refresh_tokens SET revoked_at = now()
		WHERE revoked_at IS NULL AND family_id = (SELECT family_id FROM refresh_tokens WHERE token_hash = ?)`, hashSecret(token))
	return res.Error
}

// Authenticate implements httpapi.Authenticator.
func (s *Service) Authenticate(ctx context.Context, bearer string) (*access.Principal, error) {
	if isAPIToken(bearer) {
		return s.authenticateAPIToken(ctx, bearer)
	}
	p, err := s.Config.parseAccessToken(bearer)
	if err != nil {
		return nil, apperr.Unauthorized("the access token is invalid or expired")
	}
	return p, nil
}

func (s *Service) authenticateAPIToken(ctx context.Context, bearer string) (*access.Principal, error) {
	var t APIToken
	err := s.DB.WithContext(ctx).Where("token_hash = ?", hashSecret(bearer)).First(&t).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, apperr.Unauthorized("unknown API token")
	}
	if err != nil {
		return nil, err
	}
	now := s.now()
	if t.RevokedAt != nil || now.After(t.ExpiresAt) {
		return nil, apperr.Unauthorized("the API token is revoked or expired")
	}
	// Record use at most once a minute: a hot integration must not turn
	// every read into a write.
	if t.LastUsedAt == nil || now.Sub(*t.LastUsedAt) > time.Minute {
		if err := s.DB.WithContext(ctx).Model(&APIToken{}).Where("id = ?", t.ID).
			UpdateColumn("last_used_at", now).Error; err != nil {
			return nil, err
		}
	}
	id := t.ID
	return &access.Principal{UserID: t.OwnerID, TokenID: &id, Scopes: t.Scopes}, nil
}

func (s *Service) loadUnits(db *gorm.DB, u *User) error {
	u.UnitIDs = nil
	return db.Model(&UserUnit{}).Where("user_id = ?", u.ID).Order("unit_id").Pluck("unit_id", &u.UnitIDs).Error
}
