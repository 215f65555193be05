package notify

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"strings"

	"github.com/google/uuid"
)

// Unsubscribe links carry a token that names a user and a kind, signed
// with HMAC-SHA-256 under a key derived from the server's secret, so the
// link works without signing in and cannot be made for someone else:
//
//	base64url(user id) "." kind "." base64url(first 16 bytes of the MAC)
//
// It does not expire: an old email's link keeps working (it can only turn
// one kind of email off, and the user can turn it on again).

func (s *Service) unsubscribeKey() []byte {
	m := hmac.New(sha256.New, s.cfg.Secret)
	m.Write([]byte("kulttuurisilta notification unsubscribe v1"))
	return m.Sum(nil)
}

func (s *Service) unsubscribeMAC(user uuid.UUID, kind Kind) []byte {
	m := hmac.New(sha256.New, s.unsubscribeKey())
	m.Write(user[:])
	m.Write([]byte{0})
	m.Write([]byte(kind))
	return m.Sum(nil)[:16]
}

func (s *Service) unsubscribeToken(user uuid.UUID, kind Kind) string {
	enc := base64.RawURLEncoding
	return enc.EncodeToString(user[:]) + "." + string(kind) + "." + enc.EncodeToString(s.unsubscribeMAC(user, kind))
}

// parseUnsubscribeToken verifies a token; ok is false for anything forged,
// truncated or malformed.
func (s *Service) parseUnsubscribeToken(token string) (user uuid.UUID, kind Kind, ok bool) {
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return uuid.Nil, "", false
	}
	enc := base64.RawURLEncoding.Strict()
	raw, err := enc.DecodeString(parts[0])
	if err != nil || len(raw) != 16 {
		return uuid.Nil, "", false
	}
	copy(user[:], raw)
	kind = Kind(parts[1])
	// The whole token must be the one issued, byte for byte: base64 decoding skips \r and \n even in
	// strict mode, so comparing decoded MACs let a token with line breaks in it verify (found by
	// FuzzUnsubscribeToken).
	if !kind.Valid() || subtle.ConstantTimeCompare([]byte(token), []byte(s.unsubscribeToken(user, kind))) != 1 {
		return uuid.Nil, "", false
	}
	return user, kind, true
}
