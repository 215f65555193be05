package apitest

import (
	"net/http"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/google/uuid"
)

// BadTokens are credentials every protected route must refuse with 401:
// expired, forged (wrong key), alg "none", another audience, another
// issuer, garbage, and an unknown API token.
func (e *Env) BadTokens() map[string]string {
	e.T.Helper()
	now := time.Now()
	sign := func(key []byte, method jwt.SigningMethod, mutate func(jwt.MapClaims)) string {
		c := jwt.MapClaims{"iss": e.Auth.Issuer, "aud": e.Auth.Audience, "sub": uuid.NewString(), "role": "admin",
			"iat": now.Unix(), "exp": now.Add(time.Hour).Unix()}
		if mutate != nil {
			mutate(c)
		}
		s, err := jwt.NewWithClaims(method, c).SignedString(key)
		if err != nil {
			e.T.Fatal(err)
		}
		return s
	}
	none := func() string {
		c := jwt.MapClaims{"iss": e.Auth.Issuer, "aud": e.Auth.Audience, "sub": uuid.NewString(), "role": "admin",
			"exp": now.Add(time.Hour).Unix()}
		s, err := jwt.NewWithClaims(jwt.SigningMethodNone, c).SignedString(jwt.UnsafeAllowNoneSignatureType)
		if err != nil {
			e.T.Fatal(err)
		}
		return s
	}
	return map[string]string{
		"expired":        sign(e.Auth.Secret, jwt.SigningMethodHS256, func(c jwt.MapClaims) { c["exp"] = now.Add(-time.Hour).Unix() }),
		"forged":         sign([]byte("another-secret-another-secret-another"), jwt.SigningMethodHS256, nil),
		"alg none":       none(),
		"other audience": sign(e.Auth.Secret, jwt.SigningMethodHS256, func(c jwt.MapClaims) { c["aud"] = "another-api" }),
		"other issuer":   sign(e.Auth.Secret, jwt.SigningMethodHS256, func(c jwt.MapClaims) { c["iss"] = "someone-else" }),
		"no expiry":      sign(e.Auth.Secret, jwt.SigningMethodHS256, func(c jwt.MapClaims) { delete(c, "exp") }),
		"bad role":       sign(e.Auth.Secret, jwt.SigningMethodHS256, func(c jwt.MapClaims) { c["role"] = "root" }),
		"garbage":        "not.a.token",
		"unknown api":    "kst_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
	}
}

// CheckBadTokens asserts that every bad credential gets a 401 problem.
func (e *Env) CheckBadTokens(method, path string) {
	e.T.Helper()
	for name, tok := range e.BadTokens() {
		r := e.Do(Req{Method: method, Path: path, Token: tok})
		if r.Status != http.StatusUnauthorized {
			e.T.Errorf("%s token on %s %s: status %d, want 401", name, method, path, r.Status)
		}
	}
	e.Do(Req{Method: method, Path: path}).Problem(http.StatusUnauthorized, "unauthorized")
}
