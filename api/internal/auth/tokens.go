package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/google/uuid"

	"kulttuurisilta/api/internal/access"
)

// Config holds the token settings.
type Config struct {
	Secret     []byte
	Issuer     string
	Audience   string
	AccessTTL  time.Duration
	RefreshTTL time.Duration
}

// DefaultConfig returns the DESIGN.md token lifetimes for a secret.
func DefaultConfig(secret []byte) Config {
	return Config{Secret: secret, Issuer: "kulttuurisilta", Audience: "kulttuurisilta-api",
		AccessTTL: 15 * time.Minute, RefreshTTL: 30 * 24 * time.Hour}
}

// claims are the access token's claims. Role, department and units travel
// in the token so that authorising a request needs no database read; they
// are at most AccessTTL old (docs/adr/0003-auth.md).
type claims struct {
	jwt.RegisteredClaims
	Role         access.Role `json:"role"`
	DepartmentID *uuid.UUID  `json:"dep,omitempty"`
	UnitIDs      []uuid.UUID `json:"units,omitempty"`
}

// AccessToken signs an HS256 access token for u.
func (c Config) AccessToken(u User, now time.Time) (string, error) {
	cl := claims{
		RegisteredClaims: jwt.RegisteredClaims{
			Issuer:    c.Issuer,
			Subject:   u.ID.String(),
			Audience:  jwt.ClaimStrings{c.Audience},
			IssuedAt:  jwt.NewNumericDate(now),
			NotBefore: jwt.NewNumericDate(now.Add(-30 * time.Second)),
			ExpiresAt: jwt.NewNumericDate(now.Add(c.AccessTTL)),
		},
		Role: access.Role(u.Role), DepartmentID: u.DepartmentID, UnitIDs: u.UnitIDs,
	}
	s, err := jwt.NewWithClaims(jwt.SigningMethodHS256, cl).SignedString(c.Secret)
	if err != nil {
		return "", fmt.Errorf("sign access token: %w", err)
	}
	return s, nil
}

// parseAccessToken verifies signature, algorithm, issuer, audience and
// expiry, and returns the principal.
func (c Config) parseAccessToken(s string) (*access.Principal, error) {
	var cl claims
	_, err := jwt.ParseWithClaims(s, &cl, func(*jwt.Token) (any, error) { return c.Secret, nil },
		jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}),
		jwt.WithIssuer(c.Issuer), jwt.WithAudience(c.Audience),
		jwt.WithExpirationRequired(), jwt.WithIssuedAt(), jwt.WithLeeway(5*time.Second))
	if err != nil {
		return nil, err
	}
	id, err := uuid.Parse(cl.Subject)
	if err != nil {
		return nil, fmt.Errorf("bad subject: %w", err)
	}
	valid := false
	for _, r := range access.Roles {
		valid = valid || r == cl.Role
	}
	if !valid {
		return nil, fmt.Errorf("bad role %q", cl.Role)
	}
	return &access.Principal{UserID: id, Role: cl.Role, DepartmentID: cl.DepartmentID, UnitIDs: cl.UnitIDs}, nil
}

// apiTokenPrefix marks API tokens, so the authenticator knows a token from
// a JWT without trying both.
const apiTokenPrefix = "kst_"

// newSecret returns a random 256-bit secret with prefix, and its hash.
func newSecret(prefix string) (string, []byte) {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	s := prefix + base64.RawURLEncoding.EncodeToString(b)
	return s, hashSecret(s)
}

func hashSecret(s string) []byte {
	h := sha256.Sum256([]byte(s))
	return h[:]
}

func isAPIToken(s string) bool { return strings.HasPrefix(s, apiTokenPrefix) }
