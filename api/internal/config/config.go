// Package config reads the environment. Every variable has a safe default
// for local use; JWT_SECRET is required outside APP_ENV=dev.
package config

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"
)

// Config is the process configuration.
type Config struct {
	AppEnv      string
	DatabaseURL string
	ListenAddr  string
	JWTSecret   string
	CORSOrigins []string
	// TrustedProxies are the peers whose X-Forwarded-For / X-Real-IP
	// headers name the client; empty means the TCP peer is the client.
	TrustedProxies   []*net.IPNet
	CalendarZone     *time.Location
	LogFormat        string
	SPADir           string
	DBMaxConns       int
	StatementTimeout time.Duration
	ShutdownTimeout  time.Duration
	// PublicBaseURL is where people reach the app (links in emails);
	// default http://LISTEN_ADDR.
	PublicBaseURL string
	// SMTPURL sends notification emails (smtp:// or smtps://); empty means
	// the in-app inbox only. MailFrom is their sender.
	SMTPURL  string
	MailFrom string
}

// DefaultDatabaseURL is the local PostgreSQL the README assumes.
const DefaultDatabaseURL = "postgres://postgres@127.0.0.1:5432/kulttuurisilta?sslmode=disable"

// devSecret signs tokens in development only.
const devSecret = "dev-only-secret-do-not-use-in-production-0123456789" //nolint:gosec // G101: public by design; Load refuses it outside APP_ENV=dev

// Load reads the configuration from the environment.
func Load() (Config, error) {
	var errs []error
	c := Config{
		AppEnv:        env("APP_ENV", "dev"),
		DatabaseURL:   env("DATABASE_URL", DefaultDatabaseURL),
		ListenAddr:    env("LISTEN_ADDR", "127.0.0.1:8080"),
		JWTSecret:     os.Getenv("JWT_SECRET"),
		LogFormat:     env("LOG_FORMAT", "text"),
		SPADir:        env("SPA_DIR", "frontend/dist"),
		PublicBaseURL: env("PUBLIC_BASE_URL", ""),
		SMTPURL:       os.Getenv("SMTP_URL"),
		MailFrom:      env("MAIL_FROM", ""),
	}
	if c.PublicBaseURL == "" {
		c.PublicBaseURL = "http://" + c.ListenAddr
	}
	if u, err := url.Parse(c.PublicBaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		errs = append(errs, errors.New("PUBLIC_BASE_URL must be an http(s) URL such as https://kulttuurisilta.example.fi"))
	}
	if c.SMTPURL != "" && c.MailFrom == "" {
		errs = append(errs, errors.New("MAIL_FROM is required when SMTP_URL is set (e.g. Kulttuurisilta <noreply@example.fi>)"))
	}
	if o := strings.TrimSpace(os.Getenv("CORS_ORIGINS")); o != "" {
		for _, s := range strings.Split(o, ",") {
			if s = strings.TrimSpace(s); s != "" {
				c.CORSOrigins = append(c.CORSOrigins, s)
			}
		}
	}
	proxies, err := ParseCIDRs(os.Getenv("TRUSTED_PROXIES"))
	if err != nil {
		errs = append(errs, fmt.Errorf("TRUSTED_PROXIES: %w", err))
	}
	c.TrustedProxies = proxies
	zone, err := time.LoadLocation(env("TZ_CALENDAR", "Europe/Helsinki"))
	if err != nil {
		errs = append(errs, fmt.Errorf("TZ_CALENDAR: %w", err))
	}
	c.CalendarZone = zone
	if c.LogFormat != "json" && c.LogFormat != "text" {
		errs = append(errs, errors.New("LOG_FORMAT must be json or text"))
	}
	if c.DBMaxConns, err = strconv.Atoi(env("DB_MAX_CONNS", "20")); err != nil || c.DBMaxConns < 1 {
		errs = append(errs, errors.New("DB_MAX_CONNS must be a positive integer"))
	}
	if c.StatementTimeout, err = time.ParseDuration(env("DB_STATEMENT_TIMEOUT", "10s")); err != nil {
		errs = append(errs, fmt.Errorf("DB_STATEMENT_TIMEOUT: %w", err))
	}
	if c.ShutdownTimeout, err = time.ParseDuration(env("SHUTDOWN_TIMEOUT", "20s")); err != nil {
		errs = append(errs, fmt.Errorf("SHUTDOWN_TIMEOUT: %w", err))
	}
	if c.JWTSecret == "" {
		if c.AppEnv != "dev" {
			errs = append(errs, errors.New("JWT_SECRET is required outside APP_ENV=dev"))
		}
		c.JWTSecret = devSecret
	} else if len(c.JWTSecret) < 32 {
		errs = append(errs, errors.New("JWT_SECRET must be at least 32 characters"))
	}
	return c, errors.Join(errs...)
}

// ParseCIDRs reads a comma-separated list of CIDR ranges ("10.0.0.0/8,
// 2001:db8::/32"); a bare address means just that address.
func ParseCIDRs(s string) ([]*net.IPNet, error) {
	var out []*net.IPNet
	for part := range strings.SplitSeq(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		if !strings.Contains(part, "/") {
			ip := net.ParseIP(part)
			if ip == nil {
				return nil, fmt.Errorf("%q is not an IP address or CIDR range", part)
			}
			bits := 128
			if ip.To4() != nil {
				ip, bits = ip.To4(), 32
			}
			out = append(out, &net.IPNet{IP: ip, Mask: net.CIDRMask(bits, bits)})
			continue
		}
		_, n, err := net.ParseCIDR(part)
		if err != nil {
			return nil, fmt.Errorf("%q is not a CIDR range", part)
		}
		out = append(out, n)
	}
	return out, nil
}

func env(key, def string) string {
	if v, ok := os.LookupEnv(key); ok && v != "" {
		return v
	}
	return def
}
