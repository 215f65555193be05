package httpapi

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"kulttuurisilta/api/internal/apperr"
)

func newRequestID() string {
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// MaxRequestIDLength is the longest client X-Request-ID kept.
const MaxRequestIDLength = 64

// validRequestID reports whether a client's X-Request-ID may be kept: 1 to
// 64 characters of [A-Za-z0-9._-], so it is safe in logs, headers and the
// audit log (whose column enforces the same rule).
func validRequestID(s string) bool {
	if s == "" || len(s) > MaxRequestIDLength {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

// requestIDs keeps a well-formed client X-Request-ID (so a caller can tie
// its own logs to ours) and replaces anything else with a new random id.
func requestIDs(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		id := c.Request().Header.Get(echo.HeaderXRequestID)
		if !validRequestID(id) {
			id = newRequestID()
		}
		c.Response().Header().Set(echo.HeaderXRequestID, id)
		return next(c)
	}
}

func requestID(c echo.Context) string {
	return c.Response().Header().Get(echo.HeaderXRequestID)
}

// requestLogger writes one structured line per request. It logs the route
// pattern and path but never the query string or headers: feed tokens and
// credentials must not reach the logs.
func requestLogger(log *slog.Logger) echo.MiddlewareFunc {
	return answered(func(c echo.Context, start time.Time) {
		status := c.Response().Status
		level := slog.LevelInfo
		if status >= 500 {
			level = slog.LevelError
		}
		log.LogAttrs(c.Request().Context(), level, "request",
			slog.String("request_id", requestID(c)),
			slog.String("method", c.Request().Method),
			slog.String("route", c.Path()),
			slog.String("path", c.Request().URL.Path),
			slog.Int("status", status),
			slog.Int64("bytes", c.Response().Size),
			slog.Float64("duration_ms", float64(time.Since(start).Microseconds())/1000),
			slog.String("remote_ip", c.RealIP()),
		)
	})
}

// answered is middleware that runs the handler, has Echo answer its error at
// once (so the response's status is the one the client gets) and then calls
// done, given when the request began: the request log and the metrics.
func answered(done func(c echo.Context, start time.Time)) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			start := time.Now()
			if err := next(c); err != nil {
				c.Error(err)
			}
			done(c, start)
			return nil
		}
	}
}

// recoverer turns a panic into a logged 500 problem instead of a dropped
// connection.
func recoverer(log *slog.Logger) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) (err error) {
			defer func() {
				if r := recover(); r != nil {
					if r == http.ErrAbortHandler { // the client went away; let net/http handle it
						panic(r)
					}
					log.Error("panic", "request_id", requestID(c), "route", c.Path(), "panic", fmt.Sprint(r))
					err = fmt.Errorf("panic: %v", r)
				}
			}()
			return next(c)
		}
	}
}

// securityHeaders sets the headers every response carries.
func securityHeaders(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		h := c.Response().Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
		h.Set("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'")
		return next(c)
	}
}

// plainURL refuses, before any handler runs, a path or query parameter
// that is not text: invalid UTF-8, a NUL byte or another control
// character (a 400 naming the parameter). Query values are single-line
// text; nothing the API takes in a URL needs a control character, and a
// NUL must never reach the database.
func plainURL(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if !plainText(c.Request().URL.Path) {
			return apperr.BadRequest("the path must be text without control characters")
		}
		for name, values := range c.QueryParams() {
			if !plainText(name) {
				return apperr.BadParamCode(name, apperr.CodeInvalidFormat, "the parameter name must be text without control characters")
			}
			for _, v := range values {
				if !plainText(v) {
					return apperr.BadParamCode(name, apperr.CodeInvalidFormat, "must be text without control characters")
				}
			}
		}
		return next(c)
	}
}

func plainText(s string) bool {
	return utf8.ValidString(s) && strings.IndexFunc(s, unicode.IsControl) < 0
}
