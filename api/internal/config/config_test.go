package config

import (
	"strings"
	"testing"
)

func TestLoadDefaultsAndRules(t *testing.T) {
	for _, k := range []string{"APP_ENV", "DATABASE_URL", "LISTEN_ADDR", "JWT_SECRET", "CORS_ORIGINS", "TRUSTED_PROXIES", "TZ_CALENDAR", "LOG_FORMAT",
		"DB_MAX_CONNS", "DB_STATEMENT_TIMEOUT", "SHUTDOWN_TIMEOUT"} {
		t.Setenv(k, "")
	}
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	if c.ListenAddr != "127.0.0.1:8080" || c.CalendarZone.String() != "Europe/Helsinki" || c.DatabaseURL != DefaultDatabaseURL ||
		c.JWTSecret == "" || c.LogFormat != "text" || len(c.TrustedProxies) != 0 || len(c.CORSOrigins) != 0 {
		t.Fatalf("defaults: %+v", c)
	}

	tests := []struct {
		env     map[string]string
		wantErr string
	}{
		{map[string]string{"APP_ENV": "production"}, "JWT_SECRET is required"},
		{map[string]string{"APP_ENV": "production", "JWT_SECRET": "short"}, "at least 32"},
		{map[string]string{"TZ_CALENDAR": "Mars/Olympus"}, "TZ_CALENDAR"},
		{map[string]string{"LOG_FORMAT": "xml"}, "LOG_FORMAT"},
		{map[string]string{"DB_MAX_CONNS": "0"}, "DB_MAX_CONNS"},
		{map[string]string{"DB_STATEMENT_TIMEOUT": "soon"}, "DB_STATEMENT_TIMEOUT"},
		{map[string]string{"TRUSTED_PROXIES": "10.0.0.0/33"}, "TRUSTED_PROXIES"},
		{map[string]string{"TRUSTED_PROXIES": "proxy.example"}, "TRUSTED_PROXIES"},
		{map[string]string{"APP_ENV": "production", "JWT_SECRET": strings.Repeat("k", 40), "CORS_ORIGINS": "https://a.fi, https://b.fi"}, ""},
	}
	for _, tc := range tests {
		for k, v := range tc.env {
			t.Setenv(k, v)
		}
		c, err := Load()
		switch {
		case tc.wantErr == "" && err != nil:
			t.Errorf("%v: %v", tc.env, err)
		case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
			t.Errorf("%v: error %v, want %q", tc.env, err, tc.wantErr)
		case tc.wantErr == "" && len(c.CORSOrigins) != 2:
			t.Errorf("CORS origins: %v", c.CORSOrigins)
		}
		for k := range tc.env {
			t.Setenv(k, "")
		}
	}
}

func TestParseCIDRs(t *testing.T) {
	nets, err := ParseCIDRs(" 10.0.0.0/8, 192.0.2.7 ,2001:db8::/32,, ::1")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, n := range nets {
		got = append(got, n.String())
	}
	if strings.Join(got, " ") != "10.0.0.0/8 192.0.2.7/32 2001:db8::/32 ::1/128" {
		t.Fatalf("got %v", got)
	}
	if nets, err := ParseCIDRs(""); err != nil || len(nets) != 0 {
		t.Fatalf("empty: %v %v", nets, err)
	}
}
