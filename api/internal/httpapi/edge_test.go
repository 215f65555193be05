package httpapi_test

import (
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"
	"github.com/prometheus/client_golang/prometheus"

	"kulttuurisilta/api/internal/httpapi"
)

// addrProbe answers with the client address the server believes.
type addrProbe struct{}

func (addrProbe) Routes(g *echo.Group) {
	g.GET("/ip", func(c echo.Context) error { return c.String(http.StatusOK, c.RealIP()) })
	g.GET("/items", func(c echo.Context) error { return httpapi.Versioned(c, http.StatusOK, 3, map[string]int{"v": 3}) })
	g.POST("/items", func(c echo.Context) error { return c.NoContent(http.StatusCreated) })
	g.DELETE("/items/:id", func(c echo.Context) error { return c.NoContent(http.StatusNoContent) })
	g.GET("/private", func(c echo.Context) error {
		if _, err := httpapi.Principal(c); err != nil {
			return err
		}
		return c.NoContent(http.StatusOK)
	})
}

func edgeServer(opts httpapi.Options) *echo.Echo {
	opts.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	return httpapi.New(opts, addrProbe{})
}

func cidrs(t *testing.T, s ...string) []*net.IPNet {
	t.Helper()
	var out []*net.IPNet
	for _, c := range s {
		_, n, err := net.ParseCIDR(c)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, n)
	}
	return out
}

// TestClientAddress: forwarding headers name the client only when the TCP
// peer is a trusted proxy; otherwise the peer is the client, so a forged
// X-Forwarded-For cannot reset the per-address login limit.
func TestClientAddress(t *testing.T) {
	t.Parallel()
	direct := edgeServer(httpapi.Options{})
	proxied := edgeServer(httpapi.Options{TrustedProxies: cidrs(t, "10.1.0.0/16")})
	tests := []struct {
		name   string
		e      *echo.Echo
		peer   string
		header map[string]string
		want   string
	}{
		{"no proxies, plain", direct, "198.51.100.7:5000", nil, "198.51.100.7"},
		{"no proxies, forged XFF", direct, "198.51.100.7:5000", map[string]string{"X-Forwarded-For": "203.0.113.9"}, "198.51.100.7"},
		{"no proxies, forged X-Real-IP", direct, "198.51.100.7:5000", map[string]string{"X-Real-IP": "203.0.113.9"}, "198.51.100.7"},
		{"no proxies, loopback peer forging", direct, "127.0.0.1:5000", map[string]string{"X-Forwarded-For": "203.0.113.9"}, "127.0.0.1"},
		{"untrusted peer", proxied, "198.51.100.7:5000", map[string]string{"X-Forwarded-For": "203.0.113.9"}, "198.51.100.7"},
		{"private peer is not trusted implicitly", proxied, "192.168.1.5:5000", map[string]string{"X-Forwarded-For": "203.0.113.9"}, "192.168.1.5"},
		{"trusted proxy", proxied, "10.1.2.3:5000", map[string]string{"X-Forwarded-For": "203.0.113.9"}, "203.0.113.9"},
		{"trusted proxy, client-forged prefix", proxied, "10.1.2.3:5000", map[string]string{"X-Forwarded-For": "1.2.3.4, 203.0.113.9"}, "203.0.113.9"},
		{"trusted proxy chain", proxied, "10.1.2.3:5000", map[string]string{"X-Forwarded-For": "203.0.113.9, 10.1.9.9"}, "203.0.113.9"},
		{"trusted proxy, X-Real-IP", proxied, "10.1.2.3:5000", map[string]string{"X-Real-IP": "203.0.113.9"}, "203.0.113.9"},
		{"trusted proxy, garbage XFF", proxied, "10.1.2.3:5000", map[string]string{"X-Forwarded-For": "not-an-ip"}, "10.1.2.3"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodGet, "/api/v1/ip", nil)
			req.RemoteAddr = tc.peer
			for k, v := range tc.header {
				req.Header.Set(k, v)
			}
			rec := httptest.NewRecorder()
			tc.e.ServeHTTP(rec, req)
			if got := rec.Body.String(); got != tc.want {
				t.Fatalf("client %q, want %q", got, tc.want)
			}
		})
	}
}

// TestRequestID: a client's X-Request-ID is kept only when it is 1-64
// characters of [A-Za-z0-9._-]; anything else gets a fresh id.
func TestRequestID(t *testing.T) {
	t.Parallel()
	e := edgeServer(httpapi.Options{})
	long := strings.Repeat("a", 65)
	for in, kept := range map[string]bool{
		"abc-123_X.y": true, strings.Repeat("a", 64): true, long: false, "has space": false, "a\tb": false,
		"ä": false, "<script>": false, "a;b": false,
	} {
		rec := do(e, http.MethodGet, "/healthz", "", "X-Request-ID", in)
		got := rec.Header().Get("X-Request-ID")
		if kept && got != in || !kept && (got == in || len(got) != 24) {
			t.Errorf("X-Request-ID %q: answered %q (kept %v)", in, got, kept)
		}
	}
	if got := do(e, http.MethodGet, "/healthz", "").Header().Get("X-Request-ID"); len(got) != 24 {
		t.Errorf("generated id %q", got)
	}
}

// TestCORSUnsetMeansSameOrigin: without CORS_ORIGINS no response carries
// Access-Control-Allow-Origin, preflight or not.
func TestCORSUnsetMeansSameOrigin(t *testing.T) {
	t.Parallel()
	e := edgeServer(httpapi.Options{})
	for _, r := range []*httptest.ResponseRecorder{
		do(e, http.MethodGet, "/api/v1/items", "", "Origin", "https://evil.example"),
		do(e, http.MethodOptions, "/api/v1/items", "", "Origin", "https://evil.example", "Access-Control-Request-Method", "POST"),
		do(e, http.MethodGet, "/healthz", "", "Origin", "https://evil.example"),
	} {
		for k := range r.Header() {
			if strings.HasPrefix(strings.ToLower(k), "access-control-") {
				t.Errorf("%d response has %s: %s", r.Code, k, r.Header().Get(k))
			}
		}
	}
	configured := edgeServer(httpapi.Options{CORSOrigins: []string{"https://app.example"}})
	r := do(configured, http.MethodGet, "/api/v1/items", "", "Origin", "https://app.example")
	if r.Header().Get("Access-Control-Allow-Origin") != "https://app.example" {
		t.Errorf("configured origin: %v", r.Header())
	}
	r = do(configured, http.MethodGet, "/api/v1/items", "", "Origin", "https://evil.example")
	if r.Header().Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("foreign origin: %v", r.Header())
	}
}

// TestMethodNotAllowedAndHead: a known path with a wrong method is a 405
// problem with Allow (inside /api/v1 too, where the group's catch-all
// route would otherwise make it a 404); an unknown path stays 404; HEAD
// answers every GET route with the GET's headers and no body.
func TestMethodNotAllowedAndHead(t *testing.T) {
	t.Parallel()
	e := edgeServer(httpapi.Options{})
	tests := []struct {
		method, path string
		status       int
		allow        string
	}{
		{http.MethodDelete, "/api/v1/items", 405, "GET, HEAD, POST, OPTIONS"},
		{http.MethodPatch, "/api/v1/items", 405, "GET, HEAD, POST, OPTIONS"},
		{"FROB", "/api/v1/items", 405, "GET, HEAD, POST, OPTIONS"},
		{http.MethodGet, "/api/v1/items/x", 405, "DELETE, OPTIONS"},
		{http.MethodPost, "/api/v1/ip", 405, "GET, HEAD, OPTIONS"},
		{http.MethodPut, "/healthz", 405, ""},
		{http.MethodDelete, "/api/v1/nothing", 404, ""},
		{http.MethodGet, "/api/v1/nothing", 404, ""},
		{http.MethodGet, "/api/v1", 404, ""},
		{http.MethodOptions, "/api/v1/items", 204, "GET, HEAD, POST, OPTIONS"},
	}
	for _, tc := range tests {
		rec := do(e, tc.method, tc.path, "")
		if rec.Code != tc.status {
			t.Errorf("%s %s: %d, want %d: %s", tc.method, tc.path, rec.Code, tc.status, rec.Body)
			continue
		}
		if tc.status == 405 {
			if rec.Header().Get("Content-Type") != httpapi.ProblemContentType || !strings.Contains(rec.Body.String(), "method-not-allowed") {
				t.Errorf("%s %s: not a problem: %s", tc.method, tc.path, rec.Body)
			}
			if allow := rec.Header().Get("Allow"); allow == "" || tc.allow != "" && allow != tc.allow {
				t.Errorf("%s %s: Allow %q, want %q", tc.method, tc.path, allow, tc.allow)
			}
		}
		if tc.status == 204 && rec.Header().Get("Allow") != tc.allow {
			t.Errorf("%s %s: Allow %q, want %q", tc.method, tc.path, rec.Header().Get("Allow"), tc.allow)
		}
	}

	// HEAD through a real server, where net/http drops the body.
	srv := httptest.NewServer(e)
	defer srv.Close()
	for path, want := range map[string]int{"/api/v1/items": 200, "/healthz": 200, "/api/v1/ip": 200, "/api/v1/private": 401,
		"/api/v1/nothing": 404} {
		req, _ := http.NewRequest(http.MethodHead, srv.URL+path, nil)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != want || len(body) != 0 {
			t.Errorf("HEAD %s: %d with %d body bytes, want %d and none", path, resp.StatusCode, len(body), want)
		}
		get, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		get.Body.Close()
		for _, h := range []string{"Content-Type", "ETag", "X-Content-Type-Options"} {
			if resp.Header.Get(h) != get.Header.Get(h) {
				t.Errorf("HEAD %s: %s %q, GET has %q", path, h, resp.Header.Get(h), get.Header.Get(h))
			}
		}
	}
}

// TestURLMustBeText: a NUL byte, another control character or invalid
// UTF-8 in a query parameter (name or value) or in the path is a 400
// naming the parameter, before any handler (or the database) sees it.
func TestURLMustBeText(t *testing.T) {
	t.Parallel()
	e := edgeServer(httpapi.Options{})
	for _, q := range []string{"q=a%00b", "q=%00", "q=a%0Ab", "q=%1B[31m", "q=%FF", "q=%C2%85", "a%00=1", "ok=1&q=x%00"} {
		rec := do(e, http.MethodGet, "/api/v1/items?"+q, "")
		if rec.Code != 400 || !strings.Contains(rec.Body.String(), `"code":"invalid_format"`) {
			t.Errorf("?%s: %d %s", q, rec.Code, rec.Body)
		}
	}
	if rec := do(e, http.MethodGet, "/api/v1/items?q=a%00b", ""); !strings.Contains(rec.Body.String(), `"field":"q"`) {
		t.Errorf("the parameter is not named: %s", rec.Body)
	}
	if rec := do(e, http.MethodGet, "/api/v1/items/%00", ""); rec.Code != 400 {
		t.Errorf("NUL in the path: %d", rec.Code)
	}
	for _, q := range []string{"q=%C3%A4%20%E2%98%80", "q=a+b", "q='%3B%20DROP%20TABLE%20x"} {
		if rec := do(e, http.MethodGet, "/api/v1/items?"+q, ""); rec.Code != 200 {
			t.Errorf("?%s: %d %s", q, rec.Code, rec.Body)
		}
	}
}

// TestRequestLogAndMetricsAreBounded: the request log names the TCP peer
// (not a forged X-Forwarded-For) and the request id the server kept; the
// method label of the metrics stays bounded whatever method a client
// invents.
func TestRequestLogAndMetricsAreBounded(t *testing.T) {
	t.Parallel()
	var logged strings.Builder
	reg := prometheus.NewRegistry()
	e := httpapi.New(httpapi.Options{Logger: slog.New(slog.NewJSONHandler(&logged, nil)), Registry: reg}, addrProbe{})
	req := httptest.NewRequest(http.MethodGet, "/api/v1/items", nil)
	req.RemoteAddr = "198.51.100.7:5000"
	req.Header.Set("X-Forwarded-For", "203.0.113.9")
	req.Header.Set("X-Request-ID", strings.Repeat("r", 500))
	e.ServeHTTP(httptest.NewRecorder(), req)
	line := logged.String()
	if !strings.Contains(line, `"remote_ip":"198.51.100.7"`) || strings.Contains(line, "203.0.113.9") || strings.Contains(line, "rrrr") {
		t.Fatalf("log line: %s", line)
	}
	for i := range 20 {
		do(e, fmt.Sprintf("M%03d", i), "/api/v1/items", "")
	}
	m := do(e, http.MethodGet, "/metrics", "").Body.String()
	if strings.Contains(m, `method="M00`) || !strings.Contains(m, `method="OTHER"`) {
		t.Fatalf("metrics keep invented methods: %.2000s", m)
	}
}
