package auth_test

import (
	"net/http"
	"sync"
	"testing"
	"time"

	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/apitest"
	"kulttuurisilta/api/internal/auth"
)

// loginFrom signs in with extra headers (a forged X-Forwarded-For).
func loginFrom(env *apitest.Env, email, pw string, header map[string]string) *apitest.Resp {
	return env.Do(apitest.Req{Method: http.MethodPost, Path: "/api/v1/auth/login",
		Body: map[string]any{"email": email, "password": pw}, Header: header})
}

// TestForgedForwardingHeadersDoNotResetTheAddressLimit: with no trusted
// proxies the per-address limit counts the TCP peer; a forged
// X-Forwarded-For or X-Real-IP does not give a fresh allowance.
func TestForgedForwardingHeadersDoNotResetTheAddressLimit(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	// 50 failures from the test client's address (httptest's 192.0.2.1).
	for i := range 50 {
		env.DB.Exec(`INSERT INTO login_failures (email, ip) VALUES (?, '192.0.2.1')`, "x"+string(rune('a'+i%26))+"@example.fi")
	}
	for _, h := range []map[string]string{nil, {"X-Forwarded-For": "203.0.113.77"}, {"X-Real-IP": "203.0.113.78"},
		{"X-Forwarded-For": "10.0.0.1, 203.0.113.79"}} {
		loginFrom(env, "fresh@example.fi", password, h).Problem(http.StatusTooManyRequests, "rate-limited")
	}
	var forged int64
	env.DB.Table("login_failures").Where("ip <> '192.0.2.1'").Count(&forged)
	if forged != 0 {
		t.Fatalf("%d failures recorded under a forged address", forged)
	}
}

// TestHashingIsBounded (not parallel: it replaces the process-wide
// hashing limiter): when every hashing slot stays busy, a sign-in waits
// the bounded time and gets 503 with Retry-After, and the attempt that
// never ran is not counted; attempts waiting for a slot count toward the
// account and address limits, so a parallel burst cannot outrun them.
func TestHashingIsBounded(t *testing.T) {
	env := apitest.New(t)
	newUser(t, env, "burst@example.fi", access.RoleViewer)

	restore := auth.SetHashLimit(1, 100*time.Millisecond)
	release := auth.HoldHashSlots(1)
	start := time.Now()
	busy := login(env, "burst@example.fi", password)
	busy.Problem(http.StatusServiceUnavailable, "unavailable")
	if busy.Header.Get("Retry-After") != "1" || time.Since(start) < 100*time.Millisecond {
		t.Fatalf("busy answer: Retry-After %q after %v", busy.Header.Get("Retry-After"), time.Since(start))
	}
	var n int64
	env.DB.Table("login_failures").Count(&n)
	if n != 0 {
		t.Fatalf("a sign-in refused before hashing left %d attempt rows", n)
	}
	release()
	restore()

	// Five wrong guesses wait for the one slot; they are counted while
	// they wait, so the sixth attempt, with the right password, is
	// refused at once instead of joining the queue.
	// The wait is long so the queued guesses are still in flight (and
	// counted) however slow the machine; release() ends it at once.
	restore = auth.SetHashLimit(1, 2*time.Minute)
	defer restore()
	release = auth.HoldHashSlots(1)
	var wg sync.WaitGroup
	statuses := make(chan int, 5)
	for range 5 {
		wg.Go(func() { statuses <- login(env, "burst@example.fi", "wrong password!").Status })
	}
	deadline := time.Now().Add(time.Minute)
	for n = 0; n < 5 && time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		env.DB.Table("login_failures").Where("email = 'burst@example.fi'").Count(&n)
	}
	if n != 5 {
		t.Fatalf("%d attempts in flight recorded, want 5", n)
	}
	login(env, "burst@example.fi", password).Problem(http.StatusTooManyRequests, "rate-limited")
	// The address limit counts attempts in flight too.
	for i := range 45 {
		env.DB.Exec(`INSERT INTO login_failures (email, ip) VALUES (?, '192.0.2.1')`, "other"+string(rune('a'+i%26))+"@example.fi")
	}
	login(env, "someone-else@example.fi", password).Problem(http.StatusTooManyRequests, "rate-limited")
	release()
	wg.Wait()
	close(statuses)
	for s := range statuses {
		if s != http.StatusUnauthorized {
			t.Errorf("a queued wrong guess answered %d, want 401", s)
		}
	}
}
