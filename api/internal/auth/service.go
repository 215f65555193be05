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
//
// The attempt is recorded before the password is hashed, so attempts in
// flight count toward the per-account and per-address limits: a burst of
// parallel guesses cannot outrun them. A successful attempt is removed
// again; a failed one stays as a failure for the window.
func (s *Service) Login(ctx context.Context, email, password, ip string) (TokenResponse, error) {
	email = strings.TrimSpace(email)
	db := s.DB.WithContext(ctx)
	attempt, err := s.startAttempt(ctx, email, ip)
	if err != nil {
		return TokenResponse{}, err
	}
	var u User
	err = db.Where("lower(email) = lower(?)", email).First(&u).Error
	if err != nil && !errors.Is(err, gorm.ErrRecordNotFound) {
		return TokenResponse{}, err
	}
	hash := u.PasswordHash
	if hash == "" {
		hash = dummyHash
	}
	ok, verr := VerifyPassword(hash, password)
	if errors.Is(verr, errHashBusy) {
		// The password was never checked: the attempt did not happen.
		s.forgetAttempt(ctx, attempt)
		return TokenResponse{}, verr
	}
	if err != nil || verr != nil || !ok || !u.Active {
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
		if err := tx.Delete(&loginFailure{}, attempt).Error; err != nil {
			return err
		}
		var err error
		out, err = s.issue(tx, u, database.NewID())
		return err
	})
	return out, err
}

// startAttempt records a sign-in attempt as a failure-to-be and refuses
// it with 429 when the account or the address already has its allowance
// of failures and attempts in flight within the window. The row is
// committed before counting, so concurrent attempts see each other: of a
// parallel burst, at most the allowance goes on to hash.
func (s *Service) startAttempt(ctx context.Context, email, ip string) (int64, error) {
	db := s.DB.WithContext(ctx)
	row := loginFailure{At: s.now(), Email: strings.ToLower(email), IP: ip}
	if err := db.Create(&row).Error; err != nil {
		return 0, err
	}
	since := s.now().Add(-failureWindow)
	var counts struct{ Account, Address int64 }
	err := db.Raw(`SELECT
		(SELECT count(*) FROM login_failures WHERE lower(email) = lower(?) AND at > ?) AS account,
		(SELECT count(*) FROM login_failures WHERE ip = ? AND at > ?) AS address`, email, since, ip, since).
		Scan(&counts).Error
	if err != nil {
		return 0, err
	}
	// The counts include this attempt.
	if counts.Account > maxAccountFailure || counts.Address > maxAddressFailure {
		s.forgetAttempt(ctx, row.ID)
		return 0, apperr.TooManyRequests("too many failed logins; try again later", int(failureWindow.Seconds()))
	}
	return row.ID, nil
}

// forgetAttempt removes an attempt that was refused before its password
// was checked (rate limited or no hashing slot), so it does not count.
func (s *Service) forgetAttempt(ctx context.Context, id int64) {
	// Not the request's context: the row must go even if the client left.
	_ = s.DB.WithContext(context.WithoutCancel(ctx)).Delete(&loginFailure{}, id).Error
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
