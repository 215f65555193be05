package app_test

import (
	"net/http"
	"strings"
	"testing"

	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/apitest"
)

func TestOperationalEndpoints(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	env.Get("/healthz", "").Expect(http.StatusOK)
	env.Get("/readyz", "").Expect(http.StatusOK)

	// Generate one request so the route metrics have a sample.
	env.Get("/api/v1/units", env.Token(access.RoleViewer)).Expect(http.StatusOK)
	m := env.Get("/metrics", "").Expect(http.StatusOK)
	for _, want := range []string{`http_requests_total{method="GET",route="/api/v1/units",status="200"}`,
		"http_request_duration_seconds_bucket", `go_sql_max_open_connections{db_name="kulttuurisilta"}`} {
		if !strings.Contains(string(m.Body), want) {
			t.Errorf("metrics lack %s", want)
		}
	}

	spec := env.Get("/api/openapi.json", "").Expect(http.StatusOK)
	if !strings.Contains(string(spec.Body), `"openapi": "3.0.3"`) {
		t.Fatalf("spec: %.100s", spec.Body)
	}
	page := env.Get("/api/docs", "").Expect(http.StatusOK)
	if !strings.Contains(string(page.Body), "/api/docs/assets/swagger-ui-bundle.js") || strings.Contains(string(page.Body), "http") &&
		strings.Contains(string(page.Body), "cdn") {
		t.Fatalf("docs page: %s", page.Body)
	}
	env.Get("/api/docs/assets/swagger-ui-bundle.js", "").Expect(http.StatusOK)
	env.Get("/api/docs/init.js", "").Expect(http.StatusOK)
}

func TestEveryResponseCarriesSecurityHeaders(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	for _, r := range []*apitest.Resp{env.Get("/healthz", ""), env.Get("/api/v1/units", ""), env.Get("/nope", "")} {
		for _, h := range []string{"X-Content-Type-Options", "X-Frame-Options", "Content-Security-Policy", "Referrer-Policy", "X-Request-Id"} {
			if r.Header.Get(h) == "" {
				t.Errorf("status %d response lacks %s", r.Status, h)
			}
		}
	}
}

func TestCORSAllowsOnlyConfiguredOrigins(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	pre := func(origin string) *apitest.Resp {
		return env.Do(apitest.Req{Method: http.MethodOptions, Path: "/api/v1/units",
			Header: map[string]string{"Origin": origin, "Access-Control-Request-Method": "GET"}})
	}
	env.SkipContract = true
	if got := pre("http://localhost:5173").Header.Get("Access-Control-Allow-Origin"); got != "http://localhost:5173" {
		t.Fatalf("configured origin: allow-origin %q", got)
	}
	if got := pre("https://evil.example").Header.Get("Access-Control-Allow-Origin"); got != "" {
		t.Fatalf("foreign origin allowed: %q", got)
	}
}

func TestUnknownRoutesAndMethodsAreProblems(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	env.SkipContract = true
	env.Get("/api/v1/no-such-thing", "").Problem(http.StatusNotFound, "not-found")
	env.Do(apitest.Req{Method: http.MethodPut, Path: "/healthz"}).Problem(http.StatusMethodNotAllowed, "method-not-allowed")
}

func TestLargeResponsesAreCompressed(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	r := env.Do(apitest.Req{Method: http.MethodGet, Path: "/api/openapi.json", Header: map[string]string{"Accept-Encoding": "gzip"}})
	if r.Header.Get("Content-Encoding") != "gzip" {
		t.Fatalf("openapi.json not gzipped: %v", r.Header)
	}
}
