//go:build fault

// The fault tests start real processes: a private PostgreSQL cluster (so
// restarting or slowing it never touches the machine's shared server) and
// the kulttuurisilta binary. They build only with the "fault" tag
// (`make fault`), so `make test-go` neither runs nor skips them.

package faulttest_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"kulttuurisilta/api/internal/apitest"
)

func repoRoot() string { return apitest.RepoRoot() }

// binary is the kulttuurisilta binary (make fault passes KS_BIN).
func binary(t *testing.T) string { return apitest.Binary(t) }

// cluster is a private PostgreSQL started with scripts/pg-private.sh.
type cluster struct {
	t   *testing.T
	dir string
	url string // admin URL (database postgres)
}

func newCluster(t *testing.T) *cluster {
	t.Helper()
	// Not t.TempDir(): the postgres OS user (when we are root) must reach it.
	dir, err := os.MkdirTemp("/tmp", "ks-fault-pg-")
	if err != nil {
		t.Fatal(err)
	}
	_ = os.Chmod(dir, 0o755) //nolint:gosec // G302: the postgres OS user that owns the cluster must reach its directory
	c := &cluster{t: t, dir: dir}
	c.url = strings.TrimSpace(c.ctl("start"))
	t.Cleanup(func() { c.ctl("destroy") })
	return c
}

func (c *cluster) ctl(args ...string) string {
	c.t.Helper()
	cmd := exec.Command(filepath.Join(repoRoot(), "scripts", "pg-private.sh"), append([]string{args[0], c.dir}, args[1:]...)...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		c.t.Fatalf("pg-private.sh %s: %v\n%s", args[0], err, out)
	}
	return string(out)
}

// database creates a database and returns its URL.
func (c *cluster) database(name string) string {
	c.t.Helper()
	conn, err := pgx.Connect(context.Background(), c.url)
	if err != nil {
		c.t.Fatal(err)
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(context.Background(), "CREATE DATABASE "+name); err != nil {
		c.t.Fatal(err)
	}
	return strings.Replace(c.url, "/postgres?", "/"+name+"?", 1)
}

// server is the API as a child process.
type server struct {
	t    *testing.T
	cmd  *exec.Cmd
	base string
	log  *bytes.Buffer
	done chan error
}

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// startServer seeds the demo data into dbURL and serves it with env added.
func startServer(t *testing.T, dbURL string, env ...string) *server {
	t.Helper()
	bin := binary(t)
	base := append(os.Environ(), "DATABASE_URL="+dbURL, "APP_ENV=dev", "SPA_DIR=", "LOG_FORMAT=json")
	seed := exec.Command(bin, "seed", "--demo")
	seed.Env = base
	if out, err := seed.CombinedOutput(); err != nil {
		t.Fatalf("seed: %v\n%s", err, out)
	}
	port := freePort(t)
	s := &server{t: t, base: fmt.Sprintf("http://127.0.0.1:%d", port), log: &bytes.Buffer{}, done: make(chan error, 1)}
	s.cmd = exec.Command(bin, "serve")
	s.cmd.Env = append(append(base, fmt.Sprintf("LISTEN_ADDR=127.0.0.1:%d", port)), env...)
	s.cmd.Stdout, s.cmd.Stderr = &lockedWriter{w: s.log}, &lockedWriter{w: s.log}
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { s.done <- s.cmd.Wait() }()
	t.Cleanup(func() {
		if s.cmd.ProcessState == nil {
			_ = s.cmd.Process.Kill()
			if err := <-s.done; err != nil && t.Failed() {
				t.Logf("server: %v", err)
			}
		}
		if t.Failed() {
			t.Logf("server log (last 3000 bytes):\n%s", tail(s.log.String(), 3000))
		}
	})
	if !waitStatus(s.base+"/readyz", 200, 30*time.Second) {
		t.Fatalf("server did not become ready")
	}
	return s
}

type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

func tail(s string, n int) string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}

// waitStatus polls url until it answers want, for at most d.
func waitStatus(url string, want int, d time.Duration) bool {
	c := &http.Client{Timeout: 2 * time.Second}
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) {
		if r, err := c.Get(url); err == nil {
			r.Body.Close()
			if r.StatusCode == want {
				return true
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	return false
}

var httpc = &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 64}}

// login returns an access token for a demo account.
func (s *server) login(email string) string {
	s.t.Helper()
	b, _ := json.Marshal(map[string]string{"email": email, "password": "demo-password"})
	r, err := httpc.Post(s.base+"/api/v1/auth/login", "application/json", bytes.NewReader(b))
	if err != nil {
		s.t.Fatal(err)
	}
	defer r.Body.Close()
	var out struct {
		AccessToken string `json:"access_token"`
	}
	if err := json.NewDecoder(r.Body).Decode(&out); err != nil || out.AccessToken == "" {
		s.t.Fatalf("login %s: %d %v", email, r.StatusCode, err)
	}
	return out.AccessToken
}

// outcome is one request's result.
type outcome struct {
	status  int
	err     error
	dur     time.Duration
	at      time.Time
	problem bool   // Content-Type application/problem+json
	retry   bool   // Retry-After present
	id      string // the created resource's id (POST 201)
}

// call sends one request and records its outcome.
func call(method, url, token string, body any) outcome {
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, url, rd)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	start := time.Now()
	resp, err := httpc.Do(req)
	o := outcome{at: start, err: err}
	if err != nil {
		o.dur = time.Since(start)
		return o
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	o.dur = time.Since(start)
	o.status = resp.StatusCode
	o.problem = resp.Header.Get("Content-Type") == "application/problem+json"
	o.retry = resp.Header.Get("Retry-After") != ""
	if resp.StatusCode == http.StatusCreated {
		var v struct {
			ID string `json:"id"`
		}
		_ = json.Unmarshal(data, &v)
		o.id = v.ID
	}
	return o
}

// summary counts outcomes by status (0 = transport error).
func summary(os []outcome) map[int]int {
	m := map[int]int{}
	for _, o := range os {
		m[o.status]++
	}
	return m
}
